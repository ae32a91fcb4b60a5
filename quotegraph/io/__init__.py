"""Input and output: readers by file format, writers by format name.

    iter_articles(paths)  →  (origin, Article | InputError) per record, never raising for bad input
    open_writer(format, out)  →  a Writer: write(article) per result, close() at the end

``FORMATS`` maps an input format to its reader and ``EXTENSIONS`` a file extension
to a format: the one registry that the CLI, ``ingest`` and the Spark job read
files through.  ``WRITERS`` maps a format name to a writer class; the CLI's
``--format`` choices are its keys.  Nothing heavy is imported here: trafilatura
loads only when an HTML page is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..errors import InputError
from ..model import Article
from . import html, readers, warc
from .readers import ARTICLE_META
from .writers import WRITERS, Writer, open_writer

DEFAULT_MAX_BYTES = 5_000_000

Reader = Callable[[Path, str, int], Iterator[readers.Record]]

FORMATS: dict[str, Reader] = {
    "text": readers.read_text_file,
    "html": html.read_html_file,
    "jsonl": readers.read_jsonl_file,
    "warc": warc.read_warc_file,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}
READERS: dict[str, Reader] = {ext: FORMATS[fmt] for ext, fmt in EXTENSIONS.items()}

__all__ = [
    "ARTICLE_META", "DEFAULT_MAX_BYTES", "EXTENSIONS", "FORMATS", "READERS", "WRITERS", "Writer",
    "format_of", "iter_articles", "open_writer", "reader_for",
]  # fmt: skip


def format_of(name: str) -> str | None:
    """The input format a file name says by its extension (``.warc.gz`` included), or None."""
    lowered = name.lower()
    return next((EXTENSIONS[ext] for ext in sorted(EXTENSIONS, key=len, reverse=True) if lowered.endswith(ext)), None)


def reader_for(path: Path, *, in_directory: bool = False) -> Reader | None:
    """The reader for a path by extension.

    A file named on the command line with an unknown extension is read as plain
    text; inside a directory only known extensions are read.
    """
    fmt = format_of(path.name)
    if fmt is None:
        return None if in_directory else readers.read_text_file
    return FORMATS[fmt]


def _directory_files(root: Path) -> list[Path]:
    files = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue  # hidden files and folders (.git, .DS_Store)
        if path.is_file() and format_of(path.name) is not None:
            files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def iter_articles(paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[str, Article | InputError]]:
    """Every article in ``paths`` — files, directories (recursive, sorted) or "-" for stdin — in order.

    Yields ``(origin, Article)`` or ``(origin, InputError)``; origin is the path,
    or ``path:line`` for a JSONL record.  Bad input never raises, so one bad file
    never stops the others.
    """
    for raw in paths:
        if raw == "-":
            yield from readers.read_stdin(max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            try:
                files = _directory_files(path)
            except OSError as exc:
                yield raw, InputError(f"cannot list the directory: {exc.strerror or exc}", path=raw)
                continue
            if not files:
                yield raw, InputError(f"no readable files in the directory (looked for {', '.join(sorted(EXTENSIONS))})", path=raw)
            for file in files:
                yield from reader_for(file)(file, str(file), max_bytes)  # type: ignore[misc]
        elif path.is_file():
            yield from reader_for(path)(path, raw, max_bytes)  # type: ignore[misc]
        elif path.exists():
            yield raw, InputError("not a regular file or directory", path=raw)
        else:
            yield raw, InputError("no such file or directory", path=raw)
