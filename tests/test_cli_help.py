"""The surface stays honest: every command has help and docs, the public names are the intended ones."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import quotegraph
import quotegraph.io
from quotegraph.cli import build_parser

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, str | None, argparse.ArgumentParser]]:
    """Every command and sub-command: (name path, its help line, its parser)."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                path = f"{prefix}{name}"
                found.append((path, helps.get(name), sub))
                found.extend(commands(sub, f"{path} "))
    return found


COMMANDS = commands(build_parser())


def test_the_core_commands_are_there():
    assert {"extract"} <= {name for name, _, _ in COMMANDS}


@pytest.mark.parametrize("name, help, parser", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_has_help_text_and_every_option_too(name, help, parser):
    assert help and help.strip(), f"`quotegraph {name}` has no help line in `quotegraph --help`"
    assert parser.description, f"`quotegraph {name} --help` has no description"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        assert action.help, f"`quotegraph {name}`: option {action.option_strings or action.dest} has no help"


@pytest.mark.parametrize("name", [c[0] for c in COMMANDS])
def test_every_command_is_documented_in_docs_cli(name):
    headings = [line.lstrip("#").strip() for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert f"quotegraph {name}" in headings, f"docs/cli.md needs a heading for `quotegraph {name}`"


def test_extract_format_choices_are_the_writers():
    extract = next(parser for name, _, parser in COMMANDS if name == "extract")
    [fmt] = [a for a in extract._actions if "--format" in a.option_strings]
    assert list(fmt.choices) == list(quotegraph.io.WRITERS)


def test_help_is_instant_because_nothing_heavy_is_imported():
    heavy = ("spacy", "torch", "thinc", "trafilatura", "pyspark", "fastapi", "uvicorn", "playwright")
    code = f"import sys; import quotegraph.cli as c; c.build_parser(); print(','.join(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == ""


def test_public_names_of_the_package():
    assert sorted(quotegraph.__all__) == sorted(
        [
            "Article", "Channel", "Quote", "Speaker", "SpeakerRelation", "TextSpan",
            "QuotegraphError", "InputError", "EmptyInput", "NotText", "TooLarge", "MalformedRecord",
            "ExtractionError", "ModelError", "StoreError",
            "extract", "extract_many", "load",
        ]
    )  # fmt: skip
    for name in quotegraph.__all__:
        assert getattr(quotegraph, name) is not None


def test_public_names_of_quotegraph_io():
    assert sorted(quotegraph.io.__all__) == sorted(
        ["ARTICLE_META", "DEFAULT_MAX_BYTES", "EXTENSIONS", "FORMATS", "READERS", "WRITERS", "Writer",
         "format_of", "iter_articles", "open_writer", "reader_for"]
    )
