//! When to try again, and when to give up (rules.md 5.2).

use super::time::Time;
use serde::Serialize;

const MINUTE: u64 = 60;
const HOUR: u64 = 3600;
const DAY: u64 = 86_400;

/// The most tries a custom schedule may make over its lifetime.
pub const MAX_TRIES: u64 = 2_000;

/// Why a custom schedule is refused (the text layer words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryProblem {
    /// A wait of 0 seconds.
    WaitTooShort,
    /// The growth factor is not between 1 and 100.
    BadFactor,
    /// The lifetime is not between 1 second and 1 year.
    BadLifetime,
    /// The longest wait is shorter than the first.
    MaxBelowFirst,
    /// More than `MAX_TRIES` tries.
    TooManyTries,
}

/// Postfix's queue manager settings that decide when a deferred message is
/// tried again (postconf(5)); the defaults are Postfix 3.7's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostfixQueue {
    #[serde(skip_serializing_if = "is_300")]
    pub minimal_backoff_time: u64,
    #[serde(skip_serializing_if = "is_4000")]
    pub maximal_backoff_time: u64,
    #[serde(skip_serializing_if = "is_300")]
    pub queue_run_delay: u64,
    #[serde(skip_serializing_if = "is_5days")]
    pub maximal_queue_lifetime: u64,
}

fn is_300(n: &u64) -> bool {
    *n == 300
}
fn is_4000(n: &u64) -> bool {
    *n == 4000
}
fn is_5days(n: &u64) -> bool {
    *n == 5 * DAY
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Default for PostfixQueue {
    fn default() -> Self {
        PostfixQueue { minimal_backoff_time: 300, maximal_backoff_time: 4000, queue_run_delay: 300, maximal_queue_lifetime: 5 * DAY }
    }
}

/// A retry schedule. Every number is in seconds.
/// Written with its `policy` tag; read by `format.rs` (no buffering, the
/// same JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum RetryPolicy {
    /// Postfix: after a failure, wait the message's age in the queue,
    /// clamped to [`minimal_backoff_time`, `maximal_backoff_time`], and try
    /// at the queue manager's next scan of the deferred queue
    /// (`queue_run_delay`); give up after `maximal_queue_lifetime`. With the
    /// defaults the tries fall at about 0, 300, 600, 1200, 2400, 4800, 8800 s,
    /// then every 4000 s.
    Postfix(PostfixQueue),
    /// Exim's default rule `F,2h,15m; G,16h,1h,1.5; F,4d,6h`.
    Exim,
    /// RFC 5321 4.5.4.1: at least 30 minutes apart, give up after 4-5 days.
    RfcMinimum,
    /// Any numbers: first wait, growth factor, longest wait, lifetime. With
    /// `by_age` the wait is the message's age clamped to [first, max], as
    /// Postfix does (the factor is then unused); with `scan` tries start only
    /// at multiples of it.
    Custom {
        first: u64,
        factor: f64,
        max: u64,
        lifetime: u64,
        #[serde(skip_serializing_if = "is_false")]
        by_age: bool,
        #[serde(skip_serializing_if = "is_zero")]
        scan: u64,
    },
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::Postfix(PostfixQueue::default())
    }
}

/// The first queue scan at or after `secs` (every scan seconds from T+0).
fn at_scan(secs: u64, scan: u64) -> Time {
    if scan == 0 { Time::from_secs(secs) } else { Time::from_secs(secs.div_ceil(scan) * scan) }
}

/// Postfix's queue manager, in whole seconds: the deferred message's file
/// time is set `wait` ahead, and a scan takes every message whose time is
/// at most one second ahead of it (qmgr skips `mtime > now + 1`): up to a
/// second early, never at the moment of the deferral itself (recorded with
/// Postfix 3.7, issue 21).
fn postfix_scan(now: Time, wait: u64, scan: u64) -> Time {
    at_scan((now.secs() + wait).saturating_sub(1).max(now.secs() + 1), scan)
}

impl RetryPolicy {
    pub fn postfix() -> RetryPolicy {
        RetryPolicy::default()
    }

