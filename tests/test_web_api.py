"""The HTTP API, through an in-process client against a small hand-made store.

Every error, whatever its cause, has one JSON shape:
``{"error": {"status": ..., "code": ..., "message": ...}}`` and never a traceback.
"""

from __future__ import annotations

import shutil
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

import web_samples
from quotegraph.web import create_app
from quotegraph.web.app import ConfigError

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns that it prefers httpx2 to httpx
    from fastapi.testclient import TestClient

FIRST = web_samples.first_report()
LATER = web_samples.later_report()
XSS = web_samples.xss_article()
KAPLAN_FIRST, OKAFOR_Q = FIRST.quotes
KAPLAN_LATER = LATER.quotes[0]
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return web_samples.build_store(tmp_path_factory.mktemp("web") / "store.db")


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def writable(store_path, tmp_path):
    path = tmp_path / "writable.db"
    shutil.copy(store_path, path)
    with TestClient(create_app(path, write=True, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def assert_error(response, status: int) -> dict:
    """The one error shape, with the HTTP status repeated in the body and no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return error


# --- GET /api/quotes -------------------------------------------------------------------------


def test_search_finds_both_reports_of_a_quote_with_speaker_and_article(client):
    page = client.get("/api/quotes", params={"q": "appeal"}).json()
    assert page["total"] == 2
    assert {row["id"] for row in page["items"]} == {KAPLAN_FIRST.id, KAPLAN_LATER.id}
    row = next(r for r in page["items"] if r["id"] == KAPLAN_FIRST.id)
    assert row["speaker"]["name"] == "Laura Kaplan"
    assert isinstance(row["speaker_id"], int)
    assert row["channel"] == {"name": "ET", "kind": "outlet"}
    assert row["article"]["outlet"] == "Daily Planet"
    assert row["cluster"]["size"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"outlet": "Morning Post"}, {KAPLAN_LATER.id}),
        ({"type": "indirect", "q": "city"}, {OKAFOR_Q.id}),
        ({"speaker": "Kaplan"}, {KAPLAN_FIRST.id, KAPLAN_LATER.id}),
        ({"channel": "ET"}, {KAPLAN_FIRST.id}),
        ({"since": "2024-06-26", "until": "2024-07"}, {OKAFOR_Q.id, KAPLAN_LATER.id}),
        ({"q": "nothing-like-this"}, set()),
    ],
)
def test_search_filters(client, params, expected):
    page = client.get("/api/quotes", params=params).json()
    assert {row["id"] for row in page["items"]} == expected
    assert page["total"] == len(expected)


def test_search_sorts_oldest_and_newest(client):
    oldest = client.get("/api/quotes", params={"sort": "oldest"}).json()["items"]
    newest = client.get("/api/quotes", params={"sort": "newest"}).json()["items"]
    assert oldest[0]["id"] == KAPLAN_FIRST.id  # 2024-06-25
    assert [r["id"] for r in newest] == [r["id"] for r in oldest][::-1]


def test_search_pages_follow_next_links_to_the_end(client):
    seen, url = [], "/api/quotes?limit=2&sort=oldest"
    while url:
        page = client.get(url).json()
        assert page["total"] == 5 and page["limit"] == 2
        seen += [r["id"] for r in page["items"]]
        url = page["next"]
    assert len(seen) == 5 == len(set(seen))


def test_query_syntax_from_users_is_searched_as_words_not_run(client):
    for q in ['"unbalanced', "appeal OR ruling NEAR(", "*", "a'; DROP TABLE quotes; --"]:
        response = client.get("/api/quotes", params={"q": q})
        assert response.status_code == 200, (q, response.text)
    assert client.get("/api/quotes", params={"q": "appeal"}).json()["total"] == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": 10_001}, "offset"),
        ({"offset": -1}, "offset"),
        ({"since": "2024-13"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"type": "rumour"}, "type"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_search_parameters_are_422_naming_the_field(client, params, field):
    error = assert_error(client.get("/api/quotes", params=params), 422)
    assert error["code"] == "invalid_parameter"
    assert [d["field"] for d in error["details"]] == [field]
    assert field in error["message"]


def test_since_after_until_is_400(client):
    error = assert_error(client.get("/api/quotes", params={"since": "2024-08", "until": "2024-06-30"}), 400)
    assert "swap" in error["message"]


# --- GET /api/quotes/{id} ----------------------------------------------------------------------


def test_quote_has_provenance_with_first_and_differing_later_report(client):
    quote = client.get(f"/api/quotes/{KAPLAN_LATER.id}").json()
    assert quote["content"]["text"] == KAPLAN_LATER.content.text
    first, later = quote["provenance"]["appearances"]
    assert (first["quote_id"], first["first"], first["article"]["outlet"]) == (KAPLAN_FIRST.id, True, "Daily Planet")
    assert (later["quote_id"], later["differs"], later["removed"], later["added"]) == (KAPLAN_LATER.id, True, ["the"], ["this"])


def test_quote_reported_once_has_a_single_appearance(client):
    quote = client.get(f"/api/quotes/{OKAFOR_Q.id}").json()
    assert [a["quote_id"] for a in quote["provenance"]["appearances"]] == [OKAFOR_Q.id]


@pytest.mark.parametrize(
    "url",
    ["/api/quotes/q0000000000000000", "/api/speakers/999", "/api/speakers/abc", "/api/speakers/99999999999999999999999",
     "/api/articles/no-such-article", "/api/nothing-here"],
)
def test_unknown_ids_are_404(client, url):
    error = assert_error(client.get(url), 404)
    assert error["code"] == "not_found"


# --- speakers and articles -----------------------------------------------------------------------


def test_speakers_list_most_quoted_first_and_filter_by_name(client):
    page = client.get("/api/speakers").json()
    assert page["total"] == 3
    assert page["items"][-1]["name"] == "Daniel Okafor"  # one quote; the others have two
    found = client.get("/api/speakers", params={"q": "kaplan"}).json()
    assert [s["name"] for s in found["items"]] == ["Laura Kaplan"]
    assert_error(client.get("/api/speakers", params={"limit": 500}), 422)


def test_speaker_has_aliases_roles_and_counts_per_outlet_and_month(client):
    sid = client.get("/api/speakers", params={"q": "kaplan"}).json()["items"][0]["id"]
    speaker = client.get(f"/api/speakers/{sid}").json()
    assert {a["alias"] for a in speaker["aliases"]} == {"Laura Kaplan", "Kaplan"}
    assert [r["role"] for r in speaker["roles"]] == ["attorney"]
    assert {o["outlet"]: o["n"] for o in speaker["outlets"]} == {"Daily Planet": 1, "Morning Post": 1}
    assert speaker["months"] == [{"month": "2024-06", "n": 1}, {"month": "2024-07", "n": 1}]
    assert speaker["months_by_outlet"] == [
        {"month": "2024-06", "outlet": "Daily Planet", "n": 1},
        {"month": "2024-07", "outlet": "Morning Post", "n": 1},
    ]


def test_article_has_text_and_spans_that_read_back(client):
    article = client.get("/api/articles/a-first").json()
    assert article["text"] == FIRST.text
    assert [q["id"] for q in article["quotes"]] == [KAPLAN_FIRST.id, OKAFOR_Q.id]
    for quote in article["quotes"]:
        for role in ("content", "cue", "source"):
            span = quote[role]
            assert " ".join(article["text"][s:e] for s, e in span["spans"]) == span["text"]


# --- POST /api/extract -------------------------------------------------------------------------


def test_extract_text_returns_the_cli_json_and_stores_nothing(client, nlp):
    import quotegraph

    text = '"We will appeal," Kaplan told ET on Tuesday.'
    response = client.post("/api/extract", json={"text": text, "date": "2024-06-26", "outlet": "Daily Planet"})
    assert response.status_code == 200, response.text
    expected = quotegraph.extract(text, date="2024-06-26", outlet="Daily Planet").result()
    assert response.json() == expected
    assert any(q["content"]["text"] == '"We will appeal,"' for q in response.json()["quotes"])
    assert client.get(f"/api/articles/{expected['article']['id']}").status_code == 404


def test_extract_while_another_runs_waits_then_is_503_with_retry_after(client, monkeypatch):
    """Extractions run one at a time; a queued one gives up (and frees its thread for readers)."""
    from quotegraph.web import extracting

    monkeypatch.setattr(extracting, "EXTRACT_WAIT_S", 0.2)
    lock = client.app.state.web.extract_lock
    assert lock.acquire(timeout=5)  # as if a long extraction were running
    try:
        response = client.post("/api/extract", json={"text": "She said it was over."})
    finally:
        lock.release()
    body = assert_error(response, 503)
    assert "another extraction" in body["message"] and response.headers["retry-after"] == "5"
    assert client.get("/api/quotes", params={"q": "appeal"}).status_code == 200


def test_extract_html_reads_the_page_text_and_title(client, nlp):
    page = (
        "<html><head><title>Appeal news</title></head><body><nav>Home | Sport</nav><article>"
        '<p>"We will appeal the decision," Laura Kaplan told reporters on Tuesday in the courthouse.</p>'
        "</article></body></html>"
    )
    result = client.post("/api/extract", json={"html": page}).json()
    assert result["article"]["title"] == "Appeal news"
    assert result["article"]["text"].startswith('"We will appeal the decision,"')
    assert "Home | Sport" not in result["article"]["text"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": "   \n "}, 400),
        ({"html": "<html><body><nav>Home</nav></body></html>"}, 400),
        ({"text": "a", "html": "<p>b</p>"}, 422),
        ({}, 422),
        ({"text": "a", "colour": "red"}, 422),
        ({"text": 42}, 422),
        ({"text": "a", "date": "26/06/2024"}, 422),
    ],
)
def test_extract_refuses_bad_input(client, body, status):
    assert_error(client.post("/api/extract", json=body), status)


def test_extract_refuses_a_body_that_is_not_json(client):
    error = assert_error(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}), 422)
    assert error["details"][0]["field"] == "body"


# --- limits ------------------------------------------------------------------------------------


def test_body_over_the_cap_is_413_whether_declared_or_chunked(store_path):
    with TestClient(create_app(store_path, max_body=1_000), raise_server_exceptions=False) as small:
        error = assert_error(small.post("/api/extract", json={"text": "x" * 2_000}), 413)
        assert "--max-body" in error["message"]

        def chunks():
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        assert_error(small.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}), 413)


# --- POST /api/articles ------------------------------------------------------------------------


def _record(article) -> dict:
    return {"article": article.to_dict(), "quotes": [q.to_dict() for q in article.quotes]}


NEW = web_samples.Article(
    text='"Trains will run all night," Daniel Okafor said.',
    id="a-new",
    date="2024-09-01",
    outlet="Daily Planet",
)


def test_writes_are_refused_by_a_read_only_server(client):
    error = assert_error(client.post("/api/articles", json=_record(NEW), headers={"Authorization": f"Bearer {TOKEN}"}), 403)
    assert "--write" in error["message"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Basic abc"}, 401), ({"Authorization": "Bearer"}, 401),
     ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": f"Bearer {TOKEN}x"}, 403)],
)
def test_writes_need_the_right_bearer_token(writable, headers, status):
    response = writable.post("/api/articles", json=_record(NEW), headers=headers)
    assert_error(response, status)
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/articles/a-new").status_code == 404


def test_auth_is_checked_before_the_body(writable):
    assert_error(writable.post("/api/articles", json={"junk": True}), 401)


def test_a_stored_record_is_served_and_storing_it_again_changes_nothing(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = NEW.text
    content = web_samples.TextSpan('"Trains will run all night,"', ((0, 28),))
    quote = web_samples.Quote(id="q-new", content=content, speaker=web_samples.OKAFOR, type="direct", date="2024-09-01")
    record = _record(NEW.with_quotes([quote]))
    first = writable.post("/api/articles", json=record, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json() == {"id": "a-new", "created": True, "quotes": 1}
    assert writable.get("/api/articles/a-new").json()["text"] == text
    assert writable.get("/api/quotes/q-new").json()["speaker"]["name"] == "Daniel Okafor"
    again = writable.post("/api/articles", json=record, headers=auth)
    assert again.json() == {"id": "a-new", "created": False, "quotes": 1}


def test_a_record_whose_offsets_do_not_read_back_is_400(writable):
    record = _record(NEW)
    record["quotes"] = [{"id": "q-bad", "content": {"text": "Trains", "spans": [[5, 11]]}}]
    error = assert_error(writable.post("/api/articles", json=record, headers={"Authorization": f"Bearer {TOKEN}"}), 400)
    assert "do not read back" in error["message"]


def test_an_article_can_be_extracted_and_stored_in_one_call(writable, nlp):
    body = {"extract": {"text": '"Trains will run all night," Daniel Okafor said on Monday.', "date": "2024-09-02"}}
    response = writable.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    stored = writable.get(f"/api/articles/{response.json()['id']}").json()
    assert stored["date"] == "2024-09-02"
    assert len(stored["quotes"]) == response.json()["quotes"] >= 1


def test_write_mode_without_a_token_refuses_to_start(store_path):
    with pytest.raises(ConfigError, match="token"):
        create_app(store_path, write=True)


# --- failures, headers, static files, OpenAPI ------------------------------------------------------


def test_an_unexpected_failure_is_a_bare_500(store_path, monkeypatch):
    from quotegraph.store import Store

    def boom(self, *args, **kwargs):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(Store, "get_article", boom)
    with TestClient(create_app(store_path), raise_server_exceptions=False) as c:
        response = c.get("/api/articles/a-first")
    error = assert_error(response, 500)
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert "server log" in error["message"]


def test_a_missing_database_is_503_saying_how_to_build_one(tmp_path):
    with TestClient(create_app(tmp_path / "absent.db"), raise_server_exceptions=False) as c:
        error = assert_error(c.get("/api/quotes"), 503)
    assert "quotegraph ingest" in error["message"]
    assert not (tmp_path / "absent.db").exists()  # read-only: never created


def test_every_response_carries_a_strict_content_security_policy(client):
    for url in ("/", "/api/quotes", "/api/quotes/nope", "/static/style.css", "/openapi.json"):
        csp = client.get(url).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    headers = client.get("/").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "url", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fstore/db.py",
            "/static//etc/passwd", "/static/missing.css"],
)
def test_static_files_cannot_reach_outside_their_folder(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_static_files_are_served(client):
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))


def test_a_wrong_method_is_405_in_the_same_shape(client):
    assert_error(client.post("/api/quotes"), 405)
    assert_error(client.delete("/api/articles/a-first"), 405)


def test_openapi_documents_every_api_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/quotes", "/api/quotes.csv", "/api/quotes.jsonl", "/api/quotes/{quote_id}", "/api/speakers",
        "/api/speakers/{speaker_id}", "/api/articles/{article_id}", "/api/extract", "/api/articles",
    }
    assert set(paths["/api/articles"]) == {"post"}


# --- pages ---------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every start tag with its attributes, to look for anything injected."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _injected(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.tags:
        if tag in ("img", "iframe", "object", "embed", "b") or (tag == "svg" and attrs.get("role") != "img"):
            problems.append(f"<{tag}>")  # our own charts are <svg role="img">
        if tag == "script" and attrs.get("src") != "/static/app.js":
            problems.append("<script>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("autofocus", "style"):
                problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                problems.append(f"{tag}[{name}=javascript:]")
    return problems


@pytest.mark.parametrize("page", ["/articles/a-xss", "/?q=pwned", "/speakers", "/?q=fine"])
def test_payloads_in_quotes_speakers_titles_and_urls_are_escaped_in_pages(client, page):
    html = client.get(page, headers={"accept": "text/html"}).text
    assert _injected(html) == []
    assert web_samples.XSS_SCRIPT not in html and web_samples.XSS_IMG not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html or "&lt;svg" in html


def test_payload_speaker_and_quote_pages_are_escaped(client):
    rows = client.get("/api/quotes", params={"q": "fine"}).json()["items"]
    assert rows, "the XSS article's second quote is searchable"
    for url in (f"/speakers/{rows[0]['speaker_id']}", f"/quotes/{rows[0]['id']}"):
        html = client.get(url, headers={"accept": "text/html"}).text
        assert _injected(html) == [], url
        assert "&lt;svg onload=" in html


def test_article_page_highlights_each_role_and_links_sources_to_speakers(client):
    html = client.get("/articles/a-first", headers={"accept": "text/html"}).text
    parser = _Tags()
    parser.feed(html)
    marks = [(t, a) for t, a in parser.tags if "qg" in (a.get("class") or "").split() and a.get("data-q")]
    classes = {c for _, a in marks for c in a["class"].split()}
    assert {"qg-content", "qg-cue", "qg-source"} <= classes
    sources = [(t, a) for t, a in marks if "qg-source" in a["class"]]
    assert all(t == "a" and a["href"].startswith("/speakers/") for t, a in sources)
    focusable = [a for _, a in marks if a.get("tabindex") == "0"]
    assert {a["aria-describedby"] for a in focusable} == {f"tip-{KAPLAN_FIRST.id}", f"tip-{OKAFOR_Q.id}"}
    assert "Laura Kaplan · ET · 2024-06-25" in html


def test_pages_answer_unknown_ids_and_bad_parameters_with_an_html_error(client):
    missing = client.get("/quotes/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "no quote with id" in missing.text
    bad = client.get("/?since=June", headers={"accept": "text/html"})
    assert bad.status_code == 400 and "since must be a date" in bad.text
    assert client.get("/?since=2024-06", headers={"accept": "text/html"}).status_code == 200
    assert client.get("/?offset=99999", headers={"accept": "text/html"}).status_code == 400


def test_try_page_without_javascript_posts_the_form(client, nlp):
    html = client.post("/try", data={"text": '"We will appeal," Kaplan told ET on Tuesday.'}).text
    assert 'class="qg qg-content"' in html and "Kaplan" in html
    assert client.post("/try", data={"text": " "}, headers={"accept": "text/html"}).status_code == 400


# --- the serve command --------------------------------------------------------------------------------


def test_serve_refuses_write_without_token_and_a_missing_database(tmp_path, store_path, capsys, monkeypatch):
    from quotegraph.cli import main

    monkeypatch.delenv("QG_TEST_TOKEN", raising=False)
    assert main(["serve", "--db", str(tmp_path / "absent.db")]) == 1
    assert main(["serve", "--db", str(store_path), "--write"]) == 1
    assert main(["serve", "--db", str(store_path), "--write", "--token-env", "QG_TEST_TOKEN"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("quotegraph: error: ") for line in err)
    assert "ingest" in err[0] and "token" in err[1] and "QG_TEST_TOKEN" in err[2]


@pytest.mark.slow
def test_serve_with_two_worker_processes_answers_from_each_settings_included(store_path, tmp_path):
    """`serve --workers 2` hands its settings to every worker: both answer, read-only as asked."""
    import http.client
    import json
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "quotegraph", "serve", "--db", str(store_path), "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        answers = []
        while time.monotonic() < deadline and len(answers) < 20:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/quotes?q=appeal")
                response = conn.getresponse()
                answers.append((response.status, json.loads(response.read())))
                conn.close()
            except (ConnectionError, OSError):
                time.sleep(0.3)
        assert len(answers) == 20 and all(status == 200 for status, _ in answers)
        assert answers[0][1]["total"] == answers[-1][1]["total"] > 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("POST", "/api/articles", body=b'{"text": "x"}', headers={"Content-Type": "application/json"})
        assert conn.getresponse().status in (403, 405)  # started without --write
    finally:
        server.terminate()
        server.wait(15)


# --- entities (who is who in the article) ---------------------------------------------------------


@pytest.fixture(scope="module")
def entity_client(tmp_path_factory):
    path = web_samples.build_store(tmp_path_factory.mktemp("entities") / "store.db", [web_samples.entity_report()])
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def test_an_article_comes_with_its_entities_and_quotes_with_their_speakers_entity(entity_client):
    article = entity_client.get("/api/articles/a-entities").json()
    kaplan, spokesperson = article["entities"]
    assert (kaplan["id"], kaplan["name"], kaplan["kind"]) == ("e1", "Mark Vincent Kaplan", "person")
    assert [(m["text"], m["form"]) for m in kaplan["mentions"]] == [
        ("An attorney for the singer's former husband", "description"), ("Mark Vincent Kaplan", "name"), ("He", "pronoun")]
    for mention in kaplan["mentions"]:
        [[s, e]] = mention["spans"]
        assert article["text"][s:e] == mention["text"]
    assert (spokesperson["kind"], spokesperson["organization"]) == ("unnamed", "the court")
    first, *_, unresolved = article["quotes"]
    assert {k: first["speaker"][k] for k in ("entity", "organization", "confidence")} == {
        "entity": "e1", "organization": None, "confidence": 0.8}
    assert (unresolved["speaker"], unresolved["speaker_candidates"]) == (None, ["e1", "e2"])


def test_openapi_describes_entities_and_the_speakers_entity(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    article = client.get("/openapi.json").json()["paths"]["/api/articles/{article_id}"]["get"]["responses"]["200"]
    assert article["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/StoredArticle"}
    assert {"entities", "blockquotes", "quotes", "id", "date", "title", "outlet", "url"} <= set(schemas["StoredArticle"]["properties"])
    assert {"entity", "organization", "confidence"} <= set(schemas["Speaker"]["properties"])
    assert "speaker_candidates" in schemas["Quote"]["properties"]
    assert set(schemas["Mention"]["properties"]) == {"text", "spans", "form"}


def test_article_page_marks_every_mention_with_its_entity_and_each_quote_with_its_speakers(entity_client):
    html = entity_client.get("/articles/a-entities", headers={"accept": "text/html"}).text
    parser = _Tags()
    parser.feed(html)
    mentioned = [a for _, a in parser.tags if a.get("data-e")]
    assert [a["data-e"] for a in mentioned] == ["e1", "e1", "e1", "e2"]
    assert all("qg-mention" in a["class"].split() for a in mentioned)
    items = {a["id"]: a.get("data-entity") for t, a in parser.tags if t == "li" and a.get("id", "").startswith("quote-")}
    assert list(items.values()) == ["e1", "e1", "e1", None]  # the unresolved quote names no entity
