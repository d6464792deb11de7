"""What a page looks like to the page-type classifier: numbers read from its lines' texts and its address.

The features of a plain-text dump come from its lines alone; those of an HTML page add the markup's
(see `cleanpage.html.pagetype`), but every feature of either kind is named and described here, so the
classifier can say in words why it chose a type. Each feature is a non-negative number; the model takes its
logarithm (``log1p``), so counts and lengths weigh by their order of magnitude.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

Source = Literal["html", "text"]

#: Words a line of prose has at least, and words of a line that reads as a label, a menu entry or a button.
PROSE_WORDS = 20
RUN_WORDS = 12
SHORT_WORDS = 3
#: Lines that end like a sentence.
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", ")", ":")


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list (for the word lists below, written as text)."""
    return frozenset(words.split())


@dataclass(frozen=True)
class PageFeatures:
    """The numbers the classifier reads for one page, by feature name (absent = 0), and their source."""

    source: Source
    values: Mapping[str, float] = field(default_factory=dict)

    def get(self, name: str) -> float:
        """The value of feature `name` (0 when the page does not have it)."""
        return self.values.get(name, 0.0)


#: What each feature is, in words: ``{v}`` is replaced by its value. Text features first, then address
#: features, then the markup's (HTML only). A feature's reason is quoted only when its value is not 0.
DESCRIPTIONS: dict[str, str] = {
    # the lines' texts
    "words": "{v} words of text",
    "lines": "{v} lines of text",
    "title_words": "a title of {v} words",
    "title_parts": "a title of {v} parts (site name after a bar or dash)",
    "title_article": "the title reads like an article's (how, why, guide, tips, review)",
    "title_forum": "the title names a forum or community",
    "title_product": "the title names a product (buy, price, specs, model)",
    "title_collection": "the title names a shop section (shop, sale, men's, collection)",
    "title_listing": "the title names a list (news, archives, topic, category)",
    "title_docs": "the title names documentation (docs, API, reference, manual)",
    "title_service": "the title names a service (services, software, agency, pricing)",
    "title_question": "the title is a question",
    "title_number": "the title holds a number",
    "prose_lines": "{v} lines of prose (20+ words, ending like a sentence)",
    "prose_words": "{v} words in lines of prose",
    "prose_run": "a run of {v} prose lines in a row",
    "short_share": "{v} of the lines are 1-3 words (labels, menus, buttons)",
    "price": "{v} prices (currency and amount)",
    "cart": "{v} shopping phrases (add to cart, in stock, quantity, SKU)",
    "reviews": "{v} review and rating phrases",
    "forum": "{v} forum phrases (reply, quote, joined, posts, thread)",
    "dates": "{v} dates",
    "ago": "{v} relative times (3 days ago)",
    "code_lines": "{v} lines that look like code",
    "docs": "{v} documentation phrases (parameters, returns, on this page, edit this page)",
    "service": "{v} service phrases (pricing, free trial, book a demo, contact us)",
    "questions": "{v} short lines that are questions (FAQ)",
    "listing": "{v} listing phrases (read more, sort by, results, load more, page 2 of 5)",
    "byline": "{v} byline phrases (by a name, min read, published on)",
    "comments": "{v} comment phrases (leave a reply, 12 comments)",
    "numbers": "{v} lines that are only a number",
    # the address
    "url_forum": "the address names a forum or thread",
    "url_product": "the address names a product",
    "url_docs": "the address names documentation",
    "url_collection": "the address names a category or collection",
    "url_listing": "the address names a tag, archive, search or directory",
    "url_article": "the address names a blog, news or article section",
    "url_date": "the address holds a date",
    "url_service": "the address names services, pricing or features",
    "url_slug": "the address ends in a slug of {v} words",
    "url_depth": "the address has {v} path segments",
    "url_home": "the address is a site's home page",
    # the markup
    "ld_article": "JSON-LD or microdata type Article / BlogPosting / NewsArticle",
    "ld_product": "JSON-LD or microdata type Product / Offer",
    "ld_forum": "JSON-LD or microdata type DiscussionForumPosting / QAPage / Comment",
    "ld_collection": "JSON-LD or microdata type CollectionPage / ItemList / SearchResultsPage",
    "ld_docs": "JSON-LD or microdata type TechArticle / APIReference",
    "ld_service": "JSON-LD or microdata type Service / SoftwareApplication / LocalBusiness / FAQPage",
    "ld_webpage": "JSON-LD or microdata type WebPage / AboutPage / ContactPage",
    "published": "the page declares a publication date",
    "author_meta": "the page declares an author",
    "og_article": "og:type article",
    "og_product": "og:type product",
    "og_website": "og:type website",
    "paragraphs": "{v} paragraphs (<p>) of 100+ characters",
    "p_chars": "{v} characters in paragraphs",
    "link_density": "{v} of the text is link text",
    "pre_blocks": "{v} code blocks (<pre>)",
    "code_tags": "{v} inline code elements (<code>)",
    "code_chars": "{v} characters of code",
    "h1s": "{v} top headings (h1)",
    "headings": "{v} headings (h2-h6)",
    "list_items": "{v} list items",
    "links": "{v} links",
    "images": "{v} images",
    "inputs": "{v} form fields",
    "buttons": "{v} buttons",
    "selects": "{v} drop-down selects",
    "tables": "{v} tables",
    "articles": "{v} <article> elements",
    "times": "{v} <time> elements",
    "blockquotes": "{v} block quotes",
    "cls_post": "{v} class names of posts, messages and replies",
    "cls_user": "{v} class names of authors, users and avatars",
    "cls_product": "{v} class names of prices, carts and products",
    "cls_card": "{v} class names of cards, tiles, teasers and grid items",
    "cls_docs": "{v} class names of docs navigation (sidebar, toc, api)",
    "cls_service": "{v} class names of pricing plans, FAQs, testimonials and calls to action",
    "cls_article": "{v} class names of article entries, bylines and share bars",
    "cls_pager": "{v} class names of pagination and results",
    "repeat_max": "a run of {v} same-shaped sibling blocks",
    "post_blocks": "{v} repeated post blocks with author or date",
    "card_blocks": "{v} repeated teaser cards with a link",
    "price_blocks": "{v} repeated blocks with a price",
    "dated_cards": "{v} repeated teaser cards with a link and a date",
    "headline_links": "{v} links that read like headlines (4+ words)",
    "linked_headings": "{v} headings that are links (teasers)",
    "p_cluster": "{v} paragraphs of 100+ characters side by side in one container",
    "h1_words": "a top heading of {v} words",
}

