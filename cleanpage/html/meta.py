"""What an HTML page's markup states about itself: meta tags and JSON-LD, each value with its source.

The extractor reads some of the same tags, but not all (copyright, contributors) and without saying where
a value came from. Here the page's structured data (JSON-LD, source "json-ld") is read first, then its meta
tags ("meta"); what neither states is left as the extractor read it ("extraction").
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

import regex

from ..metadata import read_name, split_year
from ..result import Metadata

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: schema.org types whose object describes the page's article.
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BlogPosting",
        "Report",
        "WebPage",
    }
)
#: Meta tags (name or property, lower case) per field, in order of preference.
META_FIELDS: Mapping[str, tuple[str, ...]] = {
    "byline": ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author"),
    "published": ("article:published_time", "datepublished", "dc.date", "date", "pubdate"),
    "site_name": ("og:site_name", "application-name"),
    "publisher": ("dc.publisher", "publisher"),
    "copyright": ("copyright", "dcterms.rights", "dc.rights", "rights"),
}
#: A copyright statement: its year and the holder after it ("© 2025 Holder", "Copyright Holder 2025").
_COPYRIGHT = regex.compile(
    r"(?i)^\W*(?:copyright|©|\(c\))?\s*(?:©\s*)?(?:(?P<year>(?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)?\d\d)?)?[\s,.]*"
    r"(?P<holder>\p{L}.*)?$"
)
#: Longest JSON-LD script read, in characters (a safety bound).
MAX_JSON_CHARS = 500_000


def markup_metadata(tree: HtmlElement, base: Metadata) -> Metadata:
    """`base` (the extractor's reading, source "extraction") with what the markup states put first."""
    stated: dict[str, tuple[Any, str]] = {}
    for name, value in _json_ld(tree).items():
        stated.setdefault(name, (value, "json-ld"))
    for name, value in _meta_tags(tree).items():
        stated.setdefault(name, (value, "meta"))
    values = {f.name: getattr(base, f.name) for f in fields(Metadata)}
    sources = dict(base.sources)
    for name in ("byline", "published", "site_name", "url"):
        if values[name] is not None:
            sources.setdefault(name, "extraction")
    for name, (value, source) in stated.items():
        if value in (None, "", ()):
            continue
        values[name] = value
        sources[name] = source
    if values["publisher"] is None and values["site_name"] is not None:
        values["publisher"] = values["site_name"]
        sources["publisher"] = sources.get("site_name", "extraction")
    values["sources"] = tuple(sorted(sources.items()))
    return replace(base, **values)


def _meta_tags(tree: HtmlElement) -> dict[str, Any]:
    """The fields the page's ``<meta>`` tags state."""
    content: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("name") or element.get("property") or element.get("itemprop") or "").lower()
        value = " ".join((element.get("content") or "").split())
        if key and value and key not in content:
            content[key] = value
    found: dict[str, Any] = {}
    for name, keys in META_FIELDS.items():
        stated = next((content[k] for k in keys if k in content and not _is_url(content[k])), None)
        if stated is None:
            continue
        if name == "copyright":
            found.update(_copyright(stated))
        else:
            found[name] = stated
    return found


def _copyright(statement: str) -> dict[str, Any]:
    """The holder and year of a copyright statement."""
    match = _COPYRIGHT.match(statement)
    if match is None:
        return {}
    found: dict[str, Any] = {}
    holder = match.group("holder")
    if holder:
        name, year = split_year(read_name(holder, holder))
        if name:
            found["copyright_holder"] = name
        if year is not None and match.group("year") is None:
            found["copyright_year"] = year
    if match.group("year"):
        found["copyright_year"] = int(match.group("year"))
    return found


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//", "www."))


def _json_ld(tree: HtmlElement) -> dict[str, Any]:
    """The fields the page's JSON-LD article object states (the first article-typed object)."""
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        for item in _objects(data):
            types = item.get("@type")
            names = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
            if names & ARTICLE_TYPES and names != {"WebPage"}:
                return _article_fields(item)
    return {}


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: a list's items and a ``@graph``'s members included."""
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"))


def _names(value: Any) -> list[str]:
    """The names of a person or organisation value (a string, an object with a name, or a list of them)."""
    if isinstance(value, str):
        return [] if _is_url(value) else [" ".join(value.split())]
    if isinstance(value, dict):
        name = value.get("name")
        return [" ".join(name.split())] if isinstance(name, str) and name.strip() else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _article_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    authors = _names(item.get("author"))
    if authors:
        found["byline"] = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    publisher = _names(item.get("publisher"))
    if publisher:
        found["publisher"] = publisher[0]
    holder = _names(item.get("copyrightHolder"))
    if holder:
        found["copyright_holder"] = holder[0]
    year = item.get("copyrightYear")
    if isinstance(year, int | str) and str(year).strip().isdigit():
        found["copyright_year"] = int(str(year).strip())
    published = item.get("datePublished")
    if isinstance(published, str) and published.strip():
        found["published"] = published.strip()
    contributors = _names(item.get("contributor"))
    if contributors:
        found["credits"] = tuple(dict.fromkeys(contributors))
    return found
