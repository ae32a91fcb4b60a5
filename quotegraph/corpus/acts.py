"""What the source did — said it, wrote it, thought it, intended it, found it — from the words
of the attribution.  Pure functions over strings.

Two callers share this one rule:

* the pipeline's acts stage (``quotegraph.pipeline.acts``), which knows the cue's lemma and
  its category in the cue lexicon (``quotegraph.pipeline.cues``), the source entity's kind,
  the channel and the clause around the cue;
* the store's migration to schema v4, which has only what it stored (cue, source, speaker
  kind, channel): it reads the cue's category from :data:`STORED_CUES`, a short list of the
  common cues (a test holds it equal to the cue lexicon's categories).

The decision, in order:

1. a document as the source ("a report", "the filing", a ``document`` entity) → writing, or
   finding when it is research ("a study", "the poll", "data") or its verb is one of evidence
   ("found", "showed");
2. the cue's own word: ``promise``/``pledge``/``vow`` and ``hope``/``wish`` + "to" → intention;
   noun cues by their noun ("his vow" intention, "her claim" speech, "a statement" writing);
   state adjectives ("is convinced" thought, "were willing" intention); otherwise the lexicon
   category: speech, writing, belief → thought, intention, evidence → finding, stance → other;
3. speech that the clause or the channel says was written ("in a statement", "in a filing",
   "on Twitter", a social or document channel) → writing.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

ACT_OF_CATEGORY: dict[str, str] = {
    "speech": "speech",
    "writing": "writing",
    "belief": "thought",
    "intention": "intention",
    "evidence": "finding",
    "stance": "other",
}
# Said, but what is said is what the source means to do: the act is intention.
INTENDING_SPEECH = frozenset({"promise", "pledge", "vow"})
# Belief verbs that, followed by "to" + verb, say what the source means to do ("hopes to run").
INTENDING_BELIEF = frozenset({"hope", "wish"})
# Stance verbs that report talk ("discussed", "talked about", "expressed concern").
SPOKEN_STANCE = frozenset({"discuss", "talk", "speak", "express", "echo", "refer", "congratulate", "applaud", "ridicule"})
# Evidence verbs a person's act is not a finding by ("Obama showed willingness"); "found" stays a finding.
UNFOUND_BY_PEOPLE = frozenset({"show", "indicate", "project"})

# Noun cues ("his vow that …", "her claim that …", "in a statement") by act.
NOUN_ACTS: dict[str, str] = {
    **dict.fromkeys(
        "claim remark comment assertion announcement warning testimony interview allegation argument suggestion "
        "prediction insistence complaint denial admission call demand criticism praise accusation declaration "
        "contention assurance acknowledgment acknowledgement concession boast threat question answer response "
        "reply explanation insistence".split(), "speech"),
    **dict.fromkeys(
        "statement tweet post report letter memo email e-mail filing op-ed essay column article book message note "
        "editorial release".split(), "writing"),
    **dict.fromkeys(
        "belief view fear hope concern worry suspicion conviction opinion assumption expectation feeling notion "
        "doubt".split(), "thought"),
    **dict.fromkeys("vow pledge promise plan decision proposal intention intent goal aim bid commitment".split(), "intention"),
    **dict.fromkeys("estimate finding findings analysis".split(), "finding"),
    **dict.fromkeys("support opposition endorsement".split(), "other"),
}

# Adjectives that carry an attribution after a copula ("is convinced that", "were willing to").
STATE_ADJECTIVES: dict[str, str] = {
    **dict.fromkeys(
        "convinced confident sure certain worried concerned afraid fearful skeptical sceptical optimistic "
        "pessimistic hopeful aware unaware persuaded".split(), "thought"),
    **dict.fromkeys(
        "willing unwilling determined eager ready keen poised prepared reluctant intent committed resolved "
        "set".split(), "intention"),
}

# Sources that are documents: they write.  Research, polls and data find.
DOCUMENT_NOUNS = frozenset(
    "report reports statement statements letter letters filing filings memo memos memorandum document documents "
    "paper papers article articles book books editorial column op-ed lawsuit suit complaint indictment affidavit "
    "release email emails e-mail tweet tweets post posts website site transcript brief motion petition ruling order "
    "bill resolution law legislation guidelines guidance policy proposal platform manifesto manual notice note "
    "message messages ad ads advertisement leaflet flyer sign poster headline story piece blog newsletter dossier "
    "cable charter constitution treaty agreement contract budget plan warning summary letterhead textbook "
    "decision opinion verdict judgment judgement complaint declaration correction erratum".split()
)
EVIDENCE_NOUNS = frozenset(
    "study studies poll polls polling survey surveys data analysis analyses research figures statistics stats "
    "numbers census estimate estimates model models projection projections forecast forecasts index tally count "
    "counts audit review investigation investigations experiment experiments trial trials test tests findings "
    "results evidence records chart charts map maps images measurements readings sample samples probe inquiry "
    "assessment evaluation paper papers report reports".split()
) - {"paper", "papers", "report", "reports"}  # a report or a paper writes unless its verb finds

# Words that end the head of a source before its attachments ("a report by the CBO", "data from …").
_HEAD_END = re.compile(
    r"\s+(?:of|by|from|for|in|on|at|with|published|released|commissioned|conducted|issued|that|which|who|whose|"
    r"out|carried|led|written|produced|prepared|filed|obtained|seen|reviewed)\b|[,;:(—–]"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# A written form in the clause around a speech cue: "said in a statement", "wrote", "on Twitter".
_DOC_FORMS = (
    r"statement|letter|filing|court\s+papers|court\s+documents|memo|e-?mail|press\s+release|release|op-?ed|essay|"
    r"column|editorial|post|blog\s+post|blog|tweet|message|text\s+message|note|book|memoir|report|complaint|"
    r"lawsuit|affidavit|motion|brief|petition|newsletter|article|caption|notice|letter\s+to\s+[\w\s]{1,30}?"
)
_WRITTEN = re.compile(
    r"\b(?i:in|via|through)\s+(?i:a|an|the|his|her|their|its|this|that|one|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*['’]s?)"
    rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{_DOC_FORMS})s?\b"
    r"|\b(?:on|to|via)\s+(?:Twitter|X|Facebook|Instagram|Threads|Truth\s+Social|LinkedIn|Reddit|Bluesky|Weibo|Telegram|Medium|Substack)\b"
    r"|\b(?:tweet(?:ed|s|ing)?|posted|posts|posting|wrote|writes|writing|written)\b"
)
# Channel names that are spoken although the channel stage files them with documents.
_SPOKEN_CHANNEL = re.compile(r"\b(?:testimony|deposition|transcript|interview|remarks|speech|announcement|hearing)\b", re.I)

# Irregular forms of common cue words (the store's backfill has no lemmatiser).
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "thought": "think", "felt": "feel", "knew": "know", "known": "know",
    "saw": "see", "seen": "see", "found": "find", "wrote": "write", "written": "write", "shown": "show",
    "understood": "understand", "sought": "seek", "spoke": "speak", "spoken": "speak", "read": "read",
    "meant": "mean", "taught": "teach", "per": "per", "according": "accord",
}
AUXILIARIES = frozenset(
    "be am is are was were been being 's 're has have had having do does did will would shall should can could may "
    "might must also still not n't never just already again then now later reportedly publicly privately repeatedly "
    "once often quickly firmly flatly strongly openly further previously recently has've".split()
)


def lemma_guesses(word: str) -> list[str]:
    """Dictionary forms a word could have, most likely first ("warned" → warn, "argued" → argue)."""
    w = word.lower().strip("'’")
    out = [_IRREGULAR[w]] if w in _IRREGULAR else []
    out.append(w)
    if w.endswith("ies") or w.endswith("ied"):
        out.append(w[:-3] + "y")
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"] + ([w[:-4]] if len(w) > 5 and w[-4] == w[-5] else [])
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return out


def source_head(source: str) -> str | None:
    """The head word of a source as written, lower-cased when it is a common noun ("a new report by
    the CBO" → "report"), None when the head is capitalised (a name: "The Washington Post")."""
    cut = _HEAD_END.search(source)
    words = _WORD.findall(source[: cut.start()] if cut else source)
    if not words:
        return None
    head = words[-1]
    if head[0].isupper() and not (len(words) == 1 and head.lower() in DOCUMENT_NOUNS | EVIDENCE_NOUNS):
        return None
    return head.lower().replace("’", "'")


def source_nature(source: str | None, source_kind: str | None) -> str | None:
    """"evidence" for research, polls and data; "document" for other documents; else None."""
    head = source_head(source) if source else None
    if head in EVIDENCE_NOUNS:
        return "evidence"
    if head in DOCUMENT_NOUNS or source_kind == "document":
        return "document"
    return None


def written_context(context: str) -> bool:
    """Whether the clause around a cue says the words were written ("in a statement", "on Twitter")."""
    return _WRITTEN.search(context) is not None


def decide(
    lemma: str | None,
    category: str | None,
    *,
    noun: bool = False,
    to_follows: bool = False,
    source: str | None = None,
    source_kind: str | None = None,
    channel_kind: str | None = None,
    channel_name: str | None = None,
    context: str = "",
) -> str:
    """The act of one attribution whose cue's main word has ``lemma`` (None when it has none).

    ``category`` is that lemma's cue-lexicon category (speech, writing, belief, intention,
    evidence, stance) or None; ``noun`` says the cue is a noun ("his vow"); ``to_follows`` that
    "to" + a word comes right after the cue ("hopes to run"); ``source`` is the source as
    written and ``source_kind`` its entity's kind; ``channel_kind``/``channel_name`` the
    channel; ``context`` the clause around the cue with the quoted contents blanked out.
    """
    act = _lexical(lemma, category, noun=noun, to_follows=to_follows)
    nature = source_nature(source, source_kind)
    if nature is not None and act in ("speech", "writing", "finding"):
        if nature == "evidence" or act == "finding":
            return "finding"
        return "writing"
    if act == "finding" and lemma in UNFOUND_BY_PEOPLE and source_kind in ("person", None) and nature is None:
        return "other"
    if act == "speech":
        if written_context(context):
            return "writing"
        if channel_kind == "social" or (channel_kind == "document" and not _SPOKEN_CHANNEL.search(channel_name or "")):
            return "writing"
    return act


def _lexical(lemma: str | None, category: str | None, *, noun: bool, to_follows: bool) -> str:
    """The act the cue's word gives by itself."""
    if lemma is None:
        return "other"
    if noun:
        return NOUN_ACTS.get(lemma, "other")
    if lemma in STATE_ADJECTIVES:
        return STATE_ADJECTIVES[lemma]
    if lemma in INTENDING_SPEECH:
        return "intention"
    if lemma == "threaten" and to_follows:
        return "intention"
    if category == "belief" and lemma in INTENDING_BELIEF and to_follows:
        return "intention"
    if category == "stance" and lemma in SPOKEN_STANCE:
        return "speech"
    if lemma in ("accord", "per"):  # "according to X", "per X"
        return "speech"
    return ACT_OF_CATEGORY.get(category or "", "other")


# -- stored quotes (the store's migration to v4) ------------------------------------------------

# The common cues by lexicon category: enough to give most stored quotes their act from the cue alone.
STORED_CUES: dict[str, str] = {
    **dict.fromkeys(
        "say tell add ask answer reply respond note explain argue warn deny claim insist state announce confirm "
        "acknowledge admit concede declare assert contend maintain stress emphasize reiterate recall remark comment "
        "mention suggest predict urge call complain testify allege accuse criticize praise describe agree disagree "
        "conclude observe propose recommend demand threaten caution reveal estimate promise pledge vow".split(),
        "speech"),
    **dict.fromkeys("write tweet post report publish cite".split(), "writing"),
    **dict.fromkeys("believe think feel fear hope know expect doubt suspect worry assume".split(), "belief"),
    **dict.fromkeys("want plan intend aim seek wish refuse decline decide".split(), "intention"),
    **dict.fromkeys("show find indicate".split(), "evidence"),
    **dict.fromkeys("support back endorse oppose discuss talk".split(), "stance"),
}


def main_word(
    words: Iterable[tuple[str, Sequence[str], bool | None]], category: Callable[[str], str | None]
) -> tuple[int, str, str | None, bool] | None:
    """The main word of a cue: ``(its index, lemma, lexicon category, is a noun)``, or None.

    ``words`` are the cue's words as ``(word, lemmas to try, is a noun)`` — the noun flag None
    when no tagger said (a word that is no cue verb is then read as a noun); ``category`` gives
    a lemma's cue-lexicon category.  Auxiliaries and adverbs are skipped ("has repeatedly said"
    → say); "according to" and "per" are speech; a noun is a cue by its noun ("his vow"), never
    by the verb it could be.
    """
    for i, (word, lemmas, noun) in enumerate(words):
        if word.lower() in AUXILIARIES or not word[:1].isalpha():
            continue
        for lemma in lemmas:
            if lemma in ("accord", "per"):
                return i, lemma, "speech", False
            if lemma in STATE_ADJECTIVES:
                return i, lemma, None, False
            found = category(lemma)
            if (found is None) if noun is None else noun:
                if lemma in NOUN_ACTS:
                    return i, lemma, None, True
            elif found is not None:
                return i, lemma, found, False
    return None


def act_of_stored(quote: dict) -> str:
    """The act of a stored quote (``Quote.to_dict()`` of a quotegraph without acts) from its cue,
    source, speaker kind and channel; "other" when its cue is not one of :data:`STORED_CUES`."""
    cue = (quote.get("cue") or {}).get("text") or ""
    found = main_word(((w, lemma_guesses(w), None) for w in _WORD.findall(cue)), STORED_CUES.get)
    if found is None:
        return "other"
    _, lemma, category, noun = found
    channel = quote.get("channel") or {}
    return decide(
        lemma, category, noun=noun,
        source=(quote.get("source") or {}).get("text"),
        source_kind=(quote.get("speaker") or {}).get("kind"),
        channel_kind=channel.get("kind"), channel_name=channel.get("name"),
    )
