"""The services a window or a command works with, over one open plan store."""

from __future__ import annotations

from dataclasses import dataclass

from app.assessment_service import AssessmentService
from app.import_service import ImportService
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
    imports: ImportService

    @classmethod
    def over(cls, store: PlanStore) -> Services:
        read = ReadService(store)
        indicators = IndicatorService(store)
        return cls(store, PlanService(store), indicators, AssessmentService(store, read),
                   ReportService(store), read, ImportService(store, indicators))

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        self.store.close()
