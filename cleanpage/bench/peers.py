"""cleanpage and the peer extractors, each wrapped as the same kind of `Cleaner`.

A cleaner is a callable ``fn(page, format) -> (title | None, paragraphs, extra)``: `page` is the input as
``str`` (or ``bytes`` when it is not valid UTF-8), `format` is ``"text"`` or ``"html"``, `paragraphs` are the
body lines in order and `extra` a dict that may hold ``"lines"`` (every input line with its verdict, for the
HTML report), ``"related"`` and ``"metadata"`` (cleanpage's related entries and metadata, as plain data, for
their scores), or a function returning that dict, called after the timed call. Each peer's package is
imported only inside its loader, so importing this module is cheap.

How the peers see their input:

- HTML: the page as it is, through each project's usual entry point (much as the ScrapingHub benchmark
  calls them): ``trafilatura.extract(html, include_comments=False)``; jusText with the English stop list
  and the benchmark's settings; readability-lxml's ``Document(html).summary()``, one line per block;
  newspaper4k's ``Article`` with a placeholder URL (parsed as English where the detected language needs an
  uninstalled extra); goose3 with image fetching off; resiliparse's
  ``extract_plain_text(main_content=True)``; boilerpy3's ``ArticleExtractor``.
- Text dumps: none of them reads plain text, so the text is wrapped in a minimal HTML document, one
  ``<p>`` per non-empty line, escaped (`text_as_html`); the peer then runs on that document as above,
  except jusText, which runs with its own default settings there (the benchmark's settings are tuned to
  whole HTML pages; on one-line paragraphs the defaults score higher, so the comparison is the fairer).

Each peer's output text is split into its lines, stripped, empty ones dropped: those are its paragraphs.
No peer reports a title (all of them would take it from ``<title>``, which is not the headline as the page
shows it), so the clean rate judges peers on their body lines alone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html as html_lib
import importlib.metadata
import io
import logging
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: title, body lines, and extra data (or a function that gives it, called after the timed call)
Cleaned = tuple[str | None, list[str], dict[str, Any] | Callable[[], dict[str, Any]]]
CleanFn = Callable[[str | bytes, str], Cleaned]

PLACEHOLDER_URL = "https://example.com/article"
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)


class PeerUnavailable(Exception):
    """A cleaner cannot run here (its package is not installed); the message says what to install."""


@dataclass(frozen=True)
class Cleaner:
    """A named, versioned cleaning function."""

    name: str
    version: str
    fn: CleanFn


def page_text(page: str | bytes) -> str:
    """A page as text: a ``str`` as it is; ``bytes`` as UTF-8, else by the charset its markup declares,
    else by charset-normalizer's best guess, else as Windows-1252."""
    if isinstance(page, str):
        return page
    try:
        return page.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(page[:4096])
    if declared:
        try:
            return page.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(page).best()
    return str(best) if best is not None else page.decode("cp1252", "replace")


