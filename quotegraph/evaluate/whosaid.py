"""Score who said what, to whom and when against hand-annotated pages (the news-dev format).

A gold folder holds ``pages/<name>.html`` (raw HTML, or ``.txt``) and ``gold/<name>.json``;
each gold item names a verbatim piece of a quote's content (``match``), the keys a correct
speaker's name contains, and, when the text says them, the channel and the date.  For each
*required* item (definitions in docs/evaluation.md):

* **found** — one extracted quote's content covers every letter and digit of the match;
* **speaker right** — a key occurs (case-insensitively) in the speaker's name or in the
  organisation it speaks for; **wrong** — a speaker is given that is not right;
  **unresolved** — the quote has no speaker.  Wrong and unresolved are never added up:
  a wrong speaker is misinformation, an unresolved one an honest gap;
* **channel** / **date** — over the items whose gold gives one, a missed quote counting as
  a miss: a channel key occurs as a word in the channel's name; the date agrees to the
  precision the gold gives ("2013-09" is matched by "2013-09-24", not by "2013");
* **false quote** — a ``not_quotes`` entry (a scare quote, a title) that comes out as a
  quote's whole content.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InputError
from ..lang.quotemarks import QUOTE_MARKS
from ..model import Article, Quote

SPEAKER_OUTCOMES = ("right", "wrong", "unresolved", "missed")


@dataclass(frozen=True)
class GoldItem:
    """One hand-annotated attribution."""

    id: str
    match: str
    type: str
    speaker: tuple[str, ...]
    speaker_full: str | None
    channel: tuple[str, ...]
    date: str | None
    required: bool

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "GoldItem":
        return cls(
            id=str(data.get("id", "")),
            match=str(data["match"]),
            type=str(data.get("type") or ""),
            speaker=tuple(data.get("speaker") or ()),
            speaker_full=data.get("speaker_full"),
            channel=tuple(data.get("channel") or ()),
            date=data.get("date") or None,
            required=bool(data.get("required", True)),
        )


@dataclass(frozen=True)
class GoldPage:
    """One annotated page: where its input is, and its gold items."""

    name: str
    input: Path
    article_date: str | None
    items: tuple[GoldItem, ...]
    not_quotes: tuple[str, ...]

    @property
    def required(self) -> tuple[GoldItem, ...]:
        return tuple(i for i in self.items if i.required)


@dataclass
class ItemResult:
    """How quotegraph did on one gold item."""

    item: GoldItem
    quote: Quote | None
    speaker: str  # one of SPEAKER_OUTCOMES
    channel: bool | None  # None: the gold gives no channel
    date: bool | None  # None: the gold gives no date

    @property
    def found(self) -> bool:
        return self.quote is not None


@dataclass
class PageResult:
    name: str
    items: list[ItemResult]
    false_quotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """Counts over some items; percentages derive from them."""

    items: int = 0
    found: int = 0
    right: int = 0
    wrong: int = 0
    unresolved: int = 0
    channel_right: int = 0
    channel_gold: int = 0
    date_right: int = 0
    date_gold: int = 0
    false_quotes: int = 0

    def add(self, result: ItemResult) -> None:
        self.items += 1
        self.found += result.found
        self.right += result.speaker == "right"
        self.wrong += result.speaker == "wrong"
        self.unresolved += result.speaker == "unresolved"
        if result.channel is not None:
            self.channel_gold += 1
            self.channel_right += result.channel
        if result.date is not None:
            self.date_gold += 1
            self.date_right += result.date

    def to_dict(self) -> dict[str, Any]:
        def share(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        return {
            "items": self.items,
            "found": self.found,
            "speaker_right": self.right,
            "speaker_wrong": self.wrong,
            "speaker_unresolved": self.unresolved,
            "channel_right": self.channel_right,
            "channel_gold": self.channel_gold,
            "date_right": self.date_right,
            "date_gold": self.date_gold,
            "false_quotes": self.false_quotes,
            "found_share": share(self.found, self.items),
            "right_share": share(self.right, self.items),
            "wrong_share": share(self.wrong, self.items),
            "unresolved_share": share(self.unresolved, self.items),
            "channel_share": share(self.channel_right, self.channel_gold),
            "date_share": share(self.date_right, self.date_gold),
        }


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    —"


@dataclass
class WhoSaidReport:
    """Results over a set of pages (required items only)."""

    pages: list[PageResult]

    def tally(self, pages: Iterable[PageResult] | None = None) -> Tally:
        total = Tally()
        for page in self.pages if pages is None else pages:
            for result in page.items:
                total.add(result)
            total.false_quotes += len(page.false_quotes)
        return total

    def table(self, verbose: bool = False) -> str:
        """Per page (with ``verbose``) and overall: found, speaker right/wrong/unresolved, channel, date."""
        head = f"{'page':<18} {'items':>5} {'found':>6} {'right':>6} {'wrong':>6} {'unres.':>6} {'channel':>8} {'date':>8} {'false':>5}"
        lines = [head]

        def row(name: str, t: Tally) -> str:
            return (
                f"{name:<18} {t.items:5d} {t.found:6d} {t.right:6d} {t.wrong:6d} {t.unresolved:6d}"
                f" {f'{t.channel_right}/{t.channel_gold}':>8} {f'{t.date_right}/{t.date_gold}':>8} {t.false_quotes:5d}"
            )

        if verbose:
            for page in self.pages:
                lines.append(row(page.name, self.tally([page])))
        total = self.tally()
        lines.append(row("all", total))
        lines.append(
            f"{'':<18} {'':>5} {_pct(total.found, total.items):>6} {_pct(total.right, total.items):>6}"
            f" {_pct(total.wrong, total.items):>6} {_pct(total.unresolved, total.items):>6}"
            f" {_pct(total.channel_right, total.channel_gold):>8} {_pct(total.date_right, total.date_gold):>8}"
        )
        lines.append(
            f"({len(self.pages)} pages, {total.items} required items; speaker shares are of all items, "
            "a missed quote being neither right, wrong nor unresolved)"
        )
        if verbose:
            lines.append("")
            lines.extend(self.errors())
        return "\n".join(lines)

    def errors(self) -> list[str]:
        """One line per item that is not all right: what was expected and what came out."""
        out = []
        for page in self.pages:
            for note in page.notes:
                out.append(f"{page.name}: {note}")
            for r in page.items:
                q = r.quote
                problems = []
                if q is None:
                    problems.append("not found")
                elif r.speaker != "right":
                    got = _speaker_text(q) or "—"
                    problems.append(f"speaker {r.speaker}: {got!r} (gold {r.item.speaker_full or r.item.speaker!r})")
                if r.channel is False:
                    got = q.channel.name if q is not None and q.channel else "—"
                    problems.append(f"channel {got!r} (gold {list(r.item.channel)})")
                if r.date is False:
                    problems.append(f"date {q.date if q is not None else '—'} (gold {r.item.date})")
                if problems:
                    out.append(f"{page.name} {r.item.id}: {'; '.join(problems)} — “{r.item.match[:60]}”")
            for text in page.false_quotes:
                out.append(f"{page.name}: false quote “{text[:60]}”")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "all": self.tally().to_dict(),
            "pages": {p.name: self.tally([p]).to_dict() for p in self.pages},
        }


# -- loading -------------------------------------------------------------------------------


def is_whosaid_folder(path: str | Path) -> bool:
    """Whether ``path`` holds gold in this format (``gold/*.json`` beside ``pages/``)."""
    root = Path(path)
    return (root / "gold").is_dir() and (root / "pages").is_dir() and any((root / "gold").glob("*.json"))


def load_pages(folder: str | Path) -> list[GoldPage]:
    """The annotated pages of a gold folder, by name."""
    root = Path(folder)
    if not is_whosaid_folder(root):
        raise InputError(f"{folder}: expected gold/<page>.json beside pages/<page>.html")
    pages = []
    for gold_path in sorted((root / "gold").glob("*.json")):
        try:
            data = json.loads(gold_path.read_text(encoding="utf-8"))
            items = tuple(GoldItem.from_dict(q) for q in data.get("quotes") or ())
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a gold annotation ({exc})", path=str(gold_path)) from None
        name = gold_path.stem
        inputs = [p for p in (root / "pages").glob(f"{name}.*") if p.suffix.lower() in (".html", ".htm", ".txt")]
        if not inputs:
            raise InputError(f"no page for {gold_path.name}: expected pages/{name}.html", path=str(gold_path))
        pages.append(
            GoldPage(
                name=name,
                input=sorted(inputs)[0],
                article_date=data.get("article_date"),
                items=items,
                not_quotes=tuple(str(t) for t in data.get("not_quotes") or ()),
            )
        )
    return pages


def read_page(page: GoldPage) -> Article:
    """The page's article, read as ``quotegraph extract`` reads the file (id = the page name)."""
    from ..io import iter_articles

    records = list(iter_articles([str(page.input)]))
    if len(records) != 1 or not isinstance(records[0][1], Article):
        what = records[0][1] if records else "nothing read"
        raise InputError(f"cannot read the page: {what}", path=str(page.input))
    article = records[0][1]
    from dataclasses import replace

    return replace(article, id=page.name)


# -- scoring -------------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W_]", re.UNICODE)
_EDGE_CHARS = rf"[\s{re.escape(QUOTE_MARKS)}()\[\].,;:!?…-]+"
_EDGE = re.compile(rf"^{_EDGE_CHARS}|{_EDGE_CHARS}$")


def _speaker_text(quote: Quote) -> str:
    sp = quote.speaker
    if sp is None:
        return ""
    org = getattr(sp, "organization", None)
    return f"{sp.name} ({org})" if org else sp.name


def speaker_outcome(item: GoldItem, quote: Quote | None) -> str:
    """right / wrong / unresolved for a found item, "missed" when not found."""
    if quote is None:
        return "missed"
    if quote.speaker is None:
        return "unresolved"
    said = " ".join(filter(None, [quote.speaker.name, getattr(quote.speaker, "organization", None)])).lower()
    return "right" if any(k.lower() in said for k in item.speaker) else "wrong"


def channel_right(item: GoldItem, quote: Quote | None) -> bool | None:
    if not item.channel:
        return None
    if quote is None or quote.channel is None:
        return False
    name = quote.channel.name
    return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", name, re.I) for k in item.channel)


def date_right(item: GoldItem, quote: Quote | None) -> bool | None:
    if not item.date:
        return None
    return bool(quote is not None and quote.date and quote.date.startswith(item.date))


def covering_quote(text: str, match: str, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose content covers every letter and digit of ``match`` (the shortest, if several)."""
    start = text.find(match)
    if start < 0:
        return None
    needed = [start + m.start() for m in _LETTERS.finditer(match)]
    best: Quote | None = None
    for q in quotes:
        spans = q.content.spans
        if all(any(s <= i < e for s, e in spans) for i in needed):
            size = sum(e - s for s, e in spans)
            if best is None or size < sum(e - s for s, e in best.content.spans):
                best = q
    return best


def _bare(text: str) -> str:
    return re.sub(r"\s+", " ", _EDGE.sub("", text)).casefold()


def score_page(page: GoldPage, article: Article) -> PageResult:
    """Score one page's extraction (``article`` holds the quotes)."""
    result = PageResult(name=page.name, items=[])
    for item in page.required:
        if article.text.find(item.match) < 0:
            result.notes.append(f"{item.id}: its match is not in the page's text (is the reader the same?)")
        quote = covering_quote(article.text, item.match, article.quotes)
        result.items.append(
            ItemResult(item, quote, speaker_outcome(item, quote), channel_right(item, quote), date_right(item, quote))
        )
    contents = {_bare(q.content.text) for q in article.quotes}
    result.false_quotes = [t for t in page.not_quotes if _bare(t) and _bare(t) in contents]
    return result


def evaluate_articles(pages: Sequence[GoldPage], articles: Mapping[str, Article]) -> WhoSaidReport:
    """Score extractions already made (page name → Article with quotes; a missing page finds nothing)."""
    results = []
    for page in pages:
        article = articles.get(page.name)
        if article is None:
            article = Article(text=read_page(page).text, id=page.name)
        results.append(score_page(page, article))
    return WhoSaidReport(results)


def evaluate_system(folder: str | Path, system: str = "default", pipeline: str | None = None) -> WhoSaidReport:
    """``quotegraph eval FOLDER --system NAME``: read each page as the CLI does, extract, score."""
    from .. import api

    pages = load_pages(folder)
    articles = [read_page(p) for p in pages]
    extracted = api.extract_many(articles, finder=system, pipeline=pipeline or api.DEFAULT_PIPELINE)
    return evaluate_articles(pages, {a.id: a for a in extracted})


def load_predictions(path: str | Path) -> dict[str, Article]:
    """Articles with quotes from ``quotegraph extract --format json|jsonl`` output (a file or a folder of them)."""
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.suffix in (".json", ".jsonl")) if root.is_dir() else [root]
    if not files or not all(f.is_file() for f in files):
        raise InputError(f"{path}: expected quotegraph's JSON or JSONL output (a file or a folder of them)")
    out: dict[str, Article] = {}
    decoder = json.JSONDecoder()
    for f in files:
        raw = f.read_text(encoding="utf-8")
        pos = 0
        while True:
            while pos < len(raw) and raw[pos].isspace():
                pos += 1
            if pos >= len(raw):
                break
            try:
                record, pos = decoder.raw_decode(raw, pos)
                article = Article.from_dict(record["article"], record.get("quotes") or (), record.get("entities") or ())
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"not quotegraph output ({exc})", path=str(f)) from None
            out[article.id] = article
    return out


def evaluate_predictions(folder: str | Path, predictions: str | Path) -> WhoSaidReport:
    """``quotegraph eval FOLDER PRED``: score quotegraph output made earlier (article id = page name)."""
    pages = load_pages(folder)
    predicted = load_predictions(predictions)
    if not set(predicted) & {p.name for p in pages}:
        raise InputError(f"{predictions}: no article id in it names a gold page (ids should be the page names)")
    return evaluate_articles(pages, predicted)


__all__ = [
    "GoldItem",
    "GoldPage",
    "ItemResult",
    "PageResult",
    "Tally",
    "WhoSaidReport",
    "is_whosaid_folder",
    "load_pages",
    "read_page",
    "covering_quote",
    "speaker_outcome",
    "channel_right",
    "date_right",
    "score_page",
    "evaluate_articles",
    "evaluate_system",
    "evaluate_predictions",
    "load_predictions",
]
