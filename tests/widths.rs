//! One table of width thresholds (src/widths.rs): the style sheet names no
//! width of its own in a media query, and the first picture's copies are
//! shown exactly over the viewport widths the table gives them.

use mxviz::layout::Mode;
use mxviz::widths::{stage_width, CSS_WIDTHS, PICTURES};

fn style_sheet() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).expect("static/style.css")
}

/// Every `@media` query's widths, with the rule's text up to the next query.
fn media_queries(css: &str) -> Vec<(String, Vec<(String, u32)>, String)> {
    let mut out = Vec::new();
    let starts: Vec<usize> = css.match_indices("@media").map(|(i, _)| i).collect();
    for (n, &start) in starts.iter().enumerate() {
        let open = start + css[start..].find('{').expect("a media query opens a block");
        let query = css[start..open].trim().to_string();
        let end = starts.get(n + 1).copied().unwrap_or(css.len());
        let mut widths = Vec::new();
        for part in query.split('(').skip(1) {
            let part = part.split(')').next().unwrap_or_default();
            let Some((name, value)) = part.split_once(':') else { continue };
            let name = name.trim();
            if name == "min-width" || name == "max-width" {
                let px: u32 = value.trim().trim_end_matches("px").parse().unwrap_or_else(|_| panic!("{query}: {value} is not in px"));
                widths.push((name.to_string(), px));
            }
        }
        out.push((query, widths, css[open..end].to_string()));
    }
    out
}

#[test]
fn every_width_in_a_media_query_is_in_the_table() {
    let css = style_sheet();
    let queries = media_queries(&css);
    assert!(queries.len() >= 10, "found only {} media queries", queries.len());
    for (query, widths, _) in &queries {
        for (_, px) in widths {
            assert!(CSS_WIDTHS.contains(px), "style.css `{query}` names {px}px, which src/widths.rs does not list");
        }
    }
}

#[test]
fn each_first_picture_copy_shows_over_its_range_of_widths() {
    let css = style_sheet();
    let queries = media_queries(&css);
    for picture in PICTURES {
        let rules: Vec<_> = queries.iter().filter(|(_, _, body)| body.contains(&format!(".{}.fp-en", picture.class))).collect();
        assert_eq!(rules.len(), 1, "{}: one rule shows it", picture.class);
        let (query, widths, body) = rules[0];
        assert!(body.contains(&format!(".{}.fp-zh", picture.class)), "{}: its Chinese copy shows with it", picture.class);
        let min = widths.iter().find(|(n, _)| n == "min-width").map_or(0, |w| w.1);
        let max = widths.iter().find(|(n, _)| n == "max-width").map(|w| w.1);
        assert_eq!((min, max), (picture.min, picture.max), "{}: `{query}`", picture.class);
    }
}

#[test]
fn each_picture_copy_has_the_stage_layout_of_its_whole_range() {
    // A copy drawn as a column but shown where the live app draws the wide
    // stage would change its layout when the app goes live.
    for p in PICTURES {
        let drawn = Mode::for_width(stage_width(f64::from(p.viewport.0), p.embed));
        let narrowest = Mode::for_width(stage_width(f64::from(p.min.max(320)), p.embed));
        assert_eq!(drawn, narrowest, "{} at its narrowest", p.class);
        if let Some(max) = p.max {
            assert_eq!(drawn, Mode::for_width(stage_width(f64::from(max), p.embed)), "{} at its widest", p.class);
        }
    }
}
