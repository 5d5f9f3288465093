//! Small widgets several screens share: command buttons, the 0–10 pain
//! scale, yes/no questions, the page frame and the footer.

use egui::{Button, RichText, Ui, Vec2};

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use crate::checkin::{ArmSymptoms, PAIN_SCALE_WORDS};

/// The words every screen carries at its foot.
pub const NOT_MEDICAL_ADVICE: &str = "neckguide is not medical advice. It shows the exercises your physical therapist or doctor gave you; follow their advice, and stop if your pain gets worse.";

/// How a command button is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Look {
    /// The main action of a screen: large.
    Big,
    /// A session control, at least this many points wide.
    Control(f32),
    /// A plain button beside a heading or under a form.
    Small,
    /// The pain stop: large, red, unmistakable (a little smaller in a
    /// short window, so the countdown keeps its room).
    Pain,
    /// A session control where room is short: its name only, smaller.
    Compact,
    /// Its words at this size (the builder's, under a heading).
    Text(f32),
    /// Its words at this size, in bold (the builder's Save).
    Strong(f32),
    /// egui's own button, at the body text's size.
    Plain,
    /// egui's small button (a notice's Dismiss).
    Tiny,
    /// An entry of a list, drawn as text until pointed at (the Open
    /// dialog's files and folders).
    Entry,
}

/// What takes the keyboard focus when a screen or a dialog first shows: its
/// main action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstFocus {
    /// The button of this command.
    Command(Command),
    /// The pain scale: the rating selected, or 0.
    PainScale,
}

/// Where the request for the first focus is kept, for the frame the screen
/// first shows.
fn first_focus_id() -> egui::Id {
    egui::Id::unique("neckguide-first-focus")
}

/// Asks that `first` takes the keyboard focus when it is drawn this frame.
pub fn focus_first(ctx: &egui::Context, first: FirstFocus) {
    ctx.data_mut(|d| d.insert_temp(first_focus_id(), first));
}

/// Drops the request of [`focus_first`] at the end of the frame: focus
/// moves only when a screen first shows, never later while the person is
/// elsewhere on it.
pub fn forget_first_focus(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove::<FirstFocus>(first_focus_id()));
}

/// Whether `what` is asked to take the focus now (and is enabled); takes
/// the request.
fn take_first_focus(ui: &Ui, what: FirstFocus) -> bool {
    let id = first_focus_id();
    // A dialog's first frame only measures it, drawing nothing: the focus
    // is taken when it is drawn.
    ui.is_enabled()
        && ui.is_visible()
        && ui.data_mut(|d| {
            let asked = d.get_temp::<FirstFocus>(id) == Some(what);
            if asked {
                d.remove::<FirstFocus>(id);
            }
            asked
        })
}

/// A dialog over the screen (egui's modal): named `title` for a screen
/// reader, with `title` as its heading. Nothing behind it takes a click, nor
/// a key but the pain stop ([`keys::pressed`]), and `first` takes the focus
/// each time it opens. `contents` draws the rest, at most `max_width` wide
/// and never wider than the window: words wrap and buttons go whole to the
/// next row (a small window with big text).
pub fn dialog_ui<R>(
    ctx: &egui::Context,
    name: &str,
    title: &str,
    first: Command,
    max_width: f32,
    contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    let id = egui::Id::unique(("neckguide-dialog", name));
    // Whether the focus is still to come: from the frame it opens (it was
    // not drawn the frame before) until `first` has taken it.
    let frame = ctx.cumulative_frame_nr();
    let (last, pending) = ctx
        .data(|d| d.get_temp::<(u64, bool)>(id))
        .unwrap_or((u64::MAX, false));
    let opened = last.checked_add(1) != Some(frame);
    let mut pending = pending || opened;
    let modal = egui::Modal::new(id).show(ctx, |ui| {
        // egui makes the modal's own node a dialog: its name is the title.
        let modal = ui
            .stack()
            .iter()
            .find(|s| s.kind() == Some(egui::UiKind::Modal));
        if let Some(modal) = modal {
            ui.ctx()
                .accesskit_node_builder(modal.unique_id, |node| node.set_label(title));
        }
        ui.scope(|ui| {
            let room = (ui.ctx().content_rect().width() - 48.0).max(160.0);
            ui.set_max_width(max_width.min(room));
            if pending {
                focus_first(ui.ctx(), FirstFocus::Command(first));
            }
            // Said as the dialog shows (the end-session question).
            let heading = ui.label(RichText::new(title).size(24.0).strong());
            a11y::set_live(ui, &heading, a11y::Urgency::Polite);
            let inner = contents(ui);
            if pending {
                // Taken when `first` was drawn (not while measured).
                pending = ui.data(|d| d.get_temp::<FirstFocus>(first_focus_id()).is_some());
                forget_first_focus(ui.ctx());
            }
            inner
        })
        .inner
    });
    ctx.data_mut(|d| d.insert_temp(id, (frame, pending)));
    modal.inner
}

