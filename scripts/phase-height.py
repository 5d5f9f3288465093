#!/usr/bin/python3
"""Measures the session phase's word on screenshots (issue 27): the height
in pixels of its first letter, a capital (42 for H at 1280x800 with 100 %
text, 44 for the round G and S, which overshoot). Finds the phase band by
its fill colour (the bands of src/ui/style.rs), the shape at its left (two
bars when paused), then the ink connected to the first pixel right of it
(a pixel nearer the words' luminance than the fill's), and prints the
height of what it found.

Usage: scripts/phase-height.py DIR
DIR holds one folder of scripts/screenshots.sh's shots per configuration,
named SIZE-TEXT-THEME (1280x800-100-light, 640x480-200-high_contrast); the
session's shots in each are measured. Needs ImageMagick."""
import subprocess, sys, os

BANDS = {
    "light": {"position": (105, 45, 160), "get_ready": (140, 80, 0), "hold": (0, 84, 166), "rest": (0, 110, 50), "paused": (75, 75, 75)},
    "dark": {"position": (200, 150, 255), "get_ready": (255, 170, 60), "hold": (110, 180, 255), "rest": (90, 200, 120), "paused": (190, 190, 190)},
    "high_contrast": {"position": (230, 140, 255), "get_ready": (255, 150, 0), "hold": (255, 230, 0), "rest": (0, 230, 120), "paused": (255, 255, 255)},
}
TEXT = {"light": (255, 255, 255), "dark": (0, 0, 0), "high_contrast": (0, 0, 0)}

def lum(c):
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

def load(png):
    out = subprocess.run(["convert", png, "-depth", "8", "rgb:-"], capture_output=True, check=True).stdout
    w, h = map(int, subprocess.run(["identify", "-format", "%w %h", png], capture_output=True, text=True, check=True).stdout.split())
    return w, h, out

def measure(png, theme):
    w, h, raw = load(png)
    px = lambda x, y: tuple(raw[(y * w + x) * 3:(y * w + x) * 3 + 3])
    # The band: 20 rows or more, each with 500 pixels or more of a band's
    # fill (no picture card, outline or line of text is that).
    found = None
    for look, fill in BANDS[theme].items():
        per_row = [sum(1 for x in range(0, w, 2) if px(x, y) == fill) * 2 for y in range(h)]
        y = 0
        while y < h:
            if per_row[y] >= 500:
                y1 = y
                while y1 + 1 < h and per_row[y1 + 1] >= 500:
                    y1 += 1
                if y1 - y >= 20:
                    # On down through the rows the words cover more of.
                    # (While its left margin is the fill: not a picture
                    # card of the same white beside it.)
                    edge = min(x for x in range(w) if px(x, (y + y1) // 2) == fill) + 1
                    while y1 + 1 < h and px(edge, y1 + 1) == fill:
                        y1 += 1
                    found = (look, fill, y, y1)
                    break
                y = y1
            y += 1
        if found:
            break
    if not found:
        return None
    look, fill, y0, y1 = found
    text = TEXT[theme]
    xs = [x for x in range(w) if px(x, (y0 + y1) // 2) == fill]
    x0, x1 = min(xs), max(xs)
    mid = (lum(fill) + lum(text)) / 2
    # (Not the band's own edges, which blend with the page.)
    ink = lambda x, y: x0 < x < x1 and (lum(px(x, y)) - mid) * (lum(text) - lum(fill)) > 0
    # The shape's left edge: the first ink column (away from the band's
    # rounded corners, whose edge blends with the page).
    left = next(x for x in range(x0 + 2, x1) if any(ink(x, y) for y in range(y0 + 10, y1 - 10)))
    # The shape's left edge: its first run of ink rows there (for each
    # shape inside the capitals' rows); `c` its middle row.
    col = [y for y in range(y0 + 2, y1 - 1) if any(ink(x, y) for x in range(left, left + 3))]
    r1 = col[0]
    while r1 + 1 in col:
        r1 += 1
    c = (col[0] + r1) // 2
    def blob(x, y):
        """The ink connected to (x, y): its bounding box."""
        seen, todo = {(x, y)}, [(x, y)]
        while todo:
            px_, py_ = todo.pop()
            for nx, ny in ((px_ + dx, py_ + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                if x0 <= nx <= x1 and y0 <= ny <= y1 and (nx, ny) not in seen and ink(nx, ny):
                    seen.add((nx, ny))
                    todo.append((nx, ny))
        xs_ = [p[0] for p in seen]; ys_ = [p[1] for p in seen]
        return min(xs_), max(xs_), min(ys_), max(ys_)

    # The shape (two bars when paused), then the first letter: the
    # leftmost ink right of the shape, in the shape's rows.
    sx0, sx1, sy0, sy1 = blob(left, c)
    for _ in range(2 if look == "paused" else 1):
        seed = min(((x, y) for y in range(sy0, sy1 + 1) for x in range(sx1 + 1, x1) if ink(x, y)), default=None)
        if seed is None:
            return None
        if look == "paused" and _ == 0:
            sx0, sx1, sy0, sy1 = blob(*seed)
            continue
        lx0, lx1, ly0, ly1 = blob(*seed)
    return look, ly1 - ly0 + 1


if __name__ == "__main__":
    root = sys.argv[1]
    for d in sorted(os.listdir(root)):
        if not os.path.isdir(os.path.join(root, d)):
            continue
        size, text, theme = d.split("-", 2)
        for f in sorted(os.listdir(os.path.join(root, d))):
            if "session" not in f:
                continue
            try:
                r = measure(os.path.join(root, d, f), theme)
            except (StopIteration, IndexError, ValueError) as e:
                r = f"not measured: {type(e).__name__}"
            print(f"{size:8} {text:4} {theme:14} {f:34} {r}")
