"""The ``iom_dates`` component: event-date spans with ISO values, from the grammar of :mod:`.dates_grammar`.

French spaCy models have no DATE label; this component finds date expressions itself and writes one span per
expression to ``doc.spans["iom_dates"]``, each with ``span._.iom_date = {"start", "end", "year_source",
"relative"}``. The publication date, when the pipeline knows it, is read from ``doc.user_data["iom_published"]``
(an ISO string); without it no year is guessed and relative expressions keep ``start = end = None``.

A list of days ("les 21 et 24 février") gives one span per day ("les 21", "24 février"): span values are keyed by
offsets, so two values cannot share one span.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import RuleComponent
from .dates_grammar import DateGrammar, DateMatch, load_grammar, parse_published
from .extensions import PUBLISHED_KEY, SPAN_KEYS, ensure_extensions

SPAN_KEY = SPAN_KEYS["event_dates"]
LABEL = "DATE"


@Language.factory(
    "iom_dates",
    assigns=["doc.spans", "span._.iom_date"],
    default_config={"spans_key": SPAN_KEY},
)
def make_dates(nlp: Language, name: str, spans_key: str) -> "DateFinder":
    """Build the ``iom_dates`` component (``nlp.add_pipe("iom_dates")``)."""
    return DateFinder(nlp, name, spans_key=spans_key)


class DateFinder(RuleComponent):
    """Find date expressions in a Doc and store them as spans with normalised values."""

    def __init__(self, nlp: Language, name: str = "iom_dates", *, spans_key: str = SPAN_KEY) -> None:
        ensure_extensions()
        self.name = name
        self.spans_key = spans_key
        self.grammar: DateGrammar = load_grammar()  # compiled once, at load time

    def match(self, doc: Doc) -> list[DateMatch]:
        """The date expressions of the Doc's text, resolved against its publication date when one is set."""
        published = parse_published(doc.user_data.get(PUBLISHED_KEY))
        return self.grammar.find(doc.text, published)

    def set_annotations(self, doc: Doc, matches: list[DateMatch]) -> None:
        """Write one span per match to ``doc.spans[spans_key]`` and its value to ``span._.iom_date``."""
        spans: list[Span] = []
        seen: set[tuple[int, int]] = set()
        for m in matches:
            span = doc.char_span(m.start_char, m.end_char, label=LABEL, alignment_mode="expand")
            if span is None or (span.start_char, span.end_char) in seen:
                continue
            seen.add((span.start_char, span.end_char))
            span._.iom_date = m.value()
            spans.append(span)
        doc.spans[self.spans_key] = spans
