"""Rules as data: shipped TOML packs (and users' own files) loaded into compiled, validated rule sets.

A pack is a TOML file whose top-level tables are cruft kinds, each an array of rules::

    [pack]
    language = "en"              # or "*" for rules of every language
    stopwords = ["the", "of"]    # used by the content detector and language detection

    [[copyright]]
    id = "en.copyright.all-rights-reserved"
    scope = "trailer"            # line | block_start | block_end | trailer
    pattern = '(?i)\\ball rights reserved\\b'
    max_words = 40               # the rule only looks at lines this short
    examples = ["© 2025 Example Media. All rights reserved."]
    counter_examples = ["The court said all rights reserved by the treaty remain."]

Patterns use the ``regex`` package and are searched in one normalised line at a time.
"""

from .model import KINDS, SCOPES, Rule, RuleHit, RuleSet
from .loader import builtin_languages, load_file, load_rules, load_text

__all__ = [
    "KINDS",
    "SCOPES",
    "Rule",
    "RuleHit",
    "RuleSet",
    "builtin_languages",
    "load_file",
    "load_rules",
    "load_text",
]
