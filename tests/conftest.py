"""Shared fixtures: the real pipeline (loaded once), paths to the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


@pytest.fixture(scope="session")
def nlp():
    """The default quotegraph pipeline (spaCy + quotegraph component), loaded once."""
    import quotegraph

    return quotegraph.load()


@pytest.fixture(scope="session")
def polnear() -> Path:
    if not (POLNEAR / "dev").is_dir():
        pytest.skip("PolNeAR is not beside the checkout (../shared/data/polnear)")
    return POLNEAR


def spacy_stages(nlp):
    """Text → Doc through ``nlp``'s spaCy components only, not the quotegraph stage:
    what a span finder receives."""
    stages = [proc for name, proc in nlp.pipeline if name != "quotegraph"]

    def run(text: str):
        doc = nlp.make_doc(text)
        for proc in stages:
            doc = proc(doc)
        return doc

    return run

