"""When a quote was said: time expressions in the attribution's own clause.

The context stage hands this module the article text with every quote's content
masked out, so a date *inside* the words ("she said the 2019 tour was hard") can
never date the saying.  Each time expression found in the clause is one of:

* ``explicit`` — it names a date, or a day relative to the article date
  ("in May 2023", "on Tuesday", "yesterday", "last week");
* ``relative`` — it points at another date in the story ("days later",
  "the following year", "at the time"), resolved from the nearest date before it;
* ``past`` — it places the saying in the past without saying when ("had said",
  "in a previous interview", "years ago"): such a quote never gets the article date.

Dates are strings at the precision the text supports: "YYYY", "YYYY-MM", "YYYY-MM-DD".
Everything here is regular expressions over text, so it needs no parse.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

# Explicit expressions, most specific first; a span matched by one is not matched again.
_EXPLICIT: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")),
    ("m", re.compile(rf"\b(?:[Ii]n|[Bb]ack\s+in|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Tt]his\s+past)[\s-]+{_MONTH}\b(?!\s+\d)")),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I)),
    ("lastunit", re.compile(r"\b(?P<which>last|this|earlier this|later this|this past)\s+(?P<unit>week|month|year|weekend)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<last>last|this past)\s+)?{_WEEKDAY}\b")),
    ("yesterday", re.compile(r"\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening|earlier today)\b", re.I)),
    # A bare year dates the saying after a preposition ("in 2019") or as "a 2019 interview";
    # "the 2016 election", "Obama's 2008 campaign" are about something else.
    ("y", re.compile(
        r"\b(?:(?:[Ii]n|[Dd]uring|of|by|until)\s+(?:(?:early|late|mid)[\s-]+)?"
        r"|(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?=\d{4}\s+(?:interview|post|statement|speech|address|letter|memo|"
        r"email|video|tweet|book|memoir|novel|op-ed|essay|article|paper|report|study|podcast|appearance|deposition|"
        r"testimony|conversation|documentary|film|album|lecture)))"
        r"(?P<year>(?:19|20)\d\d)\b(?![\d,.]\d)")),
]

_RELATIVE: list[tuple[str, re.Pattern[str]]] = [
    ("later", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>later|after|before|earlier)\b", re.I)),
    ("vague_later", re.compile(r"\b(?:just\s+|only\s+|a\s+few\s+|several\s+|some\s+)?(?P<unit>day|week|month|year)s\s+(?P<dir>later|after|before|earlier)\b", re.I)),
    ("next", re.compile(r"\bthe\s+(?P<dir>next|following|previous|prior)\s+(?P<unit>day|week|month|year|morning|evening|night)\b", re.I)),
    ("before", re.compile(r"\bthe\s+(?P<unit>day|week|month|year|night)\s+(?P<dir>before|after)\b", re.I)),
    ("same", re.compile(r"\b(?:at\s+the\s+time|at\s+that\s+time|around\s+the\s+same\s+time|back\s+then|(?:that|this|it)\s+was\s+(?:when|then)|(?:later|earlier)?\s*that\s+(?:same\s+)?(?P<unit>day|night|morning|evening|week|month|year))\b", re.I)),
]

_PAST = re.compile(
    r"\b(?:had\s+(?:\w+ly\s+)?(?:said|told|written|claimed|stated|insisted|explained|revealed|admitted|described|called|posted|tweeted)"
    r"|(?:has|have)\s+(?:\w+ly\s+)?(?:said|told|written|claimed|stated|insisted|described|called|spoken|talked|discussed)"
    r"|in\s+(?:a|an|the|his|her|their)\s+(?:previous|earlier|past|prior|old|resurfaced|archival)\s+\w+"
    r"|(?:many|several|some|a\s+few|few)\s+(?:years|months|decades)\s+ago|years\s+ago|decades\s+ago"
    r"|previously|in\s+the\s+past|once\s+(?:said|told|wrote|claimed))\b",
    re.I,
)


# Words that make the date after them the time of an event ahead, not of the saying:
# "set for August 14", "scheduled for next Tuesday", "until June", "ahead of Friday's vote".
_SCHEDULED = re.compile(
    r"\b(?:(?:set|scheduled|slated|planned|due|expected|postponed|delayed|moved|pushed(?:\s+back)?)\s+(?:for|to|until|on)"
    r"|for|until|till|through|ahead\s+of|next|starting|beginning|due)\s*(?:on\s+)?$",
    re.I,
)


# A capitalised word right before: "Tonight"/"Today" ends a name there ("Entertainment Tonight").
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w&.'’-]*|[A-Z]{2,})['’]?s?\s+$")


@dataclass(frozen=True)
class TimeExpression:
    """One time expression in the text: where it is, what kind, and its date if known."""

    start: int
    end: int
    kind: str  # explicit | relative | past
    value: str | None = None  # resolved date for explicit ones
    shift: tuple[str, int] | None = None  # relative ones: (unit, amount) from their base; amount 0 = same time
    vague: bool = False  # "days later": the base's precision is cut to the unit above


def parse_date(value: str | None) -> tuple[int, int | None, int | None] | None:
    """("2024-06-26") → (2024, 6, 26); shorter strings give None for the missing parts."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
    day = int(m.group(3)) if month and m.group(3) and 1 <= int(m.group(3)) <= calendar.monthrange(year, month)[1] else None
    return year, month, day


