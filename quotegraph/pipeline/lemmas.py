"""spaCy's rule lemmatizer, run over arrays instead of token by token.

The English pipeline's ``lemmatizer`` sets ``token.lemma_`` in a Python loop over every
token — about a tenth of the pipeline's time on news text, though it answers from a
cache keyed on (ORTH, POS, MORPH) for nearly every word.  :class:`ArrayLemmatizing`
keeps the component — its lookups, its language's own rules (English has its own
``is_base_form``), its ``overwrite`` setting: on a cache miss it asks the component's own
``lemmatize`` — but reads those three columns once per doc and writes the LEMMA column
back in one call.  :func:`use_array_lemmatizer` gives a loaded pipeline's rule
lemmatizer this behaviour, and fills its cache from a table of the lemmatizer's own
answers for common words (``quotegraph/models/lemmas/``, built by
``scripts/build_lemma_table.py`` for the default pipeline and skipped for any other),
so that the first articles of a run do not pay for every cache miss; the test suite
checks that the lemmas come out identical.
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

TABLE = Path(__file__).resolve().parent.parent / "models" / "lemmas" / "lemmas.tsv.gz"
WORDS_TABLE = "quotegraph_words"  # in the vocab's lookups: the rule lemmatizer's words, see share_words


class ArrayLemmatizing:
    """Mixed in before a :class:`spacy.pipeline.Lemmatizer` class: same lemmas, set column-wise."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        strings = doc.vocab.strings
        memo = self.__dict__.setdefault("_qg_lemma_hashes", {})
        overwrite = self.overwrite  # type: ignore[attr-defined]
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue  # set by the attribute ruler: kept, as the stock component keeps it
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(np.uint64))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """As spaCy's ``Pipe.pipe`` (which would call the stock ``__call__``), one doc at a time."""
        error_handler = self.get_error_handler()  # type: ignore[attr-defined]
        for doc in stream:
            try:
                yield self(doc)
            except Exception as exc:  # noqa: BLE001 — spaCy's own error handler decides
                error_handler(self.name, self, [doc], exc)  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=None)
def _array_class(base: type) -> type:
    return type(f"Array{base.__name__}", (ArrayLemmatizing, base), {})


def use_array_lemmatizer(nlp: Language) -> None:
    """Give a loaded pipeline's rule lemmatizer the column-wise ``__call__`` (same object, same lemmas)."""
    for _, proc in nlp.pipeline:
        if isinstance(proc, Lemmatizer) and not isinstance(proc, ArrayLemmatizing) and proc.mode == "rule":
            proc.__class__ = _array_class(type(proc))
            _warm(nlp, proc)


def _warm(nlp: Language, proc: Lemmatizer) -> None:
    """Fill the cache from the shipped table when it was built for this very pipeline."""
    if not TABLE.is_file():
        return
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        header = json.loads(f.readline())
        if (header.get("pipeline"), header.get("version")) != (nlp.meta.get("name"), nlp.meta.get("version")):
            return
        strings, morphology = nlp.vocab.strings, nlp.vocab.morphology
        memo = proc.__dict__.setdefault("_qg_lemma_hashes", {})
        for line in f:
            text, pos, morph, lemma = line.rstrip("\n").split("\t")
            if pos in POS_IDS:
                memo[(strings.add(text), POS_IDS[pos], morphology.add(morph))] = strings.add(lemma)


def share_words(nlp: Language) -> None:
    """Put the words the rule lemmatizer knows (English: WordNet's nouns, verbs, adjectives and
    adverbs) in the vocab's lookups, where a stage that has only a Doc finds them — to tell a
    headline's "Derelict" from a first name.  A pipeline without such a lemmatizer shares none."""
    if nlp.vocab.lookups.has_table(WORDS_TABLE):
        return
    for _, proc in nlp.pipeline:
        if isinstance(proc, Lemmatizer) and proc.lookups.has_table("lemma_index"):
            table = nlp.vocab.lookups.add_table(WORDS_TABLE)
            for words in proc.lookups.get_table("lemma_index").values():
                for word in words:
                    table[word] = True
            return


def is_word(doc: Doc, word: str) -> bool:
    """Whether ``word`` (any case, any inflection a plain suffix makes) is a word of the language
    the pipeline's lemmatizer knows; False when it shares none (:func:`share_words`)."""
    if not doc.vocab.lookups.has_table(WORDS_TABLE):
        return False
    table = doc.vocab.lookups.get_table(WORDS_TABLE)
    w = word.lower()
    forms = [w]
    for suffix, replacement in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            forms.append(w[: -len(suffix)] + replacement)
    return any(f in table for f in forms)


__all__ = ["ArrayLemmatizing", "use_array_lemmatizer", "share_words", "is_word", "WORDS_TABLE"]
