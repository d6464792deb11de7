"""Decoding bytes in any encoding, refusing files that are not pages, and normalising lines."""

from __future__ import annotations

import codecs
import gzip
import io
import random
import unicodedata
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanpage import InputTooLargeError, NotAPageError
from cleanpage.normalize import decode, detect_format, normalize_line, split_lines

BIG = 1 << 26
FRENCH = "Le café de la gare rouvre après des travaux. « C’est une renaissance », dit la maire. "
JAPANESE = "市立図書館の新しい建物が今朝開館し、多くの市民が開館前から列を作りました。"
CHINESE = "今天上午，市图书馆新馆正式开放，许多市民一早就来排队参观。"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + FRENCH.encode(), FRENCH),
        (FRENCH.encode("utf-16"), FRENCH),
        (FRENCH.encode("utf-16-le"), FRENCH),  # no BOM: told by the NUL bytes
        (FRENCH.encode("utf-16-be"), FRENCH),
        (FRENCH.encode("utf-32"), FRENCH),
        (f'<meta charset="iso-8859-1"><p>{FRENCH}</p>'.encode("latin-1", "replace"), None),
        (f'<?xml version="1.0" encoding="Shift_JIS"?><doc>{JAPANESE}</doc>'.encode("shift_jis"), None),
        ((JAPANESE * 4).encode("shift_jis"), JAPANESE * 4),
        ((CHINESE * 4).encode("gb18030"), CHINESE * 4),
    ],
)
def test_bytes_decode_to_the_text_they_encode(data: bytes, expected: str | None) -> None:
    decoded = decode(data, BIG)
    if expected is None:
        assert (FRENCH.replace("’", "?") in decoded.text) or (JAPANESE in decoded.text)
    else:
        assert decoded.text.lstrip("\ufeff") == expected
    assert decoded.warnings == ()


def test_undeclared_windows_1252_uses_its_curly_quotes_and_dashes() -> None:
    text = "The mayor said “we are back” — and the café opened at 9 a.m. "
    decoded = decode((text * 3).encode("cp1252"), BIG)
    assert decoded.text == text * 3
    assert decoded.encoding == "windows-1252"


def test_declared_latin1_is_read_as_windows_1252_like_browsers() -> None:
    data = b'<meta charset="ISO-8859-1"><p>\x93Quoted\x94 \x96 caf\xe9 \x81</p>'
    text = decode(data, BIG).text
    assert "“Quoted” – café \x81" in text  # 0x81 is undefined in cp1252: kept, never an error


def test_valid_utf8_beats_a_wrong_declaration_with_a_warning() -> None:
    data = f'<meta charset="windows-1250"><p>{FRENCH}</p>'.encode()
    decoded = decode(data, BIG)
    assert FRENCH in decoded.text
    assert any("windows-1250" in w for w in decoded.warnings)


def test_invalid_utf8_bytes_become_replacement_characters_with_a_warning() -> None:
    data = (FRENCH * 3).encode() + b"\xff\xfe broken \xc3"
    decoded = decode(data, BIG)
    assert decoded.text.startswith(FRENCH * 3)
    assert "\ufffd" in decoded.text
    assert any("U+FFFD" in w for w in decoded.warnings)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (gzip.compress(b"<html>hello</html>"), "gzip"),
        (_zip(), "zip"),
        (random.Random(7).randbytes(50_000), "binary"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 40, "executable"),
    ],
)
def test_files_that_are_not_pages_are_refused_by_name(data: bytes, what: str) -> None:
    with pytest.raises(NotAPageError, match=what):
        decode(data, BIG)


def test_text_that_starts_like_a_weak_magic_number_is_not_refused() -> None:
    assert decode(b"MZ Wallace opens a store on Main Street.", BIG).text.startswith("MZ Wallace")
    assert decode(b"RIFF between the two councils widens.", BIG).text.startswith("RIFF")


def test_stray_nul_bytes_in_text_are_not_binary() -> None:
    data = ("A line of text.\x00 " * 50).encode()
    assert "A line of text." in decode(data, BIG).text


