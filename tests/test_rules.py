"""The rule finder on hand-written passages, one behaviour per test (PolNeAR conventions)."""

from __future__ import annotations

import pytest

from quotegraph.pipeline.rules import find_attributions


def found(parse, text: str) -> list[dict]:
    """Each attribution as its texts: what the tests compare against."""
    doc = parse(text)
    out = []
    atts = find_attributions(doc)
    for att in atts:
        for role in (att.content, att.cue, att.source):
            for s, e in role:
                assert 0 <= s < e <= len(text) and text[s:e].strip()
        out.append(
            {
                "type": att.type,
                "content": [text[s:e] for s, e in att.content],
                "cue": " ".join(text[s:e] for s, e in att.cue),
                "source": " ".join(text[s:e] for s, e in att.source),
                "continues": atts.index(att.continues) if att.continues is not None else None,
            }
        )
    return out


# (1) direct quotes: cue after, before and in the middle; several sentences
def test_direct_quote_with_cue_after(parse):
    assert found(parse, "“The deal is off,” Kaplan said.") == [
        {"type": "direct", "content": ["“The deal is off,”"], "cue": "said", "source": "Kaplan", "continues": None}
    ]


def test_direct_quote_with_cue_before_and_several_sentences(parse):
    assert found(parse, "He said: “We won’t stop. We’ll fight.”") == [
        {
            "type": "direct",
            "content": ["“We won’t stop. We’ll fight.”"],
            "cue": "said",
            "source": "He",
            "continues": None,
        }
    ]


def test_cue_in_the_middle_makes_a_discontinuous_content(parse):
    text = '"It is bad," said Mark Vincent Kaplan, Federline\'s attorney, "and we will fight."'
    assert found(parse, text) == [
        {
            "type": "direct",
            "content": ['"It is bad,"', '"and we will fight."'],
            "cue": "said",
            "source": "Mark Vincent Kaplan, Federline's attorney",
            "continues": None,
        }
    ]


def test_multi_sentence_quote_before_its_cue(parse):
    [att] = found(parse, '"We will win. We always do," he said.')
    assert att["content"] == ['"We will win. We always do,"']
    assert (att["cue"], att["source"]) == ("said", "he")


def test_nested_single_quote_stays_inside_the_content(parse):
    [att] = found(parse, "“He told me, ‘Go home,’ and I left,” she said.")
    assert att["content"] == ["“He told me, ‘Go home,’ and I left,”"]
    assert att["source"] == "she"


# (2) continuation
def test_next_quote_in_the_same_paragraph_joins_the_content(parse):
    [att] = found(parse, "“We are done,” she said. “There is nothing left to say about it.”")
    assert att["content"] == ["“We are done,”", "“There is nothing left to say about it.”"]


def test_quote_only_paragraph_continues_the_previous_speaker(parse):
    atts = found(parse, "“We are done,” she said in a statement.\n\n“There is nothing left to say about it.”")
    assert [a["content"] for a in atts] == [["“We are done,”"], ["“There is nothing left to say about it.”"]]
    assert atts[1] == {
        "type": "direct",
        "content": ["“There is nothing left to say about it.”"],
        "cue": "",
        "source": "",
        "continues": 0,
    }


def test_quote_paragraph_after_narration_is_not_a_continuation(parse):
    text = "“We are done,” she said.\n\nThe talks ended on Monday.\n\n“There is nothing left to say about it.”"
    assert [a["content"] for a in found(parse, text)] == [["“We are done,”"]]


# (3) indirect speech
@pytest.mark.parametrize(
    "text, content, cue, source",
    [
        ("Kaplan said that the deal was off.", "that the deal was off", "said", "Kaplan"),
        ("Kaplan said the deal was off.", "the deal was off", "said", "Kaplan"),
        ("Kaplan told reporters that the deal was off.", "that the deal was off", "told", "Kaplan"),
        ("TMZ reported Federline will seek custody.", "Federline will seek custody", "reported", "TMZ"),
        (
            "A spokesman for the campaign confirmed that the rally was canceled.",
            "that the rally was canceled",
            "confirmed",
            "A spokesman for the campaign",
        ),
        ("Spears says reconciliation will be difficult.", "reconciliation will be difficult", "says", "Spears"),
        ("Clinton believes the plan will fail.", "the plan will fail", "believes", "Clinton"),
        ("Sanders warned that taxes would rise.", "that taxes would rise", "warned", "Sanders"),
        ("Trump denied the report.", "the report", "denied", "Trump"),
        ("The economy is strong, he said.", "The economy is strong", "said", "he"),
    ],
)
def test_indirect_speech(parse, text, content, cue, source):
    assert found(parse, text) == [
        {"type": "indirect", "content": [content], "cue": cue, "source": source, "continues": None}
    ]


def test_according_to_takes_the_rest_of_the_sentence(parse):
    assert found(parse, "According to a spokesman for the campaign, the plan was dropped.") == [
        {
            "type": "indirect",
            "content": ["the plan was dropped"],
            "cue": "According to",
            "source": "a spokesman for the campaign",
            "continues": None,
        }
    ]


