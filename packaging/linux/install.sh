#!/usr/bin/env bash
# Installs the built bundle (dist/boardpack) for this user on Linux, with its menu entry,
# icons and the .boardpack file type, so a plan opens by double-click:
#   packaging/linux/install.sh [PREFIX]        PREFIX defaults to ~/.local
#   sudo packaging/linux/install.sh /usr/local for every user of the machine
# PREFIX/lib/boardpack holds the bundle, PREFIX/bin/boardpack starts it (window, or the
# command line with a command), PREFIX/share has the desktop entry, metainfo, MIME type and
# icons. Uninstall: packaging/linux/install.sh --uninstall [PREFIX].
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
uninstall=false
if [ "${1:-}" = "--uninstall" ]; then uninstall=true; shift; fi
prefix="${1:-$HOME/.local}"
id=org.boardpack.Boardpack
share="$prefix/share"
sizes=(16 24 32 48 64 128 256 512)

files=("$prefix/lib/boardpack" "$prefix/bin/boardpack" "$share/applications/$id.desktop"
       "$share/metainfo/$id.metainfo.xml" "$share/mime/packages/$id.xml")
for s in "${sizes[@]}"; do
  files+=("$share/icons/hicolor/${s}x${s}/apps/$id.png"
          "$share/icons/hicolor/${s}x${s}/mimetypes/application-x-boardpack.png")
done

if $uninstall; then
  rm -rf "${files[@]}"
else
  [ -x "$root/dist/boardpack/Boardpack" ] || { echo "Build it first: packaging/build.sh" >&2; exit 1; }
  mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo" \
           "$share/mime/packages"
  rm -rf "$prefix/lib/boardpack"
  cp -a "$root/dist/boardpack" "$prefix/lib/boardpack"
  ln -sfn "$prefix/lib/boardpack/Boardpack" "$prefix/bin/boardpack"
  # The menu and file managers may not search PREFIX/bin: name the command by its path.
  sed -e "s|^Exec=boardpack |Exec=$prefix/bin/boardpack |" \
      -e "s|^TryExec=boardpack$|TryExec=$prefix/bin/boardpack|" \
      "$here/$id.desktop" > "$share/applications/$id.desktop"
  chmod 644 "$share/applications/$id.desktop"
  install -m 644 "$here/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
  install -m 644 "$here/$id.mime.xml" "$share/mime/packages/$id.xml"
  for s in "${sizes[@]}"; do
    install -D -m 644 "$root/resources/icons/boardpack-$s.png" \
      "$share/icons/hicolor/${s}x${s}/apps/$id.png"
    install -D -m 644 "$root/resources/icons/boardpack-file-$s.png" \
      "$share/icons/hicolor/${s}x${s}/mimetypes/application-x-boardpack.png"
  done
fi
# Refresh the desktop's caches where the tools exist (they are optional).
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" 2>/dev/null || true
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
if $uninstall; then echo "Removed Boardpack from $prefix"; else
  echo "Installed Boardpack in $prefix ($prefix/bin/boardpack)"; fi
