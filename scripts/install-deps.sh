#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages neckguide needs, and only the missing ones.
#   scripts/install-deps.sh run    what building and running the app needs
#   scripts/install-deps.sh test   that, plus what the tests need: a virtual X server and
#                                  xdotool for the real window, PulseAudio to record its sound,
#                                  the AT-SPI bus and pyatspi to read it as a screen reader does,
#                                  the desktop-file, AppStream and Debian package tools and
#                                  lintian, a D-Bus daemon for the desktop services, xprop,
#                                  openbox (a window manager for "Start now" to raise a window),
#                                  speech-dispatcher with its espeak-ng voice (spoken guidance),
#                                  and in a Python virtual environment ($CARGO_TARGET_DIR or
#                                  target, then py-venv) the fhir.resources package that
#                                  validates the FHIR export (tests/fhir_export.rs)
#   scripts/install-deps.sh deb    that of `run`, plus dpkg-dev for `make deb`
#   scripts/install-deps.sh shots  that of `test`, plus Chromium and poppler to render the
#                                  report and the handout to pictures and PDF (scripts/report-shots.sh)
# Uses apt-get directly as root, sudo otherwise.
set -euo pipefail

run_pkgs=(pkg-config libasound2-dev libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libgl1 libegl1)
# dbus-daemon: a private session bus for the reminder agent's and the
# desktop services' end-to-end tests.
test_pkgs=(xvfb xauth xdotool imagemagick pulseaudio pulseaudio-utils libasound2-plugins at-spi2-core python3-pyatspi dbus-x11 dbus-daemon
  desktop-file-utils appstream dpkg-dev lintian x11-utils openbox python3-venv
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)

deb_pkgs=(dpkg-dev)

shots_pkgs=(chromium poppler-utils)

want=("${run_pkgs[@]}")
case "${1:-run}" in
  test) want+=("${test_pkgs[@]}") ;;
  deb) want+=("${deb_pkgs[@]}") ;;
  shots) want+=("${test_pkgs[@]}" "${shots_pkgs[@]}") ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: not a Debian/Ubuntu system; install these yourself: ${want[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  else
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The FHIR models that validate `export --fhir` in the tests, from PyPI
# through pip into a virtual environment beside the build (no system
# package has them), only when missing. The tests look for it there.
case "${1:-run}" in
  test|shots)
    venv="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}/py-venv"
    if ! "$venv/bin/python" -c 'import fhir.resources.R4B.bundle' >/dev/null 2>&1; then
      echo "install-deps: installing fhir.resources into $venv"
      python=$(command -v /usr/bin/python3 || command -v python3)
      "$python" -m venv "$venv"
      "$venv/bin/pip" install -q 'fhir.resources==8.3.0'
    fi
    ;;
esac