def test_per_in_the_middle_splits_the_content(parse):
    [att] = found(parse, "The deal, per TMZ, is off.")
    assert (att["content"], att["cue"], att["source"]) == (["The deal", "is off"], "per", "TMZ")


def test_per_as_a_rate_is_not_a_cue(parse):
    assert found(parse, "Gas costs $3 per gallon in Ohio.") == []


def test_participle_inherits_the_subject(parse):
    atts = found(parse, "Trump spoke in Ohio on Monday, saying she was weak.")
    expected = {"type": "indirect", "content": ["she was weak"], "cue": "saying", "source": "Trump", "continues": None}
    assert expected in atts


# (4) mixed quotes
def test_quoted_fragment_inside_indirect_speech_is_mixed(parse):
    assert found(parse, "Spears says reconciliation will be a “lengthy process.”") == [
        {
            "type": "mixed",
            "content": ["reconciliation will be a “lengthy process.”"],
            "cue": "says",
            "source": "Spears",
            "continues": None,
        }
    ]


# (5) not quotes
def test_titles_nicknames_and_scare_quotes_are_dropped(parse):
    assert found(parse, "The “Stronger” singer watched the film “Jaws” with a “very” good friend.") == []


def test_transcript_labels_speak(parse):
    text = "WALLACE: Will she be there?\n\nPENCE: She will not be attending the debate."
    assert [(a["source"], a["cue"], a["content"]) for a in found(parse, text)] == [
        ("WALLACE", ":", ["Will she be there?"]),
        ("PENCE", ":", ["She will not be attending the debate."]),
    ]


def test_editorial_labels_do_not_speak(parse):
    assert found(parse, "Note: This story has been updated with new figures from the county.") == []


def test_dash_signed_quote(parse):
    [att] = found(parse, "“Donald Trump scares me. He is wrong.” ― Krystal Correa")
    assert att["content"] == ["“Donald Trump scares me. He is wrong.”"]
    assert (att["cue"], att["source"]) == ("―", "Krystal Correa")


def test_second_reporting_verb_of_the_same_speaker_starts_its_own_attribution(parse):
    text = "Kasich says he would sit Putin down and tells the crowd he was the first one to say it."
    atts = found(parse, text)
    assert [(a["source"], a["cue"], a["content"]) for a in atts] == [
        ("Kasich", "says", ["he would sit Putin down"]),
        ("Kasich", "tells", ["he was the first one to say it"]),
    ]


def test_passive_report_names_its_source_after_by(parse):
    [att] = found(parse, "O’Malley’s move was first reported by MSNBC.")
    assert (att["content"], att["cue"], att["source"]) == (["O’Malley’s move"], "reported by", "MSNBC")


def test_as_clause_attributes_the_main_clause(parse):
    [att] = found(parse, "As the Washington Post reported, Republicans now control both chambers in 30 states.")
    assert (att["source"], att["cue"]) == ("the Washington Post", "reported")
    assert att["content"] == ["Republicans now control both chambers in 30 states"]


def test_colon_introduces_a_quotation_on_the_next_line(parse):
    text = (
        "When Wallace died in 1998, President Clinton released the following statement:\n\n"
        "“Hillary and I offer our condolences to the family and friends of George Wallace.”"
    )
    [att] = found(parse, text)
    assert att["source"] == "President Clinton"
    assert att["content"] == ["“Hillary and I offer our condolences to the family and friends of George Wallace.”"]


