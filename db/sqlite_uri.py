"""The SQLite URI of a plan file, for every kind of path a laptop may give: spaces and
non-ASCII letters are percent-encoded (pathlib does that), and a Windows network path
(`\\\\server\\share\\plan.boardpack`) keeps its server in the path, because SQLite refuses a URI
authority other than localhost: `file:////server/share/plan.boardpack`, as SQLite's own
documentation writes a UNC path."""

from __future__ import annotations

from pathlib import PurePath


def sqlite_uri(path: PurePath, mode: str) -> str:
    """`path` must be absolute; `mode` is SQLite's: "ro" or "rw"."""
    uri = path.as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):  # a network path
        uri = "file:////" + uri[len("file://"):]
    return f"{uri}?mode={mode}"
