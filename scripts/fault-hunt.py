#!/usr/bin/env python3
"""Hunts faults in the real binary and prints a table: mutated routine files,
special files (named on the command line, and as the data folder's log and
settings), a log with its records twice, characters that hide text, numbers
in other spellings and pictures that cannot be used (each must be refused at
its place), sessions killed with SIGKILL in a real window, and routines whose
SVG picture names hostile things (a named pipe, /dev/zero, ...) shown in a
real window, where P must still stop the session.

    scripts/fault-hunt.py [--bin target/debug/neckguide] [--mutations 3000] [--kills 30] [--no-pictures]

Every run is in a temp folder (a private data folder per run: the real one is
never touched). A panic is exit status 101 or "panicked" on stderr; a hang is
a run past its deadline (then killed). The kill and picture tests need Xvfb and
xdotool (scripts/install-deps.sh test).
"""

import argparse
import base64
import gzip
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 10.0


def run(binary, args, data, timeout=DEADLINE, with_stdout=False):
    """Runs the binary; returns (status or None for a hang, stderr (and
    stdout after it, when asked))."""
    env = dict(os.environ, NECKGUIDE_DATA_DIR=str(data))
    env.pop("RUST_LOG", None)
    try:
        out = subprocess.run([binary, *args], env=env, capture_output=True, timeout=timeout)
        said = out.stderr + (out.stdout if with_stdout else b"")
        return out.returncode, said.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, ""


def panicked(status, stderr):
    return status == 101 or "panicked" in stderr


MUTATORS = []


def mutator(f):
    MUTATORS.append(f)
    return f


@mutator
def flip_byte(b, r):
    if not b:
        return b
    i = r.randrange(len(b))
    return b[:i] + bytes([b[i] ^ (1 << r.randrange(8))]) + b[i + 1:]


@mutator
def cut(b, r):
    i = r.randrange(len(b) + 1)
    return b[:i]


@mutator
def drop_span(b, r):
    i = r.randrange(len(b) + 1)
    return b[:i] + b[i + r.randrange(1, 40):]


@mutator
def insert_control(b, r):
    i = r.randrange(len(b) + 1)
    junk = r.choice([b"\x1b[2J", b"\x00", b"\u202e".decode("unicode_escape").encode(), b"\xff\xfe", b"\n", b"\\u0007"])
    return b[:i] + junk + b[i:]


@mutator
def swap_value(b, r):
    try:
        doc = json.loads(b)
    except (ValueError, RecursionError):
        return flip_byte(b, r)
    values = [10**30, -1, 0, 1.5, "", "x" * 5000, None, [], {}, True, "\u202eevil", 2**63]

    def walk(node):
        if isinstance(node, dict) and node:
            key = r.choice(list(node))
            if r.random() < 0.5:
                node[key] = r.choice(values)
            else:
                walk(node[key])
        elif isinstance(node, list) and node:
            i = r.randrange(len(node))
            if r.random() < 0.5:
                node[i] = r.choice(values)
            else:
                walk(node[i])

    walk(doc)
    return json.dumps(doc).encode()


@mutator
def deep_nesting(b, r):
    n = r.choice([100, 1000, 100000])
    return b"[" * n + b"]" * n


def mutations(binary, count, work):
    seeds = sorted((ROOT / "exercises").rglob("*.json"))
    seeds = [p for p in seeds if "schema" not in p.parts]
    r = random.Random(20261125)
    data = work / "data-mut"
    panics = hangs = 0
    for n in range(count):
        seed = r.choice(seeds).read_bytes()
        b = seed
        for _ in range(r.randrange(1, 4)):
            b = r.choice(MUTATORS)(b, r)
        f = work / f"m{n % 50}.json"
        f.write_bytes(b)
        for args in (["check", str(f)], ["plan", str(f)]):
            status, stderr = run(binary, args, data)
            if status is None:
                hangs += 1
                (work / f"hang-{n}.json").write_bytes(b)
            elif panicked(status, stderr):
                panics += 1
                (work / f"panic-{n}.json").write_bytes(b)
    return panics, hangs


