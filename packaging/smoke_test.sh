#!/usr/bin/env bash
# Smoke test of the built bundle (run by .ci/run after scripts/test.sh):
#   packaging/smoke_test.sh            build with packaging/build.sh, then check
#   packaging/smoke_test.sh --no-build check the dist/boardpack already built
# On a fresh user folder (XDG_* in a temporary directory), offscreen:
#   - the command line's version is app.__version__;
#   - the window starts, copies the bundled sample into the user folder (the resources
#     package's folder in the bundle), opens it, paints and quits by itself
#     (BOARDPACK_STARTUP_PROBE); its first paint is printed beside `python -m app`'s in the
#     same run; it then draws an indicator's chart (pyqtgraph, loaded after the first paint,
#     is in the bundle);
#   - a second launch with a file hands it to the running window and exits;
#   - the command line exports the sample's May 2019 report, and pdftotext finds its text;
#   - the runs were logged in the user's data folder; the user guide and its pictures are in it;
#   - packaging/linux/install.sh installs it under a prefix (and uninstalls it).
# Ends with "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ "${1:-}" != "--no-build" ]; then
  packaging/build.sh || { echo "smoke: 0 passed, 1 failed"; exit 1; }
fi
BUNDLE="$ROOT/dist/boardpack"
GUI="$BUNDLE/Boardpack"
CLI="$BUNDLE/boardpack-cli"

home=$(mktemp -d -t boardpack-smoke-XXXXXX)
gui_pid=""
cleanup() {
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null
  rm -rf "$home"
}
trap cleanup EXIT
for d in data config cache runtime tmp; do mkdir -p "$home/$d"; done
chmod 700 "$home/runtime"
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/runtime" QT_QPA_PLATFORM=offscreen BOARDPACK_AUTHOR="Smoke Test"
export TMPDIR="$home/tmp"  # where a running window's socket appears (ui/single_instance.py)
SAMPLE="$XDG_DATA_HOME/boardpack/Sample plan.boardpack"

passed=0
failed=0
check() {  # check NAME COMMAND...: run COMMAND, count and report it
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAILED: $name"
  fi
}

version_matches() {
  local want got
  want="boardpack $("$ROOT/.venv/bin/python" -c 'import app; print(app.__version__)')"
  got=$("$CLI" --version)
  [ "$got" = "$want" ] || { echo "  $got, expected $want"; return 1; }
}

window_opens_the_sample() {
  local out
  out=$(BOARDPACK_STARTUP_PROBE="$home/window.png" timeout 120 "$GUI" 2>"$home/gui.err") || {
    cat "$home/gui.err"; return 1; }
  echo "  bundle:    $out"
  [[ "$out" == first-paint* ]] && [ -s "$SAMPLE" ] && [ -s "$home/window.png" ] || {
    cat "$home/gui.err"; return 1; }
  cp "$home/window.png" "$ROOT/dist/smoke-window.png"
  # The same probe through Python, for comparison (a second start: both are warm on disk).
  out=$(cd "$ROOT" && BOARDPACK_STARTUP_PROBE=1 timeout 120 .venv/bin/python -m app 2>/dev/null)
  echo "  python -m app: $out"
  out=$(BOARDPACK_STARTUP_PROBE=1 timeout 120 "$GUI" 2>/dev/null)
  echo "  bundle again:  $out"
  # An indicator selected at once: its chart draws, so the chart library is bundled.
  out=$(BOARDPACK_STARTUP_PROBE=chart timeout 120 "$GUI" 2>"$home/gui.err")
  echo "  bundle, first chart: $(grep first-chart <<<"$out")"
  grep -q "^first-chart" <<<"$out" || { cat "$home/gui.err"; return 1; }
}

