"""The literal prefilter only ever skips searches that cannot match: it never changes which rules fire."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanpage.rules import load_rules
from cleanpage.rules.prefilter import Prefilter, required_literals

RULES = load_rules().rules
PREFILTER = Prefilter.build([r.pattern.pattern for r in RULES])
EXAMPLES = sorted({e for r in RULES for e in (*r.examples, *r.counter_examples)})


def _matching(line: str) -> set[int]:
    return {i for i, r in enumerate(RULES) if r.pattern.search(line)}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"(?i)^\W*advertisement\W*$", {"advertisement"}),
        (r"(?i)\ball rights reserved\b", {"all rights reserved"}),
        (r"^(?:share|tweet)\b", {"share", "tweet"}),
        (r"^\W{0,3}©\s*\d{4}", {"©"}),
        (r"^(?=[^\n]*[0-9])\d+$", set("0123456789")),  # a lookahead must match too
        (r"^\d+ / \d+$", {" / "}),
        (r"^\w+$", None),  # nothing literal to require
        (r"^(?:a|b)$", None),  # single letters are too common to index
        (r"(?:ab)?cd", {"cd"}),  # an optional part is never required
    ],
)
def test_required_literals(source: str, expected: set[str] | None) -> None:
    found = required_literals(source)
    assert (None if found is None else set(found)) == expected


def test_every_shipped_rule_is_indexed() -> None:
    """No shipped rule falls back to being searched on every line."""
    assert not PREFILTER.always, [RULES[i].id for i in sorted(PREFILTER.always)]


@pytest.mark.parametrize("line", EXAMPLES)
def test_candidates_include_every_rule_that_matches_an_example(line: str) -> None:
    assert _matching(line) <= PREFILTER.candidates(line.lower())


@given(st.lists(st.sampled_from(EXAMPLES), min_size=1, max_size=3), st.text(max_size=20))
def test_candidates_include_every_rule_that_matches_mixed_lines(parts: list[str], noise: str) -> None:
    line = noise.join(parts)
    assert _matching(line) <= PREFILTER.candidates(line.lower())
