//! The layers of the code, checked from the source text: the model knows no
//! screen, sound, file or thread; the app layer draws nothing; the window
//! runs no thread, touches no file and builds no log record, and reaches the
//! log store only through the app; the model's modules import only those
//! below them in the order `ARCHITECTURE.md` states, so no two import each
//! other. `ARCHITECTURE.md` draws the same arrows, and says which files are
//! model and storage: the test reads both from it.

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
const MODEL: [&str; 16] = [
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
    "plan",
    "warning_signs",
    "plural",
];

fn layer_of(rel: &Path) -> Layer {
    let text = rel.to_string_lossy();
    let first = text.split('/').next().unwrap_or("");
    let stem = first.trim_end_matches(".rs");
    match stem {
        "app" => Layer::App,
        "ui" => Layer::Ui,
        "cli" => Layer::Cli,
        "atomic_file" | "user_file" => Layer::Storage,
        // The log's model files, and the files of their folders
        // (`log/record/session.rs`); the rest of `log/` is storage.
        "log" => match rel.iter().nth(1).and_then(|n| n.to_str()) {
            Some(
                "record.rs" | "record" | "local_timestamp.rs" | "local_timestamp"
                | "plain_error.rs" | "plain_error",
            ) => Layer::Model,
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

/// A source file's code as the checks read it.
struct Code {
    /// The text without comments and without its test modules
    /// (`#[cfg(test)] mod … { … }`, wherever they are); every other item,
    /// `#[cfg(test)]` or not, is kept.
    text: String,
    /// The test modules kept in files of their own (`#[cfg(test)] mod
    /// tests;`), by name.
    test_files: Vec<String>,
}

/// The code of a file (see [`Code`]).
fn code_of(text: &str) -> Code {
    let (code, masked) = without_comments(text);
    let mut code = code.into_bytes();
    let mut test_files = Vec::new();
    const ATTR: &str = "#[cfg(test)]";
    for (start, _) in masked.match_indices(ATTR) {
        let mut rest = masked.get(start + ATTR.len()..).unwrap_or("").trim_start();
        // Other attributes, then a visibility.
        while rest.starts_with("#[") {
            rest = rest
                .get(rest.find(']').map_or(rest.len(), |i| i + 1)..)
                .unwrap_or("");
            rest = rest.trim_start();
        }
        if let Some(after) = rest.strip_prefix("pub") {
            rest = after.trim_start();
            if rest.starts_with('(') {
                rest = rest
                    .get(rest.find(')').map_or(rest.len(), |i| i + 1)..)
                    .unwrap_or("");
            }
            rest = rest.trim_start();
        }
        let Some(after) = rest.strip_prefix("mod ") else {
            continue;
        };
        let after = after.trim_start();
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let rest = after.get(name.len()..).unwrap_or("").trim_start();
        if rest.starts_with(';') {
            test_files.push(name);
            continue;
        }
        if !rest.starts_with('{') {
            continue;
        }
        // The module's end: its matching brace, with strings, characters
        // and comments masked so their braces do not count.
        let open = masked.len() - rest.len();
        let mut depth = 0usize;
        let mut end = masked.len();
        for (i, b) in masked.bytes().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        for b in code.get_mut(start..end).unwrap_or_default() {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    Code {
        text: String::from_utf8(code).unwrap(),
        test_files,
    }
}

/// `text` with its comments blanked out (`code`), and the same with the
/// insides of its string and character literals blanked out too
/// (`masked`): both keep every byte's place, and every line break.
fn without_comments(text: &str) -> (String, String) {
    let mut code = String::with_capacity(text.len());
    let mut masked = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut i = 0;
    while i < chars.len() {
        let c = at(i);
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && at(i) != '\n' {
                blank(&mut code, at(i));
                blank(&mut masked, at(i));
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= chars.len() {
                    break;
                }
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    for _ in 0..2 {
                        blank(&mut code, at(i));
                        blank(&mut masked, at(i));
                        i += 1;
                    }
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    for _ in 0..2 {
                        blank(&mut code, at(i));
                        blank(&mut masked, at(i));
                        i += 1;
                    }
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut code, at(i));
                    blank(&mut masked, at(i));
                    i += 1;
                }
            }
        } else if c == '"'
            || (c == 'r' && (at(i + 1) == '"' || at(i + 1) == '#') && {
                let mut j = i + 1;
                while at(j) == '#' {
                    j += 1;
                }
                at(j) == '"' && !at(i.wrapping_sub(1)).is_alphanumeric()
            })
        {
            // A string: "…" with escapes, or r"…", r#"…"#.
            let raw = c == 'r';
            let mut hashes = 0;
            if raw {
                code.push('r');
                masked.push('r');
                i += 1;
                while at(i) == '#' {
                    hashes += 1;
                    code.push('#');
                    masked.push('#');
                    i += 1;
                }
            }
            code.push('"');
            masked.push('"');
            i += 1;
            while i < chars.len() {
                let d = at(i);
                if !raw && d == '\\' {
                    code.push(d);
                    code.push(at(i + 1));
                    blank(&mut masked, d);
                    blank(&mut masked, at(i + 1));
                    i += 2;
                    continue;
                }
                if d == '"' && (0..hashes).all(|k| at(i + 1 + k) == '#') {
                    code.push('"');
                    masked.push('"');
                    i += 1;
                    for _ in 0..hashes {
                        code.push('#');
                        masked.push('#');
                        i += 1;
                    }
                    break;
                }
                code.push(d);
                blank(&mut masked, d);
                i += 1;
            }
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character ('x', '\n', '\u{…}'), not a lifetime.
            code.push(c);
            masked.push(c);
            i += 1;
            while i < chars.len() {
                let d = at(i);
                if d == '\\' {
                    code.push(d);
                    code.push(at(i + 1));
                    blank(&mut masked, d);
                    blank(&mut masked, at(i + 1));
                    i += 2;
                    continue;
                }
                code.push(d);
                if d == '\'' {
                    masked.push(d);
                    i += 1;
                    break;
                }
                blank(&mut masked, d);
                i += 1;
            }
        } else {
            code.push(c);
            masked.push(c);
            i += 1;
        }
    }
    (code, masked)
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
        "atomic_file" | "user_file" => Layer::Storage,
        // `log::record::…`, or a name `log/mod.rs` re-exports: the layer of
        // the file it is in.
        "log" => {
            let item = parts.next().unwrap_or("");
            let file = log_reexports()
                .iter()
                .find(|(name, _)| name == item)
                .map_or(item, |(_, module)| module.as_str());
            layer_of(Path::new(&format!("log/{file}.rs")))
        }
        m if MODEL.contains(&m) => Layer::Model,
        _ => Layer::Root,
    }
}

/// Each name `src/log/mod.rs` re-exports (`pub use record::{…}`), with the
/// module it comes from.
fn log_reexports() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let text = std::fs::read_to_string(repo_root().join("src/log/mod.rs")).unwrap();
        let code = code_of(&text).text;
        let mut out = Vec::new();
        for item in code.split("pub use ").skip(1) {
            let item = item.split(';').next().unwrap_or("");
            let Some((module, names)) = item.split_once("::") else {
                continue;
            };
            for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
                let name = name.trim();
                if !name.is_empty() {
                    out.push((name.to_owned(), module.trim().to_owned()));
                }
            }
        }
        out
    })
}

