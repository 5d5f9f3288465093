//! Writes the app icon's PNG sizes into a folder (`make icons`):
//! `cargo run --example render_icons -- assets/icons`.

use std::path::PathBuf;

use neckguide::ui::icon;

fn main() -> std::process::ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "assets/icons".into()),
    );
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("render_icons: {}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    for size in icon::PNG_SIZES {
        let path = dir.join(format!("{size}x{size}.png"));
        let written = icon::png(size).map(|bytes| std::fs::write(&path, bytes));
        match written {
            Some(Ok(())) => println!("{}", path.display()),
            Some(Err(e)) => {
                eprintln!("render_icons: {}: {e}", path.display());
                return std::process::ExitCode::FAILURE;
            }
            None => {
                eprintln!("render_icons: the icon could not be drawn at {size} px");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
