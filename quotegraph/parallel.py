"""Extraction over many articles: in batches, in-process or in worker processes.

    extract_articles(articles, workers=N)  →  Article | ExtractionError per input, in input order

Each batch goes through ``nlp.pipe`` at once.  If the pipeline fails inside a
batch, the batch is redone one article at a time so that only the article that
fails is reported (as an ``ExtractionError``) and the others come through.

The caller hands in ``load``, a picklable function that returns the pipeline
(``quotegraph.api`` passes its cached loader): this module never imports the API.
With ``workers > 1`` the parent loads the pipeline once and forks the workers,
which inherit it (spawn, loading once per worker, where fork is missing); each
takes small batches; results come back in input order.  A
worker that dies outright (killed for memory, a crash in native code) breaks
the pool: the batches it was holding are redone one article per task in a fresh
pool, which pins the failure on one article instead of ending the run.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

from .errors import ExtractionError, ModelError
from .model import Article
from .pipeline.extensions import remember_text

Outcome = Article | ExtractionError
WORKER_DIED = "the worker process died (out of memory, or a crash in native code)"
# Workers that die on this many articles in a row are not unlucky: something is wrong with all of them.
MAX_DEATHS_IN_A_ROW = 3
# What crosses the process boundary: ("ok", Article) | ("error", article_id, reason) | ("fatal", message)
Result = tuple


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _make_doc(nlp: Any, article: Article) -> Any:
    doc = nlp.make_doc(article.text)
    remember_text(doc, article.text)  # so no stage rebuilds doc.text from its tokens
    doc._.qg_article_date = article.date
    doc._.qg_article_id = article.id
    doc._.qg_blockquotes = article.blockquotes
    return doc


def _result(article: Article, doc: Any) -> Article:
    return article.with_quotes(doc._.qg_quotes or (), doc._.qg_entities or ())


def extract_batch(nlp: Any, batch: list[Article], batch_size: int = 32) -> list[Result]:
    """One result per article of the batch: ("ok", Article) or ("error", id, reason)."""
    try:
        docs = list(nlp.pipe((_make_doc(nlp, a) for a in batch), batch_size=batch_size))
        if len(docs) == len(batch):
            return [("ok", _result(a, d)) for a, d in zip(batch, docs)]
    except Exception:  # noqa: BLE001 — find the failing article below, one at a time
        pass
    results: list[Result] = []
    for article in batch:
        try:
            results.append(("ok", _result(article, nlp(_make_doc(nlp, article)))))
        except Exception as exc:  # noqa: BLE001 — per-article isolation is the point
            results.append(("error", article.id, _reason(exc)))
    return results


def _outcomes(results: list[Result]) -> Iterator[Outcome]:
    for result in results:
        if result[0] == "ok":
            yield result[1]
        elif result[0] == "error":
            yield ExtractionError(result[1], result[2])
        else:
            raise ModelError(result[1])


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


# ---- worker side -------------------------------------------------------------------------

_NLP: Any = None
_INIT_ERROR: str | None = None


def _init_worker(load: Callable[[], Any]) -> None:
    """Load the pipeline once per worker; a failure is reported by the first task, not by a dead pool."""
    global _NLP, _INIT_ERROR
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # N workers, not N × cores threads
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # BLAS inherited from the parent would start a thread per core in every worker
    try:
        _NLP = load()
        if "torch" in sys.modules:  # this worker's own process: one torch thread
            sys.modules["torch"].set_num_threads(1)
    except Exception as exc:  # noqa: BLE001 — sent back to the parent as a ModelError
        _INIT_ERROR = str(exc) or _reason(exc)


def _work(batch: list[Article], batch_size: int) -> list[Result]:
    if _INIT_ERROR is not None:
        return [("fatal", _INIT_ERROR)]
    return extract_batch(_NLP, batch, batch_size)


# ---- parent side -------------------------------------------------------------------------


def _context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it: workers inherit the pipeline the parent loaded
    (copy-on-write) instead of each loading its own, which costs seconds per worker.
    The parent keeps torch to one thread, so no thread pool is forked mid-flight."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Pool:
    """A process pool that can be replaced when a worker dies."""

    def __init__(self, workers: int, initargs: tuple, task: Callable[..., list[Result]], initializer: Callable) -> None:
        self.workers, self.initargs, self.task, self.initializer = workers, initargs, task, initializer
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_context(),
            initializer=self.initializer,
            initargs=self.initargs,
        )

    def submit(self, batch: list[Article], batch_size: int) -> Future:
        return self.executor.submit(self.task, batch, batch_size)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _pooled(
    articles: Iterable[Article],
    *,
    workers: int,
    batch_size: int,
    initargs: tuple,
    task: Callable[..., list[Result]] = _work,
    initializer: Callable = _init_worker,
) -> Iterator[Outcome]:
    pool = _Pool(workers, initargs, task, initializer)
    inflight: deque[tuple[list[Article], Future]] = deque()
    batches = _batches(articles, batch_size)
    try:
        while True:
            while len(inflight) < 2 * workers and (batch := next(batches, None)) is not None:
                inflight.append((batch, pool.submit(batch, batch_size)))
            if not inflight:
                return
            batch, future = inflight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                redo = [batch] + [b for b, _ in inflight]
                inflight.clear()
                pool.restart()
                deaths = 0
                for article in itertools.chain.from_iterable(redo):
                    outcome = _alone(pool, article, batch_size)
                    deaths = deaths + 1 if outcome is None else 0
                    if deaths == MAX_DEATHS_IN_A_ROW:
                        raise ModelError(
                            f"worker processes keep dying ({deaths} in a row, each on its own article): "
                            "run with --workers 1 to see why"
                        )
                    yield outcome if outcome is not None else ExtractionError(article.id, WORKER_DIED)
                continue
            yield from _outcomes(results)
    finally:
        pool.close()


def _alone(pool: _Pool, article: Article, batch_size: int) -> Outcome | None:
    """One article in its own task: None when the worker died on it (so this article is the one)."""
    try:
        results = pool.submit([article], batch_size).result()
    except BrokenProcessPool:
        pool.restart()
        return None
    return next(_outcomes(results))


def extract_articles(
    articles: Iterable[Article],
    *,
    load: Callable[[], Any],
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[Outcome]:
    """Article (with quotes) or ExtractionError per input article, in input order.

    ``load()`` returns the pipeline (and must pickle, for spawned workers).
    ``workers=1`` runs in this process; ``workers=N`` uses N processes, each
    loading the pipeline once.  Raises ModelError when the pipeline cannot load.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    batch_size = max(1, batch_size)
    if workers == 1:
        for batch in _batches(articles, batch_size):
            nlp = load()  # the loader caches it; loaded only once there is something to extract
            yield from _outcomes(extract_batch(nlp, batch, batch_size))
        return
    load()  # once, here: forked workers inherit it (and a load error is raised here)
    # Small tasks keep both workers busy to the end of a short run; nlp.pipe batches inside each.
    task_size = max(1, min(batch_size, 8))
    with _one_torch_thread():
        yield from _pooled(articles, workers=workers, batch_size=task_size, initargs=(load,))


@contextlib.contextmanager
def _one_torch_thread() -> Iterator[None]:
    """While workers are forked from this process, torch (if the caller uses it) keeps one thread,
    so no thread pool is forked mid-flight; the caller's setting is restored afterwards."""
    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
