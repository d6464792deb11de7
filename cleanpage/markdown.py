"""A `Result` as Markdown: the title, then the body with its headings, lists, block quotes and tables kept.

The structure comes from the markup where there was some (`Result.blocks`, filled by the HTML path); for a
text dump it is read from the lines themselves: a short headline-shaped line before a paragraph is a
heading, and lines opening with a bullet or a number are list items. What is neither is a paragraph, with
any character that would start Markdown syntax at the start of a line escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .result import Block

if TYPE_CHECKING:
    from .result import Result

#: A line that opens with a bullet (a hyphen, an asterisk, a dash or a dot) and a space: a list item.
_BULLET = re.compile(r"^[-*•·–▪]\s+(?=\S)")
#: A line that opens with a number and ``.`` or ``)`` and a space: an item of an ordered list.
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")
#: Characters that start Markdown syntax at the start of a line, and need a backslash there.
_LINE_START = re.compile(r"^(?:#|>|[-+*](?:\s|$)|[-*_]{3,}|=+\s*$|\||```|~~~|<)")
#: A number and ``.`` or ``)`` at the start of a line: an ordered list item unless the mark is escaped.
_NUMBER_START = re.compile(r"^\d{1,9}(?=[.)](?:\s|$))")
#: A heading inferred from a text dump has at most this many words ...
HEADING_MAX_WORDS = 12
#: ... and the paragraph after it at least this many times its words.
HEADING_BODY_RATIO = 1.5
#: Kinds of `Block` that are items of a list.
_LIST_KINDS = frozenset({"ul", "ol"})
_ROW_KINDS = frozenset({"tr", "th"})
#: Last characters of a line that is a sentence or a clause, not a heading.
_CLOSING = frozenset(".,;:!?…)\"'”’")


def to_markdown(result: Result) -> str:
    """The result as a Markdown document: ``# title``, then the body's blocks, a blank line between two."""
    blocks = (
        result.blocks if len(result.blocks) == len(result.paragraphs) else infer_blocks(result.paragraphs)
    )
    parts: list[str] = []
    if result.title:
        parts.append(f"# {_escape_inline_start(result.title)}")
    parts.extend(_render(result.paragraphs, blocks))
    return "\n\n".join(parts) + "\n" if parts else ""


def infer_blocks(paragraphs: Sequence[str]) -> tuple[Block, ...]:
    """The structure the lines of a text dump show: list items by their bullet or number, headings by
    their shape (short, no closing punctuation, a longer paragraph after them), else paragraphs."""
    found: list[Block] = []
    for i, text in enumerate(paragraphs):
        if _BULLET.match(text):
            found.append(Block("ul"))
        elif _NUMBERED.match(text):
            found.append(Block("ol"))
        elif _is_heading(text, paragraphs[i + 1] if i + 1 < len(paragraphs) else None):
            found.append(Block("h2"))
        else:
            found.append(Block("p"))
    return tuple(found)


def _is_heading(text: str, following: str | None) -> bool:
    """A short line without closing punctuation that opens with a capital or digit, before a paragraph."""
    if following is None or _BULLET.match(following) or _NUMBERED.match(following):
        return False
    words = len(text.split())
    if (
        not 0 < words <= HEADING_MAX_WORDS
        or text[-1] in _CLOSING
        or not (text[0].isupper() or text[0].isdigit())
    ):
        return False
    return len(following.split()) >= HEADING_BODY_RATIO * words and following[-1] in ".!?…\"'”’)"


def _render(paragraphs: Sequence[str], blocks: Sequence[Block]) -> list[str]:
    """The Markdown of each run of blocks: a list's items, a table's rows, a quote's paragraphs together."""
    parts: list[str] = []
    i = 0
    n = len(paragraphs)
    while i < n:
        kind = blocks[i].kind
        j = i + 1
        if kind in _LIST_KINDS or kind in _ROW_KINDS or kind == "quote":
            group = _ROW_KINDS if kind in _ROW_KINDS else {kind}
            while j < n and blocks[j].kind in group:
                j += 1
        texts, run = paragraphs[i:j], blocks[i:j]
        if kind in _LIST_KINDS:
            parts.append("\n".join(_item(text, kind, k) for k, text in enumerate(texts, 1)))
        elif kind in _ROW_KINDS:
            parts.append(_table(texts, run))
        elif kind == "quote":
            parts.append("\n>\n".join(f"> {_escape_line_start(t)}" for t in texts))
        elif kind == "pre":
            fence = "````" if "```" in texts[0] else "```"
            parts.append(f"{fence}\n{texts[0]}\n{fence}")
        elif len(kind) == 2 and kind[0] == "h" and kind[1].isdigit():
            parts.append(f"{'#' * int(kind[1])} {_escape_inline_start(texts[0])}")
        else:
            parts.append(_escape_line_start(texts[0]))
        i = j
    return parts


def _item(text: str, kind: str, number: int) -> str:
    """One list item, its own bullet or number (from a text dump) replaced by Markdown's."""
    bare = _NUMBERED.sub("", text, count=1) if kind == "ol" else _BULLET.sub("", text, count=1)
    bare = _escape_line_start(bare)
    return f"{number}. {bare}" if kind == "ol" else f"- {bare}"


def _table(texts: Sequence[str], blocks: Sequence[Block]) -> str:
    """Rows as a Markdown table; the first row is its header (Markdown tables need one)."""
    rows = [_cells(text, block) for text, block in zip(texts, blocks, strict=True)]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = [_row(rows[0]), _row(["---"] * width), *(_row(row) for row in rows[1:])]
    return "\n".join(lines)


def _cells(text: str, block: Block) -> list[str]:
    """A row's cells, cut where `Block.cells` says each starts (one cell when it says nothing)."""
    starts = [s for s in block.cells if 0 <= s < len(text)] or [0]
    ends = [*starts[1:], len(text)]
    return [text[a:b].strip() for a, b in zip(starts, ends, strict=True)]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("\\", "\\\\").replace("|", "\\|") for c in cells) + " |"


def _escape_line_start(text: str) -> str:
    """`text` with a backslash before what would start Markdown syntax at the start of its line (after the
    number of ``1986. A year``: a backslash escapes punctuation only)."""
    number = _NUMBER_START.match(text)
    if number:
        return text[: number.end()] + "\\" + text[number.end() :]
    return "\\" + text if _LINE_START.match(text) else text


def _escape_inline_start(text: str) -> str:
    """A heading's text: a trailing run of ``#`` would be read as the heading's closing sequence."""
    return text[:-1] + "\\#" if text.endswith("#") else text
