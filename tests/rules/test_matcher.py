"""A matcher gives exactly the hits of searching every rule within its word limit, in rule order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanpage.rules import load_rules
from cleanpage.rules.matcher import TIER_WORDS, Matcher, compile_for
from cleanpage.rules.model import RuleHit

RULESET = load_rules()
MATCHERS = {lang: compile_for(RULESET, lang) for lang in (*RULESET.languages, None)}
EXAMPLES = sorted({e for r in RULESET.rules for e in (*r.examples, *r.counter_examples)})


def _every_search(matcher: Matcher, line: str) -> tuple[RuleHit, ...]:
    n_words = len(line.split())
    hits = []
    for rule in matcher.rules:
        match = rule.match(line, n_words)
        if match is not None:
            groups = tuple((k, v.strip()) for k, v in match.groupdict().items() if v and v.strip())
            hits.append(RuleHit(rule, groups))
    return tuple(hits)


def _hits(matcher: Matcher, line: str) -> tuple[RuleHit, ...]:
    return matcher.hits(line, line.lower(), len(line.split()))


@pytest.mark.parametrize("line", EXAMPLES)
def test_hits_on_examples_are_those_of_searching_every_rule(line: str) -> None:
    for matcher in MATCHERS.values():
        assert _hits(matcher, line) == _every_search(matcher, line)


@given(
    st.sampled_from(sorted(MATCHERS, key=str)),
    st.sampled_from(EXAMPLES),
    st.text(max_size=8),
    st.text(max_size=8),
    st.booleans(),
)
def test_hits_on_examples_in_other_surroundings_are_those_of_searching_every_rule(
    language: str | None, example: str, before: str, after: str, upper: bool
) -> None:
    line = before + (example.upper() if upper else example) + after
    if line.strip():
        assert _hits(MATCHERS[language], line) == _every_search(MATCHERS[language], line)


def test_a_deadline_gives_the_same_hits() -> None:
    import time

    matcher = MATCHERS["en"]
    far = time.monotonic() + 60
    for line in EXAMPLES:
        assert matcher.hits(line, line.lower(), len(line.split()), far) == _hits(matcher, line)


@pytest.mark.parametrize("extra_words", sorted({max(t - 1, 0) for t in TIER_WORDS} | set(TIER_WORDS)))
def test_lines_of_every_length_tier_get_the_hits_of_searching_every_rule(extra_words: int) -> None:
    # A line is scanned by the prefilter of its length tier, which leaves out the rules that never look at
    # lines that long; what fires must not change.
    for example in EXAMPLES:
        line = example + " and so on" * (extra_words // 3) + " more" * (extra_words % 3)
        for matcher in MATCHERS.values():
            assert _hits(matcher, line) == _every_search(matcher, line)


def test_the_tier_of_a_word_count_is_the_last_tier_it_reaches() -> None:
    from cleanpage.rules.matcher import _TIER_OF, TIER_WORDS

    # Every count below the last tier's bound has its entry; counts from that bound on use the last tier.
    assert len(_TIER_OF) == TIER_WORDS[-1]
    for n_words, tier in enumerate(_TIER_OF):
        assert TIER_WORDS[tier] <= n_words < TIER_WORDS[tier + 1]


def test_the_remembered_candidate_plans_stay_bounded_and_change_no_hit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cleanpage.rules.matcher as matcher_module

    monkeypatch.setattr(matcher_module, "PLAN_MEMO_MAX", 3)
    matcher = compile_for(RULESET, "en")  # a new matcher: nothing remembered yet
    for line in EXAMPLES:
        assert _hits(matcher, line) == _every_search(matcher, line)
    assert all(len(plans) <= 3 for plans in matcher._plans)
    assert any(plans for plans in matcher._plans)
    for line in EXAMPLES:  # once full, lines whose literals are not remembered are planned afresh
        assert _hits(matcher, line) == _every_search(matcher, line)
