"""Plain Python row functions applied to Spark DataFrames through Arrow (``mapInArrow``)."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from .schema import arrow
from .session import quiet_pyspark


def arrow_map(df: Any, fn: Callable[[dict[str, Any]], dict[str, Any] | None], schema: Any) -> Any:
    """``fn`` over every row of ``df`` (as dicts); rows for which it returns None are dropped."""
    arrow_schema = arrow(schema)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            rows = [out for out in map(fn, batch.to_pylist()) if out is not None]
            yield pa.RecordBatch.from_pylist(rows, schema=arrow_schema)

    with quiet_pyspark():
        return df.mapInArrow(run, schema)
