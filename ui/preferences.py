"""The user's name and preferences, in a small JSON file in the app's config folder.

Window geometry and splitter positions live in QSettings (window state only); everything
the user chooses lives here, so it can be read, backed up and reset on its own.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
)

MAX_RECENT = 8
log = logging.getLogger(__name__)


@dataclass
class Preferences:
    user_name: str = ""  # the change-log author; empty = the login name
    reopen_last_file: bool = True
    welcomed: bool = False  # the welcome (and the question of the name) was shown
    commentary_delay_ms: int = 600
    recent_files: list[str] = field(default_factory=list)
    last_meeting: dict[str, str] = field(default_factory=dict)  # plan file -> meeting id

    @staticmethod
    def path() -> Path:
        base = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppConfigLocation)
        return Path(base) / "preferences.json"

    @classmethod
    def load(cls) -> Preferences:
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            data = {}
        defaults = cls()
        kept = {}
        for f in fields(cls):
            value = data.get(f.name, getattr(defaults, f.name))
            if _well_typed(value, getattr(defaults, f.name)):
                kept[f.name] = value
            else:  # a hand-edited or damaged file: this setting falls back to its default
                log.warning("%s: %s should be a %s, not %r; using the default.", cls.path(),
                            f.name, type(getattr(defaults, f.name)).__name__, value)
        prefs = cls(**kept)
        prefs.recent_files = [str(p) for p in prefs.recent_files][:MAX_RECENT]
        prefs.last_meeting = {str(k): str(v) for k, v in prefs.last_meeting.items()}
        return prefs

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        tmp.replace(path)

    def author(self) -> str | None:
        return self.user_name.strip() or os.environ.get("BOARDPACK_AUTHOR") or None

    def remember_meeting(self, path: str | Path, meeting_id: str | None) -> None:
        key = str(Path(path).absolute())
        self.last_meeting.pop(key, None)
        if meeting_id is not None:
            self.last_meeting[key] = meeting_id
        while len(self.last_meeting) > MAX_RECENT:
            self.last_meeting.pop(next(iter(self.last_meeting)))

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).absolute())
        self.recent_files = [text, *[p for p in self.recent_files if p != text]][:MAX_RECENT]


def _well_typed(value: object, default: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    return isinstance(value, type(default))


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.prefs = prefs
        form = QFormLayout(self)
        self.name = QLineEdit(prefs.user_name)
        self.name.setPlaceholderText(os.environ.get("USER", "your login name"))
        self.name.setAccessibleName("Your name")
        self.name.setToolTip("Shown in the change history as the author of your changes.")
        form.addRow("Your &name:", self.name)
        self.reopen = QCheckBox("Open the last plan on start")
        self.reopen.setChecked(prefs.reopen_last_file)
        form.addRow(self.reopen)
        self.delay = QSpinBox()
        self.delay.setRange(200, 5000)
        self.delay.setSuffix(" ms")
        self.delay.setValue(prefs.commentary_delay_ms)
        form.addRow("Save commentary after a &pause of:", self.delay)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.prefs.user_name = self.name.text().strip()
        self.prefs.reopen_last_file = self.reopen.isChecked()
        self.prefs.commentary_delay_ms = self.delay.value()
        self.prefs.save()
        super().accept()