def test_a_pdf_decoded_to_str_by_the_caller_is_refused() -> None:
    with pytest.raises(NotAPageError):
        decode("%PDF-1.4\n" + "x" * 100, BIG)


def test_max_bytes_counts_utf8_bytes_for_str_and_bytes() -> None:
    with pytest.raises(InputTooLargeError):
        decode(b"a" * 101, 100)
    with pytest.raises(InputTooLargeError):
        decode("é" * 60, 100)  # 60 characters, 120 bytes
    assert decode("é" * 50, 100).text == "é" * 50


def test_lone_surrogates_become_replacement_characters_and_pairs_join() -> None:
    decoded = decode("before \ud800 after \ud83d\ude00", BIG)
    assert decoded.text == "before \ufffd after \U0001f600"
    assert decoded.warnings
    decoded.text.encode("utf-8")  # encodable now


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  a\u00a0\u2003b\t c  ", "a b c"),
        ("\u202eevil\u202c text\u200b", "evil text"),
        ("soft\u00adhyphen\x00\x07", "softhyphen"),
        ("\ufeffBOM", "BOM"),
        ("\u200d\u200c", ""),
    ],
)
def test_normalize_line_removes_invisibles_and_folds_white_space(line: str, expected: str) -> None:
    assert normalize_line(line) == expected
    assert split_lines(line) == [expected]


def test_joiners_inside_emoji_and_words_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalize_line(f"A family {family} here") == f"A family {family} here"
    assert split_lines(f"A family {family} here") == [f"A family {family} here"]


def test_split_lines_breaks_at_every_line_break_and_nfc_normalises() -> None:
    assert split_lines("a\r\nb\rc\u2028d\ne\u0301") == ["a", "b", "c", "d", "\u00e9"]


def test_unit_separator_is_removed_like_the_other_controls() -> None:
    # U+001F is a C0 control but, unlike U+001C-U+001E, not a line break: it goes, the line stays whole.
    assert normalize_line("vil\x1flage") == "village"
    assert split_lines("vil\x1flage\x1e hall") == ["village", "hall"]


def test_a_binary_file_decoded_as_latin1_by_the_caller_is_refused() -> None:
    binary = bytes(range(256)).decode("latin-1") * 16
    with pytest.raises(NotAPageError, match="binary"):
        decode(binary, BIG)
    with pytest.raises(NotAPageError, match="binary"):
        decode("\ud800" + binary, BIG)  # a lone surrogate in the sniffed head changes nothing


def test_control_characters_in_plain_text_are_not_binary() -> None:
    text = "A line of text.\x00\x07 " * 200
    assert decode(text, BIG).text == text


# -- whole-text normalisation against a per-character definition ----------------------------------

#: What `normalize_line` removes: format characters that draw nothing (zero-width space, bidi controls,
#: word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator, interlinear
#: annotation marks) and every C0/C1 control but tab and the line breaks.
INVISIBLE = frozenset(
    "\u200b\u200e\u200f\ufeff\u00ad\u180e"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2060, 0x206A))
    + "".join(chr(c) for c in range(0xFFF9, 0xFFFC))
    + "".join(chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)))
)
#: Characters chosen for what normalisation does to them, in groups drawn equally often (so that, say, an
#: invisible character between CR and LF comes up), and any character at all.
BREAKS = [*"\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e", "\r\n"]
SPACES = [*" \t\u00a0\u1680\u2000\u2009\u200a\u202f\u205f\u3000"]
INVISIBLES = [
    *"\u200b\u200e\u200f\u202a\u202e\u2060\u2064\u2066\u2069\ufeff\u00ad\u180e\ufff9\ufffb",
    *"\x00\x07\x1b\x1f\x7f\x80\x9f",
]
#: Letters, combining marks, NFC singletons and jamo; joiners and an emoji they join.
LETTERS = [*"ab.\u00e9e\u0301\u0327\u212b\u1100\u1161", *"\u200c\u200d\U0001f468"]
PIECES = st.one_of(
    *(st.sampled_from(group) for group in (BREAKS, SPACES, INVISIBLES, LETTERS)), st.characters()
)
#: Short texts over a few of them, so that neighbours like CR, invisible, LF come up often.
DENSE = st.lists(st.sampled_from([*"\r\n \u00a0\u200b\u200da", "e\u0301"]), max_size=12)
TEXTS = st.one_of(st.lists(PIECES, max_size=40), DENSE).map("".join)
LINES = TEXTS.map(lambda text: "".join(c for c in text if c not in "".join(BREAKS)))


