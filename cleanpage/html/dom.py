"""DOM cruft rules: remove widgets (related lists, share bars, ad slots, comments ...) by their markup.

An index of the tags and attribute values the rules test for rules most elements out in one pass over the
tree; the selectors themselves run only on the few elements left.
A class name such as ``related`` or ``share`` sometimes wraps the article itself, so a candidate that holds
the page's main text is never removed: see `_MainText.holds_main_text`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..normalize import normalize_line
from ..rules.model import DomRule

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Text nodes inside these elements are not page text (code, styles, templates).
NON_TEXT = ("script", "style", "noscript", "template")
#: How many of the page's longest text runs stand for its main text.
MAIN_RUNS = 3
#: Shortest text run (characters) that may stand for the main text: shorter runs are labels and links.
MAIN_RUN_CHARS = 80
#: A candidate holding this share of the page's text is never removed, whatever its class says.
MAX_SHARE = 0.5

_TEXT_XPATH = "|".join(f"ancestor::{t}" for t in NON_TEXT)
_HIDDEN_TEXT = "|".join(f".//{t}//text()" for t in NON_TEXT)


@dataclass(frozen=True)
class DomRemoval:
    """An element a DOM rule removed: its text (one normalised line), kind and rule id, in document order."""

    text: str
    kind: str
    rule: str
    position: int


@dataclass(frozen=True)
class _Index:
    """What an element needs for some rule to match it: one of these tags, or an attribute whose value
    holds one of the literal values the rules test for (a cheap test that rules most elements out)."""

    tags: frozenset[str]
    any_tag: bool
    attributes: tuple[tuple[str, re.Pattern[str] | None], ...]

    @property
    def xpath(self) -> str:
        """Elements with one of the tags or attributes (libxml2 filters; `may_match` tests the values)."""
        if self.any_tag:
            return ".//*"
        tests = [f"self::{t}" for t in sorted(self.tags)] + [f"@{name}" for name, _ in self.attributes]
        return f".//*[{' or '.join(tests)}]" if tests else ".//*[false()]"

    def may_match(self, element: HtmlElement) -> bool:
        if self.any_tag or element.tag in self.tags:
            return True
        for name, values in self.attributes:
            value = element.get(name)
            if value and (values is None or values.search(value.lower())):
                return True
        return False


@functools.lru_cache(maxsize=32)
def _index(rules: tuple[DomRule, ...]) -> _Index:
    tags: set[str] = set()
    any_tag = False
    values: dict[str, set[str] | None] = {}
    for rule in rules:
        for compound in rule.selector.compounds:
            if compound.tag is not None:
                tags.add(compound.tag)
                continue
            if not compound.conditions:
                any_tag = True
                continue
            first = compound.conditions[0]  # every condition must hold: the first one is enough to index
            if not first.op:
                values[first.attr] = None
            elif values.get(first.attr, set()) is not None:
                values.setdefault(first.attr, set()).add(first.regex())  # type: ignore[union-attr]
    attributes = tuple(
        (name, None if vals is None else re.compile("|".join(sorted(vals))))
        for name, vals in sorted(values.items())
    )
    return _Index(frozenset(tags), any_tag, attributes)


def apply_dom_rules(
    body: HtmlElement, rules: Sequence[DomRule], keep: Collection[str] = ()
) -> list[DomRemoval]:
    """Remove from `body` (in place) each element a rule matches, unless it holds the main text."""
    active = tuple(r for r in rules if r.kind not in keep)
    if not active:
        return []
    index = _index(active)
    found = [e for e in body.xpath(index.xpath) if index.may_match(e)]
    if not found:
        return []
    guard = _MainText(body)
    removed: list[DomRemoval] = []
    root = body.getroottree().getroot()
    per_rule = [(_index((r,)), r) for r in active]
    for element in found:
        top = element.xpath("ancestor::*[last()]")
        if not top or top[0] is not root:
            continue  # inside a widget already removed
        tag = element.tag
        rule = next(
            (r for i, r in per_rule if i.may_match(element) and r.selector.matches(tag, element.get)), None
        )
        if rule is None or in_running_text(element) or guard.holds_main_text(element):
            continue
        text = text_of(element)
        _drop(element)
        if text:
            removed.append(DomRemoval(text, rule.kind, rule.id, len(removed)))
    return removed


def in_running_text(element: HtmlElement) -> bool:
    """Whether text stands right before or after `element`: then it is part of a sentence, not a widget."""
    if element.tail and element.tail.strip():
        return True
    previous = element.getprevious()
    parent = element.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else None)
    return bool(before and before.strip())


def text_nodes(element: HtmlElement) -> list[str]:
    """The text below `element` that a reader sees (no script, style or template content)."""
    nodes: list[str] = element.xpath(f".//text()[not({_TEXT_XPATH})]")
    return nodes


def text_of(element: HtmlElement) -> str:
    """The visible text below `element` as one normalised line."""
    return normalize_line(" ".join(text_nodes(element)))


class _MainText:
    """Where the page's main text is: its longest text runs and its total length (computed once per page)."""

    def __init__(self, body: HtmlElement) -> None:
        nodes: list[Any] = body.xpath(".//text()")
        hidden: list[str] = body.xpath(_HIDDEN_TEXT)
        self.total = sum(len(t.strip()) for t in nodes) - sum(len(t.strip()) for t in hidden)
        holders: list[list[HtmlElement]] = []
        for run in sorted((n for n in nodes if len(n) >= MAIN_RUN_CHARS), key=len, reverse=True):
            parent = run.getparent()
            if parent is not None and run.is_tail:
                parent = parent.getparent()
            if parent is None or parent.tag in NON_TEXT:
                continue
            holders.append([parent, *parent.iterancestors()])
            if len(holders) == MAIN_RUNS:
                break
        self.holders = [set(h) for h in holders]
        self._alive = holders  # keeps the element proxies (and so their identity) alive

    def holds_main_text(self, element: HtmlElement) -> bool:
        """Whether removing `element` would take the article: it holds most of the page's longest text runs
        or at least `MAX_SHARE` of the page's text."""
        if self.holders:
            inside = sum(1 for h in self.holders if element in h)
            if inside * 2 >= len(self.holders):
                return True
        if self.total:
            bound = MAX_SHARE * self.total
            if len(element.xpath("string()")) >= bound:  # cheap upper bound first: it counts scripts too
                size = sum(len(t.strip()) for t in text_nodes(element))
                if size >= bound:
                    return True
        return False


def _drop(element: HtmlElement) -> None:
    """Remove `element` and its subtree, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
