//! Lengths of time in Chinese words: "30 分钟", "8 分 58 秒", "5 天",
//! "1 小时 5 分", the twin of `model::time::Span` (which prints "30m",
//! "8m 58s"), with the same precision. "30m" in a Chinese sentence reads as
//! thirty metres. Clock readings (`T+55m`) stay as `Time` prints them.

/// A length of `ms` milliseconds: days and hours (and minutes if any),
/// hours and minutes, minutes and seconds, or seconds. Minutes alone are
/// "分钟", beside another unit "分".
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    let (d, h, m, sec) = (s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    let mut parts: Vec<String> = Vec::new();
    if d > 0 {
        parts.push(format!("{d} 天"));
        if h > 0 {
            parts.push(format!("{h} 小时"));
        }
        if m > 0 {
            parts.push(format!("{m} 分"));
        }
    } else if h > 0 {
        parts.push(format!("{h} 小时"));
        if m > 0 {
            parts.push(format!("{m} 分"));
        }
    } else if m > 0 {
        if sec > 0 {
            parts.push(format!("{m} 分"));
            parts.push(format!("{sec} 秒"));
        } else {
            parts.push(format!("{m} 分钟"));
        }
    } else if ms.is_multiple_of(1000) {
        parts.push(format!("{s} 秒"));
    } else {
        let frac = format!("{:03}", ms % 1000);
        parts.push(format!("{s}.{} 秒", frac.trim_end_matches('0')));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_in_chinese() {
        assert_eq!(duration(30 * 60_000), "30 分钟");
        assert_eq!(duration((8 * 60 + 58) * 1000), "8 分 58 秒");
        assert_eq!(duration(5 * 86_400_000), "5 天");
        assert_eq!(duration(5 * 86_400_000 + 55 * 60_000), "5 天 55 分");
        assert_eq!(duration(86_400_000 + 3 * 3_600_000), "1 天 3 小时");
        assert_eq!(duration(3_600_000), "1 小时");
        assert_eq!(duration(3_900_000), "1 小时 5 分");
        assert_eq!(duration(30_000), "30 秒");
        assert_eq!(duration(4_320), "4.32 秒");
        assert_eq!(duration(0), "0 秒");
    }
}

/// A moment of the story's clock in a Chinese sentence: "T+10 分",
/// "T+1 小时 5 分", "T+31.7 秒" (`Time` prints "T+10m", which reads as
/// ten metres in Chinese text). The clock on the stage keeps `Time`'s form.
pub fn clock(t: crate::model::Time) -> String {
    let d = duration(t.millis());
    format!("T+{}", d.strip_suffix("分钟").map_or(d.clone(), |m| format!("{m}分")))
}