def test_every_span_reads_back_on_real_articles(parse, polnear):
    """On real news text, every offset the finder gives lies inside the text and covers words."""
    for path in sorted((polnear / "dev" / "text").glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        atts = find_attributions(parse(text))
        assert atts, path.name
        for att in atts:
            for s, e in [*att.content, *att.cue, *att.source]:
                assert 0 <= s < e <= len(text) and text[s:e].strip(), (path.name, s, e)
            assert att.continues is None or any(att.continues is other for other in atts)


def test_cue_noun_with_its_holder(parse):
    [att] = found(parse, "Donald Trump’s claim that there have been thousands of shootings is false.")
    assert (att["source"], att["cue"], att["content"]) == (
        "Donald Trump",
        "claim",
        ["that there have been thousands of shootings"],
    )


def test_a_doc_without_a_parse_is_refused_with_advice(nlp):
    from quotegraph.errors import ModelError

    with pytest.raises(ModelError, match="dependency parse"):
        find_attributions(nlp.make_doc("Kaplan said the deal was off."))
    assert find_attributions(nlp.make_doc("")) == []


def test_datelines_and_photo_credits_are_not_attributions(parse):
    text = "WASHINGTON (AP) — Donald Trump said Tuesday that he would win Ohio.\n\n(Photo: Mandel Ngan, AFP/Getty Images)"
    assert found(parse, text) == [
        {
            "type": "indirect",
            "content": ["that he would win Ohio"],
            "cue": "said",
            "source": "Donald Trump",
            "continues": None,
        }
    ]


def test_calling_for_takes_what_is_called_for(parse):
    [att] = found(parse, "Clinton is calling for the United States to take a stronger role in the conflict.")
    assert (att["source"], att["cue"]) == ("Clinton", "is calling for")
    assert att["content"] == ["the United States to take a stronger role in the conflict"]


def test_a_poll_shows(parse):
    [att] = found(parse, "A new poll shows that Sanders leads in New Hampshire.")
    assert (att["source"], att["cue"], att["content"]) == ("A new poll", "shows", ["that Sanders leads in New Hampshire"])


def test_source_keeps_its_relative_clause_but_not_a_timestamp_before_it(parse):
    [att] = found(parse, "Chris Cox, who runs the NRA’s lobbying arm, said the bill was a mistake.")
    assert att["source"] == "Chris Cox, who runs the NRA’s lobbying arm"
    [att] = found(parse, "11:15 a.m.\n\nFormer Florida Gov. Jeb Bush said he would stay in the race.")
    assert att["source"] == "Former Florida Gov. Jeb Bush"


# Quality pass on the bundled examples: one test per class of error found there.


def test_content_never_starts_inside_the_dateline(parse):
    text = (
        "LOS ANGELES (AP) — June 26, 2024 — Pop singer Dana Whitlock has filed for divorce, "
        "according to court documents obtained by TMZ."
    )
    [att] = found(parse, text)
    assert att["cue"] == "according to"
    assert att["content"] == ["Pop singer Dana Whitlock has filed for divorce"]
    text = "date 2024-02-29\nSoftware maker Brightlane will cut 400 jobs, the company said on Wednesday."
    [att] = found(parse, text)
    assert (att["content"], att["source"]) == (["Software maker Brightlane will cut 400 jobs"], "the company")


def test_a_relative_clause_in_the_source_does_not_split_the_quote(parse):
    text = (
        "“This is not a gift to a billionaire,” said Councilwoman Priya Raman, who wrote the final version "
        "of the deal, “it is an investment in a neighborhood.”"
    )
    [att] = found(parse, text)
    assert att["content"] == [
        "“This is not a gift to a billionaire,”",
        "“it is an investment in a neighborhood.”",
    ]
    assert (att["cue"], att["type"]) == ("said", "direct")


def test_a_channel_is_neither_the_content_nor_part_of_it(parse):
    [att] = found(parse, "Speaking on Fox Business, Blaine said he would push for amendments.")
    assert (att["cue"], att["content"]) == ("said", ["he would push for amendments"])
    [att] = found(parse, "Chef Aurelie Besson announced the closure on Instagram.")
    assert att["content"] == ["the closure"]


@pytest.mark.parametrize(
    "text",
    [
        "A Velto spokesperson declined to comment on Friday.",
        "The company did not respond to a request for comment from the newspaper.",
        "A senior aide, who was not authorized to discuss private negotiations, left early.",
    ],
)
def test_declining_to_comment_is_not_a_statement(parse, text):
    assert found(parse, text) == []


def test_asked_before_the_subject_is_a_question_put_to_them(parse):
    text = 'Asked whether he would work with Helena Strand again, Jayden Okafor laughed. "In a heartbeat," he said.'
    assert [(a["cue"], a["content"]) for a in found(parse, text)] == [("said", ['"In a heartbeat,"'])]


def test_a_title_in_quote_marks_with_nobody_speaking_is_not_a_quote(parse):
    assert found(parse, 'Jayden Okafor is done apologizing for "Harbor Lights."') == []


def test_indirect_content_stays_in_its_paragraph(parse):
    text = (
        "Headliner pulls out of Lakeshore Sound\n"
        "Singer Ivy Calloway has cancelled her set, the festival announced Thursday."
    )
    [att] = found(parse, text)
    assert att["content"] == ["Singer Ivy Calloway has cancelled her set"]


def test_and_said_pairs_with_the_nearer_reporting_verb(parse):
    text = (
        "The bill drew fire from Republicans, who called its provisions \"poison pills\" "
        "and warned that they would not supply the votes."
    )
    [warned] = [a for a in found(parse, text) if a["cue"] == "warned"]
    # The mention of Republicans (PolNeAR keeps a relative clause in the source), not "The bill".
    assert warned["source"].startswith("Republicans") and "bill" not in warned["source"]


def test_calling_something_a_quoted_name_keeps_both(parse):
    [att] = found(parse, 'Calloway had called the first draft "a betrayal of rural America."')
    assert (att["type"], att["content"]) == ("mixed", ['the first draft "a betrayal of rural America."'])


def test_subject_outside_the_quote_wins(parse):
    text = '"I read every review. Every single one," Okafor told host Rosa Quinn.'
    [att] = found(parse, text)
    assert (att["source"], att["cue"]) == ("Okafor", "told")


def test_the_one_urged_belongs_to_what_was_urged(parse):
    [att] = found(parse, "A spokesman for the port, Gregory Lam, urged workers to return.")
    assert (att["cue"], att["content"]) == ("urged", ["workers to return"])


def test_a_subject_split_by_the_parser_is_one_source(parse):
    [att] = found(parse, 'His co-star Hannah Voss told Variety that Ferreira was "the hardest worker."')
    assert att["source"] == "His co-star Hannah Voss"
