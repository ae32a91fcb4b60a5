"""Reading inputs and writing results: no spaCy pipeline needed here."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from quotegraph.errors import EmptyInput, InputError, MalformedRecord, NotText, QuotegraphError, TooLarge
from quotegraph.io import READERS, WRITERS, iter_articles, open_writer
from quotegraph.lang.dateline import dateline_date, dateline_end, normalise_date
from quotegraph.io.writers import CSV_COLUMNS, TextWriter, brat_name
from quotegraph.model import Article, Quote, Speaker, Channel, TextSpan, quote_id


def read(*paths, **kw):
    return list(iter_articles([str(p) for p in paths], **kw))


def only(records):
    assert len(records) == 1, records
    return records[0][1]


# ---- plain text ------------------------------------------------------------------------


def test_text_file_is_kept_exactly_as_read_crlf_and_leading_whitespace(tmp_path):
    raw = "  \r\nJune 26, 2024\r\n\r\n“We will appeal,” Kaplan said.\r\n"
    (tmp_path / "kaplan.txt").write_bytes(raw.encode("utf-8"))
    article = only(read(tmp_path / "kaplan.txt"))
    assert article.text == raw
    assert article.id == "kaplan"
    assert article.date == "2024-06-26"


def test_utf8_byte_order_mark_is_not_part_of_the_text(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfHello there, she said.")
    assert only(read(tmp_path / "bom.txt")).text == "Hello there, she said."


def test_utf16_with_a_byte_order_mark_is_text(tmp_path):
    (tmp_path / "win.txt").write_bytes("“Yes,” she said.\r\n".encode("utf-16"))
    assert only(read(tmp_path / "win.txt")).text == "“Yes,” she said.\r\n"


def test_invalid_utf8_is_replaced_and_warned_about(tmp_path, caplog):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owner Ana Ruiz said it was over.".encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="quotegraph.io"):
        article = only(read(tmp_path / "latin.txt"))
    assert article.text == "Caf\ufffd owner Ana Ruiz said it was over."
    assert "latin.txt: invalid UTF-8 at byte 3" in caplog.text


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(128, 256)) * 20],
    ids=["nul-bytes", "undecodable"],
)
def test_binary_file_is_not_text(tmp_path, data):
    (tmp_path / "photo.txt").write_bytes(data)
    error = only(read(tmp_path / "photo.txt"))
    assert isinstance(error, NotText)
    assert str(error).startswith(f"{tmp_path / 'photo.txt'}: binary data")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file_is_empty_input(tmp_path, data):
    (tmp_path / "blank.txt").write_bytes(data)
    assert isinstance(only(read(tmp_path / "blank.txt")), EmptyInput)


def test_file_over_the_size_limit_is_too_large_and_says_how_to_raise_it(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 300)
    error = only(read(tmp_path / "big.txt", max_bytes=1000))
    assert isinstance(error, TooLarge)
    assert str(error) == f"{tmp_path / 'big.txt'}: 1,500 bytes is over the 1,000 bytes limit; raise it with --max-bytes or split the input"
    assert isinstance(only(read(tmp_path / "big.txt", max_bytes=1500)), Article)


def test_missing_path_is_an_input_error_naming_it(tmp_path):
    error = only(read(tmp_path / "nope.txt"))
    assert type(error) is InputError
    assert str(error) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_file_with_unknown_extension_named_explicitly_is_read_as_text(tmp_path):
    (tmp_path / "README").write_text("Nothing to see, he said.")
    assert only(read(tmp_path / "README")).text == "Nothing to see, he said."


def test_stdin_is_read_as_one_text_article(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"date 2024-01-02\n\"Hi,\" she said.\n")))
    [(origin, article)] = list(iter_articles(["-"]))
    assert origin == "-"
    assert article.id == "stdin"
    assert article.text == 'date 2024-01-02\n"Hi," she said.\n'
    assert article.date == "2024-01-02"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_no_bytes_make_a_reader_raise(tmp_path, data, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    for origin, item in read(path, max_bytes=300):
        assert origin.startswith(str(path))
        assert isinstance(item, (Article, InputError))


# ---- JSONL -------------------------------------------------------------------------------


def test_jsonl_reads_each_line_and_reports_bad_lines_by_number(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "One, he said.", "date": "2024-06-26T10:00:00Z", "title": "T", "outlet": "Wire", "url": "https://x.example/1"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Jun. 4, 2024 — Two, she said."}),
    ]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    records = read(tmp_path / "wire.jsonl")
    where = str(tmp_path / "wire.jsonl")
    assert [origin for origin, _ in records] == [f"{where}:{n}" for n in (1, 2, 4, 5, 6, 7)]
    first, bad_json, not_object, no_text, blank, last = (item for _, item in records)
    assert (first.id, first.date, first.title, first.outlet, first.url) == ("a1", "2024-06-26", "T", "Wire", "https://x.example/1")
    assert isinstance(bad_json, MalformedRecord) and str(bad_json).startswith(f"{where}:2: not valid JSON")
    assert isinstance(not_object, MalformedRecord) and "expected a JSON object, got list" in str(not_object)
    assert isinstance(no_text, MalformedRecord) and '"text"' in str(no_text)
    assert isinstance(blank, EmptyInput)
    assert (last.id, last.date) == ("wire:7", "2024-06-04")


def test_jsonl_line_over_the_limit_is_skipped_alone(tmp_path):
    lines = [json.dumps({"text": "x" * 500}), json.dumps({"text": "Short, he said."})]
    (tmp_path / "w.jsonl").write_text("\n".join(lines) + "\n")
    (_, big), (_, ok) = read(tmp_path / "w.jsonl", max_bytes=100)
    assert isinstance(big, TooLarge) and big.line == 1
    assert ok.text == "Short, he said."


def test_empty_jsonl_file_is_empty_input(tmp_path):
    (tmp_path / "none.jsonl").write_text("\n\n")
    assert isinstance(only(read(tmp_path / "none.jsonl")), EmptyInput)


def test_bundled_jsonl_carries_its_metadata():
    records = read(EXAMPLES / "wire-briefs.jsonl")
    ids = [a.id for _, a in records]
    assert ids == ["wire-governor-veto", "wire-reality-star", "wire-port-strike"]
    port = records[2][1]
    assert port.date == "2024-08-09"  # no "date" field: taken from the dateline
    assert port.outlet == "Capitol Wire"


# ---- HTML --------------------------------------------------------------------------------


def test_html_page_gives_main_text_and_metadata_without_boilerplate():
    article = only(read(EXAMPLES / "festival-headliner.html"))
    assert article.id == "festival-headliner"
    assert article.title == "Festival headliner Ivy Calloway pulls out of Lakeshore Sound, citing vocal injury"
    assert article.outlet == "The Daily Marquee"
    assert article.date == "2024-07-18"
    assert article.url == "https://www.dailymarquee.example/music/2024/07/18/ivy-calloway-lakeshore-sound"
    assert "“I am devastated,” Calloway said" in article.text
    for boilerplate in ("cookies", "Accept all", "Privacy policy", "Related stories", "Newsletter"):
        assert boilerplate not in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Sign in | The Daily Marquee</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<main><form><label>Email</label><input name=email><button>Sign in</button></form></main>"
        "<footer><p>© 2024 The Daily Marquee Media Group. All rights reserved.</p></footer></body></html>",
    ],
    ids=["menu-only", "sign-in-page"],
)
def test_html_page_without_an_article_is_not_text(tmp_path, page):
    (tmp_path / "empty.html").write_text(page)
    error = only(read(tmp_path / "empty.html"))
    assert isinstance(error, NotText)
    assert "no article text" in str(error)


# ---- WARC --------------------------------------------------------------------------------


def test_warc_archive_pages_are_read_and_a_damaged_archive_is_one_error(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with (tmp_path / "crawl.warc.gz").open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = io.BytesIO((EXAMPLES / "festival-headliner.html").read_bytes())
        writer.write_record(writer.create_warc_record("https://marquee.example/calloway", "response", payload=page, http_headers=headers))
    (tmp_path / "broken.warc").write_bytes(b"this is not a WARC archive at all, just some bytes")
    (broken_origin, error), (origin, article) = read(tmp_path)  # sorted: broken.warc, crawl.warc.gz
    assert broken_origin == str(tmp_path / "broken.warc")
    assert isinstance(error, NotText) and "no HTML pages in the WARC archive" in str(error)
    assert origin == f"{tmp_path / 'crawl.warc.gz'}#1"
    assert article.url == "https://www.dailymarquee.example/music/2024/07/18/ivy-calloway-lakeshore-sound"  # the canonical URL
    assert "“I am devastated,” Calloway said" in article.text


def _crawl(path, pages: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (EXAMPLES / "festival-headliner.html").read_bytes()
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for n in range(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://marquee.example/{n}", "response",
                                                          payload=io.BytesIO(page), http_headers=headers))
    return path.read_bytes()


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_cut_short_in_a_page_gives_the_pages_before_and_says_where_it_ends(tmp_path, gz):
    whole = _crawl(tmp_path / "whole.warc", 3, gz)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole[: len(whole) * 5 // 6])  # in the middle of the third page
    records = read(cut)
    assert [type(a).__name__ for _, a in records] == ["Article", "Article", "NotText"]
    origin, error = records[-1]
    assert origin == f"{cut}#3"
    assert "cut short" in str(error) and "bytes before the page does" in str(error) and "NoneType" not in str(error)


def test_a_warc_cut_inside_its_first_record_header_says_so_in_words(tmp_path):
    cut = tmp_path / "cut.warc"
    cut.write_bytes(_crawl(tmp_path / "whole.warc", 1, False)[:100])
    [(origin, error)] = read(cut)
    assert origin == str(cut) and isinstance(error, NotText)
    assert str(error) == (f"{cut}: the WARC archive is damaged or cut short at its first record: "
                          "the next record cannot be read; re-download or re-crawl the file")


# ---- directories -------------------------------------------------------------------------


def test_directory_is_read_recursively_sorted_and_only_known_extensions(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two, he said.")
    (tmp_path / "a.txt").write_text("One, she said.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden.txt").write_text("Hidden, they said.")
    (tmp_path / "notes.md").write_text("# notes")
    assert [a.id for _, a in read(tmp_path)] == ["a", "two"]


def test_empty_directory_is_an_input_error(tmp_path):
    error = only(read(tmp_path))
    assert isinstance(error, InputError) and "no readable files" in str(error)


def test_bundled_examples_are_all_readable():
    records = read(EXAMPLES)
    assert all(isinstance(a, Article) for _, a in records)
    assert len(records) >= 8
    assert set(READERS) >= {".txt", ".html", ".htm", ".jsonl"}


# ---- datelines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, date",
    [
        ("date 2024-06-26\n\nThe senator said...", "2024-06-26"),
        ("June 26, 2024\nThe senator said...", "2024-06-26"),
        ("Jun. 26, 2024 — The senator said...", "2024-06-26"),
        ("2024-06-26\n", "2024-06-26"),
        ("26 June 2024\n", "2024-06-26"),
        ("WASHINGTON (AP) — June 26, 2024 — Senators said...", "2024-06-26"),
        ("SPRINGFIELD, Ill. — Sept. 4, 2024 — The council...", "2024-09-04"),
        ("The senator said on June 26, 2024 that she would run.", None),
        ("date 2024-02-30\n", None),
        ("Photo: June 26", None),
    ],
)
def test_dateline_date(text, date):
    assert dateline_date(text) == date


@pytest.mark.parametrize(
    "text, rest",
    [
        ("LOS ANGELES (AP) — June 26, 2024 — Pop singer Dana Whitlock", "Pop singer Dana Whitlock"),
        ("date 2024-06-26\n\nThe senator said", "\nThe senator said"),
        ("2024-09-12\r\nRiverton Mayor", "Riverton Mayor"),
        ("The senator said on June 26, 2024 that", "The senator said on June 26, 2024 that"),
    ],
)
def test_dateline_end_is_where_the_story_starts(text, rest):
    assert text[dateline_end(text) :] == rest


@pytest.mark.parametrize(
    "value, date",
    [("2024-06-26T10:00:00Z", "2024-06-26"), ("2024-06", "2024-06"), ("2024", "2024"), ("June 26, 2024", "2024-06-26"), ("soon", None), ("2024-13", None)],
)
def test_normalise_date(value, date):
    assert normalise_date(value) == date


# ---- writers -----------------------------------------------------------------------------

TEXT = "“We will appeal,” Kaplan told ET. “This is absurd.”\r\nHe added that it was late."


def kaplan_article() -> Article:
    content = TextSpan.from_offsets(TEXT, [(0, 17), (34, 51)])
    direct = Quote(
        id=quote_id("kaplan", content),
        content=content,
        cue=TextSpan.from_offsets(TEXT, [(25, 29)]),
        source=TextSpan.from_offsets(TEXT, [(18, 24)]),
        speaker=Speaker("Mark Vincent Kaplan"),
        channel=Channel("Entertainment Tonight", "outlet"),
        date="2024-06-25",
        date_basis="relative",
        type="direct",
        confidence=0.9,
        act="speech",
    )
    indirect_content = TextSpan.from_offsets(TEXT, [(62, 78)])
    indirect = Quote(
        id=quote_id("kaplan", indirect_content),
        content=indirect_content,
        cue=TextSpan.from_offsets(TEXT, [(56, 61)]),
        source=TextSpan.from_offsets(TEXT, [(53, 55)]),
    )
    return Article(text=TEXT, id="kaplan", date="2024-06-26", title="Kaplan vows appeal", quotes=(direct, indirect))


def written(format: str, *articles: Article) -> str:
    out = io.StringIO()
    writer = open_writer(format, stream=out)
    for article in articles:
        writer.write(article)
    writer.close()
    return out.getvalue()


def test_format_registry_names():
    assert list(WRITERS) == ["text", "json", "jsonl", "csv", "brat"]


def test_unknown_format_says_which_exist():
    with pytest.raises(QuotegraphError, match="choose one of: text, json, jsonl, csv, brat"):
        open_writer("yaml")


def test_json_is_one_object_per_input_one_after_the_other():
    out = written("json", kaplan_article(), Article(text="Nothing here.", id="empty"))
    decoder = json.JSONDecoder()
    first, end = decoder.raw_decode(out)
    second, _ = decoder.raw_decode(out, end + 1)
    assert first == kaplan_article().result()
    assert second == {"article": Article(text="Nothing here.", id="empty").to_dict(), "quotes": [], "entities": []}


def test_jsonl_is_one_result_per_line_and_round_trips():
    lines = written("jsonl", kaplan_article(), kaplan_article()).splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert Article.from_dict(record["article"], record["quotes"]) == kaplan_article()


def test_csv_has_one_row_per_quote_with_spans_as_json():
    rows = list(csv.DictReader(io.StringIO(written("csv", kaplan_article()))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 2
    first = rows[0]
    assert (first["speaker"], first["cue"], first["channel"], first["date"]) == ("Mark Vincent Kaplan", "told", "Entertainment Tonight", "2024-06-25")
    assert (first["act"], rows[1]["act"]) == ("speech", "other")
    assert json.loads(first["content_spans"]) == [[0, 17], [34, 51]]
    assert rows[1]["speaker"] == "" and rows[1]["source"] == "He"


def test_text_table_shows_speaker_or_unresolved_source_and_fits_the_width():
    out = written("text", kaplan_article(), Article(text="Nothing here.", id="empty"))
    lines = out.splitlines()
    assert lines[0] == "== kaplan · 2024-06-26 (2 quotes)"
    assert lines[1] == "   Kaplan vows appeal"
    assert lines[2].split() == ["SPEAKER", "CUE", "QUOTE", "CHANNEL", "DATE"]
    assert lines[3].startswith("Mark Vincent Kaplan    told         “We will appeal,” “This is absurd.”")
    assert lines[3].endswith("Entertainment… 2024-06-25")
    assert lines[4].startswith("(He)                   added        that it was late")
    assert "== empty (0 quotes)" in lines and "  (no quotes found)" in lines
    assert max(len(line) for line in lines) <= 100


def test_text_table_shortens_long_quotes_with_an_ellipsis():
    long_text = "She said " + "very " * 60 + "long."
    content = TextSpan.from_offsets(long_text, [(9, len(long_text))])
    article = Article(text=long_text, id="long", quotes=(Quote(id="q", content=content),))
    out = io.StringIO()
    writer = TextWriter(stream=out, width=80)
    writer.write(article)
    row = out.getvalue().splitlines()[2]
    assert len(row) <= 80 and "very very" in row and "…" in row


def test_brat_needs_an_output_folder():
    with pytest.raises(QuotegraphError, match="-o OUT"):
        open_writer("brat")


def test_brat_writes_the_text_byte_for_byte_and_an_ann_file(tmp_path):
    writer = open_writer("brat", str(tmp_path / "out"))
    writer.write(kaplan_article())
    writer.write(Article(text="x", id="wire:3"))
    writer.write(Article(text="y", id="wire:3"))
    writer.close()
    out = tmp_path / "out"
    assert (out / "kaplan.txt").read_bytes() == TEXT.encode("utf-8")
    ann = (out / "kaplan.ann").read_text()
    assert "\tContent 0 17;34 51\t“We will appeal,” “This is absurd.”\n" in ann
    assert ann.count("\nE") + ann.startswith("E") == 2  # one Attribution event per quote
    assert sorted(p.name for p in out.iterdir()) == ["kaplan.ann", "kaplan.txt", "wire_3-2.ann", "wire_3-2.txt", "wire_3.ann", "wire_3.txt"]


def test_brat_name_is_safe_on_any_file_system():
    assert brat_name("wire-briefs:2") == "wire-briefs_2"
    assert brat_name("../../etc/passwd") == "etc_passwd"
