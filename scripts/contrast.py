#!/usr/bin/python3
"""Measures contrast on the real window's pixels, per theme.

Run by scripts/contrast.sh (Xvfb, a private D-Bus with the AT-SPI bus on).
For each theme it starts neckguide, goes through the check-in to the first
hold by pressing buttons found by name (AT-SPI), gives the pain button the
keyboard focus, takes a screenshot (ImageMagick `import`), and reads the
places of the widgets from AT-SPI. In each place it takes the most common
colour as the background and the most common clearly different colour as
the foreground, and prints their WCAG contrast ratio:

  theme  what  foreground  background  ratio  needs

Usage: contrast.py APP OUTDIR
"""

import collections
import json
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "atspi"))
from neckguide_atspi import CHECK_IN, by_name, extents, find, frame  # noqa: E402

APP, OUT = sys.argv[1], sys.argv[2]
PAIN_BUTTON = "My pain is worse — stop"
THEMES = ["light", "dark", "high_contrast"]
CHECK_IN = ["Start session", *CHECK_IN, "Continue"]


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pixels(png, box):
    """The pixels of `box` (x, y, w, h) in the screenshot, as RGB tuples."""
    x, y, w, h = box
    raw = subprocess.run(
        ["convert", png, "-crop", f"{w}x{h}+{x}+{y}", "+repage", "-depth", "8", "rgb:-"],
        capture_output=True, check=True,
    ).stdout
    return [tuple(raw[i : i + 3]) for i in range(0, len(raw) - 2, 3)]


def colours(px, background=None):
    """The background (most common colour, or the one given) and the
    foreground: the most common colour at least 1.5:1 from it."""
    counts = collections.Counter(px)
    bg = background or counts.most_common(1)[0][0]
    for colour, _ in counts.most_common():
        if contrast(colour, bg) >= 1.5:
            return colour, bg
    return None, bg


def hexa(rgb):
    return "#%02x%02x%02x" % rgb if rgb else "-"


def wait_for(fn, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = fn()
        if found is not None:
            return found
        time.sleep(0.2)
    raise TimeoutError(fn)


def measure(theme):
    data = tempfile.mkdtemp()
    with open(os.path.join(data, "settings.json"), "w") as f:
        json.dump({"sound": False, "theme": theme}, f)
    app = subprocess.Popen(
        [APP, "--data-dir", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        win = wait_for(frame)
        for name in CHECK_IN:
            button = wait_for(lambda: by_name(frame(), name))
            button.queryAction().doAction(0)
            time.sleep(0.3)
        win = frame()
        # The first hold has begun (15 s of position were skipped).
        wait_for(lambda: find(win, lambda a: (a.name or "").startswith("Hold: ")), 10)
        pain = by_name(win, PAIN_BUTTON)
        # Tab to the pain button, as a keyboard user does.
        for _ in range(12):
            if pain.getState().contains(pyatspi.STATE_FOCUSED):
                break
            subprocess.run(["xdotool", "search", "--name", "^neckguide", "windowfocus", "--sync",
                            "key", "Tab"], check=True, timeout=10)
            time.sleep(0.3)
        else:
            raise RuntimeError("Tab never reached the pain button")
        time.sleep(0.8)
        png = os.path.join(OUT, f"session-{theme}.png")
        subprocess.run(["import", "-window", "root", png], check=True)
        page = colours(pixels(png, (0, 0, 1024, 768)))[1]
        rows = []

        def text(what, acc, needs, large=False):
            if acc is None:
                rows.append((what, None, None, None, needs))
                return
            fg, bg = colours(pixels(png, extents(acc)))
            rows.append((what, fg, bg, contrast(fg, bg) if fg else None, needs))

        x, y, w, h = extents(pain)
        fg, fill = colours(pixels(png, (x + 8, y + 8, w - 16, h - 16)))
        rows.append(("pain button text", fg, fill, contrast(fg, fill), 4.5))
        rows.append(("pain button against the page", fill, page, contrast(fill, page), 3.0))
        # The focus ring: the band just outside the button.
        band = pixels(png, (x - 4, y - 4, w + 8, 3)) + pixels(png, (x - 4, y + h + 1, w + 8, 3))
        ring = collections.Counter(c for c in band if contrast(c, page) >= 1.5).most_common(1)
        ring = ring[0][0] if ring else None
        rows.append(("focus ring against the page", ring, page, contrast(ring, page) if ring else None, 3.0))
        rows.append(("focus ring against the button", ring, fill, contrast(ring, fill) if ring else None, 3.0))
        text("exercise name", find(win, lambda a: a.getRoleName() == "heading"), 3.0, True)
        text("phase", by_name(win, "Hold"), 3.0, True)
        text("where in the routine", find(win, lambda a: " · exercise 1 of " in (a.name or "")), 4.5)
        text("position", by_name(win, "Lying on your back"), 4.5)
        text("first step", find(win, lambda a: (a.name or "").startswith("1. ")), 4.5)
        text("countdown", find(win, lambda a: "seconds left" in (a.name or "")), 3.0, True)
        bar = find(win, lambda a: a.getRoleName() == "progress bar")
        bx, by, bw, bh = extents(bar)
        track = colours(pixels(png, (bx + bw - 12, by + bh // 2 - 2, 8, 4)))[1]
        filled = colours(pixels(png, (bx + 4, by + bh // 2 - 2, 8, 4)))[1]
        rows.append(("progress fill against its track", filled, track, contrast(filled, track), 3.0))
        # The outline drawn around the bar shows its whole length.
        edge = collections.Counter(pixels(png, (bx + bw // 2 - 20, by - 2, 40, 2))).most_common(1)[0][0]
        rows.append(("progress outline against the page", edge, page, contrast(edge, page), 3.0))
        text("caution text", find(win, lambda a: (a.name or "").startswith("Stop this")), 4.5)
        text("not medical advice", find(win, lambda a: "not medical advice" in (a.name or "").lower()), 4.5)
        return rows
    finally:
        app.terminate()
        app.wait(10)


def main():
    os.makedirs(OUT, exist_ok=True)
    failed = False
    print(f"{'theme':14} {'what':34} {'fg':8} {'bg':8} {'ratio':>6} needs")
    for theme in THEMES:
        for what, fg, bg, ratio, needs in measure(theme):
            ok = ratio is not None and ratio >= needs
            failed |= not ok
            shown = f"{ratio:6.2f}" if ratio is not None else "     -"
            print(f"{theme:14} {what:34} {hexa(fg):8} {hexa(bg):8} {shown} {needs}{'' if ok else '  FAIL'}")
    sys.exit(1 if failed else 0)


main()
