//! The stage's geometry, natively (src/layout.rs is plain Rust): for every
//! built-in story, in both languages, at the widths the stage is drawn for,
//! every box is inside the stage and apart from the others, the text is big
//! enough, and the layout's mode is the one the width table gives.

use mxviz::layout::{Layout, Mode, Node};
use mxviz::presets::PRESETS;
use mxviz::text::Lang;
use mxviz::widths::{stage_width, STAGE_COLUMN, STAGE_WIDE};

/// Stage widths from a 360 px phone to the widest page, both kinds of page.
fn widths() -> Vec<f64> {
    let mut out: Vec<f64> = [360.0, 390.0, 400.0, 480.0, 650.0, 700.0, 768.0, 958.0, 980.0, 1280.0, 1500.0]
        .iter()
        .flat_map(|&v| [stage_width(v, false), stage_width(v, true)])
        .collect();
    out.extend([STAGE_COLUMN - 1.0, STAGE_COLUMN, STAGE_WIDE - 1.0, STAGE_WIDE]);
    out
}

fn apart(a: &Node, b: &Node) -> bool {
    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
}

#[test]
fn every_box_is_inside_the_stage_and_apart_from_the_others() {
    let mut checked = 0;
    for preset in PRESETS {
        let sim = preset.simulate();
        for lang in Lang::ALL {
            for width in widths() {
                let l = Layout::new(&sim, width, lang);
                let boxes: Vec<Node> = l.nodes.iter().chain(&l.folders).flatten().copied().collect();
                assert!(!boxes.is_empty(), "{} at {width}", preset.id);
                for (i, a) in boxes.iter().enumerate() {
                    assert!(a.x >= 0.0 && a.x + a.w <= l.width + 0.5, "{} {lang:?} at {width}: box {i} {a:?} leaves the stage ({})", preset.id, l.width);
                    assert!(a.y >= 0.0 && a.y + a.h <= l.height + 0.5, "{} {lang:?} at {width}: box {i} {a:?} below the stage ({})", preset.id, l.height);
                    for (j, b) in boxes.iter().enumerate().skip(i + 1) {
                        assert!(apart(a, b), "{} {lang:?} at {width}: boxes {i} {a:?} and {j} {b:?} overlap", preset.id);
                    }
                }
                checked += 1;
            }
        }
    }
    println!("layout: {checked} stages checked");
}

#[test]
fn text_is_readable_and_the_mode_follows_the_width_table() {
    let sim = PRESETS[0].simulate();
    for width in widths() {
        let l = Layout::new(&sim, width, Lang::En);
        let least = if l.mode == Mode::Narrow { 11.0 } else { 12.0 };
        assert!(l.font >= least && l.small >= least, "at {width}: {} / {} px", l.font, l.small);
        let expected = if width >= STAGE_WIDE { Mode::Wide } else if width >= STAGE_COLUMN { Mode::Column } else { Mode::Narrow };
        assert_eq!(l.mode, expected, "at {width}");
        assert_eq!(l.width, width.clamp(300.0, 1600.0));
    }
}
