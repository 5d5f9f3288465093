//! Text size and colour themes (light, dark, high contrast). Every text is at
//! least 4.5:1 against what it is drawn on, and every graphic that carries
//! meaning (the pain button, the progress bar's fill) at least 3:1 (WCAG
//! 2.2, 1.4.3 and 1.4.11); the tests below compute the ratios.

use egui::{Color32, Stroke, Visuals};

use crate::app::settings::Theme;

/// The colours of a theme that egui's [`Visuals`] have no place for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// The pain button's fill.
    pub pain_fill: Color32,
    /// The pain button's text.
    pub pain_text: Color32,
    /// The filled part of the session's progress bar.
    pub progress_fill: Color32,
    /// The empty part of the progress bar.
    pub progress_track: Color32,
    /// The line around the progress bar, so its whole length shows.
    pub progress_outline: Color32,
    /// The session's phase band, a colour for each look of a phase.
    pub bands: Bands,
}

/// The colours of a phase band: its fill, and the words and shape on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// The band's fill: 3:1 or more against the page.
    pub fill: Color32,
    /// The phase's words and shape on it: 4.5:1 or more against the fill.
    pub text: Color32,
}

/// The band of each look of a phase (each also has its own word and shape:
/// never the colour alone).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bands {
    /// Getting into position, or the short pause before an exercise.
    pub position: Band,
    /// The get-ready countdown.
    pub get_ready: Band,
    /// A hold, a timed position or a practice: doing the exercise.
    pub hold: Band,
    /// A rest between holds.
    pub rest: Band,
    /// Paused.
    pub paused: Band,
}

impl Bands {
    /// Every band with what it is for, for the contrast checks.
    #[cfg(test)]
    fn all(&self) -> [(&'static str, Band); 5] {
        [
            ("position", self.position),
            ("get ready", self.get_ready),
            ("hold", self.hold),
            ("rest", self.rest),
            ("paused", self.paused),
        ]
    }
}

/// A band of `fill` with `text` on it.
const fn band(fill: Color32, text: Color32) -> Band {
    Band { fill, text }
}

impl Palette {
    /// The palette of `theme`.
    pub fn of(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self {
                pain_fill: PAIN_RED,
                pain_text: Color32::WHITE,
                progress_fill: Color32::from_rgb(0, 84, 166),
                progress_track: Color32::from_gray(220),
                progress_outline: Color32::from_gray(80),
                // Dark fills with white words (6.4:1 to 8.7:1), each 6:1 or
                // more on the light page.
                bands: Bands {
                    position: band(Color32::from_rgb(105, 45, 160), Color32::WHITE),
                    get_ready: band(Color32::from_rgb(140, 80, 0), Color32::WHITE),
                    hold: band(Color32::from_rgb(0, 84, 166), Color32::WHITE),
                    rest: band(Color32::from_rgb(0, 110, 50), Color32::WHITE),
                    paused: band(Color32::from_gray(75), Color32::WHITE),
                },
            },
            Theme::Dark => Self {
                pain_fill: PAIN_RED,
                pain_text: Color32::WHITE,
                progress_fill: Color32::from_rgb(90, 170, 255),
                progress_track: Color32::from_gray(10),
                progress_outline: Color32::from_gray(160),
                // Light fills with black words (9:1 or more), each 7.5:1 or
                // more on the dark page.
                bands: Bands {
                    position: band(Color32::from_rgb(200, 150, 255), Color32::BLACK),
                    get_ready: band(Color32::from_rgb(255, 170, 60), Color32::BLACK),
                    hold: band(Color32::from_rgb(110, 180, 255), Color32::BLACK),
                    rest: band(Color32::from_rgb(90, 200, 120), Color32::BLACK),
                    paused: band(Color32::from_gray(190), Color32::BLACK),
                },
            },
            Theme::HighContrast => Self {
                pain_fill: PAIN_RED,
                pain_text: Color32::WHITE,
                progress_fill: HC_YELLOW,
                progress_track: Color32::BLACK,
                progress_outline: Color32::WHITE,
                // Bright fills with black words on the black page (9.5:1 or
                // more both).
                bands: Bands {
                    position: band(Color32::from_rgb(230, 140, 255), Color32::BLACK),
                    get_ready: band(Color32::from_rgb(255, 150, 0), Color32::BLACK),
                    hold: band(HC_YELLOW, Color32::BLACK),
                    rest: band(Color32::from_rgb(0, 230, 120), Color32::BLACK),
                    paused: band(Color32::WHITE, Color32::BLACK),
                },
            },
        }
    }
}

