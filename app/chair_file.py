"""The chair's own file for a plan, in the user's data folder (never in the plan file, never
in its change log): private notes, and questions for officers written while the plan was
open read-only, kept until they are exported for the officer.

One JSON file per plan id (`chair/<plan id>.json`), written whole through
`app.atomic_write`, so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import atomic_write, paths
from app.domain import Question, new_id

FORMAT = "boardpack-chair-file"
VERSION = 1


@dataclass
class PrivateNote:
    """A note only its writer sees, on a plan item or an indicator (and one of its periods)."""

    plan_id: str
    subject_id: str
    subject_kind: str  # "node" | "indicator"
    text: str
    written_at: datetime
    meeting_id: str | None = None
    period: str | None = None
    id: str = field(default_factory=new_id)


def folder() -> Path:
    return paths.user_data_dir() / "chair"


def path_for(plan_id: str) -> Path:
    # Plan ids are our own UUIDs; any other id (a file made elsewhere) is hashed rather than
    # joined into a path as it is.
    safe = plan_id if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", plan_id) else \
        hashlib.sha256(plan_id.encode("utf-8")).hexdigest()
    return folder() / f"{safe}.json"


@dataclass
class ChairFile:
    """What the chair keeps for one plan. `load(plan_id)` reads it (empty if none yet);
    `save()` writes it atomically."""

    plan_id: str
    notes: list[PrivateNote] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)  # not yet in the plan file

    @classmethod
    def load(cls, plan_id: str) -> ChairFile:
        path = path_for(plan_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(plan_id)
        except (OSError, ValueError) as exc:
            raise OSError(f"{path}: the chair's notes cannot be read ({exc})") from exc
        return cls(plan_id,
                   [note_from_dict(n) for n in data.get("notes", [])],
                   [question_from_dict(q) for q in data.get("questions", [])])

    def save(self) -> None:
        path = path_for(self.plan_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "version": VERSION, "plan_id": self.plan_id,
                "notes": [to_dict(n) for n in self.notes],
                "questions": [to_dict(q) for q in self.questions]}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write.write_checked(path, lambda tmp: atomic_write.write_bytes(
            tmp, text.encode("utf-8")), _check_json, mode=0o600)


def _check_json(path: Path) -> None:
    json.loads(path.read_text(encoding="utf-8"))


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_dict(record: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in asdict(record).items()}


def _from_dict(cls: type, data: dict[str, Any], times: tuple[str, ...]) -> Any:
    known = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in known}
    for name in times:
        if kwargs.get(name):
            kwargs[name] = datetime.fromisoformat(kwargs[name])
    return cls(**kwargs)


def note_from_dict(data: dict[str, Any]) -> PrivateNote:
    return _from_dict(PrivateNote, data, ("written_at",))


def question_from_dict(data: dict[str, Any]) -> Question:
    return _from_dict(Question, data, ("asked_at", "answered_at"))
