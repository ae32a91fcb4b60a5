"""To whom or where a quote was given: an outlet, a platform, an event, a document.

The context stage passes the article text with every quote's content masked out
(so nothing inside the words can name a channel) and the character window of the
attribution's own clause.  Channels are found with patterns over that text:

* outlet — "told X", "said to X", "in a statement to X", "confirmed to X",
  "in an interview with/for/on X", "speaking on X", "X's show"; and the source
  itself an outlet: "X reported", "according to X", "per X", "X has learned";
* social — "on Instagram", "tweeted", "wrote on X", "in a (now-deleted) post", a source that
  is a user of the platform ("one Twitter response", "a Facebook commenter", "that tweeter"),
  "in a video posted to YouTube" (named by the platform when the text names one);
* event / document — "at a press conference", "at a rally", "in court filings",
  "in a letter", "in a statement" (named as the text gives it);
* anaphora — "the publication", "the outlet", "the network" … → the outlet named before.

Names are read from capitalised words, so no parse is needed; when the doc has
entities, a PERSON is not taken for an outlet ("told Smith" names no channel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Channel

PLATFORMS = {
    "instagram": "Instagram", "twitter": "Twitter", "x": "X", "facebook": "Facebook", "tiktok": "TikTok",
    "youtube": "YouTube", "snapchat": "Snapchat", "threads": "Threads", "reddit": "Reddit",
    "linkedin": "LinkedIn", "truth social": "Truth Social", "bluesky": "Bluesky", "telegram": "Telegram",
    "twitch": "Twitch", "weibo": "Weibo", "instagram story": "Instagram", "instagram stories": "Instagram",
}  # fmt: skip
_PLATFORM = r"(?P<platform>Instagram(?:\s+Stor(?:y|ies))?|Twitter|Facebook|TikTok|YouTube|Snapchat|Threads|Reddit|LinkedIn|Truth\s+Social|Bluesky|Telegram|Twitch|Weibo)"

# Words that refer back to an outlet named earlier.
ANAPHORS = r"publication|outlet|network|magazine|newspaper|paper|tabloid|site|website|broadcaster|station|channel|show|programme|program|podcast|news\s+agency|agency|daily|weekly"
# Lower-case words that may end an outlet name ("People magazine", "Smith's podcast").
_MEDIA_TAIL = r"magazine|newspaper|network|podcast|radio|show|programme|program|TV|television|daily|weekly|news\s+site|website|channel"

_EVENT_NOUNS = (
    r"press\s+conference|news\s+conference|press\s+briefing|news\s+briefing|briefing|rally|hearing|debate|town\s+hall|"
    r"summit|speech|address|remarks|interview|ceremony|fundraiser|campaign\s+event|event|concert|panel|convention|premiere|meeting|"
    r"Q&A|gala|festival|sentencing|roundtable|vigil|protest|commencement|show|forum|conference|appearance"
)
_DOCUMENT_NOUNS = (
    r"court\s+filings?|court\s+documents|court\s+papers|legal\s+documents|documents|filings?|statement|letter|lawsuit|"
    r"complaint|memo|email|e-mail|press\s+release|op-ed|essay|book|memoir|affidavit|declaration|motion|petition|"
    r"deposition|testimony|note|column|newsletter|text\s+message|transcript|report|announcement|"
    r"introduction|preface|foreword|afterword|epilogue|prologue|chapter|blog\s+post|blog"
)
_SOCIAL_NOUNS = r"post|video|tweet|message|caption|story|livestream|clip|thread|selfie|photo"
_DETERMINER = r"(?:a|an|the|his|her|their|its|one|[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)*['’]s)"
# Up to three words before an event or document noun ("pre-match news", "52-count civil"), not "portion of the".
_MODS = r"(?P<mods>(?:(?!(?i:of|the|a|an|before|after|their|his|her|its|this|that|to|for|and|in|on|at|course|portion|part|day)\b)[\w’'-]+\s+){0,3}?)"

_STOP_NAME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "i", "he", "she", "they", "we", "it", "but", "and", "in", "on", "at", "that", "this", "when", "after",
}  # fmt: skip
_CONNECTORS = {"of", "the", "and", "&", "de", "for", "on"}
_WORD = re.compile(r"[A-Za-z0-9][\w&.!'’+-]*")


@dataclass(frozen=True)
class Found:
    """A channel found in the text, with where it is (for choosing the nearest)."""

    channel: Channel
    start: int
    end: int
    priority: int  # lower wins


def read_name(text: str, start: int, limit: int) -> tuple[str, int] | None:
    """The capitalised name that begins at ``start`` ("the New York Times", "ABC News' Nightline")."""
    pos = start
    name_start = pos
    m = re.match(r"the\s+", text[pos:limit])
    if m:  # "told the New York Times": a lower-case article is not part of the name
        pos += m.end()
        name_start = pos
    end = pos
    words = 0
    while pos < limit:
        m = _WORD.match(text, pos, limit)
        if not m:
            break
        word = m.group(0)
        bare = word.rstrip(".,'’").lower()
        capital = word[0].isupper() or word[0].isdigit()
        if capital and bare not in _STOP_NAME_WORDS:
            end = m.end()
            words += 1
            if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word):
                break  # a full stop ends the name ("according to TMZ. Kevin …")
        elif words and word.lower() in _CONNECTORS:
            nxt = _WORD.match(text, _skip_space(text, m.end(), limit), limit)
            if not (nxt and nxt.group(0)[0].isupper() and nxt.group(0).rstrip(".,").lower() not in _STOP_NAME_WORDS):
                break
        else:
            break
        pos = _skip_space(text, m.end(), limit)
        if pos == m.end():  # no space: the name ends here (punctuation follows)
            break
    if not words:
        return None
    tail = re.match(rf"\s+(?:{_MEDIA_TAIL})\b", text[end:limit])
    show = re.match(r"\s+(?:[\w-]+\s+){0,3}?(?:show|programme|program|podcast|series)\b", text[end:limit])
    if re.search(r"['’]s?$", text[name_start:end]) and show:  # "Andy Cohen's late-night show"
        end += show.end()
    elif tail:
        end += tail.end()
    name = text[name_start:end].rstrip(",;:")
    if name.endswith(".") and not re.search(r"(?:[A-Z]\.){2,}$", name):
        name = name[:-1]
    name = re.sub(r"['’]s?$", "", name)  # "told ABC News' reporter" → ABC News
    return (name, name_start + len(name)) if name else None


def _skip_space(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos] in " \t":
        pos += 1
    return pos


KNOWN_OUTLETS = frozenset(
    "ABC AP Axios BBC Bloomberg Breitbart BuzzFeed CBS CNBC CNN C-SPAN Deadline ESPN ET Forbes Fortune HuffPost "
    "Mediaite MSNBC NBC NPR PBS People Politico Reuters Semafor Slate TMZ Variety Vox Vulture Wired Esquire "
    "Vogue Time Newsweek Billboard Pitchfork Salon Vice Gawker Jezebel Bustle Elle Cosmopolitan Glamour RT ITV".split()
    + ["Fox News", "Sky News", "Marie Claire", "Page Six", "Us Weekly", "Rolling Stone", "Vanity Fair", "Entertainment Tonight",
       "Entertainment Weekly", "Good Morning America", "The Atlantic", "The New Yorker", "The Athletic",
       "The Economist", "Al Jazeera", "Associated Press", "The Hill", "Hollywood Reporter"]
)  # fmt: skip
# Last words that make a name an outlet, whatever the entity recogniser thinks.
_OUTLET_WORDS = re.compile(
    r"\b(?:Times|Post|Journal|News|Gazette|Herald|Tribune|Chronicle|Ledger|Magazine|Weekly|Daily|Radio|TV|"
    r"Network|Press|Observer|Guardian|Telegraph|Star|Sun|Mail|Express|Record|Review|Standard|Today|Insider|"
    r"Digital|Live|Report|Examiner|Inquirer|Globe|Bulletin|Courier|Sentinel|Dispatch|Register|Beast|Wire)$"
)


_PRINT_TAIL = re.compile(
    r"\b(?:Times|Post|Journal|Gazette|Herald|Tribune|Chronicle|Ledger|Magazine|Weekly|Daily|Observer|Guardian|"
    r"Telegraph|Mail|Examiner|Inquirer|Globe|Courier|Sentinel|Dispatch|Register|Bulletin|New Yorker|Atlantic|Economist)$"
)
_BROADCASTERS = frozenset("ABC BBC CBS CNBC CNN C-SPAN ESPN MSNBC NBC NPR PBS ITV RT Fox Univision Telemundo".split())
_BROADCAST_TAIL = re.compile(r"\b(?:TV|Radio|Network|Channel|News Channel|Television)$")
PRINT_NOUNS = frozenset("newspaper paper daily weekly magazine tabloid".split())
BROADCAST_NOUNS = frozenset("network station broadcaster channel".split())


def outlet_medium(name: str) -> str | None:
    """``"print"`` or ``"broadcast"`` when an outlet's name says which ("The New York Times", "CNN",
    "Fox News"); None when it does not."""
    name = name.strip()
    if _PRINT_TAIL.search(name):
        return "print"
    if name.split()[0] in _BROADCASTERS or _BROADCAST_TAIL.search(name):
        return "broadcast"
    return None


def is_outlet_name(name: str) -> bool:
    """A name that is an outlet by its look: a well-known outlet, or one ending "Times", "Gazette" …"""
    return name in KNOWN_OUTLETS or bool(_OUTLET_WORDS.search(name)) or bool(re.search(_MEDIA_TAIL + "$", name))


def _entity_labels(doc: Doc | None, start: int, end: int) -> set[str]:
    if doc is None:
        return set()
    span = doc.char_span(start, end, alignment_mode="expand")
    return {t.ent_type_ for t in span if t.ent_type_} if span is not None else set()


def _is_person(doc: Doc | None, text: str, start: int, end: int) -> bool:
    if is_outlet_name(text[start:end]):
        return False
    labels = _entity_labels(doc, start, end)
    return "PERSON" in labels and not labels & {"ORG", "WORK_OF_ART"}


def _looks_like_outlet(doc: Doc | None, text: str, start: int, end: int, strict: bool) -> bool:
    """Whether a name after a trigger is an outlet, not a person, place or party.

    ``strict`` (after "according to", "per", "X reported") takes only names that look
    like outlets, since organisations and people are sources there; after "told" a
    name the entity recogniser calls an organisation or work, or one written with
    "the" ("told the Bookseller"), is enough.
    """
    name = text[start:end]
    if is_outlet_name(name) or name.lower() in PLATFORMS:
        return True
    if strict:
        return False
    labels = _entity_labels(doc, start, end)
    if labels & {"PERSON", "GPE", "NORP", "LOC"}:
        return False
    return bool(labels & {"ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"}) or bool(re.search(r"\bthe\s+$", text[max(0, start - 5) : start]))


def _channel_for_name(name: str) -> Channel:
    key = name.lower()
    if key in PLATFORMS:
        return Channel(PLATFORMS[key], "social")
    return Channel(name, "outlet")


def _name_slot(text: str, pos: int, hi: int, doc: Doc | None, strict: bool) -> tuple[Channel, int] | None:
    """What follows a trigger: a capitalised name, or an anaphor resolved to an outlet named before."""
    anaphor = re.match(rf"(?:the|that|this)\s+(?:same\s+)?(?:{ANAPHORS})\b", text[pos:hi])
    if anaphor:  # resolved once every outlet is known: see _resolve_anaphora
        return ANAPHOR, pos + anaphor.end()
    described = re.match(rf"an?\s+(?:local\s+|national\s+|British\s+|American\s+|French\s+|German\s+)?(?P<kind>{_MEDIA_TAIL}|radio\s+station|TV\s+station)\b", text[pos:hi])
    if described:  # "told a podcast host", "told a local newspaper"
        return Channel(re.sub(r"\s+", " ", described.group("kind")), "outlet"), pos + described.end()
    named = read_name(text, pos, hi)
    if named is None:
        return None
    name, end = named
    if re.match(r"\s+(?:floor|stage|steps|trail|set|field|court|grounds|lawn)\b", text[end:hi]):
        return None  # "said on the Senate floor": a place, not an outlet
    if not _looks_like_outlet(doc, text, end - len(name), end, strict):
        return None  # "told Smith": an addressee; "told Russia": a country
    return _channel_for_name(name), end


# Triggers followed by the channel's name: (pattern, priority, strict about the name).
_OUTLET_TRIGGERS: list[tuple[re.Pattern[str], int, bool]] = [
    (re.compile(r"\b(?:interview(?:ed)?|sat\s+down|conversation|chat|podcast\s+appearance|appearance)\b(?:\s+\w+){0,3}?\s+(?:with|for|on|to|by)\s+", re.I), 0, False),
    (re.compile(r"\b(?:told|telling|tells|tell)\s+", re.I), 0, False),
    (re.compile(r"\b(?:said|says|confirmed|confirms|explained|revealed|admitted|insisted|added|stated|noted|shared|disclosed|wrote|writes|spoke|speaking|talking|talked|statement|statements|comments?|remarks?)\s+(?:exclusively\s+)?to\s+", re.I), 0, False),
    (re.compile(r"\b(?:speaking|appearing|appeared|interviewed|said|says|spoke|talking)\s+on\s+", re.I), 1, False),
    (re.compile(r"\b(?:during|in)\s+(?:an?\s+)?(?:appearance|interview|segment|episode)\s+(?:on|of)\s+", re.I), 0, False),
    (re.compile(r"\b(?:according\s+to|per|via)\s+", re.I), 5, True),
    (re.compile(r"\b(?:obtained|published|released|aired|broadcast|seen)\s+by\s+", re.I), 5, True),
]
# "X reported", "X has learned": the source itself is the outlet.
_SOURCE_OUTLET = re.compile(r"\b(?:(?:has|have|had|first|previously|also|exclusively|was\s+first\s+to)\s+)?(?:reported|reports|learned|revealed\s+exclusively)\b")


# Placeholder for "the publication" until the outlet named before it is known.
ANAPHOR = Channel("", "outlet")


def _resolve_anaphora(found: list[Found]) -> list[Found]:
    """ "told the publication" → the nearest outlet named before it; dropped when there is none."""
    resolved: list[Found] = []
    named = sorted((f for f in found if f.channel.kind == "outlet" and f.channel is not ANAPHOR), key=lambda f: f.end)
    for f in found:
        if f.channel is ANAPHOR:
            earlier = [o for o in named if o.end <= f.start]
            if not earlier:
                continue
            f = Found(earlier[-1].channel, f.start, f.end, f.priority)
        resolved.append(f)
    return resolved


def _find_outlets(doc: Doc | None, text: str, lo: int, hi: int) -> list[Found]:
    found: list[Found] = []
    for pattern, priority, strict in _OUTLET_TRIGGERS:
        for m in pattern.finditer(text, lo, hi):
            slot = _name_slot(text, m.end(), hi, doc, strict)
            if slot is None:
                continue
            channel, end = slot
            if pattern.pattern.startswith(r"\b(?:according") and _document_word(channel.name):
                continue
            found.append(Found(channel, m.start(), end, priority if channel.kind == "outlet" else 2))
    # "told reporters": an audience, not an outlet
    for m in re.finditer(r"\b(?:told|telling|said\s+to|speaking\s+to|talking\s+to)\s+(?P<who>reporters|journalists|the\s+press|the\s+media|supporters|the\s+crowd|lawmakers|students|fans|the\s+audience|an\s+audience|cops|police|(?:the\s+)?(?:police|officers|investigators|detectives|prosecutors|jurors|jury|judge|court|committee|panel)|a\s+judge|Congress|the\s+Senate|the\s+House)\b", text[lo:hi], re.I):
        found.append(Found(Channel(re.sub(r"\s+", " ", m.group("who")), "other"), m.start() + lo, m.end() + lo, 4))
    # "promised the state of New York that …", "assured investors that …": to whom it was said
    for m in re.finditer(r"\b(?:promised|promises|assured|assures|pledged\s+to|informed|informs|warned|warns|notified)\s+"
                         r"(?P<who>(?:the\s+)?(?:state|city|government|people|residents|citizens|voters|families)\s+of\s+"
                         r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|investors|shareholders|customers|lawmakers|regulators|"
                         r"(?:the\s+)?(?:court|judge|jury|committee|board|council|police|public))\b", text[lo:hi]):
        found.append(Found(Channel(re.sub(r"\s+", " ", m.group("who")), "other"), m.start() + lo, m.end() + lo, 3))
    # "X's show / programme / podcast"
    for m in re.finditer(r"\bon\s+(?P<name>(?:[A-Z][\w.&!'’-]*\s+){0,4}?[A-Z][\w.&!-]*['’]s?\s+(?:[A-Z][\w!-]*\s+){0,3}(?:show|programme|program|podcast))\b", text[lo:hi]):
        found.append(Found(Channel(m.group("name"), "outlet"), m.start() + lo, m.end() + lo, 0))
    # The source is an outlet: "CNN reported", "TMZ has learned".
    for m in _SOURCE_OUTLET.finditer(text, lo, hi):
        window_start = max(lo, m.start() - 80)
        before = text[window_start : m.start()]
        back = re.search(rf"\b[Tt]he\s+(?:{ANAPHORS})\s+$", before)
        if back:  # "the outlet reported"
            found.append(Found(ANAPHOR, window_start + back.start(), m.end(), 4))
            continue
        named = re.search(r"(?:[A-Z][\w.&!'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.&!'’-]*)*)(?:\s+(?:" + _MEDIA_TAIL + r"))?\s*$", before)
        if not named or not named.group(0).strip():
            continue
        start = window_start + named.start()
        name = named.group(0).strip()
        if not _looks_like_outlet(doc, text, start, start + len(name), strict=True):
            continue  # "Smith reported", "the FBI has learned": a source, not an outlet
        found.append(Found(_channel_for_name(name), start, m.end(), 4))
    return found


def _document_word(name: str) -> bool:
    return bool(re.search(rf"\b(?:{_DOCUMENT_NOUNS})$", name, re.I))


def _find_social(text: str, lo: int, hi: int) -> list[Found]:
    found: list[Found] = []
    window = text[lo:hi]
    patterns = [
        rf"\b(?:on|to|via|onto)\s+(?:(?:his|her|their|its|the)\s+)?(?:official\s+|verified\s+|personal\s+)?{_PLATFORM}\b",
        # … and the source itself a user of it: "one Twitter response began", "a Facebook commenter wrote"
        rf"\b{_PLATFORM}\s+(?:{_SOCIAL_NOUNS}|account|page|live|stories|user|response|reply|replie|commenter|follower|poster)s?\b",
        r"\b(?:wrote|posted|shared|said|commented|responded|replied|announced)\s+(?:on|to)\s+(?P<platform>X)\b",
        r"\b(?:on|to)\s+(?P<platform>X)\s*(?:\(|,\s*formerly)",
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, window):
            key = re.sub(r"\s+", " ", m.group("platform")).lower()
            found.append(Found(Channel(PLATFORMS.get(key, m.group("platform")), "social"), m.start() + lo, m.end() + lo, 1))
    for m in re.finditer(r"\(@\w{1,30}\)", window):  # an embedded post's signature: "— Name (@handle) date"
        found.append(Found(Channel("Twitter", "social"), m.start() + lo, m.end() + lo, 1))
    for m in re.finditer(r"\b(?:tweeted|in\s+a\s+tweet|tweets|tweeters?)\b", window, re.I):
        found.append(Found(Channel("Twitter", "social"), m.start() + lo, m.end() + lo, 1))
    for m in re.finditer(rf"\bin\s+(?:a|an|the|his|her|their|its)\s+(?P<name>(?:[\w’'-]+\s+){{0,3}}?(?:{_SOCIAL_NOUNS}))s?\b", window, re.I):
        found.append(Found(Channel(m.group("name"), "social"), m.start() + lo, m.end() + lo, 3))
    return found


def _find_settings(text: str, lo: int, hi: int) -> list[Found]:
    """Events ("at a press conference") and documents ("in court filings"), named as written."""
    found: list[Found] = []
    window = text[lo:hi]
    for m in re.finditer(rf"\b(?i:at|during|in|while\s+at)\s+(?:{_DETERMINER}\s+)?{_MODS}(?P<noun>{_EVENT_NOUNS})s?\b", window):
        name = (m.group("mods") + m.group("noun")).strip()
        if re.match(r"(?:show|appearance|event)$", name, re.I) and not m.group("mods"):
            continue  # too vague alone
        found.append(Found(Channel(name, "event"), m.start() + lo, m.end() + lo, 2))
    for m in re.finditer(r"\bon\s+the\s+(?P<name>(?:[A-Z]\w+\s+)?(?:floor|campaign\s+trail|stage|courthouse\s+steps))\b", window):
        found.append(Found(Channel(m.group("name"), "event"), m.start() + lo, m.end() + lo, 2))
    for m in re.finditer(rf"\b(?i:in|according\s+to|by|through)\s+(?:{_DETERMINER}\s+)?{_MODS}(?P<noun>{_DOCUMENT_NOUNS})\b", window):
        name = (m.group("mods") + m.group("noun")).strip()
        found.append(Found(Channel(name, "document"), m.start() + lo, m.end() + lo, 3))
    return found


def find_channels(doc: Doc | None, text: str, lo: int = 0, hi: int | None = None) -> list[Found]:
    """Every channel named in ``text[lo:hi]``, in no particular order (see :func:`choose`).

    The context stage calls this once over the whole masked article and gives each
    attribution the channels inside its clause; anaphora ("the publication") resolve
    to outlets named earlier in the same stretch.
    """
    hi = len(text) if hi is None else hi
    return _resolve_anaphora(_find_outlets(doc, text, lo, hi)) + _find_social(text, lo, hi) + _find_settings(text, lo, hi)


def choose(found: list[Found], anchor: int) -> Channel | None:
    """The channel of the attribution whose cue sits at ``anchor``: best priority, then nearest."""
    if not found:
        return None
    # A statement "to X" or posted "on Instagram" names where the statement went: the outlet wins.
    best = min(found, key=lambda f: (f.priority, min(abs(f.start - anchor), abs(f.end - anchor))))
    return best.channel
