"""A necessary-condition prefilter for rule patterns: the literal words every match must contain.

Searching every pattern in every line costs most of the cleaning time. Most patterns can only match a
line that contains one of a few literal strings ("advertisement", "sponsored", "©" ...). This module
derives those strings from the pattern itself, so one scan of a line for all rules' literals tells which
rules can possibly match; only those are run. A pattern whose literals cannot be derived is always run.
The prefilter never changes a result: it only skips searches that cannot succeed.

Most patterns are anchored at the start of the line as well ("^\\W*(?:advertisement|sponsored)"), and a
literal found further in ("had" holds "ad") does not let them match; for those, `Start` says which
characters a match can start with, a test far cheaper than a failing search.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
#: Up to this size for the first characters of a match (see `Start`): [a-z] is still a useful test there.
MAX_START_RANGE = 31
_DIGITS = frozenset("0123456789")
#: A rule with more alternatives than this is simply always run.
MAX_LITERALS = 400

#: Characters of a lowered line behind which a case-insensitive pattern still sees one of its letters: the
#: long s (matched by "s"), the combining dot that lowering a dotted capital I leaves after "i", and a rare
#: letter matched by "ß". Lines holding one are searched for every rule (tests/rules/test_prefilter.py checks
#: the set against every literal character of the shipped rules).
FOLD_TRAPS = frozenset({"\u017f", "\u0307", "\U0001df95"})
#: The same, in a fixed order: a few substring tests in C cost far less than a search for a character class.
_FOLD_TRAP_CHARS = tuple(sorted(FOLD_TRAPS))

_UNICODE_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z]+)\)")


def _parse(source: str) -> Any | None:
    """`source` parsed by the standard library's parser, case-insensitively (a Unicode property class read
    as \\w), or None when it cannot parse it or is not available."""
    if _p is None:
        return None
    try:
        return _p.parse(_UNICODE_CLASS.sub(r"\\w", source), re.IGNORECASE)
    except (re.error, ValueError, TypeError, RecursionError, OverflowError):
        return None


def required_literals(source: str) -> frozenset[str] | None:
    """Lowercase strings one of which every match of `source` contains, or None when unknown."""
    parsed = _parse(source)
    if parsed is None:
        return None
    found = _required(list(parsed))
    if not found or len(found) > MAX_LITERALS or not all(_selective(lit) for lit in found):
        return None
    return frozenset(found)


@dataclass(frozen=True)
class Start:
    """What every match of a pattern anchored at the line's start begins with (see `match_start`).

    The match starts at the first character of the line, or, when `after_nonword`, it may first run over
    the line's leading non-word characters and then starts at the first word character. From there the
    line (in lower case) reads one of `prefixes`, or, when `digits`, an ASCII digit.
    """

    after_nonword: bool
    prefixes: tuple[str, ...]
    digits: bool = False
    #: The prefixes by their first character: a line is compared with the few that start like it.
    by_first: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not all(self.prefixes):
            raise ValueError("a Start's prefixes are non-empty strings")
        by_first: dict[str, list[str]] = {}
        for prefix in self.prefixes:
            by_first.setdefault(prefix[:1], []).append(prefix)
        object.__setattr__(self, "by_first", {first: tuple(group) for first, group in by_first.items()})

    def admits(self, text: str, lowered: str) -> bool:
        """Whether a match can start in `text` (`lowered` in lower case); only ASCII lines are tested."""
        if not text.isascii():  # case-insensitive matching of other letters is not plain lower-casing
            return True
        return self.admits_at(lowered, word_start(text) if self.after_nonword else 0)

    def admits_at(self, lowered: str, position: int) -> bool:
        """`admits` for an ASCII line, given where its match would start: 0, or its `word_start` when
        `after_nonword` (a line's matcher works it out once for all of its rules)."""
        first = lowered[position : position + 1]
        group = self.by_first.get(first)
        if group is not None and lowered.startswith(group, position):
            return True
        return self.digits and first.isdigit()


def word_start(text: str) -> int:
    """Where an ASCII line's first word character is (its length when it has none)."""
    return len(text) - len(text.lstrip(_ASCII_NONWORD))


def _is_word_char(ch: str) -> bool:
    """What \\w matches: a letter, a digit or the underscore."""
    return ch.isalnum() or ch == "_"


_ASCII_NONWORD = "".join(chr(c) for c in range(128) if not _is_word_char(chr(c)))
_ASCII_SPACE = frozenset(chr(c) for c in range(128) if chr(c).isspace())


def match_start(source: str) -> Start | None:
    """The `Start` of every match of `source`, or None when it is not anchored or its start is unknown."""
    parsed = _parse(source)
    if parsed is None:
        return None
    items = list(parsed)
    if not items or items[0] not in ((_c.AT, _c.AT_BEGINNING), (_c.AT, _c.AT_BEGINNING_STRING)):
        return None
    if items[0][1] is _c.AT_BEGINNING and parsed.state.flags & re.MULTILINE:
        return None  # "^" also matches after a line break inside the text
    rest = items[1:]
    after_nonword = False
    while rest and ((rest[0][0] is _c.ASSERT and rest[0][1][0] == 1) or _nonword_only(*rest[0])):
        after_nonword = after_nonword or rest[0][0] is not _c.ASSERT  # a lookahead consumes nothing
        rest = rest[1:]
    found = _prefixes(rest)
    if found is None or len(found[0]) > MAX_LITERALS:
        return None
    prefixes, digits = found
    if after_nonword and not all(_is_word_char(p[0]) for p in prefixes):
        return None  # a match could start inside the leading run: not worth testing
    return Start(after_nonword, tuple(sorted(prefixes)), digits)


def _nonword_only(op: Any, arg: Any) -> bool:
    """Whether a parse item can only ever match non-word characters (it may match none)."""
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        sub = list(arg[2])
        return len(sub) == 1 and _nonword_only(*sub[0])
    if op is _c.IN:
        return all(
            (o is _c.CATEGORY and a in (_c.CATEGORY_NOT_WORD, _c.CATEGORY_SPACE))
            or (o is _c.LITERAL and not _is_word_char(chr(a)))
            for o, a in arg
        )
    return op is _c.LITERAL and not _is_word_char(chr(arg))


def _prefixes(items: Sequence[Any]) -> tuple[set[str], bool] | None:
    """Lowercase strings one of which every match of a sequence of parse items starts with (and whether
    an ASCII digit may start it instead); None when unknown, or when the sequence can match nothing."""
    if not items:
        return None
    op, arg = items[0]
    if op is _c.LITERAL:
        run = []
        for o, a in items:
            if o is not _c.LITERAL:
                break
            run.append(chr(a).lower())
        return {"".join(run)}, False
    if op is _c.IN:
        categories = {a for o, a in arg if o is _c.CATEGORY}
        chars = _class_chars([item for item in arg if item[0] is not _c.CATEGORY], MAX_START_RANGE)
        if chars is None or not categories <= {_c.CATEGORY_DIGIT, _c.CATEGORY_SPACE}:
            return None
        if _c.CATEGORY_SPACE in categories:
            chars |= _ASCII_SPACE  # every ASCII character \s can match, and a few more
        return chars, _c.CATEGORY_DIGIT in categories
    if op is _c.SUBPATTERN:
        return _prefixes([*arg[-1], *items[1:]])
    if op is _c.ATOMIC_GROUP:
        return _prefixes([*arg, *items[1:]])
    if op is _c.BRANCH:
        found: set[str] = set()
        any_digit = False
        for branch in arg[1]:
            first = _prefixes([*branch, *items[1:]])
            if first is None:
                return None
            found |= first[0]
            any_digit = any_digit or first[1]
        return found, any_digit
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = arg
        inner = _prefixes(list(sub))
        if inner is None:
            return None
        if low >= 1:
            return inner
        after = _prefixes(items[1:])  # the repeat may match nothing: what follows may come first
        return None if after is None else (inner[0] | after[0], inner[1] or after[1])
    return None


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
        if op is _c.IN:
            chars = _class_chars(arg)
            if chars is not None and len(chars) == 1:  # [cC]: one character in the lowered line
                run.append(next(iter(chars)))
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
        elif op is _c.ASSERT:  # a lookahead or lookbehind must match too
            consider(_required(list(arg[1])))
        elif op is _c.IN:
            chars = _class_chars(arg)
            if chars and all(_selective(ch) for ch in chars):
                consider(chars)
    if run:
        consider({"".join(run)})
    return best


def _class_chars(items: Sequence[Any], max_range: int = MAX_RANGE) -> set[str] | None:
    """The characters of a character class made of literals and ranges up to `max_range`, or None."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg).lower())
        elif op is _c.RANGE and arg[1] - arg[0] <= max_range:
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

    automaton: Any  # an ahocorasick_rs.AhoCorasick over the literals, or None when no pattern has literals
    literal_patterns: Mapping[str, frozenset[int]]  # each literal: the patterns that require it
    always: frozenset[int]
    every: frozenset[int] = frozenset()  # the patterns indexed (all but those left out)

    @classmethod
    def build(
        cls,
        sources: Sequence[str | None],
        derive: Callable[[str], frozenset[str] | None] = required_literals,
    ) -> Prefilter:
        """A prefilter for patterns given by their source text, in order; a None is left out (never a
        candidate), so one sequence of rules can have prefilters for different subsets. `derive` gives a
        pattern's literals (`required_literals`, or a caller's memo of it when building several)."""
        import ahocorasick_rs

        by_literal: dict[str, set[int]] = {}
        always: set[int] = set()
        every: set[int] = set()
        for index, source in enumerate(sources):
            if source is None:
                continue
            every.add(index)
            literals = derive(source)
            if literals is None:
                always.add(index)
                continue
            for literal in literals:
                by_literal.setdefault(literal, set()).add(index)
        automaton = None
        if by_literal:
            # A contiguous NFA: nearly as fast to scan with as a DFA, at a third of its memory (a Cleaner
            # holds one automaton per language and length tier); matches are reported as the stored literal
            # strings themselves, which need no conversion of byte offsets.
            automaton = ahocorasick_rs.AhoCorasick(
                sorted(by_literal),
                store_patterns=True,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA,
            )
        literal_patterns = {literal: frozenset(indexes) for literal, indexes in by_literal.items()}
        return cls(automaton, literal_patterns, frozenset(always), frozenset(every))

    def found(self, lowered: str) -> tuple[str, ...] | None:
        """The indexed literals a line holds (given in lower case), in the order they occur, or None when
        its lower case may hide one and every pattern must be searched."""
        if not lowered.isascii():
            for trap in _FOLD_TRAP_CHARS:
                if trap in lowered:
                    return None  # the literals cannot be seen in this lower case
        if self.automaton is None:
            return ()
        try:
            return tuple(self.automaton.find_matches_as_strings(lowered, True))  # overlapping: every one
        except UnicodeEncodeError:  # a lone surrogate cannot be scanned
            return None

    def candidates(self, lowered: str) -> frozenset[int]:
        """Indexes of the patterns that can match a line, given the line in lower case."""
        literals = self.found(lowered)
        return self.every if literals is None else self.for_literals(literals)

    def for_literals(self, literals: Sequence[str]) -> frozenset[int]:
        """Indexes of the patterns that can match a line holding `literals` (as `found` gives them)."""
        if not literals:  # most lines
            return self.always
        if len(literals) == 1 and not self.always:
            return self.literal_patterns[literals[0]]
        return self.always.union(*map(self.literal_patterns.__getitem__, literals))
