//! Big countdown numbers drawn as shapes (seven segments per digit), not as
//! text: a 110-point font would grow the font texture by about 15 MB (measured),
//! while shapes cost nothing to keep and stay sharp at any size.

use egui::{Color32, Pos2, Sense, Stroke, Ui, Vec2, pos2, vec2};

/// Which of the seven segments (a top, b upper right, c lower right, d
/// bottom, e lower left, f upper left, g middle) each digit lights.
const SEGMENTS: [[bool; 7]; 10] = [
    [true, true, true, true, true, true, false],     // 0
    [false, true, true, false, false, false, false], // 1
    [true, true, false, true, true, false, true],    // 2
    [true, true, true, true, false, false, true],    // 3
    [false, true, true, false, false, true, true],   // 4
    [true, false, true, true, false, true, true],    // 5
    [true, false, true, true, true, true, true],     // 6
    [true, true, true, false, false, false, false],  // 7
    [true, true, true, true, true, true, true],      // 8
    [true, true, true, true, false, true, true],     // 9
];

/// A digit's width, the width of `:` and the gap after each, as parts of
/// the height.
const DIGIT_WIDTH: f32 = 0.55;
const COLON_WIDTH: f32 = 0.25;
const GAP: f32 = 0.18;

/// How wide `text` is drawn by [`big_digits`], per point of height: the
/// countdown's height is at most the room's width divided by this.
pub fn width_per_height(text: &str) -> f32 {
    text.chars()
        .map(|c| if c == ':' { COLON_WIDTH } else { DIGIT_WIDTH } + GAP)
        .sum::<f32>()
        .max(0.01)
}

/// Draws `text` (digits and `:`) `height` points tall; `label` is what a
/// screen reader hears (one node, e.g. "Hold: 4 seconds left").
pub fn big_digits(ui: &mut Ui, text: &str, height: f32, label: &str) -> egui::Response {
    let digit_width = height * DIGIT_WIDTH;
    let gap = height * GAP;
    let width = height * width_per_height(text);
    let (rect, response) = ui.allocate_exact_size(vec2(width.max(1.0), height), Sense::hover());
    let color = ui.visuals().strong_text_color();
    let thickness = height * 0.1;
    let painter = ui.painter_at(rect.expand(thickness));
    let mut x = rect.left();
    for c in text.chars() {
        if c == ':' {
            let cx = x + height * COLON_WIDTH / 2.0;
            for y in [0.32, 0.68] {
                painter.circle_filled(pos2(cx, rect.top() + height * y), thickness * 0.6, color);
            }
            x += height * COLON_WIDTH + gap;
            continue;
        }
        if let Some(lit) = c.to_digit(10).and_then(|d| SEGMENTS.get(d as usize)) {
            paint_digit(
                &painter,
                pos2(x, rect.top()),
                vec2(digit_width, height),
                thickness,
                lit,
                color,
            );
        }
        x += digit_width + gap;
    }
    let label = label.to_owned();
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    response
}

fn paint_digit(
    painter: &egui::Painter,
    origin: Pos2,
    size: Vec2,
    thickness: f32,
    lit: &[bool; 7],
    color: Color32,
) {
    let inset = thickness / 2.0;
    let (l, r) = (origin.x + inset, origin.x + size.x - inset);
    let (t, m, b) = (
        origin.y + inset,
        origin.y + size.y / 2.0,
        origin.y + size.y - inset,
    );
    let ends = [
        (pos2(l, t), pos2(r, t)), // a
        (pos2(r, t), pos2(r, m)), // b
        (pos2(r, m), pos2(r, b)), // c
        (pos2(l, b), pos2(r, b)), // d
        (pos2(l, m), pos2(l, b)), // e
        (pos2(l, t), pos2(l, m)), // f
        (pos2(l, m), pos2(r, m)), // g
    ];
    let stroke = Stroke::new(thickness, color);
    for ((from, to), on) in ends.iter().zip(lit) {
        if *on {
            painter.line_segment([*from, *to], stroke);
            // Round the ends so segments meet cleanly.
            painter.circle_filled(*from, thickness / 2.0, color);
            painter.circle_filled(*to, thickness / 2.0, color);
        }
    }
}
