#!/usr/bin/env bash
# Builds a Debian package of neckguide from the files `make install` puts in
# place (scripts/install.sh with PREFIX=/usr into a staging folder), written
# with dpkg-deb alone: no packaging tool to build or install first.
#   scripts/make-deb.sh [OUTPUT_DIR]    (default: target/debian)
# Environment: BIN, the binary to package (default: target/release/neckguide,
#   or under CARGO_TARGET_DIR when it is set);
#   DEB_COMPRESSION, dpkg-deb's compressor (default xz, as Debian's own
#   packages; the test uses gzip, ten times faster).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/debian}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
arch=$(dpkg --print-architecture)
bin=${BIN:-${CARGO_TARGET_DIR:-target}/release/neckguide}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

PREFIX=/usr DESTDIR=$stage/root BIN=$bin scripts/install.sh install >/dev/null

# What every Debian package carries in its doc folder: the copyright in the
# machine-readable (DEP-5) format and the changelog, named changelog.gz in
# a native package (one with no Debian revision, as this one). Its newest
# entry must be this version.
changelog_version=$(sed -n '1s/^neckguide (\([^)]*\)).*/\1/p' assets/debian/changelog)
if [ "$changelog_version" != "$version" ]; then
  echo "make-deb.sh: assets/debian/changelog's newest entry is ${changelog_version:-missing}, Cargo.toml's version $version: add an entry for $version" >&2
  exit 1
fi
doc=$stage/root/usr/share/doc/neckguide
install -D -m 644 assets/debian/copyright "$doc/copyright"
gzip -9n < assets/debian/changelog > "$doc/changelog.gz"
chmod 644 "$doc/changelog.gz"

# The libraries the binary links, as Debian packages (dpkg-shlibdeps reads a
# control file; it gets a minimal one of its own), and the ones the window
# opens at run time (X11, Wayland keyboard, GL), which no linker records.
mkdir -p "$stage/shlibs/debian"
printf 'Source: neckguide\n\nPackage: neckguide\nArchitecture: any\n' > "$stage/shlibs/debian/control"
linked=$(cd "$stage/shlibs" && dpkg-shlibdeps -O "$stage/root/usr/bin/neckguide" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
opened="libx11-6, libxcursor1, libxrandr2, libxi6, libxkbcommon-x11-0, libgl1, libegl1"

mkdir -p "$stage/root/DEBIAN"
# Each file's checksum, for `dpkg --verify` (debsums).
(cd "$stage/root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$stage/root/DEBIAN/md5sums"
size=$(du -sk "$stage/root/usr" | cut -f1)
cat > "$stage/root/DEBIAN/control" <<CONTROL
Package: neckguide
Version: $version
Architecture: $arch
Maintainer: The neckguide developers <neckguide@users.noreply.github.com>
Installed-Size: $size
Depends: ${linked:+$linked, }$opened
Recommends: xdg-desktop-portal, speech-dispatcher
Section: misc
Priority: optional
Homepage: https://github.com/neckguide/neckguide
Description: guides home exercises for a pinched nerve in the neck
 neckguide walks a person with a pinched nerve in the neck (cervical
 radiculopathy) through the daily home exercises their therapist gave them,
 with timed holds, sound and spoken cues, a pain stop and a history.
 .
 Not medical advice: follow your therapist or doctor.
CONTROL

mkdir -p "$out"
deb=$out/neckguide_${version}_${arch}.deb
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$stage/root" "$deb" >/dev/null
echo "$deb"
