"""Segmentation: non-empty lines with their input line numbers and block numbers, white space normalised."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanpage.normalize import split_lines
from cleanpage.segment import Line, segment_columns, segment_text


def test_lines_keep_their_input_line_numbers_and_blank_lines_separate_blocks() -> None:
    text = "Headline\n\nFirst paragraph.\nSecond paragraph.\n\n\nFooter\n"
    assert segment_text(text) == (
        Line(0, "Headline", 0),
        Line(2, "First paragraph.", 1),
        Line(3, "Second paragraph.", 1),
        Line(6, "Footer", 2),
    )


def test_leading_blank_lines_do_not_open_a_block() -> None:
    assert segment_text("\n\n  \nOnly line") == (Line(3, "Only line", 0),)


def test_white_space_only_lines_count_as_blank() -> None:
    lines = segment_text("One\n \t \u00a0\nTwo")
    assert [(x.index, x.block) for x in lines] == [(0, 0), (2, 1)]


def test_empty_and_blank_input() -> None:
    assert segment_text("") == ()
    assert segment_text("\n\n \r\n\t") == ()


def test_every_line_break_counts_as_one_line() -> None:
    for sep in ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"):
        lines = segment_text(sep.join(["Alpha", "Beta", "", "Gamma"]))
        assert [(x.index, x.text, x.block) for x in lines] == [
            (0, "Alpha", 0),
            (1, "Beta", 0),
            (3, "Gamma", 1),
        ], sep


def test_white_space_is_folded_and_stripped() -> None:
    (line,) = segment_text("  The\tcouncil\u00a0 met\u2009on\u3000Monday.   ")
    assert line.text == "The council met on Monday."


def test_invisible_characters_are_removed() -> None:
    (line,) = segment_text("\ufeffSoft\u00adware up\u200bdate for the vil\u200elage\u2060 hall")
    assert line.text == "Software update for the village hall"


def test_text_is_nfc_normalised() -> None:
    (line,) = segment_text("Cafe\u0301 on the quay")
    assert line.text == "Caf\u00e9 on the quay"


def test_crlf_and_lf_give_the_same_lines() -> None:
    text = "Headline\n\nFirst paragraph of the story.\nSecond paragraph of the story.\n"
    assert segment_text(text.replace("\n", "\r\n")) == segment_text(text)


def test_an_invisible_line_between_cr_and_lf_is_still_a_blank_line() -> None:
    # CR, a zero-width space, LF: two line breaks around a line that holds nothing visible, not one CRLF.
    assert segment_text("Alpha\r\u200b\nBeta") == (Line(0, "Alpha", 0), Line(2, "Beta", 1))
    assert segment_text("Alpha\r\u200b\u200e\r\nBeta") == (Line(0, "Alpha", 0), Line(2, "Beta", 1))


def test_lines_are_line_tuples() -> None:
    lines = segment_text("Alpha\n\nBeta")
    assert [type(line) for line in lines] == [Line, Line]
    assert [(line.index, line.text, line.block) for line in lines] == [(0, "Alpha", 0), (2, "Beta", 1)]


def reference_segments(text: str) -> list[tuple[int, str, int]]:
    """Blocks by their definition, a line at a time: a blank line before a non-empty one starts a block."""
    out: list[tuple[int, str, int]] = []
    block = 0
    for index, line in enumerate(split_lines(text)):
        if not line:
            continue
        if out and index > out[-1][0] + 1:
            block += 1
        out.append((index, line, block))
    return out


#: Texts of lines, blank lines, white-space-only and invisible-only lines under every kind of line break.
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(
            ["A line", "Caf\u00e9", "e\u0301", " ", "\t\u00a0", "\u200b", "\u200d", "\x00", "\ufeff"]
        ),
        st.sampled_from(["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e"]),
        st.characters(),
    )
).map("".join)


@given(TEXTS)
def test_segments_are_the_non_empty_lines_numbered_by_line_and_block(text: str) -> None:
    lines = segment_text(text)
    assert [tuple(line) for line in lines] == reference_segments(text)
    assert all(type(line) is Line for line in lines)


@given(st.lists(st.sampled_from([*"ab \t\n\r\u00a0\u200b\u2028", "\r\n"]), max_size=40).map("".join))
def test_the_columns_are_those_of_the_lines(text: str) -> None:
    # The text path cleans from the two columns, the other paths from `Line` objects: the same lines.
    lines = segment_text(text)
    assert segment_columns(text) == ([line.index for line in lines], [line.text for line in lines])
