//! Exercise pictures, read and decoded off the window's thread.
//!
//! A picture is an SVG or PNG file beside a routine file (read through
//! [`catalog::read_picture`]: a regular file inside the routine's folder,
//! never blocking, capped) or one built in ([`crate::assets::image`]). It is
//! drawn to the pixels the window needs on a thread of its own ("pictures"),
//! started at the first picture asked for; the window asks
//! ([`Pictures::poll`]) each frame it shows one and draws a placeholder
//! until it is ready, and the thread wakes it when it is.
//!
//! An SVG names other files in its `<image href="…">` elements. Those are
//! never read ([`svg_options`]): no path, no `file:` URI, nothing outside
//! the picture itself; only images embedded in it as `data:` SVG, of at
//! most [`MAX_EMBEDDED_BYTES`], are drawn. (A named pipe there would block
//! the read for ever, and `/dev/zero` would never end.) A compressed SVG
//! (svgz) is refused: it could grow without bound when unpacked.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use resvg::{tiny_skia, usvg};

use super::catalog;

/// Where a picture comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// Built into the program, by its path under `assets/`.
    Builtin(String),
    /// The file `rel` beside a routine file in `folder`.
    Beside {
        /// The routine file's folder.
        folder: PathBuf,
        /// The path the routine names, inside `folder`.
        rel: String,
    },
}

impl Source {
    /// The source of an exercise's picture, for a routine whose pictures
    /// lie in `folder` (`None` for a picture beside a routine with no
    /// folder, as a preset's).
    pub fn of(image: &crate::exercise::Image, folder: Option<&std::path::Path>) -> Option<Self> {
        match image {
            crate::exercise::Image::Builtin(path) => Some(Self::Builtin(path.clone())),
            crate::exercise::Image::Relative(rel) => folder.map(|folder| Self::Beside {
                folder: folder.to_path_buf(),
                rel: rel.clone(),
            }),
        }
    }
}

/// The box (pixels) a picture is drawn to fit, its shape kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fit {
    /// The most pixels across.
    pub width: u32,
    /// The most pixels down.
    pub height: u32,
}

/// The longest side of a picture drawn, in pixels (the window's textures
/// are no larger).
pub const MAX_SIDE: u32 = 2048;

/// The largest image embedded in an SVG (`data:`, decoded) that is drawn,
/// in bytes (1 MiB).
pub const MAX_EMBEDDED_BYTES: usize = 1024 * 1024;

/// The most pixels a PNG picture may have (4096 × 4096).
const MAX_PNG_PIXELS: u64 = 4096 * 4096;

/// A picture drawn: premultiplied RGBA, row after row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// The picture's own size (its SVG's size in its units, or the PNG's
    /// pixels), which gives its shape.
    pub source_size: [u32; 2],
    /// `width * height` pixels of 4 bytes.
    pub rgba: Vec<u8>,
}

