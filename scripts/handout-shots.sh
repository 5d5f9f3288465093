#!/usr/bin/env bash
# Writes the printed handout of each shipped routine (and of any routine
# files given after DIR) and renders each with headless Chromium into DIR
# (default target/handout-shots): NAME.png (the page on screen), NAME.pdf
# (printed, A4) and NAME-page-N.png (each printed page), to look at before
# calling the handout done. Then checks, from the PDF's text, that no
# exercise is split across two pages: each exercise's heading and its last
# line (its stop line, ending "… down your arm.") are on the same page.
# Installs Chromium and poppler-utils when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh shots
out=${1:-target/handout-shots}
shift || true
mkdir -p "$out"
cargo build --quiet --bin neckguide
app=$PWD/target/debug/neckguide
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for routine in exercises/routines/*.json "$@"; do
  name=$(basename "$routine" .json)
  html=$tmp/$name.html
  "$app" --data-dir "$tmp/data" handout "$routine" "$html" --force >/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1000,2400 --screenshot="$PWD/$out/$name.png" "file://$html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$PWD/$out/$name.pdf" "file://$html" 2>/dev/null
  rm -f "$out/$name"-page-*.png
  pdftoppm -png -r 60 "$out/$name.pdf" "$out/$name-page"
  python3 - "$out/$name.pdf" "$routine" <<'PY'
import json, subprocess, sys
pdf, routine = sys.argv[1:3]
pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout.split("\f")
names = []
for item in json.load(open(routine))["items"]:
    e = item["exercise"]
    names.append(e["name"] if isinstance(e, dict) else json.load(open(f"exercises/{e}.json"))["name"])
for i, name in enumerate(names, 1):
    # The article starts "N. Name" and ends with the stop words.
    heading = f"{i}. {name}"[:30]
    on = [n for n, text in enumerate(pages) if heading in " ".join(text.split())]
    if not on:
        sys.exit(f"{pdf}: exercise {heading!r} not found on any page")
    page = " ".join(pages[on[0]].split())
    after = page.split(heading, 1)[1]
    if "down your arm" not in after:
        sys.exit(f"{pdf}: exercise {heading!r} is split across pages {on[0] + 1} and {on[0] + 2}")
print(f"{pdf}: {len(pages) - 1} page(s), no exercise split")
PY
  echo "$out/$name.png"
done
