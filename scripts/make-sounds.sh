#!/usr/bin/env bash
# Generate every sound cue used by neckguide into assets/sounds/.
# Output: 16-bit mono WAV, 22050 Hz, normalized to about -3 dBFS peak,
# with short fades so nothing clicks. Safe to run again (idempotent):
# every file is regenerated from scratch.
#
# Requires: sox, espeak-ng
#   Debian/Ubuntu: sudo apt-get install -y sox espeak-ng
#   Fedora:        sudo dnf install -y sox espeak-ng
#   macOS:         brew install sox espeak-ng
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/assets/sounds"
RATE=22050
VOICE="${VOICE:-en-us}"
SPEED="${SPEED:-150}"

missing=0
for tool in sox espeak-ng; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' not found. Install it, e.g.: sudo apt-get install -y sox espeak-ng" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

FMT=(-r "$RATE" -c 1 -b 16 -e signed-integer)

# sox without dither and with a fixed random seed, so reruns give
# byte-identical files (no spurious git diffs).
sx() { sox -D -R "$@"; }

# note OUT FREQ DUR DELAY [WAVE]
# A soft note: sine (or triangle) with a quick attack, a gentle decay,
# a quiet octave partial for a bell-like colour, delayed by DELAY seconds.
note() {
  local out="$1" freq="$2" dur="$3" delay="$4" wave="${5:-sine}"
  local oct
  oct=$(awk -v f="$freq" 'BEGIN { printf "%.2f", f * 2 }')
  sx -n "${FMT[@]}" "$TMP/n_a.wav" synth "$dur" "$wave" "$freq" vol 0.8
  sx -n "${FMT[@]}" "$TMP/n_b.wav" synth "$dur" sine "$oct" vol 0.12
  sx -m "$TMP/n_a.wav" "$TMP/n_b.wav" "${FMT[@]}" "$TMP/n_c.wav"
  # fade in 8 ms, then a long logarithmic fade-out over the whole note
  sx "$TMP/n_c.wav" "${FMT[@]}" "$out" fade q 0.008 "$dur" "$(awk -v d="$dur" 'BEGIN { printf "%.3f", d - 0.008 }')" pad "$delay" 0
}

# finish IN NAME: normalize to -3 dBFS, add anti-click fades, write NAME.
finish() {
  sx "$1" "${FMT[@]}" "$OUT/$2" fade q 0.004 -0 0.015 norm -3
}

# mix NAME NOTE-FILES...: mix notes (each already delayed) into NAME.
mix() {
  local name="$1"; shift
  if [ "$#" -eq 1 ]; then
    cp "$1" "$TMP/mix.wav"
  else
    sx -m "$@" "${FMT[@]}" "$TMP/mix.wav"
  fi
  finish "$TMP/mix.wav" "$name"
}

# ---- tones --------------------------------------------------------------
# tick: ~80 ms soft high blip
note "$TMP/t1.wav" 1568 0.08 0
mix tick.wav "$TMP/t1.wav"

# hold-start: rising two-note chime (G5 -> C6), ~300 ms
note "$TMP/h1.wav" 784 0.16 0
note "$TMP/h2.wav" 1047 0.18 0.12
mix hold-start.wav "$TMP/h1.wav" "$TMP/h2.wav"

# release: falling two-note chime (C6 -> G5), ~300 ms
note "$TMP/r1.wav" 1047 0.16 0
note "$TMP/r2.wav" 784 0.18 0.12
mix release.wav "$TMP/r1.wav" "$TMP/r2.wav"

# exercise-done: three-note rising arpeggio (C5 E5 G5), ~500 ms
note "$TMP/e1.wav" 523 0.22 0
note "$TMP/e2.wav" 659 0.22 0.13
note "$TMP/e3.wav" 784 0.24 0.26
mix exercise-done.wav "$TMP/e1.wav" "$TMP/e2.wav" "$TMP/e3.wav"

# session-done: major chord arpeggio (C5 E5 G5 C6) ringing together, ~900 ms
note "$TMP/s1.wav" 523 0.90 0
note "$TMP/s2.wav" 659 0.78 0.12
note "$TMP/s3.wav" 784 0.66 0.24
note "$TMP/s4.wav" 1047 0.54 0.36
mix session-done.wav "$TMP/s1.wav" "$TMP/s2.wav" "$TMP/s3.wav" "$TMP/s4.wav"

