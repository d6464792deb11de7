"""What an HTML page's cruft tells, beyond the extracted lines: the entries of the related blocks the DOM
rules removed, and the metadata on lines outside the article (a footer's copyright, a credit line).

The extracted paragraphs hold little cruft (the extractor leaves footers and widgets out), so the text
rules run here over the page's other lines too, for their named groups only: which lines are body was
decided before, and nothing here changes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..blocks import parse_block
from ..metadata import from_hits
from ..result import RelatedEntry, Result
from ..rules import RuleHit
from ..score import score_lines

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..pipeline import Cleaner
    from .dom import DomRemoval

#: Kinds whose named groups are read from lines outside the article. (The lines of removed related blocks
#: are not read: a byline there is another article's.)
PAGE_KINDS = frozenset({"copyright", "distribution", "credit", "byline"})
#: Lines longer than this many words are never cruft that states metadata.
MAX_WORDS = 60


@dataclasses.dataclass(frozen=True)
class _Line:
    """A line of the page outside the article, with the rule hits of the kinds read here."""

    text: str
    hits: tuple[RuleHit, ...]


def from_cruft(result: Result, removals: Sequence[DomRemoval], tree: HtmlElement, cleaner: Cleaner) -> Result:
    """`result` with the DOM-removed related blocks' entries added and its metadata gaps filled from the
    page's lines outside the article."""
    related = dom_related(removals, cleaner, result.language)
    metadata = from_hits(_page_lines(result, removals, tree, cleaner), result.metadata)
    return dataclasses.replace(result, related=result.related + related, metadata=metadata)


def dom_related(
    removals: Sequence[DomRemoval], cleaner: Cleaner, language: str | None
) -> tuple[RelatedEntry, ...]:
    """The entries of each removed related block, from its lines (a heading a rule knows is skipped)."""
    entries: list[RelatedEntry] = []
    blocks = [r for r in removals if r.kind == "related" and r.lines]
    if not blocks:
        return ()
    matcher = cleaner.matcher_for(language)
    stopwords = cleaner.ruleset.stopwords.get(language) if language else None
    for removal in blocks:
        scored = score_lines(list(removal.lines), matcher, stopwords)
        start = 0
        while start < len(scored) and any(h.rule.scope == "block_start" for h in scored[start].hits):
            start += 1
        entries.extend(entry for _first, entry in parse_block(scored, start).entries)
    return tuple(entries)


def _page_lines(
    result: Result, removals: Sequence[DomRemoval], tree: HtmlElement, cleaner: Cleaner
) -> list[_Line]:
    """The lines outside the article (the page's text and the DOM removals') on which a rule of
    `PAGE_KINDS` fires."""
    from . import page_text

    body = set(result.paragraphs)
    texts = page_text(tree).split("\n") + [line for r in removals if r.kind != "related" for line in r.lines]
    matcher = cleaner.matcher_for(result.language)
    lines: list[_Line] = []
    for text in texts:
        text = " ".join(text.split())
        n_words = len(text.split())
        if not text or n_words > MAX_WORDS or text in body:
            continue
        hits = tuple(h for h in matcher.hits(text, text.lower(), n_words) if h.rule.kind in PAGE_KINDS)
        if hits:
            lines.append(_Line(text, hits))
    return lines
