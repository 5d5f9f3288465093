#!/usr/bin/env bash
# Measures what neckguide costs while it waits and while a hold runs, side by
# side with a bare eframe window built with the same features, in one run on
# this machine, and prints one table (medians of RUNS runs, default 3):
#
#   - CPU ticks (utime+stime from /proc/PID/stat) over 20 s on the home
#     screen and over 20 s inside a running hold;
#   - the streams the app holds open in the sound server at home (pactl);
#   - resident memory (VmRSS) at the end of the hold;
#   - the time from starting the window to its first frame, and to the
#     first frame with the log read, with an empty log and with a log of
#     22,000 sessions, twenty years (scripts/make-log.py; scripts/first-frame.py);
#   - `neckguide history --json` on those 22,000 sessions: wall time and
#     peak resident memory (/usr/bin/time -v).
#
# Rows: neckguide with sound (ALSA -> a PulseAudio null sink, which plays in
# real time like a sound card) in a 90-second hold, where the sound output
# closes after the hold's first seconds until shortly before its end and
# the moving figure is still (held) through the measured 20 s;
# neckguide with sound in 5-second holds, where a cue comes every few
# seconds and the output stays open, and the figure moves for a second at
# each end of every hold (the measured 20 s hold about six movements);
# neckguide with sound in 10-second holds with 5-second rests (the seated
# retraction's own dose), the figure moving at each end of every hold, and
# the same with the setting "Moving pictures" off (the start picture still); neckguide with no sound device (no
# sound server reachable: checked, no sound thread runs); the bare window
# still, and the bare window repainting once a second (what one frame a
# second costs here: software OpenGL under Xvfb). Each window has its own X
# server, so none covers another (a covered window is not redrawn).
#
# Every wait has a timeout; each program's stderr is kept and shown when
# something fails. Needs: xvfb, xdotool, pulseaudio, pulseaudio-utils,
# python3, time (/usr/bin/time).
# Usage: scripts/measure-cost.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
window=20
cargo build --release --quiet --bin neckguide --example bare_window
app=$PWD/target/release/neckguide
bare=$PWD/target/release/examples/bare_window
tmp=$(mktemp -d)
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "measure-cost: $*" >&2
  for f in "$tmp"/*.err; do
    [ -s "$f" ] && { echo "--- $(basename "$f")" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}

base=$((60 + RANDOM % 30))
for i in 0 1 2 3 4 5 6; do Xvfb :$((base + i)) -screen 0 1280x1024x24 -noreset >/dev/null 2>&1 & done
sleep 1
export HOME=$tmp XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$XDG_RUNTIME_DIR" "$tmp/nosound"
pulseaudio -n --daemonize=no --exit-idle-time=-1 --disable-shm=yes \
  -L module-native-protocol-unix -L "module-null-sink sink_name=null" 2>"$tmp/pulseaudio.err" &
for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.2; done
pactl info >/dev/null 2>&1 || fail "PulseAudio did not start"
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' > "$tmp/.asoundrc"
# A home with a sound card that does not exist.
printf 'pcm.!default { type hw card 7 }\nctl.!default { type hw card 7 }\n' > "$tmp/nosound/.asoundrc"

# One 90-second hold, so the measured window sits inside it.
cat > "$tmp/hold.json" <<'JSON'
{ "id": "cost-hold", "name": "Cost hold", "times_per_day": 1,
  "items": [ { "exercise": { "id": "long-hold", "name": "Long hold", "position": "sitting",
    "steps": ["Hold."], "image": "assets/exercises/seated-retraction.svg",
    "picture_held": "assets/exercises/seated-retraction-held.svg",
    "dose": { "kind": "holds", "hold_seconds": 90, "repetitions": 1 } } } ] }
JSON
# Cues every few seconds: 5 s holds with 2 s rests.
cat > "$tmp/short.json" <<'JSON'
{ "id": "cost-short", "name": "Cost short holds", "times_per_day": 1,
  "items": [ { "exercise": { "id": "short-holds", "name": "Short holds", "position": "sitting",
    "steps": ["Hold."], "image": "assets/exercises/seated-retraction.svg",
    "picture_held": "assets/exercises/seated-retraction-held.svg",
    "dose": { "kind": "holds", "hold_seconds": 5, "repetitions": 12, "rest_seconds": 2 } } } ] }
JSON

# The seated retraction's dose: 10 s holds with 5 s rests.
sed -e 's/cost-short/cost-mid/; s/Cost short holds/Cost 10 s holds/; s/short-holds/mid-holds/' \
  -e 's/"hold_seconds": 5, "repetitions": 12, "rest_seconds": 2/"hold_seconds": 10, "repetitions": 12, "rest_seconds": 5/' \
  "$tmp/short.json" > "$tmp/mid.json"

ticks() { [ -r "/proc/$1/stat" ] || fail "process $1 ($2) has exited"; awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# The window of process $1 on display $2, waiting at most 30 s.
window_of() {
  local id
  for _ in $(seq 150); do
    kill -0 "$1" 2>/dev/null || fail "process $1 exited before its window opened"
    id=$(DISPLAY=$2 xdotool search --pid "$1" 2>/dev/null | head -n1 || true)
    [ -n "$id" ] && { echo "$id"; return; }
    sleep 0.2
  done
  fail "no window for process $1 in 30 s"
}
key() { DISPLAY=$1 timeout 10 xdotool key --window "$2" "$3" || fail "xdotool key $3 timed out"; sleep "${4:-0.3}"; }
# Home -> check-in (pain 2, No to every question) -> session -> skip getting
# into position; the hold starts after the 3 s get-ready.
start_hold() {
  DISPLAY=$1 timeout 10 xdotool windowfocus --sync "$2" 2>/dev/null || true
  key "$1" "$2" space 0.5; key "$1" "$2" 2
  for _ in 1 2 3 4 5; do key "$1" "$2" n 0.2; done
  key "$1" "$2" Return 0.5; key "$1" "$2" Return 4.5
}

# A log of 22,000 sessions (twenty years, as the app writes them), and an empty one.
mkdir -p "$tmp/big" "$tmp/empty"
scripts/make-log.py 22000 > "$tmp/big/sessions.jsonl"

# How many threads of process $1 play sound (ALSA's output
# thread and PulseAudio's client loop).
sound_threads() { grep -lE '^(cpal_alsa_out|threaded-ml)$' /proc/"$1"/task/*/comm 2>/dev/null | wc -l; }

