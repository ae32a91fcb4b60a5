"""Hand-made articles for the web tests: two reports of one quote (with a changed word),
an article whose every field carries a script/attribute/URL injection payload, and one
whose three quotes about a bridge are a statement, a thought and a fragment.

Offsets are computed with ``str.index`` so each span reads back exactly; no spaCy needed.
"""

from __future__ import annotations

from pathlib import Path

from conftest import text_span
from quotegraph.model import Article, Channel, Entity, EntityMention, Quote, Speaker, TextSpan, quote_id

XSS_SCRIPT = "<script>window.__pwned = 1; alert('quote')</script>"
XSS_IMG = "<img src=x onerror=\"window.__pwned=1;alert('img')\">"
XSS_ATTR = "\" autofocus onfocus=\"window.__pwned=1\" x=\""
XSS_URL = "javascript:window.__pwned=1;alert(document.domain)"
XSS_SPEAKER = "Mallory <svg onload=\"window.__pwned=1\"> O'Hara"


def _quote(article_id: str, text: str, content: str, cue: str, source: str, speaker: Speaker, **kw) -> Quote:
    c = text_span(text, content)
    return Quote(
        id=quote_id(article_id, c), content=c, cue=text_span(text, cue), source=text_span(text, source), speaker=speaker, **kw
    )


KAPLAN = Speaker("Laura Kaplan", "person", roles=("attorney",))
OKAFOR = Speaker("Daniel Okafor", "person", roles=("mayor",))


def first_report() -> Article:
    text = (
        '"We will appeal the ruling because the court ignored the evidence we presented," '
        "Laura Kaplan told ET on Tuesday.\n\n"
        "Mayor Daniel Okafor said the city would not comment on the case."
    )
    aid = "a-first"
    quotes = (
        _quote(aid, text, '"We will appeal the ruling because the court ignored the evidence we presented,"',
               "told", "Laura Kaplan", KAPLAN, channel=Channel("ET", "outlet"), date="2024-06-25",
               date_basis="relative", type="direct", act="speech"),
        _quote(aid, text, "the city would not comment on the case", "said", "Mayor Daniel Okafor", OKAFOR,
               date="2024-06-26", date_basis="article", type="indirect", act="speech"),
    )
    return Article(text=text, id=aid, date="2024-06-26", title="Family to appeal ruling", outlet="Daily Planet",
                   url="https://planet.example/appeal", quotes=quotes)


def later_report() -> Article:
    text = (
        'Kaplan said: "We will appeal this ruling because the court ignored the evidence we presented."'
    )
    aid = "a-later"
    quotes = (
        _quote(aid, text, '"We will appeal this ruling because the court ignored the evidence we presented."',
               "said", "Kaplan", KAPLAN, date="2024-07-02", date_basis="article", type="direct", act="speech"),
    )
    return Article(text=text, id=aid, date="2024-07-02", title="Appeal planned", outlet="Morning Post", quotes=quotes)


def xss_article() -> Article:
    speaker = Speaker(XSS_SPEAKER, "person", roles=(XSS_IMG,))
    text = (
        f'"{XSS_SCRIPT} and {XSS_IMG}," said {XSS_SPEAKER} at the <b>rally</b>.\n'
        f"The page {XSS_URL} was shared by {XSS_SPEAKER}, who said {XSS_ATTR} was fine."
    )
    aid = "a-xss"
    q1 = _quote(aid, text, f'"{XSS_SCRIPT} and {XSS_IMG},"', "said", XSS_SPEAKER, speaker,
                channel=Channel(XSS_IMG, "event"), date="2024-08-01", type="direct")
    second = text.index(XSS_SPEAKER, text.index("shared by"))
    source2 = TextSpan(XSS_SPEAKER, ((second, second + len(XSS_SPEAKER)),))
    content2 = text_span(text, f"{XSS_ATTR} was fine")
    q2 = Quote(id=quote_id(aid, content2), content=content2, cue=text_span(text, "said", second), source=source2,
               speaker=speaker, channel=Channel(XSS_SCRIPT, "social"), date="2024-08-01", type="indirect")
    return Article(text=text, id=aid, date="2024-08-01", title=f"Rally {XSS_SCRIPT}{XSS_IMG}", outlet=XSS_IMG,
                   url=XSS_URL, quotes=(q1, q2))


