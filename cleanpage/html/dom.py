"""DOM cruft rules: remove widgets (related lists, share bars, ad slots, comments ...) by their markup.

An index of the tags and attribute values the rules test for rules most elements out in one pass over the
tree; the selectors themselves run only on the few elements left.
A class name such as ``related`` or ``share`` sometimes wraps the article itself, so a candidate that holds
the page's main text is never removed: see `_MainText.holds_main_text`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..normalize import normalize_line
from ..rules.model import DomRule
from .selector import Condition, xpath_literal

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
#: Share of the page's prose (text runs of `PROSE_WORDS` words or more) the DOM rules may remove in all.
MAX_PROSE_SHARE = 0.5
PROSE_WORDS = 12

_TEXT_XPATH = "|".join(f"ancestor::{t}" for t in NON_TEXT)
_HIDDEN_TEXT = "|".join(f".//{t}//text()" for t in NON_TEXT)
#: The visible text nodes long enough to hold `PROSE_WORDS` words (libxml2 leaves the short ones out).
_PROSE_XPATH = f".//text()[string-length() >= {2 * PROSE_WORDS - 1}][not({_TEXT_XPATH})]"


#: Kinds of removed widgets whose lines are kept: they hold related entries or metadata.
LINES_KINDS = frozenset({"related", "footer", "byline"})


@dataclass(frozen=True)
class DomRemoval:
    """An element a DOM rule removed: its text (one normalised line), kind and rule id, in document order,
    and for the kinds in `LINES_KINDS` its text nodes, one normalised line each (a related block's entries
    and a footer's copyright are read from them); `prose` is its `prose_words`."""

    text: str
    kind: str
    rule: str
    position: int
    lines: tuple[str, ...] = ()
    prose: int = 0


@dataclass(frozen=True)
class _ValueTest:
    """Whether a lower-cased attribute value passes any of a set of attribute tests (the CSS operators):
    substrings in one regular expression, the others by string methods, which beat a regex here."""

    substrings: re.Pattern[str] | None = None  # *=
    equals: frozenset[str] = frozenset()  # =, and |= without its suffix
    tokens: frozenset[str] = frozenset()  # ~=
    prefixes: tuple[str, ...] = ()  # ^=, and |= as "value-"
    suffixes: tuple[str, ...] = ()  # $=

    def __call__(self, low: str) -> bool:
        return bool(
            (self.substrings is not None and self.substrings.search(low))
            or low in self.equals
            or (self.tokens and not self.tokens.isdisjoint(low.split()))
            or (self.prefixes and low.startswith(self.prefixes))
            or (self.suffixes and low.endswith(self.suffixes))
        )

    @classmethod
    def of(cls, conditions: Collection[Condition]) -> _ValueTest:
        """The test that passes a value when any of `conditions` (all with an operator) does."""
        by_op: dict[str, set[str]] = {}
        for c in conditions:
            by_op.setdefault(c.op, set()).add(c.value)
        dashed = by_op.get("|=", set())
        return cls(
            _trie(by_op["*="]) if "*=" in by_op else None,
            frozenset(by_op.get("=", set()) | dashed),
            frozenset(by_op.get("~=", set())),
            tuple(sorted(by_op.get("^=", set()) | {v + "-" for v in dashed})),
            tuple(sorted(by_op.get("$=", set()))),
        )


@dataclass(frozen=True)
class _Plan:
    """A rule set ready to run: what an element needs for each rule to possibly match it (one of the tags
    the rule names, or an attribute whose value holds a literal the rule tests for), merged over all the
    rules into one cheap test that rules most elements out; the selectors then run on the few left.

    Every compound of a selector must hold all its conditions, so its first one is enough to index it.
    """

    rules: tuple[DomRule, ...]
    anywhere: tuple[int, ...]  # rules with a compound that names no tag and no condition: any element
    tags: dict[str, tuple[int, ...]]  # tag -> the rules it indexes
    present: dict[str, tuple[int, ...]]  # attribute whose mere presence indexes rules -> those rules
    valued: tuple[tuple[str, _ValueTest, tuple[tuple[int, _ValueTest], ...]], ...]
    # ^ attribute, a test of all the rules' values on its lower-cased value, and each rule's own test

    def candidates(self, body: HtmlElement) -> list[HtmlElement]:
        """The elements below `body` that pass the index, in document order, from one XPath union: the
        attribute values are read as plain strings (libxml2 walks the tree and makes no element objects)
        and tested here once per distinct value; the union's variables hold the values that passed
        (element nodes whose text is the value, which libxml2 compares with the attribute as a set)."""
        if self.anywhere:
            return list(body.iterdescendants("*"))
        from lxml import etree

        paths = [f".//{tag}" for tag in sorted(self.tags)]
        paths.extend(f".//*/{_attribute(name)}/.." for name in sorted(self.present))
        variables: dict[str, Any] = {}
        for k, (name, test, _) in enumerate(self.valued):
            attribute = _attribute(name)
            values = {v for v in set(body.xpath(f".//*/{attribute}", smart_strings=False)) if test(v.lower())}
            if not values:
                continue
            holder = etree.Element("values")
            try:
                for value in values:
                    etree.SubElement(holder, "value").text = value
            except ValueError:  # a value libxml2 cannot hold as text: every element with the attribute
                paths.append(f".//*/{attribute}/..")
                continue
            variables[f"v{k}"] = list(holder)
            paths.append(f".//*/{attribute}[.=$v{k}]/..")
        if not paths:
            return []
        found: list[HtmlElement] = body.xpath(" | ".join(paths), **variables)
        return found

    def rule_for(self, element: HtmlElement, memo: dict[tuple[int, str], tuple[int, ...]]) -> DomRule | None:
        """The first rule whose selector matches `element`, if any (`memo` keeps each attribute value's
        indexed rules for the page)."""
        tag = element.tag
        positions = set(self.anywhere)
        positions.update(self.tags.get(tag, ()))
        for name, rules in self.present.items():
            if element.get(name) is not None:
                positions.update(rules)
        for k, (name, _, per_rule) in enumerate(self.valued):
            value = element.get(name)
            if value is None:
                continue
            hit = memo.get((k, value))
            if hit is None:
                low = value.lower()
                hit = memo[(k, value)] = tuple(i for i, test in per_rule if test(low))
            positions.update(hit)
        for i in sorted(positions):
            if self.rules[i].selector.matches(tag, element.get):
                return self.rules[i]
        return None


class _Rules:
    """Rules as a cache key by identity: hashing rules by value costs more than running the index on a page.
    The key holds the rules, so their ids stay theirs while the cache holds it."""

    __slots__ = ("key", "rules")

    def __init__(self, rules: tuple[DomRule, ...]) -> None:
        self.rules = rules
        self.key = tuple(map(id, rules))

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Rules) and self.key == other.key


