"""Repeated records: the entries of a collection or listing page (product cards, teasers, result rows), found
by the repetition in its markup.

trafilatura looks for a run of prose; a shop's category page or a site's index has none, and its extraction
often keeps the page's intro or a sidebar and misses the grid of entries. An element whose children repeat one
shape (same tag and first class), several of them, each with more than one piece of text, is such a grid;
the one holding the most words is the page's records. They are added to what extraction found when it holds
little of them (see `with_records`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..normalize import normalize_line
from ..result import Block
from .dom import text_nodes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .extract import Extraction

#: Children of one shape an element needs, at least, to be a grid of records.
MIN_RECORDS = 5
#: Pieces of text (text nodes) a record holds on average, at least: a menu's items hold one each.
MIN_FIELDS = 2.0
#: Words a record holds on average, at most: a few long children are a page's sections, not its records.
MAX_WORDS = 150
#: Share of the records that hold any text, at least (a carousel's empty slides are not records).
MIN_FILLED = 0.6
#: Elements whose grids are page furniture, whatever they repeat: menus, headers, footers, forms ...
FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "select"})
#: ... and elements whose class or id names furniture (a word of it, between hyphens, underscores or spaces).
FURNITURE_NAMES = regex.compile(
    r"(?i)(?:^|[-_\s])(?:nav|navbar|navigation|menu|menus|sidebar|header|footer|breadcrumbs?|widgets?"
    r"|filters?|facets?|refinements?)(?:$|[-_\s])"
)
#: The records are added when extraction found less than this share of their words ...
ADD_BELOW = 0.5
#: ... and at least this share of the records' words is not among the words extraction found.
MIN_NEW = 0.5


@dataclass(frozen=True)
class Records:
    """A grid of records: where it is (its tag and first class) and each record's lines of text."""

    where: str
    entries: tuple[tuple[str, ...], ...]

    @property
    def lines(self) -> tuple[str, ...]:
        """Every record's lines, in document order."""
        return tuple(line for entry in self.entries for line in entry)


def _shape(element: HtmlElement) -> tuple[str, str]:
    classes = (element.get("class") or "").split()
    return element.tag, classes[0] if classes else ""


def _named(shape: tuple[str, str]) -> str:
    """A shape as a CSS selector says it: ``li.card``."""
    tag, first_class = shape
    return f"{tag}.{first_class}" if first_class else tag


def find_records(body: HtmlElement) -> Records | None:
    """The grid of records holding the most words in `body`, or None when nothing in it repeats so."""
    best: Records | None = None
    best_words = 0
    for element in body.iter():
        if not isinstance(element.tag, str) or len(element) < MIN_RECORDS:
            continue
        shapes: defaultdict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in element:
            if isinstance(child.tag, str):
                shapes[_shape(child)].append(child)
        for (tag, first_class), members in shapes.items():
            if len(members) < MIN_RECORDS:
                continue
            entries = tuple(
                tuple(filter(None, map(normalize_line, text_nodes(member)))) for member in members
            )
            fields = sum(map(len, entries))
            if fields < MIN_FIELDS * len(entries) or sum(map(bool, entries)) < MIN_FILLED * len(entries):
                continue
            words = sum(len(line.split()) for entry in entries for line in entry)
            if words > MAX_WORDS * len(entries):
                continue
            if words > best_words and not _in_furniture(element):
                best = Records(f"{_named(_shape(element))} > {_named((tag, first_class))}", entries)
                best_words = words
    return best


def _in_furniture(element: HtmlElement) -> bool:
    """Whether `element` is a menu, header, footer, sidebar, filter or form, or sits in one: told by the tags
    around it, and by the class and id of it and its parent (not of the elements further out, whose names
    often speak of the whole page's layout: "flex-wrap-footer", "language-in-header-enabled")."""
    if any(e.tag in FURNITURE for e in (element, *element.iterancestors())):
        return True
    parent = element.getparent()
    near = (element,) if parent is None or parent.tag in ("body", "html") else (element, parent)
    return any(FURNITURE_NAMES.search(f"{e.get('class') or ''} {e.get('id') or ''}") for e in near)


def with_records(extraction: Extraction, body: HtmlElement) -> tuple[Extraction, str | None]:
    """`extraction` with the page's records added after its paragraphs when it holds little of them (under
    `ADD_BELOW` of their words, and `MIN_NEW` of their words new to it), and a note saying so; else as it is.
    A line extraction found already is not added twice."""
    records = find_records(body)
    if records is None:
        return extraction, None
    lines = records.lines
    record_words = [word for line in lines for word in line.casefold().split()]
    words = len(record_words)
    found = {word for paragraph in extraction.paragraphs for word in paragraph.casefold().split()}
    new = sum(1 for word in record_words if word not in found)
    extracted = extraction.n_words
    if extracted >= ADD_BELOW * words or new < MIN_NEW * words:
        return extraction, None
    seen = set(extraction.paragraphs)
    added = [line for line in lines if line not in seen]
    note = (
        f"{len(records.entries)} repeated records ({records.where}) added to what extraction found, which "
        f"held {extracted} words to their {words}"
    )
    return (
        dataclasses.replace(
            extraction,
            paragraphs=(*extraction.paragraphs, *added),
            blocks=(*extraction.blocks, *(Block("p") for _ in added)),
        ),
        note,
    )
