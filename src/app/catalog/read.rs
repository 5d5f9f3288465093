//! Reading a routine or exercise file the person named (capped, regular
//! files only) and checking it with every check the app makes before it
//! uses one: its text and its pictures.

use std::io;
use std::path::Path;

use super::pictures::picture_problems;
use super::single;
use crate::app::user_file::{self, Links};
use crate::routine::{self, Format, Library, Parsed, Problems, Routine};
/// Reads a routine or exercise file the person named, but never more than
/// one byte past [`routine::MAX_FILE_BYTES`], so a huge or endless file is
/// refused without being read whole. Anything but a regular file (a named
/// pipe, a device, a folder) is refused at once with an error naming it
/// (see [`user_file::open_regular`]).
pub fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    user_file::read_at_most(path, Links::Follow, routine::MAX_FILE_BYTES as u64 + 1)
}

/// Reads the file at `path` and checks it as `format` (or as what it holds,
/// for `None`) with every check the app makes before it uses a file: its
/// text ([`routine::parse`]) and its pictures. Gives the bytes read too.
fn read_checked(
    path: &Path,
    format: Option<Format>,
    library: &Library,
) -> Result<(Parsed, Vec<u8>), Problems> {
    let name = path.display().to_string();
    let bytes = read_capped(path)
        .map_err(|e| single(path, "(file)", &format!("cannot read the file: {e}")))?;
    let parsed = routine::parse(&name, &bytes, format, library)?;
    let problems = picture_problems(path, &bytes, &parsed);
    if problems.is_empty() {
        Ok((parsed, bytes))
    } else {
        Err(Problems {
            file: name,
            problems,
        })
    }
}

/// Reads and checks a routine or exercise file as `neckguide check` does:
/// with every check of the import and of the commands that read a routine,
/// pictures included, so a file that passes is one the app takes.
pub fn check_file(path: &Path, library: &Library) -> Result<Parsed, Problems> {
    read_checked(path, None, library).map(|(parsed, _)| parsed)
}

/// Reads and validates a routine file. A relative image path must name a
/// picture that can be used inside the routine's folder.
pub fn load_routine_file(path: &Path, library: &Library) -> Result<Routine, Problems> {
    read_routine_file(path, library).map(|(routine, _)| routine)
}

/// [`load_routine_file`], also giving the bytes read.
pub(super) fn read_routine_file(
    path: &Path,
    library: &Library,
) -> Result<(Routine, Vec<u8>), Problems> {
    match read_checked(path, Some(Format::Routine), library)? {
        (Parsed::Routine(routine), bytes) => Ok((routine, bytes)),
        (Parsed::Exercise(_), _) => Err(single(
            path,
            "(file)",
            "this is an exercise file, not a routine",
        )),
    }
}
