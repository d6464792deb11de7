"""The HTML path: parse once, remove widgets by markup (DOM rules), extract the main content with trafilatura,
then run the same text rules and decision as the text path on the extracted paragraphs.

Line numbers of an HTML `Result` (`Removal.line`, `LineVerdict.line`) count blocks, not source lines: first
the widgets the DOM rules removed, in document order, then the lines the text step saw (the page title, then
the extracted paragraphs; or the page's text dump when extraction fell back to it).
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..decide import READ_WHOLE
from ..errors import TimeBudgetExceededError
from ..normalize import normalize_line
from ..profiles import GIVEN_TYPE, profile_of, profiled
from ..result import Block, LineVerdict, Metadata, Removal, Result, Verdicts
from ..segment import Line, segment_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..pipeline import Cleaner
    from .dom import DomRemoval
    from .extract import Extraction

#: An extraction shorter than this many words is checked against the text path over the page's text.
FALLBACK_WORDS = 50
#: The text path's body replaces a short extraction when it has this many times its words.
FALLBACK_GAIN = 2.0
#: An extraction holding less than this share of the page's prose is checked against the text path too:
#: trafilatura sometimes keeps one section of a long article, or a teaser box beside it.
FALLBACK_SHARE = 0.3
#: ... and replaced only by a reading that holds this share of its words.
FALLBACK_HELD = 0.8
#: A word, for `_held`.
_WORD = re.compile(r"\w+")

__all__ = ["clean_html"]


def clean_html(text: str, cleaner: Cleaner, warnings: Sequence[str], deadline: float | None) -> Result:
    """Clean one HTML page into a `Result` (the HTML counterpart of `Cleaner.clean` on text)."""
    from .cruft import from_cruft
    from .dom import apply_dom_rules, prose_words
    from .extract import extract, is_fragment, parse, strip_tags
    from .listing import listing_reason
    from .meta import markup_metadata
    from .records import with_records

    config = cleaner.config
    warnings = list(warnings)
    tree = parse(text)
    if tree is None:
        warnings.append("the page could not be parsed as HTML; cleaned as text without its tags")
        return cleaner.clean_lines(segment_text(strip_tags(text)), "html", warnings, deadline)
    if is_fragment(text):
        return _clean_fragment(tree, cleaner, warnings, deadline)
    body = _body(tree)
    page_type, type_reasons, rival = _page_type(tree, config.page_type, config.url)
    # What the type's main content is decides which widgets stay: a forum's comment blocks are its posts.
    keep = profiled(page_type, config.focus, config.keep)[1]
    page_prose = prose_words(tree)  # the page's prose, less what the widgets removed below held
    removals = apply_dom_rules(body, cleaner.ruleset.dom, keep, page_prose)
    page_prose -= sum(removal.prose for removal in removals)
    # An article the classifier doubted, with a type of many short parts its rival, is extracted as that
    # type would be: precision mode drops the short parts.
    extract_as = rival if rival is not None and profile_of(rival).looser else page_type
    extraction = extract(tree, config.url, config.focus, extract_as, page_prose)
    if profile_of(page_type).records:  # a grid of entries that extraction, looking for prose, may miss
        extraction, note = with_records(extraction, body)
        if note is not None:
            warnings.append(note)
    _check(deadline, config.time_budget)
    metadata = markup_metadata(tree, _metadata(extraction, config.url))
    offset = len(removals)

    lines = _lines(extraction, offset)
    title_index = 0 if lines and extraction.title else None
    # The extracted paragraphs are the article already: the decision's region search is for whole-page
    # dumps and would drop tables, lists and short paragraphs, so a long extraction is taken whole and only
    # rules remove lines from it. A short one is not trusted blindly: the decision judges its lines, and the
    # text path over the page's text takes over when the extraction kept nothing or that finds much more;
    # so it does for an extraction holding little of the page's prose (one section of a long article).
    # The other types are made of short parts (a product's name, maker and part number): what extraction
    # found of them is read whole, short or not, and only rules remove lines from it.
    trusted = extraction.n_words >= FALLBACK_WORDS
    result = cleaner.clean_lines(
        lines,
        "html",
        warnings,
        deadline,
        metadata,
        whole=trusted or page_type != "article",
        title_index=title_index,
        page_type=page_type,
        type_reasons=type_reasons,
    )
    short = extraction.n_words < FALLBACK_SHARE * page_prose
    if not trusted or short:
        dump_lines = _dump_lines(tree, offset)
        if not trusted:
            why = "no main content found" if not result.paragraphs else "too little main content found"
        else:
            why = f"{extraction.n_words / page_prose:.0%} of the page's prose found"
        note = f"{why} by extraction; cleaned the page's text instead"
        head = tree.find("head/title")
        head_title = (
            dump_lines and head is not None and dump_lines[0].text == normalize_line(head.text_content())
        )
        fallback = cleaner.clean_lines(
            dump_lines,
            "html",
            [*warnings, note],
            deadline,
            metadata,
            title_index=0 if head_title else None,
            page_type=page_type,
            type_reasons=type_reasons,
        )
        words = sum(len(p.split()) for p in fallback.paragraphs)
        extracted = sum(len(p.split()) for p in result.paragraphs)
        found = fallback.is_article or page_type != "article"
        # A trusted extraction gives way only to a reading that holds it: more of the same article, not
        # another part of the page (its comments, a list of teasers), nor the whole page.
        holds = not trusted or (
            _held(result.paragraphs, fallback.paragraphs) >= FALLBACK_HELD
            and not any(READ_WHOLE in w for w in fallback.warnings)
        )
        if not result.paragraphs or (found and holds and words >= FALLBACK_GAIN * extracted):
            result = fallback
    # The classifier's article may still be an index of teasers; a type the caller named stands.
    judged = page_type == "article" and config.page_type is None
    reason = listing_reason(result.paragraphs, body) if judged else None
    if reason is not None:
        if not result.paragraphs:  # a listing's entries are its content: the page's lines, read as a listing
            note = "no main content found by extraction; read the page's text as a listing"
            result = cleaner.clean_lines(
                _dump_lines(tree, offset), "html", [*warnings, note], deadline, metadata, page_type="listing"
            )
        result = _as_listing(result, reason)
    result = from_cruft(result, removals, tree, cleaner)  # related entries and metadata in the cruft
    return _with_dom(result, removals, extraction)


def _held(part: Sequence[str], whole: Sequence[str]) -> float:
    """The share of the words of `part` (lower-cased, as multisets) that `whole` holds too. Words, not
    white-space tokens: a page's text breaks lines at its links, so "(Bridges!" in an extraction is "(" and
    "Bridges!" in the page's lines."""
    from collections import Counter

    words = Counter(_WORD.findall(" ".join(part).lower()))
    total = sum(words.values())
    if not total:
        return 1.0
    return sum((words & Counter(_WORD.findall(" ".join(whole).lower()))).values()) / total


