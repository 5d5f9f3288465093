//! Listing a folder for the window's Open dialog: the sub-folders and `.json`
//! files of one folder, read once when the folder is opened.

use std::path::{Path, PathBuf};

/// Most entries listed from one folder.
const MAX_ENTRIES: usize = 500;

/// One line of a folder's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEntry {
    /// The file or folder name.
    pub name: String,
    /// Its whole path.
    pub path: PathBuf,
    /// Whether it is a folder.
    pub folder: bool,
}

/// The sub-folders and `.json` files of `dir` (hidden ones left out),
/// folders first, then by name without regard to case; at most 500.
pub fn routine_files(dir: &Path) -> std::io::Result<Vec<FolderEntry>> {
    let mut entries: Vec<FolderEntry> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let folder = path.is_dir();
            let json = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"));
            (!name.starts_with('.') && (folder || json)).then_some(FolderEntry {
                name,
                path,
                folder,
            })
        })
        .take(MAX_ENTRIES)
        .collect();
    entries.sort_by(|a, b| {
        b.folder
            .cmp(&a.folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// The folder an Open dialog starts in: Downloads, else home, else the root.
pub fn start_dir() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.download_dir()
                .filter(|d| d.is_dir())
                .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_then_json_files_and_hides_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.json", "A.JSON", "notes.txt", ".hidden.json"] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        std::fs::create_dir(dir.path().join("z-folder")).unwrap();
        let names: Vec<String> = routine_files(dir.path())
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["z-folder", "A.JSON", "b.json"]);
        assert!(routine_files(&dir.path().join("missing")).is_err());
    }
}