/// The width of the ring drawn around a command button that has keyboard
/// focus, in points.
pub const FOCUS_RING_WIDTH: f32 = 3.0;

/// The colour of the focus ring: the theme's strongest text colour, which
/// stands out from the page and from the red of the pain button in every
/// theme.
pub fn focus_ring_color(visuals: &egui::Visuals) -> egui::Color32 {
    visuals.strong_text_color()
}

/// Below this height (points) a window is short: the pain button is 48
/// points tall, not 64, and the session screen packs its parts tighter.
pub const SHORT_WINDOW: f32 = 560.0;

/// Draws the button of `command`: its name with its first key in brackets,
/// and its name as the accessible name (disabled when `ui` is), with a
/// thick ring while it has keyboard focus. Returns whether it was clicked
/// (or pressed with Enter or Space while focused).
pub fn command_button(ui: &mut Ui, command: Command, look: Look) -> bool {
    command_button_if(ui, command, look, true)
}

/// [`command_button`], disabled unless `enabled`. Unlike drawing it in a
/// disabled child `Ui`, the button stays an item of `ui`'s own layout, so a
/// wrapping row moves it whole to the next row when it does not fit.
pub fn command_button_if(ui: &mut Ui, command: Command, look: Look, enabled: bool) -> bool {
    command_button_on(ui, command, &[], look, enabled)
}

/// [`command_button_if`] for a command that names what it acts on: `on`
/// goes into its words and name ([`Command::label`]). Every button of the
/// window is drawn here.
pub fn command_button_on(
    ui: &mut Ui,
    command: Command,
    on: &[&str],
    look: Look,
    enabled: bool,
) -> bool {
    let (_, name) = command.label(on);
    let text = RichText::new(command.button_text_on(on));
    let button = match look {
        Look::Big => Button::new(text.size(24.0).strong()).min_size(Vec2::new(220.0, 56.0)),
        Look::Control(width) => Button::new(text.size(20.0)).min_size(Vec2::new(width, 44.0)),
        Look::Small => Button::new(text.size(18.0)),
        Look::Pain => {
            let palette = super::style::palette(ui.ctx());
            let short = ui.ctx().content_rect().height() < SHORT_WINDOW;
            let (size, height) = if short { (22.0, 48.0) } else { (26.0, 64.0) };
            Button::new(text.size(size).strong().color(palette.pain_text))
                .fill(palette.pain_fill)
                .min_size(Vec2::new(ui.available_width().min(560.0), height))
        }
        Look::Compact => {
            Button::new(RichText::new(&name).size(17.0)).min_size(Vec2::new(0.0, 38.0))
        }
        Look::Text(size) => Button::new(text.size(size)),
        Look::Strong(size) => Button::new(text.size(size).strong()),
        Look::Plain => Button::new(text),
        // Small words, a target of TARGET points all the same (a notice's
        // Dismiss was 59x15 pixels).
        Look::Tiny => Button::new(text.size(14.0)).min_size(Vec2::splat(super::style::TARGET)),
        Look::Entry => Button::selectable(false, text),
    };
    let mut response = ui.add_enabled(enabled, button);
    if look == Look::Pain {
        response = response.on_hover_text(command.help());
    }
    let enabled = enabled && ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name));
    if take_first_focus(ui, FirstFocus::Command(command)) {
        response.request_focus();
    }
    if response.gained_focus() && !opening(ui.ctx()) {
        // In a row that scrolls (the session's controls in a small
        // window), the focused button comes into view; not the one a
        // screen gives the focus as it opens, which opens at its top.
        response.scroll_to_me(None);
    }
    if response.has_focus() {
        let frame = ui.ctx().cumulative_frame_nr();
        ui.data_mut(|d| d.insert_temp(focused_command_id(), (command, frame)));
        focus_ring(ui, response.rect);
        if command.urgent() {
            // Space presses the pain stop's button when it has focus,
            // whatever Space means on the screen (keys::pressed).
            keys::note_urgent_focus(ui);
        }
    }
    response.clicked()
}

fn focused_command_id() -> egui::Id {
    egui::Id::unique("neckguide-focused-command")
}

