"""The act of an attribution — speech, writing, thought, intention, finding, other — from its cue and
its context, on hand-written passages.

The stage is run on tokenised text without a tagger or lemmatiser (``spacy.blank``), with the
attributions a finder would make written out by hand; the last tests run the real pipeline with
both finders.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy

from quotegraph.corpus import acts as rule
from quotegraph.model import Channel
from quotegraph.pipeline import acts, cues
from quotegraph.pipeline.attribution import Attribution

NLP = spacy.blank("en")


def span(text: str, part: str, after: str = "") -> tuple[int, int]:
    start = text.index(part, text.index(after) + len(after) if after else 0)
    return start, start + len(part)


def act(text: str, content: str, cue: str | None, source: str | None = None, *, kind: str | None = None,
        channel: Channel | None = None, type: str = "indirect") -> str:
    """The act the stage gives the one attribution (content, cue, source) of ``text``."""
    att = Attribution(content=[span(text, content)], cue=[span(text, cue)] if cue else [],
                      source=[span(text, source)] if source else [], type=type, channel=channel,
                      entity=SimpleNamespace(kind=kind) if kind else None)
    acts.assign(NLP(text), [att])
    return att.act


# -- each act ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, content, cue, source", [
    ("Mayor Ada Lind said the budget would pass in March.", "the budget would pass in March", "said", "Mayor Ada Lind"),
    ('"We will appeal the ruling," Kaplan told reporters on Tuesday.', '"We will appeal the ruling,"', "told", "Kaplan"),
    ("Lind added that the vote was close.", "that the vote was close", "added", "Lind"),
    ("According to the mayor, the budget will pass.", "the budget will pass", "According to", "the mayor"),
    ("Senator Ada Lind warned that the bridge would close.", "that the bridge would close", "warned", "Senator Ada Lind"),
    ("The senator has repeatedly denied that she knew.", "that she knew", "has repeatedly denied", "The senator"),
])
def test_speech(text, content, cue, source):
    assert act(text, content, cue, source) == "speech"


@pytest.mark.parametrize("text, content, cue, source", [
    ("Lind tweeted that the vote had been rigged.", "that the vote had been rigged", "tweeted", "Lind"),
    ("Lind wrote that she had no regrets.", "that she had no regrets", "wrote", "Lind"),
    ("Lind posted that she would skip the gala.", "that she would skip the gala", "posted", "Lind"),
    ("The Courier reported that talks had failed.", "that talks had failed", "reported", "The Courier"),
    ("A new report says the bridge is unsafe.", "the bridge is unsafe", "says", "A new report"),
])
def test_writing(text, content, cue, source):
    assert act(text, content, cue, source) == "writing"


@pytest.mark.parametrize("text, content, cue, source", [
    ("Lind believes the economy will recover.", "the economy will recover", "believes", "Lind"),
    ("Lind thinks the council made a mistake.", "the council made a mistake", "thinks", "Lind"),
    ("The mayor fears that the plant will close.", "that the plant will close", "fears", "The mayor"),
    ("The senator is convinced that the vote was fair.", "that the vote was fair", "is convinced", "The senator"),
    ("Lind hopes that the vote will be close.", "that the vote will be close", "hopes", "Lind"),
])
def test_thought(text, content, cue, source):
    assert act(text, content, cue, source) == "thought"


@pytest.mark.parametrize("text, content, cue, source", [
    ("Lind plans to run for governor.", "to run for governor", "plans", "Lind"),
    ("The mayor wants to cut property taxes.", "to cut property taxes", "wants", "The mayor"),
    ("Lind vowed to fight the ruling.", "to fight the ruling", "vowed", "Lind"),
    ("The council intends to raise fees.", "to raise fees", "intends", "The council"),
    ("Lind hopes to run again.", "to run again", "hopes", "Lind"),  # "hopes to": intention, "hopes that": thought
    ("Some Republicans were willing to go forward.", "to go forward", "were willing", "Some Republicans"),
])
def test_intention(text, content, cue, source):
    assert act(text, content, cue, source) == "intention"


@pytest.mark.parametrize("text, content, cue, source", [
    ("A study found that the drug reduced deaths.", "that the drug reduced deaths", "found", "A study"),
    ("Census data show that the city grew.", "that the city grew", "show", "Census data"),
    ("A poll released on Monday showed that most voters oppose the plan.", "that most voters oppose the plan",
     "showed", "A poll released on Monday"),
    ("Investigators found that the brakes had failed.", "that the brakes had failed", "found", "Investigators"),
    ("According to a new study, most voters oppose the plan.", "most voters oppose the plan", "According to",
     "a new study"),
    ("A study suggests that sleep matters.", "that sleep matters", "suggests", "A study"),
])
def test_finding(text, content, cue, source):
    assert act(text, content, cue, source) == "finding"


@pytest.mark.parametrize("text, content, cue, source", [
    ("Obama ran for Senator in 2004.", "Senator", "ran for", "Obama"),
    ("Mr. Obama unveiled the first draft of the plan.", "the first draft of the plan", "unveiled", "Mr. Obama"),
    ("The senator supports the bill.", "the bill", "supports", "The senator"),
    ("Obama showed willingness to change.", "willingness to change", "showed", "Obama"),  # shown, not found
])
def test_other(text, content, cue, source):
    assert act(text, content, cue, source) == "other"


# -- cues that change act with context --------------------------------------------------------


def test_warned_is_speech_and_a_report_warned_is_writing():
    said = "Senator Ada Lind warned that the bridge would close."
    written = "A report by the state auditor warned that the bridge would close."
    assert act(said, "that the bridge would close", "warned", "Senator Ada Lind") == "speech"
    assert act(written, "that the bridge would close", "warned", "A report by the state auditor") == "writing"
    # A finder that takes the auditor for the source still gets the report's act.
    assert act(written, "that the bridge would close", "warned", "the state auditor") == "writing"


def test_said_in_a_statement_in_a_filing_or_on_twitter_is_writing():
    assert act("The company said it would appeal.", "it would appeal", "said", "The company") == "speech"
    assert act("In a statement, the company said it would appeal.", "it would appeal", "said", "the company") == "writing"
    assert act('"We will appeal," the company said in a statement.', '"We will appeal,"', "said", "the company",
               type="direct") == "writing"
    assert act("The company said in a court filing that it would appeal.", "that it would appeal", "said",
               "The company") == "writing"
    assert act('"We won," Lind said on Twitter.', '"We won,"', "said", "Lind", type="direct") == "writing"


def test_a_channel_counts_only_where_the_clause_names_it():
    twitter = Channel("Twitter", "social")
    text = "Lind posted on Twitter at dawn. At a rally, she said the vote was rigged."
    assert act(text, "the vote was rigged", "said", "she", channel=twitter) == "speech"  # carried over from before
    text = "Lind said on Twitter that the vote was rigged."
    assert act(text, "that the vote was rigged", "said", "Lind", channel=twitter) == "writing"
    text = "Lind said in her testimony that she knew nothing."
    assert act(text, "that she knew nothing", "said", "Lind", channel=Channel("testimony", "document")) == "speech"


def test_according_to_takes_its_act_from_its_source():
    assert act("According to the mayor, taxes will rise.", "taxes will rise", "According to", "the mayor") == "speech"
    assert act("According to the filing, taxes will rise.", "taxes will rise", "According to", "the filing") == "writing"
    assert act("According to the poll, taxes will rise.", "taxes will rise", "According to", "the poll") == "finding"
    text = "According to a civil complaint filed by the SEC, the fund lost $50 million."
    assert act(text, "the fund lost $50 million", "According to", None) == "writing"  # no source: what follows


def test_a_source_that_is_a_document_writes_or_finds():
    text = "The Mueller Report says the campaign did not conspire."
    content = "the campaign did not conspire"
    assert act(text, content, "says", "The Mueller Report") == "speech"  # a name: nothing says it is a document
    assert act(text, content, "says", "The Mueller Report", kind="document") == "writing"
    text = "The Mueller Report found that the campaign did not conspire."
    assert act(text, "that the campaign did not conspire", "found", "The Mueller Report", kind="document") == "finding"


def test_noun_cues_take_the_act_of_their_noun():
    assert act("His vow that there would be no new taxes failed.", "there would be no new taxes", "vow", "His") == "intention"
    assert act("Her claim that the vote was rigged was rejected.", "the vote was rigged", "claim", "Her") == "speech"
    assert act("Her statement that the vote was fair surprised no one.", "the vote was fair", "statement", "Her") == "writing"
    assert act("His belief that the vote was fair is sincere.", "the vote was fair", "belief", "His") == "thought"


def test_quoted_words_without_a_cue_word_were_said():
    assert act('Kaplan: "We will appeal."', '"We will appeal."', ":", "Kaplan", type="direct") == "speech"
    text = "Correction: An earlier version of this article misstated the date."
    assert act(text, "An earlier version of this article misstated the date", ":", "Correction", type="mixed") == "writing"
    assert act("Kaplan: we will appeal.", "we will appeal", ":", "Kaplan") == "other"
    text = 'Obama is rolling out a new message: "It\'s about me."'
    assert act(text, 'a new message: "It\'s about me."', "is rolling out", "Obama", type="mixed") == "other"


def test_a_continued_quote_does_what_the_quote_it_continues_did():
    text = 'Lind wrote that she had no regrets.\n\n"None at all."'
    first = Attribution(content=[span(text, "that she had no regrets")], cue=[span(text, "wrote")],
                        source=[span(text, "Lind")])
    more = Attribution(content=[span(text, '"None at all."')], type="direct", continues=first)
    acts.assign(NLP(text), [first, more])
    assert (first.act, more.act) == ("writing", "writing")


def test_the_tagger_keeps_a_noun_from_being_read_as_a_cue_verb():
    doc = spacy.blank("en")("Her new show begins on Monday.")
    for tok in doc:
        tok.tag_ = {"show": "NN", "new": "JJ", "Her": "PRP$"}.get(tok.text, "XX")
    text = doc.text
    att = Attribution(content=[span(text, "begins on Monday")], cue=[span(text, "show")], source=[span(text, "Her")])
    acts.assign(doc, [att])
    assert att.act == "other"  # not a finding: "show" is a noun here, and not a noun cue


# -- stored quotes: the store's migration reads acts from their cue ---------------------------


@pytest.mark.parametrize("cue, source, speaker_kind, expected", [
    ("said", "Kaplan", "person", "speech"),
    ("has repeatedly said", "Kaplan", "person", "speech"),
    ("warned", "A new report", None, "writing"),
    ("found", "A study by the university", None, "finding"),
    ("according to", "the poll", None, "finding"),
    ("tweeted", "Lind", "person", "writing"),
    ("believes", "Lind", "person", "thought"),
    ("vowed", "Lind", "person", "intention"),
    ("ran for", "Obama", "person", "other"),
    (None, None, None, "other"),
])
def test_act_of_a_stored_quote(cue, source, speaker_kind, expected):
    quote = {"cue": {"text": cue} if cue else None, "source": {"text": source} if source else None,
             "speaker": {"name": source, "kind": speaker_kind} if speaker_kind else None, "channel": None}
    assert rule.act_of_stored(quote) == expected


def test_a_stored_quote_said_in_a_statement_channel_is_writing():
    quote = {"cue": {"text": "said"}, "source": {"text": "the company"}, "speaker": None,
             "channel": {"name": "a statement", "kind": "document"}}
    assert rule.act_of_stored(quote) == "writing"


def test_the_stored_cues_have_their_categories_in_the_cue_lexicon():
    """The migration's short list of cues cannot drift from the lexicon the pipeline reads."""
    assert {lemma: cues.category(lemma) for lemma in rule.STORED_CUES} == rule.STORED_CUES