def format_date(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _as_day(parts: tuple[int, int | None, int | None] | None) -> date | None:
    if parts is None or parts[1] is None or parts[2] is None:
        return None
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _from_day(d: date) -> str:
    return format_date(d.year, d.month, d.day)


def _infer_year(month: int, day: int | None, article: tuple[int, int | None, int | None] | None) -> int | None:
    """The year of a month (and day) named without one: the latest not after the article date."""
    if article is None:
        return None
    year, a_month, a_day = article
    if a_month is None:
        return year
    if month > a_month or (month == a_month and day is not None and a_day is not None and day > a_day):
        return year - 1
    return year


def _month_shift(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _explicit_value(kind: str, m: re.Match[str], article: tuple[int, int | None, int | None] | None) -> str | None:
    groups = m.groupdict()
    article_day = _as_day(article)
    if kind in ("mdy", "dmy", "my", "m"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"]) if groups.get("day") else None
        if day is not None and not 1 <= day <= 31:
            return None
        year = int(groups["year"]) if groups.get("year") else _infer_year(month, day, article)
        return format_date(year, month, day) if year else None
    if kind == "y":
        return groups["year"]
    if kind == "weekday":
        if article_day is None:
            return None
        back = (article_day.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        if groups.get("last") and back == 0:
            back = 7
        return _from_day(article_day - timedelta(days=back))
    if kind == "yesterday":
        if article_day is None:
            return None
        back = 1 if groups["word"].lower() == "yesterday" else 0
        return _from_day(article_day - timedelta(days=back))
    if article is None:
        return None
    year, month, _ = article
    unit = groups["unit"].lower()
    if kind == "ago":
        n = NUMBER_WORDS.get(groups["n"].lower()) or int(groups["n"])
        if unit == "year":
            return format_date(year - n)
        if month is None:
            return None
        if unit == "month":
            return format_date(*_month_shift(year, month, -n))
        if article_day is None:
            return None
        return _from_day(article_day - timedelta(days=n * (7 if unit == "week" else 1)))
    # lastunit: "last week", "earlier this month", "last year"
    which = groups["which"].lower()
    back = 1 if which == "last" else 0
    if unit == "year":
        return format_date(year - back)
    if month is None:
        return None
    if unit == "month":
        return format_date(*_month_shift(year, month, -back))
    if article_day is None:
        return format_date(year, month)
    shifted = article_day - timedelta(days=7 * back)
    return format_date(shifted.year, shifted.month)  # a week is not a day: month precision


def find_time_expressions(text: str, lo: int, hi: int, article_date: str | None) -> list[TimeExpression]:
    """Every time expression in ``text[lo:hi]``, in text order, non-overlapping."""
    article = parse_date(article_date)
    window = text[lo:hi]
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def add(expr: TimeExpression) -> None:
        taken.append((expr.start, expr.end))
        found.append(expr)

    for kind, pattern in _RELATIVE:
        for m in pattern.finditer(window):
            s, e = m.start() + lo, m.end() + lo
            if free(s, e):
                add(TimeExpression(s, e, "relative", shift=_relative_shift(kind, m), vague=kind == "vague_later"))
    for kind, pattern in _EXPLICIT:
        for m in pattern.finditer(window):
            s, e = m.start() + lo, m.end() + lo
            if not free(s, e):
                continue
            if _SCHEDULED.search(text, max(0, s - 40), s):
                taken.append((s, e))  # "a hearing set for August 14": when something happens, not when it was said
                continue
            if kind == "yesterday" and m.group(0)[:1].isupper() and _NAME_BEFORE.search(text, max(0, s - 30), s):
                taken.append((s, e))  # "Entertainment Tonight", "USA Today": part of a name
                continue
            add(TimeExpression(s, e, "explicit", value=_explicit_value(kind, m, article)))
    for m in _PAST.finditer(window):
        s, e = m.start() + lo, m.end() + lo
        if free(s, e):
            add(TimeExpression(s, e, "past"))
    return sorted(found, key=lambda x: x.start)


def _relative_shift(kind: str, m: re.Match[str]) -> tuple[str, int]:
    groups = m.groupdict()
    unit = (groups.get("unit") or "day").lower()
    if unit in ("morning", "evening", "night"):
        unit = "day"
    direction = (groups.get("dir") or "").lower()
    sign = -1 if direction in ("before", "earlier", "previous", "prior") else 1
    if kind == "later":
        n = NUMBER_WORDS.get(groups["n"].lower()) or int(groups["n"])
        return unit, sign * n
    if kind in ("next", "before"):
        return unit, sign
    if kind == "vague_later":
        return unit, sign
    return unit, 0  # "at the time", "that same day"


def resolve_relative(expr: TimeExpression, base: str | None) -> str | None:
    """The date ``expr`` points at, counted from ``base`` (another date in the story)."""
    parts = parse_date(base)
    if parts is None or expr.shift is None:
        return None
    unit, n = expr.shift
    year, month, day = parts
    if expr.vague:
        # "days later": somewhere after the base, at the precision of the next unit up.
        if unit in ("day", "week") and month is not None:
            start = _as_day(parts)
            if start is not None:
                moved = start + timedelta(days=n * (4 if unit == "day" else 10))
                return format_date(moved.year, moved.month)
            return format_date(year, month)
        return format_date(year if n == 0 or unit != "year" else year + n)
    if n == 0:
        return base
    if unit == "year":
        return format_date(year + n)
    if month is None:
        return format_date(year)  # "a month later" than "2019": still 2019, as far as the text says
    if unit == "month":
        return format_date(*_month_shift(year, month, n))
    start = _as_day(parts)
    if start is None:
        return format_date(year, month)  # "the next day" after "August 2024": August 2024
    return _from_day(start + timedelta(days=n * (7 if unit == "week" else 1)))