    /// How long a message may stay queued before the holder gives up.
    pub fn lifetime_secs(&self) -> u64 {
        match self {
            RetryPolicy::Postfix(q) => q.maximal_queue_lifetime,
            RetryPolicy::RfcMinimum => 5 * DAY,
            RetryPolicy::Exim => 4 * DAY,
            RetryPolicy::Custom { lifetime, .. } => *lifetime,
        }
    }

    /// When to try again after a failure `now`, for a message queued
    /// `since`, whose previous wait was `previous`. Ages are counted in
    /// whole seconds, as Postfix's queue manager counts them.
    pub fn next_try(&self, now: Time, since: Time, previous: Option<u64>) -> Time {
        let age = now.secs().saturating_sub(since.secs());
        match self {
            RetryPolicy::Postfix(q) => {
                let wait = age.clamp(q.minimal_backoff_time, q.maximal_backoff_time.max(q.minimal_backoff_time));
                postfix_scan(now, wait, q.queue_run_delay)
            }
            RetryPolicy::Custom { first, max, by_age: true, scan, .. } => {
                let wait = age.clamp((*first).max(1), (*max).max(*first).max(1));
                postfix_scan(now, wait, *scan)
            }
            RetryPolicy::Custom { scan, .. } if *scan > 0 => at_scan(now.secs() + self.next_delay_secs(previous, age), *scan),
            _ => now.plus_secs(self.next_delay_secs(previous, age)),
        }
    }

    /// The wait before the next try for the policies that grow the previous
    /// wait (none after the first failure), given the message's age.
    fn next_delay_secs(&self, previous: Option<u64>, age_secs: u64) -> u64 {
        match self {
            RetryPolicy::Postfix(q) => age_secs.clamp(q.minimal_backoff_time, q.maximal_backoff_time),
            RetryPolicy::RfcMinimum => 30 * MINUTE,
            RetryPolicy::Exim => {
                if age_secs < 2 * HOUR {
                    15 * MINUTE
                } else if age_secs < 16 * HOUR {
                    match previous {
                        Some(p) if p >= HOUR => (p as f64 * 1.5) as u64,
                        _ => HOUR,
                    }
                } else {
                    6 * HOUR
                }
            }
            RetryPolicy::Custom { first, factor, max, .. } => match previous {
                None => (*first).max(1),
                Some(p) => ((p as f64 * factor) as u64).clamp(1, (*max).max(1)),
            },
        }
    }

