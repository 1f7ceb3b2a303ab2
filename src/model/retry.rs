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

/// One rule of an Exim retry configuration (`F,2h,15m`, `G,16h,1h,1.5`):
/// until `cutoff` seconds after the first failure, wait `first` seconds
/// between tries, each wait `factor` times the one before for a
/// geometric (`G`) rule. Exim's spec, chapter "Retry configuration".
#[derive(Clone, Debug, PartialEq)]
pub struct EximRule {
    pub geometric: bool,
    pub cutoff: u64,
    pub first: u64,
    pub factor: f64,
}

/// Exim's retry rules and its queue runner (`exim -q<interval>`): a deferred
/// message is tried at the first queue run after its retry time; after the
/// last rule's cutoff, its next try is the last, and a failure bounces.
#[derive(Clone, Debug, PartialEq)]
pub struct EximRetry {
    pub rules: Vec<EximRule>,
    /// Seconds between queue runs from T+0; 0: tried at the retry time.
    pub queue_run: u64,
}

/// Exim's default rule.
pub const EXIM_DEFAULT_RULES: &str = "F,2h,15m; G,16h,1h,1.5; F,4d,6h";

impl Default for EximRetry {
    fn default() -> Self {
        EximRetry { rules: parse_exim_rules(EXIM_DEFAULT_RULES).unwrap_or_default(), queue_run: 0 }
    }
}

