"""Plan text is shown as typed in every widget: a title of `<img src="file:///…"><font …>`
is never read as HTML (Qt would draw the local file and the huge font)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPointF, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip

from app.cli import PlanFiles
from app.domain import ValidationError

HOSTILE = '<img src="file:///etc/hosts"><font size=40>X</font> R&D'
FILE_NAME = "<u>R&D.boardpack"  # a file name Qt would also take for markup


def shown(text: str | None, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt displays for `text` in a widget with text format `fmt` (tooltips: AutoText)."""
    text = text or ""
    if fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                         and QtGui.Qt.mightBeRichText(text)):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def label_shows(label: QLabel) -> str:
    return shown(label.text(), label.textFormat())


def literal(text: str) -> bool:
    """Hostile text, if any of it shows, shows whole: tags as typed, no image, R&D."""
    return "R&D" not in text or HOSTILE in text


def all_tooltips(model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    tips = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for r in range(model.rowCount(parent)):
        for c in range(columns):
            idx = model.index(r, c, parent)
            tip = model.data(idx, Qt.ItemDataRole.ToolTipRole)
            if tip:
                tips.append(shown(tip))
        tips += all_tooltips(model, model.index(r, 0, parent))
    return tips


def on_modal(handle, trigger) -> list:
    """Run `trigger`, which opens a modal dialog; `handle(dialog)` reads it, then it is
    closed (Cancel). Returns what `handle` returned."""
    seen: list = []
    tries = [0]

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is None:
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(10, poll)
            return
        seen.append(handle(w))
        w.reject()

    QTimer.singleShot(0, poll)
    trigger()
    assert seen, "no dialog was shown"
    return seen


def build_hostile_plan(path: Path) -> dict[str, str]:
    s = PlanFiles(author="Test Officer").create(path)
    try:
        plan = s.plans.create_plan(HOSTILE, board=HOSTILE)
        pri = s.plans.add_node(plan.id, None, HOSTILE, kind="priority", ref="P1",
                               lead_organisation=HOSTILE)
        out = s.plans.add_node(plan.id, pri.id, HOSTILE, kind="outcome")  # no ref: named
        other = s.plans.add_node(plan.id, pri.id, "Other outcome", kind="outcome", ref="O2")
        ind = s.indicators.create_indicator(
            HOSTILE, ref="1.1", unit="count", polarity="lower", period_type="fy",
            frequency=HOSTILE, definition=HOSTILE, decimals=0, node_id=out.id)
        elsewhere = s.indicators.create_indicator(
            HOSTILE, ref="2.1", unit="count", polarity="lower", period_type="fy",
            definition=HOSTILE, node_id=other.id)
        s.indicators.set_value(ind.id, "fy:2016", 10, note=HOSTILE)
        s.indicators.set_value(ind.id, "fy:2017", 12, note=HOSTILE)
        s.indicators.set_value(ind.id, "fy:2017", 5, breakdown=HOSTILE)
        s.indicators.set_value(ind.id, "fy:2017", 7, breakdown="cohort: Boys")
        s.indicators.add_target(ind.id, "fy:2018", "at_most", 8, raw_text=HOSTILE)
        early = s.assessments.add_meeting(plan.id, date(2018, 11, 15), HOSTILE)
        s.assessments.assess(early.id, ind.id, commentary=HOSTILE)
        m = s.assessments.add_meeting(plan.id, date(2019, 3, 21), HOSTILE)
        s.assessments.assess(m.id, ind.id, recorded_rag="A", override_reason=HOSTILE,
                             commentary=HOSTILE)
        s.reports.create_report(plan.id, HOSTILE, report_date=date(2019, 5, 24),
                                meeting_ids=[m.id])
        return {"plan": plan.id, "priority": pri.id, "outcome": out.id, "indicator": ind.id,
                "elsewhere": elsewhere.id, "meeting": m.id}
    finally:
        s.close()


@pytest.fixture
def hostile(qtbot, tmp_path):
    from ui.application import create_window, make_app

    make_app()
    path = tmp_path / FILE_NAME
    ids = build_hostile_plan(path)
    w = create_window(PlanFiles(), path)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.ratings.ensure_all()
    w.ids = ids
    yield w
    w.close()


def select(qtbot, w, key: str) -> None:
    assert w.select_key(key)
    qtbot.waitUntil(lambda: w.current_item() is not None and w.current_item().key == key)


def test_tree_tooltips_show_text_as_typed(hostile):
    tips = all_tooltips(hostile.model)
    assert all(literal(t) for t in tips)
    assert "\ufffc" not in "".join(tips)  # no image drawn
    assert sum(HOSTILE in t for t in tips) >= 5  # plan, items, indicators, the board's reason


def test_panels_show_text_as_typed(qtbot, hostile):
    w = hostile
    select(qtbot, w, f"ind:{w.ids['outcome']}:{w.ids['indicator']}")
    detail, rag, panel = w.detail, w.rag_panel, w.indicator_panel
    assert HOSTILE in label_shows(detail.indicator_heading)
    assert f"Frequency: {HOSTILE}" in label_shows(detail.indicator_facts)
    assert HOSTILE in label_shows(rag.heading)
    assert rag.reason.text() == HOSTILE and rag.commentary.toPlainText() == HOSTILE
    history_tips = all_tooltips(rag.history_model)
    assert HOSTILE in history_tips and all(literal(t) for t in history_tips)
    figure_tips = all_tooltips(panel.model)
    assert any(f"Note: {HOSTILE}" in t for t in figure_tips)
    assert any(HOSTILE in t for t in all_tooltips(
        _targets_model(qtbot, panel))), "the target's printed text"
    assert all(literal(t) for t in figure_tips)
    for label in [*w.findChildren(QLabel)]:
        assert literal(label_shows(label)), label.text()
    w.history_dock.show()
    qtbot.waitUntil(lambda: w.history.model.rowCount() > 0)
    history = all_tooltips(w.history.model)
    assert any(HOSTILE in t for t in history) and all(literal(t) for t in history)


def _targets_model(qtbot, panel):
    """The indicator's Properties dialog (window-modal): its labels and target history."""
    dialog = panel.open_properties()
    for label in dialog.findChildren(QLabel):
        assert literal(label_shows(label)), label.text()
    model = dialog.history
    dialog.reject()
    return model


def test_chart_legend_title_and_hover_show_text_as_typed(qtbot, hostile):
    w = hostile
    w.resize(1440, 800)  # the chart's pane as wide as on a desktop: the title elides less
    select(qtbot, w, f"ind:{w.ids['outcome']}:{w.ids['indicator']}")
    chart = w.indicator_panel.chart
    legend = [label.item.toPlainText() for _sample, label in chart.legend.items]
    assert any(HOSTILE in t for t in legend), legend
    assert all(literal(t) for t in legend)
    assert HOSTILE[:30] in chart.title.item.toPlainText()  # elided to the view's width
    assert "\ufffc" not in chart.title.item.toPlainText()
    assert literal(chart.plot.getAxis("left").label.toPlainText())
    # hovering over 2017/18 lists the breakdowns, one named with markup
    index = next(i for i, c in enumerate(chart.spec.categories) if c.label == "2017/18")
    scene = chart.plot.vb.mapViewToScene(QPointF(index, chart.spec.breakdowns[0].points[0]
                                                  .value or 0))
    chart._mouse_moved(scene)
    assert HOSTILE in chart.hover_text
    assert HOSTILE in shown(QToolTip.text())


def test_delete_confirmation_shows_text_as_typed(qtbot, hostile):
    w = hostile
    w.tree_actions.confirm = w.tree_actions._ask
    select(qtbot, w, f"node:{w.ids['outcome']}")

    def read(box: QMessageBox):
        return box.text(), box.textFormat()

    (text, fmt), = on_modal(read, w.acts["delete"].trigger)
    assert HOSTILE in shown(text, fmt)
    assert w.ids["outcome"] in w.model.nodes  # cancelled: nothing deleted


def test_link_and_new_indicator_dialogs_show_text_as_typed(qtbot, hostile):
    w = hostile
    w.tree_actions.pick_indicator = w.tree_actions._pick
    w.tree_actions.ask_new_indicator = w.tree_actions._ask_new_indicator
    select(qtbot, w, f"node:{w.ids['outcome']}")

    def read(dialog):
        return [label_shows(label) for label in dialog.findChildren(QLabel)], dialog

    (labels, dialog), = on_modal(read, w.acts["link"].trigger)
    assert any(f"under {HOSTILE} too" in t for t in labels)
    tips = all_tooltips(dialog.model)
    assert tips and all(HOSTILE in t for t in tips)  # the definitions
    (labels, _dialog), = on_modal(read, w.acts["new_indicator"].trigger)
    assert any(f"under {HOSTILE}." in t for t in labels)


def test_report_dialog_and_messages_show_text_as_typed(qtbot, hostile, tmp_path):
    from ui.report_export import ReportOptionsDialog

    w = hostile
    dlg = ReportOptionsDialog(w, w.services, w.ids["meeting"])
    qtbot.addWidget(dlg)
    labels = [label_shows(label) for label in dlg.findChildren(QLabel)]
    assert any(f"21 March 2019 – {HOSTILE}" in t for t in labels)
    assert all(literal(t) for t in labels)
    assert HOSTILE in dlg.report.currentText()

    def read(box: QMessageBox):
        return shown(box.text(), box.textFormat())

    error = ValidationError(f"'{HOSTILE}' cannot be moved there.")
    assert on_modal(read, lambda: w.show_error(error)) == [f"'{HOSTILE}' cannot be moved there."]
    bad = tmp_path / "elsewhere" / FILE_NAME
    bad.parent.mkdir()
    bad.write_bytes(b"not a plan " * 40)
    w.file_actions.warn = w.file_actions._warn
    said, = on_modal(read, lambda: w.file_actions.open_path(bad))
    assert said.startswith(f"{FILE_NAME}: ")


def test_read_only_banner_shows_the_file_name_as_typed(qtbot, tmp_path):
    from ui.application import create_window, make_app

    make_app()
    path = tmp_path / FILE_NAME
    build_hostile_plan(path)
    w = create_window(PlanFiles(), path, read_only=True)
    qtbot.addWidget(w)
    try:
        assert label_shows(w.banner).startswith(f"{FILE_NAME} is open read-only")
        assert w.windowTitle().startswith(FILE_NAME)
    finally:
        w.close()
