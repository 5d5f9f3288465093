//! `make install`, `make uninstall` and `make deb` as a packager and a
//! person use them, into temp folders (never the real ~/.local or /usr):
//! every file in its place, the desktop entry and the AppStream metainfo
//! valid by the desktop's own validators, the bash completion completing,
//! a manual page for each command, nothing left after uninstalling; the
//! Debian package clean by lintian, installed with dpkg into a private
//! root, its app started there, and removed without a trace.
//!
//! One test, since each step builds on the one before. It installs the
//! debug binary the tests already built (`BIN=`), so CI builds no release.

use neckguide::app::desktop::APP_ID;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::repo_root;
use crate::e2e_window::{DISPLAY_LOCK, open_window};

fn can_run() -> bool {
    crate::common::can_run(&crate::common::missing_tools(&[
        "make",
        "desktop-file-validate",
        "appstreamcli",
        "dpkg-deb",
        "dpkg-shlibdeps",
        "bash",
        "lintian",
    ]))
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

fn make(target: &str, envs: &[(&str, &Path)]) -> String {
    let mut cmd = Command::new("make");
    cmd.current_dir(repo_root())
        .args(["--no-print-directory", target])
        .env("BIN", env!("CARGO_BIN_EXE_neckguide"))
        .env_remove("PREFIX")
        .env_remove("DESTDIR");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    run(&mut cmd)
}

/// Every file under `root`, relative to it, sorted.
fn files(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// What `make install` puts under the prefix.
fn expected() -> Vec<String> {
    let mut want = vec![
        "bin/neckguide".to_owned(),
        format!("share/applications/{APP_ID}.desktop"),
        format!("share/metainfo/{APP_ID}.metainfo.xml"),
        format!("share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        "share/bash-completion/completions/neckguide".to_owned(),
    ];
    // A manual page for the app and one for each of its commands.
    want.push("share/man/man1/neckguide.1.gz".to_owned());
    let cli = <neckguide::cli::Cli as clap::CommandFactory>::command();
    for command in cli.get_subcommands() {
        want.push(format!(
            "share/man/man1/neckguide-{}.1.gz",
            command.get_name()
        ));
    }
    for size in neckguide::ui::icon::PNG_SIZES {
        want.push(format!(
            "share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        ));
    }
    want.sort();
    want
}

/// Width and height from a PNG's header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{}", path.display());
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The text of a gzipped file.
fn gunzip(path: &Path) -> String {
    run(Command::new("gzip").arg("-dc").arg(path))
}

/// Checks the installed files under `prefix` as a desktop reads them, with
/// `more` (relative to it) installed too.
fn check_installed(prefix: &Path, more: &[&str]) {
    let mut want = expected();
    want.extend(more.iter().map(|f| (*f).to_owned()));
    want.sort();
    assert_eq!(files(prefix), want);
    let desktop = prefix.join(format!("share/applications/{APP_ID}.desktop"));
    run(Command::new("desktop-file-validate").arg(&desktop));
    let entry = std::fs::read_to_string(&desktop).unwrap();
    assert!(entry.contains(&format!("\nIcon={APP_ID}\n")), "{entry}");
    assert!(entry.contains("\nExec=neckguide\n"), "{entry}");
    let metainfo = prefix.join(format!("share/metainfo/{APP_ID}.metainfo.xml"));
    let said = run(Command::new("appstreamcli")
        .args(["validate", "--no-net", "--pedantic"])
        .arg(&metainfo));
    eprintln!("appstreamcli: {said}");
    let xml = std::fs::read_to_string(&metainfo).unwrap();
    assert!(xml.contains(&format!("<id>{APP_ID}</id>")));
    assert!(xml.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    assert!(
        xml.contains(&format!(
            "<release version=\"{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "the newest release in the metainfo is this version"
    );
    for size in neckguide::ui::icon::PNG_SIZES {
        let png = prefix.join(format!(
            "share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        ));
        assert_eq!(png_size(&png), (size, size));
    }
    // The completion completes: `neckguide sch<Tab>` gives `schema`.
    let completion = prefix.join("share/bash-completion/completions/neckguide");
    let words = run(Command::new("bash").arg("-c").arg(format!(
        "source '{}'; COMP_WORDS=(neckguide sch); COMP_CWORD=1; _neckguide neckguide sch neckguide; echo \"${{COMPREPLY[*]}}\"",
        completion.display()
    )));
    assert_eq!(words.trim(), "schema");
    // The manual pages are clap's: `remind`'s has its options, and the
    // app's names its commands' pages.
    let remind = gunzip(&prefix.join("share/man/man1/neckguide-remind.1.gz"));
    assert!(remind.starts_with(".ie"), "not roff: {remind}");
    assert!(remind.contains(r"\fB\-\-install\fR"), "{remind}");
    let main = gunzip(&prefix.join("share/man/man1/neckguide.1.gz"));
    assert!(main.contains(".TH neckguide 1"), "{main}");
    assert!(main.contains(r"neckguide\-remind(1)"), "{main}");
}

#[test]
fn install_uninstall_and_the_debian_package() {
    if !can_run() {
        return;
    }
    // Packaging keeps both cores busy for seconds: not while a real-time
    // end-to-end test (sound cues timed to 0.25 s) runs beside it.
    let _display = DISPLAY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().unwrap();

    // A packager's install: PREFIX and DESTDIR.
    let stage = tmp.path().join("stage");
    let prefix = stage.join("usr");
    make(
        "install",
        &[("DESTDIR", &stage), ("PREFIX", Path::new("/usr"))],
    );
    check_installed(&prefix, &[]);
    make(
        "uninstall",
        &[("DESTDIR", &stage), ("PREFIX", Path::new("/usr"))],
    );
    assert_eq!(files(&stage), Vec::<String>::new(), "uninstall left files");
    let left: Vec<_> = std::fs::read_dir(&prefix).unwrap().collect();
    assert!(left.is_empty(), "uninstall left folders: {left:?}");

    // make builds the release itself when no BIN is given, and installs it
    // from where cargo put it: under CARGO_TARGET_DIR when that is set. A
    // stand-in for cargo "builds" it there as a link to the binary the
    // tests built.
    let cargo = tmp.path().join("cargo");
    std::fs::write(
        &cargo,
        "#!/bin/sh\n[ \"$*\" = 'build --release' ] || exit 2\n\
         mkdir -p \"$CARGO_TARGET_DIR/release\" && ln -sf \"$BUILT\" \"$CARGO_TARGET_DIR/release/neckguide\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&cargo, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let built = tmp.path().join("elsewhere");
    let staged = tmp.path().join("built-by-make");
    let said = run(Command::new("make")
        .current_dir(repo_root())
        .args(["--no-print-directory", "install"])
        .env_remove("BIN")
        .env("CARGO", &cargo)
        .env("CARGO_TARGET_DIR", &built)
        .env("BUILT", env!("CARGO_BIN_EXE_neckguide"))
        .env("DESTDIR", &staged)
        .env("PREFIX", "/usr"));
    let from = format!(
        "BIN={}/release/neckguide scripts/install.sh install",
        built.display()
    );
    assert!(
        said.contains(&from),
        "not installed from CARGO_TARGET_DIR:\n{said}"
    );
    assert!(staged.join("usr/bin/neckguide").is_file(), "{said}");

    // The default prefix: ~/.local for a person, /usr/local for root.
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let default = tmp.path().join("default");
    make("install", &[("DESTDIR", &default), ("HOME", &home)]);
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let under = if root {
        default.join("usr/local")
    } else {
        default.join(home.strip_prefix("/").unwrap()).join(".local")
    };
    assert_eq!(files(&under), expected());
    make("uninstall", &[("DESTDIR", &default), ("HOME", &home)]);
    assert_eq!(files(&default), Vec::<String>::new());

    // The Debian package holds the same files under /usr.
    let out = tmp.path().join("deb");
    let mut cmd = Command::new(repo_root().join("scripts/make-deb.sh"));
    let deb = PathBuf::from(
        run(cmd
            .arg(&out)
            .env("BIN", env!("CARGO_BIN_EXE_neckguide"))
            .env("DEB_COMPRESSION", "gzip"))
        .trim()
        .to_owned(),
    );
    assert!(deb.is_file(), "{}", deb.display());
    let info = run(Command::new("dpkg-deb").arg("--info").arg(&deb));
    assert!(
        info.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{info}"
    );
    assert!(
        info.contains("libasound2"),
        "the sound library is a dependency: {info}"
    );
    // Debian's own checker finds nothing a packager would fix: no error
    // and no warning (its pedantic and informational notes are not
    // counted; the binary is the tests' debug build, stripped as the
    // release is).
    let lintian = Command::new("lintian").arg(&deb).output().unwrap();
    let said = String::from_utf8_lossy(&lintian.stdout);
    let found: Vec<_> = said
        .lines()
        .filter(|l| l.starts_with("E:") || l.starts_with("W:"))
        .collect();
    assert!(
        found.is_empty() && lintian.status.success(),
        "lintian: {said}{}",
        String::from_utf8_lossy(&lintian.stderr)
    );
    let listed = run(Command::new("dpkg-deb").arg("--contents").arg(&deb));
    for file in expected() {
        assert!(
            listed.contains(&format!("./usr/{file}")),
            "{file} not in the package:\n{listed}"
        );
    }

    // Installed with dpkg into a private root, the app starts from there;
    // removed, it leaves nothing.
    let system = tmp.path().join("system");
    let admin = system.join("var/lib/dpkg");
    for dir in ["info", "updates", "triggers"] {
        std::fs::create_dir_all(admin.join(dir)).unwrap();
    }
    std::fs::write(admin.join("status"), "").unwrap();
    let dpkg = |args: &[&std::ffi::OsStr]| {
        run(Command::new("dpkg")
            .arg(format!("--root={}", system.display()))
            .args([
                "--force-not-root",
                "--force-depends",
                "--force-script-chrootless",
            ])
            .args(["--log=/dev/null"])
            .args(args))
    };
    dpkg(&["--install".as_ref(), deb.as_os_str()]);
    let status = std::fs::read_to_string(admin.join("status")).unwrap();
    assert!(
        status.contains("Package: neckguide\nStatus: install ok installed"),
        "{status}"
    );
    check_installed(
        &system.join("usr"),
        &[
            "share/doc/neckguide/changelog.gz",
            "share/doc/neckguide/copyright",
        ],
    );
    let installed = system.join("usr/bin/neckguide");
    let version = run(Command::new(&installed).arg("--version"));
    assert_eq!(
        version.trim(),
        format!("neckguide {}", env!("CARGO_PKG_VERSION"))
    );
    if std::env::var_os("DISPLAY").is_some() {
        // Its window opens.
        let log = tmp.path().join("app-stderr.txt");
        let _window = open_window(
            Command::new(&installed)
                .env("NECKGUIDE_DATA_DIR", tmp.path().join("data"))
                .env("HOME", tmp.path()),
            &log,
        );
    }
    dpkg(&["--purge".as_ref(), "neckguide".as_ref()]);
    assert_eq!(files(&system.join("usr")), Vec::<String>::new());
}
