"""Main-content extraction with trafilatura: the page tree in, the article's paragraphs and metadata out.

trafilatura is given the already parsed (and de-crufted) tree, so the page is parsed once. Its output tree is
flattened so that each paragraph, subheading, list item and table row is one paragraph of ours.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

import regex

from ..normalize import normalize_line
from ..result import Block
from .dom import prose_words

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement, HTMLParser

#: Elements of trafilatura's output that start and end a paragraph of their own.
BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "code", "table", "div", "note", "figure", "section", "article"}
    | {"cell"}
)
#: Output elements whose content is not text of the article.
SKIP = frozenset({"graphic", "ref-target"})
#: What a fragment is wrapped in to be parsed as a document's body.
FRAGMENT_OPEN, FRAGMENT_CLOSE = "<html><body>", "</body></html>"
#: trafilatura's mode per focus: precision mode leaves out doubtful blocks; recall mode keeps them.
MODES: dict[str, dict[str, Any]] = {
    "precision": {"favor_precision": True},
    "balanced": {"favor_precision": True},
    "recall": {"favor_recall": True},
}


#: trafilatura's mode for pages that are not articles, by type: its default mode (precision mode drops the
#: short parts these pages are made of), with a forum's comments, which are its posts.
TYPE_MODES: dict[str, dict[str, Any]] = {
    "forum": {"include_comments": True},
    "product": {},
    "collection": {},
    "listing": {},
    "documentation": {},
    "service": {},
}
#: Balanced focus: precision mode's extraction is checked against trafilatura's default mode when it holds
#: less than this share of the page's prose, and replaced when the default finds this many times its words.
RETRY_SHARE = 0.5
RETRY_GAIN = 2.5
#: trafilatura's fast run (without its fallback extractors) is taken when it holds this share of the page's
#: prose, for an article and for the other types; below it, the full run is made. (Measured on WCXB dev: on
#: other types the fast run is better above the line; on articles it is as good only above a higher one.)
FAST_SHARE = 0.8
TYPE_FAST_SHARE = 0.5


#: Markup that says it is a whole document: a doctype, an ``<html>`` or a ``<head>`` tag.
_DOCUMENT = regex.compile(r"(?i)<(?:!doctype\s+html|html|head)\b")
#: Where a document says so: near its start, after at most a long comment or two.
_DOCUMENT_HEAD_CHARS = 8192
#: A tag or comment, for the rare markup no parser takes.
_TAG = regex.compile(r"<!--.*?-->|<[a-zA-Z/!][^<>]{0,2000}>", regex.DOTALL)


def is_fragment(text: str) -> bool:
    """Whether the markup is a fragment (``<p>A</p><p>B</p>``, a ``<div>``, a bare ``<body>``): no doctype,
    ``<html>`` or ``<head>`` near its start."""
    return _DOCUMENT.search(text, 0, _DOCUMENT_HEAD_CHARS) is None


def strip_tags(text: str) -> str:
    """The text of markup no parser takes, each tag a line break: its words without the tags."""
    return _TAG.sub("\n", text)


@dataclass(frozen=True)
class Extraction:
    """What trafilatura found: the paragraphs in order, with their structure, and the page's metadata."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    page_type: str | None = None
    blocks: tuple[Block, ...] = ()  # each paragraph's structure, in the markup trafilatura kept

    @property
    def n_words(self) -> int:
        """Words in all paragraphs."""
        return sum(len(p.split()) for p in self.paragraphs)


def parse(text: str) -> HtmlElement | None:
    """The page as an lxml tree, parsed with the options trafilatura parses with (so its extraction sees the
    tree it would build itself), or None when libxml2 finds no document in it.

    A fragment (``<p>...</p>``, a ``<div>`` cut out of a page, a bare ``<body>``), which trafilatura refuses
    or parses without a document around it, is parsed as the body of a document, as a browser shows it.
    """
    tree = _load(text)
    if tree is None or tree.tag != "html":
        tree = _load(f"{FRAGMENT_OPEN}{text}{FRAGMENT_CLOSE}")
    return tree


