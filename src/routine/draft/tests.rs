//! Unit tests of the draft: files made drafts and back unchanged, problems
//! at their fields, and any valid file round-tripping (proptest).

use proptest::prelude::*;

use super::*;
use crate::exercise::{Direction, Position};
use crate::routine::progression::DoseField;
use crate::routine::raw::{DoseKind, RawDose, RawExercise, RawExerciseRef, RawItem};

fn shipped() -> Vec<RawRoutine> {
    let library = Library::builtin();
    super::super::PRESET_ROUTINES
        .iter()
        .filter_map(|(file, text)| write::read_raw(file, text.as_bytes(), &library).ok())
        .collect()
}

#[test]
fn a_shipped_routine_made_a_draft_and_back_is_the_same_file() {
    let library = Library::builtin();
    let raws = shipped();
    assert_eq!(raws.len(), super::super::PRESET_ROUTINES.len());
    for raw in raws {
        let draft = Draft::from_raw(&raw);
        let checked = draft.check(&library);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        assert_eq!(checked.raw, raw);
        assert_eq!(write::file_text(&checked.raw), write::file_text(&raw));
        assert!(checked.routine.is_some());
    }
}

#[test]
fn every_field_of_an_edited_file_is_kept() {
    let library = Library::builtin();
    // A rule, a directions override, and an own exercise with the
    // fields the builder does not show (category, picture, source,
    // frequency, its own times a day).
    let text = r#"{
  "$schema": "https://example.org/routine.schema.json",
  "id": "week-3",
  "name": "Week 3",
  "prescriber": "A. Therapist",
  "note": "Slowly.",
  "times_per_day": 3,
  "items": [
    {
      "exercise": "seated-retraction",
      "progression": {
        "step": { "repetitions": 1 },
        "up_to": { "repetitions": 8 },
        "down_to": { "repetitions": 3 },
        "after_good_sessions": 6
      }
    },
    {
      "exercise": "isometric-neck-strengthening",
      "dose": { "directions": ["left", "right"], "sets": 2 },
      "times_per_day": 2
    },
    {
      "exercise": {
        "$schema": "exercise.schema.json",
        "id": "shrugs",
        "name": "Shrugs",
        "category": "Own",
        "position": "standing",
        "steps": ["Lift.", "Lower."],
        "cautions": ["Gently."],
        "dose": { "kind": "timed", "minutes": 2, "max_minutes": 4 },
        "times_per_day": 1,
        "frequency": "Morning",
        "image": "pictures/shrugs.png",
        "source": "The clinic"
      }
    }
  ]
}"#;
    let raw = write::read_raw("week-3.json", text.as_bytes(), &library).unwrap();
    let checked = Draft::from_raw(&raw).check(&library);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.raw, raw);
    let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(value(&write::file_text(&checked.raw)), value(text));
}

#[test]
fn an_items_dose_over_its_own_exercise_is_shown_and_saved_as_one_dose() {
    let library = Library::builtin();
    let text = r#"{ "id": "r", "name": "R", "times_per_day": 1, "items": [
          { "exercise": { "id": "own", "name": "Own", "position": "sitting",
              "steps": ["Do."], "dose": { "kind": "holds", "hold_seconds": 3, "repetitions": 4 } },
            "dose": { "repetitions": 6 } } ] }"#;
    let raw = write::read_raw("r.json", text.as_bytes(), &library).unwrap();
    let draft = Draft::from_raw(&raw);
    assert_eq!(draft.items[0].dose.repetitions, "6");
    let checked = draft.check(&library);
    // Another file (the override folded in), the same routine.
    assert_ne!(checked.raw, raw);
    assert_eq!(
        checked.routine,
        super::super::parse_routine("r.json", text.as_bytes(), &library).ok()
    );
}

#[test]
fn an_items_longer_time_drops_its_exercises_upper_bound_as_the_check_does() {
    let library = Library::builtin();
    let text = r#"{ "id": "r", "name": "R", "times_per_day": 1, "items": [
          { "exercise": { "id": "own", "name": "Own", "position": "sitting",
              "steps": ["Lie."], "dose": { "kind": "timed", "minutes": 2, "max_minutes": 3 } },
            "dose": { "minutes": 5 } } ] }"#;
    let parsed = super::super::parse_routine("r.json", text.as_bytes(), &library);
    assert!(parsed.is_ok(), "the file passes the check");
    let raw = write::read_raw("r.json", text.as_bytes(), &library).unwrap();
    let checked = Draft::from_raw(&raw).check(&library);
    assert_eq!(checked.routine, parsed.ok(), "{:?}", checked.problems);
}