declare -A idle hold rss streams first login json_s json_mib
all="app short mid midstill mute still tick"
for run in $(seq "$runs"); do
  d_app=:$base d_mute=:$((base + 1)) d_still=:$((base + 2)) d_tick=:$((base + 3)) d_short=:$((base + 4))
  d_mid=:$((base + 5)) d_midstill=:$((base + 6))
  DISPLAY=$d_app NECKGUIDE_DATA_DIR=$tmp/data-$run "$app" --routine "$tmp/hold.json" \
    >/dev/null 2>"$tmp/app.err" &
  p_app=$!
  DISPLAY=$d_short NECKGUIDE_DATA_DIR=$tmp/short-$run "$app" --routine "$tmp/short.json" \
    >/dev/null 2>"$tmp/app-short.err" &
  p_short=$!
  DISPLAY=$d_mid NECKGUIDE_DATA_DIR=$tmp/mid-$run "$app" --routine "$tmp/mid.json" \
    >/dev/null 2>"$tmp/app-mid.err" &
  p_mid=$!
  mkdir -p "$tmp/midstill-$run"
  echo '{"moving_pictures": false}' > "$tmp/midstill-$run/settings.json"
  DISPLAY=$d_midstill NECKGUIDE_DATA_DIR=$tmp/midstill-$run "$app" --routine "$tmp/mid.json" \
    >/dev/null 2>"$tmp/app-midstill.err" &
  p_midstill=$!
  # No sound device, and no sound server to fall back to.
  env -u XDG_RUNTIME_DIR HOME=$tmp/nosound PULSE_SERVER=unix:/nonexistent DISPLAY=$d_mute \
    NECKGUIDE_DATA_DIR=$tmp/mute-$run "$app" --routine "$tmp/hold.json" \
    >/dev/null 2>"$tmp/app-no-sound.err" &
  p_mute=$!
  DISPLAY=$d_still "$bare" >/dev/null 2>"$tmp/bare.err" &
  p_still=$!
  DISPLAY=$d_tick "$bare" --every-second >/dev/null 2>"$tmp/bare-every-second.err" &
  p_tick=$!
  w_app=$(window_of $p_app "$d_app"); w_mute=$(window_of $p_mute "$d_mute")
  w_short=$(window_of $p_short "$d_short"); w_mid=$(window_of $p_mid "$d_mid")
  w_midstill=$(window_of $p_midstill "$d_midstill")
  window_of $p_still "$d_still" >/dev/null; window_of $p_tick "$d_tick" >/dev/null
  sleep 3
  # Home, untouched.
  streams[$run]=$(pactl list short sink-inputs | wc -l)
  declare -A t0
  pids="app:$p_app short:$p_short mid:$p_mid midstill:$p_midstill mute:$p_mute still:$p_still tick:$p_tick"
  for p in $pids; do t0[${p%%:*}]=$(ticks "${p#*:}" "${p%%:*}"); done
  sleep $window
  for p in $pids; do
    idle[${p%%:*},$run]=$(( $(ticks "${p#*:}" "${p%%:*}") - t0[${p%%:*}] ))
  done
  # A hold running.
  start_hold "$d_app" "$w_app"
  start_hold "$d_mute" "$w_mute"
  start_hold "$d_short" "$w_short"
  start_hold "$d_mid" "$w_mid"
  start_hold "$d_midstill" "$w_midstill"
  [ "$(sound_threads $p_mute)" -eq 0 ] || fail "the app meant to have no sound device plays sound"
  for p in $pids; do t0[${p%%:*}]=$(ticks "${p#*:}" "${p%%:*}"); done
  sleep $window
  [ "$(sound_threads $p_short)" -gt 0 ] || fail "no sound thread in the app with short holds"
  for p in $pids; do
    name=${p%%:*} pid=${p#*:}
    hold[$name,$run]=$(( $(ticks "$pid" "$name") - t0[$name] ))
    rss[$name,$run]=$(rss_mib "$pid")
  done
  kill $p_app $p_short $p_mid $p_midstill $p_mute $p_still $p_tick
  wait $p_app $p_short $p_mid $p_midstill $p_mute $p_still $p_tick 2>/dev/null || true
  # The first frame, with an empty log and with the big one.
  for log in empty big; do
    read -r f l < <(DISPLAY=$d_app timeout 90 scripts/first-frame.py "$app" "$tmp/$log" 2>"$tmp/first-frame.err") \
      || fail "first-frame.py failed with the $log log"
    first[$log,$run]=$f login[$log,$run]=$l
  done
  # history --json on the big log.
  timeout 120 /usr/bin/time -v -o "$tmp/time.txt" "$app" --data-dir "$tmp/big" history --json \
    >/dev/null 2>"$tmp/history.err" || fail "history --json failed"
  json_s[x,$run]=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$tmp/time.txt")
  json_mib[x,$run]=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/time.txt")
  echo "run $run: idle ticks app ${idle[app,$run]} short ${idle[short,$run]} no-sound ${idle[mute,$run]} bare ${idle[still,$run]} bare-1/s ${idle[tick,$run]};" \
    "hold ticks app ${hold[app,$run]} short ${hold[short,$run]} 10s ${hold[mid,$run]} 10s-still ${hold[midstill,$run]} no-sound ${hold[mute,$run]} bare ${hold[still,$run]} bare-1/s ${hold[tick,$run]};" \
    "streams at home ${streams[$run]};" \
    "first frame ${first[empty,$run]} ms empty, ${first[big,$run]} ms 22k (log in at ${login[big,$run]} ms);" \
    "history --json ${json_s[x,$run]} s ${json_mib[x,$run]} MiB" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local out=(); for run in $(seq "$runs"); do out+=("$(eval "echo \${$1[$2,$run]}")"); done; median "${out[@]}"; }
