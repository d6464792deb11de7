"""Cruft blocks: the lines a block-heading rule heads, and the entries of related blocks parsed into records.

A related block is read in two steps from one list of tokens (one per line), so the lines removed as the
block and the records parsed from it are the same lines: `_tokens` finds how far the block runs and what
each line is (an age, a "- Source" line, a blurb, a short text that is a source or a headline, or cruft
between entries); `_entries` then finds the headlines and gives every other line to the entry it belongs
to, learning from the block itself which fields stand before a headline and which after it.

Fail-soft: a block never runs into two prose paragraphs in a row (that is the article), and lines that
cannot be given to an entry are left to the region search.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .result import RelatedEntry
from .score import Scored

#: Terminal lines of at least this many words read as prose: a blurb, or with a second one the article.
BLURB_WORDS = 8
#: Prose lines of at least this many words in a row are the article (a block never takes them).
PROSE_WORDS = 12
#: Lines of a related block at most (a safety bound: a block never swallows a page).
MAX_BLOCK_LINES = 80
#: Longest line read as a headline or a source.
HEADLINE_MAX_WORDS = 30
#: Longest line read as a source name when nothing else in the block names it.
SOURCE_MAX_WORDS = 5
#: Pairs of texts at least before a list of texts alone is read as sources and headlines (two texts of
#: different lengths are as likely two headlines).
MIN_PAIRS = 2
#: Longest "- Source" line.
DASH_SOURCE_MAX_WORDS = 6
#: Cruft kinds that may stand between the entries of a related block without ending it.
ENTRY_KINDS = frozenset(
    {"byline", "share", "navigation", "caption", "related", "advertisement", "comments", "tags"}
)
#: A block of another kind than related covers at most this many short lines after its head.
SHORT_BLOCK_LINES = 4
SHORT_ENTRY_WORDS = 5
#: Block kinds whose extent their label decides, not line length: a machine-written summary box runs over its
#: bullets or sentences (see `_summary_end`).
LABELLED_BLOCK_KINDS = frozenset({"ai-summary"})
#: A summary box covers at most this many lines after its label (a bound: it never swallows an article).
SUMMARY_LINES = 8
#: Bounds of a summary item: a bulleted line of at most `SUMMARY_BULLET_WORDS` words, or an unbulleted one of
#: at most `SUMMARY_ITEM_WORDS` words and `SUMMARY_ITEM_SENTENCES` sentences; a longer line is the article's.
SUMMARY_BULLET_WORDS = 60
SUMMARY_ITEM_WORDS = 40
SUMMARY_ITEM_SENTENCES = 2
#: Marks that open a list item in a text dump.
_BULLETS = ("•", "·", "-", "–", "—", "*", "▪", "►", "✓", "✔")
#: What a line can be inside a summary box (see `_summary_item`).
SUMMARY_BULLET, SUMMARY_SENTENCE, SUMMARY_SUBLABEL = "bullet", "sentence", "sub-label"
#: What a sentence ends with, and the quotes that may close it after that.
_SENTENCE_ENDS = (".", "!", "?", "…")
_CLOSING_QUOTES = "\"”’»'"
#: Scopes of rules whose line ends a block (the article's end, or the next block's heading).
_ENDING_SCOPES = frozenset({"trailer", "block_start"})
_NO_KINDS: frozenset[str] = frozenset()
#: Dashes that open a "- Source" line.
_DASHES = ("- ", "– ", "— ")

#: Token roles: an age, a "- Source" line, a blurb, a short text (source or headline), cruft between entries.
AGE, DASH, BLURB, TEXT, SKIP = "age", "dash", "blurb", "text", "skip"
#: Roles of a token once the headlines are known.
HEADLINE, SOURCE = "headline", "source"


class Token(NamedTuple):
    """One line of a block and what it is (a NamedTuple: cheap to build, one per line of a block)."""

    line: int
    role: str
    text: str
    words: int


@dataclass(frozen=True)
class Block:
    """A parsed related block: the index after its last line, and its entries with their first line."""

    end: int
    entries: tuple[tuple[int, RelatedEntry], ...]


def mark_blocks(
    scored: Sequence[Scored],
    hit_lines: Sequence[int],
    kinds: list[str | None],
    rules: list[str | None],
    keep: frozenset[str],
) -> list[tuple[int, RelatedEntry]]:
    """Mark each block a `block_start` rule heads, and parse the entries of related blocks into records.

    A related block runs over its entries (see `parse_block`); a block of another kind (a bare "By"
    before the author's name and handle) runs over the few short lines that follow its head. A one-line
    related link ("Read also: <headline>") is an entry of its own.
    """
    entries: list[tuple[int, RelatedEntry]] = []
    n = len(scored)
    resume = 0  # the first line after the last block
    for i in hit_lines:  # only a line with a rule hit can head a block
        if i < resume:
            continue
        for heading in scored[i].hits:
            if heading.rule.scope == "block_start" and heading.rule.kind not in keep:
                break
        else:
            inline = _inline_entry(scored[i], keep)
            if inline is not None:
                entries.append((i, inline))
            continue
        kinds[i], rules[i] = heading.rule.kind, heading.rule.id
        if heading.rule.kind in LABELLED_BLOCK_KINDS:  # a summary box: its label decides, not line length
            end = _summary_end(scored, i + 1)
        elif heading.rule.kind != "related":
            end = i + 1
            while end < min(n, i + 1 + SHORT_BLOCK_LINES) and _short_entry(scored[end]):
                end += 1
        else:
            block = parse_block(scored, i + 1)
            end = block.end
            entries.extend(block.entries)
        for j in range(i + 1, end):
            if kinds[j] is None:
                kinds[j], rules[j] = heading.rule.kind, heading.rule.id
        resume = max(end, i + 1)
    return entries


def _summary_end(scored: Sequence[Scored], start: int) -> int:
    """The index after the summary box whose label ends before `start`: its items, until the article resumes.

    Items are bulleted lines, or short lines of a sentence or two; the box ends before the first line that
    reads as the article's own (a longer paragraph, a heading-shaped line once items were seen, an unbulleted
    line after bulleted items), before a line another kind of rule claims, after a closing line of its own
    kind (a disclaimer), and after `SUMMARY_LINES` lines at most. Fail soft: unbulleted sentences look like
    the article's own, so without a closing line after them the box takes none of them.
    """
    end = start
    limit = min(len(scored), start + SUMMARY_LINES)
    first_item: int | None = None
    bulleted = False
    while end < limit:
        s = scored[end]
        if s.hits:
            own = [h.rule.scope for h in s.hits if h.rule.kind in LABELLED_BLOCK_KINDS]
            if not own or "block_start" in own:
                break  # another kind of cruft, or the label of another box
            if first_item is not None:
                return end + 1  # the box's own closing line, after its items: a disclaimer, a feedback prompt
            end += 1  # a note between the label and the items
            continue
        item = _summary_item(s)
        if item is None or (item == SUMMARY_SUBLABEL and first_item is not None):
            break
        if item != SUMMARY_SUBLABEL:
            if first_item is None:
                first_item, bulleted = end, item == SUMMARY_BULLET
            elif bulleted != (item == SUMMARY_BULLET):
                break  # prose after the bullets: the article resumes
        end += 1
    if first_item is not None and not bulleted:
        return first_item  # sentences without a closing line: left to the article
    return end


def _summary_item(s: Scored) -> str | None:
    """What a line is in a summary box: a bullet, a sentence, a sub-label, or None (not an item)."""
    text = s.text
    if text.startswith(_BULLETS) or (text[:1].isdigit() and text[1:3] in (". ", ") ")):
        return SUMMARY_BULLET if s.n_words <= SUMMARY_BULLET_WORDS else None
    if not s.terminal:
        return SUMMARY_SUBLABEL if s.n_words <= SHORT_ENTRY_WORDS else None
    sentences = sum(text.count(mark) for mark in (". ", "! ", "? ")) + 1
    if s.n_words <= SUMMARY_ITEM_WORDS and sentences <= SUMMARY_ITEM_SENTENCES:
        return SUMMARY_SENTENCE
    return None


def _inline_entry(s: Scored, keep: frozenset[str]) -> RelatedEntry | None:
    """The entry a one-line related link states ("Read also: <headline>"), from its rule's group."""
    if "related" in keep:
        return None
    for hit in s.hits:
        if hit.rule.kind == "related":
            for name, value in hit.groups:
                if name == HEADLINE:
                    return RelatedEntry(headline=value)
    return None


