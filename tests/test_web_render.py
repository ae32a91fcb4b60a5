"""The pieces the pages are drawn from: highlighted segments, chart geometry, marked variant words."""

from __future__ import annotations

from quotegraph.web.charts import appearance_timeline, month_timeline, months_between
from quotegraph.web.data import marked_words, tip_text
from quotegraph.web.render import segments

TEXT = '"We will appeal," Kaplan told ET, "and we will win."'
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901
SPLIT = {  # content in two fragments around its source and cue
    "id": "q1",
    "content": {"spans": [[0, 17], [34, 52]]},
    "cue": {"spans": [[25, 29]]},
    "source": {"spans": [[18, 24]]},
    "speaker_id": 7,
}
INNER = {"id": "q2", "content": {"spans": [[1, 15]]}}  # a quote inside q1's content


def _view(segs):
    return [(s.text, {r: ids for r, ids in s.marks.items()}) for s in segs]


def test_discontinuous_content_gives_two_pieces_of_one_quote_and_plain_text_between():
    assert _view(segments(TEXT, [SPLIT])) == [
        ('"We will appeal,"', {"content": ["q1"]}),
        (" ", {}),
        ("Kaplan", {"source": ["q1"]}),
        (" ", {}),
        ("told", {"cue": ["q1"]}),
        (" ET, ", {}),
        ('"and we will win."', {"content": ["q1"]}),
    ]


def test_segments_cover_the_text_exactly_once_in_order():
    segs = segments(TEXT, [SPLIT, INNER])
    assert "".join(s.text for s in segs) == TEXT
    assert all(TEXT[s.start:s.end] == s.text for s in segs)


def test_overlapping_quotes_mark_the_shared_piece_with_both():
    segs = segments(TEXT, [SPLIT, INNER])
    assert _view(segs)[:3] == [
        ('"', {"content": ["q1"]}),
        ("We will appeal", {"content": ["q1", "q2"]}),
        (',"', {"content": ["q1"]}),
    ]
    assert segs[1].quote_ids == ["q1", "q2"]


def test_each_quote_gets_one_keyboard_stop_where_its_content_starts():
    segs = segments(TEXT, [SPLIT, INNER])
    assert [(s.text, s.anchors) for s in segs if s.anchors] == [('"', ["q1"]), ("We will appeal", ["q2"])]


def test_sources_link_to_the_speaker_when_it_is_known():
    segs = segments(TEXT, [SPLIT])
    assert [(s.text, s.speaker_link) for s in segs if s.speaker_link] == [("Kaplan", "7")]


def test_entity_mentions_are_their_own_pieces_and_a_source_that_mentions_one_says_so():
    # Kaplan (e1) is mentioned as the source (18-24) and as "we" inside the content (39-41); ET (e2) at 30-32.
    entities = [{"id": "e1", "mentions": [{"spans": [[18, 24]]}, {"spans": [[39, 41]]}]},
                {"id": "e2", "mentions": [{"spans": [[30, 32]]}, {"spans": [[99, 120]]}]}]  # the second is outside
    segs = segments(TEXT, [SPLIT], entities)
    assert "".join(s.text for s in segs) == TEXT
    assert [(s.text, s.mentions, s.roles) for s in segs if s.mentions] == [
        ("Kaplan", ["e1"], ["source"]),
        ("ET", ["e2"], []),
        ("we", ["e1"], ["content"]),
    ]


def test_offsets_outside_the_text_or_malformed_are_ignored():
    bad = {"id": "q3", "content": {"spans": [[40, 999], [-1, 3], [5, 5], ["x", 2], [8]]}}
    assert _view(segments(TEXT, [bad])) == [(TEXT, {})]


def test_no_quotes_is_one_plain_segment_and_empty_text_none():
    assert _view(segments(TEXT, [])) == [(TEXT, {})]
    assert segments("", []) == []


def test_tip_says_speaker_channel_and_date_or_that_they_are_unknown():
    assert tip_text({"speaker": {"name": "Laura Kaplan"}, "channel": {"name": "ET"}, "date": "2024-06-25"}) == "Laura Kaplan · ET · 2024-06-25"
    assert tip_text({"speaker": None, "channel": None, "date": None}) == "unknown speaker · no channel · undated"


def test_marked_words_flag_changed_and_added_words_of_a_variant():
    first = '"We will appeal the ruling," she said'
    assert marked_words(first, '"We will appeal this ruling today,"') == [
        ('"We', False), ("will", False), ("appeal", False), ("this", True), ("ruling", False), ('today,"', True),
    ]
    assert marked_words(first, "WE WILL APPEAL THE RULING, SHE SAID") == [(w, False) for w in "WE WILL APPEAL THE RULING, SHE SAID".split()]


def test_months_between_crosses_the_year():
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_month_timeline_stacks_outlets_in_each_month_and_fills_empty_months():
    chart = month_timeline([("2024-01", "Planet", 2), ("2024-01", "Post", 1), ("2024-03-05", "Planet", 3), ("bad", "X", 9)])
    assert chart.legend == [("Planet", "c0", 5), ("Post", "c1", 1)]
    assert chart.charted == 6  # the quote dated "bad" has no month to go in
    assert [value for _, value in chart.yticks] == [0, 3]
    assert [b.label for b in chart.bars] == ["2024-01: 2 from Planet", "2024-01: 1 from Post", "2024-03: 3 from Planet"]
    jan_planet, jan_post, march = chart.bars
    assert jan_post.y + jan_post.h == jan_planet.y  # stacked on top
    assert march.h == jan_planet.h + jan_post.h  # 3 quotes, the peak, as tall as January's stack
    assert [label for _, label in chart.xticks] == ["2024-01", "2024-02", "2024-03"]


def test_month_timeline_gathers_outlets_past_the_palette_into_others():
    chart = month_timeline([("2024-01", f"outlet {i}", 10 - i) for i in range(9)])
    assert chart.legend[-1] == ("2 others", "c7", 3 + 2)  # outlets 7 and 8
    assert len(chart.legend) == 8


def test_empty_timeline():
    assert month_timeline([]).empty


def test_appearance_timeline_places_dots_by_date_first_marked():
    def a(qid, date):
        return {"quote_id": qid, "first": qid == "q1", "article": {"id": f"a/{qid}", "date": date, "outlet": "P"}}

    dots, axis = appearance_timeline([a("q1", "2024-06-01"), a("q2", "2024-06-11"), a("q3", "2024-06-21"), a("q4", None)])
    assert [d.first for d in dots] == [True, False, False]
    assert dots[1].x - dots[0].x == dots[2].x - dots[1].x
    assert dots[0].href == "/articles/a%2Fq1#quote-q1"
    assert [label for _, label in axis] == ["2024-06-01", "2024-06-21"]