def reference_line(line: str) -> str:
    """One line (no line break in it) as the docs define it, a character at a time."""
    visible = "".join(c for c in line if c not in INVISIBLE)
    folded = " ".join(visible.split())  # every run of white space becomes one space; ends stripped
    return folded.strip(" \u200c\u200d")  # joiners at the ends join nothing


@given(LINES)
def test_normalize_line_matches_its_definition(line: str) -> None:
    assert normalize_line(line) == reference_line(line)


@given(TEXTS)
def test_split_lines_is_nfc_then_splitlines_then_each_line_normalised(text: str) -> None:
    lines = unicodedata.normalize("NFC", text).splitlines()
    assert split_lines(text) == [reference_line(line) for line in lines]
    assert split_lines(text) == [normalize_line(line) for line in lines]


@given(TEXTS)
def test_split_lines_of_a_text_full_of_invisibles_and_odd_spaces_is_the_same(text: str) -> None:
    # Past a number of such runs the whole text is folded by other means (see `_fold_dense`).
    text = text * 70 + "\r\u200b\n" * 70
    lines = unicodedata.normalize("NFC", text).splitlines()
    assert split_lines(text) == [reference_line(line) for line in lines]


def test_every_character_a_rare_run_starts_with_is_unprintable() -> None:
    # `split_lines` skips the search for such runs in a text that is printable but for its line breaks.
    from cleanpage.normalize import _RARE_RUN

    every = "a".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    starts = _RARE_RUN.findall(every)
    assert len(starts) > 60
    assert not any(start.isprintable() for start in starts)


@given(st.lists(st.sampled_from([*"\r\n\u200b a"])).map("".join))
def test_every_line_break_is_kept_whatever_the_lines_hold(text: str) -> None:
    # CR, an invisible line, LF: removing the invisible must not make the two breaks one CRLF.
    assert split_lines(text) == [reference_line(line) for line in text.splitlines()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>A</p><p>B</p>", "html"),
        ("  <div class='story'>A story</div>\n", "html"),
        ("<body><p>A</p></body>", "html"),
        ("<li>one</li>", "html"),
        ("<b>Note:</b> the meeting moved to Friday", "text"),
        ("Use <p> for a paragraph, then </p>", "text"),
        ("A plain line\nand another", "text"),
    ],
)
def test_a_fragment_opening_and_ending_with_tags_is_html(text: str, expected: str) -> None:
    assert detect_format(text) == expected


#: A text dump of a tutorial page: its code samples show tags on a few of its lines.
TUTORIAL_DUMP = "\n".join(
    [
        "Styling a button | Example Tutorials",
        "Home",
        "Guides",
        "A button needs a label a screen reader can read out, and a style that shows its focus.",
        'Start from a plain element: <button class="primary">',
        "Give it a border and some padding so that it stands out from the text around it.",
        '<div class="actions">',
        "Wrap it with its neighbours when there are several, and space them evenly.",
        "Then check the contrast of the label against the button's colour.",
        '<span class="label">',
        "The label may sit in its own element if it needs a style of its own.",
        "Share",
        "Newsletter",
    ]
)


def test_a_text_dump_that_shows_a_few_tags_is_text() -> None:
    assert detect_format(TUTORIAL_DUMP) == "text"


def test_markup_with_tags_on_most_lines_is_html_without_a_doctype() -> None:
    markup = "Breaking news\n" + "\n".join(f'<div class="row"><p>Item {i}</p></div>' for i in range(6))
    assert detect_format(markup) == "html"
    assert detect_format(markup.replace("\n", "")) == "html"  # one line of markup