def special_files(binary, work):
    sp = work / "special"
    sp.mkdir()
    os.mkfifo(sp / "fifo.json")
    (sp / "dir.json").mkdir()
    os.symlink(sp / "loop.json", sp / "loop.json")
    os.symlink("/dev/zero", sp / "zero.json")
    os.symlink("/dev/null", sp / "null.json")
    os.symlink("/dev/urandom", sp / "random.json")
    os.symlink(sp / "missing", sp / "dangling.json")
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sp / "socket.json"))
    with open(sp / "sparse.json", "wb") as f:
        f.truncate(3 * 1024**3)
    (sp / "empty.json").write_bytes(b"")
    (sp / "bom.json").write_bytes(b"\xef\xbb\xbf{}")
    noread = sp / "noread.json"
    noread.write_text("{}")
    noread.chmod(0)
    files = sorted(sp.iterdir())
    panics = hangs = runs = 0
    failed = []
    for f in files:
        for args in (["check", str(f)], ["plan", str(f)], ["export", "--csv", str(f)], ["report", str(f)]):
            runs += 1
            status, stderr = run(binary, args, work / "data-special")
            if status is None:
                hangs += 1
                failed.append(f"hang: {' '.join(args)}")
            elif panicked(status, stderr):
                panics += 1
                failed.append(f"panic: {' '.join(args)}")
    s.close()
    return runs, panics, hangs, failed


# One character of each kind that hides or reorders text (Unicode's Cc,
# Cf, Zl, Zp, Default_Ignorable_Code_Point and Bidi_Control), issue 24 item 9.
HIDDEN_CLASSES = [
    ("C0 control", "\x1b"),
    ("C1 control", "\x85"),
    ("bidi: Arabic letter mark", "\u061c"),
    ("bidi: right-to-left mark", "\u200f"),
    ("bidi: override", "\u202e"),
    ("bidi: isolate", "\u2067"),
    ("zero width space", "\u200b"),
    ("word joiner", "\u2060"),
    ("invisible operator", "\u2064"),
    ("soft hyphen", "\u00ad"),
    ("combining grapheme joiner", "\u034f"),
    ("Hangul filler", "\u115f"),
    ("Hangul filler (compat.)", "\u3164"),
    ("Mongolian vowel separator", "\u180e"),
    ("variation selector", "\ufe0f"),
    ("variation selector (supp.)", "\U000e0100"),
    ("tag", "\U000e0041"),
    ("cancel tag", "\U000e007f"),
    ("line separator", "\u2028"),
    ("paragraph separator", "\u2029"),
    ("annotation anchor", "\ufff9"),
    ("byte order mark", "\ufeff"),
]

# Whole numbers in other spellings and numbers past i64 (issue 24 item 8),
# as hold_seconds (1-120): each with what must not be said.
NUMBER_FORMS = ["5e0", "1e2", "1E+2", "-0", "5.0", "-0.0", str(2**63), str(2**64 - 1), "1e40", "-1e40"]


def text_routine(name="Own", step="Tuck your chin.", ex_id="chin-tuck-own", hold="5"):
    """A routine with one own exercise; line 4 holds the name, line 6 the
    exercise id, line 7 the step, line 8 the hold."""
    q = lambda t: json.dumps(t, ensure_ascii=False)
    return (
        '{\n  "id": "own", "times_per_day": 1,\n'
        f'  "name":\n  {q(name)},\n'
        '  "items": [{"exercise": {\n'
        f'    "id": {q(ex_id)}, "name": "Chin tuck", "position": "sitting",\n'
        f'    "steps": [{q(step)}],\n'
        f'    "dose": {{"kind": "holds", "repetitions": 3, "hold_seconds": {hold}}}}}}}]\n}}\n'
    ).encode()


