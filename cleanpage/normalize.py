"""Stage 1: bytes to text, format detection, and per-line normalisation (whitespace, invisible characters, NFC)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import regex

from .errors import InputTooLargeError, NotAPageError

#: Characters removed from lines: zero-width spaces and joiners, BOMs, bidi controls, C0/C1 controls but tab.
_INVISIBLE = regex.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Any run of Unicode white space (NBSP, thin spaces, ideographic space, tabs) folds to one space.
_SPACES = regex.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_HTML_START = regex.compile(r"(?i)^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b")
_HTML_TAG = regex.compile(r"(?i)<(?:p|div|span|a|br|li|ul|h[1-6]|table|td|article|section|script|style|img|meta|link)\b[^<>]{0,500}>")
_META_CHARSET = regex.compile(rb"""(?i)<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{2,40})""")

#: Magic numbers of common non-page files: refusing them early beats returning garbage paragraphs.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)


@dataclass(frozen=True)
class Decoded:
    """A page as text, with how it was decoded and anything the caller should know."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(page: str | bytes | bytearray | memoryview, max_bytes: int) -> Decoded:
    """The page as `str`: bytes decoded by BOM, declared charset, strict UTF-8, then a charset detector."""
    if isinstance(page, str):
        size = len(page)  # cheap bound: a str is at least one byte per character
        if size > max_bytes:
            raise InputTooLargeError(f"input is {size} characters, over max_bytes={max_bytes}")
        return Decoded(page, "str")
    if isinstance(page, bytearray | memoryview):
        page = bytes(page)
    if not isinstance(page, bytes):
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    if len(page) > max_bytes:
        raise InputTooLargeError(f"input is {len(page)} bytes, over max_bytes={max_bytes}")
    _refuse_binary(page)
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if page.startswith(bom):
            return _decode_as(page, name, "byte-order mark")
    declared = _declared_charset(page)
    if declared:
        return _decode_as(page, declared, "declared charset")
    try:
        return Decoded(page.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(page)


def _decode_as(page: bytes, encoding: str, why: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return _detect(page, (f"unknown {why} {encoding!r} ignored",))
    if codec in ("latin-1", "iso8859-1", "ascii", "us-ascii"):
        codec = "cp1252"  # what browsers do: the WHATWG encoding standard maps these labels to windows-1252
    try:
        return Decoded(page.decode(codec), codec)
    except UnicodeDecodeError:
        if codec.startswith("utf-8"):
            return Decoded(
                page.decode(codec, errors="replace"),
                codec,
                ("invalid UTF-8 byte sequences were replaced with U+FFFD",),
            )
        return _detect(page, (f"bytes do not match the {why} {encoding!r}",))


def _detect(page: bytes, warnings: tuple[str, ...] = ()) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(page[:200_000]).best()
    if best is not None:
        try:
            return Decoded(page.decode(best.encoding), best.encoding, warnings)
        except (UnicodeDecodeError, LookupError):
            pass
    text = page.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", (*warnings, "invalid UTF-8 byte sequences were replaced with U+FFFD"))


def _declared_charset(page: bytes) -> str | None:
    match = _META_CHARSET.search(page[:8192])
    if match:
        return match.group(1).decode("ascii", errors="ignore")
    return None


def _refuse_binary(page: bytes) -> None:
    head = page[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise NotAPageError(f"input is {what}, not a web page or text")
    sample = page[:4096]
    if not sample:
        return
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00\x00" in sample[:2]:
        return  # UTF-16/32 text has NULs by design
    nul = sample.count(0)
    if nul > len(sample) // 10:
        raise NotAPageError("input looks like binary data (many NUL bytes), not a web page or text")


def detect_format(text: str) -> str:
    """``"html"`` when the text is markup (a doctype, an html/head/body tag, or dense tags), else ``"text"``."""
    head = text[:65536]
    if _HTML_START.match(head):
        return "html"
    tags = sum(1 for _ in _HTML_TAG.finditer(head[:20000]))
    return "html" if tags >= 3 else "text"


def normalize_line(line: str) -> str:
    """One line with invisible characters removed, white space folded to single spaces, and stripped."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


#: Invisible characters that are not line breaks, and runs of horizontal white space: handled on the whole
#: text at once, which is much faster than line by line.
_INVISIBLE_INLINE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]+")
_HSPACE = re.compile(r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def split_lines(text: str) -> list[str]:
    """The text's lines (any line break: LF, CRLF, CR, U+2028 ...), NFC-normalised, each `normalize_line`d."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _HSPACE.sub(" ", _INVISIBLE_INLINE.sub("", text))
    return [line.strip() for line in text.splitlines()]