/// A red that carries white text (5.6:1) and stands out from a light page
/// (5.3:1), a dark one (3.1:1) and black (3.8:1).
const PAIN_RED: Color32 = Color32::from_rgb(205, 25, 25);
const HC_YELLOW: Color32 = Color32::from_rgb(255, 230, 0);

/// The theme's visuals, with the warning colour made readable.
fn visuals(theme: Theme) -> Visuals {
    match theme {
        Theme::Light => {
            let mut v = Visuals::light();
            // egui's orange is 2.8:1 on its light page; this brown-orange is 6.1:1.
            v.warn_fg_color = Color32::from_rgb(168, 56, 0);
            // A selected rating or answer stands out from the page (egui's
            // pale blue was 1.55:1), its words black on it.
            v.selection.bg_fill = Color32::from_rgb(80, 140, 215);
            v.selection.stroke = Stroke::new(1.0, Color32::BLACK);
            // A placeholder ("How did it go?") that can be read (2.96:1).
            v.weak_text_color = Some(Color32::from_gray(85));
            // Text fields, buttons and check boxes show their edges (the
            // note field's was 1.06:1).
            v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(130));
            v
        }
        Theme::Dark => {
            let mut v = Visuals::dark();
            // The same in the dark: 2.33:1, 2.78:1 and 1.15:1 before.
            v.selection.bg_fill = Color32::from_rgb(0, 115, 205);
            v.selection.stroke = Stroke::new(1.0, Color32::WHITE);
            v.weak_text_color = Some(Color32::from_gray(150));
            v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(130));
            v
        }
        Theme::HighContrast => high_contrast(),
    }
}

/// The least size (points) of a control: buttons, check boxes and fields
/// are at least this tall (WCAG 2.5.8), check boxes this wide.
pub const TARGET: f32 = 24.0;

/// Applies a theme and a text size (percent) to the whole window.
pub fn apply(ctx: &egui::Context, theme: Theme, text_size_percent: u32) {
    ctx.set_visuals(visuals(theme));
    ctx.all_styles_mut(|style| {
        style.spacing.interact_size.y = style.spacing.interact_size.y.max(TARGET);
        // The check box's box, drawn in a target TARGET square.
        style.spacing.icon_width = 18.0;
        style.spacing.icon_width_inner = 10.0;
    });
    ctx.data_mut(|d| d.insert_temp(palette_id(), Palette::of(theme)));
    ctx.set_zoom_factor(text_size_percent as f32 / 100.0);
}

/// The palette of the theme applied (the light one before any is).
pub fn palette(ctx: &egui::Context) -> Palette {
    ctx.data(|d| d.get_temp(palette_id()))
        .unwrap_or_else(|| Palette::of(Theme::Light))
}

fn palette_id() -> egui::Id {
    egui::Id::unique("neckguide-palette")
}

fn high_contrast() -> Visuals {
    let mut v = Visuals::dark();
    let white = Color32::WHITE;
    let yellow = HC_YELLOW;
    v.override_text_color = Some(white);
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::BLACK;
    v.extreme_bg_color = Color32::BLACK;
    v.faint_bg_color = Color32::from_gray(20);
    v.warn_fg_color = yellow;
    v.hyperlink_color = yellow;
    // A selected answer: white words on it 5.0:1, it on the black page
    // 4.4:1 (2.98:1 before).
    v.selection.bg_fill = Color32::from_rgb(0, 110, 230);
    v.weak_text_color = Some(Color32::from_gray(170));
    v.selection.stroke = Stroke::new(2.0, white);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.bg_stroke = Stroke::new(2.0, white);
        w.fg_stroke = Stroke::new(2.0, white);
        w.bg_fill = Color32::BLACK;
        w.weak_bg_fill = Color32::BLACK;
    }
    v.widgets.hovered.bg_stroke = Stroke::new(3.0, yellow);
    v.widgets.active.bg_stroke = Stroke::new(3.0, yellow);
    v
}

