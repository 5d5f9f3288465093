#!/usr/bin/python3
"""Measures contrast on the real window's pixels, per theme.

Run by scripts/contrast.sh (Xvfb, a private D-Bus with the AT-SPI bus on).
For each theme it starts neckguide, goes through the check-in to the first
hold by pressing buttons found by name (AT-SPI), gives the pain button the
keyboard focus, takes a screenshot (ImageMagick `import`), and reads the
places of the widgets from AT-SPI. Before starting it measures the check-in's
selected answer; after the hold it ends the session and measures the
check-out's note field (placeholder, edge), the History's calendar marks
(from their legend) and the sizes of a notice's Dismiss and Settings' check
boxes (issue 31). In each place it takes the most common
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
        checkin_rows = []
        for name in CHECK_IN:
            if name == "Start exercises":
                checkin_rows = measure_checkin(theme)
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
        # The phase's band (issue 27): the most common colour where the
        # phase's word is drawn, against the page.
        phase = by_name(win, "Hold")
        if phase is not None:
            band = colours(pixels(png, extents(phase)))[1]
            rows.append(("phase band against the page", band, page, contrast(band, page), 3.0))
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
        return checkin_rows + rows + after_session(theme)
    finally:
        app.terminate()
        app.wait(10)


def press(name):
    wait_for(lambda: by_name(frame(), name)).queryAction().doAction(0)
    time.sleep(0.5)


def shot(name):
    png = os.path.join(OUT, name)
    time.sleep(0.8)
    subprocess.run(["import", "-window", "root", png], check=True)
    return png


def edge(png, box, page):
    """The colour most unlike the page in a thin band `box` (an edge)."""
    px = pixels(png, box)
    return max(set(px), key=lambda c: (contrast(c, page), px.count(c)))


def measure_checkin(theme):
    """The check-in answered: a selected answer ("No", in a filled box)
    against the page, and its words on it."""
    png = shot(f"checkin-{theme}.png")
    page = colours(pixels(png, (0, 0, 1024, 768)))[1]
    rows = []
    selected = by_name(frame(), "No: Do you have any problems controlling your bladder or bowel?")
    x, y, w, h = extents(selected)
    fg, fill = colours(pixels(png, (x + 3, y + 3, w - 6, h - 6)))
    rows.append(("selected answer against the page", fill, page, contrast(fill, page), 3.0))
    rows.append(("selected answer's words", fg, fill, contrast(fg, fill) if fg else None, 4.5))
    return rows


def after_session(theme):
    """The check-out (the note's placeholder and edge), home after saving
    (the notice's Dismiss as a target), the History's calendar marks and
    Settings' check boxes as targets."""
    rows = []
    press("End session")
    press("Yes, end it")
    png = shot(f"checkout-{theme}.png")
    page = colours(pixels(png, (0, 0, 1024, 768)))[1]
    note = wait_for(lambda: by_name(frame(), "Note for your physical therapist"))
    x, y, w, h = extents(note)
    # Well inside the field's edge, which is not the placeholder.
    fg, bg = colours(pixels(png, (x + 6, y + 6, w - 12, h - 12)))
    rows.append(("placeholder in the note field", fg, bg, contrast(fg, bg) if fg else None, 4.5))
    border = edge(png, (x + 12, y, w - 24, 2), page)
    rows.append(("the note field's edge", border, page, contrast(border, page), 3.0))
    press("Pain 2 of 10")
    press("Save session")
    dismiss = wait_for(lambda: by_name(frame(), "Dismiss"))
    rows.append(target("a notice's Dismiss", dismiss))
    press("History")
    png = shot(f"history-{theme}.png")
    for words in ["all done", "some done", "none done"]:
        label = wait_for(lambda: by_name(frame(), words))
        lx, ly, lw, lh = extents(label)
        # The mark is drawn in the cell left of its words.
        cell = (lx - 30, ly + lh // 2 - 9, 20, 18)
        mark = edge(png, cell, page)
        rows.append((f"calendar mark '{words}'", mark, page, contrast(mark, page), 3.0))
    press("Back to home")
    press("Settings")
    for name in ["Sound cues", "Remind me", "Mon"]:
        box = wait_for(lambda: find(frame(), lambda a: (a.name or "") == name and a.getRoleName() == "check box"))
        rows.append(target(f"check box '{name}'", box))
    return rows


def target(what, acc):
    """A row for a target's size: its smaller side against 24 pixels."""
    _, _, w, h = extents(acc)
    return (f"{what} ({w}x{h} px)", None, None, float(min(w, h)), 24.0)


def main():
    os.makedirs(OUT, exist_ok=True)
    failed = False
    print(f"{'theme':14} {'what':34} {'fg':8} {'bg':8} {'ratio':>6} needs")
    for theme in THEMES:
        for what, fg, bg, ratio, needs in measure(theme):
            ok = ratio is not None and ratio >= needs
            failed |= not ok
            shown = f"{ratio:6.2f}" if ratio is not None else "     -"
            if fg is None and bg is None and ratio is not None:
                print(f"{theme:14} {what:52} {'':17} {ratio:6.0f} {needs:.0f} px{'' if ok else '  FAIL'}")
                continue
            print(f"{theme:14} {what:34} {hexa(fg):8} {hexa(bg):8} {shown} {needs}{'' if ok else '  FAIL'}")
    sys.exit(1 if failed else 0)


main()
