"""quotegraph on Spark (local mode): same quotes as one machine, same corpus rules as the store.

One SparkSession (local[2], small memory, 2 shuffle partitions, no UI) and one
extraction run over a mixed input folder serve most tests.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs a Java runtime (java on PATH or JAVA_HOME)", allow_module_level=True)

from quotegraph.api import extract_many  # noqa: E402
from quotegraph.cli import main  # noqa: E402
from quotegraph.io import iter_articles  # noqa: E402
from quotegraph.model import Article, Quote, Speaker, TextSpan, check_offsets, quote_id  # noqa: E402

# Slow too: a Spark session takes half a minute to start, and most tests run the real pipeline in it.
pytestmark = [pytest.mark.spark, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Short articles written for these tests: direct, indirect and multi-paragraph
# quotes, curly quote marks, CRLF line ends, leading whitespace, non-ASCII names.
EXTRA = [
    {"id": "x-appeal", "date": "2024-06-26", "outlet": "ET", "text": '"We will appeal," Kaplan told ET on Tuesday.'},
    {"id": "x-mayor", "text": "The mayor said the budget was balanced. “We kept every promise,” she added."},
    {"id": "x-crlf", "date": "2024-01-09", "text": "Coach Dana Ruiz said on Monday:\r\n\r\n\"We played scared.\"\r\nShe did not take questions."},
    {"id": "x-lead-ws", "text": "   \n\n  Senator Alvaro Mendes warned that the bill \"will not pass this year.\""},
    {"id": "x-unicode", "text": "« C'est fini », a déclaré Zoë Ørsted. Ørsted later told reporters she was \"done with politics.\""},
    {"id": "x-indirect", "text": "Police Chief Maria Olsen said officers had arrested two men near the harbor on Friday."},
    {"id": "x-multi", "text": "\"The river is rising,\" said hydrologist Tomas Berg.\n\n\"We expect the crest on Sunday. Everyone on Dock Street should leave.\"\n\nBerg spoke at a news conference."},
    {"id": "x-tweet", "date": "2023-11-02", "text": "In a post on X, Governor Lena Park wrote that the state \"will not back down.\""},
    {"id": "x-spokes", "text": "A spokesperson for Acme Corp. said the company \"regrets the error\" and would refund customers."},
    {"id": "x-none", "text": "The museum reopens on Saturday after a two-year renovation of its east wing."},
    {"id": "x-according", "text": "According to the report, unemployment fell to 3.9 percent in May, economist Ravi Shah said."},
    {"id": "x-question", "text": "\"Why now?\" asked Councilwoman Ada Brooks. \"Why not last year, when we asked?\""},
    {"id": "x-told", "date": "2022-03-15", "text": "Smith told The Herald that he \"never saw the letter\" before March."},
    {"id": "x-statement", "text": "In a statement, the Ministry of Health said the outbreak was \"under control.\""},
    {"id": "x-nested", "text": "\"He told me, 'Don't worry about it,'\" recalled witness Jo Lane."},
]


@pytest.fixture(scope="session")
def spark():
    from quotegraph.spark.session import get_session

    session = get_session(
        "local[2]",
        app_name="quotegraph-tests",
        conf={
            "spark.driver.memory": "1g",
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
        },
    )
    yield session
    session.stop()


def _warc(path: Path, pages: list[tuple[str, int, str, bytes]]) -> None:
    """A WARC file of HTTP responses (url, status, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, status, ctype, body in pages:
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


ARTICLE_HTML = (
    b"<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
    b"<p>Dock workers returned to work on Monday after a nine-day strike that halted shipping along the coast.</p>"
    b"<p>\"This is a fair deal for every family on the waterfront,\" union leader Marta Quist said at the gate.</p>"
    b"<p>The port authority said cargo would move normally again by the end of the week, and shippers welcomed it.</p>"
    b"</article></body></html>"
)
GZIPPED = {"id": "gz-1", "date": "June 3, 2024", "text": '"Ship it," said editor Nell Ames.'}
HUGE_TEXT = "word " * 220_000  # 1.1 M characters: over spaCy's max_length, under the 5 MB reader limit


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A folder mixing every file input: the bundled examples, hand-written JSONL, bad records, WARC."""
    root = tmp_path_factory.mktemp("corpus")
    for path in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.jsonl")):
        shutil.copy(path, root / path.name)
    (root / "extra.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in EXTRA) + "\n", encoding="utf-8")
    bad = [
        json.dumps({"id": "ok-before", "text": "\"Fine,\" said Ann Lee."}),
        "this line is not JSON",
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "no-text", "title": "headline only"}),
        json.dumps({"id": "huge", "text": HUGE_TEXT}),
        json.dumps({"id": "ok-after", "text": "\"Also fine,\" said Bo Kim."}),
    ]
    (root / "bad.jsonl").write_text("\n".join(bad) + "\n", encoding="utf-8")
    _warc(
        root / "crawl.warc",
        [
            ("https://news.example/port", 200, "text/html; charset=utf-8", ARTICLE_HTML),
            ("https://news.example/logo.png", 200, "image/png", b"\x89PNG..."),
            ("https://news.example/nav", 200, "text/html", b"<html><body><a href='/'>Home</a></body></html>"),
        ],
    )
    (root / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not a gzip stream at all")
    # Gzipped JSONL: Spark reads it (quotegraph extract does not read .gz).
    (root / "more.jsonl.gz").write_bytes(gzip.compress(json.dumps(GZIPPED).encode("utf-8") + b"\n"))
    return root


@pytest.fixture(scope="session")
def extracted(spark, corpus, tmp_path_factory) -> Path:
    """The corpus extracted on Spark through the CLI: OUTPUT with articles/, quotes/, status/."""
    out = tmp_path_factory.mktemp("spark") / "out"
    assert main(["spark", "extract", str(corpus), str(out), "--master", "local[2]", "--partitions", "3"]) == 0
    return out


def _read(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _spark_articles(out: Path) -> dict[str, Article]:
    return {r["id"]: Article.from_dict(r, r["quotes"]) for r in _read(out / "articles") if r["status"] == "ok"}


def test_spark_quotes_are_the_single_machine_quotes(extracted, corpus):
    records = list(iter_articles([str(corpus)]))
    readable = [a for _, a in records if isinstance(a, Article) and a.id != "huge"]
    assert len(readable) >= 25
    local = {a.id: a for a in extract_many(readable)}
    remote = _spark_articles(extracted)
    assert set(remote) == set(local) | {"gz-1"}
    gz = next(extract_many([Article(text=GZIPPED["text"], id="gz-1", date="2024-06-03")]))
    assert (remote["gz-1"].date, [q.to_dict() for q in remote["gz-1"].quotes]) == (gz.date, [q.to_dict() for q in gz.quotes])
    assert sum(len(a.quotes) for a in local.values()) > 50
    for article_id, article in local.items():
        assert [q.to_dict() for q in remote[article_id].quotes] == [q.to_dict() for q in article.quotes], article_id
        assert (remote[article_id].date, remote[article_id].outlet) == (article.date, article.outlet)
        check_offsets(remote[article_id])


def test_quotes_table_has_one_row_per_quote_with_every_field(extracted):
    rows = _read(extracted / "quotes")
    articles = _spark_articles(extracted)
    assert len(rows) == sum(len(a.quotes) for a in articles.values())
    row = next(r for r in rows if r["article_id"] == "x-appeal")
    assert row["article_date"] == "2024-06-26" and row["article_outlet"] == "ET"
    assert "We will appeal" in row["content"]["text"]
    assert row["act"] == "speech"  # "told ET"
    tweet = next(r for r in rows if r["article_id"] == "x-tweet")
    assert tweet["act"] == "writing"  # "In a post on X, … wrote"
    [[start, end]] = row["content"]["spans"]  # [start, end] character offsets into the article text
    assert EXTRA[0]["text"][start:end] == row["content"]["text"]
    quote_fields = set(Quote.from_dict(row).to_dict())
    assert quote_fields <= set(row)  # id, type, content, cue, source, speaker, channel, date, date_basis, confidence
    for r in rows:
        assert Quote.from_dict(r).to_dict() == next(q for q in articles[r["article_id"]].quotes if q.id == r["id"]).to_dict()


def test_bad_records_are_reported_and_the_job_goes_on(extracted):
    status = {(r["origin"].split("/")[-1]): r for r in _read(extracted / "status")}
    assert status["bad.jsonl:1"]["status"] == "ok" and status["bad.jsonl:6"]["status"] == "ok"
    assert status["bad.jsonl:2"]["reason"].startswith("MalformedRecord: not valid JSON")
    assert status["bad.jsonl:3"]["reason"].startswith("EmptyInput")
    assert status["bad.jsonl:4"]["reason"].startswith("MalformedRecord")
    # Readable, but spaCy refuses it (over nlp.max_length): only this record fails.
    huge = status["bad.jsonl:5"]
    assert (huge["id"], huge["status"]) == ("huge", "failed") and "E088" in huge["reason"]
    broken = [r for k, r in status.items() if k.startswith("broken.warc.gz")]
    assert len(broken) == 1 and broken[0]["status"] == "failed" and broken[0]["reason"].startswith("NotText")
    assert all(r["status"] == "ok" for k, r in status.items() if k.split(":")[0].endswith((".txt", "extra.jsonl")))


def test_warc_pages_become_articles_and_other_pages_are_reported(extracted):
    status = [r for r in _read(extracted / "status") if "crawl.warc" in r["origin"]]
    assert sorted(r["status"] for r in status) == ["failed", "ok"]  # the article page; the navigation page
    article = next(a for a in _spark_articles(extracted).values() if a.url == "https://news.example/port")
    assert any("fair deal" in q.content.text for q in article.quotes)


def test_parquet_input_reads_optional_columns_and_dates(spark, tmp_path):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    from quotegraph.spark.extract import extract_dataframe
    from quotegraph.spark.io import read_articles

    table = pa.table(
        {
            "text": ['"We will appeal," Kaplan told ET on Tuesday.', "   "],
            "date": pa.array([datetime.date(2024, 6, 26), None], pa.date32()),
            "outlet": ["ET", None],
        }
    )
    pq.write_table(table, tmp_path / "in.parquet")
    rows = sorted(extract_dataframe(read_articles(spark, str(tmp_path / "in.parquet"))).collect(), key=lambda r: r.seq)
    assert [r.status for r in rows] == ["ok", "failed"]
    assert rows[1].reason.startswith("EmptyInput")
    expected = next(extract_many([Article(text=table["text"][0].as_py(), date="2024-06-26", outlet="ET")]))
    assert rows[0].id == expected.id and rows[0].date == "2024-06-26"
    assert [Quote.from_dict(q.asDict(recursive=True)).to_dict() for q in rows[0].quotes] == [q.to_dict() for q in expected.quotes]


def test_cli_refuses_to_overwrite_and_reports_one_line(extracted, corpus, capsys):
    assert main(["spark", "extract", str(corpus), str(extracted)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "already exists" in err and "--overwrite" in err


def test_unknown_input_is_a_clean_error(spark, tmp_path, capsys):
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    assert main(["spark", "extract", str(tmp_path / "missing"), str(tmp_path / "o1")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["spark", "extract", str(tmp_path), str(tmp_path / "o2")]) == 1
    assert "--input-format" in capsys.readouterr().err
    assert main(["spark", "reconcile", str(tmp_path / "missing"), str(tmp_path / "o3")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err and "spark extract" in err


# -- import into the store ---------------------------------------------------------


def test_import_parquet_fills_the_store(extracted, tmp_path, capsys):
    from quotegraph.store import Store

    db = tmp_path / "q.db"
    assert main(["import-parquet", str(extracted), "--db", str(db)]) == 0
    remote = _spark_articles(extracted)
    assert f"{len(remote)} articles new" in capsys.readouterr().out
    with Store(db, readonly=True) as store:
        assert store.stats()["articles"] == len(remote)
        stored = store.get_article("x-appeal")
        assert [q["content"]["spans"] for q in stored["quotes"]] == [q.to_dict()["content"]["spans"] for q in remote["x-appeal"].quotes]
        assert [q["act"] for q in stored["quotes"]] == [q.act for q in remote["x-appeal"].quotes] == ["speech"]
        assert "x-appeal" in {r["article"]["id"] for r in store.search_quotes("appeal", act="speech").rows}
        assert "x-appeal" not in {r["article"]["id"] for r in store.search_quotes("appeal", act="thought").rows}
    assert main(["import-parquet", str(extracted), "--db", str(db)]) == 0  # a rerun adds nothing
    assert f"0 articles new, {len(remote)} already present" in capsys.readouterr().out


def test_import_parquet_needs_a_spark_output(tmp_path, capsys):
    assert main(["import-parquet", str(tmp_path), "--db", str(tmp_path / "q.db")]) == 1
    assert "spark extract" in capsys.readouterr().err


# -- reconcile: the store's rules at scale ----------------------------------------------

BASE = "We will not raise taxes this year, no matter what the council says."


def _article(article_id: str, date: str, outlet: str, said: list[tuple[str, str, str, str, tuple[str, ...]]]) -> Article:
    """An article whose sentences are ``<mention> said: "<words>"``, with hand-built quotes.

    ``said`` holds (words, mention, speaker name, speaker kind, roles[, organization]).
    """
    text, quotes = "", []
    for words, mention, name, kind, roles, *organization in said:
        start = len(text) + len(mention) + len(' said: "')
        text += f'{mention} said: "{words}"\n'
        content = TextSpan.from_offsets(text, [(start, start + len(words))])
        source = TextSpan.from_offsets(text, [(start - len(' said: "') - len(mention), start - len(' said: "'))])
        quotes.append(
            Quote(
                id=quote_id(article_id, content),
                content=content,
                source=source,
                speaker=Speaker(name=name, kind=kind, roles=roles, organization=organization[0] if organization else None),  # type: ignore[arg-type]
                type="direct",
            )
        )
    return Article(text=text, id=article_id, date=date, outlet=outlet, quotes=tuple(quotes))


HARRIET = ("Harriet Lindqvist", "person", ("governor",))
BRITNEY = ("Britney Spears", "person", ())
HAND_MADE = [
    _article("a1", "2024-05-01", "Capitol Wire", [(BASE, "Lindqvist", *HARRIET)]),
    # identical after normalisation: curly apostrophes/quotes, case, an ellipsis
    _article("a2", "2024-05-02", "Daily", [("WE will not raise taxes this year … no matter what the council says", "The governor", *HARRIET)]),
    # truncated
    _article("a3", "2024-05-02", "Post", [("We will not raise taxes this year", "Harriet Lindqvist", *HARRIET)]),
    # altered, and earlier: the first appearance of the cluster
    _article("a4", "2024-04-30", "Blog", [("We will not raise property taxes this year, no matter what the council says.", "Lindqvist", *HARRIET)]),
    _article(
        "a5",
        "2024-05-03",
        "Gossip Daily",
        [
            ("I am taking a break from music to be with my family.", "Spears", *BRITNEY),
            ("Thank you all for the love.", "She", *BRITNEY),
            ("The council will vote on the levy in June.", "The council", "City Council", "organization", ()),
        ],
    ),
    # a bare surname the article could not resolve stays its own speaker
    _article("a6", "2024-05-04", "Tabloid", [("Nobody asked me about the tour.", "Spears", "Spears", "person", ())]),
    # a different full name never merges, even with the same surname
    _article("a7", "2024-05-05", "Tabloid", [("I am taking a break from music to be with my family!", "Jamie Spears", "Jamie Spears", "person", ("father",))]),
]
# The same text as a2 under another id: the store skips it (same content hash), so must reconcile.
HAND_MADE.append(Article(text=HAND_MADE[1].text, id="a2-copy", date="2024-05-06", outlet="Mirror", quotes=tuple(
    Quote.from_dict({**q.to_dict(), "id": quote_id("a2-copy", q.content)}) for q in HAND_MADE[1].quotes
)))


@pytest.fixture(scope="session")
def reconciled(spark, tmp_path_factory):
    """(Spark reconcile OUTPUT, store) for the hand-made set, both fed in the same order."""
    from quotegraph.spark.extract import article_row, quotes_of
    from quotegraph.spark.schema import ARTICLE
    from quotegraph.store import Store

    root = tmp_path_factory.mktemp("reconcile")
    rows = [article_row(a, seq=i) for i, a in enumerate(HAND_MADE)]
    quotes_of(spark.createDataFrame(rows, ARTICLE)).write.parquet(str(root / "quotes"))
    assert main(["spark", "reconcile", str(root / "quotes"), str(root / "out")]) == 0
    store = Store(root / "store.db")
    store.ingest_articles(HAND_MADE)
    yield root / "out", store
    store.close()


def _store_clusters(store) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for quote, cluster in store.connection.execute("SELECT id, cluster_id FROM quotes WHERE cluster_id IS NOT NULL"):
        groups.setdefault(cluster, set()).add(quote)
    return {frozenset(g) for g in groups.values()}


def test_reconcile_clusters_match_hand_computed_and_store(reconciled):
    out, store = reconciled
    prov = {r["id"]: r for r in _read(out / "provenance")}
    clusters: dict[str, set[str]] = {}
    for r in prov.values():
        clusters.setdefault(r["cluster_id"], set()).add(r["id"])
    q = {a.id: a.quotes[0].id for a in HAND_MADE}
    tax = frozenset({q["a1"], q["a2"], q["a3"], q["a4"]})
    assert tax in {frozenset(c) for c in clusters.values()}
    assert q["a2-copy"] not in prov  # duplicate article skipped, as the store does
    britney, jamie = HAND_MADE[4].quotes[0].id, q["a7"]
    assert prov[britney]["cluster_id"] == prov[jamie]["cluster_id"]  # "." vs "!" is the same words
    assert {frozenset(c) for c in clusters.values()} == _store_clusters(store)


def test_reconcile_provenance_matches_the_store(reconciled):
    out, store = reconciled
    prov = {r["id"]: r for r in _read(out / "provenance")}
    first = HAND_MADE[3].quotes[0].id  # a4: the earliest date
    assert prov[first]["is_first"] and not prov[first]["differs"]
    a1 = prov[HAND_MADE[0].quotes[0].id]
    assert (a1["first_quote_id"], a1["differs"], a1["removed"], a1["added"]) == (first, True, ["property"], [])
    cluster = store.connection.execute("SELECT cluster_id FROM quotes WHERE id = ?", (first,)).fetchone()[0]
    for appearance in store.provenance(cluster)["appearances"]:
        mine = prov[appearance["quote_id"]]
        assert (mine["is_first"], mine["differs"], mine["removed"], mine["added"]) == (
            appearance["first"],
            appearance["differs"],
            appearance["removed"],
            appearance["added"],
        )
    clusters = {r["cluster_id"]: r for r in _read(out / "clusters")}
    tax = clusters[prov[first]["cluster_id"]]
    assert (tax["size"], tax["n_outlets"], tax["n_differing"], tax["first_date"]) == (4, 4, 3, "2024-04-30")


def test_reconcile_speakers_match_hand_computed_and_store(reconciled):
    out, store = reconciled
    speakers = {r["speaker_key"]: r for r in _read(out / "speakers")}
    assert set(speakers) == {
        "person:harriet lindqvist",
        "person:britney spears",
        "person:spears",
        "person:jamie spears",
        "organization:city council",
    }
    harriet = speakers["person:harriet lindqvist"]
    assert (harriet["name"], harriet["n_quotes"], harriet["full_name"]) == ("Harriet Lindqvist", 4, True)
    assert {a["alias"]: a["n"] for a in harriet["aliases"]} == {"Harriet Lindqvist": 4, "Lindqvist": 2, "The governor": 1}
    assert harriet["roles"] == [{"role": "governor", "n": 4}]
    assert {a["alias"] for a in speakers["person:britney spears"]["aliases"]} == {"Britney Spears", "Spears"}  # not "She"
    assert speakers["person:spears"]["full_name"] is False

    for row in store.connection.execute("SELECT id, key, name, kind, full_name, n_quotes FROM speakers"):
        mine = speakers[row["key"]]
        assert (mine["name"], mine["kind"], mine["full_name"], mine["n_quotes"]) == (
            row["name"],
            row["kind"],
            bool(row["full_name"]),
            row["n_quotes"],
        )
        aliases = store.connection.execute("SELECT alias_norm, alias, n FROM speaker_aliases WHERE speaker_id = ?", (row["id"],))
        assert {(a["alias_norm"], a["alias"], a["n"]) for a in mine["aliases"]} == {tuple(a) for a in aliases}
        roles = store.connection.execute("SELECT role, n FROM speaker_roles WHERE speaker_id = ?", (row["id"],))
        assert {(r["role"], r["n"]) for r in mine["roles"]} == {tuple(r) for r in roles}
    assert len(speakers) == store.connection.execute("SELECT count(*) FROM speakers").fetchone()[0]


def test_reconcile_on_extracted_corpus_matches_an_import(extracted, spark, tmp_path):
    """Spark extract → reconcile gives the speakers and clusters the store builds from the same output."""
    from quotegraph.spark.store_import import import_parquet
    from quotegraph.store import Store

    assert main(["spark", "reconcile", str(extracted / "quotes"), str(tmp_path / "rec")]) == 0
    import_parquet(str(extracted), str(tmp_path / "q.db"))
    with Store(tmp_path / "q.db") as store:
        assert {frozenset(c) for c in _clusters(tmp_path / "rec")} == _store_clusters(store)
        keys = {k for (k,) in store.connection.execute("SELECT key FROM speakers")}
    assert {r["speaker_key"] for r in _read(tmp_path / "rec" / "speakers")} == keys


def _clusters(out: Path) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for r in _read(out / "provenance"):
        groups.setdefault(r["cluster_id"], set()).add(r["id"])
    return list(groups.values())


def test_module_entry_point_runs_as_a_file_for_spark_submit():
    script = subprocess.run([sys.executable, "-m", "quotegraph.spark", "--script"], capture_output=True, text=True, check=True)
    path = script.stdout.strip()
    assert path.endswith("quotegraph/spark/__main__.py")
    # Run as a file, its folder (holding io.py) must not shadow the standard library.
    shown = subprocess.run([sys.executable, path, "extract", "--help"], capture_output=True, text=True, check=True)
    assert "usage: quotegraph spark extract" in shown.stdout


def test_input_format_comes_from_the_file_name():
    from quotegraph.spark.io import format_of_name

    assert [format_of_name(n) for n in ("a.jsonl.gz", "b.WARC.gz", "c.parquet", "d.txt", "e.bin")] == [
        "jsonl",
        "warc",
        "parquet",
        "text",
        None,
    ]


def test_connected_components_settle_a_long_chain_quickly(spark):
    from quotegraph.spark.reconcile import connected_components

    # n99 - n98 - ... - n60: the smallest label starts at the far end of a 40-node chain.
    chain = [f"n{99 - i:02d}" for i in range(40)]
    edges = [(chain[i], chain[i + 1]) for i in range(39)] + [("x1", "x2")]
    nodes = spark.createDataFrame([(n,) for n in chain + ["x1", "x2", "solo"]], "node string")
    labels, rounds = connected_components(nodes, spark.createDataFrame(edges, "a string, b string"))
    components: dict[str, set[str]] = {}
    for row in labels.collect():
        components.setdefault(row.label, set()).add(row.node)
    assert components == {"n60": set(chain), "x1": {"x1", "x2"}, "solo": {"solo"}}
    assert rounds <= 8  # pointer jumping: about log2(40) rounds, not 40


# -- the speaker index: ingest vs reconcile + import-parquet, the same rules -------------------

UCEA = "Universities and Colleges Employers' Association"
ENTITY_SET = [
    _article("s1", "2024-05-01", "Wire", [
        ("Talks have failed.", "American officials", "American officials", "group", ()),
        ("We will not raise taxes.", "Governor Lindqvist,", *HARRIET),  # the store once kept the comma, Spark not
        ("No deal is near.", "a spokesperson", "a spokesperson", "unnamed", ()),
    ]),
    _article("s2", "2024-05-02", "Post", [
        ("Talks will resume.", "American officials", "American officials", "group", ()),
        ("No deal is close.", "a spokesperson", "a spokesperson", "unnamed", ()),
        ("Pay will rise.", "a spokesperson", "a spokesperson", "unnamed", (), UCEA),
    ]),
    _article("s3", "2024-05-03", "Daily", [
        ("Vote.", "Obama Says", "Obama Says", "person", ()),
        ("Go high.", "Michelle Obama", "Michelle Obama", "person", ()),
        ("Yes we can.", "Obama", "Barack Obama", "person", ("president",)),
        ("Pay will not fall.", "a UCEA source", "a UCEA source", "unnamed", (), UCEA),
    ]),
]


@pytest.fixture(scope="module")
def three_indexes(spark, tmp_path_factory):
    """The speaker index of ENTITY_SET built three ways: ``ingest``, ``spark reconcile``, ``import-parquet``."""
    from quotegraph.ingest import ingest
    from quotegraph.spark.extract import article_row, quotes_of
    from quotegraph.spark.schema import ARTICLE
    from quotegraph.store import Store

    root = tmp_path_factory.mktemp("speaker-index")
    articles = spark.createDataFrame([article_row(a, seq=i) for i, a in enumerate(ENTITY_SET)], ARTICLE)
    articles.write.parquet(str(root / "out" / "articles"))
    quotes_of(articles).write.parquet(str(root / "out" / "quotes"))
    assert main(["spark", "reconcile", str(root / "out" / "quotes"), str(root / "rec")]) == 0
    assert main(["import-parquet", str(root / "out"), "--db", str(root / "imported.db")]) == 0

    feed = root / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": a.id, "text": a.text, "outlet": a.outlet}) + "\n" for a in ENTITY_SET))
    extracted = {a.id: a for a in ENTITY_SET}  # the "extraction" is the hand-made quotes
    with Store(root / "ingested.db") as store:
        summary = ingest([str(feed)], store, extract=lambda arts: (extracted[a.id] for a in arts))
    assert (summary.new, summary.failed) == (3, [])
    return _read(root / "rec" / "speakers"), root / "ingested.db", root / "imported.db"


def _index(db: Path) -> dict[str, tuple]:
    import sqlite3

    conn = sqlite3.connect(db)
    out = {}
    for sid, key, name, kind, full, n in conn.execute("SELECT id, key, name, kind, full_name, n_quotes FROM speakers"):
        aliases = frozenset(conn.execute("SELECT alias_norm, alias, n FROM speaker_aliases WHERE speaker_id = ?", (sid,)))
        roles = frozenset(conn.execute("SELECT role, n FROM speaker_roles WHERE speaker_id = ?", (sid,)))
        out[key] = (sid, name, kind, bool(full), n, aliases, roles)
    conn.close()
    return out


def test_ingest_and_spark_reconcile_and_import_build_the_same_speaker_index(three_indexes):
    reconciled, ingested, imported = three_indexes
    mine = _index(ingested)
    assert _index(imported) == mine  # ids included
    spark_index = {
        r["speaker_key"]: (r["name"], r["kind"], r["full_name"], r["n_quotes"],
                           frozenset((a["alias_norm"], a["alias"], a["n"]) for a in r["aliases"]),
                           frozenset((x["role"], x["n"]) for x in r["roles"]))
        for r in reconciled
    }
    assert spark_index == {key: row[1:] for key, row in mine.items()}
    # What the rules mean, checked by hand:
    assert set(mine) == {
        "group:american officials", "person:harriet lindqvist", "unnamed:s1:a spokesperson",
        "unnamed:s2:a spokesperson", "unnamed:universities and colleges employers association",
        "person:obama", "person:michelle obama", "person:barack obama",
    }
    assert mine["person:harriet lindqvist"][5] == frozenset({("harriet lindqvist", "Harriet Lindqvist", 1),
                                                            ("governor lindqvist", "Governor Lindqvist", 1)})
    assert mine["group:american officials"][1:5] == ("American officials", "group", True, 2)
    assert mine["person:obama"][1:5] == ("Obama", "person", False, 1)


def test_entities_blockquotes_and_speaker_links_survive_parquet_and_import(spark, tmp_path):
    """Spark's schema carries every field of an Article: the one import-parquet stores is the one extracted."""
    from qg_articles import entity_article
    from quotegraph.spark.extract import article_row, quotes_of
    from quotegraph.spark.schema import ARTICLE
    from quotegraph.store import Store

    art = entity_article()
    articles = spark.createDataFrame([article_row(art, seq=0)], ARTICLE)
    articles.write.parquet(str(tmp_path / "out" / "articles"))
    [row] = _read(tmp_path / "out" / "articles")
    assert Article.from_dict(row, row["quotes"], row["entities"]) == art
    quotes = quotes_of(articles).collect()
    assert [q.speaker_candidates for q in quotes] == [[], [], ["e1", "e10"]]
    assert quotes[1].speaker.entity == "e1" and quotes[1].speaker.confidence == 0.95
    assert main(["import-parquet", str(tmp_path / "out"), "--db", str(tmp_path / "q.db")]) == 0
    with Store(tmp_path / "q.db", readonly=True) as store:
        assert store.read_article(art.id) == art
