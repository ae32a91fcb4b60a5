"""Shared fixtures and helpers: the real pipeline (loaded once), paths to the bundled data.

Every test that uses the real spaCy pipeline through a fixture here (``nlp``, ``parse``,
``tag``) is marked ``slow`` by :func:`pytest_collection_modifyitems`; a test that loads it
another way (``quotegraph.extract``, the ``quotegraph`` command) carries the marker
itself.  ``pytest -m "not slow"`` then runs without loading any pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"

# Fixtures that load the real pipeline: a test using any of them is slow.
_PIPELINE_FIXTURES = {"nlp", "parse", "tag", "read"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def nlp():
    """The default quotegraph pipeline (spaCy + quotegraph component), loaded once."""
    import quotegraph

    return quotegraph.load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Text → Doc with a dependency parse: what the rules finder receives."""
    if "parser" not in nlp.pipe_names:
        import quotegraph

        nlp = quotegraph.load(finder="rules")
    return _spacy_stages(nlp)


@pytest.fixture(scope="session")
def tag(nlp):
    """Text → Doc with tags, entities and sentences but no parse: what the learned finder receives."""
    return _spacy_stages(nlp)


def _spacy_stages(nlp):
    """Text → Doc through ``nlp``'s spaCy components only, not the quotegraph stage."""
    stages = [proc for name, proc in nlp.pipeline if name != "quotegraph"]

    def run(text: str):
        doc = nlp.make_doc(text)
        for proc in stages:
            doc = proc(doc)
        return doc

    return run


@pytest.fixture(scope="session")
def read(parse, tag):
    """Text → Doc as the stages receive it: with a dependency parse (``parser=True``, the rules
    finder's pipeline) or without one (the default pipeline's)."""

    def run(text: str, parser: bool = True):
        doc = parse(text) if parser else tag(text)
        assert doc.has_annotation("DEP") == parser
        return doc

    return run


@pytest.fixture(scope="session")
def polnear() -> Path:
    if not (POLNEAR / "dev").is_dir():
        pytest.skip("PolNeAR is not beside the checkout (../shared/data/polnear)")
    return POLNEAR


@pytest.fixture
def fragile_pipeline(monkeypatch):
    """A blank spaCy pipeline in place of quotegraph's, whose one component fails on any text containing BOOM."""
    import spacy  # here, not at the top: worker processes import the test modules and need no spaCy
    from spacy.language import Language

    import quotegraph.api
    from quotegraph.pipeline import extensions

    extensions.register()
    if "qg_test_fragile" not in Language.factories:

        @Language.component("qg_test_fragile")
        def fragile(doc):
            if "BOOM" in doc.text:
                raise RuntimeError("cannot handle BOOM")
            doc._.quotes = []
            return doc

    fragile_nlp = spacy.blank("en")
    fragile_nlp.add_pipe("qg_test_fragile")
    monkeypatch.setattr(quotegraph.api, "load", lambda *args, **kw: fragile_nlp)
    return fragile_nlp


def text_span(text: str, piece: str, start: int = 0):
    """The TextSpan of the first ``piece`` in ``text`` at or after ``start``."""
    from quotegraph.model import TextSpan

    at = text.find(piece, start)
    assert at >= 0, f"{piece!r} is not in the text"
    return TextSpan.from_offsets(text, [(at, at + len(piece))])


def attribution(text: str, content: str, cue: str, source: str | None = None):
    """An Attribution whose spans are the given substrings: the cue nearest the content, the
    source nearest the cue — the spans any finder might give, for testing the later stages alone."""
    import re

    from quotegraph.pipeline.attribution import Attribution

    c = text.index(content)
    q = min((m.start() for m in re.finditer(rf"\b{re.escape(cue)}\b", text)), key=lambda i: abs(i - c))
    spans = []
    if source:
        s = min((m.start() for m in re.finditer(rf"(?<!\w){re.escape(source)}(?!\w)", text)), key=lambda i: abs(i - q))
        spans = [(s, s + len(source))]
    return Attribution(content=[(c, c + len(content))], cue=[(q, q + len(cue))], source=spans)