def entity_report() -> Article:
    """An article with its entities: Kaplan is mentioned by a description, his name and a pronoun;
    an unnamed spokesperson speaks for the court; the last quote's source could be either."""
    text = (
        "An attorney for the singer's former husband said the ruling was unfair. "
        'Mark Vincent Kaplan told the publication: "We will fight this." '
        'He added that the family was "at peace." A spokesperson for the court declined to comment.\n'
        "Someone said the hearing would move."
    )
    aid = "a-entities"
    kaplan = Entity("e1", "Mark Vincent Kaplan", "person", roles=("attorney",), mentions=(
        EntityMention(text_span(text, "An attorney for the singer's former husband"), "description"),
        EntityMention(text_span(text, "Mark Vincent Kaplan"), "name"),
        EntityMention(text_span(text, "He"), "pronoun"),
    ))
    spokesperson = Entity("e2", "a spokesperson", "unnamed", organization="the court",
                          mentions=(EntityMention(text_span(text, "A spokesperson"), "description"),))
    speaker = Speaker("Mark Vincent Kaplan", "person", roles=("attorney",), entity="e1", confidence=0.8)
    quotes = (
        _quote(aid, text, "the ruling was unfair", "said", "An attorney for the singer's former husband", speaker,
               type="indirect"),
        _quote(aid, text, '"We will fight this."', "told", "Mark Vincent Kaplan", speaker, type="direct"),
        _quote(aid, text, 'the family was "at peace."', "added", "He", speaker, type="mixed"),
        Quote(id=quote_id(aid, text_span(text, "the hearing would move")), content=text_span(text, "the hearing would move"),
              cue=text_span(text, "said", text.index("Someone")), source=text_span(text, "Someone"), speaker=None,
              speaker_candidates=("e1", "e2"), type="indirect"),
    )
    return Article(text=text, id=aid, date="2024-06-27", title="Appeal to follow", outlet="Daily Planet",
                   quotes=quotes, entities=(kaplan, spokesperson))


def acts_report() -> Article:
    """Three quotes about a bridge by one speaker: a statement (speech), a thought, and a fragment
    (cue "toured", content "the old bridge") that bm25 alone would rank first."""
    text = (
        "Mayor Daniel Okafor said the bridge would reopen in May after the repairs. "
        "Okafor fears that the bridge repairs will run late. He toured the old bridge."
    )
    aid = "a-bridge"
    quotes = (
        _quote(aid, text, "the bridge would reopen in May after the repairs", "said", "Mayor Daniel Okafor", OKAFOR,
               date="2024-05-02", type="indirect", act="speech"),
        _quote(aid, text, "that the bridge repairs will run late", "fears", "Okafor", OKAFOR, date="2024-05-02",
               type="indirect", act="thought"),
        _quote(aid, text, "the old bridge", "toured", "He", OKAFOR, date="2024-05-02", type="indirect", act="other"),
    )
    return Article(text=text, id=aid, date="2024-05-02", title="Bridge to reopen", outlet="Riverton Gazette",
                   url="https://gazette.example/bridge", quotes=quotes)


def build_store(path: Path, articles: list[Article] | None = None) -> Path:
    """A store file holding the sample articles (or the ones given)."""
    from quotegraph.model import check_offsets
    from quotegraph.store import Store

    with Store(path) as store:
        for article in articles if articles is not None else [first_report(), later_report(), xss_article()]:
            check_offsets(article)
            store.add_extracted(article)
    return path
