//! The built-in stories' titles and explanations in the reader's language.
//! English is in `presets.rs` beside each story's scenario; other languages
//! are tables by story id (`zh/stories.rs`).

use super::Lang;
use crate::presets::Preset;

fn zh(p: &Preset) -> Option<(&'static str, &'static str)> {
    super::zh::stories::STORIES.iter().find(|(id, ..)| *id == p.id).map(|(_, t, e)| (*t, *e))
}

pub fn title(p: &Preset, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => p.title,
        // A story added without its Chinese fails the test below, not the page.
        Lang::Zh => zh(p).map_or(p.title, |(t, _)| t),
    }
}

pub fn explanation(p: &Preset, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => p.explanation,
        Lang::Zh => zh(p).map_or(p.explanation, |(_, e)| e),
    }
}

/// The story's lesson in one line.
pub fn lesson(p: &Preset, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => p.lesson,
        Lang::Zh => super::zh::stories::LESSONS.iter().find(|(id, _)| *id == p.id).map_or(p.lesson, |(_, l)| l),
    }
}

/// The first sentence of an explanation, for its folded one-line form.
pub fn first_sentence(text: &str) -> &str {
    let end = [". ", "。"].iter().filter_map(|m| text.find(m).map(|i| i + m.trim_end().len())).min();
    match end {
        Some(i) if i < text.len() => &text[..i],
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    #[test]
    fn every_story_is_told_in_every_language() {
        assert_eq!(super::super::zh::stories::STORIES.len(), PRESETS.len());
        for p in PRESETS {
            let (t, e) = zh(p).unwrap_or_else(|| panic!("{} has no Chinese title and explanation", p.id));
            assert!(!t.is_empty() && !e.is_empty(), "{}", p.id);
            assert!(t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}: {t}", p.id);
            // Every story ends with its lesson, in both languages.
            assert!(!p.lesson.is_empty(), "{} has no lesson", p.id);
            assert!(lesson(p, Lang::Zh).chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} has no Chinese lesson", p.id);
        }
    }

    #[test]
    fn first_sentences_end_at_their_full_stop() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("一句。两句。"), "一句。");
        assert_eq!(first_sentence("No stop"), "No stop");
    }
}
