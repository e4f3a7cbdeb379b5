"""The welcome: one screen on first start saying what the sample plan is and where to start,
and asking once for the user's name (the change log's author). Help ▸ Welcome shows it
again; Preferences edits the name later."""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QVBoxLayout,
)

from app.paths import user_sample_path
from ui.plain_text import plain_label

WHAT_THE_SAMPLE_IS = (
    "This is your own copy of the sample plan, built from the public papers of one county's "
    "Children's Trust Board (2010–2023): three Children and Young People's Plans with their "
    "indicators, figures and targets, and the 2018-23 plan's board meetings, ratings and "
    "its May 2019 report. Change anything: the original stays untouched.")
WHERE_TO_START = (
    "Where to start: the window shows the 2018-23 plan at its latest meeting with ratings "
    "(the Meeting list at the top chooses another). Pick a priority in the tree on the left "
    "to see its Red, Amber and Green counts, or an indicator for its chart, figures and the "
    "board's rating and commentary. File ▸ New plan starts your own; File ▸ Export Board "
    "Report makes the PDF for the agenda.")
ANOTHER_PLAN = (
    "Pick an item in the tree on the left to see its ratings, or an indicator for its chart, "
    "figures and the board's rating and commentary; the Meeting list at the top chooses "
    "which meeting's ratings you see. The sample plan, built from one county's real "
    "Children's Trust papers, is in File ▸ Open Recent once you have opened it.")


class WelcomeDialog(QDialog):
    def __init__(self, user_name: str, on_sample: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Welcome to Boardpack")
        layout = QVBoxLayout(self)
        heading = plain_label("Welcome to Boardpack")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(heading)
        for text in (WHAT_THE_SAMPLE_IS, WHERE_TO_START) if on_sample else (ANOTHER_PLAN,):
            layout.addWidget(plain_label(text, wrap=True))
        form = QFormLayout()
        self.name = QLineEdit(user_name)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText(os.environ.get("USER", "") or "your name")
        form.addRow("Your &name:", self.name)
        layout.addLayout(form)
        layout.addWidget(plain_label(
            "Your name is recorded with each change you make, so the board can see who "
            "changed what. File ▸ Preferences changes it later.", wrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # wrapped text fits


def show_welcome(window) -> WelcomeDialog:
    """Show the welcome over the window (not blocking); what is typed as the name becomes
    the author of the user's changes from then on."""
    on_sample = window.path is not None and \
        window.path.absolute() == user_sample_path().absolute()
    dialog = WelcomeDialog(window.prefs.user_name, on_sample, window)

    def done(_result: int) -> None:
        name = dialog.name.text().strip()
        window.prefs.welcomed = True
        if name:
            window.prefs.user_name = name
        window.prefs.save()
        window.files.author = window.prefs.author()
        if window.services is not None:
            window.services.set_author(window.files.author)

    dialog.finished.connect(done)
    window.welcome = dialog
    dialog.open()
    return dialog


def welcome_first_time(window) -> WelcomeDialog | None:
    """On the user's first start only: the welcome (it is shown once)."""
    if window.prefs.welcomed:
        return None
    return show_welcome(window)
