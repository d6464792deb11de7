"""Stage 3: every line gets a context-free content score, the rule hits on it, and the reasons for both.

The content score says how much a line looks like article prose, from its own features alone:
length in words, the share of stop words (function words are dense in prose and sparse in menus and
link lists), and whether it ends like a sentence. Rule hits subtract their weights. Neighbours are
considered later, in `decide`.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

import regex

from .rules import RuleHit
from .rules.matcher import Matcher

#: Words at which a line's length stops adding to its score (a longer paragraph is not more body).
LENGTH_CAP = 40
#: Words that earn one unit of length score.
WORDS_PER_UNIT = 8.0
#: A line with this share of stop words is fully prose-like; English body text sits around 0.35 to 0.5.
STOP_FULL = 0.30
#: A denser share counts at most this many times as much (lists of function words are not more prose).
PROSE_CAP = 1.2
#: Lines with fewer words than this are "short": alone they say little either way.
SHORT_WORDS = 4
#: Score of a short line that is not a continuation fragment.
SHORT_SCORE = -0.6
#: Offset that makes a medium line without stop words or sentence end negative.
BASE_OFFSET = -0.8
#: Bonus for ending like a sentence, malus for not doing so.
TERMINAL_BONUS = 0.5
NO_TERMINAL_MALUS = -0.3
#: Scales the share of words of three letters or less to a stop-word share, for languages without a pack.
SHORT_WORD_FACTOR = 0.7
#: A line left open (ending on a comma or function word) joins a following line of at most this many words.
OPEN_JOIN_MAX_WORDS = 8
#: The detected language's stop words must outnumber the runner-up's this many times, else it is unknown.
LANGUAGE_MIN_LEAD = 1.4
#: Language detection samples lines with at least this many spaces, up to this many characters: some 150
#: words, where the stop words of four languages already differ widely (on every benchmark and corpus text,
#: the language found is the one a sample six times as large finds).
LANGUAGE_SAMPLE_MIN_SPACES = 6
LANGUAGE_SAMPLE_CHARS = 1000
#: Stop-word share below which the language is considered unknown and stop words are not used.
LANGUAGE_MIN_SHARE = 0.08

#: A word, with one inner apostrophe ("don't"). The standard engine is faster for this simple pattern, and the
#: possessive quantifiers (which never give back what they took; nothing here needs them to) faster still.
_WORD = re.compile(r"\w++(?:['’]\w++)?+")
#: ASCII bytes with every byte that is neither a word character (\w) nor the apostrophe turned into a space:
#: a line translated by it splits at spaces into the words `_WORD` finds, or parts of words at apostrophes.
_ASCII_WORD_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or c in b"_'") else 0x20 for c in range(256))
#: Typographic punctuation of otherwise ASCII text, with an ASCII stand-in that splits words the same way
#: (the curly apostrophe is the one `_WORD` joins words with, the rest are word boundaries).
_TYPOGRAPHIC = (("’", "'"), ("“", " "), ("”", " "), ("—", " "), ("–", " "), ("‘", " "), ("…", " "))
#: A word joined to two others by apostrophes, which `_WORD` reads as two words.
_JOINED_TWICE = re.compile(r"'\w+'")
_TERMINAL = frozenset('.!?…:;"”’»)]。！？」』）')
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: Code point ranges holding every character `_CJK` matches, and a few more: a fast first test (looking up
#: script properties for every character is slow, and most lines beyond ASCII only hold curly quotes).
_CJK_BOUNDS = (
    (0x1100, 0x11FF),
    (0x2E80, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFFDC),
    (0x16FE0, 0x16FFF),
    (0x1AFF0, 0x1B16F),
    (0x1F200, 0x1F200),
    (0x20000, 0x3FFFF),
)
_CJK_RANGES = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_BOUNDS) + "]")
#: Characters of Chinese, Japanese or Korean text that count as one word.
CJK_CHARS_PER_WORD = 2
#: Every byte but the high bytes of the UTF-16 code units of `_CJK_RANGES`' characters (a high surrogate's,
#: for those beyond the Basic Multilingual Plane): a line left with none once they are deleted holds no such
#: character (see `_may_hold_cjk`). Read off the ranges' bounds.
_NOT_CJK_HIGH_BYTES = bytes(
    sorted(
        set(range(256))
        - {
            high
            for low, top in _CJK_BOUNDS
            for high in (range(low >> 8, (top >> 8) + 1) if top <= 0xFFFF else range(0xD8, 0xDC))
        }
    )
)


class Scored(NamedTuple):
    """A line's features, rule hits and context-free content score.

    A line standing alone is scored from its text alone, so one `Scored` serves every line with that text
    (a memo keeps them); a line of a paragraph broken over lines gets its own, with the paragraph's score.
    A NamedTuple rather than a frozen dataclass: pages have thousands of lines.
    """

    text: str
    n_words: int
    stop_ratio: float  # the stop-word share (the paragraph's, for a line of a broken paragraph)
    terminal: bool
    continuation: bool  # continues the line before (starts lowercase or with punctuation, or joined)
    hits: tuple[RuleHit, ...]
    content: float
    share: float = 1.0  # the line's share of its paragraph's words
    # The line's own counts and ends, from which paragraphs broken over lines are scored.
    n_tokens: int = 0
    n_stop: float = 0.0
    ends_open: bool = False
    cjk: bool = False

    @property
    def penalty(self) -> float:
        """The summed weights of the rules that fired on this line."""
        return sum(h.rule.weight for h in self.hits) if self.hits else 0.0

    @property
    def score(self) -> float:
        """Content score minus rule penalty: what the decision thresholds are compared with."""
        return self.content - self.penalty

    def reasons(self) -> tuple[str, ...]:
        """Human-readable reasons for this line's score: its features, then each rule that fired."""
        features = (
            f"words={self.n_words} stop={self.stop_ratio:.2f} content={self.content:.2f}"
            f"{' sentence-end' if self.terminal else ''}{' continuation' if self.continuation else ''}"
        )
        if not self.hits:
            return (features,)
        return (features, *(f"rule:{h.rule.id}(-{h.rule.weight:g})" for h in self.hits))