#[test]
fn bad_input_is_a_problem_at_its_field() {
    let library = Library::builtin();
    let mut draft = Draft::empty();
    draft.items.push(DraftItem::library("seated-retraction"));
    draft.items.push(DraftItem::own());
    draft.items[0].dose.repetitions = "0".to_owned();
    draft.times_per_day = "two".to_owned();
    if let DraftExercise::Own(own) = &mut draft.items[1].exercise {
        own.name = "Shrugs".to_owned();
        own.steps[0] = "x".repeat(10_000);
    }
    let checked = draft.check(&library);
    assert!(checked.routine.is_none());
    let at = |path: &str| -> Vec<String> {
        checked
            .problems
            .iter()
            .filter(|p| p.path == path)
            .map(|p| p.message.clone())
            .collect()
    };
    assert_eq!(at("name"), ["Type the name"]);
    assert_eq!(at("times_per_day"), ["Type a whole number, like 5"]);
    assert_eq!(
        at("items[0].dose.repetitions"),
        ["Type how many repetitions from 1 to 50 (it says 0)"]
    );
    assert_eq!(
        at("items[1].exercise.steps[0]"),
        ["The step is 10000 characters long; at most 1000 are allowed"]
    );
    assert_eq!(
        at("items[1].exercise.dose.hold_seconds"),
        ["Type how many seconds each hold lasts: this kind of exercise needs it"]
    );
    // The routine's id comes from its name; with no name, a fallback.
    assert_eq!(checked.raw.id, "my-routine");
}

#[test]
fn a_new_dose_kind_drops_the_fields_it_has_not() {
    let library = Library::builtin();
    let mut draft = Draft::empty();
    draft.name = "R".to_owned();
    let mut item = DraftItem::own();
    if let DraftExercise::Own(own) = &mut item.exercise {
        own.name = "Own".to_owned();
        own.steps = vec!["Do.".to_owned()];
    }
    item.dose.hold_seconds = "5".to_owned();
    item.dose.repetitions = "5".to_owned();
    item.dose.set_kind(DoseKind::Timed);
    item.dose.minutes = "3".to_owned();
    draft.items.push(item);
    let checked = draft.check(&library);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    item = draft.items.remove(0);
    item.dose.set_kind(DoseKind::Holds);
    assert_eq!(
        item.dose,
        DraftDose {
            kind: Some(DoseKind::Holds),
            ..DraftDose::default()
        }
    );
}

#[test]
fn ids_are_made_from_names() {
    assert_eq!(slug("After the 2nd visit!", "x"), "after-the-2nd-visit");
    assert_eq!(slug("  Ünïcode  ", "x"), "n-code");
    assert_eq!(slug("", "my-routine"), "my-routine");
    assert_eq!(slug(&"a ".repeat(100), "x").len(), 63);
}

#[test]
fn items_move_within_the_list_only() {
    let mut draft = Draft::empty();
    for id in ["a", "b", "c"] {
        draft.items.push(DraftItem::library(id));
    }
    draft.move_item(0, 2);
    draft.move_item(5, 0);
    let ids: Vec<String> = draft.items.iter().map(DraftItem::exercise_id).collect();
    assert_eq!(ids, ["b", "c", "a"]);
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.]{0,30}"
}

fn dose() -> impl Strategy<Value = RawDose> {
    prop_oneof![
        (
            1i64..=120,
            1i64..=50,
            proptest::option::of(1i64..=10),
            proptest::option::of(0i64..=300)
        )
            .prop_map(|(h, r, s, rest)| RawDose {
                kind: Some(DoseKind::Holds),
                hold_seconds: Some(h),
                repetitions: Some(r),
                sets: s,
                rest_seconds: rest,
                ..RawDose::default()
            }),
        (1i64..=30, 0i64..=30).prop_map(|(m, extra)| RawDose {
            kind: Some(DoseKind::Timed),
            minutes: Some(m),
            max_minutes: Some(m + extra),
            ..RawDose::default()
        }),
        proptest::option::of(1i64..=60).prop_map(|m| RawDose {
            kind: Some(DoseKind::Practice),
            minutes: m,
            ..RawDose::default()
        }),
    ]
}