#: Characters no XML tree may hold (libxml2 stops or drops the rest of the page at them). These patterns
#: use `re`, which scans a page for a character class several times faster than `regex`.
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: A doctype holding a slash (an XHTML system identifier), which makes libxml2 drop the document's head.
_SLASHED_DOCTYPE = re.compile(r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
#: A self-closing ``<html/>`` tag, which would close the document before its content.
_CLOSED_HTML = re.compile(r"(<html.*?)\s*/>", re.IGNORECASE)


def _load(text: str) -> HtmlElement | None:
    """`text` parsed by libxml2 as HTML after the repairs it needs, or None when what it holds is not a
    document: no element under the root, or a single one where the text never names ``html``."""
    from lxml import etree
    from lxml.html import fromstring

    beginning = text[:50].lower()
    text = _INVALID_XML.sub("", text)
    if "doctype" in beginning:
        first, newline, rest = text.partition("\n")
        text = _SLASHED_DOCTYPE.sub("", first, count=1) + newline + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            text = _CLOSED_HTML.sub(r"\1>", text, count=1)
            break
    tree: HtmlElement | None = None
    try:
        tree = fromstring(text, parser=_parser())
    except ValueError:  # a str with an encoding declaration: libxml2 reads it as bytes
        pass
    except etree.LxmlError:
        return None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(text.encode("utf-8", "surrogatepass"), parser=_parser())
        except (ValueError, etree.LxmlError):
            return None
    if tree is None or ("html" not in beginning and len(tree) < 2):
        return None
    return tree


def _parser() -> HTMLParser:
    """A new parser (a parser is not to be shared across threads; making one costs microseconds) with
    trafilatura's options and lxml's plain `HtmlElement` for every element: its default lookup calls a
    Python method for each element object made, thousands of times a page over our passes and
    trafilatura's."""
    from lxml import etree
    from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction

    parser = HTMLParser(  # type: ignore[call-arg]  # lxml.html's parser takes lxml.etree's options
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
        )
    )
    return parser


def extract(
    tree: HtmlElement,
    url: str | None,
    focus: str,
    page_type: str = "article",
    page_prose: int | None = None,
) -> Extraction:
    """Run trafilatura on `tree` (which it copies, so ours is left as is) for paragraphs and metadata.

    Each mode runs fast first (see `_found`); an article in the balanced focus is extracted in precision mode,
    and when what it keeps is less than `RETRY_SHARE` of the page's prose, trafilatura's default mode runs
    too and is taken when it finds `RETRY_GAIN` times the words: precision mode sometimes keeps only an
    article's lead, and a short extraction is the cue. Other page types are made of many short parts, which
    precision mode drops: they are extracted in the mode `TYPE_MODES` names (a forum's comments are its
    posts). `page_prose` is the page's `prose_words` when the caller has counted them.
    """
    if page_prose is None:
        page_prose = prose_words(tree)  # the page's own prose, from its text runs
    mode = TYPE_MODES.get(page_type)
    if mode is not None:
        return _extraction(tree, _found(tree, url, mode, TYPE_FAST_SHARE * page_prose))
    found = _found(tree, url, MODES.get(focus, MODES["balanced"]), FAST_SHARE * page_prose)
    if focus == "balanced":
        words = _words(found)
        if words < RETRY_SHARE * page_prose:
            again = _found(tree, url, {}, FAST_SHARE * page_prose)
            if _words(again) >= RETRY_GAIN * max(words, 1):
                found = again
    return _extraction(tree, found)


def _found(
    tree: HtmlElement, url: str | None, mode: dict[str, Any], enough: float
) -> list[tuple[str, Block]]:
    """trafilatura's paragraphs for `tree` in `mode`: from its fast run when that finds `enough` words in
    more than one paragraph, else from its full run, whose fallback extractors find the article its own
    heuristics miss (where the fast run finds most of the page's prose, the fallbacks more often add
    furniture than article; one paragraph holding all it found is a flattened menu or table as often)."""
    body = _extracted(tree, url, {**mode, "fast": True})
    found = blocks(body, EXTRACTED) if body is not None else []
    if len(found) < 2 or _words(found) < enough:
        body = _extracted(tree, url, mode)
        found = blocks(body, EXTRACTED) if body is not None else []
    return found


def _words(found: list[tuple[str, Block]]) -> int:
    return sum(len(text.split()) for text, _block in found)


def _extracted(tree: HtmlElement, url: str | None, mode: dict[str, Any]) -> _Element | None:
    """trafilatura's output tree (its ``body``, then its comments when the mode asks for them) for `tree` in
    `mode`, or None when it found nothing."""
    from trafilatura import bare_extraction

    mode = {"include_comments": False, **mode}
    document: Any = bare_extraction(
        tree,
        url=url,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        output_format="python",
        **mode,
    )
    body: _Element | None = getattr(document, "body", None) if document is not None else None
    comments: _Element | None = getattr(document, "commentsbody", None) if document is not None else None
    if body is not None and comments is not None and len(comments):
        body.extend(list(comments))  # asked for: the comments are content (a forum's replies)
    return body


def fragment_extraction(tree: HtmlElement) -> Extraction:
    """What a fragment holds, read from its own markup (no extraction: the fragment is the content a caller
    chose, and trafilatura drops its opening heading and short lists), with its metadata."""
    body = tree.find("body")
    return _extraction(tree, blocks(body if body is not None else tree, MARKUP))


