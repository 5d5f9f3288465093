//! What a screen reader is told beyond what egui's widgets say themselves:
//! headings, the window's name, live regions (announcements) and the ranges
//! and names of things drawn by hand.
//!
//! AccessKit announces a live region when the node first appears and each
//! time its name changes, so a live region must hold words that change only
//! when something worth saying happens (a phase, never the seconds).

use egui::accesskit::{Live, Role};
use egui::{Response, RichText, Ui};

/// A screen or section title: drawn as `text`, a heading of `level` (1 for
/// the screen's title, 2 for its sections) to a screen reader.
pub fn heading(ui: &mut Ui, text: RichText, level: usize) -> Response {
    let response = ui.label(text);
    set_heading(ui, &response, level);
    response
}

/// Makes the node of `response` (a label) a heading of `level`.
pub fn set_heading(ui: &Ui, response: &Response, level: usize) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        // A label's words are its value; a heading's are its name.
        if let Some(text) = node.value().map(str::to_owned) {
            node.clear_value();
            node.set_label(text);
        }
        node.set_role(Role::Heading);
        node.set_level(level);
    });
}

/// Makes `ui` (a row of answers) a radio group named `question`. (AT-SPI
/// shows it as a panel; each answer's place in the group it does say, by
/// [`set_place_in_set`].)
pub fn radio_group(ui: &Ui, question: &str) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_role(Role::RadioGroup);
        node.set_label(question);
    });
}

/// Says that the node of `response` is the `place`th of `size` (1-based):
/// "3 of 11" for a pain rating (AT-SPI's posinset and setsize).
pub fn set_place_in_set(ui: &Ui, response: &Response, place: usize, size: usize) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_position_in_set(place);
        node.set_size_of_set(size);
    });
}

/// How urgently a live region is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Read when the screen reader has finished what it is saying.
    Polite,
    /// Read at once, interrupting.
    Assertive,
}

/// Makes the node of `response` a live region: a screen reader announces
/// it when it shows and whenever its words change.
pub fn set_live(ui: &Ui, response: &Response, urgency: Urgency) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_live(match urgency {
            Urgency::Polite => Live::Polite,
            Urgency::Assertive => Live::Assertive,
        });
    });
}

/// Names the node of `response` and gives it a numeric range: a progress
/// bar "`name`", `value` of `min`..`max`.
pub fn set_range(ui: &Ui, response: &Response, name: &str, value: f64, min: f64, max: f64) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label(name);
        node.set_numeric_value(value);
        node.set_min_numeric_value(min);
        node.set_max_numeric_value(max);
    });
}

/// Describes a drawing (a chart) in words: its node becomes an image named
/// `name` and described by `description`.
pub fn describe_graphic(ui: &Ui, response: &Response, name: &str, description: &str) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Image);
        node.set_label(name);
        node.set_description(description);
    });
}

/// Gives a hand-drawn shape (a calendar day) a node with its words, so a
/// screen reader can reach what the mouse shows in a tooltip.
pub fn name_shape(response: &Response, text: &str) {
    let text = text.to_owned();
    response.widget_info(move || egui::WidgetInfo::labeled(Role::Label, true, &text));
}

/// The window's title for the screen titled `screen`: "neckguide — Session".
pub fn window_title(screen: &str) -> String {
    format!("neckguide — {screen}")
}

/// Names the window `title` for screen readers (its root node, rebuilt each
/// frame) and, when it changed since the last frame, in the title bar.
pub fn name_window(ctx: &egui::Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
    let id = egui::Id::unique("neckguide-window-title");
    let shown = ctx.data(|d| d.get_temp::<String>(id));
    if shown.as_deref() != Some(title) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.to_owned()));
        ctx.data_mut(|d| d.insert_temp(id, title.to_owned()));
    }
}
