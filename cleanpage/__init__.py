"""cleanpage: turn a scraped web page (HTML or a plain-text dump) into its article, and say what was removed.

>>> import cleanpage
>>> r = cleanpage.clean("Headline here\\nA long first paragraph of the article ...")
>>> r.text, r.removed
"""

from ._version import __version__
from .batch import clean_many
from .config import Config
from .errors import (
    CleanpageError,
    ConfigError,
    InputTooLargeError,
    NotAPageError,
    RuleError,
    TimeBudgetExceededError,
)
from .pipeline import Cleaner, clean
from .result import Block, LineVerdict, Metadata, RelatedEntry, Removal, Result, Verdicts
from .rules import RuleSet, load_rules

__all__ = [
    "Block",
    "Cleaner",
    "CleanpageError",
    "Config",
    "ConfigError",
    "InputTooLargeError",
    "LineVerdict",
    "Metadata",
    "NotAPageError",
    "RelatedEntry",
    "Removal",
    "Result",
    "RuleError",
    "RuleSet",
    "TimeBudgetExceededError",
    "Verdicts",
    "__version__",
    "clean",
    "clean_many",
    "load_rules",
]
