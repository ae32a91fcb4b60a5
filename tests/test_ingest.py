"""Ingestion: idempotent, resumable after kill -9, bad records counted and never fatal."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from quotegraph.cli import main
from quotegraph.errors import ExtractionError
from quotegraph.model import Quote, TextSpan, quote_id
from quotegraph.store import Store
from quotegraph.store.ingest import IngestSummary, Progress, count_inputs, ingest


def quoted(articles):
    """A stand-in for extract_many: every “double-quoted” passage is a quote."""
    for art in articles:
        quotes = []
        for m in re.finditer(r'["“]([^"“”]+)["”]', art.text):
            content = TextSpan.from_offsets(art.text, [m.span(1)])
            quotes.append(Quote(id=quote_id(art.id, content), content=content, type="direct"))
        yield art.with_quotes(quotes)


def never(articles):
    for _ in articles:
        raise AssertionError("nothing should need extracting")
    return iter(())


def db_content(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, except ingest timestamps and the FTS index's internal tables."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
                  if not r[0].startswith("quotes_fts") and r[0] not in ("schema_version", "sqlite_sequence")]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "added_at"]
            out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1, 2").fetchall()
        return out
    finally:
        conn.close()


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good(i: int, **extra) -> str:
    return json.dumps({"id": f"n{i}", "text": f'"Item {i} is ready," the clerk said.', "outlet": "Wire", **extra})


def test_bad_records_are_skipped_counted_and_listed(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [
        good(1), "{not json", json.dumps({"text": "   "}), json.dumps({"title": "no text"}), good(2)])
    (tmp_path / "empty.txt").write_text("")
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(feed), str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")], store, extract=quoted)
        assert (summary.new, summary.present, summary.quotes) == (2, 0, 2)
        reasons = dict(summary.failed)
        assert list(reasons) == [f"{feed}:2", f"{feed}:3", f"{feed}:4", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")]
        assert "not valid JSON" in reasons[f"{feed}:2"]
        assert "no such file" in reasons[str(tmp_path / "missing.txt")]


def test_running_again_adds_nothing_and_extracts_nothing(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [good(i) for i in range(5)])
    with Store(tmp_path / "qg.db") as store:
        first = ingest([str(feed)], store, extract=quoted)
    before = db_content(tmp_path / "qg.db")
    with Store(tmp_path / "qg.db") as store:
        again = ingest([str(feed)], store, extract=never)
    assert (first.new, first.present) == (5, 0)
    assert (again.new, again.present, again.quotes, again.failed) == (0, 5, 0, [])
    assert db_content(tmp_path / "qg.db") == before


def test_the_same_text_twice_in_one_run_is_stored_once(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [good(1), good(1, title="a copy")])
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(feed)], store, extract=quoted)
        assert (summary.new, summary.present) == (1, 1)


def test_an_article_the_pipeline_breaks_on_fails_alone(tmp_path):
    def fragile(articles):
        for art in quoted(articles):
            if "BOOM" in art.text:
                raise RuntimeError("stage crashed")
            yield art

    lines = [good(1), json.dumps({"id": "bad", "text": '"BOOM," it said.'}), good(3), good(4)]
    feed = write_jsonl(tmp_path / "feed.jsonl", lines)
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(feed)], store, extract=fragile)
        assert summary.new == 3
        assert summary.failed == [(f"{feed}:2", "extraction failed: RuntimeError: stage crashed")]
        assert store.get_article("n4") is not None


def test_extraction_errors_yielded_in_place_are_counted(tmp_path):
    def reporting(articles):
        for art in quoted(articles):
            yield ExtractionError(art.id, "offsets out of range") if art.id == "n2" else art

    feed = write_jsonl(tmp_path / "feed.jsonl", [good(1), good(2), good(3)])
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(feed)], store, extract=reporting)
    assert summary.new == 2 and summary.failed == [(f"{feed}:2", "extraction failed: offsets out of range")]


def test_warc_pages_become_articles_and_other_pages_are_listed(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = (EXAMPLES / "festival-headliner.html").read_bytes()
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, body, ctype in [
            ("https://www.dailymarquee.example/music/calloway", page, "text/html; charset=utf-8"),
            ("https://www.dailymarquee.example/logo.png", b"\x89PNG\r\n", "image/png"),
            ("https://www.dailymarquee.example/", b"<html><body><a href='/a'>Music</a></body></html>", "text/html"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(path)], store, extract=quoted)
        assert summary.new == 1
        assert [origin for origin, _ in summary.failed] == [f"{path}#3"]  # the index page; the image is not a page
        rows, _ = store.search_quotes("devastated")
        assert rows[0]["article"]["outlet"] == "The Daily Marquee"


def test_progress_shows_done_rate_and_eta():
    out = io.StringIO()
    progress = Progress(total=10, stream=out, interval=0)
    progress.update(IngestSummary(new=3, present=1, failed=[("x", "bad")]))
    line = out.getvalue()
    assert line.startswith("\r5/10 articles  (3 new, 1 present, 1 failed)") and "/s" in line and "ETA" in line


def test_inputs_are_counted_cheaply_for_the_eta(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", [good(1), "", good(2), "{bad"])
    assert count_inputs([str(feed), str(EXAMPLES / "mayor-transit-tweet.txt")]) == 4
    assert count_inputs(["-"]) is None


# -- through the real pipeline ------------------------------------------------------------


def test_ingest_then_search_show_and_speakers_on_the_examples(nlp, tmp_path, capsys):
    db = str(tmp_path / "qg.db")
    assert main(["ingest", str(EXAMPLES), "--db", db, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] >= 8 and summary["failed"] == [] and summary["quotes"] > 20
    assert main(["ingest", str(EXAMPLES), "--db", db, "--progress", "always"]) == 0
    out, err = capsys.readouterr()
    assert re.match(rf"{re.escape(db)}: 0 new, {summary['new']} already present, 0 failed; 0 quotes added", out)
    assert f"({0} new, {summary['new']} present, 0 failed)" in err and "/s" in err
    assert main(["search", "lights on", "--db", db, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] >= 1
    assert "keep the lights on" in found["results"][0]["content"]["text"]
    assert found["results"][0]["article"]["id"] == "senate-budget-vote"
    quote_id_ = found["results"][0]["id"]
    assert main(["show", quote_id_, "--db", db]) == 0
    assert "keep the lights on" in capsys.readouterr().out
    assert main(["speakers", "--db", db]) == 0


def test_store_commands_fail_in_one_line_on_user_error(tmp_path, capsys):
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "quotegraph ingest" in err
    Store(tmp_path / "qg.db").close()
    assert main(["show", "qmissing", "--db", str(tmp_path / "qg.db")]) == 1
    assert "no quote 'qmissing'" in capsys.readouterr().err


def _synthetic(path: Path, n: int) -> Path:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with path.open("w", encoding="utf-8") as f:
        for record in module.generate(n, seed=3):
            f.write(json.dumps({k: v for k, v in record.items() if k != "quotes"}) + "\n")
    return path


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "quotegraph", "ingest", str(corpus), "--db", str(db), "--progress", "never"]


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path):
    corpus = _synthetic(tmp_path / "corpus.jsonl", 40)
    subprocess.run(_ingest_cmd(corpus, tmp_path / "whole.db"), check=True, capture_output=True, cwd=ROOT)

    crashed = tmp_path / "crashed.db"
    proc = subprocess.Popen(_ingest_cmd(corpus, crashed), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if crashed.exists():
            try:  # a reader, while the ingest writes (WAL)
                with Store(crashed, readonly=True) as reader:
                    stored = reader.stats()["articles"]
            except Exception:
                stored = 0  # not created or not migrated yet
        if stored >= 8:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 8 <= stored < 40

    rerun = subprocess.run(_ingest_cmd(corpus, crashed), check=True, capture_output=True, text=True, cwd=ROOT)
    done = int(re.search(r"(\d+) already present", rerun.stdout).group(1))
    assert done >= stored  # the work done before the kill was kept, not redone
    assert db_content(crashed) == db_content(tmp_path / "whole.db")


def test_a_damaged_warc_is_one_failed_input_without_noise(tmp_path, capsys):
    (tmp_path / "broken.warc").write_bytes(b"this is not a web archive\r\n" * 20)
    feed = write_jsonl(tmp_path / "feed.jsonl", [good(1)])
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(tmp_path / "broken.warc"), str(feed)], store, extract=quoted)
    assert summary.new == 1
    [(origin, reason)] = summary.failed
    assert origin == str(tmp_path / "broken.warc") and "WARC" in reason
    assert capsys.readouterr().err == ""  # not one warcio warning per damaged record
