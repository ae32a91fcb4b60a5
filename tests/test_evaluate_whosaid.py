"""The who-said-what scorer (news-dev format): found, speaker right / wrong / unresolved, channel, date.

A page and its gold are written by hand here, and so are the "extractions" scored against
them, so every count below can be checked by reading the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.cli import main
from quotegraph.evaluate import whosaid
from quotegraph.model import Article, Channel, Quote, Speaker, TextSpan

TEXT = (
    "Kaplan told ET on Tuesday that the appeal would go ahead. "
    "A source said the singer was at peace. "
    "The so-called \"peace plan\" was not discussed. "
    "Whitlock wrote on Instagram in 2019 that fame had changed her."
)


def page(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir(parents=True)
    (tmp_path / "gold").mkdir()
    (tmp_path / "pages" / "singer.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "article": "singer",
        "article_date": "2024-06-26",
        "quotes": [
            {"id": "q1", "match": "the appeal would go ahead", "speaker": ["Kaplan"], "channel": ["ET"], "date": "2024-06-25", "required": True},
            {"id": "q2", "match": "the singer was at peace", "speaker": ["source"], "channel": None, "date": None, "required": True},
            {"id": "q3", "match": "fame had changed her", "speaker": ["Whitlock"], "channel": ["Instagram"], "date": "2019", "required": True},
            {"id": "q4", "match": "was not discussed", "speaker": ["nobody"], "required": False},
        ],
        "not_quotes": ["peace plan"],
    }
    (tmp_path / "gold" / "singer.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def q(words: str, speaker: Speaker | None, channel: str | None = None, date: str | None = None) -> Quote:
    start = TEXT.index(words)
    return Quote(id=f"q{start}", content=TextSpan.from_offsets(TEXT, [(start, start + len(words))]), speaker=speaker,
                 channel=Channel(channel) if channel else None, date=date)  # fmt: skip


def score(tmp_path: Path, quotes: list[Quote]) -> whosaid.WhoSaidReport:
    pages = whosaid.load_pages(page(tmp_path))
    return whosaid.evaluate_articles(pages, {"singer": Article(text=TEXT, id="singer", quotes=tuple(quotes))})


def test_right_wrong_unresolved_and_missed_are_counted_apart(tmp_path):
    report = score(tmp_path, [
        q("that the appeal would go ahead", Speaker("Mark Vincent Kaplan"), "ET", "2024-06-25"),  # all right
        q("the singer was at peace", Speaker("Dana Whitlock")),  # a wrong speaker
        q("peace plan", None),  # a scare quote taken for a quote
    ])  # fmt: skip
    t = report.tally()
    assert (t.items, t.found, t.right, t.wrong, t.unresolved) == (3, 2, 1, 1, 0)  # q3 missed; q4 not required
    assert (t.channel_right, t.channel_gold, t.date_right, t.date_gold) == (1, 2, 1, 2)  # a missed quote misses both
    assert t.false_quotes == 1


def test_an_unresolved_speaker_is_not_a_wrong_one(tmp_path):
    t = score(tmp_path, [q("the singer was at peace", None)]).tally()
    assert (t.found, t.right, t.wrong, t.unresolved) == (1, 0, 0, 1)


def test_the_organisation_an_unnamed_source_speaks_for_counts_as_its_name(tmp_path):
    gold_key = Speaker("A spokesperson", kind="unnamed", organization="Kaplan & Partners")
    t = score(tmp_path, [q("that the appeal would go ahead", gold_key)]).tally()
    assert t.right == 1


@pytest.mark.parametrize(
    ("date", "right"),
    [("2019-03-02", True), ("2019", True), ("2018", False), (None, False)],
)
def test_a_date_agrees_to_the_precision_the_gold_gives(tmp_path, date, right):
    t = score(tmp_path, [q("fame had changed her", Speaker("Dana Whitlock"), "Instagram", date)]).tally()
    assert t.date_right == int(right)


def test_a_channel_key_must_be_a_word_of_the_channel(tmp_path):
    t = score(tmp_path, [q("that the appeal would go ahead", Speaker("Kaplan"), "METRO")]).tally()
    assert t.channel_right == 0  # "ET" inside "METRO" is no match


def test_a_quote_must_cover_the_whole_match(tmp_path):
    t = score(tmp_path, [q("the appeal would", Speaker("Kaplan"))]).tally()
    assert t.found == 0


def test_the_cli_scores_saved_output_and_lists_the_errors(tmp_path, capsys):
    folder = page(tmp_path / "gold")
    art = Article(text=TEXT, id="singer", quotes=(q("the singer was at peace", Speaker("Dana Whitlock")),))
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(art.result()) + "\n", encoding="utf-8")
    assert main(["eval", str(folder), str(pred), "-v"]) == 0
    out = capsys.readouterr().out
    assert "singer" in out and "speaker wrong: 'Dana Whitlock'" in out and "q1: not found" in out
    assert main(["eval", str(folder), str(pred), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["all"]["speaker_wrong"] == 1 and figures["all"]["found"] == 1


def test_predictions_that_name_no_gold_page_are_a_clear_error(tmp_path, capsys):
    folder = page(tmp_path / "gold")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(Article(text=TEXT, id="other").result()) + "\n", encoding="utf-8")
    assert main(["eval", str(folder), str(pred)]) == 1
    assert "no article id in it names a gold page" in capsys.readouterr().err


@pytest.mark.slow
def test_news_dev_runs_end_to_end_on_the_default_finder():
    root = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news-dev"
    if not root.is_dir():
        pytest.skip("news-dev is not beside the checkout")
    t = whosaid.evaluate_system(root).tally()
    assert t.items == 90 and t.found > 0 and t.right + t.wrong + t.unresolved == t.found
