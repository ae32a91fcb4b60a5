"""quotegraph: who said what, to whom, and when, in news text.

    >>> import quotegraph
    >>> article = quotegraph.extract('"We will appeal," Kaplan told ET on Tuesday.', date="2024-06-26")
    >>> [q.speaker.name for q in article.quotes]  # doctest: +SKIP
"""

from .api import extract, extract_many, load
from .errors import (
    EmptyInput,
    ExtractionError,
    InputError,
    MalformedRecord,
    ModelError,
    NotText,
    QuotegraphError,
    StoreError,
    TooLarge,
)
from .model import Article, Channel, Quote, Speaker, SpeakerRelation, TextSpan

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Channel",
    "EmptyInput",
    "ExtractionError",
    "InputError",
    "MalformedRecord",
    "ModelError",
    "NotText",
    "Quote",
    "QuotegraphError",
    "Speaker",
    "SpeakerRelation",
    "StoreError",
    "TextSpan",
    "TooLarge",
    "extract",
    "extract_many",
    "load",
]