# stopped: low, calm two-tone descending (A3 -> E3), triangle, ~700 ms
note "$TMP/x1.wav" 220 0.38 0 triangle
note "$TMP/x2.wav" 165 0.42 0.28 triangle
mix stopped.wav "$TMP/x1.wav" "$TMP/x2.wav"

# ---- speech -------------------------------------------------------------
# say NAME "TEXT": espeak-ng, resampled to 22050 mono, silence trimmed.
say() {
  local name="$1" text="$2"
  espeak-ng -v "$VOICE" -s "$SPEED" -w "$TMP/say_raw.wav" "$text"
  sx "$TMP/say_raw.wav" "${FMT[@]}" "$TMP/say_trim.wav" \
    silence 1 0.01 0.3% reverse silence 1 0.01 0.3% reverse
  finish "$TMP/say_trim.wav" "$name"
}

say say-hold.wav "Hold"
say say-release.wav "Release"
say say-relax.wav "Relax"
say say-get-ready.wav "Get ready"
numbers=(one two three four five six seven eight nine ten)
for i in $(seq 1 10); do
  say "say-$i.wav" "${numbers[$((i - 1))]}"
done
say say-next.wav "Next"
say say-done.wav "Well done. Session complete."
say say-stopped.wav "Session stopped."

say say-ex-supine-deep-neck-flexion.wav "Supine deep neck flexion"
say say-ex-seated-retraction.wav "Seated retraction"
say say-ex-head-lifts.wav "Head lifts"
say say-ex-isometric-neck-strengthening.wav "Isometric neck strengthening"
say say-ex-supine-neutral-head.wav "Supine neutral head"
say say-ex-neutral-head-walking.wav "Neutral head walking"

say say-dir-forward.wav "Push forward"
say say-dir-backward.wav "Push backward"
say say-dir-left.wav "Push to the left side"
say say-dir-right.wav "Push to the right side"

# ---- README -------------------------------------------------------------
cat > "$OUT/README.md" <<'MD'
# Sound cues

All files in this folder are **generated** by `scripts/make-sounds.sh`
(using `sox` and `espeak-ng`). Do not edit them by hand; change the script
and run it again:

    scripts/make-sounds.sh

Format: 16-bit signed PCM, mono, 22050 Hz WAV, peak normalized to about
-3 dBFS, with short fades at both ends. Speech uses espeak-ng voice `en-us`
at speed 150, trimmed of leading/trailing silence.

## Tones

| File | Cue |
|------|-----|
| `tick.wav` | Countdown tick (soft high blip, ~80 ms) |
| `hold-start.wav` | Start holding a position (rising two-note chime, ~300 ms) |
| `release.wav` | Release the hold (falling two-note chime, ~300 ms) |
| `exercise-done.wav` | An exercise is finished (rising three-note arpeggio, ~500 ms) |
| `session-done.wav` | The whole session is finished (major chord arpeggio, ~900 ms) |
| `stopped.wav` | Session stopped early (low, calm descending two tones, ~700 ms) |

## Speech

| File | Says |
|------|------|
| `say-hold.wav` | "Hold" |
| `say-release.wav` | "Release" |
| `say-relax.wav` | "Relax" |
| `say-get-ready.wav` | "Get ready" |
| `say-1.wav` … `say-10.wav` | "one" … "ten" (repetition count) |
| `say-next.wav` | "Next" |
| `say-done.wav` | "Well done. Session complete." |
| `say-stopped.wav` | "Session stopped." |
| `say-ex-supine-deep-neck-flexion.wav` | "Supine deep neck flexion" |
| `say-ex-seated-retraction.wav` | "Seated retraction" |
| `say-ex-head-lifts.wav` | "Head lifts" |
| `say-ex-isometric-neck-strengthening.wav` | "Isometric neck strengthening" |
| `say-ex-supine-neutral-head.wav` | "Supine neutral head" |
| `say-ex-neutral-head-walking.wav` | "Neutral head walking" |
| `say-dir-forward.wav` | "Push forward" (isometric exercise) |
| `say-dir-backward.wav` | "Push backward" (isometric exercise) |
| `say-dir-left.wav` | "Push to the left side" (isometric exercise) |
| `say-dir-right.wav` | "Push to the right side" (isometric exercise) |
MD

echo "Generated $(ls "$OUT"/*.wav | wc -l) sound files in $OUT"
du -sh "$OUT"
