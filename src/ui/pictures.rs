//! Exercise pictures in the window: an egui image loader for
//! `neckguide-picture://` URIs, which asks the app's pictures
//! ([`crate::app::pictures`]) and never waits for them, and
//! [`picture_ui`], which draws a picture or, until it is drawn (or when it
//! cannot be), a box of the same size with its description.
//!
//! No other image loader is installed: an `egui::Image` of a file or of
//! bytes would be read and decoded on the window's thread.

use std::sync::Arc;

use egui::load::{ImageLoadResult, ImageLoader, ImagePoll, LoadError, SizeHint, TexturePoll};

use crate::app::pictures::{Fit, MAX_SIDE, Pictures, Poll, Source};

const SCHEME: &str = "neckguide-picture://";

/// The URI of a picture from `source`: `builtin/<path>`, or
/// `beside/<the folder's bytes in hex>/<rel>` (any folder name, and no
/// mistaking where it ends). It ends as the file does (`.svg`), which egui
/// reads to keep a texture for each size of an SVG.
pub fn uri(source: &Source) -> String {
    match source {
        Source::Builtin(path) => format!("{SCHEME}builtin/{path}"),
        Source::Beside { folder, rel } => {
            let hex: String = folder_bytes(folder)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{SCHEME}beside/{hex}/{rel}")
        }
    }
}

/// The source a URI made by [`uri`] names.
fn parse(uri: &str) -> Option<Source> {
    let rest = uri.strip_prefix(SCHEME)?;
    if let Some(path) = rest.strip_prefix("builtin/") {
        return Some(Source::Builtin(path.to_owned()));
    }
    let (hex, rel) = rest.strip_prefix("beside/")?.split_once('/')?;
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some(Source::Beside {
        folder: folder_from_bytes(bytes)?,
        rel: rel.to_owned(),
    })
}

#[cfg(unix)]
fn folder_bytes(folder: &std::path::Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    folder.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn folder_from_bytes(bytes: Vec<u8>) -> Option<std::path::PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(std::ffi::OsString::from_vec(bytes).into())
}

#[cfg(not(unix))]
fn folder_bytes(folder: &std::path::Path) -> Vec<u8> {
    folder.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn folder_from_bytes(bytes: Vec<u8>) -> Option<std::path::PathBuf> {
    String::from_utf8(bytes).ok().map(Into::into)
}

/// The box a size hint asks for, in pixels.
fn fit_of(hint: SizeHint) -> Fit {
    let (width, height) = match hint {
        SizeHint::Size { width, height, .. } => (width, height),
        SizeHint::Width(width) => (width, MAX_SIDE),
        SizeHint::Height(height) => (MAX_SIDE, height),
        SizeHint::Scale(_) => (MAX_SIDE, MAX_SIDE),
    };
    Fit { width, height }
}

/// Loads `neckguide-picture://` URIs through the app's pictures.
pub struct PictureLoader {
    pictures: Pictures,
}

impl PictureLoader {
    /// The loader's id.
    pub const ID: &'static str = egui::generate_loader_id!(PictureLoader);

    /// A loader asking `pictures`.
    pub fn new(pictures: Pictures) -> Self {
        Self { pictures }
    }
}

impl ImageLoader for PictureLoader {
    fn id(&self) -> &str {
        Self::ID
    }

    fn load(&self, ctx: &egui::Context, uri: &str, size_hint: SizeHint) -> ImageLoadResult {
        let Some(source) = parse(uri) else {
            return Err(LoadError::NotSupported);
        };
        let ctx = ctx.clone();
        match self
            .pictures
            .poll(&source, fit_of(size_hint), move || ctx.request_repaint())
        {
            Poll::Pending => Ok(ImagePoll::Pending { size: None }),
            Poll::Ready(pixels) => {
                let size = [pixels.width as usize, pixels.height as usize];
                let [w, h] = pixels.source_size;
                let image = egui::ColorImage::from_rgba_premultiplied(size, &pixels.rgba)
                    .with_source_size(egui::vec2(w as f32, h as f32));
                Ok(ImagePoll::Ready {
                    image: Arc::new(image),
                })
            }
            Poll::Failed(why) => Err(LoadError::Loading(why)),
        }
    }

    fn forget(&self, uri: &str) {
        if let Some(source) = parse(uri) {
            self.pictures.forget(&source);
        }
    }

    fn forget_all(&self) {
        self.pictures.forget_all();
    }

    fn byte_size(&self) -> usize {
        self.pictures.byte_size()
    }

    fn end_pass(&self, pass_index: u64) {
        self.pictures.end_pass(pass_index);
    }
}

/// Installs the picture loader (once per context).
pub fn install(ctx: &egui::Context, pictures: Pictures) {
    if !ctx.is_loader_installed(PictureLoader::ID) {
        ctx.add_image_loader(Arc::new(PictureLoader::new(pictures)));
    }
}

/// Draws the picture from `source`, `size` points big on a white card with
/// rounded corners; until it is drawn, or when it cannot be, the card shows
/// `alt`, so nothing moves when it comes. To a screen reader it is an
/// image named `alt` either way.
pub fn picture_ui(
    ui: &mut egui::Ui,
    source: &Source,
    alt: &str,
    size: egui::Vec2,
    corner_radius: f32,
) -> egui::Response {
    faded_picture_ui(ui, source, alt, size, corner_radius, 1.0)
}

/// [`picture_ui`], the picture as opaque as `opacity` (0 to 1) says on its
/// white card.
fn faded_picture_ui(
    ui: &mut egui::Ui,
    source: &Source,
    alt: &str,
    size: egui::Vec2,
    corner_radius: f32,
    opacity: f32,
) -> egui::Response {
    let image = egui::Image::new(uri(source))
        .alt_text(alt)
        .fit_to_exact_size(size)
        .bg_fill(egui::Color32::WHITE)
        .tint(egui::Color32::from_white_alpha(alpha(opacity)))
        .corner_radius(corner_radius)
        .show_loading_spinner(false);
    if let Ok(TexturePoll::Ready { .. }) = image.load_for_size(ui.ctx(), size) {
        return ui.add(image);
    }
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::new(egui::Role::Image);
        info.label = Some(alt.to_owned());
        info
    });
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.rect_filled(rect, corner_radius, egui::Color32::WHITE);
        let galley = painter.layout(
            alt.to_owned(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::from_gray(60),
            (rect.width() - 16.0).max(1.0),
        );
        let at = rect.center() - galley.size() / 2.0;
        painter
            .with_clip_rect(rect)
            .galley(at, galley, egui::Color32::from_gray(60));
    }
    response
}

