"""The window reaches the plan's data only through the services: no module in ui/ touches
the store behind them (`services.store`, `getattr(services, "store")`), so every read and
write the window does is a service method the command line and the tests use too."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "ui"


def store_reaches(source: str) -> list[int]:
    """Line numbers where `source` reaches for an attribute called `store`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "store":
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr") and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and node.args[1].value == "store"):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_module_in_ui_reaches_for_the_store():
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 20
    found = [f"{path.relative_to(UI.parent)}:{line}" for path in modules
             for line in store_reaches(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_finds_a_shortcut_and_nothing_else():
    assert store_reaches("w.services.store.changes()\n"
                         "closed = getattr(s, 'store', None)\n"
                         "s.store = other\n") == [1, 2, 3]
    assert store_reaches("self.store_path = 1\nrestore()\nstore = 2\nstore.x()\n") == []
