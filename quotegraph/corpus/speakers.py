"""The speaker index rule: when speakers in different articles are the same one.

Each quote carries ``speaker`` (the entity the article resolved the mention to:
its fullest name, its kind, the organisation it speaks for) and ``source`` (the
mention as written).  :func:`index_entry` turns them into the speaker's entry in
the cross-article index — the one rule the store (``store/writer.py``) and Spark
(``spark/reconcile.py``) both call.  Across articles we merge conservatively, by
the entry's key alone:

* people, organisations, outlets, documents: kind + normalised name.  The same
  full name (≥ 2 name words) → one speaker; two different full names never merge
  ("George Bush" ≠ "George W. Bush");
* a bare surname or first name is its own speaker, never folded into a full name
  — "Obama" stays apart from both "Barack Obama" and "Michelle Obama".  It joins a
  full name only as an alias, when an article itself resolved the mention
  "Obama" to that full name;
* groups ("American officials", "analysts") are their own kind, merged across
  articles by their description, never into a person;
* an unnamed source ("a spokesperson") is never merged across articles into one
  individual.  With the organisation it speaks for, it is indexed under that
  organisation as *unnamed sources for <organisation>*: an entry that means
  "anonymous voices of that body", possibly many people.  Without one, it is an
  entry of its own article only;
* headline noise: a title-case name ending in a headline word ("Obama Says",
  "Obama Speech") is indexed as the name before it ("Obama"), never as a person
  called "Obama Says";
* the kind is part of every key: organisations, people and others never merge.

Aliases are the speaker's name and its source mentions as written (pronouns left
out, trailing ``,;:`` dropped).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

# Honorifics dropped from the key ("Mr. Smith" and "Smith" are the same bare name).
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame prof professor rev".split())
PRONOUNS = frozenset(
    "i me my we us our you he him his she her hers they them their it its this that who one someone".split()
)
# Words a headline puts after a name ("Obama Says", "Obama Speech"): never the end of a person's name.
HEADLINE_TAILS = frozenset(
    "says said say tells told speaks speech interview statement remarks warns slams claims responds urges vows "
    "sees asks admits denies insists praises blasts reveals announces defends rejects".split()
)
_NAME_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_TRAILING = ",;:"


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
    """A person's name with at least two name words; any non-empty other name counts as full."""
    words = name_words(name)
    return len(words) >= 2 if kind == "person" else bool(words)


def is_alias(mention: str) -> bool:
    """Whether a source mention is worth listing as an alias (not a bare pronoun or empty)."""
    norm = normalize_name(mention)
    return bool(norm) and norm not in PRONOUNS


def without_headline_tail(name: str) -> str:
    """``name`` without the headline words a title-case headline left after it ("Obama Says" → "Obama")."""
    words = name.split()
    while len(words) > 1 and words[-1][:1].isupper() and words[-1].strip(".,;:!?'\"").casefold() in HEADLINE_TAILS:
        words.pop()
    return " ".join(words)


def speaker_key(name: str, kind: str = "person") -> str | None:
    """The cross-article key of a named speaker: kind + normalised name (None when nameless)."""
    norm = normalize_name(name)
    return f"{kind}:{norm}" if norm else None


@dataclass(frozen=True)
class IndexEntry:
    """A quote's speaker as the cross-article index sees it."""

    key: str
    name: str  # as written (the first quote's, in ingest order, names the stored speaker)
    kind: str
    full_name: bool
    aliases: tuple[tuple[str, str], ...]  # (normalised alias, alias as written), the name first
    roles: tuple[str, ...]


def index_entry(speaker: Any, mention: str | None, article_id: str) -> IndexEntry | None:
    """The index entry of a quote's speaker (a Speaker or its dict), None when it has no name.

    ``mention`` is the quote's source as written; ``article_id`` keeps unnamed
    sources without an organisation to their own article.
    """
    if speaker is None:
        return None
    get = speaker.get if isinstance(speaker, Mapping) else lambda k, d=None: getattr(speaker, k, d)
    kind = get("kind") or "person"
    name = (get("name") or "").strip()
    organization = (get("organization") or "").strip()
    if kind == "person":
        name = without_headline_tail(name)
    key = speaker_key(name, kind)
    if key is None:
        return None
    label = name
    if kind == "unnamed":
        if organization and normalize_name(organization):
            key, label = f"unnamed:{normalize_name(organization)}", f"unnamed sources for {organization}"
        else:
            key = f"unnamed:{article_id}:{get('entity') or normalize_name(name)}"
    aliases = {normalize_name(name): name}
    if mention and is_alias(mention):
        written = mention.strip().rstrip(_TRAILING).strip()
        written = without_headline_tail(written) if kind == "person" else written
        aliases.setdefault(normalize_name(written), written)
    roles = tuple(dict.fromkeys(r.strip() for r in get("roles") or () if r and r.strip()))
    return IndexEntry(key, label, kind, is_full_name(name, kind), tuple(aliases.items()), roles)
