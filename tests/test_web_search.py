"""Search as a reader meets it, over the HTTP API and the pages: statements first, the act filter,
the matching words marked, every match downloadable (CSV, JSON lines), and a quote page to cite.

The store holds tests/web_samples.py's articles (no spaCy): two reports of one quote, the XSS
article, and three quotes about a bridge (a statement, a thought, a fragment).
"""

from __future__ import annotations

import csv
import io
import json
import warnings

import pytest

import web_samples
from quotegraph.io.writers import EXPORT_COLUMNS
from quotegraph.store import queries
from quotegraph.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns that it prefers httpx2 to httpx
    from fastapi.testclient import TestClient

ARTICLES = [web_samples.first_report(), web_samples.later_report(), web_samples.xss_article(), web_samples.acts_report()]
SAID, FEARS, TOURED = (q.id for q in web_samples.acts_report().quotes)
KAPLAN_FIRST = web_samples.first_report().quotes[0]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = web_samples.build_store(tmp_path_factory.mktemp("web-search") / "store.db", ARTICLES)
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def items(client, **params):
    return client.get("/api/quotes", params=params).json()["items"]


# -- ranking, acts, highlights -------------------------------------------------------------------


def test_statements_come_before_thoughts_and_fragments_come_last(client):
    found = items(client, q="bridge")
    assert [r["id"] for r in found] == [SAID, FEARS, TOURED]
    assert [(r["act"], r["fragment"]) for r in found] == [("speech", False), ("thought", False), ("other", True)]


def test_the_act_filter_takes_one_act_or_several(client):
    assert [r["id"] for r in items(client, q="bridge", act="thought")] == [FEARS]
    assert [r["id"] for r in items(client, q="bridge", act=["speech", "other"])] == [SAID, TOURED]
    assert [r["id"] for r in items(client, act="thought")] == [FEARS]  # without words too
    response = client.get("/api/quotes", params={"q": "bridge", "act": "sang"})
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "act.0"


def test_results_carry_the_ranges_of_the_matching_words(client):
    [row] = items(client, q='"court ignored"', act="speech", speaker="Laura Kaplan", outlet="Daily Planet")
    text = row["content"]["text"]
    assert [text[s:e] for s, e in row["highlights"]] == ["court ignored"]


def test_the_search_page_marks_the_words_and_escapes_them(client):
    html = client.get("/", params={"q": "bridge"}).text
    assert html.count("<mark>bridge</mark>") == 3
    assert html.index(SAID) < html.index(FEARS) < html.index(TOURED)
    assert 'class="result is-fragment"' in html and ">fragment</span>" in html
    html = client.get("/", params={"q": "pwned script"}).text  # the XSS quote: its words marked, as text
    assert "<mark>script</mark>" in html and "<mark>pwned</mark>" in html
    assert web_samples.XSS_SCRIPT not in html
    html = client.get("/", params={"q": "mallory"}).text  # a match in the speaker's name: marked, escaped
    assert "<mark>Mallory</mark> &lt;svg onload=" in html and web_samples.XSS_SPEAKER not in html
    html = client.get("/", params={"q": "okafor bridge"}).text
    assert html.count(">Daniel <mark>Okafor</mark></a>") == 3


def test_the_search_page_filters_by_act(client):
    html = client.get("/", params={"q": "bridge", "act": "thought"}).text
    assert FEARS in html and SAID not in html and TOURED not in html
    assert '<option value="thought" selected>thought</option>' in html
    response = client.get("/", params={"q": "bridge", "act": "sang"}, headers={"accept": "text/html"})
    assert response.status_code == 400 and "act must be one of" in response.text


# -- export ----------------------------------------------------------------------------------------


def test_the_search_page_links_downloads_of_the_current_search(client):
    html = client.get("/", params={"q": "bridge", "act": "thought", "outlet": "Riverton Gazette"}).text
    for fmt in ("csv", "jsonl"):
        assert f'href="/api/quotes.{fmt}?q=bridge&amp;outlet=Riverton+Gazette&amp;act=thought"' in html
    assert "quotes.csv" not in client.get("/", params={"q": "nothing-matches-this"}).text


