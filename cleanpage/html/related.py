"""The entries of related blocks that DOM rules removed, parsed as the text path parses a related block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..blocks import parse_block
from ..result import RelatedEntry
from ..score import score_lines

if TYPE_CHECKING:
    from ..pipeline import Cleaner
    from .dom import DomRemoval


def dom_related(
    removals: Sequence[DomRemoval], cleaner: Cleaner, language: str | None
) -> tuple[RelatedEntry, ...]:
    """The entries of each removed related block, from its lines (a heading a rule knows is skipped)."""
    entries: list[RelatedEntry] = []
    blocks = [r for r in removals if r.kind == "related" and r.lines]
    if not blocks:
        return ()
    matcher = cleaner.matcher_for(language)
    stopwords = cleaner.ruleset.stopwords.get(language) if language else None
    for removal in blocks:
        scored = score_lines(list(removal.lines), matcher, stopwords)
        start = 0
        while start < len(scored) and any(h.rule.scope == "block_start" for h in scored[start].hits):
            start += 1
        entries.extend(entry for _first, entry in parse_block(scored, start).entries)
    return tuple(entries)
