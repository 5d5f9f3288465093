//! What a screen reader is given, read from the window's AccessKit tree
//! (egui_kittest): the window's name, headings, live regions and what they
//! announce over a whole session, ranges, the History chart in words, the
//! calendar days, one name per control.

use std::collections::BTreeMap;
use std::time::Duration;

use egui::accesskit::{Live, Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::ui_flows::{Fixture, fixture, step_kind};
use neckguide::ui::{PAIN_BUTTON, Screen};

/// The name a screen reader reads for a node: a label's words are its value.
fn name_of(node: &egui_kittest::Node<'_>) -> String {
    let ak = node.accesskit_node();
    if ak.role() == Role::Label {
        ak.value().unwrap_or_default()
    } else {
        ak.label().unwrap_or_default()
    }
}

/// The live regions showing: node id → (politeness, words). The runs of
/// text inside a label inherit its politeness but are not given to screen
/// readers (AccessKit filters them out).
fn live_regions(f: &Fixture) -> BTreeMap<String, (Live, String)> {
    f.harness
        .query_all_by(|n| n.live() != Live::Off && n.role() != Role::TextRun)
        .map(|n| {
            let id = format!("{:?}", n.accesskit_node().id());
            (id, (n.accesskit_node().live(), name_of(&n)))
        })
        .collect()
}

/// What AccessKit announces between two frames: a live region that appears,
/// or whose words change (its rule for AT-SPI and the other platforms).
fn announced(
    before: &BTreeMap<String, (Live, String)>,
    after: &BTreeMap<String, (Live, String)>,
) -> Vec<(Live, String)> {
    after
        .iter()
        .filter(|(id, now)| before.get(*id).is_none_or(|was| was.1 != now.1))
        .map(|(_, now)| now.clone())
        .collect()
}

/// The window's accessible name.
fn window_name(f: &Fixture) -> String {
    f.harness
        .root()
        .accesskit_node()
        .label()
        .unwrap_or_default()
}

fn headings(f: &Fixture) -> Vec<(usize, String)> {
    f.harness
        .query_all_by_role(Role::Heading)
        .map(|n| (n.accesskit_node().level().unwrap_or(0), name_of(&n)))
        .collect()
}

#[test]
fn each_screen_names_the_window_and_has_a_level_one_heading() {
    let mut f = fixture();
    f.harness.run();
    assert_eq!(window_name(&f), "neckguide — Home");
    assert!(headings(&f).contains(&(1, "neckguide".to_owned())));
    assert!(headings(&f).contains(&(2, "Due now".to_owned())));
    f.start_session(2);
    assert_eq!(window_name(&f), "neckguide — Session");
    assert!(headings(&f).contains(&(1, "Supine deep neck flexion".to_owned())));
    assert!(headings(&f).contains(&(2, "How to do it".to_owned())));
    f.key(egui::Key::P);
    assert_eq!(window_name(&f), "neckguide — Session stopped");
    assert!(headings(&f).contains(&(1, "Session stopped".to_owned())));
    f.key(egui::Key::Enter);
    f.click("History");
    assert_eq!(window_name(&f), "neckguide — History");
    let history = headings(&f);
    assert!(history.contains(&(1, "History".to_owned())));
    assert!(history.contains(&(2, "Last 12 weeks".to_owned())));
    f.key(egui::Key::Escape);
    f.click("Settings");
    assert_eq!(window_name(&f), "neckguide — Settings");
    assert!(headings(&f).contains(&(1, "Settings".to_owned())));
    f.key(egui::Key::Escape);
    f.key(egui::Key::M);
    assert_eq!(window_name(&f), "neckguide — Make or edit a routine");
    let builder = headings(&f);
    for (level, title) in [
        (1, "Make or edit a routine"),
        (2, "Exercises"),
        (2, "Add an exercise"),
        (2, "Preview"),
        (2, "Save"),
    ] {
        assert!(builder.contains(&(level, title.to_owned())), "{builder:?}");
    }
    f.harness
        .get_by_label("Start from Gentle neck routine")
        .click_accesskit();
    f.harness.run();
    assert!(headings(&f).contains(&(3, "1. Supine neutral head exercise".to_owned())));
}

/// A whole session, a quarter second at a time: each exercise's name and
/// each phase are announced once as they begin (politely), the seconds
/// never, and the check-out's "Well done: session complete" once at the
/// end; the pain stop is announced at once (assertively).
#[test]
fn phases_are_announced_once_each_and_the_seconds_never() {
    let mut f = fixture();
    f.start_session(2);
    let mut shown = live_regions(&f);
    // What is said in a frame, in the order of the words (the order of
    // two live regions changing in one frame is the screen reader's).
    let sorted = |mut words: Vec<(Live, String)>| {
        words.sort_by(|a, b| a.1.cmp(&b.1));
        words
    };
    let mut said: Vec<(Live, String)> = sorted(shown.values().cloned().collect());
    // The exercises and phases the session went through, from the model:
    // each name and each title once as it begins, in order.
    let mut title = model_title(&f);
    let mut exercise = model_exercise(&f);
    let mut expected: Vec<String> = sorted(
        [exercise.clone(), title.clone()]
            .into_iter()
            .flatten()
            .map(|w| (Live::Polite, w))
            .collect(),
    )
    .into_iter()
    .map(|(_, w)| w)
    .collect();
    let mut hold_seconds = Duration::ZERO;
    let mut said_in_holds = 0;
    while matches!(f.harness.state().screen(), Screen::Session { .. }) {
        f.clock.advance(Duration::from_millis(250));
        f.harness.run();
        let now = live_regions(&f);
        let new = sorted(announced(&shown, &now));
        // (The frame the check-out opens is no hold's, whatever the
        // finished session's last step.)
        let in_hold = matches!(f.harness.state().screen(), Screen::Session { .. })
            && matches!(
                step_kind(&f),
                Some(neckguide::schedule::StepKind::Hold { .. })
            );
        if in_hold {
            hold_seconds += Duration::from_millis(250);
            said_in_holds += new.len();
        }
        let mut begun = Vec::new();
        if let Some(now) = model_exercise(&f)
            && exercise.as_ref() != Some(&now)
        {
            exercise = Some(now.clone());
            begun.push((Live::Polite, now));
        }
        if let Some(now) = model_title(&f)
            && title.as_ref() != Some(&now)
        {
            title = Some(now.clone());
            begun.push((Live::Polite, now));
        }
        if matches!(f.harness.state().screen(), Screen::CheckOut(_)) {
            begun.push((Live::Polite, "Well done: session complete".to_owned()));
        }
        expected.extend(sorted(begun).into_iter().map(|(_, w)| w));
        said.extend(new);
        shown = now;
        // Get into position waits for Continue: press it when asked.
        if f.has_text("Get into position") {
            f.key(egui::Key::Enter);
        }
    }
    assert!(said.iter().all(|(live, _)| *live == Live::Polite));
    assert!(
        said.iter()
            .all(|(_, words)| !words.contains("second")
                && !words.chars().any(|c| c.is_ascii_digit())),
        "a countdown was announced: {said:?}"
    );
    // Once per exercise and phase, in order, then the check-out, and
    // nothing else.
    let words: Vec<&String> = said.iter().map(|(_, w)| w).collect();
    assert_eq!(words, expected.iter().collect::<Vec<_>>());
    for phase in ["Get ready", "Hold", "Release and rest"] {
        assert!(words.iter().any(|w| *w == phase), "{phase}: {words:?}");
    }
    // Each exercise's name once, and the end of the session once.
    for once in [
        "Supine deep neck flexion",
        "Seated retraction",
        "Isometric strengthening exercises",
        "Head lifts",
        "Well done: session complete",
    ] {
        let times = words.iter().filter(|w| **w == once).count();
        assert_eq!(times, 1, "{once} said {times} times: {words:?}");
    }
    // The holds were long enough to have had seconds to announce.
    assert!(hold_seconds > Duration::from_secs(20), "{hold_seconds:?}");
    // Only the start of each hold is said, never its seconds: a hold
    // follows a rest or a get-ready, so each is one announcement.
    let holds = said.iter().filter(|(_, w)| w.starts_with("Hold")).count();
    assert_eq!(said_in_holds, holds);
}

/// The name of the session's exercise, from the model.
fn model_exercise(f: &Fixture) -> Option<String> {
    let runner = f.harness.state().app().session()?;
    let state = runner;
    state.session.exercise().map(|e| e.exercise.name.clone())
}

/// The title of the session's step, from the model.
fn model_title(f: &Fixture) -> Option<String> {
    let runner = f.harness.state().app().session()?;
    let state = runner;
    let position = state.session.exercise().map(|e| e.exercise.position);
    state.session.step().map(|s| s.kind.title(position))
}

#[test]
fn the_pain_stop_is_announced_assertively() {
    let mut f = fixture();
    f.start_session(2);
    f.wait(18);
    let before = live_regions(&f);
    f.harness
        .get_by_role_and_label(Role::Button, PAIN_BUTTON)
        .click();
    f.harness.run();
    let said = announced(&before, &live_regions(&f));
    assert_eq!(said, vec![(Live::Assertive, "Session stopped".to_owned())]);
}

#[test]
fn the_countdown_and_progress_are_named_and_the_progress_has_a_range() {
    let mut f = fixture();
    f.start_session(2);
    f.wait(18);
    f.wait(2);
    assert_eq!(
        name_of(&f.harness.get_by_label_contains("seconds left")),
        "Hold: 3 seconds left"
    );
    let bar = f.harness.get_by_role(Role::ProgressIndicator);
    let node = bar.accesskit_node();
    assert_eq!(node.label().as_deref(), Some("Progress of Hold"));
    assert_eq!(node.min_numeric_value(), Some(0.0));
    assert_eq!(node.max_numeric_value(), Some(100.0));
    assert_eq!(node.numeric_value(), Some(40.0));
    // A count of one in words: "1 second", not "1 seconds".
    f.wait(2);
    assert_eq!(
        name_of(&f.harness.get_by_label_contains("second left")),
        "Hold: 1 second left"
    );
}

/// Records what a screen reader is told, frame after frame.
struct Listener {
    shown: BTreeMap<String, (Live, String)>,
    said: Vec<(Live, String)>,
}

impl Listener {
    fn new() -> Listener {
        Listener {
            shown: BTreeMap::new(),
            said: Vec::new(),
        }
    }

    /// Adds what was announced since the last call.
    fn listen(&mut self, f: &Fixture) {
        let now = live_regions(f);
        self.said.extend(announced(&self.shown, &now));
        self.shown = now;
    }

    /// How many times words starting with `start` were announced, and how.
    fn times(&self, start: &str) -> Vec<Live> {
        self.said
            .iter()
            .filter(|(_, w)| w.starts_with(start))
            .map(|(live, _)| *live)
            .collect()
    }
}

/// The messages a sighted person sees as they come are each announced
/// once: the warning-sign advice at the check-in (at once), the
/// end-session question, the end of the session at the check-out and
/// "Session saved" on home. (They were silent.)
#[test]
fn the_advice_the_end_question_the_end_and_the_save_are_announced_once() {
    let mut f = fixture();
    let mut ear = Listener::new();
    f.harness.run();
    ear.listen(&f);
    f.click("Start session");
    ear.listen(&f);
    f.click("Pain 2 of 10");
    ear.listen(&f);
    f.click("None: Where is any numbness, tingling or weakness in your arm or hand?");
    ear.listen(&f);
    for q in [
        "Is the weakness or numbness in your arm or hand getting worse?",
        "Do you have any problems controlling your bladder or bowel?",
        "Do you have fever, chills, or unexplained weight loss with your neck pain?",
    ] {
        f.click(&format!("No: {q}"));
        ear.listen(&f);
    }
    f.click("Yes: Is your pain persistent or worse despite two weeks of rest and over-the-counter measures?");
    ear.listen(&f);
    f.wait(3);
    ear.listen(&f);
    assert_eq!(
        ear.times("Please see a doctor soon"),
        vec![Live::Assertive],
        "{:?}",
        ear.said
    );

    // A session of its own, ended early, checked out and saved.
    let mut f = fixture();
    f.start_session(2);
    let mut ear = Listener::new();
    ear.listen(&f);
    f.wait(18);
    ear.listen(&f);
    f.harness
        .get_by_role_and_label(Role::Button, "End session")
        .click();
    f.harness.run();
    ear.listen(&f);
    f.wait(2);
    ear.listen(&f);
    assert_eq!(
        ear.times("End the session now?"),
        vec![Live::Polite],
        "{:?}",
        ear.said
    );
    f.key(egui::Key::Enter);
    ear.listen(&f);
    assert!(matches!(f.harness.state().screen(), Screen::CheckOut(_)));
    f.click("Pain 2 of 10");
    ear.listen(&f);
    assert_eq!(
        ear.times("Session ended"),
        vec![Live::Polite],
        "{:?}",
        ear.said
    );
    f.click("Save session");
    ear.listen(&f);
    f.wait(2);
    ear.listen(&f);
    assert!(matches!(f.harness.state().screen(), Screen::Home));
    assert_eq!(
        ear.times("Session saved"),
        vec![Live::Polite],
        "{:?}",
        ear.said
    );
    // The end question once, though it showed over many frames.
    assert_eq!(ear.times("End the session now?").len(), 1);
}

#[test]
fn the_history_chart_is_described_in_words_and_the_days_are_reachable() {
    let mut f = fixture();
    f.start_session(4);
    f.wait(300);
    f.click("Pain 2 of 10");
    f.click("Save session");
    f.click("History");
    let chart = f.harness.get_by_role_and_label(Role::Image, "Pain chart");
    let words = chart.accesskit_node().description().unwrap_or_default();
    assert!(
        words.contains("Pain before: 4 on") && words.contains("Pain after: 2 on"),
        "{words}"
    );
    // Not a Tab stop: there is nothing to do with it by keyboard.
    assert!(
        !chart
            .accesskit_node()
            .data()
            .supports_action(egui::accesskit::Action::Focus)
    );
    // The days of the calendar up to today, each with its words.
    let days: Vec<String> = f
        .harness
        .query_all_by(|n| {
            n.role() == Role::Label
                && n.value()
                    .is_some_and(|v| v.contains(": no sessions") || v.contains(" sessions done"))
        })
        .map(|n| name_of(&n))
        .collect();
    // Every day from a Monday eleven weeks back to today, in order.
    let dates: Vec<jiff::civil::Date> = days
        .iter()
        .map(|d| d.split(':').next().unwrap().parse().unwrap())
        .collect();
    let today = f.harness.state().app().today();
    assert_eq!(dates.last(), Some(&today));
    assert_eq!(dates[0].weekday(), jiff::civil::Weekday::Monday);
    assert!(dates.len() > 77 && dates.len() <= 84, "{days:?}");
    assert!(dates.windows(2).all(|w| w[0].tomorrow().unwrap() == w[1]));
    assert!(
        days.last().unwrap().ends_with(": 1 of 3 sessions done"),
        "{days:?}"
    );
}

/// The names of the controls showing; fails if one has none or two share
/// one.
fn control_names(f: &Fixture) -> std::collections::BTreeSet<String> {
    let names: Vec<String> = f
        .harness
        .query_all_by(|n| egui::accessibility::is_input(n.role()))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(names.iter().all(|n| !n.is_empty()), "{names:?}");
    let mut seen = std::collections::BTreeSet::new();
    for name in &names {
        assert!(
            seen.insert(name.clone()),
            "two controls named {name:?}: {names:?}"
        );
    }
    seen
}

/// Every control a person can reach has one name, and no two on a screen
/// share it: home, the check-in, the session, the stop, History, Settings,
/// the routine builder.
#[test]
fn every_control_has_its_own_name() {
    let mut f = fixture();
    f.harness.run();
    assert!(control_names(&f).contains("Start session"));
    f.click("Start session");
    assert!(control_names(&f).contains("Pain 3 of 10"));
    f.key(egui::Key::Escape);
    f.start_session(2);
    f.wait(18);
    assert!(control_names(&f).contains(PAIN_BUTTON));
    f.key(egui::Key::P);
    control_names(&f);
    f.key(egui::Key::Enter);
    f.click("History");
    control_names(&f);
    f.key(egui::Key::Escape);
    f.click("Settings");
    let seen = control_names(&f);
    assert!(seen.contains("Volume"));
    assert!(seen.contains("Volume in percent"));
    assert!(seen.contains("Text size in percent"));
    // The builder with a preset's exercises, one of one's own and a rule.
    f.key(egui::Key::Escape);
    f.key(egui::Key::M);
    for button in [
        "Start from Daily neck routine",
        "Add an exercise of your own",
        "Change the dose of exercise 1 with pain",
    ] {
        f.harness.get_by_label(button).click_accesskit();
        f.harness.run();
    }
    let seen = control_names(&f);
    for name in [
        "Routine name",
        "Repetitions of exercise 1",
        "Rule most of exercise 1",
        "Step 1 of exercise 5",
        "Dose kind of exercise 5",
        "Save in folder",
        "Save routine",
    ] {
        assert!(seen.contains(name), "{name} not named: {seen:?}");
    }
}

/// Issue 31: the pain scale is a group of radio buttons named by its
/// question, each rating saying its place ("Pain 3 of 10", 4 of 11), and
/// so is each question's row of answers: a screen reader says "radio
/// button, 4 of 11" (AT-SPI's posinset and setsize), not "toggle button".
#[test]
fn the_pain_scale_and_the_answers_are_radio_groups() {
    let mut f = fixture();
    f.harness.run();
    f.click("Start session");
    let group = f
        .harness
        .query_all_by_role(Role::RadioGroup)
        .find(|g| {
            g.accesskit_node().label().as_deref() == Some("How much pain do you have right now?")
        })
        .expect("the pain scale is a radio group named by its question");
    let ratings: Vec<_> = group
        .children()
        .filter(|n| n.accesskit_node().role() == Role::RadioButton)
        .map(|n| {
            let ak = n.accesskit_node();
            (
                ak.label().unwrap_or_default(),
                ak.position_in_set(),
                ak.size_of_set(),
            )
        })
        .collect();
    assert_eq!(ratings.len(), 11, "{ratings:?}");
    assert_eq!(
        ratings[3],
        ("Pain 3 of 10".to_owned(), Some(4), Some(11)),
        "{ratings:?}"
    );
    let arm = f
        .harness
        .query_all_by_role(Role::RadioGroup)
        .find(|g| {
            g.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Where is any numbness"))
        })
        .expect("the arm question's answers are a radio group");
    let places: Vec<_> = arm
        .children()
        .map(|n| {
            (
                n.accesskit_node().position_in_set(),
                n.accesskit_node().size_of_set(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [(Some(1), Some(3)), (Some(2), Some(3)), (Some(3), Some(3))]
    );
}