/// Why a picture cannot be drawn.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The file could not be read.
    #[error("cannot read the picture: {0}")]
    Read(#[from] std::io::Error),
    /// No picture is built in by that path.
    #[error("no picture is built in as {0}")]
    NotBuiltIn(String),
    /// A compressed SVG.
    #[error("the picture is a compressed SVG (svgz), which is not read; save it as a plain SVG")]
    Compressed,
    /// Not an SVG the renderer can read.
    #[error("the picture is not a readable SVG: {0}")]
    Svg(#[from] usvg::Error),
    /// Not a PNG the decoder can read.
    #[error("the picture is not a readable PNG: {0}")]
    Png(String),
    /// A PNG with too many pixels.
    #[error("the picture is {width} x {height} pixels, larger than 4096 x 4096")]
    TooManyPixels {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// A size with no pixels.
    #[error("the picture has no size")]
    NoSize,
}

/// What is known of a picture asked for.
#[derive(Debug, Clone)]
pub enum Poll {
    /// Being read and drawn.
    Pending,
    /// Drawn.
    Ready(Arc<Pixels>),
    /// It cannot be drawn, and why (for the log).
    Failed(String),
}

/// Called when a picture asked for is ready (or failed).
pub type Wake = Box<dyn FnOnce() + Send>;

/// The pictures asked for and the thread that draws them. Cloning gives
/// another handle to the same; the thread ends when the last is dropped.
#[derive(Clone, Default)]
pub struct Pictures {
    handle: Arc<Handle>,
}

#[derive(Default)]
struct Handle {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    work: Condvar,
}

type Key = (Source, Fit);

#[derive(Default)]
struct State {
    entries: HashMap<Key, Entry>,
    /// Pictures to draw, the last asked for first.
    queue: VecDeque<Key>,
    /// The window's frame in progress (one past the last that ended, by
    /// [`Pictures::end_pass`]).
    pass: u64,
    started: bool,
    closed: bool,
}

struct Entry {
    poll: Poll,
    last_asked: u64,
    wake: Option<Wake>,
}

impl Pictures {
    /// The picture from `source` drawn to fit `fit`: ready, failed, or
    /// pending, when it is drawn on the pictures' thread, which then calls
    /// `wake` (only the first asking's). Never waits for the drawing: the
    /// lock is held by the thread only to put a finished picture in.
    pub fn poll(&self, source: &Source, fit: Fit, wake: impl FnOnce() + Send + 'static) -> Poll {
        let shared = &self.handle.shared;
        let mut state = lock(&shared.state);
        let pass = state.pass;
        let key = (source.clone(), fit);
        if let Some(entry) = state.entries.get_mut(&key) {
            entry.last_asked = pass;
            return entry.poll.clone();
        }
        state.entries.insert(
            key.clone(),
            Entry {
                poll: Poll::Pending,
                last_asked: pass,
                wake: Some(Box::new(wake)),
            },
        );
        state.queue.push_front(key);
        if !state.started {
            state.started = true;
            let worker = Arc::clone(shared);
            let spawned = std::thread::Builder::new()
                .name("pictures".into())
                .spawn(move || draw_pictures(&worker));
            if let Err(e) = spawned {
                log::warn!("pictures cannot be drawn: no thread for them: {e}");
                state.started = false;
                state.entries.clear();
                state.queue.clear();
                return Poll::Failed(format!("no thread to draw pictures: {e}"));
            }
        }
        drop(state);
        shared.work.notify_one();
        Poll::Pending
    }

    /// The end of the window's frame number `pass`: pictures not asked for
    /// in this frame or the one before are forgotten (drawn or not), so
    /// sizes passed through while the window was resized do not pile up.
    pub fn end_pass(&self, pass: u64) {
        let mut state = lock(&self.handle.shared.state);
        state
            .entries
            .retain(|_, entry| entry.last_asked.saturating_add(1) >= pass);
        state.pass = pass.saturating_add(1);
    }

    /// Forgets every picture from `source`, at every size.
    pub fn forget(&self, source: &Source) {
        lock(&self.handle.shared.state)
            .entries
            .retain(|(s, _), _| s != source);
    }

    /// Forgets every picture.
    pub fn forget_all(&self) {
        lock(&self.handle.shared.state).entries.clear();
    }

    /// The bytes of the pictures kept.
    pub fn byte_size(&self) -> usize {
        lock(&self.handle.shared.state)
            .entries
            .values()
            .map(|entry| match &entry.poll {
                Poll::Ready(pixels) => pixels.rgba.len(),
                Poll::Pending | Poll::Failed(_) => 0,
            })
            .sum()
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        lock(&self.shared.state).closed = true;
        self.shared.work.notify_all();
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panic while holding it leaves plain data, still usable.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The pictures' thread: draws the picture asked for last, puts it in,
/// wakes whoever asked; ends when the last handle is dropped.
fn draw_pictures(shared: &Shared) {
    loop {
        let key = {
            let mut state = lock(&shared.state);
            loop {
                if state.closed {
                    return;
                }
                if let Some(key) = state.queue.pop_front() {
                    // Forgotten meanwhile: not drawn.
                    if state
                        .entries
                        .get(&key)
                        .is_some_and(|e| matches!(e.poll, Poll::Pending))
                    {
                        break key;
                    }
                    continue;
                }
                state = shared
                    .work
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let poll = match load(&key.0, key.1) {
            Ok(pixels) => Poll::Ready(Arc::new(pixels)),
            Err(e) => {
                log::warn!("{}: {e}", describe(&key.0));
                Poll::Failed(e.to_string())
            }
        };
        let wake = {
            let mut state = lock(&shared.state);
            state.entries.get_mut(&key).and_then(|entry| {
                entry.poll = poll;
                entry.wake.take()
            })
        };
        if let Some(wake) = wake {
            wake();
        }
    }
}

fn describe(source: &Source) -> String {
    match source {
        Source::Builtin(path) => path.clone(),
        Source::Beside { folder, rel } => folder.join(rel).display().to_string(),
    }
}

/// Reads the picture from `source` and draws it to fit `fit`.
pub fn load(source: &Source, fit: Fit) -> Result<Pixels, PictureError> {
    match source {
        Source::Builtin(path) => {
            let bytes =
                crate::assets::image(path).ok_or_else(|| PictureError::NotBuiltIn(path.clone()))?;
            decode(bytes, fit)
        }
        Source::Beside { folder, rel } => decode(&catalog::read_picture(folder, rel)?, fit),
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Draws a picture's bytes (PNG or SVG, told by their first bytes) to fit
/// `fit`. An SVG reads no other file ([`svg_options`]).
pub fn decode(bytes: &[u8], fit: Fit) -> Result<Pixels, PictureError> {
    if bytes.starts_with(PNG_SIGNATURE) {
        decode_png(bytes)
    } else {
        decode_svg(bytes, fit)
    }
}

/// The options an SVG picture is read with: an `<image>` naming anything
/// but an embedded (`data:`) SVG of at most [`MAX_EMBEDDED_BYTES`] is not
/// drawn, and nothing it names is read (a path, a `file:` URI, a web
/// address). usvg's default reads any file an `href` names.
pub fn svg_options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(embedded_image),
            resolve_string: Box::new(|href, _| {
                log::debug!("an SVG picture names {href:?}: not read, not drawn");
                None
            }),
        },
        ..usvg::Options::default()
    }
}

/// An image embedded in an SVG picture: an SVG of at most
/// [`MAX_EMBEDDED_BYTES`], not compressed, read with no images of its own.
/// Embedded PNG, JPEG, GIF and WebP images are not drawn (the renderer is
/// built without them).
fn embedded_image(
    mime: &str,
    data: Arc<Vec<u8>>,
    options: &usvg::Options<'_>,
) -> Option<usvg::ImageKind> {
    if data.len() > MAX_EMBEDDED_BYTES {
        log::debug!(
            "an SVG picture embeds an image of {} bytes: not drawn",
            data.len()
        );
        return None;
    }
    let svg = mime == "image/svg+xml" || (mime == "text/plain" && !data.starts_with(PNG_SIGNATURE));
    if !svg || data.starts_with(GZIP_MAGIC) {
        return None;
    }
    let nested = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        dpi: options.dpi,
        font_size: options.font_size,
        default_size: options.default_size,
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(&data, &nested)
        .ok()
        .map(usvg::ImageKind::SVG)
}

/// `source` (width, height) scaled to fit `fit` and [`MAX_SIDE`], its shape
/// kept, in whole pixels (at least one).
fn fitted(source: (f32, f32), fit: Fit) -> Option<(u32, u32)> {
    let (w, h) = source;
    if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return None;
    }
    let most_w = fit.width.clamp(1, MAX_SIDE) as f32;
    let most_h = fit.height.clamp(1, MAX_SIDE) as f32;
    let scale = (most_w / w).min(most_h / h);
    let side = |v: f32| (v * scale).round().clamp(1.0, MAX_SIDE as f32) as u32;
    Some((side(w), side(h)))
}

fn decode_svg(bytes: &[u8], fit: Fit) -> Result<Pixels, PictureError> {
    // usvg would unpack it whole, however large it grows.
    if bytes.starts_with(GZIP_MAGIC) {
        return Err(PictureError::Compressed);
    }
    let tree = usvg::Tree::from_data(bytes, &svg_options())?;
    let size = tree.size();
    let (width, height) = fitted((size.width(), size.height()), fit).ok_or(PictureError::NoSize)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PictureError::NoSize)?;
    let scale = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    Ok(Pixels {
        width,
        height,
        source_size: [size.width().ceil() as u32, size.height().ceil() as u32],
        rgba: pixmap.take(),
    })
}

/// The width and height a PNG's header gives.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(8..24)?;
    if header.get(4..8)? != b"IHDR" {
        return None;
    }
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(header.get(at..at + 4)?.try_into().ok()?))
    };
    Some((word(8)?, word(12)?))
}

