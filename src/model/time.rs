//! Virtual time. The model never reads a clock: every instant is a number of
//! milliseconds since the scenario started, passed in by whoever drives it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the start of the scenario ("T+0").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Time(pub u64);

impl Time {
    pub const ZERO: Time = Time(0);

    pub const fn from_secs(s: u64) -> Time {
        Time(s * 1000)
    }
    pub const fn millis(self) -> u64 {
        self.0
    }
    pub const fn secs(self) -> u64 {
        self.0 / 1000
    }
    pub const fn plus_ms(self, ms: u64) -> Time {
        Time(self.0.saturating_add(ms))
    }
    pub const fn plus_secs(self, s: u64) -> Time {
        Time(self.0.saturating_add(s.saturating_mul(1000)))
    }
    /// Milliseconds from `earlier` to `self`, zero if `earlier` is later.
    pub const fn since(self, earlier: Time) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// "T+2h 15m", "T+4.32s", "T+5d 0h": the clock readers see on the stage.
impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T+{}", Span(self.0))
    }
}

/// A length of time in milliseconds, printed the way a person says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span(pub u64);

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        let s = ms / 1000;
        let (d, h, m, sec) = (s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
        if d > 0 {
            write!(f, "{d}d {h}h")?;
            if m > 0 {
                write!(f, " {m}m")?;
            }
            Ok(())
        } else if h > 0 {
            write!(f, "{h}h {m}m")
        } else if m > 0 {
            if sec > 0 { write!(f, "{m}m {sec}s") } else { write!(f, "{m}m") }
        } else if ms.is_multiple_of(1000) {
            write!(f, "{s}s")
        } else {
            write!(f, "{}.{:03}s", s, ms % 1000)
        }
    }
}

/// The wall-clock date of the scenario's start: Monday 2 March 2026, 09:00 UTC.
/// Only used to print `Date:` and `Received:` headers; the model itself counts
/// milliseconds.
pub const EPOCH_UNIX_SECS: u64 = 1_772_442_000;

/// An RFC 5322 date (`Mon, 02 Mar 2026 09:00:00 +0000`) for a virtual instant.
pub fn rfc5322_date(t: Time) -> String {
    let unix = EPOCH_UNIX_SECS + t.secs();
    let days = unix / 86_400;
    let secs_of_day = unix % 86_400;
    let (y, mo, d) = civil_from_days(days as i64);
    // 1970-01-01 was a Thursday.
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        [(mo - 1) as usize];
    format!(
        "{weekday}, {d:02} {month} {y} {:02}:{:02}:{:02} +0000",
        secs_of_day / 3600,
        (secs_of_day / 60) % 60,
        secs_of_day % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's
/// `civil_from_days`; a dozen lines do not justify a date crate in the wasm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_like_a_person_would_say_it() {
        assert_eq!(Time(0).to_string(), "T+0s");
        assert_eq!(Time(4_320).to_string(), "T+4.320s");
        assert_eq!(Time::from_secs(300).to_string(), "T+5m");
        assert_eq!(Time::from_secs(2 * 3600 + 15 * 60).to_string(), "T+2h 15m");
        assert_eq!(Time::from_secs(5 * 86_400).to_string(), "T+5d 0h");
    }

    #[test]
    fn dates_are_rfc5322() {
        assert_eq!(rfc5322_date(Time::ZERO), "Mon, 02 Mar 2026 09:00:00 +0000");
        assert_eq!(rfc5322_date(Time::from_secs(86_400 * 30 + 61)), "Wed, 01 Apr 2026 09:01:01 +0000");
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
