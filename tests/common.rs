//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `Cargo.toml` lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `Command` for the real `neckguide` binary with a private data dir, so no
/// test ever touches the user's real data.
pub fn neckguide(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_neckguide"));
    cmd.env("NECKGUIDE_DATA_DIR", data_dir);
    cmd.env_remove("RUST_LOG");
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

/// Runs the test `test` (its full path, e.g. `ui_flows::full_disk_child`)
/// again in a child process of this test binary whose files may grow to no
/// more than `fsize` (prlimit's `--fsize`, e.g. `1` or `1:unlimited`), as on
/// a full disk: a write past it fails with "file too large" (SIGXFSZ is
/// ignored). `dir_env` is set to `dir` for the child. Asserts that the
/// child passed and printed `ok_line`; returns false, having run nothing,
/// when prlimit is missing.
pub fn run_child_on_a_full_disk(
    test: &str,
    fsize: &str,
    dir_env: &str,
    dir: &Path,
    ok_line: &str,
) -> bool {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: needs prlimit (util-linux)");
        return false;
    }
    let script = format!(
        "trap '' XFSZ; exec prlimit --fsize={fsize} \"$0\" --exact {test} --nocapture --test-threads=1 -q"
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(std::env::current_exe().unwrap())
        .env(dir_env, dir)
        .output()
        .unwrap();
    let printed = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{printed}");
    assert!(printed.contains(ok_line), "{printed}");
    true
}
