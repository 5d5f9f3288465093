//! The phase band: what to do now ("Hold", "Release and rest", "Get into
//! position"), large enough to read from across the room, on a band of the
//! phase's colour with the phase's shape before the word (a filled square
//! for a hold, an open circle for a rest, a triangle for get ready, an
//! arrow for getting into position, two bars for paused: never the colour
//! alone). The longer words (the position, the direction to push) go on a
//! line under the word. In a short window the countdown sits in the band,
//! beside the word; otherwise it goes under the band.

use std::sync::Arc;

use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};

use super::super::a11y;
use super::super::digits::{big_digits, width_per_height};
use super::super::style::{self, Band, Bands};
use crate::exercise::Position;
use crate::schedule::{StepKind, Title};
use crate::session::Phase;

/// The phase word's size (points) is this share of the status column's
/// height: at 1280x800 pixels with 100 % text its capitals are 38 pixels
/// or more (10 mm at 96 dpi, read at two metres)…
const WORD_SHARE: f32 = 0.11;
/// …never smaller than this (points) for the room…
const MIN_WORD: f32 = 20.0;
/// …nor larger…
const MAX_WORD: f32 = 72.0;
/// …and, to fit the width, never smaller than this: it wraps instead.
const SMALLEST_WORD: f32 = 14.0;
/// The detail under the word ("lying on your back"), at least this size.
const MIN_DETAIL: f32 = 16.0;

/// The gap (points) between the word and the countdown in the band.
const BESIDE_GAP: f32 = 12.0;

/// The look of a phase: its band's colour and its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Look {
    /// Getting into position, or the short pause before an exercise: an
    /// arrow.
    Position,
    /// The get-ready countdown: a triangle.
    GetReady,
    /// A hold, a timed position or a practice: a filled square.
    Hold,
    /// A rest between holds: an open circle.
    Rest,
    /// Paused: two bars.
    Paused,
}

impl Look {
    /// The look of `phase`.
    pub(super) fn of(phase: Phase) -> Self {
        match phase {
            Phase::Paused { .. } => Self::Paused,
            Phase::Running { step, .. } => match step {
                StepKind::Position { .. } | StepKind::Between => Self::Position,
                StepKind::GetReady => Self::GetReady,
                StepKind::Hold { .. } | StepKind::Timed | StepKind::Practice => Self::Hold,
                StepKind::Rest { .. } => Self::Rest,
            },
            Phase::Ready | Phase::Completed | Phase::EndedEarly | Phase::StoppedForPain => {
                Self::Rest
            }
        }
    }

    /// The colours of this look's band.
    fn band(self, bands: &Bands) -> Band {
        match self {
            Self::Position => bands.position,
            Self::GetReady => bands.get_ready,
            Self::Hold => bands.hold,
            Self::Rest => bands.rest,
            Self::Paused => bands.paused,
        }
    }

    /// Paints this look's shape in the square `rect` in `color` on the
    /// band's `fill`.
    fn paint_shape(self, painter: &egui::Painter, rect: Rect, color: Color32, fill: Color32) {
        let side = rect.width();
        let (c, l, r, t, b) = (
            rect.center(),
            rect.left(),
            rect.right(),
            rect.top(),
            rect.bottom(),
        );
        match self {
            Self::Hold => {
                painter.rect_filled(rect, side * 0.08, color);
            }
            Self::Rest => {
                // A disc with its middle cut out in the band's fill: exactly
                // the square's width (a stroke is drawn part outside).
                let width = (side * 0.16).max(2.0);
                painter.circle_filled(c, side / 2.0, color);
                painter.circle_filled(c, side / 2.0 - width, fill);
            }
            Self::GetReady => {
                painter.add(Shape::convex_polygon(
                    vec![pos2(c.x, t), pos2(r, b), pos2(l, b)],
                    color,
                    Stroke::NONE,
                ));
            }
            Self::Position => {
                let shaft = side * 0.32;
                let head = l + side * 0.45;
                painter.rect_filled(
                    Rect::from_min_max(pos2(l, c.y - shaft / 2.0), pos2(head, c.y + shaft / 2.0)),
                    0.0,
                    color,
                );
                painter.add(Shape::convex_polygon(
                    vec![pos2(head, t), pos2(r, c.y), pos2(head, b)],
                    color,
                    Stroke::NONE,
                ));
            }
            Self::Paused => {
                let bar = side * 0.32;
                for x in [l + side * 0.08, r - side * 0.08 - bar] {
                    painter.rect_filled(
                        Rect::from_min_max(pos2(x, t), pos2(x + bar, b)),
                        side * 0.05,
                        color,
                    );
                }
            }
        }
    }
}

