"""The speaker index rule: when speakers in different articles are the same one.

Each quote carries ``speaker`` (the canonical name the article resolved the
mention to) and ``source`` (the mention as written).  Across articles we merge
conservatively, by :func:`speaker_key` alone:

* the same full name (≥ 2 name words, after normalisation) and kind → one speaker;
* two different full names never merge ("George Bush" ≠ "George W. Bush");
* a bare surname or first name is its own speaker, never folded into a full
  name; it joins "Britney Spears" only when an article itself resolved the
  mention "Spears" to "Britney Spears" (then "Spears" is an alias);
* organisations, people and others never merge (the kind is part of the key).

Aliases are the distinct source mentions resolved to a speaker (pronouns left out).
"""

from __future__ import annotations

import re
import unicodedata

# Honorifics dropped from the key ("Mr. Smith" and "Smith" are the same bare name).
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame prof professor rev".split())
PRONOUNS = frozenset(
    "i me my we us our you he him his she her hers they them their it its this that who one someone".split()
)
_NAME_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


def name_words(name: str) -> list[str]:
    """A name's words: accents stripped, casefolded, punctuation and honorifics dropped."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = _NAME_WORD.findall(plain)
    while words and words[0] in HONORIFICS:
        words = words[1:]
    if words and words[-1] in ("'s", "s") and len(words) > 1 and name.rstrip().endswith("'s"):
        words = words[:-1]
    return words


def normalize_name(name: str) -> str:
    """The comparable form of a name or alias."""
    return " ".join(name_words(name))


def is_full_name(name: str, kind: str = "person") -> bool:
    """A person's name with at least two name words; any non-empty organisation name counts as full."""
    words = name_words(name)
    return len(words) >= 2 if kind == "person" else bool(words)


def speaker_key(name: str, kind: str = "person") -> str | None:
    """The cross-article identity of a speaker: kind + normalised name (None when nameless)."""
    norm = normalize_name(name)
    return f"{kind}:{norm}" if norm else None


def is_alias(mention: str) -> bool:
    """Whether a source mention is worth listing as an alias (not a bare pronoun or empty)."""
    norm = normalize_name(mention)
    return bool(norm) and norm not in PRONOUNS
