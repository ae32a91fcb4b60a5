"""One way to get a SparkSession, with quiet defaults that suit quotegraph jobs."""

from __future__ import annotations

import os
import sys
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

from ..errors import QuotegraphError


def get_session(master: str | None = None, *, app_name: str = "quotegraph", conf: Mapping[str, str] | None = None) -> Any:
    """The active SparkSession, or a new one.

    ``master`` is only set when given: under ``spark-submit`` the cluster manager
    decides, and plain ``python`` falls back to ``local[*]``.  In local mode the
    Python workers run this very interpreter, so they import the same quotegraph.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise QuotegraphError("PySpark is not installed: pip install 'quotegraph[spark]'") from exc

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    local = master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ  # not under spark-submit
    if local:
        # PySpark starts its workers with $PYSPARK_PYTHON, else whatever "python3" is on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    with quiet_pyspark():
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextmanager
def quiet_pyspark() -> Iterator[None]:
    """Silence PySpark's FutureWarning about pandas 3 (quotegraph's Spark code uses Arrow, not pandas)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
        yield


def output_exists(spark: Any, path: str) -> bool:
    """Whether ``path`` exists on its Hadoop file system (local, HDFS, s3a...)."""
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return bool(fs.exists(hpath))


def input_exists(spark: Any, path: str) -> bool:
    """Whether ``path`` (a file, a folder or a glob) names anything on its Hadoop file system."""
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return bool(fs.globStatus(hpath))


def join_path(base: str, name: str) -> str:
    """``base/name`` for any Hadoop path (URLs included)."""
    return base.rstrip("/") + "/" + name
