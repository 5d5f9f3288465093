//! The routine builder in the window, as a therapist uses it: a routine
//! made from empty, saved, checked and then run as a session; each shipped
//! routine opened and saved unchanged plans the same; bad input is said
//! next to its field and nothing is written.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use neckguide::ui::Screen;

use crate::common::{repo_root, run, stderr, stdout};
use crate::ui_flows::{Fixture, fixture};

/// Home → the builder.
fn open_builder(f: &mut Fixture) {
    f.harness.run();
    f.click("Make or edit a routine");
    assert_eq!(f.harness.state().screen(), &Screen::Builder);
}

/// Replaces what the field named `label` holds with `text`, and leaves it
/// (its problems show once it is left).
fn set_field(f: &mut Fixture, label: &str, text: &str) {
    type_in_field(f, label, text);
    leave_field(f);
}

/// Leaves the field being typed in, as a click elsewhere does.
fn leave_field(f: &mut Fixture) {
    f.harness.ctx.memory_mut(|m| m.stop_text_input());
    f.harness.run();
}

/// Replaces what the field named `label` holds with `text`, staying in it.
fn type_in_field(f: &mut Fixture, label: &str, text: &str) {
    f.harness.get_by_label(label).focus();
    f.harness.run();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    f.harness.run();
    f.harness.key_press(Key::Backspace);
    f.harness.run();
    if !text.is_empty() {
        f.harness.get_by_label(label).type_text(text);
        f.harness.run();
    }
}

/// Presses the button named `label`, scrolled into view or not (as a
/// screen reader or the keyboard would).
fn press(f: &mut Fixture, label: &str) {
    f.harness.get_by_label(label).click_accesskit();
    f.harness.run();
}

/// Whether the Save button is disabled.
fn save_disabled(f: &Fixture) -> bool {
    use egui_kittest::kittest::NodeT as _;
    f.harness
        .get_by_label("Save routine")
        .accesskit_node()
        .is_disabled()
}

/// Whether a problem with these words shows.
fn says(f: &Fixture, words: &str) -> bool {
    f.has_text(&format!("Problem: {words}"))
}

