"""Property: for any text, every span of every quote reads back from ``article.text``.

Texts mix arbitrary unicode (emoji, combining marks, RTL, NUL-free control
characters), CRLF and lone CR line endings, leading whitespace, and
quote-shaped sentences so that the pipeline actually finds quotes to check.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotegraph
from quotegraph.io import iter_articles
from quotegraph.errors import NotText
from quotegraph.model import Article, check_offsets

NAMES = st.sampled_from(["Kaplan", "Mark Vincent Kaplan", "she", "the senator", "Zoë Ñúñez", "TMZ", "Ms. O'Brien-Lee"])
CUES = st.sampled_from(["said", "told reporters", "wrote on Instagram", "added", "according to"])
MARKS = st.sampled_from([('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»")])
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=0,
    max_size=40,
)


@st.composite
def quote_sentence(draw) -> str:
    open_, close = draw(MARKS)
    said = draw(WORDS) or "We will appeal"
    name, cue = draw(NAMES), draw(CUES)
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return f"{open_}{said},{close} {name} {cue}."
    if shape == 1:
        return f"{name} {cue}: {open_}{said}.{close}"
    if shape == 2:
        return f"{open_}{said},{close} {name} {cue}. {open_}{draw(WORDS)}{close}"
    return f"{name} {cue} that {said}."


@st.composite
def article_text(draw) -> str:
    parts = draw(st.lists(st.one_of(quote_sentence(), WORDS), min_size=1, max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\r\n\r\n", "\r", " "]))
    lead = draw(st.sampled_from(["", " ", "\n", "\r\n  ", "\t", "\u00a0"]))
    text = lead + newline.join(parts)
    return text if text.strip() else text + "x"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_text())
def test_every_span_reads_back_from_the_text(nlp, text):
    article = quotegraph.extract(text)
    assert article.text == text
    check_offsets(article)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_text())
def test_a_file_read_from_disk_keeps_its_text_and_offsets(nlp, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_bytes(text.encode("utf-8"))
        [(_, article)] = list(iter_articles([str(path)]))
    if not isinstance(article, Article):  # mostly control characters: rejected as binary, never altered
        assert isinstance(article, NotText)
        return
    assert article.text == text
    [result] = quotegraph.extract_many([article])
    check_offsets(result)


def test_a_known_text_with_crlf_and_leading_whitespace(nlp):
    text = '\r\n  "We will appeal," Kaplan said.\r\n\r\n"This is absurd," he added.\r\n'
    article = quotegraph.extract(text)
    check_offsets(article)
    contents = [q.content.text for q in article.quotes]
    assert '"We will appeal,"' in contents[0]
    assert any('"This is absurd,"' in c for c in contents)
