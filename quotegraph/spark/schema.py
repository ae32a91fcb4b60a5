"""The Parquet layout of quotegraph's Spark output, as Spark and Arrow schemas.

A quote row holds exactly the fields of ``Quote.to_dict()`` (spans as arrays of
``[start, end]``, speaker and channel as structs), so ``Quote.from_dict(row)``
gives back the very Quote the library produced.
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


def _s(name: str, kind: Any = None) -> StructField:
    return StructField(name, kind if kind is not None else StringType(), True)


TEXT_SPAN = StructType([_s("text"), _s("spans", ArrayType(ArrayType(IntegerType())))])
SPEAKER = StructType(
    [
        _s("name"),
        _s("kind"),
        _s("roles", ArrayType(StringType())),
        _s("relations", ArrayType(StructType([_s("relation"), _s("of")]))),
        _s("age", IntegerType()),
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
        _s("channel", CHANNEL),
        _s("date"),
        _s("date_basis"),
        _s("confidence", DoubleType()),
    ]
)

# What the readers produce: one row per input record; ``error`` is set when the
# record could not be read as an article (it is then reported, not extracted).
INPUT = StructType(
    [
        _s("seq", LongType()),
        _s("origin"),
        _s("id"),
        _s("text"),
        _s("date"),
        _s("title"),
        _s("outlet"),
        _s("url"),
        _s("error"),
    ]
)
INPUT_FIELDS = tuple(f.name for f in INPUT.fields)

# What extraction produces: one row per input record, ok or failed, quotes nested.
ARTICLE = StructType(
    [
        _s("seq", LongType()),
        _s("origin"),
        _s("id"),
        _s("content_hash"),
        _s("title"),
        _s("date"),
        _s("outlet"),
        _s("url"),
        _s("text"),
        _s("status"),
        _s("reason"),
        _s("n_quotes", IntegerType()),
        _s("quotes", ArrayType(QUOTE)),
    ]
)

STATUS_COLUMNS = ("seq", "origin", "id", "status", "reason", "n_quotes")
ARTICLE_COLUMNS = ("seq", "id", "content_hash", "title", "date", "outlet", "url")


def arrow(schema: StructType) -> Any:
    """The Arrow schema Spark expects from ``mapInArrow`` for ``schema``."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)
