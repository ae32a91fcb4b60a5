"""The cue lexicon: words that signal an attribution ("said", "according to", "believes").

Lemmas by category, general English (filled from what PolNeAR's Cue spans hold,
minus corpus quirks).  Categories let later stages treat speech, writing,
belief and intention differently; the rule finder accepts them all.

    speech     said, told, added, argued, warned ...
    writing    wrote, tweeted, posted, reported, published ...
    belief     believes, thinks, fears, hopes, knows ...
    intention  wants, plans, promised, vowed, intends ...
    evidence   shows, found, suggests (documents, polls, studies as sources)
    stance     supports, endorsed, opposed, discussed, talked about (content: the object)
"""

from __future__ import annotations

from typing import Literal

CueCategory = Literal["speech", "writing", "belief", "intention", "evidence", "stance"]

_SPEECH = """
say tell add ask answer reply respond note explain argue warn deny claim insist state announce
confirm acknowledge admit concede declare assert contend maintain stress emphasize emphasise
reiterate repeat recall remark comment mention suggest predict promise pledge vow urge
call complain lament joke quip boast brag scoff shout chant yell whisper testify allege
accuse charge blame criticize criticise praise defend dismiss reject dispute counter rebut
caution concur agree disagree conclude observe point recount describe continue affirm
propose recommend demand threaten assure reassure remind inform advise announce disclose
reveal concede speculate estimate hint muse question wonder tout decry denounce condemn
slam blast mock attack thank apologize apologise vent retort interject proclaim opine
exclaim confess label dub brand liken lambaste lambast bemoan hail recite sum
"""

_WRITING = """
write tweet retweet post report publish email text blog cite quote read list
"""

_BELIEF = """
believe think feel fear hope know expect doubt suspect worry consider assume reckon
understand realize realise see view trust imagine guess figure
"""

_INTENTION = """
want plan intend aim seek vow pledge promise hope wish refuse decline decide prefer
"""

_EVIDENCE = """
show find indicate suggest reveal estimate project
"""


_STANCE = """
support back endorse oppose favor favour discuss talk speak focus refer express echo congratulate
applaud encourage challenge highlight champion promote ridicule portray compare disavow
"""


def _lemmas(block: str) -> set[str]:
    return set(block.split())


CUE_VERBS: dict[str, CueCategory] = {}
for _category, _block in (
    ("stance", _STANCE),
    ("evidence", _EVIDENCE),
    ("intention", _INTENTION),
    ("belief", _BELIEF),
    ("writing", _WRITING),
    ("speech", _SPEECH),
):
    for _lemma in _lemmas(_block):
        CUE_VERBS[_lemma] = _category  # type: ignore[assignment]

# Reporting verbs too common in other senses to count without a subject and a
# "that"-style clause or a quote ("see", "read", "find", "list", "continue").
WEAK_VERBS: frozenset[str] = frozenset(
    _lemmas("see read find list continue consider view figure text trust understand project")
)

# Nouns that carry an attribution ("in a statement", "his claim that ...").
CUE_NOUNS: frozenset[str] = frozenset(
    _lemmas(
        """
statement claim remark remarks comment comments assertion announcement warning testimony
interview tweet post report allegation argument belief view promise pledge vow suggestion
prediction insistence complaint denial admission estimate fear hope
support opposition criticism call demand proposal plan decision endorsement praise
"""
    )
)

# Lemmatiser slips seen on news text ("hoping" → "hop").
_LEMMA_FIXES = {"hop": "hope"}


def normalize(lemma: str) -> str:
    """The lexicon's form of a lemma."""
    lemma = lemma.lower()
    return _LEMMA_FIXES.get(lemma, lemma)


def category(lemma: str) -> CueCategory | None:
    """The category of a cue lemma, or None when it is not a cue."""
    return CUE_VERBS.get(normalize(lemma))


def is_cue_verb(lemma: str) -> bool:
    return normalize(lemma) in CUE_VERBS


def is_cue_noun(lemma: str) -> bool:
    return lemma.lower() in CUE_NOUNS
