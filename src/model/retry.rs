//! When to try again, and when to give up (DELIVERY-RULES 5.2).

use serde::{Deserialize, Serialize};

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

/// A retry schedule. Every number is in seconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum RetryPolicy {
    /// Postfix: 300 s (`minimal_backoff_time`), doubling up to 4000 s
    /// (`maximal_backoff_time`), give up after 5 days (`maximal_queue_lifetime`).
    #[default]
    Postfix,
    /// Exim's default rule `F,2h,15m; G,16h,1h,1.5; F,4d,6h`.
    Exim,
    /// RFC 5321 4.5.4.1: at least 30 minutes apart, give up after 4-5 days.
    RfcMinimum,
    /// Any numbers: first wait, growth factor, longest wait, lifetime.
    Custom { first: u64, factor: f64, max: u64, lifetime: u64 },
}

impl RetryPolicy {
    /// How long a message may stay queued before the holder gives up.
    pub fn lifetime_secs(&self) -> u64 {
        match self {
            RetryPolicy::Postfix | RetryPolicy::RfcMinimum => 5 * DAY,
            RetryPolicy::Exim => 4 * DAY,
            RetryPolicy::Custom { lifetime, .. } => *lifetime,
        }
    }

    /// The wait before the next try, given the previous wait (none after the
    /// first failure) and the message's age in the queue.
    pub fn next_delay_secs(&self, previous: Option<u64>, age_secs: u64) -> u64 {
        match self {
            RetryPolicy::Postfix => previous.map_or(300, |p| (p * 2).min(4000)),
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
            RetryPolicy::Custom { first, factor, max, lifetime } => {
                if *first == 0 || *max == 0 {
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

    fn schedule(p: &RetryPolicy, until: u64) -> Vec<u64> {
        let (mut age, mut prev, mut out) = (0, None, vec![]);
        while age < until {
            let d = p.next_delay_secs(prev, age);
            out.push(d);
            age += d;
            prev = Some(d);
        }
        out
    }

    #[test]
    fn rule_5_2_postfix_300s_doubling_to_4000s_for_5_days() {
        let s = schedule(&RetryPolicy::Postfix, 5 * DAY);
        assert_eq!(&s[..6], &[300, 600, 1200, 2400, 4000, 4000]);
        assert_eq!(RetryPolicy::Postfix.lifetime_secs(), 432_000);
        // About 110 tries over five days: minutes to hours apart, not seconds.
        assert!((100..120).contains(&s.len()), "{}", s.len());
    }

    #[test]
    fn rule_5_2_exim_15m_for_2h_then_1_5x_from_1h_then_6h_for_4_days() {
        let s = schedule(&RetryPolicy::Exim, 4 * DAY);
        assert_eq!(&s[..8], &[900; 8]);
        assert_eq!(s[8], 3600);
        assert_eq!(s[9], 5400);
        assert_eq!(s[10], 8100);
        assert_eq!(*s.last().unwrap(), 6 * HOUR);
        assert_eq!(RetryPolicy::Exim.lifetime_secs(), 4 * DAY);
    }

    #[test]
    fn rule_5_2_rfc_minimum_30_minutes_apart() {
        assert!(schedule(&RetryPolicy::RfcMinimum, DAY).iter().all(|d| *d == 1800));
    }

    #[test]
    fn custom_policy_is_checked() {
        let ok = RetryPolicy::Custom { first: 60, factor: 2.0, max: 600, lifetime: 3600 };
        assert!(ok.check().is_ok());
        assert_eq!(schedule(&ok, 3600)[..5], [60, 120, 240, 480, 600]);
        assert!(RetryPolicy::Custom { first: 0, factor: 2.0, max: 600, lifetime: 3600 }.check().is_err());
        assert!(RetryPolicy::Custom { first: 1, factor: f64::NAN, max: 600, lifetime: 3600 }.check().is_err());
    }
}
