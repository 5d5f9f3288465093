//! Replacing a file so that a crash leaves either the old or the new
//! contents, never an empty or half-written file: write a temporary file in
//! the same folder, sync it, rename it over the target, sync the folder.
//!
//! Every file the app replaces goes through [`replace`]: the session
//! checkpoint, the settings, imported routines and the files `export` and
//! `report` write.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces the file at `path` with `bytes`, atomically and durably.
///
/// The bytes go to a temporary file in the same folder (named
/// `.<name>.tmp-<pid>-<n>`), which is synced and renamed over `path`; then
/// the folder is synced, so the rename survives a power cut. A crash at any
/// point leaves `path` with either its old contents (or missing, if it was)
/// or the new ones. On failure the temporary file is removed and the error
/// returned; the folder must already exist.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} does not name a file", path.display()),
        )
    })?;
    let dir = folder_of(path);
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut tmp_name = temp_prefix(name);
    tmp_name.push(format!("{}-{n}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if let Err(err) = written {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&tmp);
        return Err(err);
    }
    sync_dir(dir)
}

/// Removes the temporary files that [`replace`] left beside `path` when a
/// writer died before its rename. Returns how many were removed. Call it only
/// when no other process may be replacing `path` at the same moment.
pub fn remove_leftovers(path: &Path) -> io::Result<usize> {
    let Some(name) = path.file_name() else {
        return Ok(0);
    };
    let prefix = temp_prefix(name);
    let prefix = prefix.as_encoded_bytes();
    remove_temp_files(folder_of(path), false, &|file| {
        file.as_encoded_bytes().starts_with(prefix)
    })
}

/// Removes the temporary files that [`replace`] left anywhere in `dir` and
/// the folders under it (symlinks are not followed), whatever file they were
/// for: a file named `.<name>.tmp-<pid>-<n>`. Returns how many were removed;
/// a missing `dir` has none. Call it only when no other process may be
/// replacing a file in `dir` at the same moment.
pub fn remove_leftovers_in(dir: &Path) -> io::Result<usize> {
    remove_temp_files(dir, true, &is_temp_name)
}

/// Removes the regular files in `dir` whose name `is_temp` says is a
/// leftover (and in the folders under it when `deep`; symlinks are neither
/// followed nor removed), then syncs each folder that lost one. A missing
/// `dir` has none.
fn remove_temp_files(
    dir: &Path,
    deep: bool,
    is_temp: &dyn Fn(&std::ffi::OsStr) -> bool,
) -> io::Result<usize> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(err),
    };
    let mut below = 0;
    let mut here = 0;
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if deep {
                below += remove_temp_files(&entry.path(), deep, is_temp)?;
            }
        } else if kind.is_file() && is_temp(&entry.file_name()) {
            match fs::remove_file(entry.path()) {
                Ok(()) => here += 1,
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(err) => return Err(err),
            }
        }
    }
    if here > 0 {
        sync_dir(dir)?;
    }
    Ok(below + here)
}

/// Whether `name` is a temporary file of [`replace`]: `.<name>.tmp-<pid>-<n>`.
fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some((target, suffix)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-")) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    !target.is_empty()
        && suffix
            .split_once('-')
            .is_some_and(|(pid, n)| digits(pid) && digits(n))
}

/// Syncs a folder, so a file created, renamed or removed in it survives a
/// crash.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir).and_then(|d| d.sync_all())
    }
    #[cfg(not(unix))]
    {
        // Windows cannot open a folder as a file; NTFS journals the entry.
        let _ = dir;
        Ok(())
    }
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.<name>.tmp-`: the start of the temporary files for `name`.
fn temp_prefix(name: &std::ffi::OsStr) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".tmp-");
    prefix
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The names of the entries of `dir`, sorted: what a write left there.
    pub(crate) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        fs::write(&path, "old contents, longer than the new").unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["settings.json"]);
    }

    #[test]
    fn creates_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        replace(&path, b"{}").unwrap();
        replace(&path, b"").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"");
        assert_eq!(names(dir.path()), ["new.json"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("file.json");
        let err = replace(&path, b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_leaves_no_temp_file() {
        // Renaming a file over a non-empty folder fails after the temp
        // file was written.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("target");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "x").unwrap();
        assert!(replace(&path, b"new").is_err());
        assert_eq!(names(dir.path()), ["target"]);
        assert_eq!(names(&path), ["inside"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_an_error_and_leaves_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("ro");
        fs::create_dir(&folder).unwrap();
        let path = folder.join("file.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
        let result = replace(&path, b"new");
        let probe = File::create(folder.join("probe"));
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
        if probe.is_ok() {
            // Root ignores the permission bits: nothing to test here.
            return;
        }
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(names(&folder), ["file.json"]);
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn leftovers_of_a_dead_writer_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("current-session.json");
        fs::write(&path, "kept").unwrap();
        fs::write(dir.path().join(".current-session.json.tmp-123-0"), "").unwrap();
        fs::write(dir.path().join(".current-session.json.tmp-9-4"), "half").unwrap();
        fs::write(dir.path().join(".other.json.tmp-9-4"), "not ours").unwrap();
        assert_eq!(remove_leftovers(&path).unwrap(), 2);
        assert_eq!(
            names(dir.path()),
            [".other.json.tmp-9-4", "current-session.json"]
        );
        assert_eq!(remove_leftovers(&dir.path().join("nothing")).unwrap(), 0);
    }

    #[test]
    fn leftovers_in_a_folder_and_its_subfolders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("my-routine");
        fs::create_dir(&sub).unwrap();
        fs::write(dir.path().join("r.json"), "kept").unwrap();
        fs::write(dir.path().join(".r.json.tmp-12-0"), "").unwrap();
        fs::write(sub.join(".picture.png.tmp-7-3"), "half").unwrap();
        fs::write(sub.join(".notes.tmp-x"), "not ours").unwrap();
        fs::write(sub.join(".tmp-1-2"), "not ours").unwrap();
        assert_eq!(remove_leftovers_in(dir.path()).unwrap(), 2);
        assert_eq!(names(dir.path()), ["my-routine", "r.json"]);
        assert_eq!(names(&sub), [".notes.tmp-x", ".tmp-1-2"]);
        assert_eq!(remove_leftovers_in(&dir.path().join("none")).unwrap(), 0);
    }

    #[test]
    fn a_bare_file_name_is_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("a.json")), Path::new("."));
        assert_eq!(folder_of(Path::new("/x/a.json")), Path::new("/x"));
    }
}
