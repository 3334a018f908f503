#!/usr/bin/env bash
# Renders assets/icon/callscope.svg into the sizes each OS wants; the results are committed, so a
# build never needs these tools. Run after editing the SVG.
#   Linux:   callscope-<n>.png (the desktop entry, the window icon, jpackage --icon)
#   Windows: callscope.ico (16–256)
#   macOS:   callscope.icns (16–1024, PNG entries)
# Needs rsvg-convert (librsvg2-bin) and ImageMagick's convert (for the .ico).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"

for tool in rsvg-convert convert; do
  command -v "$tool" >/dev/null || { echo "make-icons: $tool missing (apt-get install librsvg2-bin imagemagick)" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" callscope.svg -o "$tmp/$n.png"
done
for n in 16 24 32 48 64 128 256 512; do
  cp "$tmp/$n.png" "callscope-$n.png"
done

# Windows keeps the small sizes as bitmaps and 256 as PNG; ImageMagick writes that layout.
convert "$tmp"/{16,24,32,48,64,256}.png callscope.ico

# ICNS: "icns" + total length, then one (type, length, PNG) entry per size; lengths are big-endian
# and include the 8-byte headers. The @2x types reuse the larger PNGs.
be32() { printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"; }
entries=(icp4:16 icp5:32 icp6:64 ic07:128 ic08:256 ic09:512 ic10:1024 ic11:32 ic12:64 ic13:256 ic14:512)
body="$tmp/body"
: >"$body"
for entry in "${entries[@]}"; do
  type=${entry%%:*} png="$tmp/${entry##*:}.png"
  { printf '%s' "$type"; be32 $(($(stat -c %s "$png") + 8)); cat "$png"; } >>"$body"
done
{ printf 'icns'; be32 $(($(stat -c %s "$body") + 8)); cat "$body"; } >callscope.icns

ls -l callscope.svg callscope-*.png callscope.ico callscope.icns