hz=$(getconf CLK_TCK)
pct() { echo "scale=2; $1 * 100 / $hz / $window" | bc; }
echo
echo "Medians of $runs runs, ticks of $hz/s over ${window} s:"
printf '| %-44s | %-17s | %-17s | %-8s |\n' "" "idle home" "running hold" "RSS MiB"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "-------------------" "-------------------" "----------"
for row in "app:neckguide, 90 s hold (output closes)" "short:neckguide, 5 s holds (output open)" "mid:neckguide, 10 s holds, 5 s rests" "midstill:the same, Moving pictures off" "mute:neckguide with no sound device" "tick:bare eframe window repainting each second" "still:bare eframe window, still"; do
  k=${row%%:*} label=${row#*:}
  i=$(col idle "$k"); h=$(col hold "$k"); r=$(col rss "$k")
  printf '| %-44s | %4s (%5s %%)    | %4s (%5s %%)    | %8s |\n' "$label" "$i" "$(pct "$i")" "$h" "$(pct "$h")" "$r"
done
s=(); for run in $(seq "$runs"); do s+=("${streams[$run]}"); done
echo
echo "Streams neckguide holds open in the sound server at home: $(median "${s[@]}")"
ha=$(col hold app); hs=$(col hold short); hm=$(col hold mid); hq=$(col hold midstill); ht=$(col hold tick); ra=$(col rss app); rs=$(col rss still)
[ "$ht" -gt 0 ] && echo "Running hold against the bare window at 1 frame/s: $(echo "scale=2; $ha / $ht" | bc)x" \
  "(90 s hold), $(echo "scale=2; $hs / $ht" | bc)x (5 s holds), $(echo "scale=2; $hm / $ht" | bc)x (10 s holds;" \
  "$(echo "scale=2; $hq / $ht" | bc)x with the picture still)"
echo "RSS against the bare window: $(echo "scale=2; $ra / $rs" | bc)x"
echo
echo "Start of the window, ms from starting it (medians):"
printf '| %-28s | %-11s | %-28s |\n' "log" "first frame" "first frame with the log read"
printf '|%s|%s|%s|\n' "------------------------------" "-------------" "------------------------------"
for log in empty big; do
  label=$([ $log = big ] && echo "22,000 sessions" || echo "empty")
  printf '| %-28s | %11s | %28s |\n' "$label" "$(col first $log)" "$(col login $log)"
done
echo "First frame, 22,000 sessions against empty: $(echo "$(col first big) - $(col first empty)" | bc) ms"
echo
echo "history --json on 22,000 sessions: $(col json_s x) s, peak RSS $(col json_mib x) MiB (medians)"