def text_as_html(text: str) -> str:
    """A plain-text dump as a minimal HTML document: each non-empty line one escaped ``<p>``."""
    paragraphs = "".join(
        f"<p>{html_lib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n{paragraphs}</body></html>\n'


def split_lines(text: str | None) -> list[str]:
    """The non-empty stripped lines of an extractor's output text."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def html_blocks(markup: str) -> list[str]:
    """The text of an HTML fragment, one line per block element (for extractors that return HTML)."""
    import lxml.etree
    import lxml.html

    if not markup.strip():
        return []
    root = lxml.html.fromstring(markup)
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.text and tag not in ("script", "style"):
                parts.append(element.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(element.tail)
    return [" ".join(line.split()) for line in "".join(parts).splitlines() if line.strip()]


def _html_input(page: str | bytes, fmt: str) -> str:
    text = page_text(page)
    return text_as_html(text) if fmt == "text" else text


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _missing(name: str, package: str) -> PeerUnavailable:
    return PeerUnavailable(f"{name} is not installed (pip install {package})")


def load_cleanpage(**overrides: Any) -> Cleaner:
    """cleanpage itself; `overrides` are `cleanpage.Config` fields (``focus`` ...) given to every call.

    Each loaded cleaner has its own `cleanpage.Cleaner` per format, built on the warm-up call, so a timed pass
    starts from nothing a previous pass saw. The per-line verdicts are read after the timed call (``extra``
    is a function): explaining is reporting, not cleaning.
    """
    import cleanpage

    if getattr(cleanpage, "Cleaner", None) is None:
        raise PeerUnavailable("cleanpage.Cleaner is not available in this checkout yet")
    by_format: dict[str, Any] = {}

    def run(page: str | bytes, fmt: str) -> Cleaned:
        cleaner = by_format.get(fmt)
        if cleaner is None:
            cleaner = by_format[fmt] = cleanpage.Cleaner(format=fmt, **overrides)
        result = cleaner.clean(page)

        def lines() -> dict[str, Any]:
            return {
                "lines": [
                    {"index": v.line, "text": v.text, "kept": v.kept, "kind": v.kind, "rule": v.rule}
                    for v in result.lines
                ],
                "related": [dataclasses.asdict(entry) for entry in result.related],
                "metadata": dataclasses.asdict(result.metadata),
            }

        return result.title, list(result.paragraphs), lines

    return Cleaner("cleanpage", str(getattr(cleanpage, "__version__", "?")), run)


def load_trafilatura() -> Cleaner:
    """trafilatura's ``extract`` with comments left out."""
    return _trafilatura("trafilatura")


def load_trafilatura_precision() -> Cleaner:
    """trafilatura's ``extract`` with ``favor_precision=True`` (comments left out)."""
    return _trafilatura("trafilatura-precision", favor_precision=True)


def _trafilatura(name: str, **options: Any) -> Cleaner:
    """trafilatura's ``extract`` with comments left out and `options`, as the peer `name`."""
    try:
        import trafilatura
    except ImportError as exc:
        raise _missing("trafilatura", "trafilatura") from exc
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    def run(page: str | bytes, fmt: str) -> Cleaned:
        text = trafilatura.extract(_html_input(page, fmt), include_comments=False, **options)
        return None, split_lines(text), {}

    return Cleaner(name, _version("trafilatura"), run)


def load_dump() -> Cleaner:
    """No cleaning at all: a text input as it is, an HTML page as its text dump (the floor to beat)."""
    from .corpus import text_dump

    def run(page: str | bytes, fmt: str) -> Cleaned:
        return None, split_lines(page_text(page) if fmt == "text" else text_dump(page)), {}

    return Cleaner("dump", "-", run)


def load_justext() -> Cleaner:
    """jusText, English stop list: the ScrapingHub benchmark's settings on HTML, its defaults on dumps."""
    try:
        import justext
    except ImportError as exc:
        raise _missing("justext", "justext") from exc
    stoplist = justext.get_stoplist("English")

    def run(page: str | bytes, fmt: str) -> Cleaned:
        if fmt == "text":  # each line one <p>: jusText's own defaults, which suit one-line paragraphs
            paragraphs = justext.justext(_html_input(page, fmt), stoplist)
        else:
            paragraphs = justext.justext(
                _html_input(page, fmt),
                stoplist,
                length_low=50,
                length_high=200,
                stopwords_low=0.1,
                stopwords_high=0.2,
                max_link_density=0.2,
                max_heading_distance=200,
                no_headings=True,
            )
        return None, [line for p in paragraphs if not p.is_boilerplate for line in split_lines(p.text)], {}

    return Cleaner("justext", _version("jusText"), run)


def load_readability() -> Cleaner:
    """readability-lxml: the summary's HTML, one line per block."""
    try:
        from readability import Document
    except ImportError as exc:
        raise _missing("readability", "readability-lxml") from exc
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

    def run(page: str | bytes, fmt: str) -> Cleaned:
        document = Document(_html_input(page, fmt))
        return None, html_blocks(document.summary(html_partial=True)), {}

    return Cleaner("readability", _version("readability-lxml"), run)


def load_newspaper4k() -> Cleaner:
    """newspaper4k's Article on the given HTML, with a placeholder URL and no image fetching.

    Its language is detected from the page; where that language needs an optional package that is not
    installed (Korean: nltk, Japanese: tinysegmenter), the page is parsed as English instead.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import newspaper
    except ImportError as exc:
        raise _missing("newspaper4k", "newspaper4k") from exc
    logging.getLogger("newspaper").setLevel(logging.CRITICAL)
    config = newspaper.Config()
    config.fetch_images = False

    def parse(markup: str, language: str | None) -> str:
        article = newspaper.Article(
            PLACEHOLDER_URL, config=config, **({"language": language} if language else {})
        )
        article.download(input_html=markup)
        article.parse()
        return str(article.text or "")

    def run(page: str | bytes, fmt: str) -> Cleaned:
        markup = _html_input(page, fmt)
        try:
            text = parse(markup, None)
        except ImportError:  # the detected language needs an optional package (nltk, tinysegmenter)
            text = parse(markup, "en")
        return None, split_lines(text), {}

    return Cleaner("newspaper4k", _version("newspaper4k"), run)


def load_goose3() -> Cleaner:
    """goose3 on the given HTML, image fetching off."""
    try:
        from goose3 import Goose
    except ImportError as exc:
        raise _missing("goose3", "goose3") from exc
    logging.getLogger("goose3").setLevel(logging.CRITICAL)
    goose = Goose({"enable_image_fetching": False})

    def run(page: str | bytes, fmt: str) -> Cleaned:
        article = goose.extract(raw_html=_html_input(page, fmt))
        return None, split_lines(article.cleaned_text), {}

    return Cleaner("goose3", _version("goose3"), run)


def load_resiliparse() -> Cleaner:
    """resiliparse's plain-text extraction with its main-content heuristics."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
    except ImportError as exc:
        raise _missing("resiliparse", "resiliparse") from exc

    def run(page: str | bytes, fmt: str) -> Cleaned:
        return None, split_lines(extract_plain_text(_html_input(page, fmt), main_content=True)), {}

    return Cleaner("resiliparse", _version("Resiliparse"), run)


def load_boilerpy3() -> Cleaner:
    """boilerpy3's ArticleExtractor (a port of Boilerpipe)."""
    try:
        from boilerpy3 import extractors
    except ImportError as exc:
        raise _missing("boilerpy3", "boilerpy3") from exc
    extractor = extractors.ArticleExtractor(raise_on_failure=False)

    def run(page: str | bytes, fmt: str) -> Cleaned:
        # its parser prints warnings on nested links to standard output, where the bench's tables go
        with contextlib.redirect_stdout(io.StringIO()):
            text = extractor.get_content(_html_input(page, fmt))
        return None, split_lines(text), {}

    return Cleaner("boilerpy3", _version("boilerpy3"), run)


#: Every peer by its --compare name.
PEERS: dict[str, Callable[[], Cleaner]] = {
    "trafilatura": load_trafilatura,
    "trafilatura-precision": load_trafilatura_precision,
    "dump": load_dump,
    "justext": load_justext,
    "readability": load_readability,
    "newspaper4k": load_newspaper4k,
    "goose3": load_goose3,
    "resiliparse": load_resiliparse,
    "boilerpy3": load_boilerpy3,
}
