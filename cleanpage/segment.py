"""Stage 2: text into lines and blocks; a block is a run of lines between blank lines."""

from __future__ import annotations

from typing import NamedTuple

from .normalize import split_lines


class Line(NamedTuple):
    """One non-empty input line: its position among the input's lines, its normalised text, its block.

    A NamedTuple rather than a frozen dataclass: pages have thousands of lines and this is built per line.
    """

    index: int  # type: ignore[assignment]  # a field named like tuple.index, on purpose
    text: str
    block: int


def segment_text(text: str) -> tuple[Line, ...]:
    """The non-empty lines of a text dump, each with its input line number and block number."""
    lines: list[Line] = []
    block = 0
    previous_blank = False
    for index, line in enumerate(split_lines(text)):
        if not line:
            previous_blank = True
            continue
        if previous_blank and lines:
            block += 1
        previous_blank = False
        lines.append(Line(index, line, block))
    return tuple(lines)