def refused_at(binary, f, data, line, must_say, must_not_say=(), raw=None):
    """Whether `check` and `plan` both refuse `f` with one problem at
    `line`, saying `must_say`, none of `must_not_say`, and never `raw`."""
    verdicts = []
    for command in ("check", "plan"):
        status, stderr = run(binary, [command, str(f)], data)
        if status is None:
            return "HANG"
        if panicked(status, stderr):
            return "PANIC"
        text = stderr.replace(str(f), "r.json")
        ok = (status == 1 and text.startswith(f"r.json:{line}:") and must_say in text
              and not any(w in text for w in must_not_say)
              and (raw is None or raw not in stderr))
        verdicts.append(ok)
    return "refused" if all(verdicts) else "WRONG"


def text_cases(binary, work):
    d = work / "text"
    d.mkdir()
    data = work / "data-text"
    rows = []
    for label, c in HIDDEN_CLASSES:
        code = f"U+{ord(c):04X}"
        f = d / "r.json"
        cells = []
        f.write_bytes(text_routine(name=f"My{c}routine"))
        cells.append(refused_at(binary, f, data, 4, code, raw=c))
        f.write_bytes(text_routine(step=f"Tuck your{c} chin."))
        cells.append(refused_at(binary, f, data, 7, code, raw=c))
        f.write_bytes(text_routine(ex_id=f"chin{c}tuck"))
        cells.append(refused_at(binary, f, data, 6, f"\\u{{{ord(c):x}}}", raw=c))
        rows.append((f"{label} {code}", cells))
    numbers = []
    for form in NUMBER_FORMS:
        f = d / "n.json"
        f.write_bytes(text_routine(hold=form))
        big = abs(float(form)) >= 2**63
        say = "far too" if big else "write this number as"
        numbers.append((form, refused_at(binary, f, data, 8, say, ("expected i64", "column 0", "(file)"))))
    # A problem at the end of a line is on that line.
    lines = []
    f = d / "e.json"
    f.write_bytes(text_routine(name="My\nroutine").replace(b"My\\n", b"My\n"))
    lines.append(("line break inside quotes, end of line 4", refused_at(binary, f, data, 4, "line break")))
    f.write_bytes(text_routine()[: text_routine().index(b'  "items"')])
    lines.append(("file cut after the line break of line 4", refused_at(binary, f, data, 4, "ends too early")))
    return rows, numbers, lines


def picture_cases(binary, work):
    """Each picture the import refuses: `check` and `plan` refuse it too, at
    the picture's line (issue 24 item 5)."""
    d = work / "pictures"
    d.mkdir()
    other = d / "elsewhere"
    other.mkdir()
    (other / "pic.png").write_text("someone else's")
    data = work / "data-pictures"

    def big(folder):
        with open(folder / "pic.png", "wb") as p:
            p.truncate(16 * 1024 * 1024 + 1)

    cases = [
        ("missing", "pic.png", lambda folder: None, "was not found"),
        ("symlink to /etc/passwd", "pic.png", lambda folder: os.symlink("/etc/passwd", folder / "pic.png"), "symbolic link"),
        ("over 16 MiB", "pic.png", big, "larger than"),
        ("in a linked folder", "img/pic.png", lambda folder: os.symlink(other, folder / "img"), "symbolic link to another folder"),
        ("a named pipe", "pic.png", lambda folder: os.mkfifo(folder / "pic.png"), "named pipe"),
        ("missing built-in assets/...", "assets/exercises/nope.svg", lambda folder: None, "no built-in picture"),
    ]
    rows = []
    for n, (label, image, make, say) in enumerate(cases):
        folder = d / f"case{n}"
        folder.mkdir()
        make(folder)
        text = text_routine().replace(b'"steps"', f'"image": "{image}",\n    "steps"'.encode())
        (folder / "r.json").write_bytes(text)
        rows.append((label, refused_at(binary, folder / "r.json", data, 7, say)))
    return rows