def _short_entry(s: Scored) -> bool:
    """A short line that can belong to a small cruft block: a name, a handle, a role."""
    return s.n_words <= SHORT_ENTRY_WORDS and not s.terminal and not s.continuation and not s.hits


def parse_block(scored: Sequence[Scored], start: int) -> Block:
    """The related block whose entries start at `start` (the line after its heading), parsed."""
    label = start > 0 and scored[start - 1].text.endswith(":")
    tokens, article_follows = _tokens(scored, start, label)
    if not tokens:
        return Block(start, ())
    blurbs = [k for k, t in enumerate(tokens) if t.role == BLURB]
    if article_follows and blurbs:
        tokens = tokens[: blurbs[-1] + 1]  # what follows the last blurb is the article's head
    entries = _entries(tokens)
    if article_follows and len(entries) > 1 and _incomplete(entries[-1], entries[:-1]):
        entries.pop()  # the article's own head (headline, byline) before its first paragraphs
    if not entries:
        return Block(start, ())
    last = max(token.line for token, _role in entries[-1])
    records = tuple((entry[0][0].line, _record(entry)) for entry in entries)
    return Block(last + 1, records)


def _is_prose(s: Scored) -> bool:
    return s.n_words >= PROSE_WORDS and s.terminal and not s.hits


