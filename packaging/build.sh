#!/usr/bin/env bash
# Builds a one-folder bundle in dist/boardpack that runs without Python installed.
#   packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
.venv/bin/python -m pip install -q "pyinstaller>=6,<7"
cd packaging
../.venv/bin/pyinstaller --noconfirm --clean --distpath ../dist --workpath ../build boardpack.spec
echo "Built dist/boardpack ($(du -sh ../dist/boardpack | cut -f1)); run dist/boardpack/boardpack"
