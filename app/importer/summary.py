"""The dry run as text: what the command line prints and the wizard shows."""

from __future__ import annotations

from app.importer.dry_run import DryRun
from app.importer.mapping import FIELDS
from app.importer.xlsx_styles import column_letters


def mapping_lines(run: DryRun) -> list[str]:
    cols = run.mapping.columns
    return [f"  {FIELDS[name]}: column {column_letters(cols[name])}"
            for name in FIELDS if name in cols]


def describe(run: DryRun, *, limit: int | None = 50, committed: bool = False) -> str:
    """New, changed (old -> new) and unchanged figures and targets, and every problem."""
    lines = [f"{run.path.name}, sheet '{run.sheet}' (headers in row {run.mapping.header_row + 1})",
             *mapping_lines(run)]
    for what in ("figure", "target", "comparator"):
        counts = {k: sum(1 for c in run.changes if c.what == what and c.kind == k)
                  for k in ("new", "changed", "unchanged")}
        if what == "figure" or any(counts.values()):
            lines.append(f"{what.capitalize()}s: {counts['new']} new, {counts['changed']} "
                         f"changed, {counts['unchanged']} unchanged")
    lines.extend(f"Note: {r}" for r in run.remarks)
    changed = [c for c in run.changes if c.kind != "unchanged"]
    if changed:
        lines.append("New and changed:")
        for c in changed[:limit]:
            where = f"{c.indicator} {c.period}" + (f" [{c.breakdown}]" if c.breakdown else "")
            arrow = c.new if c.kind == "new" else f"{c.old} → {c.new}"
            lines.append(f"  row {c.row}: {c.what} {where}: {arrow}")
        if limit is not None and len(changed) > limit:
            lines.append(f"  … and {len(changed) - limit} more")
    if run.warnings:
        lines.append(f"Warnings ({len(run.warnings)}): figures that look unlikely; check them "
                     "with the sender (they can still be imported):")
        lines.extend(_listed(run.warnings, limit))
    if run.problems:
        lines.append(f"Problems ({len(run.problems)}); nothing can be imported until they are "
                     "put right:")
        lines.extend(_listed(run.problems, limit))
    elif committed:
        comparators = (f", {len(run.comparators)} comparator(s)" if run.comparators
                       else "")
        lines.append(f"Imported {len(run.entries)} figure(s){comparators} and "
                     f"{len(run.targets)} target(s) as one action.")
    elif not (run.entries or run.targets or run.comparators):
        lines.append("Nothing to import: every figure is already in the plan.")
    return "\n".join(lines)


def _listed(found: list, limit: int | None) -> list[str]:
    shown = found if limit is None else found[:limit]
    more = [f"  … and {len(found) - len(shown)} more"] if len(shown) < len(found) else []
    return [f"  {p}" for p in shown] + more
