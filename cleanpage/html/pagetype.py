"""The page-type features of an HTML page, read in one pass over its parsed tree.

The markup says much that a text dump loses: the structured data a site declares (JSON-LD and microdata
types, ``og:type``), code blocks, forms, link density, class names, and runs of same-shaped sibling blocks
(forum posts, product cards, teasers). The page's visible text lines feed the same text features as a dump
(`cleanpage.pagefeatures.text_values`). Feature names and their descriptions are in `cleanpage.pagefeatures`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..pagefeatures import PageFeatures, text_values, title_values, url_values, word_set

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Elements whose text a reader does not see.
HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link"})
#: Elements whose text starts a new line of the page's visible text.
BLOCK_TAGS = word_set(
    "p div li h1 h2 h3 h4 h5 h6 td th tr dt dd pre blockquote section article header footer nav aside "
    "main ul ol table form figcaption label option button br hr"
)
#: Tags counted as they are, by feature.
TAG_FEATURES: dict[str, str] = {
    "pre": "pre_blocks",
    "code": "code_tags",
    "h1": "h1s",
    "h2": "headings",
    "h3": "headings",
    "h4": "headings",
    "h5": "headings",
    "h6": "headings",
    "li": "list_items",
    "a": "links",
    "img": "images",
    "input": "inputs",
    "textarea": "inputs",
    "button": "buttons",
    "select": "selects",
    "table": "tables",
    "article": "articles",
    "time": "times",
    "blockquote": "blockquotes",
}
#: Words of a link that reads as a headline; headings that may link to the page they announce.
HEADLINE_WORDS = 4
LINKABLE_HEADINGS = frozenset({"h2", "h3", "h4"})
#: Characters of a paragraph that count it as one.
PARAGRAPH_CHARS = 100
#: Structured-data types (JSON-LD ``@type``, microdata ``itemtype``) by the feature they set.
LD_TYPES: dict[str, frozenset[str]] = {
    "ld_article": word_set(
        "article newsarticle blogposting report scholarlyarticle reportagenewsarticle opinionnewsarticle "
        "analysisnewsarticle recipe review liveblogposting"
    ),
    "ld_product": word_set("product offer aggregateoffer productgroup individualproduct productmodel"),
    "ld_forum": word_set(
        "discussionforumposting qapage question answer comment socialmediaposting conversation"
    ),
    "ld_collection": word_set("collectionpage itemlist offercatalog searchresultspage"),
    "ld_docs": word_set("techarticle apireference softwaresourcecode"),
    "ld_service": word_set(
        "service localbusiness professionalservice faqpage softwareapplication webapplication "
        "organization corporation product-service"
    ),
    "ld_webpage": word_set("webpage aboutpage contactpage"),
}
#: ``<meta>`` names and properties that declare a publication date, and an author.
PUBLISHED_KEYS = word_set(
    "article:published_time datepublished pubdate publish-date parsely-pub-date sailthru.date dc.date"
)
AUTHOR_KEYS = word_set("author article:author parsely-author sailthru.author dc.creator byl")
_LD_KEYS = re.compile(r'"(datePublished|author)"\s*:')
_LD_TYPE = re.compile(r'"@type"\s*:\s*(?:\[\s*)?"(?:https?://schema\.org/)?([A-Za-z]+)"')
#: Class-name and id word starts by the feature they count (class names and ids split at non-alphanumerics).
CLASS_WORDS: dict[str, tuple[str, ...]] = {
    "cls_post": ("post", "message", "reply", "replies", "comment", "thread", "topic", "forum", "answer"),
    "cls_user": ("author", "user", "avatar", "member", "poster", "profile"),
    "cls_product": ("price", "cart", "product", "sku", "stock", "buy", "checkout", "variant", "swatch"),
    "cls_card": ("card", "tile", "teaser", "grid", "item", "listing", "result", "collection", "thumb"),
    "cls_docs": ("sidebar", "toc", "docs", "api", "highlight", "language", "syntax", "sphinx", "md"),
    "cls_service": (
        "pricing",
        "plan",
        "faq",
        "accordion",
        "testimonial",
        "hero",
        "cta",
        "feature",
        "benefit",
    ),
    "cls_article": ("entry", "article", "byline", "share", "social", "related", "headline", "story"),
    "cls_pager": ("pagination", "pager", "paging", "loadmore", "facet", "filter", "sort"),
}
#: Bytes of class names and ids that are not part of a token (all but ASCII letters and digits) -> space.
_CLASS_BYTES = bytes(b if chr(b) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for b in range(256))
#: Sibling blocks in a run, at least, for the run to count; runs examined per page; members read per run.
MIN_REPEAT = 3
RUNS_EXAMINED = 6
MEMBERS_READ = 60
#: Characters of a post block (at least) and of a teaser card (at most).
POST_CHARS = 120
CARD_CHARS = 500
_POST_MARKS = re.compile(r"author|user|avatar|date|time|posted|byline|member|poster|meta")
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|usd|eur|gbp)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Run:
    """A run of same-shaped siblings: their parent, their shape (tag and first class) and how many."""

    parent: HtmlElement
    shape: tuple[str, str]
    size: int


def page_features(tree: HtmlElement, url: str | None = None) -> PageFeatures:
    """The features of an HTML page (the tree `cleanpage.html.extract.parse` returns), and of its address:
    `url` when the caller knows it, else the address the page declares for itself (canonical link)."""
    values: dict[str, float] = dict.fromkeys(TAG_FEATURES.values(), 0.0)
    lines: list[str] = []
    buffer: list[str] = []
    classes: list[str] = []
    total = link_chars = code_chars = p_chars = paragraphs = headline_links = linked_headings = 0
    parents: dict[HtmlElement, int] = {}  # elements with children enough for a run, in document order
    shapes: dict[tuple[HtmlElement, str, str], int] = {}  # (parent, tag, first class) -> children
    metas: dict[str, str] = {}
    ld_types: list[str] = []
    declared: set[str] = set()
    hidden_children: set[HtmlElement] = set()  # the set keeps their proxies alive, so identity holds
    p_parents: Counter[HtmlElement | None] = Counter()
    h1: str | None = None
    title: str | None = None
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions: only their tail is text
            if element.tail:
                buffer.append(element.tail)
            continue
        feature = TAG_FEATURES.get(tag)
        if feature is not None:
            values[feature] += 1
        cls = element.get("class")
        if cls:
            classes.append(cls)
        ident = element.get("id")
        if ident:
            classes.append(ident)
        itemtype = element.get("itemtype")
        if itemtype:
            ld_types.append(itemtype.rstrip("/").rsplit("/", 1)[-1])
        itemprop = element.get("itemprop")
        if itemprop in ("datePublished", "author"):
            declared.add(itemprop)
        if tag in HIDDEN:
            if len(element):  # its children's own text is hidden too (their tails are not)
                hidden_children.update(element)
            if tag == "script" and element.get("type") == "application/ld+json" and element.text:
                ld_types.extend(_LD_TYPE.findall(element.text))
                declared.update(_LD_KEYS.findall(element.text))
            elif tag == "meta":
                key = (
                    element.get("property") or element.get("name") or element.get("itemprop") or ""
                ).lower()
                if key in ("og:type", "og:url"):
                    metas.setdefault(key, (element.get("content") or "").strip())
                elif key in PUBLISHED_KEYS:
                    declared.add("datePublished")
                elif key in AUTHOR_KEYS:
                    declared.add("author")
            elif tag == "title" and title is None:
                title = element.text_content().strip()
            elif tag == "link" and element.get("rel") == "author":
                declared.add("author")
            elif tag == "link" and element.get("rel") == "canonical":
                metas.setdefault("canonical", (element.get("href") or "").strip())
            if element.tail:
                buffer.append(element.tail)
            continue
        if tag in BLOCK_TAGS:
            _flush(buffer, lines)
        if element.text and element not in hidden_children:
            buffer.append(element.text)
            total += len(element.text.strip())
        if element.tail:
            buffer.append(element.tail)
            total += len(element.tail.strip())
        if tag == "a":
            link_text = element.text_content()
            link_chars += len(link_text.strip())
            headline_links += len(link_text.split()) >= HEADLINE_WORDS
        elif tag in LINKABLE_HEADINGS:
            linked_headings += element.find(".//a") is not None
        elif tag == "pre":
            code_chars += len(element.text_content())
        elif tag == "p":
            n = len(element.text_content().strip())
            p_chars += n
            if n >= PARAGRAPH_CHARS:
                paragraphs += 1
                p_parents[element.getparent()] += 1
        elif tag == "h1" and h1 is None:
            h1 = element.text_content().strip()

        parent = element.getparent()
        if parent in parents:
            shape = (parent, tag, cls.split(None, 1)[0] if cls and not cls.isspace() else "")
            shapes[shape] = shapes.get(shape, 0) + 1
        if len(element) >= MIN_REPEAT:
            parents[element] = len(parents)
    _flush(buffer, lines)
    runs = sorted(  # by parent in document order; a parent's shapes as its children first show them
        (_Run(parent, (tag, first), n) for (parent, tag, first), n in shapes.items() if n >= MIN_REPEAT),
        key=lambda run: parents[run.parent],
    )
    values.update(text_values(lines))
    values["link_density"] = min(1.0, link_chars / total) if total else 0.0
    values["code_chars"] = float(code_chars)
    values["p_chars"] = float(p_chars)
    values["paragraphs"] = float(paragraphs)
    for name, words in LD_TYPES.items():
        if any(t.lower() in words for t in ld_types):
            values[name] = 1.0
    values["headline_links"] = float(headline_links)
    values["linked_headings"] = float(linked_headings)
    values["p_cluster"] = float(max(p_parents.values(), default=0))
    values["h1_words"] = float(len(h1.split()) if h1 else 0)
    values.update(title_values(title or h1 or ""))
    values["published"] = float("datePublished" in declared)
    values["author_meta"] = float("author" in declared)
    og = metas.get("og:type", "").lower()
    if og:
        key = "og_article" if "article" in og else "og_product" if "product" in og else "og_website"
        values[key] = 1.0
    counts = dict.fromkeys(CLASS_WORDS, 0)
    joined = " ".join(classes).lower().encode("ascii", "replace")  # a byte table splits it in C
    for token, n in Counter(joined.translate(_CLASS_BYTES).split()).items():
        for name in _class_features(token):
            counts[name] += n
    values.update((name, float(n)) for name, n in counts.items())
    values.update(_run_values(runs))
    values.update(url_values(url or declared_url(metas)))
    return PageFeatures("html", values)


@functools.lru_cache(maxsize=1 << 16)
def _class_features(token: bytes) -> tuple[str, ...]:
    """The `CLASS_WORDS` features a class-name token counts for (tokens recur across pages: kept)."""
    word = token.decode("ascii")
    return tuple(name for name, starts in CLASS_WORDS.items() if word.startswith(starts))


def declared_url(metas: dict[str, str]) -> str | None:
    """The address the page declares for itself (its canonical link, else ``og:url``), if absolute."""
    for key in ("canonical", "og:url"):
        value = metas.get(key, "")
        if value.startswith(("http://", "https://")):
            return value
    return None


def _flush(buffer: list[str], lines: list[str]) -> None:
    """Close the current line of visible text (when it holds any) and start the next."""
    if buffer:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            lines.append(text)


def _run_values(runs: list[_Run]) -> dict[str, float]:
    """The largest run, and the most post blocks, teaser cards and priced blocks in one of the larger runs."""
    if not runs:
        return {}
    from lxml.etree import Element

    runs = sorted(runs, key=lambda r: r.size, reverse=True)
    best_posts = best_cards = best_prices = best_dated = 0
    for run in runs[:RUNS_EXAMINED]:
        posts = cards = prices = dated = 0
        members = [c for c in run.parent if c.tag == run.shape[0]][:MEMBERS_READ]
        for member in members:
            text = member.text_content()
            n = len(text.strip())
            # The member and its descendants, searched in C for a link and a time element; their class
            # names, joined (no mark spans a space), searched once.
            has_link = next(member.iter("a"), None) is not None
            classes = " ".join(filter(None, (node.get("class") for node in member.iter(Element))))
            marked = next(member.iter("time"), None) is not None or bool(_POST_MARKS.search(classes.lower()))
            posts += marked and n >= POST_CHARS
            dated += marked and has_link and n <= CARD_CHARS
            cards += has_link and 0 < n <= CARD_CHARS
            prices += _PRICE.search(text) is not None and n <= CARD_CHARS
        best_posts = max(best_posts, posts)
        best_cards = max(best_cards, cards)
        best_prices = max(best_prices, prices)
        best_dated = max(best_dated, dated)
    return {
        "repeat_max": float(runs[0].size),
        "post_blocks": float(best_posts),
        "card_blocks": float(best_cards),
        "price_blocks": float(best_prices),
        "dated_cards": float(best_dated),
    }