def test_every_noun_cue_of_the_lexicon_has_an_act():
    assert [n for n in sorted(cues.CUE_NOUNS) if not any(x in rule.NOUN_ACTS for x in rule.lemma_guesses(n))] == []


def test_every_cue_category_has_an_act():
    assert set(rule.ACT_OF_CATEGORY) == set(cues.CueCategory.__args__)  # type: ignore[attr-defined]
    assert set(rule.ACT_OF_CATEGORY.values()) <= {"speech", "writing", "thought", "intention", "finding", "other"}


# -- the real pipeline, both finders ----------------------------------------------------------

PASSAGES = [
    ("Mayor Ada Lind said the budget would pass in March.", "said", "speech"),
    ("Senator Ada Lind warned that the bridge would close next year.", "warned", "speech"),
    ("A report by the state auditor warned that the bridge would close next year.", "warned", "writing"),
    ("In a statement, the company said it would appeal the ruling.", "said", "writing"),
    ("Lind tweeted that the vote had been rigged by her opponents.", "tweeted", "writing"),
    ("Lind believes the economy will recover by next spring.", "believes", "thought"),
    ("The mayor fears that the plant will close before winter.", "fears", "thought"),
    ("Lind plans to run for governor next year.", "plans", "intention"),
    ("Lind vowed to fight the ruling in every court.", "vowed", "intention"),
    ("A study published in the Lancet found that the drug reduced deaths by a third.", "found", "finding"),
    ("A poll released on Monday showed that most voters oppose the plan.", "showed", "finding"),
    ("His vow that there would be no new taxes did not survive the winter.", "vow", "intention"),
]


@pytest.mark.slow
@pytest.mark.parametrize("finder", ["auto", "rules"])
@pytest.mark.parametrize("text, cue, expected", PASSAGES)
def test_both_finders_give_every_quote_its_act(text, cue, expected, finder):
    import quotegraph

    quotes = quotegraph.extract(text, finder=finder).quotes
    assert [q.act for q in quotes if q.cue and q.cue.text.startswith(cue)] == [expected]
