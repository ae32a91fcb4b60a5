"""The ``quotegraph`` spaCy component: runs the stages over one parsed Doc.

    spans (a finder: rules or learned model) → block quotations → embedded reports
      → entities → speakers → context → acts → build

Each stage is a plain function in its own module taking ``(doc, attributions)`` (the
speakers and context stages also take the entity stage's table), so a stage can be
tested, timed or replaced alone.  The component writes the result as plain dicts on
``doc._.quotes`` and ``doc._.entities``.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from . import acts, blockquotes, build, context, embedded, entities, extensions, lemmas, speakers
from .attribution import Attribution

Finder = Callable[[Doc], list[Attribution]]


class QuotegraphComponent:
    def __init__(self, nlp: Language, name: str, finder: str, model_path: str | None) -> None:
        extensions.register()
        lemmas.share_words(nlp)  # what the entity stage tells headline words from first names by
        self.name = name
        self.finder_name = finder
        from . import finders  # here: a finder's model loads only when the component is made

        # The pipeline's parser: where it does not run, the default finder parses only the
        # sentences that hold an attribution with it; where it runs, reads its parse.
        parser = nlp.get_pipe("parser") if "parser" in nlp.component_names else None
        self.find: Finder = finders.get(finder, model_path, parser=parser)

    def __call__(self, doc: Doc) -> Doc:
        return self._finish(doc, self.find(doc))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Like spaCy's trainable components: a batch of docs goes through the span finder at once."""
        find_many = getattr(self.find, "find_many", None)
        if find_many is None:
            for doc in docs:
                yield self(doc)
            return
        for batch in minibatch(docs, size=batch_size):
            for doc, attributions in zip(batch, find_many(batch)):
                yield self._finish(doc, attributions)

    def _finish(self, doc: Doc, attributions: list) -> Doc:
        """Every stage after span finding, on one doc."""
        blockquotes.add_blockquotes(doc, attributions)
        embedded.add_embedded(doc, attributions)
        table = entities.build(doc, attributions)
        speakers.resolve_speakers(attributions, table)
        context.place(doc, attributions, table)
        acts.assign(doc, attributions)
        doc._.quotes = [q.to_dict() for q in build.build_quotes(doc, attributions)]
        doc._.entities = [e.to_dict() for e in table.to_model()]
        return doc


@Language.factory(
    "quotegraph",
    assigns=["doc._.quotes", "doc._.entities"],
    requires=["token.tag", "token.lemma", "token.ent_iob"],
    default_config={"finder": "auto", "model_path": None},
)
def make_quotegraph(nlp: Language, name: str, finder: str, model_path: str | None) -> Any:
    return QuotegraphComponent(nlp, name, finder, model_path)
