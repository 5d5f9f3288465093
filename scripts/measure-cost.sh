#!/usr/bin/env bash
# Measures what a running hold costs, against a bare eframe window built with
# the same features, in one run on this machine:
#   - CPU: % of one core used during a 60-second hold (from /proc/PID/stat
#     utime+stime over the same 60 s wall-clock window, for both processes);
#   - memory: resident set size (VmRSS) at the end of that window.
# All run side by side under one Xvfb. The app's sound goes through ALSA to a
# PulseAudio null sink, which plays in real time like a sound card (ALSA's own
# null device is not paced, and its output thread would spin).
# A second baseline, the bare window repainting once a second, shows what one
# frame costs on this machine (software OpenGL under Xvfb).
# Needs: xvfb, xdotool, pulseaudio, bc. Usage: scripts/measure-cost.sh [RUNS]   (default 3; medians reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --quiet --bin neckguide --example bare_window
app=target/release/neckguide
bare=target/release/examples/bare_window
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

# Each window gets its own X server, so none covers another (a covered
# window is not redrawn, which would flatter it).
for d in 97 96 95; do Xvfb :$d -screen 0 1280x1024x24 >/dev/null 2>&1 & done
sleep 1
# A paced null sound device, so audio works but nothing needs a sound card.
export HOME=$tmp XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$XDG_RUNTIME_DIR"
pulseaudio -n --daemonize=no --exit-idle-time=-1 --disable-shm=yes \
  -L module-native-protocol-unix -L "module-null-sink sink_name=null" >/dev/null 2>&1 &
sleep 1
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' > "$tmp/.asoundrc"

# One 90-second hold, so the 60 s window sits inside it.
cat > "$tmp/hold.json" <<'JSON'
{ "id": "cost-hold", "name": "Cost hold", "times_per_day": 1,
  "items": [ { "exercise": { "id": "long-hold", "name": "Long hold", "position": "sitting",
    "steps": ["Hold."], "dose": { "kind": "holds", "hold_seconds": 90, "repetitions": 1 } } } ] }
JSON

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

app_cpu=(); bare_cpu=(); tick_cpu=(); app_rss=(); bare_rss=()
for run in $(seq "$runs"); do
  data="$tmp/data-$run"
  DISPLAY=:97 NECKGUIDE_DATA_DIR=$data "$app" --routine "$tmp/hold.json" >/dev/null 2>&1 &
  app_pid=$!
  DISPLAY=:96 "$bare" >/dev/null 2>&1 &
  bare_pid=$!
  DISPLAY=:95 "$bare" --every-second >/dev/null 2>&1 &
  tick_pid=$!
  sleep 3
  export DISPLAY=:97
  win=$(xdotool search --sync --pid "$app_pid" | head -n1)
  xdotool windowfocus --sync "$win" 2>/dev/null || true
  # Home: Space opens the check-in; pain 2; N answers every question; Enter starts;
  # Enter skips getting into position; 3 s get-ready, then the hold.
  xdotool key --window "$win" space; sleep 0.5
  xdotool key --window "$win" 2;     sleep 0.3
  for _ in 1 2 3 4 5; do xdotool key --window "$win" n; sleep 0.2; done
  xdotool key --window "$win" Return; sleep 0.5
  xdotool key --window "$win" Return; sleep 5
  a0=$(cpu_ticks $app_pid); b0=$(cpu_ticks $bare_pid); k0=$(cpu_ticks $tick_pid); t0=$(date +%s.%N)
  sleep 60
  a1=$(cpu_ticks $app_pid); b1=$(cpu_ticks $bare_pid); k1=$(cpu_ticks $tick_pid); t1=$(date +%s.%N)
  app_cpu+=("$(echo "($a1-$a0)/$ticks/($t1-$t0)*100" | bc -l)")
  bare_cpu+=("$(echo "($b1-$b0)/$ticks/($t1-$t0)*100" | bc -l)")
  tick_cpu+=("$(echo "($k1-$k0)/$ticks/($t1-$t0)*100" | bc -l)")
  app_rss+=("$(rss_kib $app_pid)"); bare_rss+=("$(rss_kib $bare_pid)")
  kill $app_pid $bare_pid $tick_pid; wait $app_pid $bare_pid $tick_pid 2>/dev/null || true
  printf 'run %d: app %.3f %% CPU, %d KiB RSS | bare %.3f %% CPU, %d KiB RSS | bare at 1 frame/s %.3f %% CPU\n' "$run" \
    "${app_cpu[-1]}" "${app_rss[-1]}" "${bare_cpu[-1]}" "${bare_rss[-1]}" "${tick_cpu[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ma=$(median "${app_cpu[@]}"); mb=$(median "${bare_cpu[@]}"); mk=$(median "${tick_cpu[@]}")
ra=$(median "${app_rss[@]}"); rb=$(median "${bare_rss[@]}")
printf 'median over %d runs: app %.3f %% of one core during a hold; bare idle %.3f %%; bare at 1 frame/s %.3f %%\n' "$runs" "$ma" "$mb" "$mk"
printf 'median RSS: app %d KiB, bare %d KiB (%+.1f %%)\n' "$ra" "$rb" "$(echo "($ra-$rb)*100/$rb" | bc -l)"
