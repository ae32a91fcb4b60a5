"""Statements and fragments: which quotes a reader looking for what someone said wants first.

PolNeAR-style attribution finds everything ascribed to someone, including contents that are
only a noun phrase ("Obama ran for *Senator*", "signalled *willingness to change*").  Search
ranks quotes in three tiers, from the text alone (the store has no parse, and one rule serves
every store however its quotes were made):

    0  statement  speech or writing whose content is a clause or a quotation
    1  other      a clause or quotation the source thought, intended or found (or did otherwise)
    2  fragment   a content of at most two words, or a phrase with no verb and no quotation

A quotation is a direct quote (or content in quote marks) of three words or more.  A clause is
content with a finite verb: an auxiliary or modal ("is", "would", "has"), a subject pronoun
("we need"), a complementiser ("that …", "whether …"), a "to"-infinitive ("to cut taxes"), a
common irregular past ("grew", "said") or a word in -ed/-s between a noun and the start of an
object ("the budget protects every school").
"""

from __future__ import annotations

import re

STATEMENT, OTHER, FRAGMENT = 0, 1, 2
TIERS = {STATEMENT: "statement", OTHER: "other", FRAGMENT: "fragment"}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTE_MARKS = "\"“”‘’'«»„‟`"

_FINITE = frozenset(
    "is are was were am be 's 're 'm has have had do does did will would shall should can could may might must "
    "isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't cannot couldn't "
    "shouldn't mustn't ain't 'll 'd 've gonna it's he's she's that's there's here's what's who's where's let's".split()
)
_SUBJECTS = frozenset("i we he she they you".split())
_OPENERS = frozenset("that whether if because how why what when where who which while although though unless".split())
_IRREGULAR_PAST = frozenset(
    "said told made went came took gave got knew thought saw found left felt kept held brought began ran won lost "
    "paid met sent built spent stood understood fell led rose broke chose drove wrote spoke became sold bought "
    "caught fought taught meant grew threw flew drew hid hung sank swam shook struck woke wore tore bore forgot "
    "forgave froze hit cut put set let shut cost hurt quit spread split".split()
)
# Words after which an -ed/-s word is more likely an adjective or a plural than a verb.
_NOT_BEFORE_VERB = frozenset(
    "a an the this that these those his her its their our your my some any no every each many few several more "
    "most all both such of in on at to for with by from about into over under between among and or but very so "
    "as than new old".split()
)
# Words that open the object of a finite -ed/-s verb ("protects every school", "abandoned the party");
# after a plural noun a preposition follows more often ("years in office"), so prepositions do not count.
_OBJECT_START = frozenset(
    "a an the this that these those his her its their our your my some any no every each all both it them him "
    "us me you".split()
)


def words(text: str) -> list[str]:
    """The content's words, lower-cased, apostrophes kept inside words."""
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def is_quotation(text: str, type: str | None = None) -> bool:
    """Whether the content is a quotation: a direct quote, or text that opens with a quote mark."""
    return type == "direct" or text.lstrip()[:1] in _QUOTE_MARKS


def is_clause(text: str) -> bool:
    """Whether the content reads as a clause (it has a finite verb), from its words alone."""
    ws = words(text)
    if not ws:
        return False
    if ws[0] in _OPENERS or (ws[0] == "to" and len(ws) > 1):
        return True
    for i, w in enumerate(ws):
        if w in _FINITE or w in _SUBJECTS or any(w.endswith(t) for t in ("n't", "'ll", "'re", "'ve", "'d", "'m")):
            return True
        if i and w in _IRREGULAR_PAST and ws[i - 1] not in _NOT_BEFORE_VERB:
            return True
        if 0 < i < len(ws) - 1 and len(w) > 3 and (w.endswith("ed") or w.endswith("s")) and not w.endswith("ss"):
            if ws[i - 1] not in _NOT_BEFORE_VERB and ws[i + 1] in _OBJECT_START:
                return True
    return False


def is_fragment(text: str, type: str | None = None) -> bool:
    """A content of at most two words, or a phrase with neither a verb nor quote marks."""
    n = len(words(text))
    if n <= 2:
        return True
    return not (is_quotation(text, type) or is_clause(text))


def tier(act: str | None, text: str, type: str | None = None) -> int:
    """The quote's search tier: STATEMENT (0), OTHER (1) or FRAGMENT (2)."""
    if is_fragment(text, type):
        return FRAGMENT
    return STATEMENT if act in ("speech", "writing") else OTHER
