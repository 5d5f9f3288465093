#!/usr/bin/env bash
# Measures the contrast of the session screen's text, pain button, focus ring
# and progress bar, the check-in's selected answer, the check-out's note field
# (placeholder, edge) and the History's calendar marks on the real window's
# pixels, and the size of a notice's Dismiss and Settings' check boxes, in
# the light, dark and high-contrast themes (scripts/contrast.py), and keeps
# the screenshots in DIR (default target/contrast). Needs what
# `scripts/install-deps.sh test` installs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/contrast}
cargo build --quiet
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1024x768x24 -noreset >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display HOME=$(mktemp -d) dbus-run-session -- bash -c \
  "source tests/atspi/atspi_env.sh; /usr/bin/python3 scripts/contrast.py $PWD/target/debug/neckguide $out" \
  2> >(grep -v -e 'dbus-daemon' -e 'SpiRegistry' >&2)