def _page_type(
    tree: HtmlElement, given: str | None, url: str | None
) -> tuple[str, tuple[str, ...], str | None]:
    """The page's type and the reasons for it: the caller's when given, else the classifier's (read from the
    whole page, before any widget is removed), and the rival type of an article it doubted (see
    `TypeVerdict.rival`).
    """
    if given is not None:
        return given, (GIVEN_TYPE,), None
    from ..classify import classify
    from .pagetype import page_features

    verdict = classify(page_features(tree, url))
    return verdict.page_type, verdict.reasons, verdict.rival


def _dump_lines(tree: HtmlElement, offset: int) -> tuple[Line, ...]:
    """The page's text lines, numbered after the `offset` DOM removals."""
    return tuple(Line(line.index + offset, line.text, line.block) for line in segment_text(page_text(tree)))


def page_text(tree: HtmlElement) -> str:
    """The page's visible text, one text node a line (no script, style, noscript or template content)."""
    from .dom import text_nodes

    return "\n".join(text_nodes(tree))


def _body(tree: HtmlElement) -> HtmlElement:
    body = tree.find("body")
    return body if body is not None else tree


def _lines(extraction: Extraction, offset: int) -> list[Line]:
    """The title (unless the body already opens with it), then the paragraphs, each its own block."""
    texts = list(extraction.paragraphs)
    title = extraction.title
    if title and not (texts and _fold(texts[0]) == _fold(title)):
        texts.insert(0, title)
    return [Line(offset + i, t, i) for i, t in enumerate(texts)]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .!?")


