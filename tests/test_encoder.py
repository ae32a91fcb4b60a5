"""The accurate finder: word pieces, windows over long articles, the shipped ONNX model, bad model files."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quotegraph
from quotegraph.errors import ModelError
from quotegraph.pipeline import encoder, finders, spanmodel
from quotegraph.pipeline.encoder import WordPiece, windows

VOCAB = finders.ACCURATE_MODEL / "vocab.txt"


@pytest.fixture(scope="module")
def wordpiece() -> WordPiece:
    return WordPiece.from_file(VOCAB)


def test_word_pieces_are_berts_uncased_ones(wordpiece):
    tokenizers = pytest.importorskip("tokenizers")
    reference = tokenizers.BertWordPieceTokenizer(str(VOCAB), lowercase=True, strip_accents=True)
    for word in ["Federline's", "Reconciliations", "Zürich", "U.S.", "e-mail", "“Hello”", "2,000", "#MeToo", "naïve", "qwxzv"]:
        expected = reference.encode(word, add_special_tokens=False).ids
        assert wordpiece(word) == expected[: encoder.MAX_PIECES_PER_TOKEN], word


def test_a_line_break_is_a_boundary_piece_and_nothing_is_left_without_a_piece(wordpiece):
    assert wordpiece("\n\n") == [wordpiece.sep]
    assert wordpiece("\u200b") == [wordpiece.unk]
    assert len(wordpiece("x" * 500)) == 1


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 8), min_size=1, max_size=400),
    body=st.integers(24, 80),
    context=st.integers(0, 7),
)
def test_windows_cover_every_piece_once_with_context_on_both_sides(lengths, body, context):
    first = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    n = int(sum(lengths))
    got = windows(first, n, body, context)
    assert got[0][1] == 0 and got[-1][2] == n
    for (left, a, b, right), nxt in zip(got, got[1:] + [None]):
        assert left <= a < b <= right <= n and right - left <= body
        assert a in set(first.tolist())  # a core starts at a token's first piece
        assert a - left >= min(context, a) and right - b >= min(context, n - b)
        if nxt is not None:
            assert nxt[1] == b  # cores meet: every piece once


def test_a_token_longer_than_a_window_still_gets_one():
    first = np.array([0, 2, 102, 104])
    got = windows(first, 106, 20, 4)
    assert [(a, b) for _, a, b, _ in got][0] == (0, 2) and got[-1][2] == 106
    assert any(a == 2 and b == 102 for _, a, b, _ in got)


def test_a_missing_model_file_is_a_clear_error_naming_it_and_the_way_back(tmp_path):
    folder = tmp_path / "accurate"
    shutil.copytree(finders.ACCURATE_MODEL, folder)
    (folder / "model.onnx").unlink()
    with pytest.raises(ModelError) as err:
        finders.get("accurate", str(folder))
    assert str(folder / "model.onnx") in str(err.value)
    assert "quotegraph train" in str(err.value) and "reinstall" in str(err.value)


def test_a_corrupt_model_file_is_a_clear_error_naming_it(tmp_path):
    folder = tmp_path / "accurate"
    shutil.copytree(finders.ACCURATE_MODEL, folder)
    (folder / "model.onnx").write_bytes(b"not a model at all")
    with pytest.raises(ModelError) as err:
        finders.get("accurate", str(folder))
    assert str(folder / "model.onnx") in str(err.value) and "quotegraph train" in str(err.value)


def test_an_unreadable_config_is_a_clear_error_too(tmp_path):
    folder = tmp_path / "accurate"
    shutil.copytree(finders.ACCURATE_MODEL, folder)
    (folder / "config.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="config|model files"):
        finders.get("accurate", str(folder))


def test_the_accurate_finder_blends_in_the_span_models_vote_only_as_its_config_says(tmp_path):
    shipped = finders.get("accurate").model
    assert isinstance(shipped, spanmodel.Blend)
    (encoder_part, w_encoder), (span_part, w_span) = shipped.parts
    assert isinstance(encoder_part, encoder.EncoderModel) and w_span == pytest.approx(0.2) and w_encoder == pytest.approx(0.8)
    folder = tmp_path / "accurate"
    shutil.copytree(finders.ACCURATE_MODEL, folder)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    del config["span_model_weight"]  # a freshly trained encoder: no blend until one is chosen on dev
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert isinstance(finders.get("accurate", str(folder)).model, encoder.EncoderModel)


def test_the_shipped_model_is_small_and_quantised():
    size_mb = (finders.ACCURATE_MODEL / "model.onnx").stat().st_size / 2**20
    assert size_mb <= 60
    config = json.loads((finders.ACCURATE_MODEL / "config.json").read_text(encoding="utf-8"))
    assert config["window"] <= 512 and config["context"] * 2 < config["window"]


def test_accurate_is_a_finder_name_everywhere_one_is_chosen():
    from quotegraph.cli import build_parser

    from test_cli_help import commands

    assert "accurate" in finders.NAMES and finders.needs_parser("accurate")  # content edges from the parse
    chosen = {}
    for name, _, parser in commands(build_parser()):
        for action in parser._actions:
            if "--finder" in action.option_strings or "--system" in action.option_strings:
                chosen[name] = set(action.choices or ())
    assert {"extract", "eval", "ingest", "serve", "spark extract"} <= set(chosen)
    for name, choices in chosen.items():
        if name != "train":  # train knows only the finders that have a model to train
            assert set(finders.NAMES) <= choices, name


# ---- the real pipeline with the shipped model ----

EDGE_ARTICLE = (
    "The city council met on Tuesday to discuss the new budget for the coming year. "
    "Members spent most of the evening on road repairs and the cost of the new library. "
) * 3 + (
    '"We cannot keep patching the same streets every spring and call it a plan for the future of this city," '
    "Councilwoman Priya Raman said after the vote. "
) + ("Several residents spoke about parking and the bus routes that were cut last year. " * 3)


@pytest.fixture(scope="module")
def accurate(nlp):
    return quotegraph.load(finder="accurate")


def _encoder_of(finder):
    """The accurate finder's encoder (its tagger blends the encoder with the span model)."""
    tagger = finder.model
    return tagger.parts[0][0] if isinstance(tagger, spanmodel.Blend) else tagger


