"""Markdown output: the structure of an HTML page's markup (headings, lists, quotes, tables) survives; a text
dump's structure is read from its lines; text that looks like Markdown syntax stays text."""

from __future__ import annotations

import html as htmllib
from pathlib import Path

import pytest

import cleanpage
from cleanpage import Block, Result
from cleanpage.cli import main as cli_main
from cleanpage.markdown import infer_blocks, to_markdown

PARAGRAPHS = (
    "The county council approved a new plan for the harbour on Tuesday, after a debate that ran late into "
    "the evening and drew a larger crowd than any meeting in recent years.",
    "The plan sets out how the old fish market will be turned into workshops and a covered market hall, "
    "paid for by a grant from the regional fund and by the sale of two council car parks.",
    "Work is due to start in the spring and take about eighteen months, the council said, with the market "
    "staying open in temporary stalls on the quay while the building is rebuilt.",
)


def _page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Harbour plan approved</title></head><body>"
        f"<article><h1>Harbour plan approved</h1>{body}</article></body></html>"
    )


def _p(text: str) -> str:
    return f"<p>{htmllib.escape(text)}</p>"


STRUCTURED = _page(
    _p(PARAGRAPHS[0])
    + "<h2>What the plan holds</h2>"
    + _p(PARAGRAPHS[1])
    + "<ul><li>Twelve workshops for local makers</li><li>A covered hall for the Saturday market</li></ul>"
    + "<h3>How it is paid for</h3>"
    + "<ol><li>A grant from the regional fund</li><li>The sale of two car parks</li></ol>"
    + "<blockquote><p>This is the best news the harbour has had in a generation.</p></blockquote>"
    + "<table><tr><th>Source</th><th>Amount</th></tr><tr><td>Regional fund</td><td>2.1 million</td></tr>"
    + "<tr><td>Car park sale</td><td>0.9 million</td></tr></table>"
    + _p(PARAGRAPHS[2])
)


def test_html_structure_becomes_markdown_structure() -> None:
    result = cleanpage.clean(STRUCTURED)
    markdown = result.to_markdown()
    assert markdown.startswith("# Harbour plan approved\n\n")
    assert "\n\n## What the plan holds\n\n" in markdown
    assert "\n\n### How it is paid for\n\n" in markdown
    assert "- Twelve workshops for local makers\n- A covered hall for the Saturday market" in markdown
    assert "1. A grant from the regional fund\n2. The sale of two car parks" in markdown
    assert "> This is the best news the harbour has had in a generation." in markdown
    assert (
        "| Source | Amount |\n| --- | --- |\n| Regional fund | 2.1 million |\n| Car park sale | 0.9 million |"
        in markdown
    )
    for paragraph in PARAGRAPHS:
        assert f"\n\n{paragraph}\n" in markdown
    assert len(result.blocks) == len(result.paragraphs)


def test_a_fragment_keeps_its_structure_too() -> None:
    result = cleanpage.clean("<h2>Budget</h2><p>The council voted.</p><ul><li>Roads</li><li>Parks</li></ul>")
    assert result.to_markdown() == "## Budget\n\nThe council voted.\n\n- Roads\n- Parks\n"


def test_text_dump_structure_is_read_from_its_lines() -> None:
    paragraphs = (
        PARAGRAPHS[0],
        "What the plan holds",
        PARAGRAPHS[1],
        "- Twelve workshops for local makers",
        "• A covered hall for the Saturday market",
        "1. A grant from the regional fund",
        "2) The sale of two car parks",
        PARAGRAPHS[2],
    )
    assert [b.kind for b in infer_blocks(paragraphs)] == ["p", "h2", "p", "ul", "ul", "ol", "ol", "p"]
    markdown = to_markdown(Result(title="Harbour plan approved", paragraphs=paragraphs))
    assert markdown == (
        f"# Harbour plan approved\n\n{PARAGRAPHS[0]}\n\n## What the plan holds\n\n{PARAGRAPHS[1]}\n\n"
        "- Twelve workshops for local makers\n- A covered hall for the Saturday market\n\n"
        f"1. A grant from the regional fund\n2. The sale of two car parks\n\n{PARAGRAPHS[2]}\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        "A sentence that ends as sentences do.",
        "a line in lower case before a paragraph",
        "This line has far too many words to be read as a heading of the paragraph after it",
    ],
)
def test_lines_that_are_not_headings(line: str) -> None:
    assert infer_blocks((line, PARAGRAPHS[0]))[0].kind == "p"


def test_a_short_line_before_a_short_line_is_no_heading() -> None:
    assert [b.kind for b in infer_blocks(("Weather", "Sunny"))] == ["p", "p"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("+ not an item", "\\+ not an item"),
        ("1986. A year to remember", "1986\\. A year to remember"),
        ("---", "\\---"),
        ("| not | a table |", "\\| not | a table |"),
        ("Plain text, left as it is", "Plain text, left as it is"),
    ],
)
def test_text_that_looks_like_markdown_syntax_stays_text(text: str, escaped: str) -> None:
    result = Result(title=None, paragraphs=(text,), blocks=(Block("p"),))
    assert to_markdown(result) == escaped + "\n"


def test_table_cells_with_pipes_are_escaped() -> None:
    result = Result(title=None, paragraphs=("a|b c",), blocks=(Block("tr", (0, 4)),))
    assert to_markdown(result) == "| a\\|b | c |\n| --- | --- |\n"


def test_render_and_cli_output_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = cleanpage.clean(STRUCTURED)
    assert result.render("text") == result.text + "\n"
    assert result.render("markdown") == result.to_markdown()
    assert Result.from_json(result.render("json")) == result
    with pytest.raises(ValueError, match="output_format"):
        result.render("rtf")
    path = tmp_path / "page.html"
    path.write_text(STRUCTURED, encoding="utf-8")
    assert cli_main(["clean", "--output-format", "markdown", str(path)]) == 0
    assert capsys.readouterr().out == result.to_markdown()


def test_an_empty_result_is_an_empty_document() -> None:
    assert Result(title=None, paragraphs=()).to_markdown() == ""