fn library_item(id: String, sets: Option<i64>) -> RawItem {
    RawItem {
        exercise: RawExerciseRef::Id(id),
        dose: sets.map(|s| RawDose {
            sets: Some(s),
            ..RawDose::default()
        }),
        times_per_day: None,
        progression: None,
    }
}

fn own_item() -> impl Strategy<Value = RawItem> {
    (
        text(),
        proptest::collection::vec(text(), 1..4),
        dose(),
        proptest::option::of(text()),
    )
        .prop_map(|(name, steps, dose, category)| RawItem {
            exercise: RawExerciseRef::Inline(Box::new(RawExercise {
                schema: None,
                id: String::new(),
                name,
                category,
                position: Position::Standing,
                steps,
                cautions: Vec::new(),
                dose,
                times_per_day: None,
                frequency: Some("daily".to_owned()),
                image: None,
                picture_held: None,
                source: None,
            })),
            dose: None,
            times_per_day: Some(1),
            progression: None,
        })
}

/// Distinct library exercises (some with their sets changed) and up to
/// three of one's own, in a shuffled order.
fn items() -> impl Strategy<Value = Vec<RawItem>> {
    let ids: Vec<String> = Library::builtin()
        .ids()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let count = ids.len();
    (
        proptest::sample::subsequence(ids, 0..=count),
        proptest::collection::vec(proptest::option::of(1i64..=10), count),
        proptest::collection::vec(own_item(), 0..3),
    )
        .prop_map(|(ids, sets, own)| {
            let mut items: Vec<RawItem> = ids
                .into_iter()
                .zip(sets)
                .map(|(id, s)| {
                    // Only a dose of holds has sets.
                    let holds = matches!(
                        Library::builtin().get(&id).map(|e| &e.dose),
                        Some(crate::exercise::Dose::Holds(_))
                    );
                    library_item(id, s.filter(|_| holds))
                })
                .collect();
            for (n, mut item) in own.into_iter().enumerate() {
                if let RawExerciseRef::Inline(e) = &mut item.exercise {
                    e.id = format!("own-{n}");
                }
                items.push(item);
            }
            items
        })
        .prop_shuffle()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_routine_file_round_trips_through_a_draft(
        name in text(),
        prescriber in proptest::option::of(text()),
        times in 1i64..=12,
        measures_every_days in proptest::option::of(1i64..=90),
        items in items(),
    ) {
        let library = Library::builtin();
        let raw = RawRoutine {
            schema: Some("routine.schema.json".to_owned()),
            id: "made".to_owned(),
            name,
            prescriber,
            note: None,
            times_per_day: times,
            measures_every_days,
            items,
        };
        let text = write::file_text(&raw);
        let read = write::read_raw("made.json", text.as_bytes(), &library);
        // A routine needs an exercise; any other is a valid file.
        prop_assert_eq!(read.is_ok(), !raw.items.is_empty(), "{:?}", read);
        let Ok(read) = read else { return Ok(()) };
        let checked = Draft::from_raw(&read).check(&library);
        prop_assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        prop_assert_eq!(write::file_text(&checked.raw), text);
    }
}

/// What may be typed in a number field: nothing, too little, enough, too
/// much, not a number.
fn typed() -> impl Strategy<Value = String> {
    proptest::sample::select(vec!["", "0", "1", "3", "5", "8", "61", "500", "x"])
        .prop_map(str::to_owned)
}

fn typed_dose() -> impl Strategy<Value = DraftDose> {
    (
        proptest::option::of(proptest::sample::select(vec![
            DoseKind::Holds,
            DoseKind::Directions,
            DoseKind::Timed,
            DoseKind::Practice,
        ])),
        proptest::collection::vec(typed(), 7),
        proptest::option::of(proptest::sample::subsequence(
            vec![Direction::Forward, Direction::Left, Direction::Right],
            0..=3,
        )),
    )
        .prop_map(|(kind, numbers, directions)| {
            let mut dose = DraftDose {
                kind,
                directions,
                ..DraftDose::default()
            };
            for (field, text) in NumberField::ALL.into_iter().zip(numbers) {
                *dose.text_mut(field) = text;
            }
            dose
        })
}

