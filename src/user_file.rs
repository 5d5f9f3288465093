//! Opening a file without ever blocking, and only when it is a regular
//! file: a file the person named (a routine file, a picture it names) and
//! the app's own files (the log, its quarantine, the checkpoint, the
//! settings), any of which may have been replaced by something else.
//!
//! A named pipe opened for reading waits for a writer, and reading a device
//! or a pipe may never end; so the file is opened with `O_NONBLOCK` (which
//! changes nothing for a regular file), its kind is checked on the open
//! handle (so it cannot be swapped between the check and the read), and
//! anything but a regular file is refused with an error naming what it is.
//! A symbolic link that leads nowhere is named as such, not taken for a
//! missing file. Reads stop at a cap. Every file the app reads goes through
//! [`open_regular`] (or [`open_appending`] for the log it writes): `check`,
//! `plan`, `--routine`, the window's import, the routines folder, the
//! pictures of routines, the log, the checkpoint and the settings.
//!
//! It sits below the app layer, beside [`crate::atomic_file`], because the
//! log store opens its files this way too.
//!
//! A file the app writes where the person said (export, report, handout,
//! the builder's save) replaces only a regular file: [`output_target`].

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Whether a symbolic link as the file itself is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it, as for a file the person named themselves.
    Follow,
    /// Refuse it, as for a file named inside a routine file (a picture),
    /// which must not lead to a file elsewhere.
    Refuse,
}

/// What a path turned out to be, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Folder,
    /// A named pipe (FIFO).
    NamedPipe,
    /// A socket.
    Socket,
    /// A character device (a terminal, `/dev/zero`).
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// A symbolic link (when links are refused).
    SymbolicLink,
    /// Something else that is not a regular file.
    Other,
}

impl FileKind {
    /// The kind of a file that is not a regular file (`None` when it is one).
    pub fn of(file_type: fs::FileType) -> Option<Self> {
        if file_type.is_file() {
            return None;
        }
        if file_type.is_dir() {
            return Some(Self::Folder);
        }
        if file_type.is_symlink() {
            return Some(Self::SymbolicLink);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(Self::NamedPipe);
            }
            if file_type.is_socket() {
                return Some(Self::Socket);
            }
            if file_type.is_char_device() {
                return Some(Self::CharDevice);
            }
            if file_type.is_block_device() {
                return Some(Self::BlockDevice);
            }
        }
        Some(Self::Other)
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Folder => "a folder",
            Self::NamedPipe => "a named pipe",
            Self::Socket => "a socket",
            Self::CharDevice => "a character device",
            Self::BlockDevice => "a block device",
            Self::SymbolicLink => "a symbolic link",
            Self::Other => "a special file",
        })
    }
}

/// The error inside the [`io::Error`] of [`open_regular`] when the path is
/// not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it is {kind}, not a file")]
pub struct NotAFile {
    /// What it is.
    pub kind: FileKind,
}

/// The error inside the [`io::Error`] of [`read_at_most`] when the file is
/// longer than allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it is larger than {limit} bytes")]
pub struct TooLarge {
    /// The most bytes allowed.
    pub limit: u64,
}

/// The error inside the [`io::Error`] of [`open_regular`] when the path is
/// a symbolic link to nothing (its kind is [`io::ErrorKind::InvalidInput`],
/// not `NotFound`, so that no caller takes it for a file not made yet).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("it is a link to {}, which does not exist", target.display())]
pub struct DanglingLink {
    /// Where the link leads.
    pub target: std::path::PathBuf,
}

/// The kind of a path that is not a regular file, when an error from this
/// module says so.
pub fn not_a_file(err: &io::Error) -> Option<FileKind> {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotAFile>())
        .map(|e| e.kind)
}

/// The cap a file went over, when an error from [`read_whole`] says so.
pub fn too_large(err: &io::Error) -> Option<u64> {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<TooLarge>())
        .map(|e| e.limit)
}

/// Where a link that leads nowhere leads, when an error from this module
/// says the path is one.
pub fn dangling_link(err: &io::Error) -> Option<&Path> {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<DanglingLink>())
        .map(|e| e.target.as_path())
}