/// The WCAG 2 contrast ratio of colour `a` drawn over the opaque `b` (1 to
/// 21), for the tests that hold the themes to it.
#[cfg(test)]
pub(super) fn contrast(a: Color32, b: Color32) -> f32 {
    /// The WCAG relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    // A see-through colour (egui's placeholder, an edge of no colour) is
    // what it gives over the other: Color32 is premultiplied.
    let over = |fg: Color32, bg: Color32| {
        let rest = u16::from(255 - fg.a());
        let mix = |f: u8, b: u8| {
            let v = u16::from(f) + u16::from(b) * rest / 255;
            u8::try_from(v.min(255)).unwrap_or(u8::MAX)
        };
        Color32::from_rgb(
            mix(fg.r(), bg.r()),
            mix(fg.g(), bg.g()),
            mix(fg.b(), bg.b()),
        )
    };
    let (la, lb) = (luminance(over(a, b)), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair that must stand apart in `theme`: (what, foreground,
    /// background, the least ratio).
    fn pairs(theme: Theme) -> Vec<(String, Color32, Color32, f32)> {
        let v = visuals(theme);
        let p = Palette::of(theme);
        let (text, graphic) = (4.5, 3.0);
        let fixed = vec![
            ("text on the page", v.text_color(), v.panel_fill, text),
            ("text in a window", v.text_color(), v.window_fill, text),
            (
                "strong text, the countdown",
                v.strong_text_color(),
                v.panel_fill,
                text,
            ),
            (
                "caution and warning text on the page",
                v.warn_fg_color,
                v.panel_fill,
                text,
            ),
            (
                "warning text in a window",
                v.warn_fg_color,
                v.window_fill,
                text,
            ),
            (
                "selected button text",
                v.selection.stroke.color,
                v.selection.bg_fill,
                text,
            ),
            ("the pain button's text", p.pain_text, p.pain_fill, text),
            (
                "a placeholder in a text field",
                v.weak_text_color(),
                v.text_edit_bg_color(),
                text,
            ),
            (
                "a selected rating or answer on the page",
                v.selection.bg_fill,
                v.panel_fill,
                graphic,
            ),
            (
                "a text field's or button's edge on the page",
                v.widgets.inactive.bg_stroke.color,
                v.panel_fill,
                graphic,
            ),
            (
                "the pain button on the page",
                p.pain_fill,
                v.panel_fill,
                graphic,
            ),
            (
                "progress fill against its track",
                p.progress_fill,
                p.progress_track,
                graphic,
            ),
            (
                "the progress bar's outline",
                p.progress_outline,
                v.panel_fill,
                graphic,
            ),
        ];
        let mut pairs: Vec<_> = fixed
            .into_iter()
            .map(|(what, fg, bg, least)| (what.to_owned(), fg, bg, least))
            .collect();
        for (look, band) in p.bands.all() {
            let words = format!("the {look} band's words and shape");
            pairs.push((words, band.text, band.fill, text));
            let on_page = format!("the {look} band on the page");
            pairs.push((on_page, band.fill, v.panel_fill, graphic));
        }
        for (state, w) in [
            ("button text", &v.widgets.inactive),
            ("hovered button text", &v.widgets.hovered),
            ("pressed button text", &v.widgets.active),
        ] {
            let fg = v.override_text_color.unwrap_or(w.fg_stroke.color);
            pairs.push((state.to_owned(), fg, w.weak_bg_fill, text));
        }
        pairs
    }

    #[test]
    fn every_theme_meets_wcag_contrast() {
        let mut failures = Vec::new();
        for theme in Theme::ALL {
            for (what, fg, bg, least) in pairs(theme) {
                let ratio = contrast(fg, bg);
                println!("{:>13}: {what}: {ratio:.2}:1", theme.label());
                if ratio < least {
                    failures.push(format!(
                        "{}: {what} is {ratio:.2}:1, needs {least}:1",
                        theme.label()
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // egui's light warning orange on its light page: the 2.79:1 of issue 16.
        let ratio = contrast(Color32::from_rgb(255, 100, 0), Color32::from_gray(248));
        assert!((ratio - 2.79).abs() < 0.01, "{ratio}");
    }
}
