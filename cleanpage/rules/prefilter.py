"""A necessary-condition prefilter for rule patterns: the literal words every match must contain.

Searching every pattern in every line costs most of the cleaning time. Most patterns can only match a
line that contains one of a few literal strings ("advertisement", "sponsored", "©" ...). This module
derives those strings from the pattern itself, so one scan of a line for all rules' literals tells which
rules can possibly match; only those are run. A pattern whose literals cannot be derived is always run.
The prefilter never changes a result: it only skips searches that cannot succeed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

try:  # the standard library's pattern parser: used to read literals, never to match
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python versions without it just run every rule
    _c = _p = None

#: Literals shorter than this are too common in text to be worth indexing.
MIN_LITERAL = 2
#: Character ranges up to this size are expanded into their characters ([0-9] into ten literals).
MAX_RANGE = 16
_DIGITS = frozenset("0123456789")
#: A rule with more alternatives than this is simply always run.
MAX_LITERALS = 400

#: Characters of a lowered line behind which a case-insensitive pattern still sees one of its letters: the
#: long s (matched by "s"), the combining dot that lowering a dotted capital I leaves after "i", and a rare
#: letter matched by "ß". Lines holding one are searched for every rule (tests/rules/test_prefilter.py checks
#: the set against every literal character of the shipped rules).
FOLD_TRAPS = frozenset({"\u017f", "\u0307", "\U0001df95"})
_FOLD_TRAP = re.compile("[" + "".join(sorted(FOLD_TRAPS)) + "]")

_UNICODE_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z]+)\)")


def required_literals(source: str) -> frozenset[str] | None:
    """Lowercase strings one of which every match of `source` contains, or None when unknown."""
    if _p is None:
        return None
    text = _UNICODE_CLASS.sub(r"\\w", source)
    flags = re.IGNORECASE
    try:
        parsed = _p.parse(text, flags)
    except (re.error, ValueError, TypeError, RecursionError, OverflowError):
        return None
    found = _required(list(parsed))
    if not found or len(found) > MAX_LITERALS or not all(_selective(lit) for lit in found):
        return None
    return frozenset(found)


def _selective(literal: str) -> bool:
    """Worth indexing: two characters, or one digit, or one symbol such as ©, # or »."""
    return len(literal) >= MIN_LITERAL or literal in _DIGITS or not (literal.isalnum() or literal.isspace())


def _required(items: Sequence[Any]) -> set[str] | None:
    """For a sequence of parse items: the best literal set required by any one part (None if none)."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _strength(candidate) > _strength(best)):
            best = candidate

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg).lower())
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is _c.SUBPATTERN:
            consider(_required(list(arg[-1])))
        elif op is _c.BRANCH:
            branches = [_required(list(b)) for b in arg[1]]
            if all(branches):
                consider(set().union(*[b for b in branches if b]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, sub = arg
            if low >= 1:
                consider(_required(list(sub)))
        elif op is _c.ATOMIC_GROUP:
            consider(_required(list(arg)))
        elif op is _c.ASSERT and arg[0] == 1:  # a lookahead must match too
            consider(_required(list(arg[1])))
        elif op is _c.IN:
            chars = _class_chars(arg)
            if chars and all(_selective(ch) for ch in chars):
                consider(chars)
    if run:
        consider({"".join(run)})
    return best


def _class_chars(items: Sequence[Any]) -> set[str] | None:
    """The characters of a character class made of literals and small ranges, or None."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg).lower())
        elif op is _c.RANGE and arg[1] - arg[0] <= MAX_RANGE:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars


def _strength(literals: Iterable[str]) -> int:
    """How selective a literal set is: its shortest member's length (longer is rarer), symbols count as 3."""
    return min(len(lit) if lit.isalnum() or len(lit) > 1 else 3 for lit in literals)


@dataclass(frozen=True)
class Prefilter:
    """Which of a sequence of patterns can match a line, from one Aho-Corasick scan for their literals."""

    automaton: Any  # ahocorasick.Automaton, or None when no pattern has literals
    always: frozenset[int]
    every: frozenset[int] = frozenset()  # the patterns indexed (all but those left out)

    @classmethod
    def build(cls, sources: Sequence[str | None]) -> Prefilter:
        """A prefilter for patterns given by their source text, in order; a None is left out (never a
        candidate), so one sequence of rules can have prefilters for different subsets."""
        import ahocorasick

        by_literal: dict[str, set[int]] = {}
        always: set[int] = set()
        every: set[int] = set()
        for index, source in enumerate(sources):
            if source is None:
                continue
            every.add(index)
            literals = required_literals(source)
            if literals is None:
                always.add(index)
                continue
            for literal in literals:
                by_literal.setdefault(literal, set()).add(index)
        automaton = None
        if by_literal:
            automaton = ahocorasick.Automaton()
            for literal, indexes in by_literal.items():
                automaton.add_word(literal, frozenset(indexes))
            automaton.make_automaton()
        return cls(automaton, frozenset(always), frozenset(every))

    def candidates(self, lowered: str) -> set[int]:
        """Indexes of the patterns that can match a line, given the line in lower case."""
        if not lowered.isascii() and _FOLD_TRAP.search(lowered):
            return set(self.every)  # the literals cannot be seen in this lower case: search them all
        found = set(self.always)
        if self.automaton is not None:
            for _end, indexes in self.automaton.iter(lowered):
                found |= indexes
        return found