#[test]
fn a_routine_built_from_empty_is_saved_as_expected_checks_and_runs_a_session() {
    let mut f = fixture();
    let out = tempfile::tempdir().unwrap();
    open_builder(&mut f);
    // Empty: the name and the exercises are asked for, nothing to save.
    assert!(says(&f, "Type the name"));
    assert!(says(&f, "Add at least one exercise"));
    assert!(save_disabled(&f));
    set_field(&mut f, "Routine name", "After the second visit");
    set_field(&mut f, "Prescribed by", "A. Therapist, PT");
    set_field(&mut f, "Sessions a day", "2");
    // Shown empty with what that means: every 7 days.
    assert!(f.has_text("Outcome measures every … days (1–90)"));
    set_field(&mut f, "Outcome measures every how many days", "14");
    // The file name comes from the name unless typed.
    assert!(f.has_text("The file: after-the-second-visit.json"));
    set_field(&mut f, "Routine id", "after-visit-2");
    for name in [
        "Supine deep neck flexion",
        "Seated retraction",
        "Neutral head walking exercise",
    ] {
        press(&mut f, &format!("Add {name}"));
        if name == "Supine deep neck flexion" {
            // Counts in words.
            assert!(f.has_text("(1 exercise)"));
        }
    }
    // One changed dose.
    set_field(&mut f, "Repetitions of exercise 2", "8");
    // One exercise of the therapist's own.
    press(&mut f, "Add an exercise of your own");
    set_field(&mut f, "Name of exercise 4", "Shoulder rolls");
    set_field(
        &mut f,
        "Step 1 of exercise 4",
        "Roll your shoulders slowly back.",
    );
    set_field(&mut f, "Hold, seconds of exercise 4", "3");
    set_field(&mut f, "Repetitions of exercise 4", "10");
    set_field(&mut f, "Sessions a day of exercise 4", "1");
    assert!(!f.has_text("Problem:"), "a problem still shows");
    // The preview: the first session's timeline, from the one schedule.
    assert!(f.has_text("First session of the day: "));
    set_field(&mut f, "Save in folder", out.path().to_str().unwrap());
    press(&mut f, "Save routine");
    let file = out.path().join("after-visit-2.json");
    assert!(
        f.has_text("It is in your routines now."),
        "the save was not said"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        crate::routine_save::EXPECTED
    );
    let checked = run(out.path(), &["check", file.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    // The handout is written beside it. The desktop's answer (here: no
    // bus) comes from another thread, whenever it comes: a frame it lands
    // in asks for more frames than `run` allows, so these steps do not
    // count them.
    f.harness.get_by_label("Print handout").click_accesskit();
    let _ = f.harness.run_ok();
    let handout = out.path().join("after-visit-2-handout.html");
    assert!(handout.is_file());
    assert!(
        std::fs::read_to_string(&handout)
            .unwrap()
            .contains("Shoulder rolls")
    );
    // With no desktop to open it, the person is told where it is.
    for _ in 0..200 {
        if f.has_text("open that file in a web browser to print it") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        let _ = f.harness.run_ok();
    }
    assert!(f.has_text("It could not be opened here (no session bus)"));
    // Added and chosen: home shows it, and a session runs it to the end.
    // (By its node: the fields and buttons lower down took the focus in
    // turn and the page scrolled each into view, so the button at its top
    // is out of the window, at y = -1234.)
    f.harness.get_by_label("Back to home").click_accesskit();
    f.harness.run();
    assert!(f.has("Today: 0 of 2 sessions done"));
    f.start_session(2);
    for _ in 0..900 {
        if matches!(f.harness.state().screen(), Screen::CheckOut(_)) {
            break;
        }
        if f.has("Done") {
            // The walking practice, for half a minute.
            f.wait(30);
            f.click("Done");
        } else {
            f.wait(1);
        }
    }
    assert!(matches!(f.harness.state().screen(), Screen::CheckOut(_)));
    f.click("Pain 2 of 10");
    f.click("Save session");
    let records = f.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["outcome"], "completed");
    assert_eq!(records[0]["routine"]["id"], "after-visit-2");
    let done: Vec<(String, u64)> = records[0]["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_owned(),
                e["done"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        done,
        [
            ("supine-deep-neck-flexion".to_owned(), 5),
            ("seated-retraction".to_owned(), 8),
            // A practice with no set time prescribes none: 0 of 0.
            ("neutral-head-walking".to_owned(), 0),
            ("shoulder-rolls".to_owned(), 10),
        ]
    );
    // The routine added can be edited again from the builder.
    f.key(Key::M);
    press(&mut f, "Start from After the second visit (added)");
    assert!(f.has_text("Editing "));
    assert!(f.has_text("4. Shoulder rolls (your own)"));
    assert!(!f.has_text("Problem:"));
}

/// The events `plan --json` prints for `file` (session `n`).
fn plan(dir: &Path, file: &Path, n: u32) -> String {
    let session = n.to_string();
    let out = run(
        dir,
        &[
            "plan",
            "--json",
            "--session",
            &session,
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn each_shipped_routine_opened_and_saved_unchanged_plans_the_same() {
    let mut f = fixture();
    let out = tempfile::tempdir().unwrap();
    open_builder(&mut f);
    set_field(&mut f, "Save in folder", out.path().to_str().unwrap());
    for name in ["daily-neck-routine", "gentle-neck-routine"] {
        let shipped = repo_root().join(format!("exercises/routines/{name}.json"));
        // Opened as a file to edit, and as a preset.
        set_field(&mut f, "Routine file to edit", shipped.to_str().unwrap());
        press(&mut f, "Open the routine file to edit");
        assert!(f.has_text("Editing "), "{name} did not open");
        assert!(!f.has_text("Problem:"));
        press(&mut f, "Save routine");
        assert!(f.has_text("Saved as "), "{name} was not saved");
        // Its id is a preset's: the person is asked; the file is written.
        press(&mut f, "Do not add it");
        let saved = out.path().join(format!("{name}.json"));
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
        let mut original: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&shipped).unwrap()).unwrap();
        // Its "$schema" (../schema/routine.schema.json, which would point
        // nowhere from here) is the schema written beside it.
        assert_eq!(
            original["$schema"].as_str(),
            Some("../schema/routine.schema.json")
        );
        original["$schema"] = "routine.schema.json".into();
        assert_eq!(raw, original, "every other field is kept");
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("routine.schema.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(&schema, neckguide::routine::routine_schema());
        for session in 1..=3 {
            assert_eq!(
                plan(out.path(), &saved, session),
                plan(out.path(), &shipped, session),
                "{name}, session {session}"
            );
        }
        std::fs::remove_file(&saved).unwrap();
    }
    for preset in ["Daily neck routine", "Gentle neck routine"] {
        press(&mut f, &format!("Start from {preset}"));
        assert!(f.has_text(&format!("Editing a copy of {preset}.")));
        assert!(!f.has_text("Problem:"));
    }
}

#[test]
fn bad_input_is_said_next_to_its_field_and_nothing_is_written() {
    let mut f = fixture();
    let out = tempfile::tempdir().unwrap();
    open_builder(&mut f);
    set_field(&mut f, "Save in folder", out.path().to_str().unwrap());
    press(&mut f, "Start from Daily neck routine");
    // An empty name.
    set_field(&mut f, "Routine name", "");
    assert!(says(&f, "Type the name"));
    // 0 repetitions typed; letters are not taken at all.
    set_field(&mut f, "Repetitions of exercise 2", "0");
    assert!(says(
        &f,
        "Type how many repetitions from 1 to 50 (it says 0)"
    ));
    // A screen reader hears it with the field.
    {
        use egui_kittest::kittest::NodeT as _;
        let field = f.harness.get_by_label("Repetitions of exercise 2");
        assert_eq!(
            field.accesskit_node().description().as_deref(),
            Some("Problem: Type how many repetitions from 1 to 50 (it says 0)")
        );
    }
    // While typing, the field's problem waits until the field is left:
    // nothing moves under the hand.
    type_in_field(&mut f, "Repetitions of exercise 2", "");
    type_in_field(&mut f, "Repetitions of exercise 2", "0");
    assert!(!says(
        &f,
        "Type how many repetitions from 1 to 50 (it says 0)"
    ));
    leave_field(&mut f);
    assert!(says(
        &f,
        "Type how many repetitions from 1 to 50 (it says 0)"
    ));
    set_field(&mut f, "Outcome measures every how many days", "91");
    assert!(says(
        &f,
        "Type how many days between outcome measures from 1 to 90 (it says 91)"
    ));
    set_field(&mut f, "Outcome measures every how many days", "");
    set_field(&mut f, "Sets of exercise 2", "two");
    assert!(!f.has_text("Problem: sets"));
    // 10,000 characters pasted into a step of one's own exercise.
    press(&mut f, "Add an exercise of your own");
    f.harness.get_by_label("Step 1 of exercise 5").focus();
    f.harness.run();
    f.harness.event(egui::Event::Paste("x".repeat(10_000)));
    f.harness.run();
    leave_field(&mut f);
    assert!(says(
        &f,
        "The step is 10000 characters long; at most 1000 are allowed"
    ));
    assert!(save_disabled(&f));
    assert!(f.has_text("problems to fix before saving."));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    // Fixed, but the folder cannot be written: said, nothing written.
    press(&mut f, "Remove exercise 5");
    set_field(&mut f, "Routine name", "Daily neck routine");
    set_field(&mut f, "Repetitions of exercise 2", "");
    set_field(&mut f, "Routine id", "my-daily");
    assert!(!f.has_text("Problem:"));
    let (folder, _keep) = read_only_folder();
    set_field(&mut f, "Save in folder", folder.to_str().unwrap());
    press(&mut f, "Save routine");
    assert!(
        f.has_text("Nothing was written; choose another folder."),
        "the failed save was not said"
    );
    assert!(!folder.join("my-daily.json").exists());
    // A folder that does not exist.
    let missing = out.path().join("no-such-folder");
    set_field(&mut f, "Save in folder", missing.to_str().unwrap());
    press(&mut f, "Save routine");
    assert!(
        f.has_text("does not exist. Nothing was written; create it, or choose another folder.")
    );
    assert!(!missing.exists());
}

/// A folder no file can be created in: one made read-only, or (as root,
/// who may write there anyway) `/sys`, where nobody can create files.
fn read_only_folder() -> (std::path::PathBuf, Option<tempfile::TempDir>) {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("read-only");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), "x").is_ok() {
        // Root: permissions do not stop it.
        return (std::path::PathBuf::from("/sys"), None);
    }
    (dir, Some(tmp))
}

#[test]
fn exercises_are_reordered_and_removed_with_the_keyboard_alone() {
    let mut f = fixture();
    f.harness.run();
    // M opens the builder; Tab and Enter do the rest.
    f.key(Key::M);
    assert_eq!(f.harness.state().screen(), &Screen::Builder);
    f.tab_to("Start from Daily neck routine");
    f.key(Key::Enter);
    assert!(f.has_text("1. Supine deep neck flexion"));
    f.tab_to("Move exercise 2 up");
    f.key(Key::Enter);
    assert!(f.has_text("1. Seated retraction"));
    assert!(f.has_text("2. Supine deep neck flexion"));
    f.tab_to("Remove exercise 4");
    f.key(Key::Enter);
    assert!(!f.has_text("4. Head lifts"));
    assert!(f.has_text("3. Isometric strengthening exercises"));
    // Esc (no text field focused) goes home; the draft is kept for later.
    f.key(Key::Escape);
    assert_eq!(f.harness.state().screen(), &Screen::Home);
    f.key(Key::M);
    assert!(f.has_text("1. Seated retraction"));
}

/// A routine file `arm-routine.json` in `dir` whose own exercise names the
/// picture `pictures/arm.svg`, and that picture beside it (unless
/// `picture` is `None`).
fn routine_with_picture(dir: &Path, picture: Option<&str>) -> std::path::PathBuf {
    let file = dir.join("arm-routine.json");
    std::fs::write(
        &file,
        r#"{"id": "arm-routine", "name": "Arm routine", "times_per_day": 1, "items": [
          {"exercise": {"id": "arm-glide", "name": "Arm glide", "position": "sitting",
            "steps": ["Glide the arm."], "image": "pictures/arm.svg",
            "dose": {"kind": "practice"}}}]}"#,
    )
    .unwrap();
    if let Some(picture) = picture {
        std::fs::create_dir_all(dir.join("pictures")).unwrap();
        std::fs::write(dir.join("pictures/arm.svg"), picture).unwrap();
    }
    file
}