def _metadata(extraction: Extraction, url: str | None) -> Metadata:
    return Metadata(
        byline=extraction.author,
        published=extraction.date,
        site_name=extraction.site_name,
        url=url or extraction.url,
    )


def _as_listing(result: Result, reason: str) -> Result:
    """A listing page's result: its entries are its main content and stay, but it is a listing, not an
    article, and the type's reasons and the warnings say why (a page judged a listing by mistake loses
    nothing)."""
    return dataclasses.replace(
        result,
        is_article=False,
        page_type="listing",
        page_type_reasons=(reason, *result.page_type_reasons),
        warnings=(*result.warnings, reason),
    )


def _with_dom(result: Result, removals: Sequence[DomRemoval], extraction: Extraction) -> Result:
    """Add the DOM removals in front of the text step's removals and verdicts; fill metadata gaps."""
    dom_removed = tuple(Removal(r.text, r.kind, r.rule, r.position) for r in removals)
    why = ("removed from the markup before extraction",)
    dom_lines = tuple(LineVerdict(r.position, r.text, False, r.kind, r.rule, 0.0, why) for r in removals)
    metadata = result.metadata
    if metadata.publisher is None and extraction.site_name:
        metadata = dataclasses.replace(metadata, publisher=extraction.site_name)
    return dataclasses.replace(
        result,
        title=result.title or extraction.title,
        removed=dom_removed + result.removed,
        verdicts=Verdicts(lambda: dom_lines + result.lines),
        metadata=metadata,
        blocks=_blocks(result.paragraphs, extraction),
    )


def _blocks(paragraphs: Sequence[str], extraction: Extraction) -> tuple[Block, ...]:
    """The structure of each body paragraph, from the extracted paragraph it is (in order); empty when the
    body is not made of extracted paragraphs (the page's text was cleaned instead)."""
    found: list[Block] = []
    extracted = zip(extraction.paragraphs, extraction.blocks, strict=False)
    for paragraph in paragraphs:
        block = next((block for text, block in extracted if text == paragraph), None)
        if block is None:
            return ()
        found.append(block)
    return tuple(found)


def _clean_fragment(
    tree: HtmlElement, cleaner: Cleaner, warnings: list[str], deadline: float | None
) -> Result:
    """A fragment (markup without a document around it: an API's body field, a ``<div>`` cut out of a page)
    is the content a pipeline chose: DOM rules and text rules remove cruft from it, but none of it is
    judged by where it sits on a page (its blocks are taken whole), and it is an article when any of it is
    left."""
    from .dom import apply_dom_rules
    from .extract import fragment_extraction

    config = cleaner.config
    removals = apply_dom_rules(_body(tree), cleaner.ruleset.dom, config.keep)
    extraction = fragment_extraction(tree)
    lines = _lines(extraction, len(removals))
    title_index = 0 if lines and extraction.title else None
    metadata = _metadata(extraction, config.url)
    result = cleaner.clean_lines(
        lines, "html", warnings, deadline, metadata, whole=True, title_index=title_index
    )
    # Whether a page holds an article is a question about pages; a fragment's article is what is left of it.
    result = dataclasses.replace(result, is_article=bool(result.paragraphs))
    return _with_dom(result, removals, extraction)


def _check(deadline: float | None, budget: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceededError(f"cleaning took longer than time_budget={budget}s")
