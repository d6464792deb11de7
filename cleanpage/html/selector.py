"""The selectors of DOM rules: a small subset of CSS that matches an element by its own tag and attributes.

Grammar (one or more compound selectors separated by commas)::

    compound  :=  [tag | *] part*          at least one tag or part
    part      :=  .class | #id | [attr] | [attr OP value] | :not(compound)
    OP        :=  =  ~=  |=  ^=  $=  *=    as in CSS; value quoted ('x' or "x") or a bare word

There are no combinators (no descendant or child selectors): a rule says what a widget's own element looks
like, and the removal takes the element with everything inside it. Attribute values are compared without
regard to ASCII case, so ``[class*=share]`` matches ``ShareBar`` too; tag names are lower case.

A selector is matched two ways that agree: compiled to one XPath 1.0 predicate (so all the rules of a set
find their candidates in one pass of libxml2 over the tree) and matched in Python against one element (to
tell which rule a candidate belongs to).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: Attribute operators, as in CSS.
OPERATORS = ("=", "~=", "|=", "^=", "$=", "*=")

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_IDENT = r"-?[A-Za-z_][\w-]*"
_TOKEN = re.compile(
    rf"""\s*(?:
      (?P<tag>{_IDENT}|\*)
    | \.(?P<cls>{_IDENT})
    | \#(?P<id>[\w-]+)
    | \[\s*(?P<attr>{_IDENT})\s*
        (?:(?P<op>[~|^$*]?=)\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]
    | (?P<not>:not\()
    | (?P<close>\))
    | (?P<comma>,)
    )""",
    re.VERBOSE,
)


class SelectorError(ValueError):
    """A selector outside the supported subset; the message says what and where."""


@dataclass(frozen=True)
class Condition:
    """One attribute test: ``[attr]`` when `op` is empty, else ``[attr op value]`` (value in lower case)."""

    attr: str
    op: str = ""
    value: str = ""

    def test(self, get: Callable[[str], str | None]) -> bool:
        """Whether an element (given by its attribute getter) passes this test."""
        raw = get(self.attr)
        if raw is None:
            return False
        if not self.op:
            return True
        have, want = raw.lower(), self.value
        if self.op == "=":
            return have == want
        if self.op == "~=":
            return want in have.split()
        if self.op == "|=":
            return have == want or have.startswith(want + "-")
        if self.op == "^=":
            return have.startswith(want)
        if self.op == "$=":
            return have.endswith(want)
        return want in have

    def xpath(self) -> str:
        """This test as an XPath 1.0 expression on the context element."""
        at = f"@{self.attr}"
        if not self.op:
            return at
        low = f"translate({at},'{_UPPER}','{_LOWER}')"
        v = xpath_literal(self.value)
        if self.op == "=":
            return f"{low}={v}"
        if self.op == "~=":
            return f"contains(concat(' ',normalize-space({low}),' '),{xpath_literal(' ' + self.value + ' ')})"
        if self.op == "|=":
            return f"({low}={v} or starts-with({low},{xpath_literal(self.value + '-')}))"
        if self.op == "^=":
            return f"starts-with({low},{v})"
        if self.op == "$=":
            return f"substring({low},string-length({at})-{len(self.value) - 1})={v}"
        return f"contains({low},{v})"


@dataclass(frozen=True)
class Compound:
    """A tag (or any) with attribute tests and negated compounds, all of which must hold."""

    tag: str | None = None
    conditions: tuple[Condition, ...] = ()
    negated: tuple[Compound, ...] = ()

    def matches(self, tag: str, get: Callable[[str], str | None]) -> bool:
        """Whether an element with this tag and attribute getter matches."""
        if self.tag is not None and self.tag != tag:
            return False
        if not all(c.test(get) for c in self.conditions):
            return False
        return not any(n.matches(tag, get) for n in self.negated)

    def xpath(self) -> str:
        """This compound as an XPath 1.0 predicate on the context element."""
        parts = [f"self::{self.tag}"] if self.tag else []
        parts.extend(c.xpath() for c in self.conditions)
        parts.extend(f"not({n.xpath()})" for n in self.negated)
        return "(" + " and ".join(parts or ["true()"]) + ")"


@dataclass(frozen=True)
class Selector:
    """A compiled selector: the element matches when any of its compounds does."""

    source: str
    compounds: tuple[Compound, ...]

    def matches(self, tag: str, get: Callable[[str], str | None]) -> bool:
        """Whether an element (its lower-case tag and its ``get`` method) matches."""
        return any(c.matches(tag, get) for c in self.compounds)

    def xpath(self) -> str:
        """The selector as an XPath 1.0 predicate, for ``//*[...]``."""
        return " or ".join(c.xpath() for c in self.compounds)


def compile_selector(source: str) -> Selector:
    """Parse `source` into a `Selector`; anything outside the subset raises `SelectorError`."""
    if not isinstance(source, str) or not source.strip():
        raise SelectorError("selector must be a non-empty string")
    compounds, pos = _parse_list(source, 0, nested=False)
    if pos != len(source):
        raise SelectorError(f"unexpected {source[pos : pos + 12]!r} at position {pos} of selector {source!r}")
    return Selector(source, tuple(compounds))


def _parse_list(source: str, pos: int, nested: bool) -> tuple[list[Compound], int]:
    compounds: list[Compound] = []
    tag: str | None = None
    conditions: list[Condition] = []
    negated: list[Compound] = []
    empty = True

    def finish() -> None:
        if empty:
            raise SelectorError(f"empty compound selector at position {pos} of selector {source!r}")
        compounds.append(Compound(tag, tuple(conditions), tuple(negated)))

    while pos < len(source):
        if source[pos:].strip() == "":
            pos = len(source)
            break
        match = _TOKEN.match(source, pos)
        if match is None:
            near = source[pos : pos + 12]
            raise SelectorError(f"unsupported syntax {near!r} at position {pos} of {source!r}")
        kind = match.lastgroup
        if kind in ("dq", "sq", "bare", "op"):
            kind = "attr"
        if kind == "tag":
            if not empty:
                raise SelectorError(
                    f"combinators are not supported ({match.group('tag')!r} after a compound) in {source!r}"
                )
            name = match.group("tag").lower()
            tag = None if name == "*" else name
        elif kind == "cls":
            conditions.append(Condition("class", "~=", match.group("cls").lower()))
        elif kind == "id":
            conditions.append(Condition("id", "=", match.group("id").lower()))
        elif kind == "attr":
            op = match.group("op") or ""
            quoted = (match.group("dq"), match.group("sq"), match.group("bare"))
            value = next((v for v in quoted if v is not None), "")
            if op and not value:
                raise SelectorError(f"empty value in [{match.group('attr')}{op}] of selector {source!r}")
            conditions.append(Condition(match.group("attr").lower(), op, value.lower()))
        elif kind == "not":
            inner, pos = _parse_list(source, match.end(), nested=True)
            if len(inner) != 1:
                raise SelectorError(f":not() takes one compound selector in selector {source!r}")
            negated.append(inner[0])
            empty = False
            continue
        elif kind == "close":
            if not nested:
                raise SelectorError(f"unbalanced ')' at position {pos} of selector {source!r}")
            finish()
            return compounds, match.end()
        elif kind == "comma":
            if nested:
                raise SelectorError(f"',' inside :not() in selector {source!r}")
            finish()
            tag, conditions, negated, empty = None, [], [], True
            pos = match.end()
            continue
        empty = False
        pos = match.end()
        rest = source[pos:].lstrip()
        if rest and rest[0] not in ",)" and len(rest) < len(source) - pos:
            raise SelectorError(f"combinators are not supported (space at position {pos}) in {source!r}")
    if nested:
        raise SelectorError(f"unclosed ':not(' in selector {source!r}")
    finish()
    return compounds, pos


def xpath_literal(value: str) -> str:
    """`value` as an XPath 1.0 string literal (one with both quote characters is built with concat())."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in value.split("'")) + ")"
