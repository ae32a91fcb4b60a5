"""Dates: an article's own date from its metadata or from a dateline at its top.

Dateline detection only *reads* the text; the text is never altered, so every
character offset into it stays valid.
"""

from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "June 26, 2024", "Jun. 26, 2024", "26 June 2024", "2024-06-26"
_DATE = (
    rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
# Where a dateline date may stand: at the very start (after an optional "date" label),
# or after a place line such as "WASHINGTON (AP) —" or "SPRINGFIELD, Ill. —".
_LABEL = r"(?:date\s*[:=]?\s*)?"
_PLACE = r"(?:[A-Z][A-Z'.\-]+(?:[ ,]+[A-Za-z'.\-]+){0,5}\s*(?:\([^)\n]{1,20}\))?\s*[—–-]{1,2}\s*)?"
_DATELINE = re.compile(rf"\A\s*{_LABEL}{_PLACE}{_DATE}(?![\d-])", re.IGNORECASE)
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s])")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        return _iso(y, mo, d)
    if m.group("month"):
        month, day, year = m.group("month"), m.group("day"), m.group("year")
    else:
        month, day, year = m.group("month2"), m.group("day2"), m.group("year2")
    return _iso(int(year), _MONTHS[month.lower()[:3]], int(day))


def dateline_date(text: str) -> str | None:
    """The date of a leading dateline ("date 2024-06-26", "June 26, 2024", "WASHINGTON (AP) — June 26, 2024 —"), as YYYY-MM-DD.

    Only the top of the text is read, so a date mentioned later in the story is
    never taken for the article's date.
    """
    m = _DATELINE.match(text[:300])
    return _from_match(m) if m else None


_AFTER = re.compile(r"[ \t]*(?:[—–-]{1,2}|[:.,])?[ \t]*(?:\r\n|\n|\r)?")


def dateline_end(text: str) -> int:
    """Where a leading dateline ends (0 when there is none): finders keep quote content out of it.

    "WASHINGTON (AP) — June 26, 2024 — Senators said …" → the offset of "Senators".
    """
    m = _DATELINE.match(text[:300])
    if not m or _from_match(m) is None:
        return 0
    after = _AFTER.match(text, m.end())
    return after.end() if after else m.end()


def normalise_date(value: object) -> str | None:
    """A metadata date as "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when it cannot be read.

    Accepts ISO dates and datetimes ("2024-06-26T10:00:00Z") and written dates ("June 26, 2024").
    """
    if value is None:
        return None
    text = str(value).strip()
    m = _ISO_PREFIX.match(text)
    if m:
        year, month, day = m.groups()
        if day:
            return _iso(int(year), int(month), int(day))
        if month:
            return f"{year}-{month}" if 1 <= int(month) <= 12 else None
        return year
    return dateline_date(text)