    /// Validation: a custom policy must make progress and end.
    pub fn check(&self) -> Result<(), RetryProblem> {
        match self {
            RetryPolicy::Postfix(q) => {
                if q.minimal_backoff_time == 0 || q.queue_run_delay == 0 {
                    Err(RetryProblem::WaitTooShort)
                } else if q.maximal_backoff_time < q.minimal_backoff_time {
                    Err(RetryProblem::MaxBelowFirst)
                } else if q.maximal_queue_lifetime == 0 || q.maximal_queue_lifetime > 365 * DAY {
                    Err(RetryProblem::BadLifetime)
                } else if q.maximal_queue_lifetime / q.maximal_backoff_time.max(q.queue_run_delay) > MAX_TRIES {
                    Err(RetryProblem::TooManyTries)
                } else {
                    Ok(())
                }
            }
            RetryPolicy::Custom { first, factor, max, lifetime, scan, .. } => {
                if *first == 0 || *max == 0 || *scan > 86_400 {
                    Err(RetryProblem::WaitTooShort)
                } else if !factor.is_finite() || *factor < 1.0 || *factor > 100.0 {
                    Err(RetryProblem::BadFactor)
                } else if *lifetime == 0 || *lifetime > 365 * DAY {
                    Err(RetryProblem::BadLifetime)
                } else if *max < *first {
                    Err(RetryProblem::MaxBelowFirst)
                } else if *lifetime / (*max).max(1) > MAX_TRIES {
                    Err(RetryProblem::TooManyTries)
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The try times of a message queued at T+0 whose every try fails
    /// `fails_after_ms` after it starts, until `until` seconds.
    fn tries(p: &RetryPolicy, fails_after_ms: u64, until: u64) -> Vec<u64> {
        let (mut at, mut prev, mut out) = (Time::ZERO, None, vec![]);
        while at.secs() < until {
            out.push(at.secs());
            let failed = at.plus_ms(fails_after_ms);
            let next = p.next_try(failed, Time::ZERO, prev);
            prev = Some(next.since(failed) / 1000);
            at = next;
        }
        out
    }

    #[test]
    fn rule_5_2_postfix_waits_the_age_clamped_and_tries_at_the_next_queue_scan() {
        let t = tries(&RetryPolicy::postfix(), 50, 20_000);
        assert_eq!(&t[..8], &[0, 300, 600, 1200, 2400, 4800, 9000, 13200]);
        // 8800 falls between two scans: the try is at the next one.
        assert!(t.windows(2).skip(6).all(|w| w[1] - w[0] <= 4000 + 300));
        assert_eq!(RetryPolicy::postfix().lifetime_secs(), 432_000);
        // About 110 tries over five days: minutes to hours apart, not seconds.
        let n = tries(&RetryPolicy::postfix(), 50, 5 * DAY).len();
        assert!((100..120).contains(&n), "{n}");
    }

    #[test]
    fn rule_5_2_postfix_with_the_labs_short_settings() {
        let lab = RetryPolicy::Postfix(PostfixQueue {
            minimal_backoff_time: 20,
            maximal_backoff_time: 80,
            queue_run_delay: 10,
            ..PostfixQueue::default()
        });
        assert_eq!(&tries(&lab, 50, 300)[..6], &[0, 20, 40, 80, 160, 240]);
    }

    #[test]
    fn rule_5_2_exim_15m_for_2h_then_1_5x_from_1h_then_6h_for_4_days() {
        let t = tries(&RetryPolicy::Exim, 0, 4 * DAY);
        let gaps: Vec<u64> = t.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(&gaps[..8], &[900; 8]);
        assert_eq!(gaps[8], 3600);
        assert_eq!(gaps[9], 5400);
        assert_eq!(gaps[10], 8100);
        assert_eq!(*gaps.last().unwrap(), 6 * HOUR);
        assert_eq!(RetryPolicy::Exim.lifetime_secs(), 4 * DAY);
    }

    #[test]
    fn rule_5_2_rfc_minimum_30_minutes_apart() {
        assert!(tries(&RetryPolicy::RfcMinimum, 0, DAY).windows(2).all(|w| w[1] - w[0] == 1800));
    }

    #[test]
    fn custom_policy_is_checked_and_may_follow_the_age() {
        let ok = RetryPolicy::Custom { first: 60, factor: 2.0, max: 600, lifetime: 3600, by_age: false, scan: 0 };
        assert!(ok.check().is_ok());
        let gaps: Vec<u64> = tries(&ok, 0, 3600).windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(gaps[..5], [60, 120, 240, 480, 600]);
        let by_age = RetryPolicy::Custom { first: 60, factor: 1.0, max: 600, lifetime: 3600, by_age: true, scan: 60 };
        assert_eq!(&tries(&by_age, 0, 3600)[..5], &[0, 60, 120, 240, 480]);
        assert!(RetryPolicy::Custom { first: 0, factor: 2.0, max: 600, lifetime: 3600, by_age: false, scan: 0 }.check().is_err());
        assert!(RetryPolicy::Custom { first: 1, factor: f64::NAN, max: 600, lifetime: 3600, by_age: false, scan: 0 }.check().is_err());
    }

    #[test]
    fn the_old_postfix_spelling_still_reads() {
        let p: RetryPolicy = serde_json::from_str(r#"{"policy":"postfix"}"#).unwrap();
        assert_eq!(p, RetryPolicy::postfix());
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"policy":"postfix"}"#);
        let c: RetryPolicy = serde_json::from_str(r#"{"policy":"custom","first":60,"factor":2.0,"max":600,"lifetime":3600}"#).unwrap();
        assert!(matches!(c, RetryPolicy::Custom { by_age: false, scan: 0, .. }));
    }
}
