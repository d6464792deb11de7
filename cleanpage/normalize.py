"""Stage 1: bytes to text (or a refusal), format detection, line normalisation (spaces, invisibles, NFC)."""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import regex

from .errors import InputTooLargeError, NotAPageError

#: Characters removed from lines: zero-width space, word joiner and invisible operators, BOMs, bidi controls,
#: soft hyphen, Mongolian vowel separator, and C0/C1 controls but tab. ZWJ and ZWNJ stay: emoji sequences
#: and Persian or Indic words need them.
_INVISIBLE = regex.compile(
    r"[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u180e\ufff9-\ufffb\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
#: Any run of Unicode white space (NBSP, thin spaces, ideographic space, tabs) folds to one space.
_SPACES = regex.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_HTML_START = regex.compile(
    r"(?i)^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b"
)
_HTML_TAG = regex.compile(
    r"(?i)<(?:p|div|span|a|br|li|ul|h[1-6]|table|td|article|section|script|style|img|meta|link)\b[^<>]{0,500}>"
)
#: A fragment's first tag: an element that holds or marks up page content (``<p>``, ``<div>``, ``<ul>`` ...).
_FRAGMENT_START = regex.compile(
    r"(?i)^\s*<(?:p|div|span|a|ul|ol|li|dl|h[1-6]|table|article|section|main|header|footer|nav|aside"
    r"|blockquote|figure|pre|form|em|strong|b|i|br|img|body)\b[^<>]{0,500}>"
)
#: A fragment's last tag: a closing tag (or a self-closing one) at its end.
_FRAGMENT_END = regex.compile(r"(?:</[a-zA-Z][a-zA-Z0-9]*|/|<br|<img\b[^<>]{0,500})\s*>\s*$")
#: How far from its end a fragment's last tag is looked for.
_FRAGMENT_TAIL = 600
_META_CHARSET = regex.compile(rb"""(?i)<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{2,40})""")
_XML_ENCODING = regex.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-z0-9_\-:.]{2,40})["']""")
#: Control bytes (or characters) that never occur in text (NUL, and C0 controls but tab, line breaks, form
#: feed and escape).
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_LATIN1_HIGH = regex.compile(r"[\x7f-\xff]")
#: Share of such controls in the first `_SNIFF` bytes above which input is binary (random bytes have ~10%).
BINARY_SHARE = 0.05
_SNIFF = 4096

