"""The scorer itself, on hand-made cases with hand-computed figures."""

from __future__ import annotations

import pytest

from quotegraph import evaluate
from quotegraph.cli import main
from quotegraph.evaluate import GoldArticle, Report, score_article
from quotegraph.io.brat import GoldRelation as R

TEXT = 'Trump said "we will win." Clinton told reporters that she disagreed. Aides shrugged.'
#       0         1         2         3         4         5         6         7         8
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234


def at(fragment: str, start: int = 0) -> tuple[tuple[int, int]]:
    i = TEXT.index(fragment, start)
    return ((i, i + len(fragment)),)


TRUMP = R(content=at('"we will win."'), cue=at("said"), source=at("Trump"))
CLINTON = R(content=at("she disagreed"), cue=at("told reporters that"), source=at("Clinton"))
GOLD = [TRUMP, CLINTON]


def score(pred, gold=GOLD, text=TEXT) -> Report:
    report = Report()
    score_article(report, text, gold, pred)
    return report


def prf(report: Report, metric: str) -> tuple[float, float, float]:
    s = report.scores[metric]
    return round(s.precision, 4), round(s.recall, 4), round(s.f1, 4)


def test_perfect_prediction_scores_one_everywhere():
    report = score(GOLD)
    for metric in evaluate.METRICS:
        assert prf(report, metric) == (1.0, 1.0, 1.0), metric


def test_empty_prediction_has_zero_recall():
    report = score([])
    for metric in evaluate.METRICS:
        assert report.scores[metric].recall == 0.0
        assert report.scores[metric].f1 == 0.0


def test_exact_match_ignores_surrounding_quote_marks_and_punctuation():
    pred = [R(content=at("we will win"), cue=at("said"), source=at("Trump"))]
    report = score(pred, gold=[TRUMP])
    assert prf(report, "Content exact") == (1.0, 1.0, 1.0)


def test_a_span_brat_split_at_a_sentence_end_is_one_stretch_of_text():
    # brat stores a quotation of two sentences as two fragments when its editor breaks the
    # line between them; the period between them is inside what was said.
    text = 'He said "We won. They lost." Then he left.'
    first, second = text.index("We won."), text.index("They lost.")
    gold = [R(content=((first, first + len("We won.")), (second, second + len("They lost."))))]
    whole = [R(content=((first, second + len("They lost.")),))]
    assert prf(score(whole, gold=gold, text=text), "Content exact") == (1.0, 1.0, 1.0)
    # Words between fragments keep them apart: a span over those words too is no exact match.
    text = 'We won, he said, they lost.'
    gold = [R(content=((0, 6), (17, 26)))]
    whole = [R(content=((0, 26),))]
    assert prf(score(whole, gold=gold, text=text), "Content exact") == (0.0, 0.0, 0.0)


def test_a_cue_of_punctuation_only_matches_the_same_mark_exactly():
    # "“…” ― Jane Doe": the dash is the cue; trimmed of punctuation it would be empty.
    text = "“We won.” ― Jane Doe\n“They lost.” ― John Roe"
    first, second = text.index("―"), text.rindex("―")
    gold = [R(content=((0, 9),), cue=((first, first + 1),), source=((first + 2, first + 10),))]
    assert prf(score([gold[0]], gold=gold, text=text), "Cue exact") == (1.0, 1.0, 1.0)
    elsewhere = [R(content=((0, 9),), cue=((second, second + 1),), source=((first + 2, first + 10),))]
    assert prf(score(elsewhere, gold=gold, text=text), "Cue exact") == (0.0, 0.0, 0.0)


def test_partial_case_by_hand():
    pred = [
        TRUMP,  # fully right
        # Content overlaps but is shorter, cue right, source wrong ("reporters" is not "Clinton").
        R(content=at("disagreed"), cue=at("told reporters that"), source=at("reporters")),
        # Matches nothing in gold.
        R(content=at("Aides shrugged"), cue=(), source=()),
    ]
    report = score(pred)
    # Content: 3 predicted, 2 gold; exact tp 1 (Trump), overlap tp 2.
    assert prf(report, "Content exact") == (0.3333, 0.5, 0.4)
    assert prf(report, "Content overlap") == (0.6667, 1.0, 0.8)
    # Sources: 2 predicted, 2 gold, only "Trump" matches.
    assert prf(report, "Source overlap") == (0.5, 0.5, 0.5)
    # Cues: 2 predicted, 2 gold, both match.
    assert prf(report, "Cue exact") == (1.0, 1.0, 1.0)
    # RELATION: only Trump's (the second has a wrong source; the third overlaps nothing).
    assert prf(report, "RELATION") == (0.3333, 0.5, 0.4)
    # Content chars: gold has 12 ('"we will win."' minus 2 spaces) + 12 ("she disagreed") = 24;
    # predicted 12 + 9 + 13 ("Aides shrugged") = 34, of which 21 are gold.
    assert (report.scores["Content chars"].tp, report.scores["Content chars"].n_pred,
            report.scores["Content chars"].n_gold) == (21, 34, 24)