def _tokens(scored: Sequence[Scored], start: int, label: bool = False) -> tuple[list[Token], bool]:
    """The block's lines from `start` as tokens, and whether it stopped where the article goes on.

    Under a `label` heading ("Related:", "Must read:"), the two-line form of an inline "Read also: <link>",
    the block is a list of links: the first line of prose ends it, and a text right before that prose (when
    a link precedes it) is the article's subheading, not another link."""
    n = len(scored)
    tokens: list[Token] = []
    titled = False  # a text (a headline for a blurb to follow) stands since the last blurb
    for i in range(start, min(n, start + MAX_BLOCK_LINES)):
        s = scored[i]
        text = s.text
        kinds_here = {h.rule.kind for h in s.hits} if s.hits else _NO_KINDS
        if s.hits and any(h.rule.scope in _ENDING_SCOPES for h in s.hits):
            break
        is_age = "timestamp" in kinds_here
        if not is_age:
            after = scored[i + 1] if i + 1 < n else None
            runs_on = after is not None and after.continuation and not _is_age(after)
            if s.continuation or text.endswith((",", ";")) or runs_on:
                break  # running text broken over lines is prose, never a list of entries
        if is_age:
            role = AGE
        elif s.hits:
            if not kinds_here <= ENTRY_KINDS:
                break
            role = SKIP
        elif s.n_words >= BLURB_WORDS and _sentence(text):
            if label:
                if len(tokens) > 1 and tokens[-1].role == TEXT:
                    tokens.pop()
                return tokens, False
            if _is_prose(s) and i + 1 < n and _is_prose(scored[i + 1]):
                return tokens, True  # two paragraphs in a row: the article, not blurbs
            if not titled:
                break  # prose that follows no headline (a blurb follows the entry's texts)
            role = BLURB
        elif text.endswith(".") and not text.endswith("..."):
            if not titled:
                break  # a short sentence after no headline (a notice, a disclaimer) ends the block
            role = BLURB  # a short blurb after its headline
        elif text.startswith(_DASHES) and s.n_words <= DASH_SOURCE_MAX_WORDS:
            role = DASH
            text = text.lstrip("-–— ")
        elif s.n_words <= HEADLINE_MAX_WORDS:
            role = TEXT
        else:
            break
        if role == TEXT:
            titled = True
        elif role == BLURB:
            titled = False
        tokens.append(Token(i, role, text, s.n_words))
    return tokens, False


def _is_age(s: Scored) -> bool:
    return bool(s.hits) and any(h.rule.kind == "timestamp" for h in s.hits)


def _sentence(text: str) -> bool:
    """Whether a line ends like a sentence (a full stop, question or exclamation mark, maybe in quotes),
    as a blurb does; a headline with a tag in brackets ("[VIDEO]") does not."""
    return text.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_ENDS)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _headlines(tokens: Sequence[Token]) -> set[int]:
    """The positions (in `tokens`) of the text tokens that are headlines; the other text tokens are sources.

    A text repeated in the block or given again on a "- Source" line is a source. When the ages, "- Source"
    lines or blurbs count the entries and there are one or two texts per entry, the texts are headlines, or
    alternate between a column of sources and a column of headlines (see `_source_column`). Otherwise, of
    the texts between two blurbs (or, in a block without blurbs, two ages), the shortest is a source when it
    is short and shorter than the others. A block of texts alone is a list of headlines, unless its texts
    alternate between short names and headlines twice as long.
    """
    texts = [k for k, t in enumerate(tokens) if t.role == TEXT]
    folded = {k: _fold(tokens[k].text) for k in texts}
    counts = Counter(folded.values())
    dashed = {_fold(t.text) for t in tokens if t.role == DASH}
    headlines = {k for k in texts if counts[folded[k]] == 1 and folded[k] not in dashed}
    # Ages, "- Source" lines and blurbs stand once per entry: the most frequent of them counts the entries.
    roles = Counter(t.role for t in tokens)
    n_entries = max(roles[AGE], roles[DASH], roles[BLURB])
    if n_entries and len(texts) == n_entries:
        return headlines  # one text per entry: its headline
    if n_entries and len(texts) == 2 * n_entries:
        columns = (texts[0::2], texts[1::2])  # every entry has a source and a headline, in the same order
        sources = _source_column(tokens, columns, headlines)
        if sources is not None:
            return headlines & set(columns[1 - sources])
    splitters = {BLURB} if any(t.role == BLURB for t in tokens) else {AGE, DASH}
    chunks: list[list[int]] = [[]]
    for k, t in enumerate(tokens):
        if t.role == TEXT:
            chunks[-1].append(k)
        elif t.role in splitters:
            chunks.append([])
    if len(chunks) == 1:  # texts alone: headlines, or pairs of a short name and a longer headline
        chunks = _pairs(tokens, texts)
    for chunk in chunks:
        candidates = [k for k in chunk if k in headlines]
        if len(candidates) < 2 or len(candidates) < len(chunk):
            continue  # one headline, or the chunk's source is named already
        shortest = min(candidates, key=lambda k: tokens[k].words)
        longest = max(tokens[k].words for k in candidates)
        if tokens[shortest].words <= SOURCE_MAX_WORDS and tokens[shortest].words < longest:
            headlines.discard(shortest)
    return headlines


