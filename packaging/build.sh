#!/usr/bin/env bash
# Builds the one-folder bundle in dist/boardpack that runs without Python installed:
#   packaging/build.sh
# From a fresh clone: installs what it needs first (scripts/bootstrap.sh --packaging adds
# PyInstaller to .venv). dist/boardpack/Boardpack is the window, dist/boardpack/boardpack-cli
# the command line. Prints the bundle's size and the build time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --packaging
start=$(date +%s)
cd packaging
../.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath ../dist --workpath ../build boardpack.spec
cd ..
seconds=$(( $(date +%s) - start ))
size_mb=$(du -sm dist/boardpack | cut -f1)
echo "Built dist/boardpack: ${size_mb} MB in ${seconds} s (PyInstaller only)."
echo "Run dist/boardpack/Boardpack (window) or dist/boardpack/boardpack-cli (command line)."
