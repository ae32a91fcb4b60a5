"""spaCy's attribute ruler, matched through a lookup table instead of the Matcher.

English pipelines map fine-grained tags to coarse POS, morphology and some lemmas
with an ``attribute_ruler`` of ~180 one-token patterns (``{"TAG": "NNS"}``,
``{"TAG": "VBZ", "LOWER": "is"}``).  spaCy runs them through its general Matcher,
which costs more than the tagger itself.  ``IndexedAttributeRuler`` is the same
component (same patterns, same order of precedence, same attributes set) but
matches the plain one-token patterns with dictionary lookups on (TAG, LOWER,
IS_SPACE) and sets them without building a Span per match; the rest (dependency
labels, regexes, several tokens) still go through a Matcher.
:func:`use_indexed_ruler` swaps it into a loaded pipeline; the test suite checks
that POS, morphology and lemmas come out identical.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.attrs import IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_COLUMNS = {"TAG": 0, "LOWER": 1, "IS_SPACE": 2}


def _values(value: Any) -> list[Any] | None:
    """The values a plain pattern attribute accepts, or None when it is not plain."""
    if isinstance(value, (str, bool)):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


class _Index(NamedTuple):
    tables: list[tuple[tuple[int, ...], dict[tuple, list[int]]]]  # (columns, key → pattern ids) per column set
    residual: Matcher  # the patterns no table can hold
    residual_without_dep: Matcher  # those of them that read no DEP (all that can match an unparsed doc)
    match_ids: list[int]  # pattern id → the match id AttributeRuler gives it


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler whose one-token TAG/LOWER/IS_SPACE patterns are matched by lookup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._index: _Index | None = None

    def add(self, patterns, attrs, index=0) -> None:  # type: ignore[no-untyped-def]
        super().add(patterns, attrs, index)
        self._index = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def _build(self) -> _Index:
        strings = self.vocab.strings
        tables: dict[tuple[int, ...], dict[tuple, list[int]]] = {}
        residual = Matcher(self.vocab, validate=False)
        residual_without_dep = Matcher(self.vocab, validate=False)
        for attr_id, entry in enumerate(self.patterns):
            plain = []
            for pattern in entry["patterns"]:
                if len(pattern) != 1 or not set(pattern[0]) <= set(_COLUMNS):
                    break
                token = pattern[0]
                columns = tuple(sorted(_COLUMNS[key] for key in token))
                choices = [_values(token[key]) for key in sorted(token, key=_COLUMNS.__getitem__)]
                if any(c is None for c in choices):
                    break
                plain.append((columns, choices))
            else:
                for columns, choices in plain:
                    keys: list[tuple] = [()]
                    for column, options in zip(columns, choices):
                        hashed = [int(v) if column == 2 else strings.add(v) for v in options]  # type: ignore[arg-type]
                        keys = [key + (h,) for key in keys for h in hashed]
                    table = tables.setdefault(columns, {})
                    for key in keys:
                        table.setdefault(key, []).append(attr_id)
                continue
            residual.add(strings.add(str(attr_id)), entry["patterns"])
            if not any("DEP" in token for pattern in entry["patterns"] for token in pattern):
                residual_without_dep.add(strings.add(str(attr_id)), entry["patterns"])
        match_ids = [strings[str(attr_id)] for attr_id in range(len(self.attrs))]
        return _Index(list(tables.items()), residual, residual_without_dep, match_ids)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._index is None:
            self._index = self._build()
        tables, residual, residual_without_dep, match_ids = self._index
        if not doc.has_annotation("DEP"):
            residual = residual_without_dep  # a pattern on DEP never matches a token without one (all ask for a label)
        strings = self.vocab.strings
        cols = doc.to_array([TAG, LOWER, IS_SPACE]).T.tolist()
        matches = []
        for columns, table in tables:
            get = table.get
            for i, found in enumerate(map(get, zip(*(cols[c] for c in columns)))):
                if found:
                    matches.extend((attr_id, match_ids[attr_id], i, i + 1) for attr_id in found)
        for match_id, start, end in residual(doc, allow_missing=True, as_spans=False):  # type: ignore[misc]
            matches.append((int(strings[match_id]), match_id, start, end))
        matches.sort()  # later patterns take precedence, as in AttributeRuler.match
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """As AttributeRuler.set_annotations, without building a Span for each one-token match."""
        indices = self.indices
        for attr_id, match_id, start, end in matches:
            if end - start == 1 and indices[attr_id] in (0, -1):
                set_token_attrs(doc[start], self.attrs[attr_id])
            else:
                super().set_annotations(doc, [(attr_id, match_id, start, end)])


@Language.factory("quotegraph_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def use_indexed_ruler(nlp: Language) -> None:
    """Replace a loaded pipeline's stock ``attribute_ruler`` by the indexed one (same patterns)."""
    for name, proc in list(nlp.pipeline):
        if type(proc) is AttributeRuler:
            patterns = proc.patterns
            new = nlp.replace_pipe(name, "quotegraph_attribute_ruler")
            new.add_patterns(patterns)


__all__ = ["IndexedAttributeRuler", "use_indexed_ruler"]