/// The command whose button had the keyboard focus in the last frame drawn
/// (or this one), if any.
pub fn focused_command(ctx: &egui::Context) -> Option<Command> {
    let frame = ctx.cumulative_frame_nr();
    ctx.data(|d| d.get_temp::<(Command, u64)>(focused_command_id()))
        .filter(|(_, at)| frame.saturating_sub(*at) <= 1)
        .map(|(command, _)| command)
}

/// The ring around a widget with keyboard focus: [`FOCUS_RING_WIDTH`]
/// thick, just outside it.
fn focus_ring(ui: &Ui, rect: egui::Rect) {
    let visuals = ui.visuals();
    ui.painter().rect_stroke(
        rect,
        visuals.widgets.active.corner_radius,
        egui::Stroke::new(FOCUS_RING_WIDTH, focus_ring_color(visuals)),
        egui::StrokeKind::Outside,
    );
}

/// Reads a pain rating typed on the keyboard: digits go into `typed` (so
/// "1", "0" gives 10) and set the rating at once. Returns whether a digit
/// was typed (then the scale moves the focus to the rating it selected).
pub fn type_pain_rating(ui: &Ui, rating: &mut Option<u8>, typed: &mut String) -> bool {
    let Some(d) = keys::take_digit(ui) else {
        return false;
    };
    typed.push(char::from(b'0' + d));
    if typed.len() > 2 || typed.parse::<u8>().map_or(true, |v| v > 10) {
        *typed = char::from(b'0' + d).to_string();
    }
    *rating = typed.parse::<u8>().ok().filter(|v| *v <= 10);
    true
}

/// The 0–10 pain scale: eleven buttons with the words at both ends, to a
/// screen reader a group of radio buttons named by `question`. (The
/// keyboard's digits are read by [`type_pain_rating`].) When `typed_now`,
/// the focus moves to the rating selected, so that Enter or Space presses
/// the rating that shows selected.
pub fn pain_scale_ui(
    ui: &mut Ui,
    question: &str,
    rating: &mut Option<u8>,
    typed: &mut String,
    typed_now: bool,
) {
    let focus_on = if typed_now {
        *rating
    } else if take_first_focus(ui, FirstFocus::PainScale) {
        Some(rating.unwrap_or(0))
    } else {
        None
    };
    ui.label(RichText::new(question).size(22.0).strong());
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        a11y::radio_group(ui, question);
        for value in 0..=10u8 {
            let selected = *rating == Some(value);
            let text = RichText::new(value.to_string()).size(22.0);
            let button = Button::selectable(selected, text).min_size(Vec2::new(44.0, 44.0));
            let response = ui.add(button);
            let label = match value {
                0 => format!("Pain 0 of 10, {}", PAIN_SCALE_WORDS.0),
                10 => format!("Pain 10 of 10, {}", PAIN_SCALE_WORDS.1),
                v => format!("Pain {v} of 10"),
            };
            // One of eleven radio buttons: "Pain 3 of 10, 4 of 11".
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &label)
            });
            a11y::set_place_in_set(ui, &response, usize::from(value) + 1, 11);
            if focus_on == Some(value) {
                response.request_focus();
            }
            if response.clicked() {
                *rating = Some(value);
                typed.clear();
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label(format!("0 = {}", PAIN_SCALE_WORDS.0));
        ui.add_space(24.0);
        ui.label(format!("10 = {}", PAIN_SCALE_WORDS.1));
    });
}

/// A yes/no question; `answer` is `None` until answered.
pub fn yes_no_ui(ui: &mut Ui, question: &str, answer: &mut Option<bool>) {
    choice_ui(ui, question, &[(true, "Yes"), (false, "No")], answer);
}

/// Where arm symptoms are ([`ArmSymptoms`]'s answers), asked with
/// `question`: at the check-in and after a pain stop.
pub fn arm_symptoms_ui(ui: &mut Ui, question: &str, answer: &mut Option<ArmSymptoms>) {
    choice_ui(
        ui,
        question,
        &ArmSymptoms::ALL.map(|a| (a, a.words())),
        answer,
    );
}

