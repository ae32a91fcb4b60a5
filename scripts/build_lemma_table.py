"""Build the lemma table quotegraph warms its lemmatizer with (quotegraph/models/lemmas/).

    python scripts/build_lemma_table.py [--texts ../shared/data/polnear/train/text] [--min-count 2]

The rule lemmatizer computes each (word, POS, morphology) once and caches it; the first
articles of a run pay for every cache miss.  This script runs the pipeline over a
corpus, asks the lemmatizer itself for every (word, POS, morphology) seen at least
``--min-count`` times, and writes them with the pipeline's name and version, so that
:func:`quotegraph.pipeline.lemmas.use_array_lemmatizer` can fill the cache up front — and
skips the table when the installed pipeline is another one.  The lemmas are the
lemmatizer's own: tests/test_lemmas.py checks that they come out identical.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import spacy

from quotegraph.api import DEFAULT_PIPELINE
from quotegraph.pipeline.lemmas import TABLE

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", default=str(ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"))
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args()
    nlp = spacy.load(DEFAULT_PIPELINE, exclude=["parser", "ner"])
    nlp.enable_pipe("senter")
    lemmatizer = nlp.get_pipe("lemmatizer")
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.texts).glob("*.txt"))]
    seen: Counter[tuple[str, str, str]] = Counter()
    first = {}
    with nlp.select_pipes(disable=["lemmatizer"]):
        for doc in nlp.pipe(texts, batch_size=32):
            for token in doc:
                key = (token.text, token.pos_, str(token.morph))
                seen[key] += 1
                first.setdefault(key, token)
    rows = sorted(k for k, n in seen.items() if n >= args.min_count and "\t" not in k[0] and "\n" not in k[0])
    lines = [json.dumps({"pipeline": nlp.meta["name"], "version": nlp.meta["version"]})]
    lines += ["\t".join((*key, lemmatizer.lemmatize(first[key])[0])) for key in rows]
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(TABLE, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(lines) + "\n")
    print(f"{TABLE.relative_to(ROOT)}: {len(rows)} lemmas from {len(texts)} texts ({TABLE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