def detect_language(texts: Sequence[str], stopwords: Mapping[str, frozenset[str]]) -> str | None:
    """The language whose stop words are densest in the text, or None when none reaches a minimal share.

    Only lines of some length are sampled (menus say little about the language), up to a few thousand
    characters, so detection costs the same on any page size.
    """
    if not stopwords:
        return None
    sample: list[str] = []
    size = 0
    for text in texts:
        if text.count(" ") >= LANGUAGE_SAMPLE_MIN_SPACES:
            sample.append(text)
            size += len(text)
            if size > LANGUAGE_SAMPLE_CHARS:
                break
    tokens = " ".join(sample).lower().split()  # punctuation stays on a word: the same for every language
    if not tokens:
        return None
    counts = {lang: sum(map(words.__contains__, tokens)) for lang, words in stopwords.items()}
    ranked = sorted(sorted(counts), key=lambda lang: counts[lang], reverse=True)
    best = ranked[0]
    if counts[best] / len(tokens) < LANGUAGE_MIN_SHARE:
        return None
    if len(ranked) > 1 and counts[best] < LANGUAGE_MIN_LEAD * counts[ranked[1]]:
        return None  # a near tie: a related language without a pack (Italian, Portuguese ...)
    return best


def score_lines(
    texts: Sequence[str],
    matcher: Matcher,
    stopwords: frozenset[str] | None,
    deadline: float | None = None,
    memo: Memo | None = None,
) -> list[Scored]:
    """Features, rule hits and content score of each line, given the lines' texts (normalised).

    A dump of an HTML page breaks a paragraph wherever a link or emphasis starts or ends, so lines that
    continue the previous one (it ends mid-sentence and this one starts lowercase or with punctuation, or
    it ends on a function word or comma) are scored together as one paragraph: every line of the paragraph
    gets the paragraph's score, and `Scored.share` says which part of it the line holds.

    A line standing alone is scored from its text alone, so a `memo` (a `Memo` kept by the caller for one
    matcher and stop-word list) remembers the `Scored` of short lines, which repeat within and across pages
    of a site (menus, share buttons, footers). It never changes a result, only skips recomputing one.
    """
    feats = _features_of(texts, matcher, stopwords, deadline, memo)
    n = len(feats)
    for i in [i for i in range(1, n) if feats[i].hits]:  # in order: a line's reset counts for the next
        f, previous = feats[i], feats[i - 1]
        if (
            f.text[0].islower()
            and not previous.terminal
            and not previous.hits
            and not any(h.rule.kind == "timestamp" for h in f.hits)
        ):
            feats[i] = f._replace(hits=())  # words inside a running sentence ("written / by"), not cruft
    # Line i continues the sentence line i - 1 left open (and joins its paragraph) when the line before does
    # not end like a sentence, neither has a rule hit, and line i starts inside a sentence, or is a short
    # fragment (a link's text) after a line ending on a function word or comma. Not a long line there: a
    # headline may well end on "here" or "you" and be followed by the article.
    # A short line the next line continues (", out in March") is an inline element inside a sentence (a
    # linked or italic title), so it joins an open line before it too: "Her new novel" / "The Salt Road".
    joins = [
        i
        for i, (previous, current) in enumerate(pairwise(feats), 1)
        if not (previous.terminal or previous.hits or current.hits)
        and (
            current.continuation
            or (
                current.n_words <= OPEN_JOIN_MAX_WORDS
                and (
                    previous.ends_open
                    or (
                        i + 1 < n
                        and feats[i + 1].continuation
                        and not feats[i + 1].hits
                        and not current.terminal
                    )
                )
            )
        )
    ]
    if not joins:  # every line stands alone: scored from its own text
        return feats
    scored = list(feats)
    new = tuple.__new__  # a NamedTuple without its Python-level constructor
    k = 0
    while k < len(joins):  # each run of joins makes one paragraph of lines start..end-1
        start, end = joins[k] - 1, joins[k] + 1
        k += 1
        while k < len(joins) and joins[k] == end:
            end += 1
            k += 1
        unit = feats[start:end]
        words = sum(f.n_words for f in unit) or 1
        tokens = sum(f.n_tokens for f in unit)
        ratio = (sum(f.n_stop for f in unit) / tokens) if tokens else 0.0
        if any(f.cjk for f in unit):
            ratio = STOP_FULL
        content = _content(words, ratio, unit[-1].terminal)
        for j, f in enumerate(unit):
            fields = (f.text, f.n_words, ratio, f.terminal, j > 0 or f.continuation, f.hits, content)
            scored[start + j] = new(
                Scored, (*fields, f.n_words / words, f.n_tokens, f.n_stop, f.ends_open, f.cjk)
            )
    return scored


