"""UK civil time for the times Boardpack stores in UTC: GMT in winter, BST (UTC+1) from
01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the rule
since 1996). Computed here rather than through zoneinfo, which needs the tzdata package on
Windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def _last_sunday_1am(year: int, month: int) -> datetime:
    day = datetime(year, month + 1, 1) - timedelta(days=1)
    return (day - timedelta(days=(day.weekday() + 1) % 7)).replace(hour=1)


def as_utc(moment: datetime) -> datetime:
    """A naive UTC datetime (naive input is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def uk_local(utc: datetime) -> tuple[datetime, str]:
    """(the UK wall-clock time, "GMT" or "BST") for a UTC moment."""
    utc = as_utc(utc)
    if _last_sunday_1am(utc.year, 3) <= utc < _last_sunday_1am(utc.year, 10):
        return utc + timedelta(hours=1), "BST"
    return utc, "GMT"


def shown_time(utc: datetime) -> str:
    """A stored (UTC) time as the window and the printed pages show it: UK local time with
    the zone, '21/03/2019 14:05 GMT'."""
    local, zone = uk_local(utc)
    return f"{local:%d/%m/%Y %H:%M} {zone}"