#: Encoding labels as browsers read them (WHATWG Encoding Standard): legacy Latin labels mean windows-1252,
#: Chinese labels mean GB18030, Japanese Shift_JIS means Windows-31J, and so on.
_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "latin1": "windows-1252",
        "latin-1": "windows-1252",
        "iso-8859-1": "windows-1252",
        "iso8859-1": "windows-1252",
        "iso_8859-1": "windows-1252",
        "l1": "windows-1252",
        "ascii": "windows-1252",
        "us-ascii": "windows-1252",
        "windows-1252": "windows-1252",
        "cp1252": "windows-1252",
        "x-cp1252": "windows-1252",
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "x-gbk": "gb18030",
        "gb_2312-80": "gb18030",
        "chinese": "gb18030",
        "shift_jis": "cp932",
        "shift-jis": "cp932",
        "sjis": "cp932",
        "x-sjis": "cp932",
        "ms_kanji": "cp932",
        "windows-31j": "cp932",
        "euc-kr": "cp949",
        "ks_c_5601-1987": "cp949",
        "big5": "big5hkscs",
        "tis-620": "cp874",
        "iso-8859-11": "cp874",
        "iso-8859-9": "cp1254",
        "latin5": "cp1254",
        # a meta tag that can be read as ASCII means ASCII-compatible bytes, whatever it says
        "utf-16": "utf-8",
        "utf-16le": "utf-8",
        "utf-16be": "utf-8",
        "unicode": "utf-8",
        "utf8": "utf-8",
        "unicode-1-1-utf-8": "utf-8",
    }
)
#: Detector answers trusted without a declaration: scripts that single-byte Latin text is never mistaken for.
_TRUSTED_DETECTIONS = (
    "cp932",
    "shift_jis",
    "euc_jp",
    "iso2022",
    "gb",
    "big5",
    "euc_kr",
    "cp949",
    "johab",
    "hz",
    "cp1251",
    "koi8",
    "cp866",
    "mac_cyrillic",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "cp874",
    "tis_620",
    "utf_16",
    "utf_32",
)
#: Windows-1252 for bytes 0x80-0x9F; the five bytes it leaves undefined stay C1 controls, as in browsers.
_CP1252_HIGH: Mapping[int, str] = MappingProxyType(
    {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
)
_REPLACED = "invalid UTF-8 byte sequences were replaced with U+FFFD"

#: Magic numbers of common non-page files: refusing them early beats returning garbage paragraphs. The
#: second field says whether the magic alone is proof; weak ones (plain letters) also need binary bytes.
_MAGIC: tuple[tuple[bytes, str, bool], ...] = (
    (b"%PDF-", "a PDF document", True),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", True),
    (b"\xff\xd8\xff", "a JPEG image", True),
    (b"GIF87a", "a GIF image", False),
    (b"GIF89a", "a GIF image", False),
    (b"\x1f\x8b", "gzip-compressed data", True),
    (b"PK\x03\x04", "a zip archive", True),
    (b"PK\x05\x06", "a zip archive", True),
    (b"BZh", "bzip2-compressed data", False),
    (b"\xfd7zXZ\x00", "xz-compressed data", True),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive", True),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", True),
    (b"RIFF", "a RIFF media file", False),
    (b"OggS", "an Ogg media file", False),
    (b"\x7fELF", "an executable", True),
    (b"MZ", "an executable", False),
    (b"wOFF", "a web font", False),
    (b"wOF2", "a web font", False),
    (b"\x00\x00\x01\x00", "an icon", True),
    (b"\x1aE\xdf\xa3", "a WebM/Matroska video", True),
    (b"SQLite format 3\x00", "an SQLite database", True),
)
#: The same check for text that was decoded from such a file by the caller (latin-1 keeps every byte).
_TEXT_MAGIC: tuple[tuple[str, str], ...] = (
    ("%PDF-", "a PDF document"),
    ("\x89PNG\r\n\x1a\n", "a PNG image"),
    ("\x1f\x8b", "gzip-compressed data"),
    ("PK\x03\x04", "a zip archive"),
    ("\x7fELF", "an executable"),
)


