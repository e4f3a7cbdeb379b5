"""The one escaping helper (app/plain_text.py), and `boardpack info` printing plan text
without the terminal acting on it."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from app.cli import PlanFiles, main
from app.plain_text import escape_markup, literal_rich_text, terminal_safe

HOSTILE = '<img src="file:///etc/hosts"><font size=40>X</font> R&D'


def test_escape_markup_leaves_no_markup():
    out = escape_markup(HOSTILE + " it's \"quoted\" &amp;")
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert out.startswith("&lt;img src=&quot;file:///etc/hosts&quot;&gt;")
    assert "R&amp;D" in out and "&amp;amp;" in out
    assert escape_markup(None) == "" and escape_markup(12) == "12"


def test_literal_rich_text_reads_back_as_typed():
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.text = [], ""

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text += data

    typed = HOSTILE + "\nsecond line"
    parser = Text()
    parser.feed(literal_rich_text(typed))
    assert parser.tags == ["p"] and parser.text == typed
    assert literal_rich_text("Plain words\nand a line") == "Plain words\nand a line"


@pytest.mark.parametrize("typed, shown", [
    ("\x1b[31mRed\x1b[0m", "Red"),
    ("\x1b]0;new window title\x07after", "after"),
    ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),
    ("\x9b2Jcleared \x9d0;t\x9cok", "cleared ok"),
    ("\x1bPq#0;2;0;0;0\x1b\\sixel gone", "sixel gone"),
    ("bell\x07 back\x08space del\x7f cr\rline", "bell backspace del crline"),
    ("keep\ttabs\nand newlines", "keep\ttabs\nand newlines"),
    ("Children’s Trust – £5 ≥ 3 Дети", "Children’s Trust – £5 ≥ 3 Дети"),
    ("lone escape at the end \x1b", "lone escape at the end "),
])
def test_terminal_safe(typed, shown):
    assert terminal_safe(typed) == shown


def test_info_prints_no_terminal_controls(tmp_path, capsys):
    path = tmp_path / "plan.boardpack"
    files = PlanFiles(author="Test Officer")
    services = files.create(path)
    plan = services.plans.create_plan("Plan")
    services.plans.add_node(plan.id, None, "Priority", kind="priority", ref="P1")
    services.reports.create_report(plan.id, "Report", report_date=date(2019, 5, 24))
    services.close()
    # A file written before the services refused control characters, or by another tool.
    evil = "Evil\x1b]0;pwned\x07\x1b[2J\x1b[31mRed\x1b[0m\x9b1;1H\r\x08 tab\tend"
    with sqlite3.connect(path) as db:
        for table in ("plans", "nodes", "reports"):
            db.execute(f"UPDATE {table} SET title = ?", (evil,))
    db.close()
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x08\r\x9b")
    assert "Plan: EvilRed tab\tend" in out and "Reports: EvilRed tab\tend 24/05/2019" in out
    assert "P1 EvilRed tab\tend" in out


def test_error_messages_print_no_terminal_controls(tmp_path, capsys):
    path = tmp_path / "plan.boardpack"
    assert main(["new", str(path), "--title", "Plan"]) == 0
    capsys.readouterr()
    code = main(["report", str(path), "--report", "\x1b[2Jgone\x07", "-o",
                 str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "No single report 'gone'" in err and "\x1b" not in err
