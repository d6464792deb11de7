"""Segmentation: non-empty lines with their input line numbers and block numbers, white space normalised."""

from __future__ import annotations

from cleanpage.segment import Line, segment_text


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
