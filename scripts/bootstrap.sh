#!/usr/bin/env bash
# Installs what Boardpack needs on Debian (run as root, or with sudo available):
# the Qt runtime libraries (offscreen and under Xvfb), fonts, poppler-utils for PDF
# pages, and a virtual environment in .venv with the app (and, with --test, the test tools;
# with --packaging, PyInstaller).
# Quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
case "${1:-}" in
  --test) extras="[test]" ;;            # pytest, ruff, import-linter...
  --packaging) extras="[packaging]" ;;  # PyInstaller (packaging/build.sh)
esac

DEBIAN_PACKAGES=(
  python3 python3-venv python3-pip
  libglib2.0-0 libegl1 libgl1 libfontconfig1 fonts-dejavu-core libxkbcommon0 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  poppler-utils
)
case "${1:-}" in
  --test) DEBIAN_PACKAGES+=(desktop-file-utils appstream) ;;  # validate packaging/linux
  --packaging) DEBIAN_PACKAGES+=(binutils) ;;  # PyInstaller reads and strips binaries
esac

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends "${missing[@]}"
  fi
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Boardpack needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
  exit 1
fi

stamp=".venv/.installed${extras}"
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
fi
