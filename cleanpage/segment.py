"""Stage 2: text into lines and blocks; a block is a run of lines between blank lines."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from itertools import accumulate, compress, count, repeat
from typing import NamedTuple, cast

from .normalize import split_lines


class Line(NamedTuple):
    """One non-empty input line: its position among the input's lines, its normalised text, its block.

    A NamedTuple rather than a frozen dataclass: pages have thousands of lines and this is built per line.
    """

    index: int  # type: ignore[assignment]  # a field named like tuple.index, on purpose
    text: str
    block: int


#: `Line` from an (index, text, block) tuple, called from C: what `Line(index, text, block)` builds.
_make_line = cast(Callable[[type[Line], tuple[int, str, int]], Line], tuple.__new__)


def segment_columns(text: str) -> tuple[list[int], list[str]]:
    """The input line numbers and the texts of a text dump's non-empty lines, as two lists: what cleaning a
    text needs, without an object per line (pages have thousands of lines, and each object built is one more
    for the garbage collector to visit)."""
    lines = split_lines(text)
    return list(compress(count(), lines)), list(filter(None, lines))


def segment_text(text: str) -> tuple[Line, ...]:
    """The non-empty lines of a text dump, each with its input line number and block number.

    A blank line (or several) between two non-empty lines starts a new block. Built with iterator tools
    rather than a Python loop over the lines: pages have thousands of them.
    """
    indexes, texts = segment_columns(text)
    if not indexes:
        return ()
    # A line opens a new block when the line before it was blank, i.e. its index jumps by more than one.
    jumps: Iterable[bool] = map(operator.lt, repeat(1), map(operator.sub, indexes[1:], indexes))
    blocks = accumulate(jumps, initial=0)
    return tuple(map(_make_line, repeat(Line), zip(indexes, texts, blocks, strict=True)))