/// A PNG at its own size (the window scales it), refused past
/// [`MAX_PNG_PIXELS`] before a byte of it is unpacked.
fn decode_png(bytes: &[u8]) -> Result<Pixels, PictureError> {
    let (width, height) =
        png_size(bytes).ok_or_else(|| PictureError::Png("no PNG header".into()))?;
    if u64::from(width) * u64::from(height) > MAX_PNG_PIXELS {
        return Err(PictureError::TooManyPixels { width, height });
    }
    let pixmap =
        tiny_skia::Pixmap::decode_png(bytes).map_err(|e| PictureError::Png(e.to_string()))?;
    Ok(Pixels {
        width: pixmap.width(),
        height: pixmap.height(),
        source_size: [pixmap.width(), pixmap.height()],
        rgba: pixmap.take(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    const FIT: Fit = Fit {
        width: 200,
        height: 100,
    };

    /// A 100 x 50 SVG: a red square on the left; on the right, an image
    /// naming `href`.
    fn naming(href: &str) -> Vec<u8> {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">
  <rect x="0" y="0" width="50" height="50" fill="#ff0000"/>
  <image x="50" y="0" width="50" height="50" href="{href}"/>
</svg>"##
        )
        .into_bytes()
    }

    /// A blue 10 x 10 SVG.
    const BLUE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#0000ff"/></svg>"##;

    fn pixel(p: &Pixels, x: u32, y: u32) -> [u8; 4] {
        let at = ((y * p.width + x) * 4) as usize;
        p.rgba[at..at + 4].try_into().unwrap()
    }

    /// Decodes in bounded time (a blocking read would hang the test, so
    /// it runs on a thread and is given 5 s).
    fn decode_soon(bytes: Vec<u8>) -> Result<Pixels, PictureError> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(decode(&bytes, FIT)));
        rx.recv_timeout(Duration::from_secs(5))
            .expect("decoding did not end in 5 s: it read something it must not")
    }

    /// The picture is drawn, its image element not: red on the left,
    /// nothing (transparent) on the right.
    fn drawn_without_the_image(p: &Pixels) {
        assert_eq!((p.width, p.height), (200, 100));
        assert_eq!(pixel(p, 50, 50), [255, 0, 0, 255]);
        assert_eq!(pixel(p, 150, 50), [0, 0, 0, 0]);
    }

    fn base64(bytes: &[u8]) -> String {
        const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn an_image_naming_a_named_pipe_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("picture.svg");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // No writer: opening it for reading would wait for ever.
        let started = Instant::now();
        let p = decode_soon(naming(&fifo.display().to_string())).unwrap();
        drawn_without_the_image(&p);
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn an_image_naming_a_device_or_a_file_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.svg");
        std::fs::write(&other, BLUE).unwrap();
        let other = other.display().to_string();
        for href in [
            "/dev/zero",
            "/dev/urandom",
            "/etc/passwd",
            other.as_str(),
            &format!("file://{other}"),
            "file:///dev/zero",
            "other.svg",
            "https://example.com/picture.svg",
        ] {
            let p = decode_soon(naming(href)).unwrap_or_else(|e| panic!("{href}: {e}"));
            drawn_without_the_image(&p);
        }
    }

    #[test]
    fn an_embedded_svg_is_drawn_up_to_the_cap_without_images_of_its_own() {
        // An SVG of MAX_EMBEDDED_BYTES + 1 bytes: a blue square padded with
        // a comment. Past the cap, not drawn.
        let padding = MAX_EMBEDDED_BYTES + 1 - BLUE.len() - "<!---->".len();
        let huge = format!("{}<!--{}-->", BLUE, "x".repeat(padding));
        assert_eq!(huge.len(), MAX_EMBEDDED_BYTES + 1);
        let href = format!("data:image/svg+xml;base64,{}", base64(huge.as_bytes()));
        drawn_without_the_image(&decode_soon(naming(&href)).unwrap());
        // One byte less is drawn.
        let small = format!("{}<!--{}-->", BLUE, "x".repeat(padding - 1));
        let href = format!("data:image/svg+xml;base64,{}", base64(small.as_bytes()));
        let p = decode_soon(naming(&href)).unwrap();
        assert_eq!(pixel(&p, 50, 50), [255, 0, 0, 255]);
        assert_eq!(pixel(&p, 150, 50), [0, 0, 255, 255]);
        // An embedded SVG naming a named pipe: drawn, the pipe not read.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f");
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        let inner = String::from_utf8(naming(&fifo.display().to_string())).unwrap();
        let nested = format!("data:image/svg+xml;base64,{}", base64(inner.as_bytes()));
        let p = decode_soon(naming(&nested)).unwrap();
        // The embedded picture's red half, drawn at the right.
        assert_eq!(pixel(&p, 120, 50), [255, 0, 0, 255]);
    }

    #[test]
    fn a_compressed_svg_is_refused_unread() {
        let gzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        assert!(matches!(decode(&gzip, FIT), Err(PictureError::Compressed)));
    }

    #[test]
    fn an_svg_is_drawn_to_fit_keeping_its_shape() {
        let p = decode(BLUE.as_bytes(), FIT).unwrap();
        assert_eq!((p.width, p.height), (100, 100));
        assert_eq!(p.source_size, [10, 10]);
        assert_eq!(pixel(&p, 99, 99), [0, 0, 255, 255]);
        let huge = Fit {
            width: 100_000,
            height: 100_000,
        };
        let p = decode(BLUE.as_bytes(), huge).unwrap();
        assert_eq!((p.width, p.height), (MAX_SIDE, MAX_SIDE));
    }

    #[test]
    fn a_png_is_decoded_and_a_huge_one_refused_from_its_header() {
        let mut small = tiny_skia::Pixmap::new(3, 2).unwrap();
        small.fill(tiny_skia::Color::from_rgba8(0, 255, 0, 255));
        let png = small.encode_png().unwrap();
        let p = decode(&png, FIT).unwrap();
        assert_eq!((p.width, p.height), (3, 2));
        assert_eq!(pixel(&p, 2, 1), [0, 255, 0, 255]);
        // The same header claiming 100,000 x 100,000 pixels.
        let mut huge = png.clone();
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(matches!(
            decode(&huge, FIT),
            Err(PictureError::TooManyPixels { .. })
        ));
    }

    #[test]
    fn a_picture_is_pending_then_ready_and_the_asker_woken() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.svg"), BLUE).unwrap();
        let source = Source::Beside {
            folder: dir.path().to_path_buf(),
            rel: "p.svg".into(),
        };
        let pictures = Pictures::default();
        let (tx, rx) = std::sync::mpsc::channel();
        let first = pictures.poll(&source, FIT, move || tx.send(()).unwrap());
        assert!(matches!(first, Poll::Pending));
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
        let Poll::Ready(p) = pictures.poll(&source, FIT, || {}) else {
            panic!("not ready once woken");
        };
        assert_eq!((p.width, p.height), (100, 100));
        // Asked for in frames 0 and 1: kept at the end of 1 and 2...
        pictures.end_pass(0);
        assert!(matches!(pictures.poll(&source, FIT, || {}), Poll::Ready(_)));
        pictures.end_pass(1);
        pictures.end_pass(2);
        assert_eq!(pictures.byte_size(), 100 * 100 * 4);
        // ...not asked for in frames 2 and 3: forgotten.
        pictures.end_pass(3);
        assert_eq!(pictures.byte_size(), 0);
    }
}