def make_special(path, kind, sockets):
    """Makes `path` a special file of `kind`; returns False when it cannot."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero-link":
        os.symlink("/dev/zero", path)
    elif kind == "urandom-link":
        os.symlink("/dev/urandom", path)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        sockets.append(s)
    elif kind == "dangling-link":
        os.symlink(path.parent / "missing", path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "bom":
        text = {"sessions.jsonl": json.dumps(LOG_RECORD), "settings.json": '{"countdown_seconds": 4}'}[path.name]
        path.write_bytes(b"\xef\xbb\xbf" + text.encode() + b"\n")
    else:
        return False
    return True


LOG_RECORD = {
    "v": 1, "id": "s1", "started_at": "2026-11-21T09:00:00+01:00",
    "ended_at": "2026-11-21T09:10:00+01:00",
    "routine": {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": 3},
    "outcome": "completed", "pain_before": 3, "pain_after": 2,
}
DATA_KINDS = ["fifo", "zero-link", "urandom-link", "socket", "dangling-link", "folder", "bom"]


def data_special_files(binary, work):
    """The log and the settings as special files: every command that reads
    them, each must end in time without a panic, and (but for the BOM) say
    what the file is. Returns table rows."""
    routine = str(ROOT / "exercises/routines/daily-neck-routine.json")
    out = work / "out"
    out.mkdir(exist_ok=True)
    commands = {
        "sessions.jsonl": [["history"], ["history", "--json"], ["export", "--csv", str(out / "e.csv"), "--force"],
                           ["report", str(out / "r.html"), "--force"], ["doses", routine]],
        "settings.json": [["plan", routine], ["remind", "--next"]],
    }
    rows = []
    sockets = []
    for name, runs in commands.items():
        for kind in DATA_KINDS:
            data = work / f"data-{name}-{kind}"
            data.mkdir()
            make_special(data / name, kind, sockets)
            for args in runs:
                t = time.time()
                status, stderr = run(binary, args, data, with_stdout=True)
                took = time.time() - t
                if status is None:
                    verdict = "HANG"
                elif panicked(status, stderr):
                    verdict = "PANIC"
                elif kind == "bom":
                    verdict = "ok" if status == 0 and not any(w in stderr for w in ("could not be read", "damaged")) else f"exit {status}: {stderr.strip()[:60]}"
                elif kind == "dangling-link" and "does not exist" in stderr:
                    verdict = f"named (exit {status})"
                elif " not a file" in stderr:
                    verdict = f"named (exit {status})"
                else:
                    verdict = f"exit {status}, not named: {stderr.strip()[:40]}"
                rows.append((name, kind, " ".join(args[:1] + [a for a in args[1:] if a.startswith("--")]), verdict, took))
    for s in sockets:
        s.close()
    return rows


def duplicate_ids(binary, work):
    """A log with every record twice and one copy that differs: the figures
    must be those of the records once. Returns (sessions, stopped_for_pain,
    unreadable) of the log once and of the log twice."""
    records = []
    for n in range(20):
        r = dict(LOG_RECORD, id=f"s{n}", started_at=f"2026-11-{n % 20 + 1:02}T09:00:00+01:00",
                 ended_at=f"2026-11-{n % 20 + 1:02}T09:10:00+01:00")
        if n % 7 == 3:
            r["outcome"] = "stopped_for_pain"
        records.append(json.dumps(r))
    changed = json.loads(records[0])
    changed["outcome"] = "stopped_for_pain"
    figures = []
    for label, lines in (("once", records), ("twice", records + records + [json.dumps(changed)])):
        data = work / f"data-dup-{label}"
        data.mkdir()
        (data / "sessions.jsonl").write_text("\n".join(lines) + "\n")
        try:
            out = subprocess.run([binary, "history", "--json", "--today", "2026-11-21"], capture_output=True,
                                 timeout=DEADLINE, env=dict(os.environ, NECKGUIDE_DATA_DIR=str(data)))
            j = json.loads(out.stdout) if out.returncode == 0 else {}
        except subprocess.TimeoutExpired:
            j = {"sessions": "HANG"}
        figures.append((label, j.get("sessions"), j.get("stopped_for_pain"), j.get("adherence_percent_all"), j.get("unreadable_lines")))
    return figures


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True).stdout.strip()


def kills(binary, count, work):
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        return None
    xvfb = start_xvfb(":93")
    data = work / "data-kill"
    data.mkdir()
    (data / "settings.json").write_text('{"sound": false}')
    env = dict(os.environ, NECKGUIDE_DATA_DIR=str(data))
    env.pop("RUST_LOG", None)
    r = random.Random(7)
    started = lost = recovered_wrong = not_started = 0
    try:
        for n in range(count):
            app = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            window = ""
            deadline = time.time() + 60
            while not window and time.time() < deadline and app.poll() is None:
                window = xdotool("search", "--pid", str(app.pid)).split("\n")[0]
                time.sleep(0.2)
            if not window:
                app.kill()
                continue
            time.sleep(1.0)
            before = count_records(data)
            xdotool("windowfocus", "--sync", window)
            for key in ["space", "2", "n", "n", "n", "n", "n", "Return", "Return"]:
                xdotool("key", "--window", window, key)
                time.sleep(0.25)
            time.sleep(r.uniform(2, 25))
            # Only a session that really started counts (its checkpoint is
            # written at its first cue); keys lost on a loaded machine are
            # not a lost session.
            running = (data / "current-session.json").exists()
            app.send_signal(signal.SIGKILL)
            app.wait()
            if not running:
                not_started += 1
                continue
            started += 1
            # The next start turns the checkpoint into a record: wait until
            # it is gone (its window may show before the app has opened the
            # log), then end that start too.
            check = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 60
            while time.time() < deadline and check.poll() is None:
                if not (data / "current-session.json").exists():
                    break
                time.sleep(0.2)
            time.sleep(0.5)
            check.send_signal(signal.SIGKILL)
            check.wait()
            after = count_records(data)
            if after != before + 1:
                lost += 1
            elif last_outcome(data) not in ("interrupted", "completed"):
                recovered_wrong += 1
    finally:
        xvfb.terminate()
        xvfb.wait()
    return started, lost, recovered_wrong, not_started

def start_xvfb(display):
    os.environ["DISPLAY"] = display  # for xdotool too
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-noreset"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    return xvfb


def proc_figures(pid):
    """(peak resident memory in MiB, bytes the process has read) of a live process."""
    peak = read = None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("rchar:"):
                read = int(line.split()[1])
    except OSError:
        pass
    return peak, read


def svg_naming(href, extra=""):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="400" height="300"><rect width="400" height="300" fill="#3070b0"/>{extra}'
            f'<image x="0" y="0" width="400" height="300" href="{href}"/></svg>').encode()


def hostile_svgs(folder):
    """The pictures: name -> the SVG file's bytes."""
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    inner = folder / "inner.svg"
    inner.write_bytes(svg_naming(str(fifo)))
    embedded_pipe = base64.b64encode(svg_naming(str(fifo))).decode()
    # 12 MiB of SVG inside the picture (the picture itself may be 16 MiB).
    padding = b"<!--" + b"x" * (9 * 1024 * 1024) + b"-->"
    huge = base64.b64encode(svg_naming("", padding.decode())).decode()
    # A compressed SVG (usvg unpacks one whole, whatever it grows to).
    bomb = gzip.compress(b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * (64 * 1024 * 1024), 9)
    return {
        "href to a named pipe": svg_naming(str(fifo)),
        "href /dev/zero": svg_naming("/dev/zero"),
        "href /etc/passwd": svg_naming("/etc/passwd"),
        "href file:///dev/zero": svg_naming("file:///dev/zero"),
        "href file:///etc/passwd": svg_naming("file:///etc/passwd"),
        "href to an SVG naming the pipe": svg_naming(str(inner)),
        "data: SVG naming the pipe": svg_naming(f"data:image/svg+xml;base64,{embedded_pipe}"),
        "huge data: URI (12 MiB)": svg_naming(f"data:image/svg+xml;base64,{huge}"),
        f"svgz: {len(bomb) // 1024} KiB unpacking to 64 MiB": bomb,
    }