def _spacy_doc(nlp, text):
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "quotegraph":
            doc = proc(doc)
    return doc


@pytest.mark.slow
def test_an_attribution_across_a_window_edge_is_found_as_in_one_window(accurate):
    finder = accurate.get_pipe("quotegraph").find
    model = _encoder_of(finder)
    doc = _spacy_doc(accurate, EDGE_ARTICLE)
    whole = finder(doc)
    enc = model.features(doc)
    quote_at = EDGE_ARTICLE.index('"We cannot')
    q_token = next(t.i for t in doc if t.idx >= quote_at)
    q_piece = int(enc.first[q_token])
    old = model.body, model.context
    try:
        model.body, model.context = 48, 12  # windows far smaller than the article: the quotation spans an edge
        cuts = windows(enc.first, len(enc.pieces), model.body, model.context)
        assert len(cuts) > 4
        assert any(q_piece < a < q_piece + 20 for _, a, _, _ in cuts)
        small = finder(_spacy_doc(accurate, EDGE_ARTICLE))
    finally:
        model.body, model.context = old
    said = [a for a in whole if any(s <= quote_at < e for s, e in a.content)]
    assert said, "the quotation is found with one window"
    again = [a for a in small if any(s <= quote_at < e for s, e in a.content)]
    assert [(a.content, a.cue, a.source) for a in again] == [(a.content, a.cue, a.source) for a in said]