def test_matching_is_one_to_one():
    # Two predictions inside one gold content count once.
    pred = [R(content=at("we will")), R(content=at("win"))]
    report = score(pred, gold=[R(content=at('"we will win."'))])
    assert prf(report, "Content overlap") == (0.5, 1.0, 0.6667)


def test_matching_is_maximal_not_greedy():
    # X overlaps both gold spans, Y only the first: the best pairing matches both.
    gold = [R(content=at("Trump said")), R(content=at('"we will win."'))]
    pred = [R(content=at('said "we')), R(content=at("Trump"))]
    assert prf(score(pred, gold=gold), "Content overlap") == (1.0, 1.0, 1.0)


def test_relation_without_source_matches_only_a_relation_without_source():
    gold = [R(content=at("Aides shrugged"))]
    assert prf(score([R(content=at("shrugged"))], gold=gold), "RELATION") == (1.0, 1.0, 1.0)
    assert prf(score([R(content=at("shrugged"), source=at("Trump"))], gold=gold), "RELATION") == (0.0, 0.0, 0.0)


def test_relation_plus_cue_needs_the_cue_too():
    pred = [R(content=TRUMP.content, cue=at("told"), source=TRUMP.source)]
    report = score(pred, gold=[TRUMP])
    assert prf(report, "RELATION") == (1.0, 1.0, 1.0)
    assert prf(report, "RELATION+CUE") == (0.0, 0.0, 0.0)


def test_micro_average_sums_counts_over_articles():
    gold = [GoldArticle("a", TEXT, [TRUMP], {}), GoldArticle("b", TEXT, [TRUMP, CLINTON], {})]
    report = evaluate.evaluate(gold, {"a": [TRUMP], "b": []})
    # tp 1, predicted 1, gold 3: not the mean of per-article recalls (1.0 and 0.0).
    assert prf(report, "RELATION") == (1.0, 0.3333, 0.5)


def write_split(root, name: str, text: str, anns: dict[str, str]) -> None:
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, body in anns.items():
        (root / "attributions" / f"{name}_{annotator}.ann").write_text(body, encoding="utf-8")


GOLD_ANN = (
    "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 25\t\"we will win.\"\n"
    "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)


def test_eval_command_on_folders_scores_the_first_annotator(tmp_path, capsys):
    # Annotator "a" is first in sorted order; "b" annotated nothing and must be ignored.
    write_split(tmp_path / "gold", "story", TEXT, {"b": "", "a": GOLD_ANN})
    (tmp_path / "pred").mkdir()
    (tmp_path / "pred" / "story.ann").write_text(GOLD_ANN, encoding="utf-8")
    report = evaluate.evaluate_folders(tmp_path / "gold", tmp_path / "pred")
    assert prf(report, "RELATION") == (1.0, 1.0, 1.0)
    assert main(["eval", str(tmp_path / "gold" / "attributions"), str(tmp_path / "pred")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[7].split()[:4] == ["RELATION", "100.0", "100.0", "100.0"]


def test_eval_command_errors_are_one_line(tmp_path, capsys):
    assert main(["eval", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quotegraph: error:") and len(err.strip().splitlines()) == 1
    assert main(["eval", str(tmp_path / "missing"), str(tmp_path)]) == 1
    assert "text/ and attributions/" in capsys.readouterr().err


@pytest.mark.slow
def test_eval_system_default_runs_quotegraph_over_the_texts(tmp_path, nlp):
    write_split(tmp_path, "story", TEXT, {"a": GOLD_ANN})
    report = evaluate.evaluate_system(tmp_path, "default")
    assert report.articles == 1
    assert report.scores["Content overlap"].n_gold == 1
