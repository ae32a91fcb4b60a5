"""Matrix products for spaCy's models: numpy's BLAS on one thread instead of BLIS.

spaCy's CPU models (thinc's ``NumpyOps``) multiply matrices with BLIS.  On the machines
measured here, numpy's OpenBLAS on one thread does the same products about three times
faster at the shapes spaCy uses, and the annotations come out the same (PolNeAR dev: every
tag, entity, lemma and dependency identical; the tok2vec output within 4e-6) — about a
quarter off the spaCy stage (bench/RESULTS.md, 0j).  One thread, as BLIS uses, so that one
process keeps to one core and ``--workers`` still scales.
"""

from __future__ import annotations

import functools
from typing import Any

from thinc.api import Model, NumpyOps


@functools.lru_cache(maxsize=None)
def blas_controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries, made once: finding them reads the
    process's memory map, about 2 ms — a call per matrix product otherwise."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


class OneThreadBlasOps(NumpyOps):
    """thinc's numpy ops with products by numpy's BLAS, held to one thread."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(use_blis=False, **kwargs)

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        with blas_controller().limit(limits=1, user_api="blas"):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_gemm(nlp: Any) -> None:
    """Give every model of the pipeline (disabled components too) :class:`OneThreadBlasOps`."""
    ops = OneThreadBlasOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model) and isinstance(model.ops, NumpyOps):
            for node in model.walk():
                node.ops = ops


__all__ = ["OneThreadBlasOps", "blas_controller", "use_numpy_gemm"]