@pytest.mark.slow
def test_the_accurate_finder_reads_a_direct_quote_with_its_speaker():
    text = (
        "Mark Vincent Kaplan, Kevin Marlowe's attorney, spoke to reporters on Tuesday.\n\n"
        '"We will appeal any ruling that leaves these children without stability," Kaplan told Entertainment Tonight.'
    )
    quotes = quotegraph.extract(text, date="2024-06-26", finder="accurate").quotes
    [quote] = [q for q in quotes if "appeal" in q.content.text]
    assert quote.type == "direct"
    assert quote.source.text == "Kaplan" and quote.cue.text == "told"
    assert quote.speaker is not None and quote.speaker.name == "Mark Vincent Kaplan"
    assert quote.channel is not None and quote.channel.name == "Entertainment Tonight"


@pytest.mark.slow
def test_a_quotation_in_two_apostrophes_keeps_its_second_part_after_the_cue():
    # Archive text types a double mark as two apostrophes; the parse step once read them as two
    # single quotes, cut the second one off and dropped the part after "the president added".
    text = (
        "The museum opened on Saturday.\n\n''We're not a burden on America or a stain on America,'' the "
        "president added. ''We're America.''\n\nMr. Obama opened the museum by ringing a bell."
    )
    [quote] = [q for q in quotegraph.extract(text, finder="accurate").quotes if "burden" in q.content.text]
    assert [text[s:e] for s, e in quote.content.spans] == [
        "''We're not a burden on America or a stain on America,''", "''We're America.''"]
    assert quote.type == "direct" and quote.source.text == "the president"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello",
        "The weather was mild and the river stayed within its banks all week.",
        "Der Bürgermeister sagte am Dienstag, dass die Brücke im Sommer geschlossen wird.",
        "“”\n\n“",
        ("A long article without anyone saying anything at all. " * 400),
    ],
)
def test_bad_or_odd_input_does_not_crash_the_accurate_finder(text):
    article = quotegraph.extract(text, finder="accurate")
    for q in article.quotes:
        for s, e in q.content.spans:
            assert 0 <= s < e <= len(text)


@pytest.mark.slow
def test_the_store_and_the_web_take_the_accurate_finders_quotes(tmp_path):
    import warnings

    from quotegraph.ingest import ingest
    from quotegraph.store import Store
    from quotegraph.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette prefers httpx2 to httpx
        from fastapi.testclient import TestClient

    text = (
        "Mark Vincent Kaplan, Kevin Marlowe's attorney, spoke to reporters on Tuesday.\n\n"
        '"We will appeal any ruling that leaves these children without stability," Kaplan told Entertainment Tonight.'
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "text": text, "date": "2024-06-26", "outlet": "Wire"}) + "\n", encoding="utf-8")
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(feed)], store, finder="accurate")
        assert (summary.new, summary.failed) == (1, [])
        rows, _ = store.search_quotes("appeal")
    assert [r["speaker"]["name"] for r in rows] == ["Mark Vincent Kaplan"]
    with TestClient(create_app(tmp_path / "qg.db", finder="accurate"), raise_server_exceptions=False) as client:
        found = client.post("/api/extract", json={"text": text}).json()
        assert [q["speaker"]["name"] for q in found["quotes"] if "appeal" in q["content"]["text"]] == ["Mark Vincent Kaplan"]
        assert client.get("/api/quotes", params={"q": "appeal"}).status_code == 200


@pytest.mark.slow
def test_an_article_gets_the_same_figures_alone_and_in_a_batch_with_others(accurate):
    model = _encoder_of(accurate.get_pipe("quotegraph").find)
    texts = [
        EDGE_ARTICLE,
        "Kaplan said the ruling was wrong.",
        '"We will appeal," the attorney told reporters on Tuesday, adding that the family was united.',
    ]
    encoded = [model.features(_spacy_doc(accurate, t)) for t in texts]
    together = model.log_probs_encoded(encoded)
    for enc, batched in zip(encoded, together):
        [alone] = model.log_probs_encoded([enc])
        np.testing.assert_array_equal(alone, batched)
