"""The rules that run for one language, compiled together: a literal prefilter, then the rules' searches.

Every line of every page passes through `Matcher.hits`, so this is where rule matching is made cheap:
the prefilter (see `prefilter`) tells from one scan of the line which rules can possibly match it, and
of those anchored at the line's start, a look at how the line starts says whether they still can.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass

from ..errors import TimeBudgetExceededError
from .model import Rule, RuleHit, RuleSet
from .prefilter import Prefilter, Start, match_start, required_literals

#: Word counts from which a line is scanned by a smaller prefilter: one that leaves out the rules whose
#: `max_words` the line exceeds (most rules look at short lines only).
TIER_WORDS = (0, 5, 9, 17, 31, 46)
#: The tier of each word count below the last tier's (a lookup, cheaper than a bisection for every line).
_TIER_OF = tuple(bisect.bisect_right(TIER_WORDS, n) - 1 for n in range(TIER_WORDS[-1]))


@dataclass(frozen=True)
class Matcher:
    """The rules that run for one language, with a prefilter that skips searches that cannot match."""

    rules: tuple[Rule, ...]
    #: Prefilters of the rules that allow lines of at least `TIER_WORDS[k]` words, so a long line is
    #: scanned only for the literals of the rules that look at lines that long (see `compile_for`).
    tiers: tuple[Prefilter, ...]
    #: For each rule anchored at the line's start, what its matches start with (else None).
    starts: tuple[Start | None, ...]

    def hits(
        self, text: str, lowered: str, n_words: int, deadline: float | None = None
    ) -> tuple[RuleHit, ...]:
        """The rules that fire on one normalised line (`lowered` is the line in lower case).

        With a `deadline` (`time.monotonic` seconds), a search still running then is stopped by the regex
        module's timeout and `TimeBudgetExceededError` is raised."""
        tier = self.tiers[_TIER_OF[n_words] if n_words < len(_TIER_OF) else -1]
        candidates = tier.candidates(lowered)
        if not candidates:  # most lines
            return ()
        hits: list[RuleHit] = []
        for index in sorted(candidates):
            rule = self.rules[index]
            if n_words > rule.max_words:
                continue
            start = self.starts[index]
            if start is not None and not start.admits(text, lowered):
                continue  # its literal is in the line, but not where a match would start
            if deadline is None:
                match = rule.pattern.search(text)
            else:
                try:
                    match = rule.pattern.search(text, timeout=max(deadline - time.monotonic(), 1e-6))
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