#: Lines already seen, scored as they stand alone, oldest first (see `score_lines`).
Memo = OrderedDict[str, Scored]

#: Lines up to this many characters are remembered by a memo: the ones that repeat are short.
MEMO_MAX_CHARS = 200
#: A memo holds at most this many lines (a few megabytes), the oldest making way for a new one: a bound on
#: its memory, while the menus and footers of the sites a pipeline keeps seeing stay in it.
MEMO_MAX_LINES = 8192


def _features(
    text: str, matcher: Matcher, stopwords: frozenset[str] | None, deadline: float | None = None
) -> Scored:
    """One line scored as it stands alone (see `_features_of`)."""
    return _features_of([text], matcher, stopwords, deadline, None)[0]


def _features_of(
    texts: Sequence[str],
    matcher: Matcher,
    stopwords: frozenset[str] | None,
    deadline: float | None,
    memo: Memo | None,
) -> list[Scored]:
    """Each of `texts` (normalised lines: single spaces, stripped, never empty) scored from its own features
    as it stands alone; lines up to `MEMO_MAX_CHARS` long are taken from and kept in `memo`, if given.

    One loop over all the lines with everything it uses bound locally: this runs for every line not seen
    before, and a function call and global lookups per line would cost a good share of its time.
    """
    scored: list[Scored] = []
    append = scored.append
    new = tuple.__new__  # a NamedTuple without its Python-level constructor
    every_stop_word = "".join(stopwords) if stopwords is not None else ""
    fold_apostrophe = "'" not in every_stop_word and "’" not in every_stop_word
    hits_of = matcher.hits
    is_stop = stopwords.__contains__ if stopwords is not None else None
    terminals = _TERMINAL
    known_lines: Mapping[str, Scored] = memo if memo is not None else {}
    remembered = known_lines.get
    for text in texts:
        known = remembered(text)
        if known is not None:
            append(known)
            continue
        lowered = text.lower()
        tokens = _tokens(lowered, fold_apostrophe)
        n_words = text.count(" ") + 1  # the words between single spaces
        cjk = False
        if (
            not text.isascii()
            and n_words * CJK_CHARS_PER_WORD < len(text)
            and _may_hold_cjk(text)
            and _CJK_RANGES.search(text)
            and _CJK.search(text)
        ):
            cjk = True
            n_words = max(n_words, len(_CJK.findall(text)) // CJK_CHARS_PER_WORD)
        if not tokens:
            n_stop = 0.0
        elif is_stop is None:
            # No stop-word list for this language: short words stand in for function words.
            n_stop = sum(1 for t in tokens if len(t) <= 3) * SHORT_WORD_FACTOR
        else:
            n_stop = float(sum(map(is_stop, tokens)))
        first, last = text[0], text[-1]
        last_word = tokens[-1] if tokens else ""
        ends_open = last in ",(–—-“‘\"'" or (is_stop is not None and is_stop(last_word) and last.isalpha())
        terminal = last in terminals
        starts_inside = first.islower() or first in ",;:.)]’”–—" or (first == "-" and not _is_bullet(text))
        ratio = STOP_FULL if cjk else (n_stop / len(tokens) if tokens else 0.0)
        content = _content(n_words, ratio, terminal)
        if starts_inside and content < 0.0:
            content = 0.0
        hits = hits_of(text, lowered, n_words, deadline)
        alone = new(
            Scored,
            (
                text,
                n_words,
                ratio,
                terminal,
                starts_inside,
                hits,
                content,
                1.0,
                len(tokens),
                n_stop,
                ends_open,
                cjk,
            ),
        )
        append(alone)
        if memo is not None and len(text) <= MEMO_MAX_CHARS:
            if len(memo) >= MEMO_MAX_LINES:
                try:  # noqa: SIM105 - a try costs nothing here; contextlib.suppress is two calls per new line
                    memo.popitem(last=False)  # the oldest line goes first
                except KeyError:  # another thread emptied it first
                    pass
            memo[text] = alone
    return scored


def _may_hold_cjk(line: str) -> bool:
    """Whether a line may hold a character of `_CJK_RANGES`, told from the high bytes of its UTF-16 code units
    in a few C calls: a search for the character class costs many times as much on a line without
    one (curly quotes, accented letters), which is most lines beyond ASCII."""
    return bool(line.encode("utf-16-le", "surrogatepass")[1::2].translate(None, _NOT_CJK_HIGH_BYTES))


def _tokens(lowered: str, fold_apostrophe: bool) -> list[str]:
    """The words of a line in lower case, as `_WORD` finds them, found faster than by it where possible.

    The regular expression costs about as much per word as all the rest of a line's features. Most lines
    are ASCII, or ASCII but for typographic quotes and dashes: there every character that is no part of a
    word is translated to a space (in C) and the line split at spaces. An apostrophe joins the words on its
    two sides, once per word: one without a word character on each side is a space, and a line with a word
    joined twice ("rock'n'roll") is left to `_WORD`, as are lines in other scripts. With `fold_apostrophe`
    (for stop-word lists without an apostrophe, where a word holding one is never a stop word either way),
    a curly apostrophe in a word may be read as the ASCII one.
    """
    plain = lowered
    if not plain.isascii():
        for typographic, ascii_char in _TYPOGRAPHIC:
            if typographic in plain:
                if ascii_char == "'" and not fold_apostrophe:
                    return _WORD.findall(lowered)
                plain = plain.replace(typographic, ascii_char)
        if not plain.isascii():
            return _WORD.findall(lowered)
    spaced = plain.encode().translate(_ASCII_WORD_BYTES).decode()
    if "'" in spaced:
        if "''" in spaced:
            return _WORD.findall(spaced)
        spaced = spaced.replace(" '", "  ").replace("' ", "  ").strip("'")
        if _JOINED_TWICE.search(spaced):
            return _WORD.findall(spaced)
    return spaced.split()


def _is_bullet(text: str) -> bool:
    """A hyphen that opens an item ("- Source"), not a dash inside a sentence."""
    rest = text[1:].lstrip()
    return len(rest) < len(text) - 1 and bool(rest) and (rest[0].isupper() or rest[0].isdigit())


def _content(n_words: int, stop_ratio: float, terminal: bool) -> float:
    """The content score of a line (or paragraph) of `n_words` words; conditionals rather than `min`, which
    costs several times as much for two numbers (this runs for every line not seen before)."""
    if n_words < SHORT_WORDS:
        return SHORT_SCORE
    length = (n_words if n_words < LENGTH_CAP else LENGTH_CAP) / WORDS_PER_UNIT
    prose = stop_ratio / STOP_FULL
    if prose > PROSE_CAP:
        prose = PROSE_CAP
    return length * prose + BASE_OFFSET + (TERMINAL_BONUS if terminal else NO_TERMINAL_MALUS)