/// A 0–10 rating row asking `question`: eleven square buttons, as the
/// check-in's pain scale draws them (the outcome measures' ratings), acting as radio buttons each named
/// "3: QUESTION" for a screen reader.
pub fn rating_row_ui(ui: &mut egui::Ui, question: &str, answer: &mut Option<u8>) {
    ui.label(RichText::new(question).size(18.0));
    ui.horizontal_wrapped(|ui| {
        a11y::radio_group(ui, question);
        for value in 0..=10u8 {
            let selected = *answer == Some(value);
            let text = RichText::new(value.to_string()).size(20.0);
            let response =
                ui.add(Button::selectable(selected, text).min_size(Vec2::new(44.0, 44.0)));
            let label = format!("{value}: {question}");
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &label)
            });
            a11y::set_place_in_set(ui, &response, usize::from(value) + 1, 11);
            if response.clicked() {
                *answer = Some(value);
            }
        }
    });
}

/// A question with a few answers, drawn as buttons that act as radio
/// buttons: each is named "ANSWER: QUESTION" for a screen reader and can be
/// reached with Tab and chosen with Space or Enter; `answer` is `None`
/// until one is chosen.
pub fn choice_ui<T: Copy + PartialEq>(
    ui: &mut Ui,
    question: &str,
    choices: &[(T, &str)],
    answer: &mut Option<T>,
) {
    ui.label(RichText::new(question).size(18.0));
    ui.horizontal_wrapped(|ui| {
        a11y::radio_group(ui, question);
        for (place, (value, word)) in choices.iter().enumerate() {
            let selected = *answer == Some(*value);
            let response = ui.add(
                Button::selectable(selected, RichText::new(*word).size(18.0))
                    .min_size(Vec2::new(72.0, 36.0)),
            );
            let label = format!("{word}: {question}");
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &label)
            });
            a11y::set_place_in_set(ui, &response, place + 1, choices.len());
            if response.clicked() {
                *answer = Some(*value);
            }
        }
    });
}

/// Where the frame a screen opened on is kept.
fn opened_id() -> egui::Id {
    egui::Id::unique("neckguide-screen-opened")
}

/// Where the widget last brought into view for having the focus is kept.
fn focus_seen_id() -> egui::Id {
    egui::Id::unique("neckguide-focus-in-view")
}

/// Notes that a screen opens this frame: it shows from its top, and the
/// focus it gives its main action does not scroll it ([`screen_scroll_ui`]).
pub fn screen_opened(ctx: &egui::Context) {
    let frame = ctx.cumulative_frame_nr();
    ctx.data_mut(|d| d.insert_temp(opened_id(), frame));
}

/// Whether the screen opened this frame or the one before (the focus it
/// gives is taken in one of them).
fn opening(ctx: &egui::Context) -> bool {
    let frame = ctx.cumulative_frame_nr();
    ctx.data(|d| d.get_temp::<u64>(opened_id()))
        .is_some_and(|opened| frame <= opened.saturating_add(1))
}

/// A screen's scrolling column: `contents` from the top when the screen
/// opens ([`screen_opened`]), then the widget that takes the keyboard focus
/// (by Tab, Shift+Tab, a click or a screen reader) scrolled into view
/// ([`keep_focus_in_view`]).
/// In a short window ([`short_window`]) the not-medical-advice words end
/// the column, where [`footer`] leaves them.
pub fn screen_scroll_ui<R>(ui: &mut Ui, contents: impl FnOnce(&mut Ui) -> R) -> R {
    let mut area = egui::ScrollArea::vertical();
    if opening(ui.ctx()) {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show(ui, |ui| {
        let inner = contents(ui);
        if short_window(ui.ctx()) {
            ui.add_space(16.0);
            medical_advice_ui(ui);
        }
        keep_focus_in_view(ui);
        inner
    })
    .inner
}

/// Scrolls the scroll area of `ui` (called at the end of its contents) so
/// that the widget with the keyboard focus shows, once each time the focus
/// moves to a widget in it: every control, not only command buttons (WCAG
/// 2.4.11). The focus given as a screen opens does not scroll.
pub fn keep_focus_in_view(ui: &Ui) {
    let Some(focused) = ui.memory(|m| m.focused()) else {
        return;
    };
    let seen = ui.data(|d| d.get_temp::<egui::Id>(focus_seen_id()));
    if seen == Some(focused) {
        return;
    }
    let Some(response) = ui.ctx().read_response(focused) else {
        return;
    };
    let rect = response.rect;
    // Only the area that holds the widget scrolls for it: the widget lies
    // in its contents and is clipped as they are (a button of a panel
    // beside the area, which its contents pass under, is not).
    let clipped_here = rect.intersect(ui.clip_rect());
    let same_clip = if clipped_here.is_positive() {
        response.interact_rect.min.distance(clipped_here.min) < 0.5
            && response.interact_rect.max.distance(clipped_here.max) < 0.5
    } else {
        !response.interact_rect.is_positive()
    };
    if !ui.min_rect().expand(1.0).contains_rect(rect) || !same_clip {
        return;
    }
    ui.data_mut(|d| d.insert_temp(focus_seen_id(), focused));
    if !opening(ui.ctx()) {
        ui.scroll_to_rect(rect, None);
    }
}

/// A secondary page (History, Settings): the heading with a "Back to home"
/// button, Esc going home, the footer, and `contents` in a scrolling panel.
pub fn page_ui(
    ui: &mut Ui,
    title: &str,
    actions: &mut Vec<Action>,
    contents: impl FnOnce(&mut Ui, &mut Vec<Action>),
) {
    let pressed = keys::pressed(ui, &[Command::Home]);
    actions.extend(pressed.into_iter().filter_map(Action::of));
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        screen_scroll_ui(ui, |ui| {
            // "Back to home" goes under the title when both do not fit
            // on one line (a narrow window, big text).
            ui.horizontal_wrapped(|ui| {
                a11y::heading(ui, RichText::new(title).size(30.0).strong(), 1);
                if command_button(ui, Command::Home, Look::Small) {
                    actions.extend(Action::of(Command::Home));
                }
            });
            contents(ui, actions);
        });
    });
}

