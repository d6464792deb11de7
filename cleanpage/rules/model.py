"""Compiled rules and rule sets: immutable values, safe to share across threads and pickle to workers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeAlias

import regex

if TYPE_CHECKING:
    from ..html.selector import Selector

Scope: TypeAlias = Literal["line", "inline", "block_start", "block_end", "trailer"]

#: What each scope means for the lines around a match.
SCOPES: Mapping[str, str] = {
    "line": "the matching line is cruft",
    "inline": "the matching line is cruft set among content (a button between sections): it splits nothing",
    "block_start": "the matching line heads a cruft block (related, comments ...) whose entries follow",
    "block_end": "the matching line closes a cruft block",
    "trailer": "the matching line is cruft and marks the end of the article: later lines are not body",
}

#: Every cruft kind a rule may have, with what it covers.
KINDS: Mapping[str, str] = {
    "copyright": "copyright and all-rights-reserved lines",
    "distribution": "syndication and distribution lines",
    "credit": "credit lines: reporting, editing, assistance, translation",
    "separator": "lines used as rules: dashes, asterisks, hash marks",
    "byline": "standalone bylines and author lines",
    "dateline": "standalone datelines",
    "timestamp": "relative and absolute timestamps on their own line",
    "advertisement": "ad markers and sponsored labels",
    "promo": "app, AI-feature, subscription and product promos",
    "newsletter": "newsletter sign-up boxes",
    "call-to-action": "sales and shop buttons alone on a line: book a demo, contact sales, buy now",
    "share": "share, follow and social-button text",
    "comments": "comment widgets",
    "tags": "hashtag and tag lists",
    "caption": "photo captions and credits",
    "consent": "cookie and consent banners",
    "paywall": "paywall and subscriber-only notices",
    "navigation": "navigation menus, breadcrumbs, skip links",
    "footer": "page footers: legal links, contact, site info",
    "related": "related, recommended and trending blocks",
    "ai-summary": "machine-written summary boxes: their AI label and the bullets or sentences under it",
    "market": "market-data panels: stock-performance headings and fields, market-data labels",
    "tools": "page tools: print, e-mail, text size, save, report an error, feedback prompts",
    "obituary": "obituary and classified furniture: guest books, flower orders, publication runs",
    "shop": "a shop's furniture around a product: stock status, delivery and returns, payment plans, ratings",
}


@dataclass(frozen=True)
class Rule:
    """One cruft rule: where it applies, what it matches, and the cases that prove it."""

    id: str
    kind: str
    scope: Scope
    pattern: regex.Pattern[str]
    languages: frozenset[str]
    max_words: int
    weight: float
    description: str = ""
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    origin: str = "<memory>"

    def applies_to(self, language: str) -> bool:
        """Whether this rule runs on pages of `language`."""
        return "*" in self.languages or language in self.languages

    def match(self, line: str, n_words: int | None = None) -> regex.Match[str] | None:
        """The match of this rule in one normalised line, or None (lines over `max_words` never match)."""
        if n_words is None:
            n_words = len(line.split())
        if n_words > self.max_words:
            return None
        return self.pattern.search(line)


@dataclass(frozen=True)
class DomRule:
    """One cruft rule on HTML markup: elements its `selector` matches are removed before extraction."""

    id: str
    kind: str
    selector: Selector
    description: str = ""
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    origin: str = "<memory>"


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired on a line, with the named groups it captured (metadata such as a year)."""

    rule: Rule
    groups: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RuleSet:
    """An ordered, immutable set of rules plus the stop-word lists of the languages it knows.

    `rules` run on lines of text; `dom` rules run on the markup of HTML pages, before extraction.
    """

    rules: tuple[Rule, ...]
    stopwords: Mapping[str, frozenset[str]] = field(default_factory=dict)
    dom: tuple[DomRule, ...] = ()

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}  # id -> the file it came from
        every: tuple[Rule | DomRule, ...] = (*self.rules, *self.dom)
        for rule in every:
            if rule.id in seen:
                from ..errors import RuleError

                raise RuleError(rule.origin, rule.id, f"duplicate rule id: {seen[rule.id]} has it too")
            seen[rule.id] = rule.origin

    def __hash__(self) -> int:
        return hash((tuple(r.id for r in self.rules), tuple(r.id for r in self.dom)))

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with a stop-word list, in sorted order."""
        return tuple(sorted(self.stopwords))

    @property
    def ids(self) -> frozenset[str]:
        """Every rule id in the set (text and DOM rules)."""
        return frozenset(r.id for r in self.rules) | frozenset(r.id for r in self.dom)

    def for_language(self, language: str) -> tuple[Rule, ...]:
        """The rules that run on pages of `language`, in order."""
        return tuple(r for r in self.rules if r.applies_to(language))

    def without(self, ids: Iterable[str]) -> RuleSet:
        """A copy without the given rule ids (unknown ids are an error, to catch typos)."""
        wanted = frozenset(ids)
        unknown = sorted(wanted - self.ids)
        if unknown:
            from ..errors import ConfigError

            raise ConfigError(f"disable names unknown rule id(s): {', '.join(unknown)}")
        return RuleSet(
            tuple(r for r in self.rules if r.id not in wanted),
            self.stopwords,
            tuple(r for r in self.dom if r.id not in wanted),
        )

    def merged(self, other: RuleSet) -> RuleSet:
        """This set followed by `other`'s rules; stop words of one language are united."""
        stop = dict(self.stopwords)
        for lang, words in other.stopwords.items():
            stop[lang] = stop.get(lang, frozenset()) | words
        return RuleSet(self.rules + other.rules, stop, self.dom + other.dom)