/// The countdown drawn in the band, beside the word.
pub(super) struct Countdown<'a> {
    /// Its digits ("12", "1:05").
    pub(super) clock: &'a str,
    /// Their height, points.
    pub(super) height: f32,
    /// What a screen reader hears ("Hold: 4 seconds left").
    pub(super) label: &'a str,
}

impl Countdown<'_> {
    /// Its width, points.
    pub(super) fn width(&self) -> f32 {
        self.height * width_per_height(self.clock)
    }
}

/// The band of the phase, laid out for its width: measured before it is
/// drawn, so the countdown can take the room it leaves.
pub(super) struct PhaseBand {
    look: Look,
    colours: Band,
    /// What a screen reader hears: the title whole ("Hold: push forward").
    title: String,
    word: Arc<Galley>,
    detail: Option<Arc<Galley>>,
    /// The word's size, points.
    word_size: f32,
    /// The band's margin, points.
    pad: f32,
    width: f32,
}

impl PhaseBand {
    /// Lays out the band of `phase` (the exercise done in `position`)
    /// `width` points wide in a status column `column` points high, with a
    /// countdown of `beside` (its size, points) in its first row (none when
    /// the countdown goes under the band).
    pub(super) fn new(
        ui: &Ui,
        phase: Phase,
        position: Option<Position>,
        width: f32,
        column: f32,
        beside: Option<Vec2>,
    ) -> Self {
        let look = Look::of(phase);
        let colours = look.band(&style::palette(ui.ctx()).bands);
        let parts: Title = phase.title_parts(position);
        // Whole points only: each size of a font is a new set of glyphs
        // in the font texture.
        let for_room = (column * WORD_SHARE).clamp(MIN_WORD, MAX_WORD).floor();
        // The margins and the detail by the room alone: the band's height
        // is measured before the countdown beside the word is sized.
        let pad = pad_for(for_room);
        let detail_size = (for_room * 0.5).max(MIN_DETAIL).floor();
        let measure = |size: f32| layout(ui, parts.word, size, colours.text, f32::INFINITY).size();
        // Beside the countdown the word may be as tall as its digits: the
        // row is theirs already.
        let (room, for_row) = match beside {
            Some(countdown) => {
                let line = measure(for_room).y / for_room;
                (
                    width - 2.0 * pad - countdown.x - BESIDE_GAP,
                    (countdown.y / line).floor().min(MAX_WORD),
                )
            }
            None => (width - 2.0 * pad, 0.0),
        };
        let room = room.max(1.0);
        let wanted = for_room.max(for_row);
        let natural = lead(wanted) + measure(wanted).x + bold_offset(wanted);
        let word_size = if natural > room {
            (wanted * room / natural).floor().max(SMALLEST_WORD)
        } else {
            wanted
        };
        let word = layout(
            ui,
            parts.word,
            word_size,
            colours.text,
            (room - lead(word_size) - bold_offset(word_size)).max(1.0),
        );
        let detail = parts.detail.as_ref().map(|detail| {
            layout(
                ui,
                detail,
                detail_size,
                colours.text,
                (width - 2.0 * pad).max(1.0),
            )
        });
        Self {
            look,
            colours,
            title: parts.to_string(),
            word,
            detail,
            word_size,
            pad,
            width,
        }
    }

    /// The band's height (points), with a countdown `digits` points high
    /// beside the word (0 when it goes under the band).
    pub(super) fn height(&self, digits: f32) -> f32 {
        let detail = self
            .detail
            .as_ref()
            .map_or(0.0, |d| self.pad / 2.0 + d.size().y);
        2.0 * self.pad + self.row_height(digits) + detail
    }

    /// The band's height (points) but for its first row: its margins and
    /// the detail.
    pub(super) fn frame_height(&self) -> f32 {
        self.height(0.0) - self.row_height(0.0)
    }

    /// The band's margin above its first row (points).
    pub(super) fn top_margin(&self) -> f32 {
        self.pad
    }

    fn row_height(&self, digits: f32) -> f32 {
        self.word.size().y.max(digits)
    }

    /// The width (points) the band's margins take from its first row.
    pub(super) fn margins(column: f32) -> f32 {
        2.0 * pad_for((column * WORD_SHARE).clamp(MIN_WORD, MAX_WORD).floor())
    }