/// Shown where figures from the log go while it is being read.
pub const LOADING_HISTORY: &str = "Loading your history…";

/// The not-medical-advice words, at a size that can be read.
pub fn medical_advice_ui(ui: &mut Ui) {
    ui.label(RichText::new(NOT_MEDICAL_ADVICE).size(15.0));
}

/// Whether the window is short ([`SHORT_WINDOW`]): the not-medical-advice
/// words, four lines at 200 % text in a 640-pixel-wide window, would take
/// a third of it at its foot, so they end the scrolling column instead.
pub fn short_window(ctx: &egui::Context) -> bool {
    ctx.content_rect().height() < SHORT_WINDOW
}

/// The not-medical-advice line at the foot of a screen; in a short window
/// ([`short_window`]) nothing: [`screen_scroll_ui`] ends with the words.
pub fn footer(ui: &mut Ui) {
    let panel = egui::Panel::bottom("footer");
    if short_window(ui.ctx()) {
        // An empty panel all the same: the widgets after it keep their
        // ids as the window crosses SHORT_WINDOW, and so the focus
        // (home's Start lost it when the window shrank).
        panel
            .exact_size(0.0)
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |_| {});
        return;
    }
    panel.show(ui, |ui| {
        ui.add_space(4.0);
        medical_advice_ui(ui);
        ui.add_space(4.0);
    });
}

/// A part that opens and closes under its `title` (egui's collapsing
/// header, named `id_salt`), with a visible focus: egui shows a focused
/// header only by a change of its text's colour (1.9:1 in the light theme,
/// none in high contrast), so a ring in the text's colour (4.5:1 or more
/// on the page) is drawn around it while it has the keyboard focus.
pub fn collapsing_ui<R>(
    ui: &mut Ui,
    id_salt: &str,
    title: impl Into<egui::WidgetText>,
    body: impl FnOnce(&mut Ui) -> R,
) -> Option<R> {
    let shown = egui::CollapsingHeader::new(title)
        .id_salt(id_salt)
        .default_open(false)
        .show(ui, body);
    let header = &shown.header_response;
    if header.has_focus() {
        ui.painter().rect_stroke(
            header.rect.expand(2.0),
            4.0,
            egui::Stroke::new(2.0, ui.visuals().text_color()),
            egui::StrokeKind::Outside,
        );
    }
    shown.body_returned
}

#[cfg(test)]
mod tests {
    use super::super::style::contrast;
    use super::*;
    use crate::app::settings::Theme;

    #[test]
    fn the_pain_buttons_focus_ring_stands_out_in_every_theme() {
        const { assert!(FOCUS_RING_WIDTH >= 3.0) };
        for theme in [Theme::Light, Theme::Dark, Theme::HighContrast] {
            let ctx = egui::Context::default();
            super::super::style::apply(&ctx, theme, 100);
            let visuals = ctx.global_style().visuals.clone();
            let ring = focus_ring_color(&visuals);
            let pain = super::super::style::palette(&ctx).pain_fill;
            let on_button = contrast(ring, pain);
            let on_page = contrast(ring, visuals.panel_fill);
            assert!(
                on_button >= 3.0,
                "{theme:?}: ring on the button {on_button:.2}:1"
            );
            assert!(on_page >= 3.0, "{theme:?}: ring on the page {on_page:.2}:1");
        }
    }
}
