"""One catalogue of iomextract's errors and warning codes.

Errors carry a code in brackets (``[E001]``) so users can search for them; warning codes are the machine-readable
strings that end up in ``Release.warnings``. Code ranges, one per module, so a code names where it was raised:

- E001-E009 resources (a broken installation), E010-E019 pipeline loading, E020-E029 ``parse``/``parse_many``
  options, E030-E039 evaluation corpora, E060-E069 display, E070-E079 pandas frames;
- E101-E109 ``types`` (dates and records), E201-E299 page preparation;
- E301-E399 contacts (phones, e-mails), E401-E499 dates, E501-E599 funders, E601-E699 organisations,
  E701-E799 locations, E801-E899 batch processing.
"""
from __future__ import annotations


class IomExtractError(Exception):
    """Base class of the errors raised by iomextract."""


class ResourceNotFound(IomExtractError, FileNotFoundError):
    """A rule resource of ``models/`` is missing: the installation is broken."""


class ModelNotInstalled(IomExtractError, OSError):
    """The spaCy model asked for is not installed."""


class GoldFormatError(IomExtractError, ValueError):
    """A gold annotation file does not follow the corpus guidelines."""


class Warnings:
    """Codes that may appear in ``Release.warnings``."""

    NAVIGATION_REMOVED = "navigation_removed"
    LOST_LETTERS_REPAIRED = "lost_letters_repaired"
    HTML_REMNANTS_REPAIRED = "html_remnants_repaired"
    LINES_UNWRAPPED = "lines_unwrapped"
    MOJIBAKE_REPAIRED = "mojibake_repaired"
    ENCODING_GUESSED = "encoding_guessed"
    HTML_INPUT = "html_input"
    TRUNCATED = "truncated"
    EMPTY_INPUT = "empty_input"
    NO_TITLE = "no_title"
    NOT_FRENCH = "not_french"