/// An opacity from 0 to 1 as an alpha from 0 to 255.
fn alpha(opacity: f32) -> u8 {
    (opacity.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Draws an exercise's figure between its two pictures on the white card
/// of [`picture_ui`]: `held` as opaque as `pose` (0 the start, 1 the held
/// position) says, over `start` (not drawn once held): a cross-fade,
/// which fits any two pictures, PNG or SVG, alike or not. Both are asked for in every frame,
/// so the held one is drawn (off the window's thread) before the figure
/// moves; until both are drawn the figure shows the start. To a screen
/// reader it is an image named `alt`, described by its pose
/// ([`super::figure::pose_words`]).
pub fn figure_ui(
    ui: &mut egui::Ui,
    start: &Source,
    held: &Source,
    pose: f32,
    alt: &str,
    size: egui::Vec2,
    corner_radius: f32,
) -> egui::Response {
    let ready = |source: &Source| {
        matches!(
            egui::Image::new(uri(source))
                .fit_to_exact_size(size)
                .load_for_size(ui.ctx(), size),
            Ok(TexturePoll::Ready { .. })
        )
    };
    let both = ready(held) && ready(start);
    let drawn = if both { pose.clamp(0.0, 1.0) } else { 0.0 };
    // The start stays whole under the held one as it fades in, so what the
    // two share stays as dark all through (fading both out and in greyed
    // it half-way); held, the start goes, so a held picture with
    // transparent parts does not show the start through them.
    let start_opacity = if drawn >= 1.0 { 0.0 } else { 1.0 };
    let response = faded_picture_ui(ui, start, alt, size, corner_radius, start_opacity);
    if drawn > 0.0 && ui.is_rect_visible(response.rect) {
        egui::Image::new(uri(held))
            .fit_to_exact_size(size)
            .corner_radius(corner_radius)
            .show_loading_spinner(false)
            .tint(egui::Color32::from_white_alpha(alpha(drawn)))
            .paint_at(ui, response.rect);
    }
    super::figure::note_drawn(ui.ctx(), alt, both.then_some(drawn));
    super::a11y::describe_graphic(ui, &response, alt, super::figure::pose_words(drawn));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_gives_back_its_source() {
        let sources = [
            Source::Builtin("assets/exercises/head-lifts.svg".into()),
            Source::Beside {
                folder: "/data/routines/my routine/beside".into(),
                rel: "pictures/a/b.svg".into(),
            },
        ];
        for source in sources {
            let uri = uri(&source);
            assert!(egui::load::has_extension(&uri, "svg"), "{uri}");
            assert_eq!(parse(&uri), Some(source));
        }
        assert_eq!(parse("bytes://picture/x.svg"), None);
        assert_eq!(parse("neckguide-picture://beside/zz/x.svg"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_is_not_utf8_is_kept_whole() {
        use std::os::unix::ffi::OsStrExt;
        let folder = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/\xff/x"));
        let source = Source::Beside {
            folder,
            rel: "p.svg".into(),
        };
        assert_eq!(parse(&uri(&source)), Some(source));
    }
}
