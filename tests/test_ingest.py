"""Ingestion: idempotent, resumable after kill -9, bad records counted and never fatal."""

from __future__ import annotations

import io
import json
import os
import random
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
from quotegraph.ingest import Progress, count_inputs, ingest
from quotegraph.store import IngestSummary, Store


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


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_redraws_one_line_with_counts_rate_and_eta():
    out = Terminal()
    progress = Progress(total=10, stream=out, interval=0)
    progress.update(IngestSummary(new=3, present=1, failed=[("x", "bad")]))
    progress.update(IngestSummary(new=4, present=1, failed=[("x", "bad")]))
    drawn = out.getvalue()
    assert "\n" not in drawn and drawn.count("\r") >= 2  # redrawn in place
    last = drawn.rsplit("\r", 1)[-1]
    assert last.startswith("6/10 articles  (4 new, 1 present, 1 failed)")
    assert "articles/s" in last and "ETA" in last


def test_progress_off_a_terminal_writes_plain_lines_and_the_last_one_at_the_end():
    out = io.StringIO()
    progress = Progress(total=None, stream=out)  # a log file: no total known (e.g. a WARC)
    progress.update(IngestSummary(new=1))
    progress.update(IngestSummary(new=2, present=5), final=True)
    lines = out.getvalue().splitlines(keepends=True)
    assert "\r" not in out.getvalue() and all(line.endswith("\n") for line in lines)
    assert len(lines) == 2  # the start, then nothing for 30 s, then the end
    assert lines[0].startswith("0 articles  (0 new, 0 present, 0 failed)")
    assert lines[1].startswith("7 articles  (2 new, 5 present, 0 failed)") and "ETA" not in lines[1]


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


def polnear_jsonl(polnear: Path, path: Path, n: int = 15) -> Path:
    """``n`` PolNeAR dev articles as one JSONL file (the shortest ones, plus the Obama headline story
    whose speaker once depended on the hash seed), with the date and outlet their file names give."""
    texts = sorted((polnear / "dev" / "text").glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))
    chosen = texts[: n - 1] + [polnear / "dev" / "text" / "nyt_2016-09-19_obama-sees-personal-insult-if-bl.txt"]
    with path.open("w", encoding="utf-8") as f:
        for file in chosen:
            outlet, date, _ = file.stem.split("_", 2)
            record = {"id": file.stem, "text": file.read_text(encoding="utf-8"), "date": date, "outlet": outlet}
            f.write(json.dumps(record) + "\n")
    return path


def _ingest(corpus: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "quotegraph", "ingest", str(corpus), "--db", str(db), "--progress", "never",
            "--workers", str(workers)]


_SEEDS = iter(range(1, 1000))


def _env() -> dict[str, str]:
    """Each process its own string-hash seed: the database must not depend on it (extraction and ids
    are the same in every process, whatever order Python iterates a set of strings in)."""
    return {**os.environ, "PYTHONHASHSEED": str(next(_SEEDS))}


def _stored(db: Path) -> int:
    try:  # a reader, while the ingest writes (WAL)
        with Store(db, readonly=True) as reader:
            return reader.stats()["articles"]
    except Exception:
        return 0  # not created or not migrated yet


def _run_until_killed(cmd: list[str], db: Path, after: int) -> int:
    """Run ``cmd``; SIGKILL it (and its worker processes) once ``after`` articles are stored. Articles stored then."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _stored(db) >= after:
                break
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # kill -9 of the whole run, workers included
        proc.wait()
    return _stored(db)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_killed_at_random_points_then_resumed_equals_an_uninterrupted_run(polnear, tmp_path, workers):
    corpus = polnear_jsonl(polnear, tmp_path / "dev.jsonl")
    subprocess.run(_ingest(corpus, tmp_path / "whole.db", workers), check=True, capture_output=True, cwd=ROOT, env=_env())
    whole = db_content(tmp_path / "whole.db")
    assert len(whole["articles"]) == 15 and len(whole["quotes"]) > 50 and whole["speakers"]

    rng = random.Random(20240626 + workers)
    for attempt in range(2):
        db = tmp_path / f"crashed-{attempt}.db"
        kills = sorted(rng.sample(range(1, 15), 2))  # twice, at random points, before the end
        stored = [_run_until_killed(_ingest(corpus, db, workers), db, after) for after in kills]
        assert stored[-1] < 15, f"the run finished before it could be killed (kills after {kills})"
        rerun = subprocess.run(_ingest(corpus, db, workers), check=True, capture_output=True, text=True, cwd=ROOT, env=_env())
        assert f"{stored[-1]} already present" in rerun.stdout  # the work done before the kills was kept
        assert db_content(db) == whole, f"kills after {kills} articles (stored {stored})"


def test_a_damaged_warc_is_one_failed_input_without_noise(tmp_path, capsys):
    (tmp_path / "broken.warc").write_bytes(b"this is not a web archive\r\n" * 20)
    feed = write_jsonl(tmp_path / "feed.jsonl", [good(1)])
    with Store(tmp_path / "qg.db") as store:
        summary = ingest([str(tmp_path / "broken.warc"), str(feed)], store, extract=quoted)
    assert summary.new == 1
    [(origin, reason)] = summary.failed
    assert origin == str(tmp_path / "broken.warc") and "WARC" in reason
    assert capsys.readouterr().err == ""  # not one warcio warning per damaged record