    /// Draws the band, with `countdown` beside the word when given.
    pub(super) fn ui(&self, ui: &mut Ui, countdown: Option<Countdown<'_>>) {
        let digits = countdown.as_ref().map_or(0.0, |c| c.height);
        let height = self.height(digits);
        let (_, band) = ui.allocate_space(vec2(self.width, height));
        let painter = ui.painter();
        painter.rect_filled(band, (self.pad * 0.8).min(12.0), self.colours.fill);
        let row = Rect::from_min_size(
            band.min + Vec2::splat(self.pad),
            vec2(band.width() - 2.0 * self.pad, self.row_height(digits)),
        );
        let word_width = lead(self.word_size) + self.word.size().x + bold_offset(self.word_size);
        let word_rect = Rect::from_min_size(row.min, vec2(word_width, row.height()));
        // The word's galley, centred on the row.
        let word_at = pos2(
            row.left() + lead(self.word_size),
            row.center().y - self.word.size().y / 2.0,
        );
        self.paint_word(painter, word_at);
        let mark = capitals(&self.word, word_at).unwrap_or_else(|| {
            Rect::from_center_size(
                pos2(row.left(), row.center().y),
                Vec2::splat(self.word_size * 0.7),
            )
        });
        let side = mark.height();
        let mark = Rect::from_min_size(pos2(row.left(), mark.top()), Vec2::splat(side));
        self.look
            .paint_shape(painter, mark, self.colours.text, self.colours.fill);
        if let Some(detail) = &self.detail {
            let at = pos2(row.left(), row.bottom() + self.pad / 2.0);
            painter.galley_with_override_text_color(at, detail.clone(), self.colours.text);
        }
        // One node whatever the layout, named by the title whole, so a
        // screen reader says each phase once as it begins (a live region);
        // the seconds are the countdown's, never in a live region.
        let response = ui.interact(
            word_rect,
            egui::Id::unique("neckguide-session-phase"),
            Sense::hover(),
        );
        let title = self.title.clone();
        response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &title));
        a11y::set_live(ui, &response, a11y::Urgency::Polite);
        if let Some(countdown) = countdown {
            let rect = Rect::from_min_size(
                pos2(
                    row.right() - countdown.width(),
                    row.center().y - countdown.height / 2.0,
                ),
                vec2(countdown.width(), countdown.height),
            );
            // In the band's place, already taken: a child that takes no
            // more of it (a scope would move the band's foot up to the
            // digits' and what follows would lie over the detail).
            let mut digits = ui.new_child(egui::UiBuilder::new().max_rect(rect));
            // The digits in the band's words' colour.
            digits.visuals_mut().widgets.active.fg_stroke.color = self.colours.text;
            big_digits(
                &mut digits,
                countdown.clock,
                countdown.height,
                countdown.label,
            );
        }
    }

    /// Paints the word at `at`, a little heavier than the font (its only
    /// weight is light): drawn again a fraction of a point to the right.
    fn paint_word(&self, painter: &egui::Painter, at: Pos2) {
        let heavier = bold_offset(self.word_size);
        for dx in [0.0, heavier / 2.0, heavier] {
            painter.galley_with_override_text_color(
                at + vec2(dx, 0.0),
                self.word.clone(),
                self.colours.text,
            );
        }
    }
}

/// The band's margin (points) around a word of `size` points.
fn pad_for(size: f32) -> f32 {
    (size * 0.15).clamp(3.0, 12.0)
}

/// How far (points) the word is drawn again to the right to look heavier.
fn bold_offset(size: f32) -> f32 {
    (size * 0.035).min(2.5)
}

/// The room before the word (points): its shape and a gap.
fn lead(size: f32) -> f32 {
    size * 0.7 + size * 0.3
}

/// `text` at `size` points, wrapped at `width`.
fn layout(ui: &Ui, text: &str, size: f32, color: Color32, width: f32) -> Arc<Galley> {
    ui.painter()
        .layout(text.to_owned(), FontId::proportional(size), color, width)
}

/// Where the first capital of `galley`, drawn at `at`, is: from its top to
/// the baseline (the shape stands as tall as the capitals).
fn capitals(galley: &Galley, at: Pos2) -> Option<Rect> {
    let row = galley.rows.first()?;
    let glyph = row.row.glyphs.first()?;
    if glyph.uv_rect.is_nothing() {
        return None;
    }
    let min = at + row.pos.to_vec2() + glyph.pos.to_vec2() + glyph.uv_rect.offset;
    Some(Rect::from_min_size(min, glyph.uv_rect.size))
}
