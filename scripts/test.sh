#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite (lint, import contracts, then pytest).
#   scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
.venv/bin/ruff check app db ui tests benchmarks scripts packaging
.venv/bin/lint-imports --no-cache  # the layering contracts in pyproject.toml
exec .venv/bin/python -u -m pytest -q "$@"