@functools.lru_cache(maxsize=32)
def _plan(rules: _Rules) -> _Plan:
    anywhere: set[int] = set()
    tags: dict[str, set[int]] = {}
    present: dict[str, set[int]] = {}
    valued: dict[str, dict[int, list[Condition]]] = {}  # attribute -> rule -> the value tests indexing it
    for i, rule in enumerate(rules.rules):
        for compound in rule.selector.compounds:
            if compound.tag is not None:
                tags.setdefault(compound.tag, set()).add(i)
            elif not compound.conditions:
                anywhere.add(i)
            elif not compound.conditions[0].op:
                present.setdefault(compound.conditions[0].attr, set()).add(i)
            else:
                first = compound.conditions[0]
                valued.setdefault(first.attr, {}).setdefault(i, []).append(first)
    return _Plan(
        rules.rules,
        tuple(sorted(anywhere)),
        {t: tuple(sorted(v)) for t, v in tags.items()},
        {a: tuple(sorted(v)) for a, v in present.items()},
        tuple(
            (
                name,
                _ValueTest.of([c for cs in per_rule.values() for c in cs]),
                tuple((i, _ValueTest.of(cs)) for i, cs in sorted(per_rule.items())),
            )
            for name, per_rule in sorted(valued.items())
        ),
    )


