#!/usr/bin/env python3
"""Hunts faults in the real binary and prints a table: mutated routine files,
special files (named on the command line, and as the data folder's log and
settings), a log with its records twice, and sessions killed with SIGKILL in
a real window.

    scripts/fault-hunt.py [--bin target/debug/neckguide] [--mutations 3000] [--kills 30]

Every run is in a temp folder (a private data folder per run: the real one is
never touched). A panic is exit status 101 or "panicked" on stderr; a hang is
a run past its deadline (then killed). The kill test needs Xvfb and xdotool
(scripts/install-deps.sh test).
"""

import argparse
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
    display = ":93"
    os.environ["DISPLAY"] = display  # for xdotool too
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-noreset"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    data = work / "data-kill"
    data.mkdir()
    (data / "settings.json").write_text('{"sound": false}')
    env = dict(os.environ, DISPLAY=display, NECKGUIDE_DATA_DIR=str(data))
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
