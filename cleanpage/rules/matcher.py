"""The rules that run for one language, compiled together: a literal prefilter, then the rules' searches.

Every line of every page passes through `Matcher.hits`, so this is where rule matching is made cheap:
the prefilter (see `prefilter`) tells from one scan of the line which rules can possibly match it, and
of those anchored at the line's start, a look at how the line starts says whether they still can.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import TimeBudgetExceededError
from .model import Rule, RuleHit, RuleSet
from .prefilter import Prefilter, Start, match_start, required_literals, word_start

#: Word counts from which a line is scanned by a smaller prefilter: one that leaves out the rules whose
#: `max_words` the line exceeds (most rules look at short lines only).
TIER_WORDS = (0, 5, 9, 17, 31, 46)
#: The tier of each word count below the last tier's (a lookup, cheaper than a bisection for every line).
_TIER_OF = tuple(bisect.bisect_right(TIER_WORDS, n) - 1 for n in range(TIER_WORDS[-1]))
#: Sets of literals a tier remembers the candidate rules of (lines of a page hold a few thousand such
#: sets between them, and pages of a language share most): a bound on the memory, not on a result.
PLAN_MEMO_MAX = 8192

#: What `Matcher.hits` needs of one rule, in one tuple: its `max_words`, its `Start`, its search, the rule.
_Step = tuple[int, Start | None, Callable[..., Any], Rule]


@dataclass(frozen=True)
class Matcher:
    """The rules that run for one language, with a prefilter that skips searches that cannot match."""

    rules: tuple[Rule, ...]
    #: Prefilters of the rules that allow lines of at least `TIER_WORDS[k]` words, so a long line is
    #: scanned only for the literals of the rules that look at lines that long (see `compile_for`).
    tiers: tuple[Prefilter, ...]
    #: For each rule anchored at the line's start, what its matches start with (else None).
    starts: tuple[Start | None, ...]
    _steps: tuple[_Step, ...] = field(init=False, repr=False, compare=False)
    #: Per tier, the steps of the candidate rules of each set of literals a line was found to hold (in
    #: rule order): the union and sort of their candidates is worked out once, not on every line.
    _plans: tuple[dict[tuple[str, ...], tuple[_Step, ...]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        steps = tuple(
            (r.max_words, s, r.pattern.search, r) for r, s in zip(self.rules, self.starts, strict=True)
        )
        object.__setattr__(self, "_steps", steps)
        object.__setattr__(self, "_plans", tuple({} for _ in self.tiers))

    def _plan(self, tier: int, literals: tuple[str, ...] | None) -> tuple[_Step, ...]:
        """The steps of the rules a line holding `literals` may match, in rule order (None: every rule)."""
        prefilter = self.tiers[tier]
        if literals is None:
            return tuple(self._steps[i] for i in sorted(prefilter.every))
        plans = self._plans[tier]
        plan = plans.get(literals)
        if plan is None:
            plan = tuple(self._steps[i] for i in sorted(prefilter.for_literals(literals)))
            if len(plans) < PLAN_MEMO_MAX:
                plans[literals] = plan
        return plan

    def hits(
        self, text: str, lowered: str, n_words: int, deadline: float | None = None
    ) -> tuple[RuleHit, ...]:
        """The rules that fire on one normalised line (`lowered` is the line in lower case).

        With a `deadline` (`time.monotonic` seconds), a search still running then is stopped by the regex
        module's timeout and `TimeBudgetExceededError` is raised."""
        tier = _TIER_OF[n_words] if n_words < len(_TIER_OF) else len(TIER_WORDS) - 1
        literals = self.tiers[tier].found(lowered)
        if literals == () and not self.tiers[tier].always:  # most lines
            return ()
        hits: list[RuleHit] = []
        ascii_line: bool | None = None  # worked out for the first anchored rule, as is the word start
        position = -1
        for max_words, start, search, rule in self._plan(tier, literals):
            if n_words > max_words:
                continue
            if start is not None:
                if ascii_line is None:
                    ascii_line = text.isascii()
                # case-insensitive matching of other letters is not plain lower-casing: those are searched
                if ascii_line:
                    if start.after_nonword:
                        if position < 0:
                            position = word_start(text)
                        at = position
                    else:
                        at = 0
                    if not start.admits_at(lowered, at):
                        continue  # its literal is in the line, but not where a match would start
            if deadline is None:
                match = search(text)
            else:
                try:
                    match = search(text, timeout=max(deadline - time.monotonic(), 1e-6))
                except TimeoutError:
                    raise TimeBudgetExceededError(f"rule {rule.id!r} ran past the time budget") from None
            if match is None:
                continue
            groups = tuple((k, v.strip()) for k, v in match.groupdict().items() if v and v.strip())
            hits.append(RuleHit(rule, groups))
        return tuple(hits)


def compile_for(ruleset: RuleSet, language: str | None) -> Matcher:
    """The rules of `ruleset` that run for `language` (language-independent ones only when unknown)."""
    if language is None:
        rules = tuple(r for r in ruleset.rules if "*" in r.languages)
    else:
        rules = ruleset.for_language(language)
    literals = {source: required_literals(source) for source in {r.pattern.pattern for r in rules}}
    tiers = tuple(
        Prefilter.build(
            [r.pattern.pattern if r.max_words >= low else None for r in rules], literals.__getitem__
        )
        for low in TIER_WORDS
    )
    return Matcher(rules, tiers, tuple(match_start(r.pattern.pattern) for r in rules))
