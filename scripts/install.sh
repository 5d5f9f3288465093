#!/usr/bin/env bash
# Installs or uninstalls neckguide as a desktop app: the binary, the desktop
# entry, the icons in the hicolor theme, the AppStream metainfo, the bash
# completion and the manual pages. Called by `make install` and `make
# uninstall` (and `make deb`, which stages the same files).
#   scripts/install.sh install|uninstall
# Environment:
#   PREFIX   where to install (default: /usr/local as root, ~/.local otherwise)
#   DESTDIR  a staging root put before PREFIX (packaging, tests)
#   BIN      the binary to install (default: target/release/neckguide, or under
#            CARGO_TARGET_DIR when it is set)
set -euo pipefail
cd "$(dirname "$0")/.."

app_id=io.github.neckguide.Neckguide
if [ -z "${PREFIX:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then PREFIX=/usr/local; else PREFIX=$HOME/.local; fi
fi
root=${DESTDIR:-}$PREFIX
bin=${BIN:-${CARGO_TARGET_DIR:-target}/release/neckguide}
sizes=(16 24 32 48 64 128 256 512)

# Every file installed: "source destination mode" (the completion is made
# by the binary itself, its source is empty).
files=(
  "$bin bin/neckguide 755"
  "assets/desktop/$app_id.desktop share/applications/$app_id.desktop 644"
  "assets/desktop/$app_id.metainfo.xml share/metainfo/$app_id.metainfo.xml 644"
  "assets/app-icon.svg share/icons/hicolor/scalable/apps/$app_id.svg 644"
)
for s in "${sizes[@]}"; do
  files+=("assets/icons/${s}x${s}.png share/icons/hicolor/${s}x${s}/apps/$app_id.png 644")
done
completion=share/bash-completion/completions/neckguide
# The manual pages, made by the binary too: neckguide.1 and one per command.
man=share/man/man1

refresh_caches() {
  # Only for a real install into a prefix whose icon theme has an index
  # (a package's triggers do this for `make deb`).
  [ -z "${DESTDIR:-}" ] || return 0
  if [ -f "$root/share/icons/hicolor/index.theme" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t -f "$root/share/icons/hicolor" || true
  fi
}

case "${1:-}" in
  install)
    [ -x "$bin" ] || { echo "install.sh: no binary at $bin (build it first: cargo build --release)" >&2; exit 1; }
    for f in "${files[@]}"; do
      read -r src dest mode <<<"$f"
      install -D -m "$mode" "$src" "$root/$dest"
    done
    # Without its symbols, as packages ship binaries (a tenth of the size),
    # nor the compilers' version notes (.comment).
    strip --remove-section=.comment "$root/bin/neckguide"
    mkdir -p "$root/$(dirname "$completion")"
    "$bin" completions bash > "$root/$completion"
    chmod 644 "$root/$completion"
    pages=$(mktemp -d)
    "$bin" manual "$pages" >/dev/null
    # Compressed, as man-db reads them and Debian's policy wants them; -n:
    # no name or time inside, so the same pages give the same bytes.
    gzip -9n "$pages"/*.1
    install -d "$root/$man"
    install -m 644 "$pages"/*.1.gz "$root/$man/"
    rm -rf "$pages"
    refresh_caches
    echo "Installed neckguide in $root"
    ;;
  uninstall)
    dirs=()
    rm -f "$root/$man"/neckguide.1.gz "$root/$man"/neckguide-*.1.gz
    for f in "${files[@]}" "- $completion -" "- $man/neckguide.1.gz -"; do
      read -r _ dest _ <<<"$f"
      rm -f "$root/$dest"
      d=$(dirname "$dest")
      # The folders on the way, deepest first, up to (not including) the prefix.
      while [ "$d" != "." ]; do dirs+=("$d"); d=$(dirname "$d"); done
    done
    # Remove the folders left empty, the deepest first.
    printf '%s\n' "${dirs[@]}" | sort -u | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2- |
      while read -r d; do rmdir "$root/$d" 2>/dev/null || true; done
    refresh_caches
    echo "Uninstalled neckguide from $root"
    ;;
  *)
    echo "usage: $0 install|uninstall" >&2
    exit 2
    ;;
esac
