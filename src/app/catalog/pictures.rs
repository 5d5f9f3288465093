//! The pictures a routine or exercise file names beside it: read only
//! inside its folder, through no symbolic link, up to
//! [`MAX_PICTURE_BYTES`]; and what is wrong with one, found without
//! reading it.

use std::io;
use std::path::{Path, PathBuf};

use crate::app::user_file::{self, Links};
use crate::routine::{self, Parsed, Problem};
/// The largest picture a routine may name, in bytes (16 MiB).
pub const MAX_PICTURE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the picture `rel` that a routine file in `folder` names: a regular
/// file inside `folder`, reached through no symbolic link (as the file or as
/// a folder on the way), of at most [`MAX_PICTURE_BYTES`].
pub fn read_picture(folder: &Path, rel: &str) -> io::Result<Vec<u8>> {
    let path = picture_path(folder, rel)?;
    user_file::read_whole(&path, Links::Refuse, MAX_PICTURE_BYTES)
}

/// The bytes of an exercise's picture: built in, or a file next to the
/// routine file in `folder` (read as [`read_picture`] does). `None` when it
/// cannot be read; the handout and the window then do without it.
pub fn picture_bytes(image: &crate::exercise::Image, folder: &Path) -> Option<Vec<u8>> {
    match image {
        crate::exercise::Image::Builtin(path) => crate::assets::image(path).map(<[u8]>::to_vec),
        crate::exercise::Image::Relative(rel) => read_picture(folder, rel).ok(),
    }
}

/// `folder/rel`, when its folder is really inside `folder` (no linked folder
/// leads elsewhere). Validation already refuses `..` and absolute paths.
fn picture_path(folder: &Path, rel: &str) -> io::Result<PathBuf> {
    let path = folder.join(rel);
    let parent = path.parent().unwrap_or(folder);
    if parent.canonicalize()?.starts_with(folder.canonicalize()?) {
        Ok(path)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is reached through a symbolic link to another folder",
        ))
    }
}

/// Whether the picture `rel` beside a routine or exercise file in `folder`
/// can be used: `None` when it can, else what is wrong. What [`read_picture`]
/// would refuse, found without reading the picture.
fn picture_problem(folder: &Path, rel: &str) -> Option<String> {
    let checked = picture_path(folder, rel).and_then(|path| {
        let file = user_file::open_regular(&path, Links::Refuse)?;
        if file.metadata()?.len() > MAX_PICTURE_BYTES {
            return Err(io::Error::other(user_file::TooLarge {
                limit: MAX_PICTURE_BYTES,
            }));
        }
        Ok(())
    });
    match checked {
        Ok(()) => None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
            "the image \"{rel}\" was not found in the folder of this file; put the picture there or correct the path"
        )),
        Err(e) => Some(format!("the image \"{rel}\" cannot be used: {e}")),
    }
}

/// The problems of the pictures beside the file at `path` (its text
/// `bytes`) that `parsed` names, each at the picture's place in the file.
/// `check`, the import and the commands that read a routine all check
/// pictures here.
pub(super) fn picture_problems(path: &Path, bytes: &[u8], parsed: &Parsed) -> Vec<Problem> {
    let folder = path.parent().unwrap_or(Path::new("."));
    parsed
        .relative_pictures()
        .into_iter()
        .filter_map(|(field, rel)| {
            picture_problem(folder, rel).map(|message| Problem {
                file: path.display().to_string(),
                pos: routine::position_of(bytes, &field),
                path: field.to_string(),
                message,
            })
        })
        .collect()
}
