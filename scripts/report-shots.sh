#!/usr/bin/env bash
# Writes the therapist report for 1, 30 and 400 days of made-up history
# (scripts/make-log.py: the lines as the app writes them, with pain stops
# and their clearances, morning answers, arm symptoms and notes) and
# renders each with headless Chromium into DIR (default
# target/report-shots): report-<days>d.png (the page on screen),
# report-<days>d.pdf (printed on A4) and report-<days>d-page-<n>.png (each
# printed page, by pdftoppm), to look at before calling the report done.
# Installs Chromium and poppler when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh shots
out=${1:-target/report-shots}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cargo build --quiet --bin neckguide
app=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/neckguide
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
today=$(date +%F)
# Sessions for about 1, 30 and 400 days (a day has 1 or 3 sessions).
for pair in 1:1 30:82 400:1100; do
  days=${pair%%:*}
  sessions=${pair##*:}
  data=$tmp/data-$days
  mkdir -p "$data"
  python3 scripts/make-log.py "$sessions" > "$data/sessions.jsonl"
  # An outcome measure every 7 days from the first day, unless make-log.py
  # wrote some: neck and arm pain easing, three PSFS activities improving,
  # the GROC from the second.
  python3 - "$data/sessions.jsonl" <<'PY'
import datetime, json, sys
path = sys.argv[1]
if any('"kind":"measure"' in l or '"kind": "measure"' in l for l in open(path)):
    sys.exit(0)
first = min(json.loads(l)["started_at"][:10] for l in open(path) if '"session"' in l)
day = datetime.date.fromisoformat(first)
end = datetime.date.today()
week = 0
with open(path, "a") as f:
    while day < end:
        score = lambda base: min(10, base + week // 3)
        f.write(json.dumps({"v": 2, "kind": "measure", "at": f"{day}T07:57:00+01:00",
            "neck_pain": max(0, 7 - week // 4), "arm_pain": max(0, 6 - week // 3),
            "psfs": [{"activity": "Reading in bed", "score": score(3)},
                     {"activity": "Driving, looking over the shoulder", "score": score(2)},
                     {"activity": "Carrying shopping", "score": score(4)}],
            "groc": None if week == 0 else min(7, week // 2)}) + "\n")
        week += 1
        day += datetime.timedelta(days=7)
PY
  if [ "$days" = 30 ]; then
    # Yesterday's warning sign, not cleared, and its arm symptoms further
    # down: the top of the report has something to say.
    python3 - "$data/sessions.jsonl" <<'PY'
import datetime, json, sys
day = datetime.date.today() - datetime.timedelta(days=1)
with open(sys.argv[1], "a") as f:
    f.write(json.dumps({"v": 2, "kind": "daily_check", "date": str(day),
        "at": f"{day}T20:30:00+01:00",
        "answers": [{"question": "worsening_weakness_or_numbness", "yes": True}],
        "cleared_by_clinician_at": None}) + "\n")
    f.write(json.dumps({"v": 2, "kind": "session", "id": "shots-arm",
        "started_at": f"{day}T20:40:00+01:00", "ended_at": f"{day}T20:52:00+01:00",
        "routine": {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": 3},
        "outcome": "ended_early", "pain_before": 6, "pain_after": 7, "arm_symptoms": True,
        "arm": "further_down", "note": "Tingling down to the fingers <b>tonight</b>.",
        "exercises": []}) + "\n")
PY
  fi
  rm -f "$out/report-${days}d"*
  "$app" --data-dir "$data" report "$tmp/report-$days.html" --today "$today" --force
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1200,2600 --screenshot="$out/report-${days}d.png" \
    "file://$tmp/report-$days.html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/report-${days}d.pdf" "file://$tmp/report-$days.html" 2>/dev/null
  pdftoppm -r 70 -png "$out/report-${days}d.pdf" "$out/report-${days}d-page"
  echo "$out/report-${days}d.png, $out/report-${days}d.pdf: $(ls "$out"/report-"${days}"d-page-*.png | wc -l) pages"
done