/// Opens `path` for reading without blocking, and only when it is a regular
/// file: a folder, named pipe, socket or device is refused with an
/// [`io::ErrorKind::InvalidInput`] error holding a [`NotAFile`] that names
/// it, and so is a symbolic link when `links` is [`Links::Refuse`]. A
/// followed link that leads nowhere is an `InvalidInput` error holding a
/// [`DanglingLink`].
pub fn open_regular(path: &Path, links: Links) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    open_checked(path, links, options)
}

/// Opens the regular file at `path` for reading and appending, as the log's
/// writer does, without blocking and refusing anything but a regular file
/// as [`open_regular`] does (a link is followed). With `create_new` the
/// file must not exist yet, and is made.
pub fn open_appending(path: &Path, create_new: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create_new(create_new);
    open_checked(path, Links::Follow, options)
}

fn open_checked(path: &Path, links: Links, mut options: OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(err) => {
            let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            // With O_NOFOLLOW a link is refused by the open itself (ELOOP).
            if link && links == Links::Refuse {
                return Err(refused(FileKind::SymbolicLink));
            }
            // Opened for writing, a folder is refused by the open itself,
            // and a socket is at any open (ENXIO): named for what they are.
            if err.kind() != io::ErrorKind::NotFound
                && let Some(kind) = fs::metadata(path)
                    .ok()
                    .and_then(|m| FileKind::of(m.file_type()))
            {
                return Err(refused(kind));
            }
            if link && err.kind() == io::ErrorKind::NotFound {
                let target = fs::read_link(path).unwrap_or_default();
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    DanglingLink { target },
                ));
            }
            return Err(err);
        }
    };
    #[cfg(not(unix))]
    if links == Links::Refuse && fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(refused(FileKind::SymbolicLink));
    }
    // The kind of what was opened, not of what the path names now.
    match FileKind::of(file.metadata()?.file_type()) {
        None => Ok(file),
        Some(kind) => Err(refused(kind)),
    }
}

/// Reads the regular file at `path` (see [`open_regular`]), but never more
/// than `limit` bytes: a longer file gives its first `limit` bytes, so the
/// caller can tell it was cut by asking for one byte more than it allows.
pub fn read_at_most(path: &Path, links: Links, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path, links)?;
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the whole regular file at `path` (see [`open_regular`]); a file
/// longer than `limit` bytes is refused with an error holding [`TooLarge`].
pub fn read_whole(path: &Path, links: Links, limit: u64) -> io::Result<Vec<u8>> {
    let bytes = read_at_most(path, links, limit.saturating_add(1))?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            TooLarge { limit },
        ));
    }
    Ok(bytes)
}

/// Why an output file the person named is not replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotReplaced {
    /// What is there is not a file.
    #[error("it is {0}, not a file, and only a file is replaced")]
    NotAFile(FileKind),
    /// A symbolic link to something that is not a file.
    #[error("it is a symbolic link to {0}, not to a file, and only a file is replaced")]
    LinkToNonFile(FileKind),
    /// A symbolic link to nothing.
    #[error(
        "it is a symbolic link to {}, which does not exist, and only a file is replaced",
        crate::routine::escape_path(.0)
    )]
    DanglingLink(PathBuf),
}

/// The file to write for an output named `path` (an export, a report, a
/// handout, a routine saved from the builder) that may be there already:
/// `path` itself when nothing or a regular file is there; the file a
/// symbolic link names when it names a regular file (that file is
/// replaced and the link kept, as a shell's `>` does: the person named the
/// link to mean its file). Anything else (a named pipe, a socket, a device,
/// a folder, a link to one of those or to nothing) is refused with an
/// [`io::ErrorKind::InvalidInput`] error holding a [`NotReplaced`]: a
/// rename over it would put a new file in place of something that was
/// never one of the person's files (as root, `/dev/null` itself).
pub fn output_target(path: &Path) -> io::Result<PathBuf> {
    let here = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(path.to_owned()),
        Err(err) => return Err(err),
    };
    let not_replaced = |why| io::Error::new(io::ErrorKind::InvalidInput, why);
    match FileKind::of(here.file_type()) {
        None => Ok(path.to_owned()),
        Some(FileKind::SymbolicLink) => match fs::metadata(path) {
            Ok(meta) => match FileKind::of(meta.file_type()) {
                None => fs::canonicalize(path),
                Some(kind) => Err(not_replaced(NotReplaced::LinkToNonFile(kind))),
            },
            Err(err) if err.kind() == io::ErrorKind::NotFound => Err(not_replaced(
                NotReplaced::DanglingLink(fs::read_link(path)?),
            )),
            Err(err) => Err(err),
        },
        Some(kind) => Err(not_replaced(NotReplaced::NotAFile(kind))),
    }
}