@dataclass(frozen=True)
class Decoded:
    """A page as text, with how it was decoded and anything the caller should know."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(page: str | bytes | bytearray | memoryview, max_bytes: int) -> Decoded:
    """The page as `str`, or `NotAPageError` for binary files and `InputTooLargeError` past `max_bytes`.

    Bytes are decoded by byte-order mark, then UTF-16/32 without one, then a declared charset (meta tag or
    XML declaration), then UTF-8, then a charset detector with windows-1252 as the browsers' fallback. A
    `str` is checked the same way (its size counted in UTF-8 bytes); lone surrogates become U+FFFD.
    """
    if isinstance(page, str):
        return _from_str(page, max_bytes)
    if isinstance(page, bytearray | memoryview):
        page = bytes(page)
    if not isinstance(page, bytes):
        raise TypeError(f"page must be str or bytes (text or HTML), not {type(page).__name__}")
    if len(page) > max_bytes:
        raise InputTooLargeError(f"input is {len(page)} bytes, over max_bytes={max_bytes}")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if page.startswith(bom):
            return _decode_unicode(page, name)
    wide = _wide_encoding(page[:_SNIFF])
    if wide:
        return _decode_unicode(page, wide)
    _refuse_binary(page)
    declared = _declared_charset(page)
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and declared not in ("utf-8", "windows-1252") and not text.isascii():
            note = f"declared charset {declared!r} ignored: the bytes are valid UTF-8"
            return Decoded(text, "utf-8", (note,))
        if declared and text.isascii() and not declared.startswith(("iso2022", "iso-2022", "utf-7", "hz")):
            return Decoded(text, declared if declared != "windows-1252" else "ascii")
        if not declared or declared in ("utf-8", "windows-1252") or text.isascii():
            return Decoded(text, "utf-8" if not text.isascii() else "ascii")
    if declared and declared != "utf-8":
        decoded = _try_codec(page, declared)
        if decoded is not None:
            return decoded
        warnings: tuple[str, ...] = (f"bytes do not match the declared charset {declared!r}",)
    elif declared == "utf-8":
        warnings = ("bytes do not match the declared charset 'utf-8'",)
    else:
        warnings = ()
    if _mostly_utf8(page):
        return Decoded(page.decode("utf-8", errors="replace"), "utf-8", (*warnings, _REPLACED))
    return _detect(page, warnings)


def _from_str(page: str, max_bytes: int) -> Decoded:
    size = len(page)
    if size > max_bytes:
        raise InputTooLargeError(f"input is {size} characters, over max_bytes={max_bytes}")
    if not page.isascii() and size * 4 > max_bytes:
        size = _utf8_size(page, max_bytes)
        if size > max_bytes:
            raise InputTooLargeError(f"input is {size} bytes in UTF-8, over max_bytes={max_bytes}")
    head = page[:_SNIFF]
    for magic, what in _TEXT_MAGIC:
        if head.startswith(magic):
            raise NotAPageError(f"input is {what} (as text), not a web page or text")
    # The same controls as `_BINARY_BYTES`, counted in C: they are single bytes in UTF-8, never inside
    # the multi-byte sequences of other characters.
    sample = head.encode("utf-8", "surrogatepass")
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if (
        controls >= 8
        and controls > len(head) * BINARY_SHARE
        and len(_LATIN1_HIGH.findall(head)) > len(head) * 0.2
    ):
        # Control characters alone are cleaned away; with many high Latin-1 characters, they are the
        # bytes of a binary file that the caller decoded as Latin-1.
        raise NotAPageError("input looks like binary data (many control characters), not a web page or text")
    warnings: tuple[str, ...] = ()
    if not page.isascii() and _SURROGATE.search(page):
        # Pairs written as two code points join; lone halves (not encodable, not valid JSON) become U+FFFD.
        page = page.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if _SURROGATE.search(page) is None and "\ufffd" in page:
            warnings = ("lone surrogate code points were replaced with U+FFFD",)
    return Decoded(page, "str", warnings)


def _utf8_size(text: str, limit: int) -> int:
    """The UTF-8 size of `text`, counted in slices (no full copy), stopping once past `limit`."""
    size = 0
    step = 1 << 20
    for start in range(0, len(text), step):
        size += len(text[start : start + step].encode("utf-8", "surrogatepass"))
        if size > limit:
            break
    return size


def _decode_unicode(page: bytes, codec: str) -> Decoded:
    try:
        return Decoded(page.decode(codec), codec)
    except UnicodeDecodeError:
        what = codec.upper().replace("-SIG", "")
        return Decoded(
            page.decode(codec, errors="replace"),
            codec,
            (f"invalid {what} byte sequences were replaced with U+FFFD",),
        )


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the NUL bytes of ASCII characters fall."""
    n = len(head) - len(head) % 4
    if n < 8 or head.count(0) < n // 4:
        return None
    quads = [head[k:n:4].count(0) for k in range(4)]
    if quads[1] == quads[2] == quads[3] == n // 4 and quads[0] < n // 8:
        return "utf-32-le"
    if quads[0] == quads[1] == quads[2] == n // 4 and quads[3] < n // 8:
        return "utf-32-be"
    even, odd = head[0:n:2].count(0), head[1:n:2].count(0)
    half = n // 2
    if odd >= half * 0.6 and even <= half * 0.05:
        return "utf-16-le"
    if even >= half * 0.6 and odd <= half * 0.05:
        return "utf-16-be"
    return None


def _try_codec(page: bytes, label: str) -> Decoded | None:
    if label == "windows-1252":
        return Decoded(_windows_1252(page), "windows-1252")
    try:
        return Decoded(page.decode(label), codecs.lookup(label).name)
    except (UnicodeDecodeError, LookupError):
        return None