fn typed_rule() -> impl Strategy<Value = Option<DraftProgression>> {
    proptest::option::of(
        (
            proptest::sample::select(vec![
                DoseField::Repetitions,
                DoseField::HoldSeconds,
                DoseField::Sets,
                DoseField::Minutes,
            ]),
            proptest::collection::vec(typed(), 4),
        )
            .prop_map(|(field, n)| DraftProgression {
                field,
                step: n[0].clone(),
                up_to: n[1].clone(),
                down_to: n[2].clone(),
                after_good_sessions: n[3].clone(),
            }),
    )
}

fn typed_item() -> impl Strategy<Value = DraftItem> {
    (
        proptest::sample::select(vec!["", "head-lifts", "seated-retraction", "own"]),
        proptest::sample::select(vec!["", "Own", "  "]),
        typed_dose(),
        typed(),
        typed_rule(),
    )
        .prop_map(|(which, name, dose, times, rule)| {
            let mut item = match which {
                "own" | "" => DraftItem::own(),
                id => DraftItem::library(id),
            };
            if let DraftExercise::Own(own) = &mut item.exercise {
                own.name = name.to_owned();
                if which.is_empty() {
                    own.steps = vec![String::new()];
                }
            }
            item.dose = dose;
            item.times_per_day = times;
            item.progression = rule;
            item
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Whatever is typed in the builder's fields, every problem it shows
    /// says what to do in the builder's words: no file key, no backtick,
    /// no field path, and a sentence's capital.
    #[test]
    fn every_problem_of_a_draft_is_in_the_builders_words(
        name in proptest::sample::select(vec!["", "Neck", "Bad\u{202E}"]),
        times in typed(),
        items in proptest::collection::vec(typed_item(), 0..4),
    ) {
        let mut draft = Draft::empty();
        draft.name = name.to_owned();
        draft.times_per_day = times;
        draft.items = items;
        let checked = draft.check(&Library::builtin());
        for p in &checked.problems {
            let m = &p.message;
            prop_assert!(!m.contains('`') && !m.contains('_') && !m.contains('['), "{}: {}", p.path, m);
            prop_assert!(m.starts_with(char::is_uppercase), "{}: {}", p.path, m);
        }
    }
}

/// An empty number field's hint is what the routine runs with: the number
/// for a field with a default, and no hint of a number for one without.
#[test]
fn an_empty_fields_hint_is_what_it_gets() {
    let mut draft = Draft::empty();
    draft.name = "R".to_owned();
    let mut item = DraftItem::own();
    if let DraftExercise::Own(own) = &mut item.exercise {
        own.name = "Own".to_owned();
        own.steps = vec!["Do.".to_owned()];
    }
    item.dose.hold_seconds = "5".to_owned();
    item.dose.repetitions = "5".to_owned();
    draft.items.push(item);
    let routine = draft.check(&Library::builtin()).routine.unwrap();
    let crate::exercise::Dose::Holds(holds) = &routine.items[0].exercise.dose else {
        panic!("{:?}", routine.items[0].exercise.dose);
    };
    let kind = DoseKind::Holds;
    assert_eq!(NumberField::Sets.when_empty(kind), holds.sets.to_string());
    assert_eq!(
        NumberField::RestSeconds.when_empty(kind),
        holds.rest_seconds.to_string()
    );
    assert_eq!(
        NumberField::RestBetweenSets.when_empty(kind),
        holds.rest_between_sets_seconds.to_string()
    );
    assert_eq!(NumberField::HoldSeconds.when_empty(kind), "needed");
    assert_eq!(place_in_words("items[1].dose.sets"), "Exercise 2");
    // More sessions than the routine has: what to do.
    draft.items[0].times_per_day = "2".to_owned();
    let checked = draft.check(&Library::builtin());
    assert_eq!(
        checked.problems[0].message,
        "This exercise is due twice a day, but the routine has only 1 session a day: type fewer here, or more sessions a day for the routine"
    );
    assert_eq!(place_in_words("times_per_day"), "The routine");
}