ROUTINE = """{ "id": "hostile", "name": "Hostile picture", "times_per_day": 1,
  "items": [ { "exercise": { "id": "still-hold", "name": "Still hold", "position": "sitting",
    "image": "picture.svg", "steps": ["Hold still."],
    "dose": { "kind": "holds", "hold_seconds": 20, "repetitions": 2, "rest_seconds": 5 } } } ] }"""


def hostile_pictures(binary, work):
    """Each hostile picture: `check` and `plan` of its routine, then a session
    in a real window on it: 3 s in, P, pain 6, Enter, Enter. Returns rows."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        return None
    xvfb = start_xvfb(":94")
    rows = []
    try:
        base = work / "hostile-pictures"
        base.mkdir()
        for n, (name, svg) in enumerate(hostile_svgs(base).items()):
            folder = base / f"case{n}"
            folder.mkdir()
            (folder / "picture.svg").write_bytes(svg)
            routine = folder / "hostile.json"
            routine.write_text(ROUTINE)
            data = folder / "data"
            data.mkdir()
            (data / "settings.json").write_text('{"sound": false}')
            cli = []
            for cmd in ("check", "plan"):
                t = time.time()
                status, stderr = run(binary, [cmd, str(routine)], data)
                took = time.time() - t
                cli.append("hang" if status is None else
                           "panic" if panicked(status, stderr) else f"{status} ({took:.1f} s)")
            env = dict(os.environ, NECKGUIDE_DATA_DIR=str(data))
            env.pop("RUST_LOG", None)
            said = folder / "stderr.txt"
            with open(said, "wb") as stderr_file:
                app = subprocess.Popen([binary, "--routine", str(routine)], env=env,
                                       stdout=subprocess.DEVNULL, stderr=stderr_file)
            window = ""
            deadline = time.time() + 60
            while not window and time.time() < deadline and app.poll() is None:
                window = xdotool("search", "--pid", str(app.pid)).split("\n")[0]
                time.sleep(0.2)
            outcome, stop_s, peak, read = "no window", None, None, None
            if window:
                time.sleep(1.0)
                xdotool("windowfocus", "--sync", window)
                for key in ["space", "2", "n", "n", "n", "n", "n", "Return", "Return"]:
                    xdotool("key", "--window", window, key)
                    time.sleep(0.25)
                time.sleep(3)
                if not (data / "current-session.json").exists():
                    outcome = "no session"
                else:
                    pressed = time.time()
                    for key in ["p", "6", "Return", "Return"]:
                        xdotool("key", "--window", window, key)
                        time.sleep(0.3)
                    while time.time() < pressed + 10 and not session_records(data):
                        time.sleep(0.1)
                    records = session_records(data)
                    if records:
                        outcome = records[-1].get("outcome")
                        stop_s = time.time() - pressed
                    else:
                        outcome = "no record in 10 s"
                peak, read = proc_figures(app.pid)
            exited = app.poll()
            app.send_signal(signal.SIGKILL)
            app.wait()
            if exited is not None:
                outcome += f" (exited {exited})"
            if panicked(exited, said.read_text("utf-8", "replace")):
                outcome += " (panicked)"
            rows.append((name, cli[0], cli[1], outcome, stop_s, peak, read))
    finally:
        xvfb.terminate()
        xvfb.wait()
    return rows


def print_pictures(rows):
    print("hostile SVG pictures, each in a real window (P 3 s into the session):")
    head = ("picture", "check", "plan", "record after P", "P to record", "peak RSS", "read")
    table = [head]
    for name, check, plan, outcome, stop_s, peak, read in rows:
        table.append((name, check, plan, str(outcome),
                      "-" if stop_s is None else f"{stop_s:.1f} s",
                      "-" if peak is None else f"{peak:.0f} MiB",
                      "-" if read is None else f"{read / 1024**2:.1f} MiB"))
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print("  " + " | ".join(c.ljust(w) for c, w in zip(r, widths)))
        if i == 0:
            print("  " + "-+-".join("-" * w for w in widths))
    print("  (P to record: from P to the record on disk, with the 1.2 s taken to press P, 6,")
    print("  Enter, Enter; peak RSS: the app's VmHWM; read: all it read (rchar), libraries too)")


def session_records(data):
    """The session lines of the log (a line without `kind` is a version-1
    session); daily-check and clearance lines are not sessions."""
    p = data / "sessions.jsonl"
    if not p.exists():
        return []
    records = []
    for line in p.read_text().splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("kind", "session") == "session":
            records.append(record)
    return records


def count_records(data):
    return len(session_records(data))


def last_outcome(data):
    records = session_records(data)
    return records[-1].get("outcome") if records else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/debug/neckguide"))
    ap.add_argument("--mutations", type=int, default=3000)
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--no-pictures", action="store_true", help="skip the hostile pictures")
    ap.add_argument("--only-data", action="store_true",
                    help="only the data folder's special files and duplicate ids (no mutations, no kills)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if a.only_data:
            a.mutations = 0
            a.kills = 0
        t = time.time()
        mp, mh = mutations(a.bin, a.mutations, work)
        print(f"mutated routine files: {a.mutations} files x (check, plan): {mp} panics, {mh} hangs ({time.time() - t:.0f} s)")
        runs, sp, sh, failed = special_files(a.bin, work)
        print(f"special files: {runs} runs: {sp} panics, {sh} hangs")
        for f in failed:
            print("  " + f)
        if not a.only_data:
            rows, numbers, lines = text_cases(a.bin, work)
            print("characters that hide or reorder text (check and plan refuse, at the line, by code point, never raw):")
            print(f"  {'class':<40} {'name':<8} {'step':<8} {'id':<8}")
            for label, cells in rows:
                print(f"  {label:<40} " + " ".join(f"{c:<8}" for c in cells))
            print("numbers as hold_seconds (check and plan refuse, at the line, in true words):")
            for form, verdict in numbers:
                print(f"  {form:<40} {verdict}")
            print("places:")
            for label, verdict in lines:
                print(f"  {label:<40} {verdict}")
            print("pictures (check and plan refuse, at the picture's line):")
            for label, verdict in picture_cases(a.bin, work):
                print(f"  {label:<40} {verdict}")
        rows = data_special_files(a.bin, work)
        print("the data folder's log and settings as special files:")
        print(f"  {'file':15} {'kind':14} {'command':21} {'result':22} time")
        for name, kind, cmd, verdict, took in rows:
            print(f"  {name:15} {kind:14} {cmd:21} {verdict:22} {took:.2f} s")
        bad = [r for r in rows if r[3] in ("HANG", "PANIC") or "not named" in r[3] or r[3].startswith("exit")]
        print(f"  {len(rows)} runs: {sum(r[3] == 'HANG' for r in rows)} hangs, {sum(r[3] == 'PANIC' for r in rows)} panics, {len(bad)} not as expected")
        print("a log with its records twice (history --json): label, sessions, stopped for pain, adherence, unreadable lines")
        for f in duplicate_ids(a.bin, work):
            print("  " + ", ".join(str(x) for x in f))
        k = kills(a.bin, a.kills, work) if a.kills else None
        if not a.kills:
            print("kills: not asked for")
        elif k is None:
            print("kills: skipped (needs Xvfb and xdotool)")
        else:
            started, lost, wrong, not_started = k
            print(f"SIGKILL during a session in a real window: {started} sessions, {lost} lost, {wrong} recorded with a wrong outcome ({not_started} tries where the keys did not start a session)")
        if not a.no_pictures and not a.only_data:
            rows = hostile_pictures(a.bin, work)
            if rows is None:
                print("hostile pictures: skipped (needs Xvfb and xdotool)")
            else:
                print_pictures(rows)
        saved = [p.name for p in work.glob("panic-*")] + [p.name for p in work.glob("hang-*")]
        if saved:
            keep = ROOT / "target" / "fault-hunt"
            keep.mkdir(parents=True, exist_ok=True)
            for name in saved:
                shutil.copy(work / name, keep / name)
            print(f"inputs that failed are kept in {keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