def _windows_1252(page: bytes) -> str:
    """Bytes as windows-1252 the way browsers read it: never fails (undefined bytes stay C1 controls)."""
    return page.decode("latin-1").translate(_CP1252_HIGH)


def _mostly_utf8(page: bytes) -> bool:
    """Whether invalid bytes are rare damage in UTF-8 text rather than a sign of another encoding."""
    sample = page[:200_000]
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    good = sum(1 for c in text if c > "\x7f" and c != "\ufffd") if not text.isascii() else 0
    return good >= 4 * max(bad, 1)


def _detect(page: bytes, warnings: tuple[str, ...] = ()) -> Decoded:
    from charset_normalizer import from_bytes

    sample = page[:200_000]
    best = from_bytes(sample).best()
    non_ascii = sum(1 for b in sample[: _SNIFF * 4] if b > 0x7F)
    if best is not None and best.encoding.startswith(_TRUSTED_DETECTIONS) and non_ascii >= 8:
        try:
            return Decoded(page.decode(best.encoding), best.encoding, warnings)
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(_windows_1252(page), "windows-1252", warnings)


def _declared_charset(page: bytes) -> str | None:
    """The charset a meta tag or XML declaration names, as a WHATWG label mapped to a Python codec."""
    head = page[:8192]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    raw: bytes = match.group(1)
    label = raw.decode("ascii", errors="ignore").strip().lower()
    label = _LABELS.get(label, label)
    try:
        codecs.lookup(label)
    except LookupError:
        return None
    return label


def _is_utf8(sample: bytes) -> bool:
    """Whether `sample` is valid UTF-8, allowing a character cut at its end (text with stray NULs is)."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"
    return True


def _refuse_binary(page: bytes) -> None:
    head = page[:16]
    sample = page[:_SNIFF]
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    binary = controls >= 8 and controls > len(sample) * BINARY_SHARE and not _is_utf8(sample)
    for magic, what, strong in _MAGIC:
        if head.startswith(magic) and (strong or binary):
            raise NotAPageError(f"input is {what}, not a web page or text")
    if binary:
        raise NotAPageError("input looks like binary data (many control bytes), not a web page or text")


def detect_format(text: str) -> str:
    """``"html"`` when the text is markup (a doctype, an html/head/body tag, a fragment that opens with a
    content element's tag and ends with a tag, or tags on many of its lines), else "text"."""
    head = text[:65536]
    if _HTML_START.match(head):
        return "html"
    if _FRAGMENT_START.match(head) and _FRAGMENT_END.search(text[-_FRAGMENT_TAIL:]):
        return "html"
    return "html" if _dense_tags(head[:TAG_SAMPLE_CHARS]) else "text"


#: Characters at the start of a text in which tags are counted, how many it must hold to be markup, and
#: the least share of its non-empty lines that hold one. In a page's markup most lines hold a tag (all of
#: them when it is one line); a text dump of a page that shows markup (a tutorial's code, a template left in
#: the text) holds tags on a few of its lines: under a sixth of them on every benchmark dump.
TAG_SAMPLE_CHARS = 20000
MIN_TAGS = 3
MIN_TAG_LINE_SHARE = 0.3


def _dense_tags(head: str) -> bool:
    """Whether `head` (the start of a text) is markup by its tags: `MIN_TAGS` or more, on at least
    `MIN_TAG_LINE_SHARE` of its non-empty lines."""
    starts = [match.start() for match in _HTML_TAG.finditer(head)]
    if len(starts) < MIN_TAGS:
        return False
    tagged = len({head.rfind("\n", 0, start) for start in starts})
    lines = sum(1 for line in head.split("\n") if line.strip())
    return tagged >= MIN_TAG_LINE_SHARE * lines


def normalize_line(line: str) -> str:
    """One line with invisible characters removed, white space folded to single spaces, and stripped."""
    if line.isprintable():
        # No control, format or line-break character and no white space but the plain space (the usual line).
        return line.strip() if "  " not in line else _SPACE_RUN.sub(" ", line).strip()
    line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
    if "\u200c" in line or "\u200d" in line:
        line = line.strip("\u200c\u200d ")
    return line


#: `_INVISIBLE` but for the characters `str.splitlines` breaks at (LF, VT, FF, CR, FS, GS, RS, NEL).
_INVISIBLE_INLINE_CHARS = (
    r"\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u180e\ufff9-\ufffb"
    r"\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
)
#: Horizontal white space but the plain space (which `_SPACES` also folds).
_HSPACE_CHARS = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
#: A run of invisible characters and white space that opens with an invisible or a non-plain space: the
#: pattern starts with a character class, so `re` scans the text for it in C without trying a match at
#: every position, and plain single spaces (most of a text's white space) are never matched.
_RARE_RUN = re.compile(
    f"[{_INVISIBLE_INLINE_CHARS}{_HSPACE_CHARS}][ {_INVISIBLE_INLINE_CHARS}{_HSPACE_CHARS}]*"
)
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE_INLINE_CHARS}]+")
_SPACE_RUN = re.compile("  +")
#: The same work without a Python call per run, for texts full of such runs (see `_fold_dense`).
_INVISIBLE_RUN_FAST = re.compile(f"[{_INVISIBLE_INLINE_CHARS}][{_INVISIBLE_INLINE_CHARS}]*")
_HSPACE_RUN_FAST = re.compile(f"[{_HSPACE_CHARS}][ {_HSPACE_CHARS}]*")
_CR_INVISIBLE_LF = re.compile(f"\r[{_INVISIBLE_INLINE_CHARS}]+\n")
#: Runs folded one Python call at a time before a text counts as full of them.
_FOLD_CALLS = 64
#: The characters `str.splitlines` breaks lines at.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _fold_rare(match: re.Match[str]) -> str:
    """A `_RARE_RUN` folded: one space if it holds any white space, nothing if it is all invisible."""
    if _INVISIBLE_RUN.fullmatch(match.group()) is None:
        return " "
    text, end = match.string, match.end()
    if text[match.start() - 1 : match.start()] == "\r" and text[end : end + 1] == "\n":
        return "\n"  # CR, then LF: still two line breaks (CR LF would be one), with an empty line between
    return ""


