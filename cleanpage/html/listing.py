"""Listing, index and home pages: many teasers that link to articles, and no article of their own.

A page is a listing when what was extracted has no run of prose (an article has paragraphs that follow each
other; a teaser list alternates headlines and one-sentence blurbs) and the page links many headlines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Words of a paragraph that reads as prose (with a sentence end).
PROSE_WORDS = 12
#: Prose paragraphs in a row that make an article.
PROSE_RUN = 3
#: Words of link text that read as a headline, and how many such links a listing has at least.
HEADLINE_LINK_WORDS = 4
MIN_HEADLINE_LINKS = 6
#: Words of body text below which a page with many headline links has nothing but them.
FEW_WORDS = 60
#: Extracted short lines that are headline links, at least, for prose between them to be teaser blurbs.
MIN_TEASERS = 3
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", ")", ":")


def prose_run(paragraphs: Sequence[str]) -> tuple[int, int]:
    """The longest run of prose paragraphs in a row, and the words in all prose paragraphs."""
    best = run = words = 0
    for text in paragraphs:
        n = len(text.split())
        if n >= PROSE_WORDS and text.endswith(_TERMINAL):
            run += 1
            words += n
            best = max(best, run)
        else:
            run = 0
    return best, words


def listing_reason(paragraphs: Sequence[str], body: HtmlElement | None) -> str | None:
    """Why the page is a listing (a warning for the user), or None when it may hold an article.

    A listing links many headlines, and what was extracted from it is mostly those headlines (teasers:
    headline, blurb, headline, blurb ...) with no run of prose between them.
    """
    if prose_run(paragraphs)[0] >= PROSE_RUN or body is None:
        return None
    links = headline_links(body)
    if len(links) < MIN_HEADLINE_LINKS:
        return None
    total = sum(len(p.split()) for p in paragraphs)
    if total < FEW_WORDS:
        return f"listing page: {len(links)} headline links and only {total} words of other text"
    linked = set(links)
    short = [p for p in paragraphs if len(p.split()) < PROSE_WORDS]
    teasers = sum(1 for p in short if p.casefold() in linked)
    if teasers < MIN_TEASERS or teasers * 3 < len(short):
        return None
    return f"listing page: {teasers} of its lines are headline links, with no run of prose between them"


def headline_links(body: HtmlElement) -> list[str]:
    """The text of links that read like headlines (several words), once each."""
    seen: dict[str, None] = {}
    for text in body.xpath(".//a[string-length(normalize-space(.)) > 15]"):
        value = " ".join(text.text_content().split())
        if len(value.split()) >= HEADLINE_LINK_WORDS:
            seen.setdefault(value.casefold(), None)
    return list(seen)
