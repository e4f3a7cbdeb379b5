"""The change log as the window reads it: one item's history, and what changed after a
meeting."""

from __future__ import annotations

from datetime import date

from app.assessment_service import AssessmentService
from app.domain import ChangeRecord, Meeting, Plan
from app.indicator_service import IndicatorService
from app.meeting_pack_service import MeetingPackService
from app.ports import PlanStore

# Fields of a logged row that name the plan item or indicator the row belongs to.
OWNER_FIELDS = ("indicator_id", "subject_id", "node_id")


class HistoryService:
    def __init__(self, store: PlanStore, indicators: IndicatorService,
                 assessments: AssessmentService, pack: MeetingPackService):
        self.store = store
        self.indicators = indicators
        self.assessments = assessments
        self.pack = pack

    def related_ids(self, kind: str, id: str) -> list[str]:
        """The row ids whose changes belong to an item's history: an indicator's own row,
        its figures, targets (replaced ones too), links and comparators; an item's or an
        indicator's assessments."""
        ids = [id]
        if kind == "indicator":
            ind = self.indicators
            ids += [v.id for v in ind.values(id)]
            ids += [t.id for t in ind.targets(id, include_superseded=True)]
            ids += [lk.id for lk in ind.links_of_indicator(id)]
            ids += [c.id for c in ind.comparators(id)]
        if kind in ("indicator", "node"):
            ids += [a.id for _m, a in self.assessments.history(id)]
        return ids

    def changes_of(self, kind: str, id: str, limit: int = 500) -> list[ChangeRecord]:
        """The changes to a plan, item or indicator and what belongs to it, newest first."""
        return self.store.changes(row_ids=self.related_ids(kind, id), limit=limit)

    def changed_since_meeting(self, meeting: Meeting | None) -> set[str]:
        """Ids of the items and indicators that changed for `meeting` since its plan's
        previous meeting, by the meeting-cycle rule (app/meeting_changes.py). None (the
        latest figures): for each plan, what changed from its latest meeting up to today."""
        if meeting is not None:
            return self.pack.changed_ids(meeting)
        today = date.today()
        ids: set[str] = set()
        for plan in self.store.find(Plan):
            # As if the plan met today: compared with its latest meeting held by then.
            ids |= self.pack.changed_ids(Meeting(plan.id, today, "today"))
        return ids