const ARM_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n";

#[test]
fn builder_saves_an_opened_routine_elsewhere_with_its_own_picture_beside_it() {
    let mut f = fixture();
    let from = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let opened = routine_with_picture(from.path(), Some(ARM_SVG));
    open_builder(&mut f);
    set_field(&mut f, "Routine file to edit", opened.to_str().unwrap());
    press(&mut f, "Open the routine file to edit");
    assert!(f.has_text("Editing "), "the routine did not open");
    assert!(!f.has_text("Problem:"));
    set_field(&mut f, "Save in folder", out.path().to_str().unwrap());
    press(&mut f, "Save routine");
    let saved = out.path().join("arm-routine.json");
    assert!(saved.is_file(), "the routine was not saved");
    assert_eq!(
        std::fs::read(out.path().join("pictures/arm.svg")).unwrap(),
        ARM_SVG.as_bytes(),
        "the picture is beside the saved routine, byte for byte"
    );
    assert!(
        f.has_text("Its picture \"pictures/arm.svg\" was copied beside it."),
        "the copy was not said"
    );
    // The import beside the save found the picture too.
    assert!(f.has_text("It is in your routines now."));
    let checked = run(out.path(), &["check", saved.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}

/// The app with a data folder of its own in `dir`.
fn app_in(dir: &Path) -> neckguide::app::App {
    use neckguide::app::{App, AppOptions, paths::DataDir};
    App::open(AppOptions::stepped(
        Some(DataDir::new(dir)),
        std::sync::Arc::new(neckguide::session::ManualClock::new()),
    ))
}

/// Opens `file` in the builder's model and saves it in `folder`.
fn save_opened(app: &mut neckguide::app::App, file: &Path, folder: &Path) -> String {
    use neckguide::app::builder::{DraftSource, draft_from};
    let source = DraftSource::File(file.to_path_buf());
    let draft = draft_from(&source, app.library(), app.catalog()).unwrap();
    let raw = draft.to_raw().0;
    app.save_built_routine(&raw, &source, folder).unwrap()
}

#[test]
fn builder_save_says_which_picture_is_missing_and_where_it_was_looked_for() {
    let data = tempfile::tempdir().unwrap();
    let from = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let opened = routine_with_picture(from.path(), Some(ARM_SVG));
    let mut app = app_in(data.path());
    // Opened with its picture, which is then lost before the save.
    let source = neckguide::app::builder::DraftSource::File(opened.clone());
    let raw = neckguide::app::builder::draft_from(&source, app.library(), app.catalog())
        .unwrap()
        .to_raw()
        .0;
    std::fs::remove_file(from.path().join("pictures/arm.svg")).unwrap();
    let said = app.save_built_routine(&raw, &source, out.path()).unwrap();
    assert!(out.path().join("arm-routine.json").is_file(), "{said}");
    let looked = from.path().join("pictures/arm.svg");
    assert!(
        said.contains(&format!(
            "The picture \"pictures/arm.svg\" was not copied: it was not found at {}",
            looked.display()
        )),
        "{said}"
    );
    assert!(!out.path().join("pictures").exists());
}

#[test]
fn builder_save_never_overwrites_a_different_picture_already_there() {
    let data = tempfile::tempdir().unwrap();
    let from = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let opened = routine_with_picture(from.path(), Some(ARM_SVG));
    std::fs::create_dir_all(out.path().join("pictures")).unwrap();
    std::fs::write(out.path().join("pictures/arm.svg"), "another picture").unwrap();
    let mut app = app_in(data.path());
    let said = save_opened(&mut app, &opened, out.path());
    assert!(out.path().join("arm-routine.json").is_file(), "{said}");
    assert_eq!(
        std::fs::read_to_string(out.path().join("pictures/arm.svg")).unwrap(),
        "another picture"
    );
    assert!(
        said.contains(&format!(
            "The picture \"pictures/arm.svg\" was not copied: a different file is already at {}, and it was left as it is.",
            out.path().join("pictures/arm.svg").display()
        )),
        "{said}"
    );
    // The same picture already there: nothing to say, nothing written.
    std::fs::write(out.path().join("pictures/arm.svg"), ARM_SVG).unwrap();
    let said = save_opened(&mut app, &opened, out.path());
    assert!(!said.contains("picture"), "{said}");
    // Saved back into the folder it was opened from: the same.
    let said = save_opened(&mut app, &opened, from.path());
    assert!(!said.contains("picture"), "{said}");
}

/// A preset started in the builder is a copy under an id of its own: saved,
/// it is added to the person's routines without the "already here"
/// question (which a preset's own id always raised, here and again when the
/// patient's app added the file); the next copy takes the next number.
#[test]
fn a_copy_of_a_preset_is_saved_and_added_under_an_id_of_its_own() {
    let mut f = fixture();
    let out = tempfile::tempdir().unwrap();
    open_builder(&mut f);
    set_field(&mut f, "Save in folder", out.path().to_str().unwrap());
    press(&mut f, "Start from Daily neck routine");
    assert!(f.has_text("Editing a copy of Daily neck routine."));
    assert!(!f.has_text("Problem:"));
    press(&mut f, "Save routine");
    assert!(
        f.has_text("It is in your routines now."),
        "the copy was not added"
    );
    assert!(!f.has_text("A routine with this id is already here"));
    let saved = out.path().join("daily-neck-routine-2.json");
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(raw["id"], "daily-neck-routine-2");
    assert_eq!(raw["name"], "Daily neck routine (2)");
    let checked = run(out.path(), &["check", saved.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    // The copy is the preset but for its id and name.
    let preset: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("exercises/routines/daily-neck-routine.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(raw["items"], preset["items"]);
    assert_eq!(raw["times_per_day"], preset["times_per_day"]);
    // -2 is taken now: the next copy is -3.
    press(&mut f, "Start from Daily neck routine");
    press(&mut f, "Save routine");
    assert!(f.has_text("It is in your routines now."));
    assert!(out.path().join("daily-neck-routine-3.json").is_file());
}

/// The window at the size of a laptop's screen, 1280x800, over a data
/// folder of its own.
fn laptop_fixture() -> Fixture {
    use neckguide::app::AppOptions;
    use neckguide::app::audio::{Audio, AudioStatus};
    use neckguide::app::paths::DataDir;
    use neckguide::session::ManualClock;
    use neckguide::ui::NeckguideApp;
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let app = NeckguideApp::new(AppOptions {
        audio: Audio::with_status(AudioStatus::Disabled),
        ..AppOptions::stepped(
            Some(DataDir::new(dir.path())),
            std::sync::Arc::new(clock.clone()),
        )
    });
    let harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut NeckguideApp| app.ui(ui), app);
    Fixture {
        harness,
        clock,
        dir,
    }
}

/// Issue 29's routine (four exercises, a changed dose, one of one's own, a
/// progression rule) saved in a folder that is not there, at 1280x800:
/// the refusal shows beside Save without scrolling, and creating the
/// folder from there saves it.
#[test]
fn a_missing_save_folder_is_said_in_view_and_can_be_created() {
    use egui_kittest::kittest::NodeT as _;
    let mut f = laptop_fixture();
    let out = tempfile::tempdir().unwrap();
    open_builder(&mut f);
    set_field(&mut f, "Routine name", "After the second visit");
    for name in [
        "Supine deep neck flexion",
        "Seated retraction",
        "Neutral head walking exercise",
    ] {
        press(&mut f, &format!("Add {name}"));
    }
    set_field(&mut f, "Repetitions of exercise 2", "5");
    press(&mut f, "Change the dose of exercise 2 with pain");
    // The rule's empty bounds, in a clinician's words; no file key shows
    // (the field it changes is "Repetitions", not "repetitions").
    assert!(says(&f, "Set the highest number this rule may reach"));
    for key in ["_", "`", "repetitions", "[1]"] {
        let shown: Vec<String> = f
            .harness
            .query_all_by_label_contains(key)
            .filter_map(|n| n.accesskit_node().label())
            .collect();
        assert!(shown.is_empty(), "{key:?} shows in {shown:?}");
    }
    let field = f
        .harness
        .get_by_label("Dose field the rule of exercise 2 changes");
    assert_eq!(
        field.accesskit_node().value().as_deref(),
        Some("Repetitions")
    );
    set_field(&mut f, "Rule most of exercise 2", "8");
    set_field(&mut f, "Rule least of exercise 2", "3");
    press(&mut f, "Add an exercise of your own");
    set_field(&mut f, "Name of exercise 4", "Shoulder rolls");
    set_field(&mut f, "Step 1 of exercise 4", "Roll your shoulders back.");
    set_field(&mut f, "Hold, seconds of exercise 4", "3");
    set_field(&mut f, "Repetitions of exercise 4", "10");
    assert!(!f.has_text("Problem"), "a problem still shows");
    let missing = out.path().join("routines").join("neck");
    set_field(&mut f, "Save in folder", missing.to_str().unwrap());
    // Back at the top of the page, as after typing high up.
    f.harness.get_by_label("Routine name").focus();
    f.harness.run();
    press(&mut f, "Save routine");
    let refusal = f.harness.get_by_label_contains("does not exist");
    let bounds = refusal.accesskit_node().bounding_box().unwrap();
    assert!(
        bounds.y0 >= 0.0 && bounds.y1 <= 800.0,
        "the refusal is out of view: {bounds:?}"
    );
    assert!(!missing.exists());
    press(&mut f, "Create the folder and save");
    assert!(missing.join("after-the-second-visit.json").is_file());
    assert!(f.has_text("It is in your routines now."));
}

#[test]
fn an_own_exercise_takes_a_held_picture_in_the_builder_and_saves_both() {
    let mut f = fixture();
    let from = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let opened = routine_with_picture(from.path(), Some(ARM_SVG));
    std::fs::write(from.path().join("pictures/arm-held.svg"), ARM_SVG).unwrap();
    open_builder(&mut f);
    set_field(&mut f, "Routine file to edit", opened.to_str().unwrap());
    press(&mut f, "Open the routine file to edit");
    assert!(f.has_text("Editing "), "the routine did not open");
    let start = f
        .harness
        .get_by_label("Picture of the start position of exercise 1");
    assert_eq!(start.value().as_deref(), Some("pictures/arm.svg"));
    // The held picture alone is a problem, in the builder's words.
    set_field(&mut f, "Picture of the start position of exercise 1", "");
    set_field(
        &mut f,
        "Picture of the held position of exercise 1",
        "pictures/arm-held.svg",
    );
    leave_field(&mut f);
    assert!(says(
        &f,
        "Type the picture of the start position too, or empty the picture of the held position"
    ));
    set_field(
        &mut f,
        "Picture of the start position of exercise 1",
        "pictures/arm.svg",
    );
    leave_field(&mut f);
    assert!(!f.has_text("Problem:"));
    set_field(&mut f, "Save in folder", out.path().to_str().unwrap());
    press(&mut f, "Save routine");
    let saved = out.path().join("arm-routine.json");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("\"picture_held\": \"pictures/arm-held.svg\""),
        "{text}"
    );
    for picture in ["pictures/arm.svg", "pictures/arm-held.svg"] {
        assert_eq!(
            std::fs::read(out.path().join(picture)).unwrap(),
            ARM_SVG.as_bytes(),
            "{picture} beside the saved routine"
        );
    }
    let checked = run(out.path(), &["check", saved.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}
