"""Input and output: readers by file extension, writers by format name.

    iter_articles(paths)  →  (origin, Article | InputError) per record, never raising for bad input
    open_writer(format, out)  →  a Writer: write(article) per result, close() at the end

``READERS`` maps an extension to a reader and ``WRITERS`` a format name to a
writer class; the CLI's ``--format`` choices are ``WRITERS``' keys, so a new
output format is one class and one registry entry.  Nothing heavy is imported
here: trafilatura loads only when an HTML page is read.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..errors import InputError
from ..model import Article
from . import html, readers
from .writers import WRITERS, Writer, open_writer

DEFAULT_MAX_BYTES = 5_000_000

Reader = Callable[[Path, str, int], Iterator[readers.Record]]

READERS: dict[str, Reader] = {
    ".txt": readers.read_text_file,
    ".text": readers.read_text_file,
    ".html": html.read_html_file,
    ".htm": html.read_html_file,
    ".jsonl": readers.read_jsonl_file,
    ".ndjson": readers.read_jsonl_file,
    ".warc": readers.read_warc_file,
    ".warc.gz": readers.read_warc_file,
}

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "WRITERS", "Writer", "iter_articles", "open_writer", "reader_for"]


def _extension(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def _warc_available() -> bool:
    return importlib.util.find_spec(f"{__name__}.warc") is not None


def reader_for(path: Path, *, in_directory: bool = False) -> Reader | None:
    """The reader for a path by extension.

    A file named on the command line with an unknown extension is read as plain
    text; inside a directory only known extensions are read (WARC only where
    WARC support is installed).
    """
    ext = _extension(path)
    if in_directory:
        if ext in (".warc", ".warc.gz") and not _warc_available():
            return None
        return READERS.get(ext)
    return READERS.get(ext, readers.read_text_file)


def _directory_files(root: Path) -> list[Path]:
    files = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue  # hidden files and folders (.git, .DS_Store)
        if path.is_file() and reader_for(path, in_directory=True) is not None:
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
                yield raw, InputError(f"no readable files in the directory (looked for {', '.join(sorted(READERS))})", path=raw)
            for file in files:
                reader = reader_for(file, in_directory=True)
                assert reader is not None
                yield from reader(file, str(file), max_bytes)
        elif path.is_file():
            reader = reader_for(path)
            assert reader is not None
            yield from reader(path, raw, max_bytes)
        elif path.exists():
            yield raw, InputError("not a regular file or directory", path=raw)
        else:
            yield raw, InputError("no such file or directory", path=raw)