/// The unit the model's order ranks a model file or path in: its top-level
/// module (`routine`, `history`), `log` for the log's model files.
fn model_unit(path: &str) -> &str {
    path.split(['/', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches(".rs")
}

/// The model's modules, lowest first, as `ARCHITECTURE.md` states them:
/// the backquoted names after the first colon that follows "Model order",
/// up to the end of that sentence.
fn model_order(architecture: &str) -> Vec<String> {
    let Some(start) = architecture.find("Model order") else {
        panic!("ARCHITECTURE.md states no \"Model order\"");
    };
    let rest = architecture.get(start..).unwrap_or("");
    let list = rest.split_once(':').map_or("", |(_, list)| list);
    let mut out = Vec::new();
    for (i, part) in list.split('`').enumerate() {
        if i % 2 == 1 {
            out.push(part.to_owned());
        } else if part.contains('.') {
            break;
        }
    }
    out
}

/// The imports of model code that go up the model's `order` (or to a
/// module not in it): "from (file) imports to".
fn imports_up_the_order(order: &[String], imports: &[(String, String)]) -> Vec<String> {
    let rank = |unit: &str| order.iter().position(|m| m == unit);
    let mut wrong = Vec::new();
    for (file, import) in imports {
        let (from, to) = (model_unit(file), model_unit(import));
        if from == to {
            continue;
        }
        match (rank(from), rank(to)) {
            (Some(f), Some(t)) if t < f => {}
            (Some(_), Some(_)) => {
                let back = imports
                    .iter()
                    .any(|(f, i)| model_unit(f) == to && model_unit(i) == from);
                wrong.push(format!(
                    "{file} ({from}) imports crate::{import} ({to}), which is above it in the model's order{}",
                    if back { ", and that imports it: a loop" } else { "" }
                ));
            }
            _ => wrong.push(format!(
                "{file} imports crate::{import}: `{from}` or `{to}` is not in the model's order in ARCHITECTURE.md"
            )),
        }
    }
    wrong
}

/// The files `ARCHITECTURE.md` names (backquoted, ending in `.rs` or `/`)
/// in its paragraph on `layer` ("- **Model** (…"); a folder stands for its
/// `mod.rs`.
fn files_named_in(architecture: &str, layer: &str) -> Vec<String> {
    let heading = format!("- **{layer}**");
    let Some(start) = architecture.find(&heading) else {
        panic!("ARCHITECTURE.md has no paragraph {heading}");
    };
    let rest = architecture.get(start + heading.len()..).unwrap_or("");
    let paragraph = rest
        .split("\n- **")
        .next()
        .unwrap_or("")
        .split("\n\n")
        .next()
        .unwrap_or("");
    paragraph
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|name| {
            if name.ends_with(".rs") {
                Some(name.to_owned())
            } else if name.ends_with('/') && !name.contains(' ') {
                Some(format!("{name}mod.rs"))
            } else {
                None
            }
        })
        .collect()
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
            // The window waits on nothing: it draws the running session's
            // published view (app::runner::SessionView) and sends commands.
            "lock()",
            "try_lock",
            "Mutex",
            "RwLock",
            "Condvar",
            "recv()",
            "recv_timeout",
        ],
        // "Now" and "today" come from the `Clock` the app or the command
        // is given (the window's, the agent's, the commands').
        Layer::App | Layer::Storage => &["egui", "eframe", "Zoned::now", "Timestamp::now"],
        Layer::Cli => &["Zoned::now", "Timestamp::now"],
        Layer::Root => &[],
    }
}

