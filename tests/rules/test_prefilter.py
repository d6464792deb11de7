"""The literal prefilter only ever skips searches that cannot match: it never changes which rules fire."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanpage.rules import load_rules
from cleanpage.rules.prefilter import (
    _ASCII_NONWORD,
    FOLD_TRAPS,
    Prefilter,
    Start,
    match_start,
    required_literals,
)

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
        (r"^\w+(?: \w+)*$(?<=\b(?:jan|feb)[^\n]*)", {"jan", "feb"}),  # and so must a lookbehind
        (r"^\w+(?<!xy)$", None),  # a negative one need not
        (r"^\d+ / \d+$", {" / "}),
        (r"^\w+$", None),  # nothing literal to require
        (r"^(?:a|b)$", None),  # single letters are too common to index
        (r"(?:ab)?cd", {"cd"}),  # an optional part is never required
        (r"^\W{0,3}(?:©|\([cC]\))\s*\d{4}", {"©", "(c)"}),  # a class of one letter's cases reads as it
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


@pytest.mark.parametrize(
    "line", ["ſhare this ſtory", "TWİTTER", "FACEBOOK · TWİTTER · EMAİL", "Advertiſement"]
)
def test_lines_whose_lower_case_hides_a_letter_are_searched_for_every_rule(line: str) -> None:
    # A case-insensitive "s" matches the long s and "i" the dotted capital I, but their lower case does not
    # contain the literal the prefilter scans for.
    assert _matching(line), "the example must match some rule"
    assert _matching(line) <= PREFILTER.candidates(line.lower())


def test_fold_traps_cover_every_literal_character_of_the_shipped_rules() -> None:
    # Every character a case-insensitive literal character matches lowers to that character, or leaves a
    # trap in the lowered line, so the prefilter's scan of the lowered line never misses a match.
    letters = {ch for r in RULES for lit in (required_literals(r.pattern.pattern) or ()) for ch in lit}
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter in sorted(letters - {" "}):
        for match in regex.finditer("(?i)" + regex.escape(letter), every):
            lowered = match.group().lower()
            assert lowered == letter or not FOLD_TRAPS.isdisjoint(lowered), (letter, hex(ord(match.group())))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"(?i)^\W*(?:advertisement|sponsored)\W*$", Start(True, ("advertisement", "sponsored"))),
        (r"^(?:by|written by) \w+", Start(False, ("by ", "written by "))),
        (r"^(?=[^\n]*[0-9])(?:page \d+|\d+ / \d+)$", Start(False, ("page ",), digits=True)),
        (r"^(?:the )?story continues", Start(False, ("story continues", "the "))),  # optional first part
        (r"^[\s_]{3,}$", Start(False, tuple(sorted({*"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ", "_"})))),
        (r"^[\s\-=]{3,}$", None),  # symbols only: the leading run of symbols may be the whole match
        (r"\badvertisement\b", None),  # not anchored
        (r"(?m)^advertisement", None),  # "^" may match after a line break too
        (r"(?m)\Aadvertisement", Start(False, ("advertisement",))),
        (r"^\w+:", None),  # any word may start it
        (r"^\W{0,3}(?:©|copyright)", None),  # a match may start inside the leading run of symbols
        (r"^(?:a|)b", Start(False, ("ab", "b"))),  # an empty branch: what follows may start it
    ],
)
def test_match_start(source: str, expected: Start | None) -> None:
    assert match_start(source) == expected


STARTS = [(rule, start) for rule in RULES if (start := match_start(rule.pattern.pattern)) is not None]


def test_most_shipped_rules_have_a_known_start() -> None:
    assert len(STARTS) >= len(RULES) // 2


@pytest.mark.parametrize("line", EXAMPLES)
def test_a_start_admits_every_line_its_rule_matches(line: str) -> None:
    for rule, start in STARTS:
        if rule.pattern.search(line):
            assert start.admits(line, line.lower()), rule.id


@given(st.sampled_from(EXAMPLES), st.text(max_size=6), st.booleans())
def test_a_start_admits_every_line_its_rule_matches_in_other_surroundings(
    example: str, before: str, upper: bool
) -> None:
    line = before + (example.upper() if upper else example)
    for rule, start in STARTS:
        if rule.pattern.search(line):
            assert start.admits(line, line.lower()), rule.id


def test_a_start_turns_away_a_line_whose_literal_is_inside_a_word() -> None:
    start = match_start(r"(?i)^\W*(?:ad|ads|advertisement)\W*$")
    assert start is not None
    assert not start.admits("He had read it", "he had read it")  # "ad" is in it, but not at the start
    assert start.admits("-- Ad --", "-- ad --")
    assert start.admits("Ädvertisement", "ädvertisement")  # lines beyond ASCII are always searched


ASCII_LINES = st.text(alphabet="adegnprstu 0123-:.", max_size=12)


@given(st.sampled_from([start for _rule, start in STARTS]), ASCII_LINES)
def test_a_start_compares_a_line_only_with_the_prefixes_of_its_first_character_to_the_same_effect(
    start: Start, line: str
) -> None:
    # Grouping the prefixes by first character only saves comparisons: the verdict is that of all of them.
    position = len(line) - len(line.lstrip(_ASCII_NONWORD)) if start.after_nonword else 0
    digit = start.digits and line[position : position + 1].isdigit()
    assert start.admits(line, line) == (line.startswith(start.prefixes, position) or digit)


def test_a_start_has_no_empty_prefix() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        Start(False, ("ad", ""))


def test_a_line_with_a_lone_surrogate_is_searched_for_every_rule() -> None:
    # The scan needs text it can encode; a str handed over directly may still hold a lone surrogate.
    line = "Advertisement \ud800"
    assert PREFILTER.candidates(line.lower()) == set(PREFILTER.every)
    assert _matching(line) <= PREFILTER.candidates(line.lower())