def _source_column(
    tokens: Sequence[Token], columns: tuple[Sequence[int], Sequence[int]], headlines: set[int]
) -> int | None:
    """Which of two columns of texts holds the sources: the one with the named sources (repeated, or given
    on a "- Source" line), else the one of short names shorter on average; None when neither reads so."""
    named = [any(k not in headlines for k in column) for column in columns]
    if named[0] != named[1]:
        return 0 if named[0] else 1
    if any(named):
        return None
    means = [sum(tokens[k].words for k in column) / len(column) for column in columns]
    for index in (0, 1):
        short = max(tokens[k].words for k in columns[index]) <= SOURCE_MAX_WORDS
        if short and means[index] < means[1 - index]:
            return index
    return None


def _pairs(tokens: Sequence[Token], texts: Sequence[int]) -> list[list[int]]:
    """A list of texts alone as pairs (a short name, then a headline twice as long, or the other way round)
    when it reads so throughout, over `MIN_PAIRS` pairs at least; else each text on its own."""
    if len(texts) >= 2 * MIN_PAIRS and len(texts) % 2 == 0:
        firsts = [tokens[k].words for k in texts[0::2]]
        seconds = [tokens[k].words for k in texts[1::2]]
        for short, long in ((firsts, seconds), (seconds, firsts)):
            if max(short) <= SOURCE_MAX_WORDS and all(2 * a <= b for a, b in zip(short, long, strict=True)):
                return [list(texts[j : j + 2]) for j in range(0, len(texts), 2)]
    return [[k] for k in texts]


Entry = list[tuple[Token, str]]


def _entries(tokens: Sequence[Token]) -> list[Entry]:
    """The tokens grouped into entries, one per headline, each with its role (headline, source, age, blurb).

    Between two headlines stand the fields that follow the first (its blurb, and in some layouts its source
    and age), then those that precede the second. Which roles precede a headline is read from the first
    entry (what stands before the first headline), which follow it from the last (what stands after the
    last); a role seen at neither end follows the headline when the block opens with one. After the last
    headline, the fields it does not have yet are its own.
    """
    headlines = _headlines(tokens)
    if not headlines:
        return []
    roles = [_role(t, k in headlines) for k, t in enumerate(tokens)]
    order = sorted(headlines)
    before = {roles[k] for k in range(order[0])} - {SKIP, BLURB}
    after = {roles[k] for k in range(order[-1] + 1, len(tokens))} - {SKIP}
    after.add(BLURB)
    opens_with_headline = not before

    def follows(role: str) -> bool:
        if (role in before) != (role in after):
            return role in after
        return opens_with_headline

    entries: list[Entry] = []
    current: Entry = [(tokens[k], roles[k]) for k in range(order[0] + 1) if roles[k] != SKIP]
    for h, nxt in zip(order, [*order[1:], len(tokens)], strict=True):
        taken = {role for _token, role in current}
        cut = nxt
        last = nxt == len(tokens)
        for k in range(h + 1, nxt):
            role = roles[k]
            if role == SKIP:
                continue
            if role in taken or not (last or follows(role)):
                cut = k
                break
            current.append((tokens[k], role))
            taken.add(role)
        entries.append(current)
        if nxt < len(tokens):
            current = [(tokens[k], roles[k]) for k in range(cut, nxt + 1) if roles[k] != SKIP]
    return entries


def _role(token: Token, headline: bool) -> str:
    if token.role == TEXT:
        return HEADLINE if headline else SOURCE
    return token.role


def _record(entry: Entry) -> RelatedEntry:
    fields: dict[str, str] = {}
    for token, role in entry:
        fields.setdefault(SOURCE if role == DASH else role, token.text)
    return RelatedEntry(
        headline=fields.get(HEADLINE),
        source=fields.get(SOURCE),
        age=fields.get(AGE),
        blurb=fields.get(BLURB),
    )


def _incomplete(entry: Entry, others: Sequence[Entry]) -> bool:
    """Whether the last entry lacks the blurb every other entry has (then it is the article's head)."""
    return all(any(role == BLURB for _t, role in e) for e in others) and not any(
        role == BLURB for _t, role in entry
    )
