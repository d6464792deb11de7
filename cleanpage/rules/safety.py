"""Refuse rule patterns that can run in more than linear time (catastrophic backtracking).

`check_pattern` runs two checks on every pattern the loader compiles:

- static: the pattern is parsed into its character-consuming positions (a Glushkov automaton, with loops
  for every quantifier that repeats) and refused when a loop can match one string in two different ways
  (exponential ambiguity): ``(a+)+``, ``(\\w+\\s?)*``, ``(a|a)*``, ``(.*a){20}``. Character classes are
  compared on a sample alphabet (ASCII, Latin-1 and representatives of other scripts and symbols), and
  ``\\b`` and single-character lookaheads are honoured, so ``(?:word\\b\\W*)+`` is not a false alarm;
- dynamic: the pattern is searched, with the regex module's ``timeout``, in strings built from its own
  characters (a prefix that leads to a loop, the loop's content pumped, and an end that fails).

Polynomial (non-exponential) backtracking is not refused here; the scorer bounds the length of the lines
rules run on, and `Config.time_budget` bounds a page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

import regex

#: What the loader puts before every pattern (simple case folding); positions in messages leave it out.
_LOADER_PREFIX = "(?-f)"
#: Flags that change which characters an atom matches.
_CHAR_FLAGS = regex.IGNORECASE | regex.DOTALL | regex.ASCII | regex.UNICODE | regex.FULLCASE | regex.WORD
#: Zero-width escapes: they consume nothing.
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmMK")
#: Escapes the static check does not model (backreferences, named lists, ...): it then leaves it to the probe.
_UNSUPPORTED_ESCAPES = frozenset("gLQE123456789")
#: Past this many product states the static check gives up and leaves the pattern to the dynamic probe.
MAX_PRODUCT_STATES = 200_000
#: Seconds one probe search may take before the pattern is called catastrophic.
PROBE_TIMEOUT = 0.25
#: Repetitions of a loop's content in probe strings: short (exponential blow-ups) and long (high degrees).
PROBE_SIZES = (24, 400)
#: Ends appended to probe strings so that a match fails late.
PROBE_ENDS = ("\x00", "!", " x", "\n")
#: Probe strings per pattern at most.
MAX_PROBES = 60


def _sample_alphabet() -> str:
    """Characters that stand for the whole of Unicode when comparing character classes."""
    chars = [chr(c) for c in range(0x250)]
    chars += list(
        # other scripts, fullwidth forms, CJK punctuation; then marks, format characters and spaces
        "ΑαΩωДдЖжאבبت١٢क३กขअ中日本あアｱ한글ＡＡａ１ーー、。「」！？"
        "\u0300\u0301\u0308\u200b\u200c\u200d\u200e\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd"
        "\u2000\u2002\u2009\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2022"
        "\u2026\u2030\u2039\u203a\u20ac\u2116\u2122\u2190\u2192\u21b5\u2212\u2500\u25b6\u25cf\u2605\u2713\u2764"
        "\u212a\u2160\u2460\u1e9e\ufb01\ufb00\U0001f600\U0001f44d\U0001d400"
    )
    return "".join(dict.fromkeys(chars))


_BASE_ALPHABET = _sample_alphabet()


class _Unsupported(Exception):
    """The pattern uses syntax the static check does not model."""


@dataclass(frozen=True)
class _Atom:
    source: str
    flags: int
    span: tuple[int, int]


@dataclass(frozen=True)
class _Seq:
    items: tuple[_Node, ...]


@dataclass(frozen=True)
class _Alt:
    options: tuple[_Node, ...]


@dataclass(frozen=True)
class _Repeat:
    item: _Node
    low: int
    high: int | None
    span: tuple[int, int]
    possessive: bool = False


@dataclass(frozen=True)
class _Assert:
    kind: str  # "b", "B", "ahead", "not-ahead", "other"
    body: _Node | None = None


@dataclass(frozen=True)
class _Atomic:
    item: _Node


_Node: TypeAlias = "_Atom | _Seq | _Alt | _Repeat | _Assert | _Atomic"
#: How an assertion limits the next character, given the characters the previous position consumes.
_Restrict: TypeAlias = Callable[[int], int]
#: Routes into or out of a fragment: position -> the character masks of each distinct way (at most two kept).
_Routes: TypeAlias = dict[int, list[int]]


class _Parser:
    """A parser for the subset of regex-module syntax rules use; anything else raises `_Unsupported`."""

    def __init__(self, source: str, flags: int) -> None:
        self.src = source
        self.pos = 0
        self.flags = flags

    def parse(self) -> _Node:
        node = self._alternation(self.flags)
        if self.pos != len(self.src):
            raise _Unsupported(f"unexpected {self.src[self.pos]!r}")
        return node

    def _alternation(self, flags: int) -> _Node:
        options = [self._sequence(flags)]
        while self.pos < len(self.src) and self.src[self.pos] == "|":
            self.pos += 1
            options.append(self._sequence(self._scoped_flags))
        return options[0] if len(options) == 1 else _Alt(tuple(options))

    def _sequence(self, flags: int) -> _Node:
        items: list[_Node] = []
        self._scoped_flags = flags
        while self.pos < len(self.src) and self.src[self.pos] not in "|)":
            start = self.pos
            item = self._item()
            if item is None:
                continue
            items.append(self._quantified(item, start))
        return items[0] if len(items) == 1 else _Seq(tuple(items))

    def _skip_verbose(self) -> bool:
        if not self._scoped_flags & regex.VERBOSE:
            return False
        c = self.src[self.pos]
        if c.isspace():
            self.pos += 1
            return True
        if c == "#":
            end = self.src.find("\n", self.pos)
            self.pos = len(self.src) if end < 0 else end + 1
            return True
        return False

    def _item(self) -> _Node | None:
        src, flags = self.src, self._scoped_flags
        if self._skip_verbose():
            return None
        c = src[self.pos]
        start = self.pos
        if c == "(":
            return self._group()
        if c == "[":
            end = self._class_end(self.pos)
            self.pos = end
            return _Atom(src[start:end], flags, (start, end))
        if c == "\\":
            return self._escape()
        self.pos += 1
        if c in "^$":
            return _Assert("other")
        if c in "*+?{" and not (c == "{" and not self._is_quantifier(start)):
            raise _Unsupported("quantifier without an item")
        return _Atom(regex.escape(c) if c != "." else ".", flags, (start, self.pos))

    def _escape(self) -> _Node:
        src, start, flags = self.src, self.pos, self._scoped_flags
        if self.pos + 1 >= len(src):
            raise _Unsupported("trailing backslash")
        c = src[self.pos + 1]
        self.pos += 2
        if c in _ZERO_WIDTH_ESCAPES:
            return _Assert(c if c in "bB" else "other")
        if c in _UNSUPPORTED_ESCAPES:
            raise _Unsupported(f"\\{c}")
        if c in "pPN" and self.pos < len(src) and src[self.pos] == "{":
            self.pos = src.index("}", self.pos) + 1
        elif c in "pP":
            self.pos += 1
        elif c == "x":
            if self.pos < len(src) and src[self.pos] == "{":
                self.pos = src.index("}", self.pos) + 1
            else:
                self.pos += 2
        elif c == "u":
            self.pos += 4
        elif c == "U":
            self.pos += 8
        elif c == "0":
            while self.pos < len(src) and self.pos < start + 4 and src[self.pos] in "01234567":
                self.pos += 1
        return _Atom(src[start : self.pos], flags, (start, self.pos))

    def _class_end(self, pos: int) -> int:
        """The index after the ``]`` that closes the class opened at `pos` (V1 sets nest)."""
        src, depth, i = self.src, 0, pos
        while i < len(src):
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if c == "[":
                depth += 1
                i += 1
                if i < len(src) and src[i] == "^":
                    i += 1
                if i < len(src) and src[i] == "]":
                    i += 1  # a leading ] is a literal
                continue
            if c == "]":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise _Unsupported("unterminated class")

    def _group(self) -> _Node | None:
        src, flags = self.src, self._scoped_flags
        self.pos += 1
        kind = "group"
        if src.startswith("?", self.pos):
            rest = src[self.pos + 1 :]
            if rest.startswith("#"):
                self.pos = src.index(")", self.pos) + 1
                return None
            for prefix, k in (
                (":", "group"),
                ("|", "group"),
                (">", "atomic"),
                ("=", "ahead"),
                ("!", "not-ahead"),
                ("<=", "behind"),
                ("<!", "behind"),
            ):
                if rest.startswith(prefix):
                    self.pos += 1 + len(prefix)
                    kind = k
                    break
            else:
                if rest.startswith(("P<", "<", "'")):
                    close = ">" if rest[0] in "P<" else "'"
                    self.pos = src.index(close, self.pos + 2) + 1
                elif rest[:1].isalpha() or rest.startswith("-"):
                    end = self.pos + 1
                    while end < len(src) and (src[end].isalnum() or src[end] == "-"):
                        end += 1
                    new_flags = self._apply_flags(flags, src[self.pos + 1 : end])
                    if end < len(src) and src[end] == ")":
                        self.pos = end + 1
                        self._scoped_flags = new_flags  # applies to the rest of the enclosing group
                        return None
                    if end < len(src) and src[end] == ":":
                        self.pos = end + 1
                        return self._close(self._alternation(new_flags), "group", flags)
                    raise _Unsupported("group syntax")
                else:
                    raise _Unsupported("group syntax")  # conditionals, recursion, (?P=name) ...
        return self._close(self._alternation(flags), kind, flags)

    def _close(self, body: _Node, kind: str, flags: int) -> _Node:
        if self.pos >= len(self.src) or self.src[self.pos] != ")":
            raise _Unsupported("unbalanced parenthesis")
        self.pos += 1
        self._scoped_flags = flags
        if kind == "atomic":
            return _Atomic(body)
        if kind in ("ahead", "not-ahead", "behind"):
            return _Assert(kind if kind != "behind" else "other", body)
        return body

    @staticmethod
    def _apply_flags(flags: int, letters: str) -> int:
        names = {
            "i": regex.I,
            "s": regex.S,
            "a": regex.A,
            "u": regex.U,
            "f": regex.F,
            "w": regex.W,
            "x": regex.X,
            "m": regex.M,
            "r": 0,
            "b": 0,
            "e": 0,
            "p": 0,
            "L": 0,
        }
        on, _, off = letters.partition("-")
        if "V" in letters:
            raise _Unsupported("version flag")
        for ch in on:
            flags |= names.get(ch, 0)
        for ch in off:
            flags &= ~names.get(ch, 0)
        return flags

    def _is_quantifier(self, pos: int) -> bool:
        return regex.match(r"\{\d*(?:,\d*)?\}", self.src[pos:]) is not None

    def _quantified(self, item: _Node, start: int) -> _Node:
        src = self.src
        while self.pos < len(src):
            if self._scoped_flags & regex.VERBOSE and src[self.pos].isspace():
                self.pos += 1
                continue
            c = src[self.pos]
            if c in "*+?":
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
                self.pos += 1
            elif c == "{" and self._is_quantifier(self.pos):
                end = src.index("}", self.pos)
                body = src[self.pos + 1 : end]
                lo, comma, hi = body.partition(",")
                low = int(lo or 0)
                high = (int(hi) if hi else None) if comma else low
                self.pos = end + 1
            elif c == "{" and regex.match(r"\{[^}]*[edis]\s*[<=]", src[self.pos :]):
                raise _Unsupported("fuzzy matching")
            else:
                return item
            possessive = False
            if self.pos < len(src) and src[self.pos] in "?+":
                possessive = src[self.pos] == "+"
                self.pos += 1
            if isinstance(item, _Assert):
                item = _Assert(item.kind, item.body)
                continue
            item = _Repeat(item, low, high, (start, self.pos), possessive)
        return item


@dataclass
class _Automaton:
    """Positions that each consume one character of their label; `follow` keeps every distinct way
    (route) from one position to the next, because a backtracking matcher tries each of them."""

    alphabet: str
    labels: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    follow: list[dict[int, list[int]]] = field(default_factory=list)
    repeats: list[tuple[tuple[int, int], frozenset[int]]] = field(default_factory=list)
    masks: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def full(self) -> int:
        return (1 << len(self.alphabet)) - 1

    def mask(self, source: str, flags: int) -> int:
        """The sample characters `source` (one character's worth of pattern) matches."""
        key = (source, flags & (_CHAR_FLAGS | regex.V1))
        if key not in self.masks:
            value = 0
            compiled = regex.compile(source, key[1])
            for m in compiled.finditer(self.alphabet, overlapped=True):
                if m.end() - m.start() == 1:
                    value |= 1 << m.start()
            self.masks[key] = value
        return self.masks[key]

    def position(self, label: int, span: tuple[int, int]) -> _Frag:
        p = len(self.labels)
        self.labels.append(label)
        self.spans.append(span)
        self.follow.append({})
        return _Frag(1, {p: [self.full]}, {p: [self.full]}, frozenset({p}), False)


@dataclass
class _Frag:
    empty: int  # ways to match the empty string (0, 1, or 2 for "more than one")
    first: _Routes
    last: _Routes
    positions: frozenset[int]
    nullable_flag: bool

    @property
    def nullable(self) -> bool:
        return self.empty > 0


def _frag(empty: int, first: _Routes, last: _Routes, positions: frozenset[int]) -> _Frag:
    return _Frag(min(empty, 2), first, last, positions, empty > 0)


def _union(a: _Routes, b: _Routes, times: int = 1) -> _Routes:
    out = {k: list(v) for k, v in a.items()}
    for k, v in b.items():
        out[k] = (out.get(k, []) + v * times)[:2]
    return out


def _build(node: _Node, fa: _Automaton) -> _Frag:
    if isinstance(node, _Atom):
        frag = fa.position(fa.mask(node.source, node.flags), node.span)
        frag.empty = 0
        return frag
    if isinstance(node, _Atomic) or (isinstance(node, _Repeat) and node.possessive):
        # Matched one way only: one opaque position that consumes any of its characters.
        inner = _Automaton(fa.alphabet, masks=fa.masks)
        body = _build(node.item, inner)
        label = 0
        for value in inner.labels:
            label |= value
        span = (min((sp[0] for sp in inner.spans), default=0), max((sp[1] for sp in inner.spans), default=0))
        frag = fa.position(label, span)
        nullable = body.nullable or (isinstance(node, _Repeat) and node.low == 0)
        return _frag(1 if nullable else 0, frag.first, frag.last, frag.positions)
    if isinstance(node, _Alt):
        frags = [_build(o, fa) for o in node.options]
        first: _Routes = {}
        last: _Routes = {}
        for f in frags:
            first, last = _union(first, f.first), _union(last, f.last)
        positions = frozenset().union(*(f.positions for f in frags))
        return _frag(sum(f.empty for f in frags), first, last, positions)
    if isinstance(node, _Repeat):
        frag = _build(node.item, fa)
        if node.high == 0:
            return _frag(1, {}, {}, frag.positions)
        empty = frag.empty if node.low > 0 else frag.empty + 1
        if node.high is None or node.high > 1:
            _connect(frag.last, frag.first, fa)
            fa.repeats.append((node.span, frag.positions))
            if frag.nullable:
                empty = 2  # an empty iteration is one more way to match nothing
        return _frag(empty, frag.first, frag.last, frag.positions)
    if isinstance(node, _Assert):
        if node.body is not None:
            _build(node.body, fa)  # its own loops are checked too; it is not connected to the sequence
        return _frag(1, {}, {}, frozenset())
    acc = _frag(1, {}, {}, frozenset())
    for item in node.items:
        if isinstance(item, _Assert):
            restrict = _assertion_mask(item, fa)
            if item.body is not None:
                _build(item.body, fa)
            if restrict is not None:
                acc.last = {p: [c & restrict(fa.labels[p]) for c in cs] for p, cs in acc.last.items()}
            continue
        frag = _build(item, fa)
        _connect(acc.last, frag.first, fa)
        first = _union(acc.first, frag.first, acc.empty) if acc.nullable else acc.first
        last = _union(frag.last, acc.last, frag.empty) if frag.nullable else frag.last
        acc = _frag(acc.empty * frag.empty, first, last, acc.positions | frag.positions)
    return acc


def _connect(last: _Routes, first: _Routes, fa: _Automaton) -> None:
    for p, exits in last.items():
        for q, entries in first.items():
            routes = fa.follow[p].setdefault(q, [])
            for allowed in exits:
                for entry in entries:
                    m = fa.labels[q] & allowed & entry
                    if m and len(routes) < 2:
                        routes.append(m)
            if not routes:
                del fa.follow[p][q]


def _assertion_mask(node: _Assert, fa: _Automaton) -> _Restrict | None:
    """How an assertion limits the next character, given the label of the previous one."""
    full = fa.full
    if node.kind in ("b", "B"):
        word = fa.mask(r"\w", regex.V1)
        boundary = node.kind == "b"

        def restrict(prev: int) -> int:
            if prev & ~word == 0:
                return ~word & full if boundary else word
            if prev & word == 0:
                return word if boundary else ~word & full
            return full

        return restrict
    if node.kind in ("ahead", "not-ahead") and node.body is not None:
        options = node.body.options if isinstance(node.body, _Alt) else (node.body,)
        if node.kind == "not-ahead":
            banned = 0
            for o in options:
                if isinstance(o, _Atom):
                    banned |= fa.mask(o.source, o.flags)
            return lambda prev: full & ~banned
        allowed = 0
        for o in options:
            head = o.items[0] if isinstance(o, _Seq) and o.items else o
            if not isinstance(head, _Atom):
                return None
            allowed |= fa.mask(head.source, head.flags)
        return lambda prev: allowed
    return None


def _sccs(nodes: list[int], edges: dict[int, list[int]]) -> list[list[int]]:
    """Strongly connected components (iterative Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(edges.get(w, ()))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def _ambiguous_loop(fa: _Automaton) -> frozenset[int] | None:
    """Positions of a loop that can match one string in two ways (exponential ambiguity), or None.

    That is the case when some position reaches itself by two different paths on the same string: in the
    product of the automaton with itself, a component holds a diagonal pair (p, p) and either a pair of two
    different positions or a step along two different routes between the same positions.
    """
    n = len(fa.labels)
    component: dict[int, int] = {}
    for k, comp in enumerate(_sccs(list(range(n)), {p: list(fa.follow[p]) for p in range(n)})):
        if len(comp) > 1 or comp[0] in fa.follow[comp[0]]:
            for p in comp:
                component[p] = k
    key = n + 1
    starts = [p * key + p for p in component]
    seen = set(starts)
    todo = list(starts)
    product: dict[int, list[int]] = {}
    forks: list[tuple[int, int]] = []  # diagonal steps taken along two different routes
    while todo:
        node = todo.pop()
        p, q = divmod(node, key)
        succ: list[int] = []
        for p2, routes1 in fa.follow[p].items():
            if component.get(p2) != component[p]:
                continue
            for q2, routes2 in fa.follow[q].items():
                if component.get(q2) != component[q]:
                    continue
                if not any(a & b for a in routes1 for b in routes2):
                    continue
                nxt = p2 * key + q2
                succ.append(nxt)
                if p == q and p2 == q2 and len(routes1) > 1 and routes1[0] & routes1[1]:
                    forks.append((node, nxt))
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
                    if len(seen) > MAX_PRODUCT_STATES:
                        raise _Unsupported("too many states")
        product[node] = succ
    comp_of: dict[int, int] = {}
    comps = _sccs(starts, product)
    for k, comp in enumerate(comps):
        for x in comp:
            comp_of[x] = k
    for a, b in forks:
        if comp_of.get(a) == comp_of.get(b):
            return frozenset(x for y in comps[comp_of[a]] for x in divmod(y, key))
    for comp in comps:
        pairs = [divmod(x, key) for x in comp]
        if any(p == q for p, q in pairs) and any(p != q for p, q in pairs):
            return frozenset(x for pair in pairs for x in pair)
    return None


def _describe(fa: _Automaton, positions: frozenset[int], source: str) -> str:
    spans = sorted({span for span, members in fa.repeats if positions <= members}, key=lambda s: s[1] - s[0])
    nested = [s for s in spans if any(o != s and s[0] <= o[0] and o[1] <= s[1] for o in spans)]
    if spans:
        start, end = (nested or spans)[0]
    else:
        start = min(fa.spans[p][0] for p in positions)
        end = max(fa.spans[p][1] for p in positions)
    snippet = source[start:end]
    if len(snippet) > 60:
        snippet = snippet[:57] + "..."
    shown = start - len(_LOADER_PREFIX) if source.startswith(_LOADER_PREFIX) else start
    return (
        f"catastrophic backtracking: nested quantifiers over overlapping content in '{snippet}' "
        f"(at position {shown}) can match the same text in many ways; make the repeated parts exclusive "
        "or bound them"
    )


def static_problem(pattern: regex.Pattern[str]) -> str | None:
    """The static check alone: why `pattern` is exponentially ambiguous, or None (also if it cannot tell)."""
    source = pattern.pattern
    try:
        tree = _Parser(source, pattern.flags).parse()
        alphabet = _alphabet_for(source)
        if _fullcase_loop(tree, False):
            return (
                "catastrophic backtracking: full case folding (the f flag, with i) makes the regex module "
                "backtrack exponentially on runs of letters such as i, s or f; remove the f flag"
            )
        fa = _Automaton(alphabet)
        _build(tree, fa)
        loop = _ambiguous_loop(fa)
    except (_Unsupported, ValueError, IndexError, regex.error):
        return None
    return _describe(fa, loop, source) if loop is not None else None


def _fullcase_loop(node: _Node, in_loop: bool) -> bool:
    """Whether a case-insensitive atom with full case folding stands inside a repeat."""
    if isinstance(node, _Atom):
        return in_loop and bool(node.flags & regex.IGNORECASE and node.flags & regex.FULLCASE)
    if isinstance(node, _Repeat):
        return _fullcase_loop(node.item, True)
    if isinstance(node, _Seq):
        return any(_fullcase_loop(i, in_loop) for i in node.items)
    if isinstance(node, _Alt):
        return any(_fullcase_loop(o, in_loop) for o in node.options)
    if isinstance(node, _Atomic):
        return _fullcase_loop(node.item, in_loop)
    return node.body is not None and _fullcase_loop(node.body, in_loop)


def _alphabet_for(source: str) -> str:
    extra = [c for c in source if not c.isascii()]
    extra += [v for c in extra for v in (c.lower(), c.upper()) if len(v) == 1]
    return "".join(dict.fromkeys(_BASE_ALPHABET + "".join(extra)))


def adversarial_inputs(pattern: regex.Pattern[str], size: int) -> Iterator[str]:
    """Strings built from the pattern's own parts: a prefix that reaches a loop, its content pumped `size`
    times, and an end that makes the match fail; plus runs of each of the pattern's characters."""
    source = pattern.pattern
    try:
        tree: _Node | None = _Parser(source, pattern.flags).parse()
    except (_Unsupported, ValueError, IndexError, regex.error):
        tree = None
    seen: set[str] = set()
    count = 0

    def emit(text: str) -> Iterator[str]:
        nonlocal count
        if text not in seen and count < MAX_PROBES:
            seen.add(text)
            count += 1
            yield text

    if tree is not None:
        for prefix, pump in _pumps(tree, ""):
            if not pump:
                continue
            reps = max(1, size // len(pump)) if len(pump) > 1 else size
            for end in PROBE_ENDS:
                yield from emit(prefix + pump * reps + end)
    chars = [c for c in dict.fromkeys(source) if c.isprintable() and c not in "\\()[]{}|?*+^$"]
    for c in chars[:40]:
        yield from emit(c * size + "\x00")


def _pumps(node: _Node, prefix: str) -> Iterator[tuple[str, str]]:
    """(prefix, pumped string) pairs for every loop in `node`, the prefix being a way to reach it."""
    if isinstance(node, _Repeat):
        if node.high is None or node.high > 1:
            for sample in _samples(node.item):
                yield prefix, sample
        yield from _pumps(node.item, prefix)
    elif isinstance(node, _Seq):
        head = prefix
        for item in node.items:
            yield from _pumps(item, head)
            head += _first_sample(item)
    elif isinstance(node, _Alt):
        for option in node.options:
            yield from _pumps(option, prefix)
    elif isinstance(node, _Atomic):
        yield from _pumps(node.item, prefix)
    elif isinstance(node, _Assert) and node.body is not None:
        yield from _pumps(node.body, prefix)


def _samples(node: _Node) -> list[str]:
    """A few short strings the node matches (one per alternative, at most four)."""
    if isinstance(node, _Alt):
        return [s for o in node.options for s in _samples(o)][:4]
    return [_first_sample(node)]


def _first_sample(node: _Node) -> str:
    if isinstance(node, _Atom):
        return _atom_char(node)
    if isinstance(node, _Seq):
        return "".join(_first_sample(i) for i in node.items)
    if isinstance(node, _Alt):
        return _first_sample(node.options[0])
    if isinstance(node, _Repeat):
        return _first_sample(node.item) * max(node.low, 1 if node.high is None else min(node.high, 1))
    if isinstance(node, _Atomic):
        return _first_sample(node.item)
    return ""


def _atom_char(atom: _Atom) -> str:
    compiled = regex.compile(atom.source, atom.flags & (_CHAR_FLAGS | regex.V1))
    for candidate in ("a", "A", "1", " ", ".", "-", "_", "#", "é", "x", "0", ":", "/"):
        if compiled.fullmatch(candidate):
            return candidate
    m = compiled.search(_BASE_ALPHABET)
    return m.group() if m else ""


def probe_problem(pattern: regex.Pattern[str], timeout: float = PROBE_TIMEOUT) -> str | None:
    """The dynamic check alone: a sentence naming a probe string the pattern cannot search in time."""
    for size in PROBE_SIZES:
        for text in adversarial_inputs(pattern, size):
            started = time.perf_counter()
            try:
                pattern.search(text, timeout=timeout)
            except TimeoutError:
                elapsed = time.perf_counter() - started
                return (
                    f"catastrophic backtracking: searching a {len(text)}-character string built from the "
                    f"pattern's own characters ({text[:24]!r}...) took over {elapsed:.2f}s"
                )
    return None


def check_pattern(pattern: regex.Pattern[str]) -> str | None:
    """A sentence saying why `pattern` is unsafe, or None when it is safe to run on any line."""
    return static_problem(pattern) or probe_problem(pattern)
