"""The catastrophic-pattern check: refused on load with a reason; every shipped rule linear in practice."""

from __future__ import annotations

import time

import pytest
import regex

from cleanpage import RuleError
from cleanpage.rules import load_rules, load_text
from cleanpage.rules.safety import adversarial_inputs, check_pattern, static_problem


def _compile(source: str) -> regex.Pattern[str]:
    """Compile as the loader does (VERSION1, simple case folding)."""
    return regex.compile("(?-f)" + source, regex.VERSION1)


CATASTROPHIC = [
    r"(a+)+$",
    r"(\w+\s?)*$",
    r"(a|a)*b",
    r"(.*a){20}",
    r"^(?:\d+[,.]?)+$",
    r"(?i)^(?:[a-z]+\.?)+@",
    r"(a*)*b",
    r"(?:x(?:a?|b?))*y",
]
SAFE = [
    r"^(?:#[\p{L}\p{N}_]+[\s,;·|]*){1,40}$",
    r"^[\s\-–—_=*~#•·.+|]{3,}$",
    r"\d+(?:\.\d+)*",
    r"(?:a++)+b",
    r"(?>a+)+b",
    r"(?i)^(?:(?:share|tweet|email)\b[\W_]*){1,16}$",
    r"(?i)\ball rights reserved\b",
    r"^[^>›»|\n]{1,40}(?:[>›»|][^>›»|\n]{1,40}){1,8}$",
]


@pytest.mark.parametrize("source", CATASTROPHIC)
def test_nested_quantifiers_over_overlapping_content_are_refused(source: str) -> None:
    problem = check_pattern(_compile(source))
    assert problem is not None
    assert "catastrophic backtracking" in problem


@pytest.mark.parametrize("source", SAFE)
def test_linear_patterns_pass(source: str) -> None:
    assert check_pattern(_compile(source)) is None


def test_the_message_quotes_the_offending_loop() -> None:
    problem = static_problem(_compile(r"^Total: (\w+\s?)*!$"))
    assert problem is not None and r"(\w+\s?)*" in problem and "position 8" in problem


def test_full_case_folding_is_refused() -> None:
    # With the f flag and i, the regex module backtracks exponentially on runs of "i", "s" or "f".
    problem = check_pattern(_compile(r"(?if)^(?:www\.\S+|[\w.+-]+@)"))
    assert problem is not None and "f flag" in problem


def test_loader_wraps_a_catastrophic_pattern_in_rule_error_naming_file_and_rule() -> None:
    text = '[pack]\nlanguage = "en"\n\n[[promo]]\nid = "my.promo.bad"\npattern = \'^(\\w+\\s?)*$\'\n'
    with pytest.raises(RuleError) as info:
        load_text(text, origin="my-rules.toml")
    assert info.value.source == "my-rules.toml"
    assert info.value.rule_id == "my.promo.bad"
    assert "catastrophic backtracking" in info.value.problem


def test_only_the_shipped_packs_skip_the_check_at_load_time() -> None:
    # The shipped packs are checked rule by rule below instead; a user's file is always checked.
    text = "[[promo]]\nid = \"my.promo.bad\"\npattern = '^(\\w+\\s?)*$'\n"
    assert load_text(text, shipped=True).rules[0].id == "my.promo.bad"
    with pytest.raises(RuleError):
        load_text(text)


def test_loader_disables_full_case_folding() -> None:
    ruleset = load_text("[[promo]]\nid = \"p\"\npattern = '(?i)^(?:www\\.\\S+|[\\w.+-]+@)'\n")
    pattern = ruleset.rules[0].pattern
    assert not pattern.flags & regex.FULLCASE
    started = time.perf_counter()
    pattern.search("i" * 20_000 + " x")
    assert time.perf_counter() - started < 1.0


SHIPPED = load_rules().rules


@pytest.mark.parametrize("rule", SHIPPED, ids=lambda r: r.id)
def test_every_shipped_rule_passes_the_check(rule: object) -> None:
    assert check_pattern(rule.pattern) is None  # type: ignore[attr-defined]


def _worst(pattern: regex.Pattern[str], inputs: list[str]) -> float:
    worst = 0.0
    for text in inputs:
        best = min(_timed(pattern, text) for _ in range(2))
        worst = max(worst, best)
    return worst


def _timed(pattern: regex.Pattern[str], text: str) -> float:
    started = time.perf_counter()
    pattern.search(text, timeout=20)
    return time.perf_counter() - started


@pytest.mark.parametrize("rule", SHIPPED, ids=lambda r: r.id)
def test_every_shipped_rule_runs_in_linear_time_on_its_own_adversarial_strings(rule: object) -> None:
    """Strings built from the pattern's own literals and classes (a prefix reaching each loop, the loop's
    content pumped, a failing end), plus each of its examples with a character pumped inside; doubling
    the size must not quadruple the time (a quadratic pattern does, a linear one about doubles)."""
    pattern: regex.Pattern[str] = rule.pattern  # type: ignore[attr-defined]
    examples: tuple[str, ...] = rule.examples  # type: ignore[attr-defined]

    def corpus(size: int) -> list[str]:
        texts = list(adversarial_inputs(pattern, size))
        for example in examples[:3]:
            middle = len(example) // 2
            for c in {example[middle], " ", "-", "."}:
                texts.append(example[:middle] + c * size + example[middle:] + " x")
        return texts

    small, large = corpus(4000), corpus(8000)
    t_small, t_large = _worst(pattern, small), _worst(pattern, large)
    assert t_large < 4 * t_small + 0.02, f"{rule.id}: {t_small:.4f}s at 4k, {t_large:.4f}s at 8k"  # type: ignore[attr-defined]
