#!/usr/bin/env bash
# Starts Boardpack on the user's copy of the bundled sample plan (or on FILE).
#   scripts/run.sh [FILE]
# With no screen (no DISPLAY/WAYLAND_DISPLAY), it runs on a virtual X screen (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
  exec .venv/bin/boardpack open "$@"
fi
echo "No screen found: running on a virtual screen (Xvfb). Set DISPLAY to see the window."
exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/boardpack open "$@"