_CURRENCY_SYMBOLS = "$€£¥₹"
#: Currency codes a price may be written with ("rs 300", "300 usd"): whole words.
CURRENCY_CODES = ("usd", "eur", "gbp", "inr", "aud", "cad", "rs")
_CURRENCY = rf"[{_CURRENCY_SYMBOLS}]|\b(?:{'|'.join(c for c in CURRENCY_CODES if c != 'rs')}|rs\.?)\b"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = f"(?:{'|'.join(_MONTHS)})"
#: Patterns counted over the page's lower-cased text (lines joined by newlines), one count per match; a
#: feature with two patterns counts the matches of both. Each starts with a character class and checks
#: the word boundary before it by looking back, so the scan skips in C to the few places a match can start
#: (a pattern opening with a boundary or an alternation of classes is tried at every character instead).
TEXT_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    # an amount before its currency is matched from its first digit only: tried from every digit of a long
    # number, the pattern would read the rest of it each time (quadratic on a line of digits)
    "price": (
        re.compile(
            rf"[{_CURRENCY_SYMBOLS}\d](?:(?<=[{_CURRENCY_SYMBOLS}])[^\S\n]?\d[\d,.]*"
            rf"|(?<=\d)(?<![\d,.].)[\d,.]*[^\S\n]?[{_CURRENCY_SYMBOLS}])"
        ),
    ),
    "dates": (
        # 2024-05-01, 1.5.24, 12 May 2024 (from their first digit, which no letter or digit precedes)
        re.compile(
            rf"\d(?<!\w.)(?:\d{{3}}-\d\d-\d\d|\d?[/.]\d{{1,2}}[/.]\d{{2,4}}|\d? {_MONTH}[a-z]*\.? \d{{4}})\b"
        ),
        # May 12, 2024
        re.compile(rf"{_MONTH}(?<!\w...)[a-z]*\.? \d{{1,2}},? \d{{4}}\b"),
    ),
    "ago": (
        re.compile(
            r"\d[^\S\n]?(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|[mhdwy])[^\S\n]+ago\b"
        ),
    ),
}
#: Strings one of which a text must hold for a pattern of `TEXT_PATTERNS` to match in it (a symbol, a
#: word): a few substring tests in C spare most pages the scan of a pattern that cannot match there.
PATTERN_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    TEXT_PATTERNS["price"][0]: tuple(_CURRENCY_SYMBOLS),
    TEXT_PATTERNS["dates"][1]: _MONTHS,
    TEXT_PATTERNS["ago"][0]: ("ago",),
}
#: The price pattern of a page whose text holds a currency code as a word (few): slower, as it is tried at
#: every word boundary.
PRICE_WITH_CODES = re.compile(
    rf"(?:{_CURRENCY})[^\S\n]?\d[\d,.]*|(?<![\d,.])\d[\d,.]*[^\S\n]?(?:{_CURRENCY})"
)
#: The first bytes (UTF-8) of the characters beyond ASCII that ``\\d`` matches (tests/test_classify.py
#: checks them against the Unicode database): a line holding none of them and no ASCII digit has no digit.
DIGIT_LEAD_BYTES = bytes([0xD9, 0xDB, 0xDF, 0xE0, 0xE1, 0xEA, 0xEF, 0xF0])
_NOT_DIGIT_MARKS = bytes(b for b in range(256) if b not in b"0123456789\n" + DIGIT_LEAD_BYTES)
#: The features read from each line's shape (see `_line_counts`): code, FAQ questions, bylines, numbers.
LINE_FEATURES = ("code_lines", "questions", "byline", "numbers")
#: How lines of code start (in lower case), and the marks inside a line that code holds (one count each).
CODE_STARTS = tuple(
    f"{word} "
    for word in sorted(
        word_set(
            "import from def class function const let var return public private "
            "#include $ >>> npm pip curl git"
        )
    )
)
CODE_MARKS = ("()", "=>", "::")
_CODE_ENDS = (";", "{", "}")
#: A line of FAQ: a question of this many characters.
QUESTION_CHARS = (11, 151)
#: Words and phrases counted in the page's lower-cased text, by feature: a word of letters only counts where
#: it is a whole word; a phrase (spaces or punctuation in it) wherever it occurs.
TEXT_PHRASES: dict[str, tuple[str, ...]] = {
    "cart": (
        "add to cart",
        "add to bag",
        "add to basket",
        "add to wishlist",
        "buy now",
        "in stock",
        "out of stock",
        "sold out",
        "sku",
        "qty",
        "quantity",
        "free shipping",
        "checkout",
        "size guide",
        "pre-order",
        "preorder",
        "delivery",
    ),
    "reviews": ("reviews", "review", "write a review", "out of 5", "rating", "ratings", "stars"),
    "forum": (
        "reply",
        "replies",
        "replied",
        "quote",
        "quoted",
        "joined",
        "posts:",
        "members",
        "member",
        "registered",
        "thread",
        "topic",
        "permalink",
        "report post",
        "originally posted",
        "upvote",
        "upvotes",
        "solved",
        "accepted answer",
        "likes:",
        "views",
        "posted",
        "moderator",
    ),
    "docs": (
        "documentation",
        "api reference",
        "parameters",
        "parameter",
        "returns",
        "arguments",
        "deprecated",
        "on this page",
        "edit this page",
        "edit on github",
        "was this page helpful",
        "was this article helpful",
        "table of contents",
        "getting started",
        "installation",
        "configuration",
        "example usage",
        "syntax",
        "since version",
        "tutorial",
        "api",
        "sdk",
    ),
    "service": (
        "pricing",
        "plans",
        "free trial",
        "book a demo",
        "book a call",
        "book a consultation",
        "request a quote",
        "request a demo",
        "get a quote",
        "contact us",
        "get in touch",
        "get started",
        "schedule a",
        "testimonials",
        "our services",
        "our team",
        "our clients",
        "our solutions",
        "why choose",
        "case studies",
        "case study",
        "per month",
        "/mo",
        "consultation",
        "trusted by",
        "sign up free",
        "start free",
        "start your free",
        "services",
    ),
    "listing": (
        "read more",
        "continue reading",
        "showing",
        "results",
        "sort by",
        "filter",
        "filters",
        "load more",
        "view all",
        "see all",
        "next page",
        "per page",
        "show more",
        "older posts",
        "newer posts",
        "previous",
        "next",
    ),
    "byline": (
        "min read",
        "minute read",
        "written by",
        "posted on",
        "published on",
        "published",
        "updated on",
        "author:",
        "posted by",
    ),
    "comments": ("leave a reply", "leave a comment", "comments", "comment", "post a comment"),
}
_WORD = re.compile(r"\w+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_values(lines: Sequence[str], *, single_spaced: bool = False) -> dict[str, float]:
    """The features of a page's text, from its lines (each one stripped of outer spaces); `single_spaced`
    says their words are parted by single plain spaces (as `segment` leaves them), counted faster so."""
    values: dict[str, float] = {
        "lines": float(len(lines)),
        **title_values(lines[0] if lines else ""),
    }
    text = "\n".join(lines).lower()
    lowered = text.split("\n") if lines else []
    words = prose_lines = prose_words = short = run = best_run = 0
    for line in lowered:
        n = line.count(" ") + 1 if single_spaced else len(line.split())
        words += n
        if n <= SHORT_WORDS:
            short += 1
        if n >= RUN_WORDS and line.endswith(_SENTENCE_END):
            run += 1
            best_run = max(best_run, run)
            if n >= PROSE_WORDS:
                prose_lines += 1
                prose_words += n
        elif n > SHORT_WORDS:
            run = 0
    values["words"] = float(words)
    values["prose_lines"] = float(prose_lines)
    values["prose_words"] = float(prose_words)
    values["prose_run"] = float(best_run)
    values["short_share"] = short / len(lines) if lines else 0.0
    values.update(_line_counts(lowered))
    values["code_lines"] += sum(text.count(mark) for mark in CODE_MARKS)
    found = _phrase_counts(text)
    digits = _digit_lines(text, lowered)  # every pattern needs a digit: a third of the text to scan
    for name, patterns in TEXT_PATTERNS.items():
        if name == "price" and any(found[code] for code in CURRENCY_CODES):
            patterns = (PRICE_WITH_CODES,)
        values[name] = float(
            sum(len(pattern.findall(digits)) for pattern in patterns if _may_match(pattern, digits))
        )
    for name, phrases in TEXT_PHRASES.items():
        values[name] = values.get(name, 0.0) + sum(found[p] for p in phrases)
    return values


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `text` holds one of the strings `pattern` needs (see `PATTERN_NEEDS`), or it needs none."""
    needs = PATTERN_NEEDS.get(pattern)
    return needs is None or any(need in text for need in needs)


def _digit_lines(text: str, lowered: Sequence[str]) -> str:
    """The lines of `text` (`lowered` are its lines) that may hold a digit, joined: one translation of its
    bytes in C keeps the digits and digit lead bytes of each line, instead of a pattern tried on every
    character."""
    if not lowered:
        return ""
    marks = text.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGIT_MARKS).split(b"\n")
    return "\n".join([line for line, mark in zip(lowered, marks, strict=True) if mark])


def _line_counts(lowered: Sequence[str]) -> dict[str, float]:
    """The `LINE_FEATURES` of lines in lower case: lines of code (ending in ``;``, ``{`` or ``}``, starting
    with a keyword, a prompt or a tag), questions of `QUESTION_CHARS`, lines starting "by <name>", and lines
    that are a number of 1-4 digits. Tests of each line's ends, far cheaper than a pattern over the text."""
    code = questions = bylines = numbers = 0
    low, high = QUESTION_CHARS
    for line in lowered:
        if not line:
            continue
        last = line[-1]
        if last == "?":
            questions += low <= len(line) <= high
        elif last in _CODE_ENDS:
            code += 1
        first = line[0]
        if first == "<":
            code += len(line) > 1 and _is_word_char(line[1])
        elif first == "b":
            bylines += (
                line.startswith("by ")
                and len(line) > 3
                and _is_word_char(line[3])
                and not line[3].isdecimal()
            )
        elif line.startswith(CODE_STARTS):
            code += 1
        elif len(line) <= 4 and line.isdecimal():
            numbers += 1
    return {
        "code_lines": float(code),
        "questions": float(questions),
        "byline": float(bylines),
        "numbers": float(numbers),
    }


def _is_word_char(char: str) -> bool:
    """What \\w matches: a letter, a digit or the underscore."""
    return char.isalnum() or char == "_"


def _phrase_counts(text: str) -> Counter[str]:
    """How often each of the `TEXT_PHRASES` occurs in `text`: a word of letters as a whole word, any other
    phrase wherever it occurs; one scan in C by an automaton of them all (the few matches of a word are then
    checked for word boundaries)."""
    automaton, phrases, is_word = _phrase_finder()
    found: Counter[str] = Counter()
    n = len(text)
    try:
        matches = automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate: scanned as a replacement character, at the same index
        matches = automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
    for index, start, end in matches:
        if is_word[index] and (
            (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"))
            or (end < n and (text[end].isalnum() or text[end] == "_"))
        ):
            continue  # a word inside a longer word
        found[phrases[index]] += 1
    return found


@functools.cache
def _phrase_finder() -> tuple[Any, tuple[str, ...], tuple[bool, ...]]:
    """The Aho-Corasick automaton of every `TEXT_PHRASES` entry, the entries in its order, and which of them
    are words of letters (built once per process, on first use)."""
    import ahocorasick_rs

    phrases = tuple(sorted({p for group in TEXT_PHRASES.values() for p in group} | set(CURRENCY_CODES)))
    return ahocorasick_rs.AhoCorasick(list(phrases)), phrases, tuple(p.isalpha() for p in phrases)


#: Words of a page's title that name a kind of page, by feature.
TITLE_WORDS: dict[str, frozenset[str]] = {
    "title_article": word_set(
        "how why what when who guide tips ways vs versus explained review reviews ideas lessons things "
        "steps mistakes reasons understanding introduction"
    ),
    "title_forum": word_set("forum forums reddit quora community thread discussion help question"),
    "title_product": word_set("buy price specs specifications model edition kit set pack"),
    "title_collection": word_set(
        "shop sale men mens women womens kids furniture clothing collection collections discount cheap "
        "accessories deals outlet store"
    ),
    "title_listing": word_set(
        "news archives archive list topic topics category recipes podcasts resources directory events "
        "jobs blog latest stories articles posts catalog catalogs courses"
    ),
    "title_docs": word_set(
        "docs documentation api reference manual sdk library function class method module command "
        "configuration install installation"
    ),
    "title_service": word_set(
        "services service software agency company solutions platform insurance calculator consulting "
        "pricing certification course degree program rentals repair hire lawyer therapy care online "
        "management tool tools app experts expert professional"
    ),
}
_TITLE_WORD = re.compile(r"[^\W\d_]+")
_TITLE_PARTS = re.compile(r"\s[|\-–—:·•]\s")


def title_values(title: str) -> dict[str, float]:
    """The features of a page's title: its words, its parts (a site name after a bar), the kinds of page it
    names, and whether it asks a question."""
    words = [w.lower() for w in _TITLE_WORD.findall(title)]
    values = {"title_words": float(len(words)), "title_parts": float(len(_TITLE_PARTS.split(title)))}
    found = set(words)
    for name, cue in TITLE_WORDS.items():
        if not cue.isdisjoint(found):
            values[name] = 1.0
    if "?" in title:
        values["title_question"] = 1.0
    if any(c.isdigit() for c in title):
        values["title_number"] = 1.0
    return values


#: Words of an address's path that name a kind of page, by feature.
URL_WORDS: dict[str, frozenset[str]] = {
    "url_forum": word_set(
        "forum forums thread threads topic topics t community discussion discussions discuss questions "
        "question board boards viewtopic showthread comments r answers"
    ),
    "url_product": word_set("product products p dp item items buy sku gp"),
    "url_docs": word_set(
        "docs doc documentation api reference manual guide guides wiki kb help learn tutorial tutorials "
        "developer developers sdk man library"
    ),
    "url_collection": word_set(
        "category categories collections collection c catalog catalogue department shop store browse brands"
    ),
    "url_listing": word_set(
        "tag tags search archive archives list lists listing listings directory jobs events results "
        "author authors index"
    ),
    "url_article": word_set("blog blogs news article articles post posts story stories press insights"),
    "url_service": word_set(
        "services service pricing solutions solution features about contact plans enterprise platform "
        "consulting agency company"
    ),
}
_URL_SPLIT = re.compile(r"[/\-_.?=&+%,;:]+")
_URL_DATE = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?|\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")
_FILE_SUFFIX = re.compile(r"\.(?:html?|php|aspx?|jsp)$")


def url_values(url: str | None) -> dict[str, float]:
    """The features of a page's address: the kinds of page its path words name, its depth and its slug."""
    if not url:
        return {}
    try:
        parts = urlsplit(url)
    except ValueError:
        return {}
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    words = set(_URL_SPLIT.split(path)) | set(_URL_SPLIT.split(parts.query.lower()))
    values = {name: 1.0 for name, cue in URL_WORDS.items() if not cue.isdisjoint(words)}
    if _URL_DATE.search(path):
        values["url_date"] = 1.0
    values["url_depth"] = float(len(segments))
    if segments:
        slug = _FILE_SUFFIX.sub("", segments[-1])
        values["url_slug"] = float(len([w for w in re.split(r"[-_]+", slug) if w.isalpha()]))
    elif not parts.query:
        values["url_home"] = 1.0
    return values


def text_features(lines: Sequence[str], url: str | None = None, *, normalised: bool = False) -> PageFeatures:
    """The features of a plain-text dump (its non-empty lines), and of its address when known;
    `normalised` says the lines are as `segment` gives them (stripped, non-empty, single-spaced)."""
    if normalised:
        return PageFeatures("text", {**text_values(lines, single_spaced=True), **url_values(url)})
    stripped = [s for s in (line.strip() for line in lines) if s]
    return PageFeatures("text", {**text_values(stripped), **url_values(url)})
