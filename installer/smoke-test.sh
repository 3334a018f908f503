#!/usr/bin/env bash
# Builds the Linux app image and .deb, installs the .deb into a scratch root, and checks the
# installed app as a user gets it: its launcher runs the command line, generates data with the
# embedded engine, opens the main window on a virtual display (ready marker), and writes only to
# the user's directories, never to the install directory.
#
# Needs: JDK 25 (JAVA_HOME), fakeroot, binutils, xvfb, xauth; the engine library fetched once
# (the test suite does that). Called by .ci/run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[installer-test] %s\n' "$*"; }
fail() { printf '[installer-test] FAIL: %s\n' "$*" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/callscope-installer-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# --- build: the README's install command, limited to what this test installs ---
# (--no-build checks what target/installer already holds)
if [[ ${1:-} != --no-build ]]; then
  start=$SECONDS
  ./mvnw -B -q -Pinstaller -DskipTests -Dinstaller.types=deb package >"$scratch/build.log" 2>&1 \
    || { tail -n 60 "$scratch/build.log" >&2; fail "installer build failed"; }
  grep -E '^\[installer\] (done|jpackage|jlink)|^  ' "$scratch/build.log" || true
  log "build: $((SECONDS - start)) s"
fi
deb=$(ls target/installer/callscope_*_amd64.deb)
[[ -x target/installer/Callscope/bin/Callscope ]] || fail "no app image at target/installer/Callscope"

# --- the package: declares what JavaFX needs, and apt could install it here ---
depends=$(dpkg-deb -f "$deb" Depends)
[[ $depends == *libgtk-3-0* && $depends == *libxtst6* ]] || fail "Depends lacks GTK/Xtst: $depends"
apt-get install -s -q --no-install-recommends "./$deb" >"$scratch/apt.log" 2>&1 \
  || { cat "$scratch/apt.log" >&2; fail "apt cannot resolve the package's dependencies"; }
dpkg-deb -c "$deb" >"$scratch/contents.txt"
grep -q 'opt/callscope/lib/callscope-Callscope.desktop' "$scratch/contents.txt" || fail "no desktop entry"

# --- install into a scratch root (what dpkg -i would unpack under /) ---
root=$scratch/root
dpkg-deb -x "$deb" "$root"
app=$root/opt/callscope
launcher=$app/bin/Callscope
[[ -x $launcher ]] || fail "no launcher at /opt/callscope/bin/Callscope"
grep -q '^StartupWMClass=Callscope$' "$app/lib/callscope-Callscope.desktop" || fail "desktop entry lacks StartupWMClass"
snapshot() { (cd "$app" && find . -printf '%p %s %T@\n' | sort); }
before=$(snapshot)

# The engine the tests fetched (through the installed launcher, with the real HOME's cache).
engine=$("$launcher" fetch-engine --quiet) || fail "installed launcher: fetch-engine failed"
log "engine: $engine"

# A new user: empty HOME, no XDG overrides; everything the app writes must land below it. Java
# takes user.home from the password database, not $HOME, hence the JAVA_TOOL_OPTIONS.
export HOME=$scratch/home
export JAVA_TOOL_OPTIONS="-Duser.home=$HOME"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME CALLSCOPE_HOME
mkdir -p "$HOME"
export CALLSCOPE_CHDB_LIB=$engine

"$launcher" version >"$scratch/version.txt" || fail "installed launcher: version failed"
grep -q '^Callscope ' "$scratch/version.txt" || fail "unexpected version output: $(cat "$scratch/version.txt")"

start=$SECONDS
timeout 300 "$launcher" demo --calls 5000 --quiet >"$scratch/demo.txt" 2>&1 \
  || { cat "$scratch/demo.txt" >&2; fail "installed launcher: demo failed"; }
log "demo data: $(tail -n 1 "$scratch/demo.txt") ($((SECONDS - start)) s)"

# --- the window, on a virtual display; the app writes the marker once it is shown and connected ---
start=$SECONDS
ready=$scratch/ready.txt
timeout 180 xvfb-run -a -s "-screen 0 1280x900x24" \
  "$launcher" --ready-file "$ready" --exit-after-ready >"$scratch/window.log" 2>&1 \
  || { cat "$scratch/window.log" >&2; fail "the window did not open and close in time (exit $?)"; }
[[ -f $ready ]] || { cat "$scratch/window.log" >&2; fail "no ready marker"; }
sed 's/^/  /' "$ready"
grep -q '^window=shown ' "$ready" || fail "the main window was not shown"
grep -q '^connection=connected Embedded chDB ' "$ready" || fail "the window did not connect to the embedded engine"
log "window: $((SECONDS - start)) s"

# --- per-user directories only ---
[[ "$(snapshot)" == "$before" ]] || { diff <(echo "$before") <(snapshot) >&2 || true; fail "the app wrote into its install directory"; }
[[ -f $HOME/.config/callscope/settings.json ]] || fail "no settings in ~/.config/callscope"
[[ -d $HOME/.local/share/callscope/engine ]] || fail "no engine data in ~/.local/share/callscope"
log "OK: installed app starts, shows its window, connects, and writes only per-user files"