second_launch_hands_over() {
  local other="$home/Other plan – 2024.boardpack"
  cp "$SAMPLE" "$other"
  rm -rf "${XDG_CONFIG_HOME:?}"/*  # no recent files yet: see below
  rm -f "$TMPDIR"/boardpack-*  # no socket left by the runs above
  "$GUI" 2>"$home/first.err" &
  gui_pid=$!
  # It listens before it builds its window: its socket then appears in TMPDIR.
  local i
  for i in $(seq 1 240); do
    compgen -G "$TMPDIR/boardpack-*" >/dev/null && break
    kill -0 "$gui_pid" 2>/dev/null || { cat "$home/first.err"; return 1; }
    sleep 0.5
  done
  grep -rqs "Sample plan" "$XDG_CONFIG_HOME" || { echo "  the window did not open the sample"
                                                   return 1; }
  local start=$SECONDS
  timeout 60 "$GUI" "$other" 2>"$home/second.err" || { cat "$home/second.err"; return 1; }
  echo "  handed over in $((SECONDS - start)) s"
  # The running window opened it: it is now first in that window's recent files.
  for i in $(seq 1 120); do
    grep -rqs "Other plan" "$XDG_CONFIG_HOME" && break
    sleep 0.5
  done
  grep -rqs "Other plan" "$XDG_CONFIG_HOME" || { echo "  the running window did not open it"
                                                  return 1; }
  kill "$gui_pid" && wait "$gui_pid" 2>/dev/null
  gui_pid=""
  return 0
}

report_exports() {
  local pdf="$home/May 2019 report.pdf" text
  timeout 300 "$CLI" report "$SAMPLE" --meeting 2019-03-21 -o "$pdf" --charts >/dev/null || return 1
  text=$(pdftotext "$pdf" - | tr -s ' \n' ' ')
  local want
  for want in "Report from" "24th May 2019" "Priorities for 2019-20" \
      "2. Note on what is being done in areas rated Red or Amber" "Appendix A. Indicator charts"; do
    [[ "$text" == *"$want"* ]] || { echo "  the PDF lacks: $want"; return 1; }
  done
}

info_reads_the_sample() {
  "$CLI" info "$SAMPLE" --meeting 2019-03-21 | grep -q "Plan:"
}

logs_and_guide() {
  # The window and the command line above wrote their start to the log in the data folder.
  local log="$XDG_DATA_HOME/boardpack/logs/boardpack.log" image
  grep -q "(window) started" "$log" && grep -q "(command line: report) started" "$log" || {
    echo "  no log of the runs in $log"; return 1; }
  # Help > User guide opens the guide beside the packages (app.paths.user_guide).
  local guide="$BUNDLE/_internal/docs/guide.md"
  grep -q "^## The officer's quarter" "$guide" || { echo "  no user guide at $guide"; return 1; }
  for image in $(grep -o '](guide/[^)]*)' "$guide" | sed 's/^](//; s/)$//'); do
    [ -s "$BUNDLE/_internal/docs/$image" ] || { echo "  the guide lacks $image"; return 1; }
  done
}

installs_for_a_user() {
  local prefix="$home/prefix" id=org.boardpack.Boardpack
  packaging/linux/install.sh "$prefix" >/dev/null || return 1
  "$prefix/bin/boardpack" --version | grep -q "^boardpack " || return 1
  [ -s "$prefix/share/icons/hicolor/48x48/mimetypes/application-x-boardpack.png" ] || return 1
  grep -qx "Exec=$prefix/bin/boardpack %f" "$prefix/share/applications/$id.desktop" || return 1
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$prefix/share/applications/$id.desktop" || return 1
  fi
  packaging/linux/install.sh --uninstall "$prefix" >/dev/null || return 1
  [ ! -e "$prefix/bin/boardpack" ] && [ ! -e "$prefix/lib/boardpack" ]
}

check "the command line's version is app.__version__" version_matches
check "the window opens the bundled sample, paints and quits" window_opens_the_sample
check "the command line reads the plan" info_reads_the_sample
check "the command line exports the May 2019 report" report_exports
check "a second launch with a file hands it to the running window" second_launch_hands_over
check "it logs to the user's data folder and carries the user guide" logs_and_guide
check "it installs for a user (Linux) and uninstalls" installs_for_a_user
echo "bundle: $(du -sm "$BUNDLE" | cut -f1) MB"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
