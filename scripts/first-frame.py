#!/usr/bin/env python3
"""Time from starting neckguide's window to its first frame, and to the
frame that took the log in, in milliseconds (one run).

Usage: scripts/first-frame.py APP DATA_DIR   (DISPLAY must name an X server)
It runs APP with each frame logged (RUST_LOG=neckguide::ui=trace) and
times the lines as they come on its stderr; the app is stopped after. A
build that reads the log before its first frame logs no "the log was read":
then both times are the first frame's.
Prints: FIRST_FRAME_MS LOG_IN_MS"""
import os
import re
import select
import subprocess
import sys
import time

TIMEOUT = 60.0
# After the first frame, how long to wait for the line saying the log was
# read before taking it that the log was read before the first frame.
QUIET = 5.0
FRAME = re.compile(r"\] frame \d+( |$)")


def main():
    app, data_dir = sys.argv[1], sys.argv[2]
    env = dict(os.environ, NECKGUIDE_DATA_DIR=data_dir,
               RUST_LOG="neckguide::ui=trace,neckguide::app=debug")
    start = time.monotonic()
    proc = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    first = read = log_in = frame = None
    seen, pending = [], b""
    try:
        while log_in is None:
            waited = time.monotonic() - start
            if waited > TIMEOUT or (first is not None and read is None
                                    and waited * 1000 - first > QUIET * 1000):
                break
            ready, _, _ = select.select([proc.stderr], [], [], 0.1)
            if not ready:
                continue
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            now = (time.monotonic() - start) * 1000
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                line = raw.decode(errors="replace").rstrip()
                seen.append(line)
                if "the log was read" in line:
                    # Taken in by the frame that logged itself last.
                    read = log_in = frame
                elif FRAME.search(line):
                    frame = now
                    if first is None:
                        first = now
    finally:
        proc.kill()
        proc.wait()
    if first is None:
        sys.exit("first-frame: no frame logged:\n" + "\n".join(seen[-20:]))
    if read is None:
        log_in = first
    if log_in is None:
        sys.exit("first-frame: no frame after the log was read:\n" + "\n".join(seen[-20:]))
    print(f"{first:.0f} {log_in:.0f}")


main()
