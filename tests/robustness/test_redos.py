"""No catastrophic backtracking or quadratic scans: every extractor meets adversarial inputs in bounded time.

Pure functions get 100,000 characters; the rule components (on a blank tokenizer, no model) get 10,000 in the fast
suite and 100,000 in the slow one. A run over the time limit is a failure: it means a regex backtracks or a loop
rescans the text for each match.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iomextract.acronyms import find_definitions
from iomextract.chunking import tokenize
from iomextract.components.contacts import (
    ContactSettings,
    RegionHints,
    _lines,
    _lines_between,
    build_lexicon,
    find_blocks,
)
from iomextract.components.dates_grammar import find_dates
from iomextract.components.emails import find_emails
from iomextract.components.phones import find_phones
from iomextract.prepare import prepare

LIMIT = 5.0  # seconds; generous for a shared machine, far below what a backtracking regex takes
UNITS = {
    "a@": "a@", "digits": "1 2 ", "digit-run": "1", "nested-parens": None, "open-parens": "(",
    "du-au": "du 1 au 1 au ", "tel": "Tél. +", "capitalised": "Organisation Internationale Des Migrations ",
    "capitalised-run": "Abc", "financed": "financé par ", "financed-by": "financé par l'Union européenne et ",
    "acronym-parens": "(ABC) ", "definitions": "Organisation Mondiale (OM) ", "acronym": "OIM ",
    "place": "Genève ", "email": "jdoe@iom.int ", "contact": "Contact : Jean Dupont, ", "phone": "+41 22 717 91 11 ",
    "date": "le 3 juin 2021, ", "dots": "a.", "mailto": "mailto:", "tags": "<a ", "entities": "&amp;",
    "ampersands": "&", "quotes": "'", "apostrophes": "’", "slashes": "1/", "thousands": "12 345 678 ",
    "contact-blocks": "Contact : Genève, Tél. +41 22 717 91 11\n",
}


def adversarial(name: str, size: int) -> str:
    if UNITS[name] is None:
        return "(" * (size // 2) + ")" * (size // 2)
    unit = UNITS[name]
    return (unit * (size // len(unit) + 1))[:size]


def timed(fn, *args, **kwargs) -> float:
    started = time.monotonic()
    fn(*args, **kwargs)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def lexicon(blank_nlp):
    return build_lexicon(ContactSettings(), blank_nlp.Defaults.stop_words)


@pytest.mark.parametrize("name", sorted(UNITS))
def test_pure_extractors_are_linear(name, lexicon):
    text = adversarial(name, 100_000)
    assert timed(prepare, text) < LIMIT
    assert timed(find_dates, text, "2021-06-10") < LIMIT
    assert timed(find_emails, text) < LIMIT
    assert timed(find_definitions, text) < LIMIT
    blocks = find_blocks(text, lexicon)
    hints = RegionHints(text, lexicon, blocks)
    assert timed(find_phones, text, lexicon.phone_rules, regions_at=hints.regions_at,
                 contact_at=lambda pos: hints.contact_at(pos, lexicon)) < LIMIT


@pytest.mark.parametrize("name, size", [("digits", 200_000), ("acronym", 200_000), ("acronym-parens", 50_000),
                                        ("contact-blocks", 100_000), ("financed-by", 200_000)])
def test_regressions_that_were_quadratic(name, size, rules_nlp):
    """Phones in a long line rescanned the line for each number; acronyms in parentheses rescanned the text
    before each one; a body named thousands of times compared every mention with every other; each contact block
    split the whole text into lines and each phone sorted every place of the text; each funder mention scanned
    every organisation and place span, and was compared with every other funder mention. At these sizes each took from
    20 s to hours before its fix and takes a second or two now."""
    doc = tokenize(rules_nlp, adversarial(name, size))
    for _, proc in rules_nlp.pipeline:
        if proc.name in ("iom_contacts", "iom_organisations", "iom_funders"):
            assert timed(proc, doc) < 3 * LIMIT, proc.name


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.text(alphabet="ab\n", max_size=30), a=st.integers(0, 32), b=st.integers(0, 32))
def test_lines_between_is_the_lines_overlapping_a_range(text, a, b):
    a, b = min(a, len(text)), min(b, len(text))
    assert _lines_between(text, a, b) == [(s, e) for s, e in _lines(text) if e > a and s < b]


def _components_in_bounded_time(rules_nlp, text: str, limit: float = LIMIT) -> None:
    doc = tokenize(rules_nlp, prepare(text).text)
    for name, proc in rules_nlp.pipeline:
        assert timed(proc, doc) < limit, name


@pytest.mark.parametrize("name", sorted(UNITS))
def test_components_in_bounded_time(name, rules_nlp):
    _components_in_bounded_time(rules_nlp, adversarial(name, 10_000))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(UNITS))
def test_components_in_bounded_time_on_100k_characters(name, rules_nlp):
    _components_in_bounded_time(rules_nlp, adversarial(name, 100_000), limit=2 * LIMIT)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["du-au", "tel", "financed", "capitalised", "nested-parens", "a@"])
def test_the_model_pipeline_in_bounded_time(name, nlp):
    import iomextract

    started = time.monotonic()
    iomextract.parse(adversarial(name, 20_000), nlp=nlp)
    assert time.monotonic() - started < 60