def test_csv_export_has_every_match_with_speaker_act_channel_outlet_article_and_cluster(client):
    response = client.get("/api/quotes.csv", params={"q": "appeal"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="quotegraph-quotes.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert [r["quote_id"] for r in rows] == [r["id"] for r in items(client, q="appeal")]
    first = next(r for r in rows if r["quote_id"] == KAPLAN_FIRST.id)
    assert (first["speaker"], first["speaker_roles"], first["act"], first["fragment"]) == ("Laura Kaplan", "attorney", "speech", "0")
    assert (first["channel"], first["channel_kind"], first["date"]) == ("ET", "outlet", "2024-06-25")
    assert (first["outlet"], first["article_id"], first["article_url"]) == ("Daily Planet", "a-first", "https://planet.example/appeal")
    assert first["cluster_size"] == "2" and first["cluster_id"] == next(r for r in rows if r["quote_id"] != first["quote_id"])["cluster_id"]
    assert json.loads(first["content_spans"]) == [list(s) for s in KAPLAN_FIRST.content.spans]


def test_jsonl_export_is_the_api_rows_one_per_line_in_search_order(client):
    response = client.get("/api/quotes.jsonl", params={"q": "bridge"})
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    expected = items(client, q="bridge")
    assert lines == [{k: v for k, v in row.items() if k != "highlights"} for row in expected]


def test_an_export_is_not_capped_and_not_paged(client, monkeypatch):
    everything = client.get("/api/quotes.jsonl").text.splitlines()
    assert len(everything) == sum(len(a.quotes) for a in ARTICLES) == 8
    monkeypatch.setattr(queries, "SEARCH_CAP", 1)
    assert client.get("/api/quotes", params={"q": "bridge"}).json()["total_is_estimate"] is True
    assert len(client.get("/api/quotes.csv", params={"q": "bridge"}).text.splitlines()) == 1 + 3


def test_export_parameters_are_checked_before_the_first_byte(client):
    response = client.get("/api/quotes.csv", params={"since": "2024-13"})
    assert response.status_code == 422 and response.headers["content-type"] == "application/json"
    response = client.get("/api/quotes.jsonl", params={"since": "2024-07", "until": "2024-06"})
    assert response.status_code == 400 and "swap them" in response.json()["error"]["message"]
    assert client.get("/api/quotes.csv", params={"speaker": "nobody"}).text.splitlines() == [",".join(EXPORT_COLUMNS)]


def test_openapi_documents_act_and_the_streamed_formats(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"q", "act", "limit", "offset"} <= params
    for path, media in (("/api/quotes.csv", "text/csv"), ("/api/quotes.jsonl", "application/x-ndjson")):
        get = spec["paths"][path]["get"]
        assert media in get["responses"]["200"]["content"]
        assert {"q", "act", "speaker"} <= {p["name"] for p in get["parameters"]}
        assert "limit" not in {p["name"] for p in get["parameters"]}
    quote = spec["components"]["schemas"]["Quote"]["properties"]["act"]
    assert quote["enum"] == ["speech", "writing", "thought", "intention", "finding", "other"]


# -- the quote page ----------------------------------------------------------------------------------


def test_the_quote_page_says_who_to_whom_when_where_and_gives_a_citation(client):
    html = client.get(f"/quotes/{KAPLAN_FIRST.id}").text
    assert 'class="roles">attorney</span>' in html
    assert '<span class="channel" title="outlet">ET</span>' in html
    assert "<time>2024-06-25</time>" in html
    assert "<cite>Family to appeal ruling</cite></a> <span class=\"sep\">·</span> Daily Planet" in html
    assert 'href="https://planet.example/appeal"' in html
    citation = ("Laura Kaplan (attorney), to ET, 2024-06-25: “We will appeal the ruling because the court ignored "
                "the evidence we presented.” Reported in Daily Planet, “Family to appeal ruling”, 2024-06-26, "
                f"https://planet.example/appeal (quote {KAPLAN_FIRST.id}).")
    assert f'<p class="citation" id="citation">{citation}</p>' in html


def test_the_quote_page_marks_the_changed_words_of_every_later_appearance(client):
    html = client.get(f"/quotes/{KAPLAN_FIRST.id}").text
    assert "Later appearances (1)" in html
    later = html[html.index('<ol class="appearances">'):]
    assert '<mark class="diff">this</mark>' in later and "<del>the</del>" in later


def test_a_citation_names_an_unresolved_source_and_an_organisation():
    from quotegraph.web.data import citation

    row = {"id": "q1", "content": {"text": '"We decline to comment,"'}, "speaker": None, "source": {"text": "a spokesperson"},
           "channel": {"name": "a statement", "kind": "document"}, "date": None, "article": {"id": "a1"}}
    assert citation(row) == "a spokesperson, in a statement: “We decline to comment.” (quote q1)."
    row["speaker"] = {"name": "a spokesperson", "roles": [], "organization": "the court"}
    assert citation(row).startswith("a spokesperson (the court), in a statement:")


def test_the_article_page_lists_every_quote_with_its_act_fragments_included(client):
    html = client.get("/articles/a-bridge").text
    listed = html[html.index('<ol class="quotes">'):]
    assert [listed.index(f'id="quote-{q}"') for q in (SAID, FEARS, TOURED)] == sorted(
        listed.index(f'id="quote-{q}"') for q in (SAID, FEARS, TOURED))  # in text order, not ranked
    assert listed.count('<span class="act act-') == 3 and listed.count(">fragment</span>") == 1
