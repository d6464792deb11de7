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

A rule with a ``selector`` instead of a ``pattern`` is a DOM rule (`DomRule`, in `RuleSet.dom`): it runs
on the markup of HTML pages before extraction and removes the elements it matches (packs/dom.toml).
Selectors are a subset of CSS without combinators (``tag .class #id [attr] [attr=v] [attr~=v] [attr|=v]
[attr^=v] [attr$=v] [attr*=v] :not(...)``), values compared without regard to case; see
`cleanpage.html.selector`.
"""

from .loader import builtin_languages, check_file, load_file, load_rules, load_text
from .model import KINDS, SCOPES, DomRule, Rule, RuleHit, RuleSet

__all__ = [
    "KINDS",
    "SCOPES",
    "DomRule",
    "Rule",
    "RuleHit",
    "RuleSet",
    "builtin_languages",
    "check_file",
    "load_file",
    "load_rules",
    "load_text",
]