def _extraction(tree: HtmlElement, found: list[tuple[str, Block]]) -> Extraction:
    meta = page_metadata(tree)
    return Extraction(
        paragraphs=tuple(text for text, _block in found),
        blocks=tuple(block for _text, block in found),
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
    return [text for text, _block in blocks(body, EXTRACTED)]


@dataclass(frozen=True)
class Vocabulary:
    """How a tree names its blocks: trafilatura's output (``head``, ``item``, ``quote``, ``row``) or HTML
    (``h2``, ``li``, ``blockquote``, ``tr``)."""

    blocks: frozenset[str]  # elements that start and end a paragraph of their own
    skip: frozenset[str]  # elements whose content is not text of the article
    row: str
    header_cell: Callable[[_Element], bool]
    line_break: str
    kind: Callable[[_Element], str | None]  # a block's own kind (a heading, list item ...), else None


def _extracted_kind(node: _Element) -> str | None:
    tag = node.tag
    if tag == "head":
        rend = str(node.get("rend") or "")
        return rend if rend in HEADINGS else "h2"
    if tag == "item":
        parent = node.getparent()
        return "ol" if parent is not None and parent.get("rend") == "ol" else "ul"
    return {"quote": "quote", "code": "pre"}.get(str(tag))


def _html_kind(node: _Element) -> str | None:
    tag = node.tag
    if tag in HEADINGS:
        return str(tag)
    if tag == "li":
        parent = node.getparent()
        return "ol" if parent is not None and parent.tag == "ol" else "ul"
    return {"blockquote": "quote", "pre": "pre"}.get(str(tag))


#: Heading kinds, by level.
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: trafilatura's output tree.
EXTRACTED = Vocabulary(
    blocks=BLOCKS | {"head"},
    skip=SKIP,
    row="row",
    header_cell=lambda cell: cell.get("role") == "head",
    line_break="lb",
    kind=_extracted_kind,
)
#: A fragment's own markup.
MARKUP = Vocabulary(
    blocks=HEADINGS
    | {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure", "figcaption"}
    | {"ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "td"}
    | {"th", "caption", "address", "form", "fieldset", "details", "summary", "hr", "center", "body"},
    skip=frozenset({"script", "style", "noscript", "template", "head", "iframe", "svg", "object"}),
    row="tr",
    header_cell=lambda cell: cell.tag == "th",
    line_break="br",
    kind=_html_kind,
)


def blocks(body: _Element, vocabulary: Vocabulary) -> list[tuple[str, Block]]:
    """Each paragraph of a tree with its `Block`: one per block, list item, line break and table row (the
    row's cells joined by spaces, where each starts kept in `Block.cells`); a block inside a heading, list
    item, quote or code block is of its kind."""
    out: list[tuple[str, Block]] = []
    buffer: list[str] = []
    kinds: list[str] = ["p"]

    def flush() -> None:
        if buffer:
            text = normalize_line("".join(buffer))
            buffer.clear()
            if text:
                out.append((text, Block(kinds[-1])))

    def walk(node: _Element) -> None:
        if node.text:
            buffer.append(node.text)
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in vocabulary.skip:
                pass
            elif tag == vocabulary.row:
                flush()
                row(child)
            elif tag in vocabulary.blocks:
                flush()
                own = vocabulary.kind(child)
                kinds.append(own or kinds[-1])
                walk(child)
                flush()
                kinds.pop()
            elif tag == vocabulary.line_break:
                flush()
            else:
                walk(child)  # inline: emphasis, links, deletions
            if child.tail:
                buffer.append(child.tail)

    def row(node: _Element) -> None:
        """A table row: its cells' text on one line, but a cell holding paragraphs is walked as blocks."""
        cells: list[str] = []
        header = True

        def add_row() -> None:
            starts = tuple(accumulate((len(c) + 1 for c in cells[:-1]), initial=0))
            out.append((" ".join(cells), Block("th" if header else "tr", starts)))
            cells.clear()

        for cell in node:
            if not isinstance(cell.tag, str) or cell.tag in vocabulary.skip:
                continue
            if any(isinstance(e.tag, str) and e.tag in vocabulary.blocks for e in cell.iterdescendants()):
                if cells:
                    add_row()
                walk(cell)
                flush()
            else:
                text = normalize_line(" ".join(str(t) for t in cell.itertext()))
                if text:
                    cells.append(text)
                    header = header and vocabulary.header_cell(cell)
        if cells:
            add_row()

    walk(body)
    flush()
    return out


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = normalize_line(value)
    return value or None