def _trie(literals: Collection[str]) -> re.Pattern[str]:
    """A regular expression for any of the literal substrings, merged into a trie (common prefixes once),
    which Python's regex engine searches several times faster than a plain alternation."""
    trie: dict[str, Any] = {}
    for word in literals:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alternatives = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie))


def _attribute(name: str) -> str:
    """The XPath step to attribute `name` (a name XPath cannot spell is matched by name())."""
    return f"@{name}" if re.fullmatch(r"[A-Za-z_][\w.-]*", name) else f"@*[name()={xpath_literal(name)}]"


def apply_dom_rules(
    body: HtmlElement, rules: Sequence[DomRule], keep: Collection[str] = (), prose: int | None = None
) -> list[DomRemoval]:
    """Remove from `body` (in place) each element a rule matches, unless it holds the main text.

    A rule whose matches together hold the main text (a class name such as ``contextmenu`` on every
    paragraph of an article) removes nothing on that page: a single rule never empties a page. `prose` is
    the page's `prose_words` when the caller has counted them (each removal says how many it took).
    """
    active = tuple(r for r in rules if r.kind not in keep)
    if not active:
        return []
    plan = _plan(_Rules(active))
    guard: _MainText | None = None  # built on first need, so always before the first removal
    chosen: list[tuple[HtmlElement, DomRule]] = []
    gone: set[HtmlElement] = set()  # the widget chosen last and the candidates inside it so far
    memo: dict[tuple[int, str], tuple[int, ...]] = {}
    for element in plan.candidates(body):
        if gone:
            # in document order, the candidates inside a widget follow it: they go with it
            if any(a in gone for a in element.iterancestors()):
                gone.add(element)
                continue
            gone.clear()
        rule = plan.rule_for(element, memo)
        if rule is None or in_running_text(element):
            continue
        if guard is None:
            guard = _MainText(body)
        if guard.holds_main_text(element):
            continue
        chosen.append((element, rule))
        gone.add(element)
    if guard is None:
        return []
    vetoed = guard.rules_holding_main_text(chosen)
    chosen = [(element, rule) for element, rule in chosen if rule.id not in vetoed]
    texts = [text_nodes(element) for element, _rule in chosen]
    held = [_prose_in(nodes) for nodes in texts]
    spared = _sparing_prose(held, prose_words(body) if prose is None else prose)
    removed: list[DomRemoval] = []
    for k, (element, rule) in enumerate(chosen):
        if k in spared:
            continue
        nodes = texts[k]
        text = normalize_line(" ".join(nodes))
        _drop(element)
        if text:
            lines = tuple(filter(None, map(normalize_line, nodes))) if rule.kind in LINES_KINDS else ()
            removed.append(DomRemoval(text, rule.kind, rule.id, len(removed), lines, held[k]))
    return removed


#: The article a DOM rule's example is put beside when the example is checked (see `example_failure`).
EXAMPLE_ARTICLE = (
    "The river ferry will run every half hour from next spring, the transport board said on Tuesday, after "
    "a year in which the service carried more passengers than in any year since it opened.",
    "Two new boats are being built at the yard downstream, and the board expects the first of them to "
    "join the service in March, once its crew has finished training on the older vessels.",
    "Fares will stay the same for the coming year, although the board said it would look again at the "
    "price of the monthly pass once it knows what the new boats cost to run in winter.",
)


