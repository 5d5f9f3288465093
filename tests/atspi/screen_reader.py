#!/usr/bin/python3
"""Uses neckguide as a screen reader user does, through AT-SPI only.

Run inside `dbus-run-session`, after `atspi_env.sh`, with the app started on
a routine whose one exercise is sitting, with 20-second holds. Presses
buttons by name with their AT-SPI action, listens to every announcement, and
writes what it saw to the JSON file named on the command line:

  {"announcements": [{"t": seconds, "politeness": 1|2, "text": "..."}],
   "window_names": ["neckguide — Home", ...],
   "pain_button_inside": true, "steps": [...], "error": null}

The test that runs it (tests/e2e_window.rs) makes the assertions.
"""

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

from neckguide_atspi import CHECK_IN, by_name, extents, frame

OUT = sys.argv[1]
PAIN_BUTTON = sys.argv[2]
T0 = time.monotonic()
seen = {"announcements": [], "window_names": [], "steps": [], "error": None}


def now():
    return round(time.monotonic() - T0, 3)


def on_announcement(event):
    seen["announcements"].append(
        {"t": now(), "politeness": event.detail1, "text": str(event.any_data)}
    )


def note_window(win):
    name = win.name
    if not seen["window_names"] or seen["window_names"][-1] != name:
        seen["window_names"].append(name)


def said(text, politeness=None):
    return [
        a
        for a in seen["announcements"]
        if a["text"] == text and (politeness is None or a["politeness"] == politeness)
    ]


# The steps, in order: each returns True when done (else it is tried again
# at the next tick), or raises to fail the run.
def press(name):
    def step(win):
        button = by_name(win, name)
        if button is None:
            return False
        button.queryAction().doAction(0)
        return True

    step.__name__ = f"press {name!r}"
    return step


def wait_for_announcement(text, after_hold_seconds=0.0):
    def step(_win):
        found = said(text)
        return bool(found) and now() >= found[0]["t"] + after_hold_seconds

    step.__name__ = f"wait for {text!r} + {after_hold_seconds} s"
    return step


def x_window_geometry():
    """The window's place on the screen, from X (AT-SPI gives the frame no
    extents when no window manager runs)."""
    out = subprocess.run(
        ["xdotool", "search", "--name", "^neckguide", "getwindowgeometry", "--shell"],
        capture_output=True, text=True, timeout=10, check=True,
    ).stdout
    g = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return (int(g["X"]), int(g["Y"]), int(g["WIDTH"]), int(g["HEIGHT"]))


def check_pain_button(win):
    button = by_name(win, PAIN_BUTTON)
    if button is None:
        return False
    wx, wy, ww, wh = extents(win)
    if ww <= 0 or wh <= 0:
        wx, wy, ww, wh = x_window_geometry()
    bx, by, bw, bh = extents(button)
    seen["extents"] = {"window": [wx, wy, ww, wh], "pain_button": [bx, by, bw, bh]}
    seen["pain_button_inside"] = (
        bw > 0 and bh > 0 and bx >= wx and by >= wy and bx + bw <= wx + ww and by + bh <= wy + wh
    )
    return True


STEPS = (
    [press("Start session")]
    + [press(name) for name in CHECK_IN]
    + [
        press("Continue"),
        check_pain_button,
        # The whole first hold and the start of the rest after it.
        wait_for_announcement("Release and rest", after_hold_seconds=1.0),
        press(PAIN_BUTTON),
        wait_for_announcement("Session stopped", after_hold_seconds=1.0),
        # Where arm symptoms are now, answered by name.
        press(
            "Further down the arm than before: "
            "Where is any numbness, tingling or weakness in your arm or hand now?"
        ),
        # Home, which saves the stop with the answer.
        press("Back to home"),
        lambda win: (win.name or "").endswith("Home"),
    ]
)
DEADLINE = 120.0


def tick():
    try:
        win = frame()
        if win is not None:
            note_window(win)
            step = STEPS[0]
            if step(win):
                seen["steps"].append({"t": now(), "step": step.__name__})
                STEPS.pop(0)
        if not STEPS or now() > DEADLINE:
            if STEPS:
                seen["error"] = f"timed out at: {STEPS[0].__name__}"
            finish()
            return False
    except Exception as e:  # noqa: BLE001 - every failure goes to the report
        seen["error"] = f"{type(e).__name__}: {e}"
        finish()
        return False
    return True


def finish():
    with open(OUT, "w") as f:
        json.dump(seen, f, indent=1)
    pyatspi.Registry.stop()


pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
GLib.timeout_add(250, tick)
pyatspi.Registry.start()