/// A time in Exim's notation: `90s`, `15m`, `2h`, `4d`, `1w`, or a
/// sequence (`1h30m`).
fn parse_exim_time(text: &str) -> Option<u64> {
    let (mut total, mut number) = (0u64, None::<u64>);
    for c in text.trim().chars() {
        match c {
            '0'..='9' => number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(u64::from(c as u8 - b'0'))?),
            's' | 'm' | 'h' | 'd' | 'w' => {
                let unit = match c {
                    's' => 1,
                    'm' => MINUTE,
                    'h' => HOUR,
                    'd' => DAY,
                    _ => 7 * DAY,
                };
                total = total.checked_add(number.take()?.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    // A bare number is seconds.
    Some(total + number.unwrap_or(0)).filter(|t| *t > 0)
}

fn exim_time(secs: u64) -> String {
    for (unit, name) in [(7 * DAY, 'w'), (DAY, 'd'), (HOUR, 'h'), (MINUTE, 'm')] {
        if secs % unit == 0 {
            return format!("{}{name}", secs / unit);
        }
    }
    format!("{secs}s")
}

/// Reads `F,2h,15m; G,16h,1h,1.5; F,4d,6h`; `None` if it is not that shape
/// or the cutoffs do not grow.
pub fn parse_exim_rules(text: &str) -> Option<Vec<EximRule>> {
    let mut rules = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let fields: Vec<&str> = part.split(',').map(str::trim).collect();
        let rule = match fields.as_slice() {
            ["F" | "f", cutoff, first] => {
                EximRule { geometric: false, cutoff: parse_exim_time(cutoff)?, first: parse_exim_time(first)?, factor: 1.0 }
            }
            ["G" | "g", cutoff, first, factor] => EximRule {
                geometric: true,
                cutoff: parse_exim_time(cutoff)?,
                first: parse_exim_time(first)?,
                factor: factor.parse().ok().filter(|f: &f64| f.is_finite() && (1.0..=100.0).contains(f))?,
            },
            _ => return None,
        };
        if rules.last().is_some_and(|r: &EximRule| r.cutoff >= rule.cutoff) {
            return None;
        }
        rules.push(rule);
    }
    (!rules.is_empty()).then_some(rules)
}

/// The rules in Exim's own notation.
pub fn exim_rules_text(rules: &[EximRule]) -> String {
    rules
        .iter()
        .map(|r| match r.geometric {
            true => format!("G,{},{},{}", exim_time(r.cutoff), exim_time(r.first), r.factor),
            false => format!("F,{},{}", exim_time(r.cutoff), exim_time(r.first)),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl EximRetry {
    pub fn is_default(&self) -> bool {
        *self == EximRetry::default()
    }

    fn lifetime(&self) -> u64 {
        self.rules.last().map_or(4 * DAY, |r| r.cutoff)
    }

    /// The wait Exim computes after a failure `age` seconds after the
    /// first: the rule in force at that age; in a geometric rule, the
    /// previous computed wait times the factor (at least its first).
    /// `previous` is the wait actually taken, which a queue run may have
    /// stretched: Exim grows the smaller of the computed and the actual
    /// wait, so the computed one is recovered as the largest term of the
    /// rule's series that fits (within a second: waits are counted in
    /// whole seconds).
    fn wait(&self, age: u64, previous: Option<u64>) -> u64 {
        let Some(rule) = self.rules.iter().find(|r| age < r.cutoff).or(self.rules.last()) else { return HOUR };
        if !rule.geometric {
            return rule.first.max(1);
        }
        let Some(previous) = previous.map(|p| p + 1).filter(|p| *p >= rule.first) else { return rule.first.max(1) };
        let mut term = rule.first as f64;
        while term * rule.factor <= previous as f64 {
            term *= rule.factor;
        }
        ((term * rule.factor) as u64).max(1)
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
    /// Exim's retry rules, by default `F,2h,15m; G,16h,1h,1.5; F,4d,6h`.
    #[serde(serialize_with = "exim_fields")]
    Exim(EximRetry),
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

    /// Exim's default rule, tried at the retry time.
    pub fn exim() -> RetryPolicy {
        RetryPolicy::Exim(EximRetry::default())
    }

    /// How long a message may stay queued before the holder gives up.
    pub fn lifetime_secs(&self) -> u64 {
        match self {
            RetryPolicy::Postfix(q) => q.maximal_queue_lifetime,
            RetryPolicy::RfcMinimum => 5 * DAY,
            RetryPolicy::Exim(e) => e.lifetime(),
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
            // Never past the cutoff: the try at it is the last.
            RetryPolicy::Exim(e) => {
                let at = now.plus_secs(e.wait(age, previous)).min(since.plus_secs(e.lifetime())).max(now.plus_ms(1000));
                // Exim counts in whole seconds: a retry time of 46 is reached by the queue run at 46.4.
                if e.queue_run == 0 { at } else { at_scan(at.secs(), e.queue_run) }
            }
            _ => now.plus_secs(self.next_delay_secs(previous, age)),
        }
    }

    /// The wait before the next try for the policies that grow the previous
    /// wait (none after the first failure), given the message's age.
    fn next_delay_secs(&self, previous: Option<u64>, age_secs: u64) -> u64 {
        match self {
            RetryPolicy::Postfix(q) => age_secs.clamp(q.minimal_backoff_time, q.maximal_backoff_time),
            RetryPolicy::RfcMinimum => 30 * MINUTE,
            RetryPolicy::Exim(e) => e.wait(age_secs, previous),
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
            RetryPolicy::Exim(e) => {
                if e.rules.iter().any(|r| r.first == 0) || e.queue_run > 86_400 {
                    Err(RetryProblem::WaitTooShort)
                } else if e.lifetime() > 365 * DAY {
                    Err(RetryProblem::BadLifetime)
                } else if e.rules.iter().map(|r| r.cutoff / r.first.max(1)).sum::<u64>() > MAX_TRIES {
                    Err(RetryProblem::TooManyTries)
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }
}

/// `{"policy": "exim"}`, with `rules` (Exim's notation) and `queue_run`
/// where they are not the defaults.
fn exim_fields<S: serde::Serializer>(e: &EximRetry, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let default = EximRetry::default();
    let mut map = s.serialize_map(None)?;
    if e.rules != default.rules {
        map.serialize_entry("rules", &exim_rules_text(&e.rules))?;
    }
    if e.queue_run != 0 {
        map.serialize_entry("queue_run", &e.queue_run)?;
    }
    map.end()
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
        let t = tries(&RetryPolicy::exim(), 0, 4 * DAY + 1);
        let gaps: Vec<u64> = t.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(&gaps[..8], &[900; 8]);
        assert_eq!(gaps[8], 3600);
        assert_eq!(gaps[9], 5400);
        assert_eq!(gaps[10], 8100);
        assert_eq!(gaps[gaps.len() - 2], 6 * HOUR);
        // The last try is at the cutoff itself, never after it.
        assert_eq!(*t.last().unwrap(), 4 * DAY);
        assert_eq!(RetryPolicy::exim().lifetime_secs(), 4 * DAY);
    }

    #[test]
    fn rule_5_2_exim_rules_and_queue_runs_as_recorded() {
        // The Exim lab's rule, queue runs every 10 s (exim-sender-queue-gives-up:
        // tries 0, 27, 47, 67, 97, 147, 217, 277, 307 s after submission, the
        // queue runs 3.6 s after the daemon's start: here T+0 is the start).
        let lab = RetryPolicy::Exim(EximRetry { rules: parse_exim_rules("F,60s,20s; G,3m,30s,1.5; F,5m,60s").unwrap(), queue_run: 10 });
        let mut at = Time::ZERO.plus_ms(3_630);
        let (since, mut prev, mut out) = (at, None, vec![]);
        while at.secs() < 400 && out.len() < 20 {
            out.push(at.secs());
            let failed = at.plus_ms(50);
            if failed.since(since) / 1000 >= lab.lifetime_secs() {
                break;
            }
            let next = lab.next_try(failed, since, prev);
            prev = Some(next.since(failed) / 1000);
            at = next;
        }
        assert_eq!(out, [3, 30, 50, 70, 100, 150, 220, 280, 310]);
        assert_eq!(exim_rules_text(&parse_exim_rules("F,2h,15m; G,16h,1h,1.5; F,4d,6h").unwrap()), EXIM_DEFAULT_RULES);
        assert_eq!(parse_exim_rules("F,1h30m,90"), Some(vec![EximRule { geometric: false, cutoff: 5400, first: 90, factor: 1.0 }]));
        for bad in ["", "F,2h", "X,1h,1m", "F,2h,15m; F,1h,1m", "G,1h,1m,0.5", "F,-1h,1m"] {
            assert_eq!(parse_exim_rules(bad), None, "{bad}");
        }
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
