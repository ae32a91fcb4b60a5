"""``quotegraph search`` as a user runs it: statements first, --act, the matching words marked on a
terminal (and only there), and --format csv|jsonl writing every matching quote."""

from __future__ import annotations

import csv
import io
import json

import pytest

from qg_articles import article, said
from quotegraph.cli import main
from quotegraph.cli.store import MARK_OFF, MARK_ON
from quotegraph.io.writers import EXPORT_COLUMNS
from quotegraph.store import Store, queries


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-search") / "qg.db"
    with Store(path) as s:
        s.ingest_articles([
            article("Hovland ran for Mayor.", [said("Mayor", by="Hovland", cue="ran for", type="indirect")],
                    id="r1", date="2024-01-01", outlet="Capitol Wire"),
            article('"The budget protects every school," Hovland said.',
                    [said("The budget protects every school", by="Hovland", cue="said", act="speech")],
                    id="r2", date="2024-01-02", outlet="Capitol Wire", url="https://wire.example/r2"),
            article("Hovland believes the budget will pass.",
                    [said("the budget will pass", by="Hovland", cue="believes", type="indirect", act="thought")],
                    id="r3", date="2024-01-03"),
        ])
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_statements_first_with_their_act_and_fragments_marked_as_such(db, capsys):
    code, out, err = run(capsys, "search", "hovland", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert [line.split("  ")[0] for line in lines] == [
        article_quote_id(db, "r2"), article_quote_id(db, "r3"), article_quote_id(db, "r1")]
    assert lines[0].endswith("(speech; Capitol Wire, 2024-01-02)")
    assert lines[2].endswith("(other, fragment; Capitol Wire, 2024-01-01)")
    assert err == "3 of 3 quotes\n"


def article_quote_id(db, article_id):
    with Store(db, readonly=True) as s:
        return s.get_article(article_id)["quotes"][0]["id"]


def test_the_act_filter(db, capsys):
    _, out, _ = run(capsys, "search", "budget", "--db", db, "--act", "thought")
    assert out.count("\n") == 1 and "the budget will pass" in out
    _, out, _ = run(capsys, "search", "--db", db, "--act", "speech", "--act", "other")
    assert out.count("\n") == 2
    with pytest.raises(SystemExit):  # argparse: one line, exit 2
        main(["search", "budget", "--db", db, "--act", "sang"])
    assert "invalid choice: 'sang'" in capsys.readouterr().err


def test_matching_words_are_marked_on_a_terminal_and_plain_otherwise(db, capsys, monkeypatch):
    _, plain, _ = run(capsys, "search", "budget school", "--db", db)  # capsys is not a terminal
    assert "\x1b" not in plain and "“The budget protects every school”" in plain
    _, marked, _ = run(capsys, "search", "budget school", "--db", db, "--color", "always")
    assert f"{MARK_ON}budget{MARK_OFF} protects every {MARK_ON}school{MARK_OFF}" in marked
    _, speaker, _ = run(capsys, "search", "hovland", "--db", db, "--color", "always")
    assert f"{MARK_ON}Hovland{MARK_OFF}:" in speaker  # a match in the speaker's name is marked too
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in run(capsys, "search", "budget", "--db", db)[1]


def test_csv_writes_every_match_not_one_page(db, capsys, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_CAP", 1)
    code, out, err = run(capsys, "search", "hovland", "--db", db, "--format", "csv", "--limit", "1")
    assert code == 0 and err == "3 quotes exported\n"
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert [(r["article_id"], r["act"], r["fragment"]) for r in rows] == [
        ("r2", "speech", "0"), ("r3", "thought", "0"), ("r1", "other", "1")]
    assert (rows[0]["speaker"], rows[0]["outlet"], rows[0]["article_url"], rows[0]["cluster_size"]) == (
        "Hovland", "Capitol Wire", "https://wire.example/r2", "1")


def test_jsonl_goes_to_a_file_with_o(db, capsys, tmp_path):
    out_file = tmp_path / "budget.jsonl"
    code, out, err = run(capsys, "search", "budget", "--db", db, "--format", "jsonl", "-o", str(out_file))
    assert code == 0 and out == "" and err == f"2 quotes exported to {out_file}\n"
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["article"]["id"] for r in rows] == ["r2", "r3"] and rows[0]["act"] == "speech"


def test_an_unwritable_output_is_one_line(db, capsys, tmp_path):
    code, out, err = run(capsys, "search", "budget", "--db", db, "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err