def _fold_dense(text: str) -> str:
    """`_RARE_RUN`s folded by three whole-text substitutions: invisibles go, then other white space folds."""
    if "\r" in text:
        text = _CR_INVISIBLE_LF.sub("\r\n\n", text)  # as in `_fold_rare`: CR and LF stay two line breaks
    return _HSPACE_RUN_FAST.sub(" ", _INVISIBLE_RUN_FAST.sub("", text))


def split_lines(text: str) -> list[str]:
    """The text's lines (any line break: LF, CRLF, CR, U+2028 ...), NFC-normalised, each `normalize_line`d.

    Done on the whole text at once, which is much faster than line by line: a maximal run of invisibles and
    white space becomes one space if it holds any white space and nothing otherwise, which is what removing
    the invisibles and then folding white space does to it; runs of plain spaces then fold separately.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    # Common white space made plain first (cheap C replaces), so the run search below rarely matches.
    if "\t" in text:
        text = text.replace("\t", " ")
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    if text.replace("\n", "").replace("\r", "").isprintable():
        # Nothing to fold: every character `_RARE_RUN` matches is unprintable (a test checks them all), and
        # this test costs a small part of a search for them.
        folded, runs = text, 0
    else:
        folded, runs = _RARE_RUN.subn(_fold_rare, text, count=_FOLD_CALLS)
    if runs == _FOLD_CALLS:
        folded = _fold_dense(folded)  # the runs folded so far are left as they are
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    lines = list(map(str.strip, folded.splitlines(), itertools.repeat(" \u200c\u200d")))
    if text and text[-1] not in _LINE_BREAKS and (not folded or folded[-1] in _LINE_BREAKS):
        lines.append("")  # the last line was all invisible: it is still a line, now an empty one
    return lines
