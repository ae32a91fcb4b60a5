"""The exceptions quotegraph raises.

    QuotegraphError
     ├── InputError            bad input: the CLI prints one line and goes on with other inputs
     │    ├── EmptyInput       nothing but whitespace
     │    ├── NotText          binary data, or HTML with no article in it
     │    ├── TooLarge         over the size limit (--max-bytes)
     │    └── MalformedRecord  a JSONL line that is not a JSON object with "text"
     ├── ExtractionError       the pipeline failed on one article: reported for it, the run goes on
     ├── ModelError            a spaCy pipeline or quotegraph model that cannot be loaded
     └── StoreError            a database that cannot be opened, migrated or written

Messages say what went wrong and what to do next; they never need a traceback.
"""

from __future__ import annotations


class QuotegraphError(Exception):
    """Base of every error quotegraph raises on purpose."""


class InputError(QuotegraphError):
    """An input that cannot be read as an article."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")
        self.reason = message


class EmptyInput(InputError):
    """The input holds no text."""


class NotText(InputError):
    """The input is binary, or HTML without an article in it."""


class TooLarge(InputError):
    """The input is larger than the configured limit."""


class MalformedRecord(InputError):
    """A record (e.g. a JSONL line) that is not a valid article."""


class ExtractionError(QuotegraphError):
    """The pipeline failed on one article (a bug, or input it cannot handle); other articles go on."""

    def __init__(self, article_id: str, reason: str) -> None:
        self.article_id = article_id
        self.reason = reason
        super().__init__(f"{article_id}: extraction failed ({reason}); please report it with the input")

    def __reduce__(self):  # picklable across processes despite the two-argument constructor
        return (type(self), (self.article_id, self.reason))


class ModelError(QuotegraphError):
    """A pipeline or model that cannot be loaded."""


class StoreError(QuotegraphError):
    """A database that cannot be opened, migrated or written."""
