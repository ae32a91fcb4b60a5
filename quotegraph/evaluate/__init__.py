"""Scoring quotegraph against hand annotation.

* :mod:`.spans` — PolNeAR-style brat gold: P/R/F1 for Source, Cue and Content spans and relations;
* :mod:`.whosaid` — pages annotated for who said what, to whom and when (the news-dev format).
"""

from . import spans, whosaid
from .spans import *  # noqa: F401,F403  (the span scorer's names stay importable from here)
from .spans import __all__ as _span_names

__all__ = list(_span_names) + ["spans", "whosaid"]
