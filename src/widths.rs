//! The one table of width thresholds. The stage's layout (`layout::Mode`),
//! the style sheet's `@media` queries and the first picture's copies all
//! follow it: `tests/widths.rs` checks that every width in
//! `static/style.css` is one of these, and `make build` renders the first
//! picture for each of [`PICTURES`].
//!
//! Two kinds of width: the *stage's* own width (the SVG is drawn one unit
//! per CSS pixel for it), and the *viewport's* (what a media query sees).

/// From this stage width the stage is laid out wide (one row of servers).
pub const STAGE_WIDE: f64 = 900.0;
/// From this stage width, a blog column; below it, a phone's narrow stage.
pub const STAGE_COLUMN: f64 = 560.0;

/// The page puts its panels beside the stage from this viewport width
/// (`@media (min-width: 981px)`, `(max-width: 980px)`).
pub const PAGE_SIDE_PANELS: u32 = 981;
/// Up to this viewport width the page is a phone's: compact header,
/// controls right under the stage.
pub const PHONE: u32 = 600;
/// Up to this width an embed hides its chapter list and shortens its link.
pub const SMALL_EMBED: u32 = 520;
/// Up to this width the header drops its theme button.
pub const TINY: u32 = 400;
/// An embed at least this wide (and 520 px tall) shows a panel beside the stage.
pub const EMBED_SIDE_PANEL: u32 = 900;

/// The viewport widths from which the live app draws the stage as a column
/// rather than a phone's (its stage is then [`STAGE_COLUMN`] wide): where
/// the first picture changes copy. Tested against [`stage_width`].
pub const PAGE_COLUMN_FROM: u32 = 618;
pub const EMBED_COLUMN_FROM: u32 = 586;
/// From this viewport width to [`PAGE_SIDE_PANELS`] the page's one column
/// gives the stage its wide layout ([`STAGE_WIDE`]).
pub const PAGE_WIDE_FROM: u32 = 958;
/// And from this width an embed's stage is wide.
pub const EMBED_WIDE_FROM: u32 = 926;

/// Every width `static/style.css` may name in a media query, as written
/// there (`max-width: 980px` is the last width without side panels).
pub const CSS_WIDTHS: &[u32] = &[
    PAGE_SIDE_PANELS,
    PAGE_SIDE_PANELS - 1,
    PHONE,
    SMALL_EMBED,
    TINY,
    EMBED_SIDE_PANEL,
    PAGE_COLUMN_FROM,
    PAGE_COLUMN_FROM - 1,
    EMBED_COLUMN_FROM,
    EMBED_COLUMN_FROM - 1,
    PAGE_WIDE_FROM,
    PAGE_WIDE_FROM - 1,
    EMBED_WIDE_FROM,
    EMBED_WIDE_FROM - 1,
];

/// Outer widths of the page's parts, as style.css sets them: the app's
/// side padding, the stage frame's border and padding, the side panel's
/// minimum, the grid's gap, the page's widest.
const APP_PADDING: f64 = 16.0;
const PHONE_APP_PADDING: f64 = 8.0;
const EMBED_APP_PADDING: f64 = 4.0;
const STAGE_FRAME: f64 = 1.0 + 12.0;
const EMBED_STAGE_FRAME: f64 = 1.0 + 8.0;
const GRID_GAP: f64 = 16.0;
const SIDE_PANEL_MIN: f64 = 320.0;
const PAGE_MAX: f64 = 1500.0;

/// The stage's width in a viewport this wide (without its scroll bar), as
/// style.css lays the page out: the width the live app draws for at once,
/// before it can measure, and the first picture's. The live app measures
/// the real width as soon as it is on the page.
pub fn stage_width(viewport: f64, embed: bool) -> f64 {
    let width = if embed {
        viewport - 2.0 * EMBED_APP_PADDING - 2.0 * EMBED_STAGE_FRAME
    } else if viewport >= f64::from(PAGE_SIDE_PANELS) {
        let content = viewport.min(PAGE_MAX) - 2.0 * APP_PADDING - GRID_GAP;
        // `minmax(0, 1.75fr) minmax(320px, 1fr)`.
        let stage_column = (content * 1.75 / 2.75).min(content - SIDE_PANEL_MIN);
        stage_column - 2.0 * STAGE_FRAME
    } else if viewport > f64::from(PHONE) {
        viewport - 2.0 * APP_PADDING - 2.0 * STAGE_FRAME
    } else {
        viewport - 2.0 * PHONE_APP_PADDING - 2.0 * STAGE_FRAME
    };
    width.floor().max(0.0)
}

