"""The services a window or a command works with, over one open plan store."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from app.assessment_service import AssessmentService
from app.import_service import ImportService
from app.indicator_service import IndicatorService
from app.meeting_service import MeetingService
from app.plan_service import PlanService
from app.ports import PlanStore
from app.read_service import ReadService
from app.report_service import ReportService

if TYPE_CHECKING:  # made on first use: the window's first paint needs none of them
    from app.history_service import HistoryService
    from app.meeting_pack_service import MeetingPackService
    from app.question_service import QuestionService


@dataclass
class Services:
    store: PlanStore
    plans: PlanService
    indicators: IndicatorService
    assessments: AssessmentService
    reports: ReportService
    read: ReadService
    imports: ImportService
    meetings: MeetingService

    @classmethod
    def over(cls, store: PlanStore) -> Services:
        read = ReadService(store)
        plans, indicators = PlanService(store), IndicatorService(store)
        assessments = AssessmentService(store, read)
        return cls(store, plans, indicators, assessments, ReportService(store), read,
                   ImportService(store, indicators, plans), MeetingService(store, assessments))

    @cached_property
    def pack(self) -> MeetingPackService:
        from app.meeting_pack_service import MeetingPackService

        return MeetingPackService(self.store, self.read, self.meetings)

    @cached_property
    def history(self) -> HistoryService:
        from app.history_service import HistoryService

        return HistoryService(self.store, self.indicators, self.assessments, self.pack)

    @cached_property
    def questions(self) -> QuestionService:
        from app.question_service import QuestionService

        return QuestionService(self.store)

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def closed(self) -> bool:
        return self.store.closed

    @property
    def can_be_written(self) -> bool:
        """Whether the file (and its folder) could be opened for writing here."""
        return self.store.file.writable

    def held_elsewhere(self) -> bool:
        """Open read-only: whether another window or process holds the file for editing
        (cheap enough to poll)."""
        return self.store.file.held_elsewhere()

    def data_version(self) -> int:
        """Changes whenever another window or process saves to the file (cheap to poll)."""
        return self.store.data_version()

    @property
    def schema_version(self) -> int:
        """The open file's schema version."""
        return self.store.schema_version

    @property
    def author(self) -> str:
        """Who the change log names for edits made from now on."""
        return self.store.author

    def set_author(self, name: str | None) -> None:
        """Log later edits under `name` (an empty name keeps the current one)."""
        if name:
            self.store.author = name

    def save_copy(self, target: str | os.PathLike[str]) -> None:
        """A consistent copy of the whole plan file at `target` (Save a Copy As)."""
        self.store.copy_to(target)

    def settle(self) -> bool:
        """After an unexpected error: leave no transaction half-done (see the store)."""
        return self.store.settle()

    def close(self) -> None:
        self.store.close()
