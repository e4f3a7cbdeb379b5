"""The services a window or a command works with, over one open plan store."""

from __future__ import annotations

from dataclasses import dataclass

from app.assessment_service import AssessmentService
from app.indicator_service import IndicatorService
from app.plan_service import PlanService
from app.ports import PlanStore
from app.read_service import ReadService
from app.report_service import ReportService


@dataclass
class Services:
    store: PlanStore
    plans: PlanService
    indicators: IndicatorService
    assessments: AssessmentService
    reports: ReportService
    read: ReadService

    @classmethod
    def over(cls, store: PlanStore) -> Services:
        read = ReadService(store)
        return cls(store, PlanService(store), IndicatorService(store),
                   AssessmentService(store, read), ReportService(store), read)

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        self.store.close()