/// One copy of the first picture: the kind of page, the viewport widths
/// it is shown at (style.css, `.fp-…` rules), and the viewport it is
/// drawn for.
#[derive(Clone, Copy, Debug)]
pub struct Picture {
    /// Its class in index.html and style.css.
    pub class: &'static str,
    pub embed: bool,
    /// Shown from this viewport width…
    pub min: u32,
    /// …up to this one.
    pub max: Option<u32>,
    /// Drawn for a viewport this wide (and this tall, for an embed).
    pub viewport: (u32, u32),
}

/// The first picture's copies: the page at its three layouts and an embed
/// in a blog column and on a phone.
pub const PICTURES: &[Picture] = &[
    Picture { class: "fp-page-wide", embed: false, min: PAGE_SIDE_PANELS, max: None, viewport: (1280, 800) },
    Picture { class: "fp-page-one-wide", embed: false, min: PAGE_WIDE_FROM, max: Some(PAGE_SIDE_PANELS - 1), viewport: (970, 800) },
    Picture { class: "fp-page-column", embed: false, min: PAGE_COLUMN_FROM, max: Some(PAGE_WIDE_FROM - 1), viewport: (768, 1000) },
    Picture { class: "fp-page-narrow", embed: false, min: 0, max: Some(PAGE_COLUMN_FROM - 1), viewport: (390, 844) },
    Picture { class: "fp-embed-wide", embed: true, min: EMBED_WIDE_FROM, max: None, viewport: (1000, 500) },
    Picture { class: "fp-embed-column", embed: true, min: EMBED_COLUMN_FROM, max: Some(EMBED_WIDE_FROM - 1), viewport: (650, 450) },
    Picture { class: "fp-embed-narrow", embed: true, min: 0, max: Some(EMBED_COLUMN_FROM - 1), viewport: (390, 450) },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_picture_is_drawn_for_a_viewport_inside_its_range() {
        for p in PICTURES {
            assert!(p.viewport.0 >= p.min, "{}", p.class);
            assert!(p.max.is_none_or(|m| p.viewport.0 <= m), "{}", p.class);
        }
    }

    #[test]
    fn the_pictures_cover_every_width_once_for_each_kind_of_page() {
        for embed in [false, true] {
            for w in 200..2000 {
                let n = PICTURES.iter().filter(|p| p.embed == embed && w >= p.min && p.max.is_none_or(|m| w <= m)).count();
                assert_eq!(n, 1, "width {w}, embed {embed}");
            }
        }
    }

    #[test]
    fn the_thresholds_are_where_the_stage_changes_its_layout() {
        for (from, embed, stage) in [
            (PAGE_COLUMN_FROM, false, STAGE_COLUMN),
            (EMBED_COLUMN_FROM, true, STAGE_COLUMN),
            (PAGE_WIDE_FROM, false, STAGE_WIDE),
            (EMBED_WIDE_FROM, true, STAGE_WIDE),
        ] {
            assert_eq!(stage_width(f64::from(from), embed), stage, "{from}, embed {embed}");
            assert!(stage_width(f64::from(from - 1), embed) < stage, "{from}, embed {embed}");
        }
    }

    #[test]
    fn the_stage_is_narrower_than_the_viewport() {
        for embed in [false, true] {
            for w in (320..2000).step_by(10) {
                let s = stage_width(f64::from(w), embed);
                assert!(s > 0.0 && s < f64::from(w), "{w} {embed}: {s}");
            }
        }
    }
}
