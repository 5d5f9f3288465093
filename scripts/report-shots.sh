#!/usr/bin/env bash
# Writes the therapist report for 1, 7 and 400 days of made-up history and
# renders each with headless Chromium into DIR (default
# target/report-shots): report-1d.png, report-7d.png, report-400d.png, to
# look at before calling the report done. The logs mix version-1 and
# version-2 lines (pain stops with their place, warning signs answered yes
# and cleared, notes). Installs Chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh shots
out=${1:-target/report-shots}
mkdir -p "$out"
cargo build --quiet --bin neckguide
app=$PWD/target/debug/neckguide
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for days in 1 7 400; do
  data=$tmp/data-$days
  mkdir -p "$data"
  python3 - "$data/sessions.jsonl" "$days" <<'PY'
import json, sys, datetime, random
path, days = sys.argv[1], int(sys.argv[2])
random.seed(days)
last = datetime.date(2026, 11, 25)
routine = {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": 3}
ids = ["supine-deep-neck-flexion", "seated-retraction", "isometric-neck-strengthening", "head-lifts"]
lines = []
for back in range(days - 1, -1, -1):
    day = last - datetime.timedelta(days=back)
    v = 1 if back > days // 2 else 2
    if v == 2 and back % 11 == 3:
        lines.append({"v": 2, "kind": "daily_check", "date": str(day),
            "at": f"{day}T07:55:00+01:00",
            "answers": [{"question": "worsening_weakness_or_numbness", "yes": True},
                        {"question": "bladder_or_bowel", "yes": False}],
            "cleared_by_clinician_at": None})
        lines.append(dict(lines[-1], cleared_by_clinician_at=f"{day}T16:10:00+01:00"))
    for n in range(random.choice([1, 2, 3, 3]) if days > 1 else 3):
        stopped = (back % 9 == 4 and n == 0) or (days == 1 and n == 1)
        pain = max(0, min(10, 6 - (days - back) * 4 // max(days, 1) + random.choice([-1, 0, 1])))
        start = f"{day}T{8 + 4 * n:02d}:00:00+01:00"
        record = {"v": v, "id": f"{days}-{back}-{n}", "started_at": start,
            "ended_at": f"{day}T{8 + 4 * n:02d}:12:00+01:00", "routine": routine,
            "outcome": "stopped_for_pain" if stopped else "completed",
            "pain_before": pain, "pain_after": max(0, pain - 1) if not stopped else min(10, pain + 2),
            "arm_symptoms": False, "note": random.choice(["", "", "", "Stiff in the morning.", "Felt easier after the walk."]),
            "exercises": [{"id": i, "done": 10, "prescribed": 10, "skipped": False} for i in ids]}
        if v == 2:
            record["kind"] = "session"
            for e in record["exercises"]:
                e["reached"] = True
        if stopped and v == 2:
            record["exercises"][2]["done"] = 1
            record["exercises"][3]["reached"] = False
            record["pain_stop"] = {"exercise": "isometric-neck-strengthening", "step": "hold",
                "set": 1, "repetition": 2, "direction": "left", "seconds_into_step": 3.4,
                "reason": "pain"}
            record["note"] = "Sharp pain on the left side."
        lines.append(record)
with open(path, "w") as f:
    for line in lines:
        f.write(json.dumps(line) + "\n")
PY
  "$app" --data-dir "$data" report "$tmp/report-$days.html" --today 2026-11-25 --force
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1200,2600 --screenshot="$PWD/$out/report-${days}d.png" \
    "file://$tmp/report-$days.html" 2>/dev/null
  echo "$out/report-${days}d.png"
done
