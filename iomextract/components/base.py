"""What every iomextract component shares: spaCy's match / set_annotations split under the error handler."""
from __future__ import annotations

from typing import Any

from spacy.pipeline import Pipe
from spacy.tokens import Doc


class RuleComponent(Pipe):
    """A rule-based pipe: ``match(doc)`` finds, ``set_annotations(doc, matches)`` writes.

    As in spaCy's own components, a failure goes to the pipeline's error handler (which re-raises by default, or
    skips the document under ``nlp.set_error_handler``) instead of being swallowed here.
    """

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.match(doc))
        except Exception as err:
            error_handler(self.name, self, [doc], err)
        return doc

    def match(self, doc: Doc) -> Any:
        raise NotImplementedError

    def set_annotations(self, doc: Doc, matches: Any) -> Any:
        raise NotImplementedError
