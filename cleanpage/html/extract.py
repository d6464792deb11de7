"""Main-content extraction with trafilatura: the page tree in, the article's paragraphs and metadata out.

trafilatura is given the already parsed (and de-crufted) tree, so the page is parsed once. Its output tree is
flattened so that each paragraph, subheading, list item and table row is one paragraph of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..normalize import normalize_line

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


#: trafilatura's options per page type under the balanced focus, when the page's type is known: its default
#: mode beat precision mode on every WCXB page type (word F1 0.913 -> 0.937 on articles, 0.44 -> 0.57 on
#: listings and collections), a forum's replies are its content (comments kept), and documentation gained a
#: little from recall mode (scripts/measure_extraction_by_type.py).
BALANCED_BY_TYPE: dict[str, dict[str, Any]] = {
    "article": {},
    "forum": {"include_comments": True},
    "product": {},
    "collection": {},
    "listing": {},
    "documentation": {"favor_recall": True},
    "service": {},
}
#: Page types whose comments are kept whatever the focus.
COMMENT_TYPES = frozenset({"forum"})


def extraction_options(page_type: str | None, focus: str) -> dict[str, Any]:
    """trafilatura's mode and comment option for a page of `page_type` (None: unknown) under `focus`.

    An unknown type gets the focus's mode with comments left out, as before types were known; a known type
    under the precision or recall focus keeps that mode (comments kept for forums); under the balanced
    focus it gets the options measured best for its type (`BALANCED_BY_TYPE`).
    """
    if page_type not in BALANCED_BY_TYPE:
        return {"include_comments": False, **MODES.get(focus, MODES["balanced"])}
    if focus in ("precision", "recall"):
        return {"include_comments": page_type in COMMENT_TYPES, **MODES[focus]}
    return {"include_comments": False, **BALANCED_BY_TYPE[page_type]}


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


def extract(tree: HtmlElement, url: str | None, focus: str, page_type: str | None = None) -> Extraction:
    """Run trafilatura on `tree` (which it copies, so ours is left as is) for paragraphs and metadata, with
    the options for the page's type when it is known (`extraction_options`)."""
    from trafilatura import bare_extraction

    options = extraction_options(page_type, focus)
    document: Any = bare_extraction(
        tree,
        url=url,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        output_format="python",
        **options,
    )
    meta = page_metadata(tree)
    body = getattr(document, "body", None) if document is not None else None
    found = paragraphs(body) if body is not None else []
    comments = getattr(document, "commentsbody", None) if options["include_comments"] else None
    if comments is not None:  # trafilatura keeps the comments apart; they follow the body, as in its text
        found.extend(paragraphs(comments))
    return Extraction(
        paragraphs=tuple(found),
        title=meta.get("title"),
        author=meta.get("author"),
        date=meta.get("date"),
        site_name=meta.get("site_name"),
        url=meta.get("url"),
        page_type=meta.get("type"),
    )


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
