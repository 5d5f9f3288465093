//! The layers of the code, checked from the source text: the model knows no
//! screen, sound, file or thread; the app layer draws nothing; the window
//! runs no thread, touches no file and builds no log record, and reaches the
//! log store only through the app. `ARCHITECTURE.md` draws the same arrows.

use std::path::{Path, PathBuf};

use crate::common::repo_root;

/// Where a source file sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    /// Pure: formats, rules, state machines, figures.
    Model,
    /// The log on disk.
    Storage,
    /// Runs things: files, threads, sound, the session runner.
    App,
    /// The window.
    Ui,
    /// The command line.
    Cli,
    /// `lib.rs`, `main.rs`.
    Root,
}

/// The top-level modules of each layer (`log` is split: its record format
/// is model, its store is storage).
const MODEL: [&str; 13] = [
    "exercise",
    "routine",
    "schedule",
    "session",
    "history",
    "due",
    "reminders",
    "checkin",
    "assets",
    "handout",
    "html",
    "follow_up",
    "doses",
];

fn layer_of(rel: &Path) -> Layer {
    let text = rel.to_string_lossy();
    let first = text.split('/').next().unwrap_or("");
    let stem = first.trim_end_matches(".rs");
    match stem {
        "app" => Layer::App,
        "ui" => Layer::Ui,
        "cli" => Layer::Cli,
        "atomic_file" => Layer::Storage,
        "log" => match rel.file_name().and_then(|n| n.to_str()) {
            Some("record.rs" | "local_timestamp.rs" | "plain_error.rs") => Layer::Model,
            _ => Layer::Storage,
        },
        "lib" | "main" => Layer::Root,
        m if MODEL.contains(&m) => Layer::Model,
        other => panic!(
            "{}: which layer is `{other}` in? Add it here and to ARCHITECTURE.md",
            rel.display()
        ),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and its unit tests.
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::path` the code mentions; a group `crate::log::{a, b}`
/// gives `log::a` and `log::b`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = code.get(i + "crate::".len()..).unwrap_or("");
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let path = path.trim_end_matches(':');
        let after = rest.get(path.len()..).unwrap_or("").trim_start_matches(':');
        match after.strip_prefix('{') {
            Some(group) => {
                let group = group.split('}').next().unwrap_or("");
                for item in group.split(',') {
                    let item = item.trim().split("::").next().unwrap_or("").trim();
                    if !item.is_empty() {
                        out.push(format!("{path}::{item}"));
                    }
                }
            }
            None => out.push(path.to_owned()),
        }
    }
    out
}

/// Whether `code` holds `word` not as the end of a longer name
/// (`File::` but not `OpenFile::`).
fn mentions(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        !code
            .get(..i)
            .and_then(|before| before.chars().last())
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn layer_of_path(path: &str) -> Layer {
    let mut parts = path.split("::");
    let first = parts.next().unwrap_or("");
    match first {
        "app" => Layer::App,
        "ui" => Layer::Ui,
        "cli" => Layer::Cli,
        "atomic_file" => Layer::Storage,
        "log" => match parts.next() {
            Some(
                "record" | "local_timestamp" | "LocalTimestamp" | "SessionRecord" | "Outcome"
                | "PainScore" | "RoutineRef" | "ExerciseResult" | "RECORD_VERSION" | "PainStop"
                | "StopStep" | "StopReason" | "Seconds" | "DailyCheckRecord" | "ClearanceRecord"
                | "Answer" | "LogLine" | "plain_json_error" | "plain_error" | "json_error_words",
            ) => Layer::Model,
            _ => Layer::Storage,
        },
        m if MODEL.contains(&m) => Layer::Model,
        _ => Layer::Root,
    }
}

/// The layers each layer may import.
fn allowed(from: Layer) -> &'static [Layer] {
    match from {
        Layer::Model => &[Layer::Model],
        Layer::Storage => &[Layer::Model, Layer::Storage],
        Layer::App => &[Layer::Model, Layer::Storage, Layer::App],
        Layer::Ui => &[Layer::Model, Layer::App, Layer::Ui],
        Layer::Cli => &[Layer::Model, Layer::Storage, Layer::App, Layer::Cli],
        Layer::Root => &[
            Layer::Model,
            Layer::Storage,
            Layer::App,
            Layer::Ui,
            Layer::Cli,
            Layer::Root,
        ],
    }
}

/// Words a layer's code must not contain.
fn banned(layer: Layer) -> &'static [&'static str] {
    match layer {
        Layer::Model => &[
            "egui",
            "eframe",
            "rodio",
            "std::fs",
            "std::io",
            "std::net",
            "std::process",
            "std::thread",
            "File::",
            "Instant::now",
            "SystemTime",
            "Zoned::now",
            "clock_gettime",
            "LoadedLog",
            "LogStore",
            "zbus",
        ],
        Layer::Ui => &[
            "zbus",
            "std::fs",
            "std::thread",
            "thread::spawn",
            "File::",
            "OpenOptions",
            "Instant::now",
            "SystemTime",
            "Zoned::now",
            "clock_gettime",
            "LogStore",
            "LoadedLog",
            "SessionRecord",
        ],
        Layer::App | Layer::Storage => &["egui", "eframe"],
        Layer::Cli | Layer::Root => &[],
    }
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 40, "only {} files", files.len());
    let mut wrong = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let layer = layer_of(rel);
        let code = code_of(&std::fs::read_to_string(path).unwrap());
        for import in crate_paths(&code) {
            let to = layer_of_path(&import);
            if !allowed(layer).contains(&to) {
                wrong.push(format!(
                    "{} ({layer:?}) uses crate::{import} ({to:?})",
                    rel.display()
                ));
            }
        }
        // Only the clock reads the time.
        let is_clock = rel == Path::new("session/clock.rs");
        for word in banned(layer) {
            let time_word = matches!(
                *word,
                "Instant::now" | "SystemTime" | "Zoned::now" | "clock_gettime"
            );
            if mentions(&code, word) && !(is_clock && time_word) {
                wrong.push(format!("{} ({layer:?}) mentions `{word}`", rel.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_layer_check_catches_a_wrong_arrow() {
    // The check itself can fail: a model file importing the window is caught.
    let code = code_of("use crate::ui::Screen;\n// use crate::app::App;\nfn f() {}\n");
    assert_eq!(crate_paths(&code), ["ui::Screen"]);
    assert_eq!(
        crate_paths("use crate::log::{LogStore, SessionRecord};"),
        ["log::LogStore", "log::SessionRecord"]
    );
    assert!(mentions("let f = File::open(p);", "File::"));
    assert!(!mentions("OpenFile::default()", "File::"));
    assert!(!allowed(Layer::Model).contains(&layer_of_path("ui::Screen")));
    assert_eq!(layer_of_path("log::store::LogStore"), Layer::Storage);
    assert_eq!(layer_of_path("log::record::SessionRecord"), Layer::Model);
    assert_eq!(layer_of(Path::new("log/checkpoint.rs")), Layer::Storage);
}

/// What makes a button in egui, as the window's source would write it.
const BUTTON_MAKERS: [&str; 6] = [
    "Button::new",
    "Button::selectable",
    "Role::Button",
    ".button(",
    ".small_button(",
    "ImageButton",
];

/// The places in `code` (a file of `src/ui/`) where a button is made other
/// than from the command table: `widgets.rs`'s `command_button_on` draws
/// every command's button, and its pain scale and answer buttons are the
/// keys' inputs, not commands.
fn buttons_outside_the_table(file: &str, code: &str) -> Vec<String> {
    let code = if file == "widgets.rs" {
        let mut kept = String::new();
        for part in code.split("\npub fn ") {
            let name = part.split(['(', '<']).next().unwrap_or("");
            if !matches!(name, "command_button_on" | "pain_scale_ui" | "choice_ui") {
                kept.push_str(part);
            }
        }
        kept
    } else {
        code.to_owned()
    };
    BUTTON_MAKERS
        .iter()
        .filter(|maker| code.contains(*maker))
        .map(|maker| format!("{file} makes a button with `{maker}`"))
        .collect()
}

#[test]
fn every_button_is_drawn_from_the_command_table() {
    let ui = repo_root().join("src/ui");
    let mut files = Vec::new();
    rust_files(&ui, &mut files);
    let mut wrong = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&ui)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let code = code_of(&std::fs::read_to_string(path).unwrap());
        wrong.extend(buttons_outside_the_table(&rel, &code));
    }
    assert!(
        wrong.is_empty(),
        "draw buttons with widgets::command_button_on and a Command of src/ui/command.rs:\n{}",
        wrong.join("\n")
    );
    // The check itself can fail.
    assert_eq!(
        buttons_outside_the_table("home.rs", "if ui.button(\"Add routine\").clicked() {}"),
        ["home.rs makes a button with `.button(`"]
    );
    assert_eq!(
        buttons_outside_the_table(
            "widgets.rs",
            "pub fn footer(ui: &mut Ui) {\n    ui.add(Button::new(\"x\"));\n}\n"
        ),
        ["widgets.rs makes a button with `Button::new`"]
    );
}
