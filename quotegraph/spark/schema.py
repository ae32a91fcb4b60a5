"""The Parquet layout of quotegraph's Spark output, as Spark and Arrow schemas.

A quote row holds exactly the fields of ``Quote.to_dict()`` (spans as arrays of
``[start, end]``, speaker and channel as structs), and an article row its
entities (``Entity.to_dict()``) and blockquotes, so ``Article.from_dict(row)``
gives back the very Article the library produced.  The article metadata columns
are ``quotegraph.io.ARTICLE_META``, as every reader has them.
"""

from __future__ import annotations

from typing import Any

from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from ..io import ARTICLE_META


def _s(name: str, kind: Any = None) -> StructField:
    return StructField(name, kind if kind is not None else StringType(), True)


SPANS = ArrayType(ArrayType(IntegerType()))
TEXT_SPAN = StructType([_s("text"), _s("spans", SPANS)])
RELATIONS = ArrayType(StructType([_s("relation"), _s("of")]))
SPEAKER = StructType(
    [
        _s("name"),
        _s("kind"),
        _s("roles", ArrayType(StringType())),
        _s("relations", RELATIONS),
        _s("age", IntegerType()),
        _s("organization"),
        _s("entity"),
        _s("confidence", DoubleType()),
    ]
)
CHANNEL = StructType([_s("name"), _s("kind")])
QUOTE = StructType(
    [
        _s("id"),
        _s("type"),
        _s("content", TEXT_SPAN),
        _s("cue", TEXT_SPAN),
        _s("source", TEXT_SPAN),
        _s("speaker", SPEAKER),
        _s("speaker_candidates", ArrayType(StringType())),
        _s("act"),
        _s("channel", CHANNEL),
        _s("date"),
        _s("date_basis"),
        _s("confidence", DoubleType()),
    ]
)
ENTITY = StructType(
    [
        _s("id"),
        _s("name"),
        _s("kind"),
        _s("roles", ArrayType(StringType())),
        _s("organization"),
        _s("relations", RELATIONS),
        _s("age", IntegerType()),
        _s("mentions", ArrayType(StructType([_s("text"), _s("spans", SPANS), _s("form")]))),
    ]
)

# What the readers produce: one row per input record; ``error`` is set when the
# record could not be read as an article (it is then reported, not extracted).
INPUT = StructType([_s("seq", LongType()), _s("origin"), _s("text"), *(_s(k) for k in ARTICLE_META), _s("error")])
INPUT_FIELDS = tuple(f.name for f in INPUT.fields)

# What extraction produces: one row per input record, ok or failed, quotes and entities nested.
ARTICLE = StructType(
    [
        _s("seq", LongType()),
        _s("origin"),
        _s("content_hash"),
        *(_s(k) for k in ARTICLE_META),
        _s("text"),
        _s("blockquotes", ArrayType(ArrayType(IntegerType()))),
        _s("status"),
        _s("reason"),
        _s("n_quotes", IntegerType()),
        _s("quotes", ArrayType(QUOTE)),
        _s("entities", ArrayType(ENTITY)),
    ]
)

STATUS_COLUMNS = ("seq", "origin", "id", "status", "reason", "n_quotes")
ARTICLE_COLUMNS = ("seq", "content_hash", *ARTICLE_META)


def arrow(schema: StructType) -> Any:
    """The Arrow schema Spark expects from ``mapInArrow`` for ``schema``."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)
