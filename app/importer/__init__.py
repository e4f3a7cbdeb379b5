"""Figures from partners' spreadsheets: read a sheet, map its columns, dry-run, commit.

Plain Python (no Qt, no SQL). The readers are imported lazily by `workbook.read_sheet`, so
nothing here costs the window's start-up. The write path is IndicatorService.enter_many
(and add_target for revised targets), through app.import_service.
"""
