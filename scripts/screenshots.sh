#!/usr/bin/env bash
# Drives the real app through every screen under Xvfb and saves a screenshot
# of each into DIR (default target/screenshots), to look at before calling a
# screen done. Needs: xvfb, xdotool, imagemagick, python3.
#   SIZE=640x480 THEME=high_contrast TEXT=200 scripts/screenshots.sh DIR
# set the window's size (default 1024x768), the theme (system, light, dark,
# high_contrast) and the text size in percent (default 100).
# The AppStream metainfo shows three of them (assets/screenshots/: home is
# 01-home, session is 08-session-hold, history is 03-history). The session's
# phases each have one: 07 get into position, 07b get ready, 08 hold, 08b
# release and rest (with the next exercise), 09b the short pause between
# two exercises, 10b relax between two directions (with the next exercise),
# 12 paused.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}
size=${SIZE:-1024x768}
theme=${THEME:-light}
text=${TEXT:-100}
mkdir -p "$out"
# BIN=path uses a binary built already instead of the release build.
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
fi
app=$(realpath "${BIN:-target/release/neckguide}")
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
# A display of its own (Xvfb picks a free number): other runs may be going.
Xvfb -displayfd 5 -screen 0 ${size}x24 -noreset 5>"$tmp/display" >/dev/null 2>&1 &
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$tmp/display") HOME=$tmp NECKGUIDE_DATA_DIR=$tmp/data
printf 'pcm.!default { type hw card 7 }\n' > "$tmp/.asoundrc"   # no sound card
mkdir -p "$tmp/data"
printf '{"theme": "%s", "text_size_percent": %s}\n' "$theme" "$text" > "$tmp/data/settings.json"
# Four weeks of made-up history, so the History screen has something to show.
python3 - "$tmp/data/sessions.jsonl" <<'PY'
import json, sys, datetime, random
random.seed(4)
today = datetime.date.today()
lines = []
for back in range(27, 0, -1):
    day = today - datetime.timedelta(days=back)
    for n in range(random.choice([0, 1, 2, 3, 3])):
        outcome = "stopped_for_pain" if (back in (3, 9) and n == 0) else "completed"
        start = datetime.datetime(day.year, day.month, day.day, 8 + 4 * n, 0, tzinfo=datetime.timezone.utc)
        pain = max(0, 6 - back // 5 + random.choice([-1, 0, 1]))
        lines.append(json.dumps({
            "v": 1, "id": f"demo-{back}-{n}", "started_at": start.isoformat().replace("+00:00", "+00:00"),
            "ended_at": (start + datetime.timedelta(minutes=5)).isoformat(),
            "routine": {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": 3},
            "outcome": outcome, "pain_before": pain, "pain_after": None if outcome != "completed" else max(0, pain - 1),
            "arm_symptoms": False, "note": "",
            "exercises": [{"id": "seated-retraction", "done": 5 if outcome == "completed" else 1, "prescribed": 5, "skipped": False}],
        }))
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
"$app" >/dev/null 2>&1 &
pid=$!
win=$(xdotool search --sync --pid $pid | head -n1)
xdotool windowsize "$win" "${size%x*}" "${size#*x}"
shot() { sleep "${2:-0.8}"; import -window root "$out/$1.png"; echo "$out/$1.png"; }
key() { xdotool windowfocus --sync "$win" 2>/dev/null || true; for k in "$@"; do xdotool key --window "$win" "$k"; sleep 0.25; done; }
sleep 2
shot 01-home
key F1; shot 02-shortcuts; key Escape
key h; shot 03-history 1.5; key Escape
key s; shot 04-settings; key Escape
# The routine builder (key M on home), started from the first preset with
# the keyboard (Tab past "Back to home" and "Empty routine"), then scrolled
# with the mouse wheel.
key m; shot 17-builder
key Tab Tab Return; shot 18-builder-preset
scroll() { xdotool mousemove --window "$win" $(( ${size%x*} / 2 )) $(( ${size#*x} / 2 )) click --repeat "$1" --delay 40 5; }
scroll 10; shot 19-builder-exercises
scroll 80; shot 20-builder-preview
key Escape
key space 4; key n; key n y; shot 05-checkin-warning
key Escape
key space 3 n s n n n n; shot 06-checkin-ready
# Timed from each key: 3 s get ready, then the first exercise's 5-second
# holds with 5-second rests; the isometrics' 10-second holds.
key Return; shot 07-session-position
key Return; shot 07b-session-get-ready 0.3
sleep 2.9; shot 08-session-hold 0.2
sleep 4.2; shot 08b-session-release 0.3
key n; key Return; shot 09-session-retraction 3.6
key n; shot 09b-session-between 0.5
key Return; shot 10-session-isometric 3.6
sleep 9.6; shot 10b-session-relax 0.3
key n; key Return; shot 11-session-head-lifts 3.6
key space; shot 12-session-paused
key Escape; shot 13-confirm-end
key Return; shot 14-checkout
key 2 Return Return; shot 15-home-after
key space 5 n n; key Return; key Return; sleep 2; key p; shot 16-stopped
kill $pid
