"""`quotegraph extract`: formats, bad input, exit codes — through the real pipeline."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES
from quotegraph.cli import main
from quotegraph.model import Article, check_offsets

# Folders are read recursively in sorted order: examples/context/ (the context stage's
# hand-checked articles) sorts between "chef-…" and "festival-…".
CONTEXT_IDS = sorted(p.stem for p in (EXAMPLES / "context").glob("*.txt"))
EXAMPLE_IDS = [
    "actor-podcast-interview",
    "chef-restaurant-closure",
    *CONTEXT_IDS,
    "festival-headliner",
    "mayor-transit-tweet",
    "senate-budget-vote",
    "singer-divorce-statement",
    "stadium-deal-council",
    "wire-governor-veto",
    "wire-reality-star",
    "wire-port-strike",
]

GOOD = '“We will appeal,” Kaplan told reporters on Tuesday. “This is absurd.”\n'


@pytest.fixture(autouse=True)
def _pipeline(nlp):
    """Load the pipeline once for the session; the CLI reuses it (quotegraph.load caches it)."""
    return nlp


def run(capsys, *argv):
    code = main(["extract", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_as_jsonl_one_line_per_article_in_order_with_exact_offsets(capsys):
    code, out, err = run(capsys, EXAMPLES, "--format", "jsonl")
    assert (code, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in records] == EXAMPLE_IDS
    for record in records:
        article = Article.from_dict(record["article"], record["quotes"])
        check_offsets(article)
    assert sum(len(r["quotes"]) for r in records) > 30


def test_text_table_has_a_block_per_article(capsys):
    code, out, err = run(capsys, EXAMPLES / "senate-budget-vote.txt", EXAMPLES / "wire-briefs.jsonl")
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("== ")]
    assert [h.split()[1] for h in headers] == ["senate-budget-vote", "wire-governor-veto", "wire-reality-star", "wire-port-strike"]
    assert headers[0].startswith("== senate-budget-vote · 2024-03-14 (")
    assert "This is a serious bill" in out


def test_bad_inputs_get_one_line_each_and_the_good_ones_are_still_processed(capsys, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "ok", "text": GOOD}) + "\n{broken\n")
    code, out, err = run(capsys, tmp_path / "good.txt", tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "photo.txt", tmp_path / "feed.jsonl", "-f", "jsonl")
    assert code == 0
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == ["good", "ok"]
    lines = err.splitlines()
    assert lines[0] == f"quotegraph: skipped {tmp_path / 'missing.txt'}: no such file or directory"
    assert lines[1].startswith(f"quotegraph: skipped {tmp_path / 'empty.txt'}: empty input")
    assert lines[2].startswith(f"quotegraph: skipped {tmp_path / 'photo.txt'}: binary data")
    assert lines[3].startswith(f"quotegraph: skipped {tmp_path / 'feed.jsonl'}:2: not valid JSON")
    assert lines[4] == "quotegraph: processed 2 articles; 4 skipped or failed"
    assert len(lines) == 5 and "Traceback" not in err


def test_strict_exits_3_when_some_inputs_were_skipped(capsys, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    code, out, _ = run(capsys, tmp_path / "good.txt", tmp_path / "missing.txt", "--strict", "-f", "jsonl")
    assert code == 3
    assert len(out.splitlines()) == 1


def test_nothing_processed_exits_1(capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    code, out, err = run(capsys, tmp_path / "empty.txt", tmp_path / "missing.txt")
    assert code == 1
    assert out == ""
    assert err.splitlines()[-1] == "quotegraph: error: nothing processed (2 inputs skipped or failed)"


def test_invalid_utf8_is_processed_with_a_warning_line(capsys, tmp_path):
    (tmp_path / "latin.txt").write_bytes('"C\'est fini," Jos\xe9 Ruiz said.'.encode("latin-1"))
    code, out, err = run(capsys, tmp_path / "latin.txt", "-f", "jsonl")
    assert code == 0
    assert err == f"quotegraph: warning: {tmp_path / 'latin.txt'}: invalid UTF-8 at byte 17; undecodable bytes replaced with U+FFFD\n"
    assert json.loads(out)["article"]["text"] == '"C\'est fini," Jos\ufffd Ruiz said.'


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("date 2024-06-26\n" + GOOD).encode())))
    code, out, _ = run(capsys, "-", "-f", "json")
    record = json.loads(out)
    assert code == 0
    assert (record["article"]["id"], record["article"]["date"]) == ("stdin", "2024-06-26")


def test_json_to_a_file_with_crlf_text_keeps_offsets(capsys, tmp_path):
    (tmp_path / "crlf.txt").write_bytes(GOOD.replace("\n", "\r\n").encode())
    code, out, _ = run(capsys, tmp_path / "crlf.txt", "-f", "json", "-o", tmp_path / "out.json")
    assert (code, out) == (0, "")
    record = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    article = Article.from_dict(record["article"], record["quotes"])
    assert article.text == GOOD.replace("\n", "\r\n")
    assert article.quotes
    check_offsets(article)


def test_brat_writes_txt_and_ann_per_article(capsys, tmp_path):
    code, _, err = run(capsys, EXAMPLES / "wire-briefs.jsonl", EXAMPLES / "singer-divorce-statement.txt", "-f", "brat", "-o", tmp_path / "ann")
    assert (code, err) == (0, "")
    names = sorted(p.name for p in (tmp_path / "ann").iterdir())
    stems = ["singer-divorce-statement", "wire-governor-veto", "wire-port-strike", "wire-reality-star"]
    assert names == sorted([f"{s}.ann" for s in stems] + [f"{s}.txt" for s in stems])
    assert (tmp_path / "ann" / "singer-divorce-statement.txt").read_bytes() == (EXAMPLES / "singer-divorce-statement.txt").read_bytes()
    assert "\tContent " in (tmp_path / "ann" / "singer-divorce-statement.ann").read_text()


def test_brat_without_an_output_folder_is_one_line_error(capsys):
    code, out, err = run(capsys, EXAMPLES / "senate-budget-vote.txt", "-f", "brat")
    assert code == 1
    assert err == "quotegraph: error: --format brat writes a folder of files: give one with -o OUT\n"


def test_unknown_pipeline_is_one_line_error(capsys):
    code, _, err = run(capsys, EXAMPLES / "senate-budget-vote.txt", "--model", "no_such_pipeline_xx")
    assert code == 1
    assert err.startswith("quotegraph: error: cannot load spaCy pipeline 'no_such_pipeline_xx'")
    assert len(err.splitlines()) == 1


def test_workers_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["extract", str(EXAMPLES), "--workers", "0"])
    assert exit.value.code == 2
    assert "--workers: must be at least 1, got 0" in capsys.readouterr().err


def test_the_installed_command_never_prints_a_traceback_for_bad_input(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "quotegraph", "extract", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"quotegraph: skipped {tmp_path / 'missing.txt'}: no such file or directory",
        "quotegraph: error: nothing processed (1 input skipped or failed)",
    ]


def test_progress_is_drawn_on_a_terminal_and_cleared_before_error_lines():
    from quotegraph.cli.extract import _Tally

    err = io.StringIO()
    tally = _Tally(err, show_progress=True)
    for _ in range(9):
        tally.progress(Article(text="x", id="x"))
    assert err.getvalue() == ""  # a few inputs: no progress line
    tally.progress(Article(text="x", id="x"))
    assert err.getvalue() == "\r10 articles, 0 quotes…"
    tally.skip("feed.jsonl:3: not valid JSON")
    assert err.getvalue().endswith("\r\033[K" + "quotegraph: skipped feed.jsonl:3: not valid JSON\n")


def test_an_article_the_pipeline_fails_on_is_reported_and_the_rest_written(capsys, tmp_path, fragile_pipeline):
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in [("a", "fine"), ("b", "BOOM"), ("c", "fine too")]))
    code, out, err = run(capsys, tmp_path / "feed.jsonl", "-f", "jsonl")
    assert code == 0
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == ["a", "c"]
    assert err.splitlines() == [
        "quotegraph: b: extraction failed (RuntimeError: cannot handle BOOM); please report it with the input",
        "quotegraph: processed 2 articles; 1 skipped or failed",
    ]


def test_when_the_pipeline_fails_on_everything_the_exit_is_1(capsys, tmp_path, fragile_pipeline):
    (tmp_path / "boom.txt").write_text("BOOM")
    code, out, err = run(capsys, tmp_path / "boom.txt")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == "quotegraph: error: nothing processed (1 input skipped or failed)"
