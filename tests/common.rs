//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `Cargo.toml` lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `Command` for the real `neckguide` binary with a private data dir, so no
/// test ever touches the user's real data, and no speech service.
pub fn neckguide(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_neckguide"));
    cmd.env("NECKGUIDE_DATA_DIR", data_dir);
    cmd.env_remove("RUST_LOG");
    // No speech service unless a test gives one: the person's own is never
    // spoken through, nor one started (`speech-dispatcher --spawn` is only
    // tried for the usual socket).
    let none = data_dir.join("no-speech-service.sock");
    cmd.env("SPEECHD_ADDRESS", format!("unix_socket:{}", none.display()));
    cmd
}

/// Runs the binary with `args` and a fresh data dir inside `tmp`.
pub fn run(tmp: &Path, args: &[&str]) -> Output {
    match neckguide(&tmp.join("data")).args(args).output() {
        Ok(out) => out,
        Err(err) => panic!("could not start neckguide: {err}"),
    }
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A tiny xorshift generator: random kill moments without a dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn seeded() -> Rng {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        Rng(u64::from(nanos) | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The running test binary. On Linux `/proc/self/exe`, which still works when
/// a concurrent `cargo test` has replaced the file on disk.
pub fn this_test_binary() -> std::path::PathBuf {
    if cfg!(target_os = "linux") {
        "/proc/self/exe".into()
    } else {
        std::env::current_exe().unwrap()
    }
}

/// Whether `CI` says this run is continuous integration (`CI=true`, as CI
/// services set it, and `.ci/run`): set, and not empty, `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "false" | "0"))
}

/// What of `tools` (command names, or absolute paths) this machine lacks.
pub fn missing_tools(tools: &[&str]) -> Vec<String> {
    tools
        .iter()
        .filter(|tool| {
            !Command::new("sh")
                .args(["-c", &format!("command -v '{tool}'")])
                .stdout(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(|tool| (*tool).to_owned())
        .collect()
}

/// Whether a test can run, given what it needs and this machine lacks
/// (`missing`; see [`missing_tools`]): true when nothing is missing.
/// Otherwise the test is to be skipped: on a developer's machine this says
/// which test is skipped and why, on standard error, and returns false;
/// under CI ([`in_ci`]) it panics, so a missing tool fails the run instead
/// of passing the test silently.
pub fn can_run(missing: &[String]) -> bool {
    if missing.is_empty() {
        return true;
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let needs = missing.join(", ");
    assert!(
        !in_ci(),
        "{test} needs {needs}, which this machine lacks (CI is set: a test that cannot run fails here; scripts/install-deps.sh test installs what the tests need)"
    );
    eprintln!("skipped {test}: it needs {needs}, which this machine lacks");
    false
}

/// A helper child process of a parent test is a `#[test]` marked
/// `#[ignore = ...]`, so the harness does not count it as a test and runs it
/// only when its parent starts it ([`child`]). Its input comes in the
/// environment variable `env`, set by its parent `parent`; run on its own
/// (`--ignored`), with the variable unset, it tests nothing, so it panics
/// instead of passing.
pub fn child_input(env: &str, parent: &str) -> std::ffi::OsString {
    match std::env::var_os(env) {
        Some(value) => value,
        None => panic!(
            "this is a helper child process of the test {parent}, which sets {env}; run that test instead"
        ),
    }
}

/// A command that runs `test` (its full path, e.g.
/// `log_store::crash_child`), an `#[ignore]`d helper child, alone in a
/// child process of this test binary, with its output not captured.
pub fn child(test: &str) -> Command {
    let mut cmd = Command::new(this_test_binary());
    cmd.args(child_args(test));
    cmd
}

/// The test binary's arguments that run the `#[ignore]`d test `test` alone.
fn child_args(test: &str) -> [&str; 6] {
    [
        "--exact",
        test,
        "--ignored",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ]
}

/// Whether `prlimit` (util-linux), which the full-disk tests run their
/// children under, is here; see [`can_run`].
pub fn can_run_prlimit() -> bool {
    can_run(&missing_tools(&["prlimit"]))
}

/// A shell command line that runs the test binary `"$0"` (its path on disk:
/// `/proc/self/exe` would be the shell's) as the child `test`
/// (see [`child`]) with its files limited to `fsize` bytes (prlimit's
/// `--fsize`, e.g. `1` or `1:unlimited`), as on a full disk: a write past it
/// fails with "file too large" (SIGXFSZ is ignored).
pub fn full_disk_script(test: &str, fsize: &str) -> String {
    format!(
        "trap '' XFSZ; exec prlimit --fsize={fsize} \"$0\" {}",
        child_args(test).join(" ")
    )
}

/// Runs the helper child `test` (its full path, e.g.
/// `ui_flows::full_disk_child`) in a child process of this test binary
/// whose files may grow to no more than `fsize` (see [`full_disk_script`]).
/// `dir_env` is set to `dir` for the child. Asserts that the child passed
/// and printed `ok_line`; returns false, having run nothing, when prlimit
/// is missing (see [`can_run`]).
pub fn run_child_on_a_full_disk(
    test: &str,
    fsize: &str,
    dir_env: &str,
    dir: &Path,
    ok_line: &str,
) -> bool {
    if !can_run_prlimit() {
        return false;
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(full_disk_script(test, fsize))
        .arg(std::env::current_exe().unwrap())
        .env(dir_env, dir)
        .output()
        .unwrap();
    let printed = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{printed}");
    assert!(printed.contains(ok_line), "{printed}");
    true
}

/// The helper children of the parent tests ([`child_input`]).
const CHILDREN: [&str; 4] = [
    "atomic_file::child_writer",
    "log_store::crash_child",
    "routine_save::save_full_disk_child",
    "ui_flows::full_disk_child",
];

/// The helper children are not counted as tests: the harness lists each
/// as ignored, a plain run passes none of them, and one run on its own
/// (`--ignored`, no parent) fails, saying what to run instead.
#[test]
fn helper_children_are_not_counted_as_tests() {
    let list = |extra: &[&str]| {
        let out = Command::new(this_test_binary())
            .args(["--list", "--format=terse"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .filter_map(|l| l.strip_suffix(": test"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let ignored = list(&["--ignored"]);
    for test in CHILDREN {
        assert!(
            ignored.iter().any(|t| t == test),
            "{test} is counted as a test: {ignored:?}"
        );
    }
    let out = Command::new(this_test_binary())
        .args(["--exact", "log_store::crash_child", "--test-threads=1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("0 passed; 0 failed; 1 ignored"),
        "{}",
        stdout(&out)
    );
    for test in CHILDREN {
        let out = child(test).output().unwrap();
        let printed = stdout(&out) + &stderr(&out);
        assert!(
            !out.status.success(),
            "{test} passed with no parent: {printed}"
        );
        assert!(
            printed.contains("this is a helper child process of the test "),
            "{test}: {printed}"
        );
    }
}
