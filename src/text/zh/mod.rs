//! Simplified Chinese: the sentences built from the model's events, states,
//! faults and problems, one file per subject, each function mirroring its
//! English twin in `src/text/` (which calls it for `Lang::Zh`). Every term
//! comes from `glossary`, so a word reads the same everywhere.
//!
//! Protocol text is never translated: reply lines (`250 2.0.0 Ok`), commands
//! (`RCPT TO`), record types (`MX`, `A`, `CNAME`), `NXDOMAIN`, `SERVFAIL`,
//! host names and addresses; the Chinese explains them. Chinese punctuation
//! goes around Chinese text, with a space between Chinese and Latin words or
//! numbers ("MX 记录").

pub mod duration;
pub mod glossary;
pub mod labels;
pub mod beats;
pub mod narrate;
pub mod problems;
pub mod report;
pub mod stage;
pub mod status;
pub mod stories;

/// The full-width marks that take no space beside them.
const FULL_WIDTH: &[char] = &['（', '）', '：', '，', '。', '；', '“', '”', '、', '？', '！', '《', '》'];

/// A Chinese character (CJK unified ideographs and their extension A).
pub fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{4DBF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Drops the spaces that touch full-width punctuation or stand between two
/// Chinese characters, so that sentences put together from parts read
/// "MX2（mx2.example.com）宕机了" and "被发件服务器退信" while
/// "mx2.example.com 宕机了" keeps its space between Latin and Chinese.
pub fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let at = |j: Option<usize>| j.and_then(|j| chars.get(j)).copied();
        let (before, after) = (at(i.checked_sub(1)), at(Some(i + 1)));
        let full_width = |p: Option<char>| p.is_some_and(|p| FULL_WIDTH.contains(&p));
        let han = |p: Option<char>| p.is_some_and(is_han);
        if c == ' ' && (full_width(before) || full_width(after) || (han(before) && han(after))) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
