"""What an HTML page's cruft tells, beyond the extracted lines: the entries of the related blocks outside
the article (removed by the DOM rules, or left out by the extractor), and the metadata on lines outside the
article (a footer's copyright, a credit line).

The extracted paragraphs hold little cruft (the extractor leaves footers and widgets out), so the text
rules and the related-block parser run here over the page's other lines too. Which lines are body was
decided before, and nothing here changes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..blocks import parse_block
from ..metadata import HitLine, from_hits
from ..result import RelatedEntry, Result
from ..rules import RuleHit
from ..score import Scored, score_lines

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
    lines outside the article."""
    from . import page_text

    body = set(result.paragraphs)
    matcher = cleaner.matcher_for(result.language)
    stopwords = cleaner.ruleset.stopwords.get(result.language) if result.language else None
    # The body's lines stay among the page's lines, so that a block ends where the article goes on.
    scored = score_lines(block_lines(tree), matcher, stopwords)
    # The DOM removals' own lines: a removed related block is parsed from its first line, any other removed
    # widget (a footer) for the related blocks its headings open.
    removed = [(r.kind, score_lines(list(r.lines), matcher, stopwords)) for r in removals if r.lines]
    found = _block_entries(scored, 0)
    for kind, lines in removed:
        found += _removed_entries(lines) if kind == "related" else _block_entries(lines, 0)
    known = {entry.headline for entry in result.related}
    related = list(result.related)
    for entry in found:
        if entry.headline not in known and entry.headline not in body:
            known.add(entry.headline)
            related.append(entry)
    # Metadata from the page's block lines, then from the other DOM removals' lines, then from the page's
    # text nodes (a byline in its own inline element beside a date).
    hit_lines: list[HitLine] = [s for s in scored if s.hits and s.text not in body]
    hit_lines += [s for kind, lines in removed if kind != "related" for s in lines if s.hits]
    nodes = [" ".join(t.split()) for t in page_text(tree).split("\n")]
    hit_lines += _hit_lines([t for t in nodes if t and t not in body], matcher)
    stated = (line for line in hit_lines if len(line.text.split()) <= MAX_WORDS and _states(line))
    metadata = from_hits(stated, result.metadata)
    return dataclasses.replace(result, related=tuple(related), metadata=metadata)


def block_lines(tree: HtmlElement) -> list[str]:
    """The page's visible text, one line per block element (a byline with a linked name is one line)."""
    from lxml import etree

    from ..normalize import normalize_line

    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        if parts:
            text = normalize_line("".join(parts))
            if text:
                lines.append(text)
            parts.clear()

    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag in HIDDEN_TAGS:
                walk.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
            if tag is not None and element.text:
                parts.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
            if element.tail:
                parts.append(element.tail)
    flush()
    return lines


def _states(line: HitLine) -> bool:
    """Whether a line has a hit of a kind whose groups are read here."""
    return any(h.rule.kind in PAGE_KINDS for h in line.hits)


def _block_entries(scored: Sequence[Scored], start: int) -> list[RelatedEntry]:
    """The entries of every related block headed by a rule among `scored` from `start`."""
    entries: list[RelatedEntry] = []
    i = start
    while i < len(scored):
        if any(h.rule.scope == "block_start" and h.rule.kind == "related" for h in scored[i].hits):
            block = parse_block(scored, i + 1)
            entries.extend(entry for _first, entry in block.entries)
            i = max(block.end, i + 1)
        else:
            i += 1
    return entries


def _removed_entries(scored: Sequence[Scored]) -> list[RelatedEntry]:
    """The entries of a related block the DOM rules removed, from its lines (its heading skipped when a
    rule knows it; a block without one is parsed from its first line)."""
    if scored and any(h.rule.scope == "block_start" for h in scored[0].hits):
        return _block_entries(scored, 0)
    return [entry for _first, entry in parse_block(scored, 0).entries] + _block_entries(scored, 1)


def _hit_lines(texts: Sequence[str], matcher: Matcher) -> list[_Line]:
    """The lines among `texts` on which a rule fires, with their hits."""
    lines: list[_Line] = []
    for text in texts:
        n_words = len(text.split())
        if n_words > MAX_WORDS:
            continue
        hits = matcher.hits(text, text.lower(), n_words)
        if hits:
            lines.append(_Line(text, hits))
    return lines
