"""What an HTML page's cruft tells, beyond the extracted lines: the entries of the related blocks outside
the article (removed by the DOM rules, or left out by the extractor), and the metadata on lines outside the
article (a footer's copyright, a credit line).

The extracted paragraphs hold little cruft (the extractor leaves footers and widgets out), so the text
rules and the related-block parser run here over the page's other lines too. Which lines are body was
decided before, and nothing here changes it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from ..blocks import MAX_BLOCK_LINES, parse_block
from ..metadata import HitLine, from_hits
from ..result import RelatedEntry, Result
from ..rules import RuleHit, RuleSet
from ..score import score_lines

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..pipeline import Cleaner
    from ..rules.matcher import Matcher
    from .dom import DomRemoval

#: Kinds whose named groups are read from lines outside the article. (The lines of removed related blocks
#: are not read: a byline there is another article's.)
PAGE_KINDS = frozenset({"copyright", "distribution", "credit", "byline"})
#: Lines longer than this many words are never cruft that states metadata.
MAX_WORDS = 60
#: Lines scored after a related heading before the block is known to run on (then up to `MAX_BLOCK_LINES`).
FIRST_WINDOW = 16
#: Elements that start and end a line of their own; inline elements (links, emphasis) stay in their line.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
#: Where a line ends in the joined texts of a page (a character no text holds).
_BREAK = "\x00"
#: Elements whose text no reader sees.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


@dataclasses.dataclass(frozen=True)
class _Line:
    """A line of the page outside the article, with the rule hits on it."""

    text: str
    hits: tuple[RuleHit, ...]


def from_cruft(result: Result, removals: Sequence[DomRemoval], tree: HtmlElement, cleaner: Cleaner) -> Result:
    """`result` with the entries of the page's related blocks outside the extracted article added (those
    the DOM rules removed, and those the extractor left out) and its metadata gaps filled from the page's
    lines outside the article.

    Only the rules' hits are looked up on every line; lines are scored (for the block parser) only in the
    windows that related headings open.
    """
    body = set(result.paragraphs)
    matcher = cleaner.matcher_for(result.language)  # scores the lines of a block
    finder = cruft_matcher(cleaner.ruleset, result.language)  # finds headings and metadata on any line
    stopwords = cleaner.ruleset.stopwords.get(result.language) if result.language else None

    def entries(
        texts: Sequence[str], hits: Sequence[tuple[RuleHit, ...]], first: int = 0
    ) -> list[RelatedEntry]:
        """The entries of the related blocks that headings among `texts` (from `first`) open."""
        found: list[RelatedEntry] = []
        resume = first
        for i in range(first, len(texts)):
            if i < resume or not any(_heads_block(h) for h in hits[i]):
                continue
            for size in (FIRST_WINDOW, MAX_BLOCK_LINES):  # most blocks are short: score a few lines first
                window = score_lines(texts[i + 1 : i + 1 + size], matcher, stopwords)
                block = parse_block(window, 0)
                if block.end < len(window) or len(window) < size:
                    break
            found += [entry for _first, entry in block.entries]
            resume = i + 1 + block.end
        return found

    # The body's lines stay among the page's lines, so that a block ends where the article goes on.
    parts = _texts(tree)
    page = _block_lines(parts)
    page_hits = _hits(page, finder, body)
    found = entries(page, page_hits)
    stated: list[HitLine] = [_Line(t, h) for t, h in zip(page, page_hits, strict=True) if h and t not in body]
    for removal in removals:  # a removed related block from its first line; a footer or byline box too
        texts = list(removal.lines)
        hits = _hits(texts, finder)
        if removal.kind == "related":
            heading = bool(hits) and any(_heads_block(h) for h in hits[0])
            if not heading:
                block = parse_block(score_lines(texts, matcher, stopwords), 0)
                found += [entry for _first, entry in block.entries]
            found += entries(texts, hits, 0 if heading else 1)
        else:
            found += entries(texts, hits)
            stated += [_Line(t, h) for t, h in zip(texts, hits, strict=True) if h]
    known = {entry.headline for entry in result.related}
    related = list(result.related)
    if "related" in cleaner.config.keep:  # related blocks kept as content are not parsed into entries
        found = []
    for entry in found:
        if entry.headline not in known and entry.headline not in body:
            known.add(entry.headline)
            related.append(entry)
    metadata = from_hits((line for line in stated if _states(line)), result.metadata)
    if metadata.byline is None:  # a byline in its own inline element beside a date: the text nodes
        known_hits = dict(zip(page, page_hits, strict=True))  # most nodes are a block's line: hits known
        nodes = [t for t in _node_lines(parts) if t not in body]
        unknown = [t for t in nodes if t not in known_hits]
        known_hits.update(zip(unknown, _hits(unknown, finder), strict=True))
        lines = [_Line(t, known_hits[t]) for t in nodes if known_hits[t]]
        metadata = from_hits((line for line in lines if _states(line)), metadata)
    return dataclasses.replace(result, related=tuple(related), metadata=metadata)


@functools.lru_cache(maxsize=16)
def cruft_matcher(ruleset: RuleSet, language: str | None) -> Matcher:
    """The rules that head related blocks or state metadata, alone: looking them up on every line of a page
    costs a third of looking up all rules."""
    from ..rules.matcher import compile_for

    rules = tuple(r for r in ruleset.rules if r.kind in PAGE_KINDS or r.kind == "related")
    return compile_for(RuleSet(rules, ruleset.stopwords), language)


def _heads_block(hit: RuleHit) -> bool:
    return hit.rule.scope == "block_start" and hit.rule.kind == "related"


def _hits(texts: Sequence[str], matcher: Matcher, body: Collection[str] = ()) -> list[tuple[RuleHit, ...]]:
    """The rules that fire on each of `texts` (none on a line longer than `MAX_WORDS`, nor on the article's
    own lines, which the text step has read)."""
    hits: list[tuple[RuleHit, ...]] = []
    for text in texts:
        n_words = len(text.split())
        if n_words > MAX_WORDS or text in body:
            hits.append(())
        else:
            hits.append(matcher.hits(text, text.lower(), n_words))
    return hits


def _texts(tree: HtmlElement) -> list[str]:
    """The page's visible texts (its text nodes) in document order, with `_BREAK` where a block element
    starts or ends: read in one walk, for `_block_lines` and `_node_lines`."""
    from lxml import etree

    parts: list[str] = []
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag in HIDDEN_TAGS:
                walk.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                parts.append(_BREAK)
            if tag is not None and element.text:
                parts.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                parts.append(_BREAK)
            if element.tail:
                parts.append(element.tail)
    return parts


def _block_lines(parts: list[str]) -> list[str]:
    """One line per block element (a byline with a linked name is one line)."""
    from ..normalize import normalize_line

    lines = (normalize_line(text) for text in "".join(parts).split(_BREAK) if text and not text.isspace())
    return [line for line in lines if line]


def _node_lines(parts: list[str]) -> list[str]:
    """One line per line of each text node (a byline's name and date in inline elements of their own are
    lines of their own here)."""
    return [
        " ".join(t.split()) for t in "\n".join(parts).split("\n") if t and not t.isspace() and t != _BREAK
    ]


def _states(line: HitLine) -> bool:
    """Whether a line has a hit of a kind whose groups are read here."""
    return any(h.rule.kind in PAGE_KINDS for h in line.hits)