/// Every source file with its path under `src/` and its code, less the
/// files that are test modules of their own (`#[cfg(test)] mod tests;`).
fn sources() -> Vec<(PathBuf, Code)> {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 40, "only {} files", files.len());
    let mut out: Vec<(PathBuf, Code)> = files
        .iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap().to_path_buf();
            let code = code_of(&std::fs::read_to_string(path).unwrap());
            (rel, code)
        })
        .collect();
    let mut tests: Vec<PathBuf> = Vec::new();
    for (rel, code) in &out {
        // A file's child modules are in the folder named after it (its own
        // folder for mod.rs).
        let dir = match rel.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => rel.parent().unwrap().to_path_buf(),
            _ => rel.with_extension(""),
        };
        for name in &code.test_files {
            tests.push(dir.join(format!("{name}.rs")));
            tests.push(dir.join(name).join("mod.rs"));
        }
    }
    out.retain(|(rel, _)| !tests.contains(rel));
    out
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let mut wrong = Vec::new();
    for (rel, code) in &sources() {
        let layer = layer_of(rel);
        let code = &code.text;
        for import in crate_paths(code) {
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
                "Instant::now" | "SystemTime" | "Zoned::now" | "Timestamp::now" | "clock_gettime"
            );
            if mentions(code, word) && !(is_clock && time_word) {
                wrong.push(format!("{} ({layer:?}) mentions `{word}`", rel.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_models_modules_import_only_those_below_them() {
    let architecture = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md")).unwrap();
    let order = model_order(&architecture);
    let mut units: Vec<&str> = MODEL.to_vec();
    units.push("log");
    for unit in &units {
        assert_eq!(
            order.iter().filter(|m| m == unit).count(),
            1,
            "`{unit}` is not once in the model's order in ARCHITECTURE.md: {order:?}"
        );
    }
    assert_eq!(order.len(), units.len(), "{order:?} against {units:?}");
    let mut imports = Vec::new();
    for (rel, code) in &sources() {
        if layer_of(rel) != Layer::Model {
            continue;
        }
        for import in crate_paths(&code.text) {
            if layer_of_path(&import) == Layer::Model {
                imports.push((rel.display().to_string(), import));
            }
        }
    }
    let wrong = imports_up_the_order(&order, &imports);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_file_is_in_the_layer_architecture_md_says() {
    let architecture = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md")).unwrap();
    let src = repo_root().join("src");
    for (paragraph, layer) in [("Model", Layer::Model), ("Storage", Layer::Storage)] {
        let files = files_named_in(&architecture, paragraph);
        assert!(files.len() >= 4, "{paragraph}: {files:?}");
        for file in files {
            assert!(
                src.join(&file).is_file(),
                "ARCHITECTURE.md names {file}, which is not in src/"
            );
            assert_eq!(layer_of(Path::new(&file)), layer, "{file}");
        }
    }
}

#[test]
fn the_layer_check_catches_a_wrong_arrow() {
    // The check itself can fail: a model file importing the window is caught.
    let code = code_of("use crate::ui::Screen;\n// use crate::app::App;\nfn f() {}\n");
    assert_eq!(crate_paths(&code.text), ["ui::Screen"]);
    // Code after a `#[cfg(test)]` item that is not a module is read, and
    // after a test module too; the test module (braces in its strings, its
    // characters and its comments included) is not.
    let code = code_of(
        "#[cfg(test)]\n    fn only_in_tests() {}\nuse crate::ui::A;\n\
         #[cfg(test)]\n#[allow(dead_code)]\npub(crate) mod tests {\n    use crate::ui::B;\n    \
         const S: &str = \"}\"; const R: &str = r#\"}\"#; const C: char = '}'; // }\n    \
         fn f<'a>(x: &'a str) -> &'a str { x } /* } */\n}\nuse crate::app::C;\n\
         #[cfg(test)]\nmod more;\n",
    );
    assert_eq!(crate_paths(&code.text), ["ui::A", "app::C"]);
    assert_eq!(code.test_files, ["more"]);
    // The old cut at the first `#[cfg(test)]` saw nothing below it; a wrong
    // import below a test-only function is seen now.
    assert_eq!(
        crate_paths(&code_of("#[cfg(test)]\nfn t() {}\nuse crate::ui::X;").text),
        ["ui::X"]
    );
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
    // Names the log re-exports are in the layer of their file.
    assert_eq!(layer_of_path("log::SessionRecord"), Layer::Model);
    assert_eq!(layer_of_path("log::LocalTimestamp"), Layer::Model);
    assert_eq!(layer_of_path("log::LogStore"), Layer::Storage);
    assert_eq!(layer_of(Path::new("log/local_timestamp.rs")), Layer::Model);
    // A file in a module's folder is in that module's layer.
    assert_eq!(layer_of(Path::new("log/record/session.rs")), Layer::Model);
    assert_eq!(layer_of(Path::new("log/record/mod.rs")), Layer::Model);
    assert_eq!(layer_of(Path::new("log/store/read.rs")), Layer::Storage);
    assert_eq!(layer_of(Path::new("log/store/mod.rs")), Layer::Storage);
    assert_eq!(layer_of(Path::new("routine/draft/dose.rs")), Layer::Model);
    assert_eq!(layer_of(Path::new("app/catalog/import.rs")), Layer::App);
    assert_eq!(layer_of(Path::new("ui/builder/save.rs")), Layer::Ui);
}

#[test]
fn the_order_check_catches_an_import_up_and_a_loop() {
    let order: Vec<String> = ["checkin", "doses", "history"].map(String::from).into();
    let fine = [("history/report.rs".to_owned(), "doses::ItemDose".to_owned())];
    assert!(imports_up_the_order(&order, &fine).is_empty());
    let looped = [
        fine[0].clone(),
        ("doses.rs".to_owned(), "history::plural".to_owned()),
    ];
    assert_eq!(
        imports_up_the_order(&order, &looped),
        [
            "doses.rs (doses) imports crate::history::plural (history), which is above it in the model's order, and that imports it: a loop"
        ]
    );
    let up = [("checkin.rs".to_owned(), "doses::X".to_owned())];
    assert_eq!(imports_up_the_order(&order, &up).len(), 1);
    let unknown = [("checkin.rs".to_owned(), "nowhere::X".to_owned())];
    assert_eq!(imports_up_the_order(&order, &unknown).len(), 1);
    assert_eq!(
        model_order("x `y`. Model order, lowest (`z`): `a`, `b` (its\nfiles),\n`c`. Not `d`"),
        ["a", "b", "c"]
    );
    assert_eq!(
        files_named_in(
            "- **Model** (`a.rs`, `b/`, `c::D`).\n- **Storage** (`e.rs`)",
            "Model"
        ),
        ["a.rs", "b/mod.rs"]
    );
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
/// every command's button, and its pain scale, rating rows and answer
/// buttons are inputs, not commands.
fn buttons_outside_the_table(file: &str, code: &str) -> Vec<String> {
    let code = if file == "widgets.rs" {
        let mut kept = String::new();
        for part in code.split("\npub fn ") {
            let name = part.split(['(', '<']).next().unwrap_or("");
            if !matches!(
                name,
                "command_button_on" | "pain_scale_ui" | "choice_ui" | "rating_row_ui"
            ) {
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
        wrong.extend(buttons_outside_the_table(&rel, &code.text));
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