def example_failure(rule: DomRule, snippet: str, removes: bool) -> str | None:
    """Why `snippet` fails as an example (`removes`) or counter-example of `rule`, or None when it passes.

    The snippet is put after a short article in a page and the rule runs on that page alone: an example
    must be removed as one widget with the article left whole; a counter-example must be left alone.
    """
    from .extract import parse

    paragraphs = "".join(f"<p>{p}</p>" for p in EXAMPLE_ARTICLE)
    page = f"<html><head><title>Ferry</title></head><body><article>{paragraphs}</article>{snippet}</body>"
    tree = parse(page)
    body = tree.find("body") if tree is not None else None
    if body is None:
        return "the page around it could not be parsed"
    removed = apply_dom_rules(body, [rule])
    if not removes:
        return f"counter-example is removed: {removed[0].text!r}" if removed else None
    if len(removed) != 1:
        return "example is not removed" if not removed else f"example is removed as {len(removed)} widgets"
    if not all(p in normalize_line(body.text_content()) for p in EXAMPLE_ARTICLE):
        return "example is removed with the article"
    return None


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
    if (
        element.tag in NON_TEXT
        or next(element.iterdescendants(*NON_TEXT), None) is not None
        or next(element.iterancestors(*NON_TEXT), None) is not None
    ):
        visible: list[str] = element.xpath(f".//text()[not({_TEXT_XPATH})]", smart_strings=False)
        return visible
    return list(element.itertext())  # nothing hidden in or around it: all its text, without XPath


def text_of(element: HtmlElement) -> str:
    """The visible text below `element` as one normalised line."""
    return normalize_line(" ".join(text_nodes(element)))


class _MainText:
    """Where the page's main text is: its longest text runs and its total length (computed once per page)."""

    def __init__(self, body: HtmlElement) -> None:
        nodes: list[str] = body.xpath(".//text()", smart_strings=False)
        hidden: list[str] = body.xpath(_HIDDEN_TEXT, smart_strings=False)
        self.total = sum(map(len, map(str.strip, nodes))) - sum(map(len, map(str.strip, hidden)))
        # only the long runs come as smart strings, which know their element
        long: list[Any] = body.xpath(f".//text()[string-length() >= {MAIN_RUN_CHARS}]")
        holders: list[list[HtmlElement]] = []
        for run in sorted(long, key=len, reverse=True):
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

    def rules_holding_main_text(self, chosen: Sequence[tuple[HtmlElement, DomRule]]) -> set[str]:
        """The ids of the rules whose chosen elements together hold the main text (as `holds_main_text`
        judges one element)."""
        by_rule: dict[str, list[HtmlElement]] = {}
        for element, rule in chosen:
            by_rule.setdefault(rule.id, []).append(element)
        vetoed: set[str] = set()
        for rule_id, elements in by_rule.items():
            if len(elements) < 2:
                continue  # one element was judged alone already
            if self.holders:
                inside = sum(1 for h in self.holders if any(e in h for e in elements))
                if inside * 2 >= len(self.holders):
                    vetoed.add(rule_id)
                    continue
            if self.total and sum(len(t.strip()) for e in elements for t in text_nodes(e)) >= (
                MAX_SHARE * self.total
            ):
                vetoed.add(rule_id)
        return vetoed


def prose_words(element: HtmlElement) -> int:
    """Words in the runs of text at or below `element` that read as prose (`PROSE_WORDS` words or more in
    one text node): menus and labels are made of short runs, paragraphs of long ones."""
    runs: list[str] = element.xpath(_PROSE_XPATH, smart_strings=False)
    return _prose_in(runs)


def _prose_in(texts: Iterable[str]) -> int:
    """Words in those of `texts` (text nodes) that hold `PROSE_WORDS` words or more."""
    return sum(n for n in map(len, map(str.split, texts)) if n >= PROSE_WORDS)


def _sparing_prose(held: Sequence[int], page: int) -> set[int]:
    """Which of the chosen elements (`held`: the prose words of each) to leave in place so that the removals
    take at most `MAX_PROSE_SHARE` of the page's `page` prose words: widgets hold little of it, and a page
    whose matches hold most of it has its article among them (a recipe's steps in boxes whose class names
    read as promos). Those holding the most are spared first."""
    taken = sum(held)
    if not taken:
        return set()
    bound = MAX_PROSE_SHARE * page
    spared: set[int] = set()
    for n, k in sorted(((n, k) for k, n in enumerate(held)), reverse=True):
        if taken <= bound or n == 0:
            break
        spared.add(k)
        taken -= n
    return spared


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
