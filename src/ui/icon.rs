//! The app icon (`assets/app-icon.svg`) as pixels: the window's icon, which
//! the title bar and the task switcher show, and the PNG sizes that
//! `make install` puts in the hicolor theme (`make icons` writes them).

use resvg::{tiny_skia, usvg};

/// The app icon, as drawn (SVG).
pub const SVG: &[u8] = include_bytes!("../../assets/app-icon.svg");

/// The PNG sizes installed beside the SVG, in pixels (square).
pub const PNG_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

/// The size of the window's icon: large enough for a task switcher.
const WINDOW_ICON_SIZE: u32 = 256;

/// The icon drawn at `size` × `size` pixels (premultiplied RGBA).
/// `None` only if the built-in SVG could not be read, which its test rules out.
pub fn pixmap(size: u32) -> Option<tiny_skia::Pixmap> {
    // Read as the pictures are: it names no other file, and none would be read.
    let tree = usvg::Tree::from_data(SVG, &crate::app::pictures::svg_options())
        .map_err(|e| log::warn!("the app icon cannot be read: {e}"))
        .ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(size, size)?;
    let drawn = tree.size();
    let scale =
        tiny_skia::Transform::from_scale(size as f32 / drawn.width(), size as f32 / drawn.height());
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    Some(pixmap)
}

/// The icon at `size` pixels as a PNG file's bytes.
pub fn png(size: u32) -> Option<Vec<u8>> {
    pixmap(size)?
        .encode_png()
        .map_err(|e| log::warn!("the app icon cannot be encoded: {e}"))
        .ok()
}

/// The window's icon (straight, not premultiplied, RGBA).
pub fn window_icon() -> Option<egui::IconData> {
    let pixmap = pixmap(WINDOW_ICON_SIZE)?;
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Some(egui::IconData {
        rgba,
        width: pixmap.width(),
        height: pixmap.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_is_the_drawn_app_icon() {
        let icon = window_icon().unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        let at = |x: usize, y: usize| &icon.rgba[(y * 256 + x) * 4..][..4];
        // The rounded square's corner is transparent; its middle is the
        // icon's light blue background (#e8f1f8) or the drawing on it.
        assert_eq!(at(0, 0)[3], 0);
        assert_eq!(at(20, 128), &[0xe8, 0xf1, 0xf8, 0xff]);
    }

    /// The committed PNGs (`assets/icons/`) are the SVG as it is now: run
    /// `make icons` after changing it.
    #[test]
    fn the_installed_pngs_match_the_svg() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
        for size in PNG_SIZES {
            let path = dir.join(format!("{size}x{size}.png"));
            let committed = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{}: {e}; run `make icons`", path.display()));
            let drawn = png(size).unwrap();
            assert!(
                committed == drawn,
                "{} differs from the SVG; run `make icons`",
                path.display()
            );
        }
    }
}