fn refused(kind: FileKind) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NotAFile { kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_at_most(&path, Links::Follow, 4).unwrap(), b"0123");
        assert_eq!(read_whole(&path, Links::Follow, 10).unwrap(), b"0123456789");
        let err = read_whole(&path, Links::Follow, 9).unwrap_err();
        assert_eq!(err.to_string(), "it is larger than 9 bytes");
    }

    #[test]
    fn a_folder_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_at_most(dir.path(), Links::Follow, 10).unwrap_err();
        assert_eq!(not_a_file(&err), Some(FileKind::Folder));
        assert_eq!(err.to_string(), "it is a folder, not a file");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        // No writer: a blocking open would wait here for ever.
        let err = open_regular(&path, Links::Follow).unwrap_err();
        assert_eq!(err.to_string(), "it is a named pipe, not a file");
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions.jsonl");
        let _socket = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let err = open_regular(&path, Links::Follow).unwrap_err();
        assert_eq!(err.to_string(), "it is a socket, not a file");
        let err = open_appending(&path, false).unwrap_err();
        assert_eq!(not_a_file(&err), Some(FileKind::Socket));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        let err = read_at_most(Path::new("/dev/zero"), Links::Follow, 10).unwrap_err();
        assert_eq!(not_a_file(&err), Some(FileKind::CharDevice));
    }

    #[cfg(unix)]
    #[test]
    fn an_output_replaces_only_a_file_or_the_file_a_link_names() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.csv");
        assert_eq!(output_target(&new).unwrap(), new);
        let file = dir.path().join("old.csv");
        fs::write(&file, "old").unwrap();
        assert_eq!(output_target(&file).unwrap(), file);
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(output_target(&link).unwrap(), file.canonicalize().unwrap());
        let refused_with = |path: &Path| {
            let err = output_target(path).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
            err.to_string()
        };
        let fifo = dir.path().join("fifo.csv");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            refused_with(&fifo),
            "it is a named pipe, not a file, and only a file is replaced"
        );
        assert_eq!(
            refused_with(Path::new("/dev/null")),
            "it is a character device, not a file, and only a file is replaced"
        );
        let to_device = dir.path().join("null.csv");
        std::os::unix::fs::symlink("/dev/null", &to_device).unwrap();
        assert_eq!(
            refused_with(&to_device),
            "it is a symbolic link to a character device, not to a file, and only a file is replaced"
        );
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink(dir.path().join("gone.csv"), &dangling).unwrap();
        assert_eq!(
            refused_with(&dangling),
            format!(
                "it is a symbolic link to {}, which does not exist, and only a file is replaced",
                dir.path().join("gone.csv").display()
            )
        );
        assert_eq!(
            refused_with(dir.path()),
            "it is a folder, not a file, and only a file is replaced"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_nothing_is_not_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("sessions.jsonl");
        std::os::unix::fs::symlink(dir.path().join("gone.jsonl"), &link).unwrap();
        let err = open_regular(&link, Links::Follow).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(
            err.to_string()
                .ends_with("gone.jsonl, which does not exist"),
            "{err}"
        );
        let err = open_appending(&link, false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        // A file that is not there is still just that.
        let err = open_regular(&dir.path().join("none"), Links::Follow).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_for_appending_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions.jsonl");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        let err = open_appending(&path, false).unwrap_err();
        assert_eq!(not_a_file(&err), Some(FileKind::NamedPipe));
        let fresh = dir.path().join("new.jsonl");
        assert!(open_appending(&fresh, true).is_ok());
        assert!(open_appending(&fresh, true).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_or_refused_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("secret.txt");
        fs::write(&target, "secret").unwrap();
        let link = dir.path().join("picture.png");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_at_most(&link, Links::Follow, 10).unwrap(), b"secret");
        let err = read_at_most(&link, Links::Refuse, 10).unwrap_err();
        assert_eq!(err.to_string(), "it is a symbolic link, not a file");
    }
}
