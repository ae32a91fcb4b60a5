"""brat standoff in PolNeAR's convention: reading gold, writing an Article's quotes."""

from __future__ import annotations

from quotegraph.io import brat
from quotegraph.model import Article, Quote, TextSpan

TEXT = '"We will win," Trump said, "and win big." Aides said nothing.'
#       0123456789012345678901234567890123456789012345678901234567890

ANN = (
    "T1\tSource 15 20\tTrump\n"
    "T2\tCue 21 25\tsaid\n"
    'T3\tContent 0 14;27 41\t"We will win," "and win big."\n'
    "T4\tAttribution 21 25\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tDiscuss 42 46\tAides\n"
    "#1\tAnnotatorNotes T5\ta remark\n"
    "T6\tContent 53 60\tnothing\n"
    "T7\tCue 48 52\tsaid\n"
    "T8\tAttribution-no-source 48 52\tsaid\n"
    "E2\tAttribution-no-source:T8 Cue:T7 Content:T6\n"
)


def test_read_relations_with_discontinuous_content_and_no_source():
    relations = brat.parse_ann(ANN).relations
    assert relations == [
        brat.GoldRelation(content=((0, 14), (27, 41)), cue=((21, 25),), source=((15, 20),)),
        brat.GoldRelation(content=((53, 60),), cue=((48, 52),), source=()),
    ]
    assert TEXT[15:20] == "Trump" and TEXT[53:60] == "nothing"


def test_discuss_lines_notes_and_multiline_text_are_ignored():
    # A T-line whose text runs over a line break leaves a continuation line behind.
    ann = "T1\tContent 0 5;6 10\tfirst\nsecond\nT2\tCue 11 15\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n"
    assert brat.parse_ann(ann).relations == [brat.GoldRelation(content=((0, 5), (6, 10)), cue=((11, 15),))]


def test_content2_is_folded_into_content_and_unused_spans_are_orphans():
    ann = (
        "T1\tContent 30 40\tb\nT2\tContent 0 10\ta\nT3\tCue 12 16\tsaid\nT4\tSource 50 55\tlone\n"
        "E1\tAttribution-no-source:T3 Cue:T3 Content:T1 Content2:T2\n"
    )
    parsed = brat.parse_ann(ann)
    assert parsed.relations[0].content == ((0, 10), (30, 40))
    assert parsed.orphans["Source"] == [((50, 55),)]


def test_relations_without_content_are_dropped():
    assert brat.parse_ann("T1\tCue 0 4\tsaid\nE1\tAttribution-no-source:T1 Cue:T1\n").relations == []


def test_first_annotator_in_sorted_order(tmp_path):
    (tmp_path / "story_b.ann").write_text("", encoding="utf-8")
    (tmp_path / "story_a.ann").write_text("", encoding="utf-8")
    (tmp_path / "other.ann").write_text("", encoding="utf-8")
    chosen = brat.first_annotations(tmp_path, {"story", "other"})
    assert {k: p.name for k, p in chosen.items()} == {"story": "story_a.ann", "other": "other.ann"}


def test_ann_text_writes_polnear_convention_and_reads_back():
    quotes = (
        Quote(
            id="q1",
            content=TextSpan.from_offsets(TEXT, [(0, 14), (27, 41)]),
            cue=TextSpan.from_offsets(TEXT, [(21, 25)]),
            source=TextSpan.from_offsets(TEXT, [(15, 20)]),
        ),
        Quote(id="q2", content=TextSpan.from_offsets(TEXT, [(53, 60)]), cue=TextSpan.from_offsets(TEXT, [(48, 52)])),
    )
    written = brat.ann_text(Article(text=TEXT, quotes=quotes))
    assert written.splitlines() == [
        "T1\tSource 15 20\tTrump",
        "T2\tCue 21 25\tsaid",
        'T3\tContent 0 14;27 41\t"We will win," "and win big."',
        "T4\tAttribution 21 25\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 48 52\tsaid",
        "T6\tContent 53 60\tnothing",
        "T7\tAttribution-no-source 48 52\tsaid",
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
    ]
    assert brat.parse_ann(written).relations == brat.parse_ann(ANN).relations


def test_ann_text_of_an_article_without_quotes_is_empty():
    assert brat.ann_text(Article(text="Nothing attributed here.")) == ""


def test_newlines_in_span_text_do_not_break_lines():
    text = "He said:\n\nwe won"
    quote = Quote(id="q", content=TextSpan.from_offsets(text, [(3, 16)]))
    lines = brat.ann_text(Article(text=text, quotes=(quote,))).splitlines()
    assert lines[0] == "T1\tContent 3 16\tsaid: we won"
