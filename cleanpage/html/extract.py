"""Main-content extraction with trafilatura: the page tree in, the article's paragraphs and metadata out.

trafilatura is given the already parsed (and de-crufted) tree, so the page is parsed once. Its output tree is
flattened so that each paragraph, subheading, list item and table row is one paragraph of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..normalize import normalize_line
from .dom import prose_words

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

#: Elements of trafilatura's output that start and end a paragraph of their own.
BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "code", "table", "div", "note", "figure", "section", "article"}
    | {"cell"}
)
#: Output elements whose content is not text of the article.
SKIP = frozenset({"graphic", "ref-target"})
#: trafilatura's mode per focus: precision mode leaves out doubtful blocks; recall mode keeps them.
MODES: dict[str, dict[str, Any]] = {
    "precision": {"favor_precision": True},
    "balanced": {"favor_precision": True},
    "recall": {"favor_recall": True},
}


#: Balanced focus: precision mode's extraction is checked against trafilatura's default mode when it holds
#: less than this share of the page's prose, and replaced when the default finds this many times its words.
RETRY_SHARE = 0.5
RETRY_GAIN = 2.5


@dataclass(frozen=True)
class Extraction:
    """What trafilatura found: the paragraphs in order, and the metadata of the page."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    page_type: str | None = None

    @property
    def n_words(self) -> int:
        """Words in all paragraphs."""
        return sum(len(p.split()) for p in self.paragraphs)


def parse(text: str) -> HtmlElement | None:
    """The page as an lxml tree, parsed as trafilatura parses it (so its extraction sees the same tree)."""
    from trafilatura import load_html

    tree: HtmlElement | None = load_html(text)
    return tree


def extract(tree: HtmlElement, url: str | None, focus: str) -> Extraction:
    """Run trafilatura on `tree` (which it copies, so ours is left as is) for paragraphs and metadata.

    In the balanced focus, precision mode runs first; when what it keeps is less than `RETRY_SHARE` of the
    page's prose, trafilatura's default mode runs too and is taken when it finds `RETRY_GAIN` times the
    words: precision mode sometimes keeps only an article's lead, and a short extraction is the cue.
    """
    body = _extracted(tree, url, MODES.get(focus, MODES["balanced"]))
    found = paragraphs(body) if body is not None else []
    if focus == "balanced":
        words = sum(len(p.split()) for p in found)
        if words < RETRY_SHARE * prose_words(tree):  # the page's own prose, from its text runs
            retry = _extracted(tree, url, {})
            again = paragraphs(retry) if retry is not None else []
            if sum(len(p.split()) for p in again) >= RETRY_GAIN * max(words, 1):
                found = again
    meta = page_metadata(tree)
    return Extraction(
        paragraphs=tuple(found),
        title=meta.get("title"),
        author=meta.get("author"),
        date=meta.get("date"),
        site_name=meta.get("site_name"),
        url=meta.get("url"),
        page_type=meta.get("type"),
    )


def _extracted(tree: HtmlElement, url: str | None, mode: dict[str, Any]) -> _Element | None:
    """trafilatura's output tree (its ``body``) for `tree` in `mode`, or None when it found nothing."""
    from trafilatura import bare_extraction

    document: Any = bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        output_format="python",
        **mode,
    )
    body: _Element | None = getattr(document, "body", None) if document is not None else None
    return body


#: Where a page's markup states each metadata field, best source first: ``<meta>`` names and properties,
#: then ``<link rel>``. (trafilatura's own metadata search also guesses dates from the text, which costs
#: more than the extraction; the page's declared values are what we report.)
META_SOURCES: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "author": ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"),
    "date": (
        "article:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dcterms.date",
        "pubdate",
        "publish-date",
        "sailthru.date",
        "parsely-pub-date",
        "og:updated_time",
    ),
    "site_name": ("og:site_name", "application-name", "twitter:site"),
    "url": ("og:url",),
    "type": ("og:type",),
}


def page_metadata(tree: HtmlElement) -> dict[str, str]:
    """Title, author, date, site name, address and type as the page's ``<meta>`` and ``<link>`` tags say.

    The title falls back to the first ``<h1>``, then ``<title>``; the address prefers the canonical link.
    """
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = _clean(meta.get("content"))
        if key and value and key not in found:
            found[key] = value
    out: dict[str, str] = {}
    for field, keys in META_SOURCES.items():
        for key in keys:
            value = found.get(key)
            if value and not (field == "author" and value.startswith(("http://", "https://"))):
                out[field] = value
                break
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    if canonical and canonical.startswith(("http://", "https://")):
        out["url"] = canonical
    if "title" not in out:
        for tag in ("h1", "title"):
            element = next(tree.iter(tag), None)
            text = _clean(element.text_content()) if element is not None else None
            if text:
                out["title"] = text
                break
    return out


def paragraphs(body: _Element) -> list[str]:
    """The paragraphs of a trafilatura output tree: one per block, list item, line break and table row
    (cells joined by spaces: a row of cells is not a menu of links)."""
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            text = normalize_line("".join(buffer))
            buffer.clear()
            if text:
                out.append(text)

    def walk(node: _Element) -> None:
        if node.text:
            buffer.append(node.text)
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP:
                pass
            elif tag == "row":
                flush()
                row(child)
            elif tag in BLOCKS:
                flush()
                walk(child)
                flush()
            elif tag == "lb":
                flush()
            else:
                walk(child)  # inline: emphasis, links, deletions
            if child.tail:
                buffer.append(child.tail)

    def row(node: _Element) -> None:
        """A table row: its cells' text on one line, but a cell holding paragraphs is walked as blocks."""
        cells: list[str] = []
        for cell in node:
            if any(isinstance(e.tag, str) and e.tag in BLOCKS for e in cell.iterdescendants()):
                if cells:
                    out.append(" ".join(cells))
                    cells.clear()
                walk(cell)
                flush()
            else:
                text = normalize_line(" ".join(str(t) for t in cell.itertext()))
                if text:
                    cells.append(text)
        if cells:
            out.append(" ".join(cells))

    walk(body)
    flush()
    return out


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = normalize_line(value)
    return value or None
