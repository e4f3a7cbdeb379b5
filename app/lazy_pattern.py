"""Regular expressions compiled when first used rather than at import: app.units holds some
forty, and compiling them all would cost every start of the window a few milliseconds for
parsing it may never do."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands in for `re.compile(pattern, flags)`: `.match`, `.search` and the rest compile
    the pattern on first use, and each is then an ordinary attribute."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"
