"""Running cleaners over a suite: time each call, score each result, and turn it all into plain data.

All cleaners run in one process and take turns: each cleans the next `TURN_PAGES` pages in a row, as it
would in a pipeline, then the next cleaner cleans the same pages, so a busy spell on a shared machine (which
lasts seconds, while a turn lasts a fraction of one) slows them alike. Before the timed pass each cleaner
gets one untimed warm-up call on the first page, so one-time set-up (stop lists, compiled rules) is not
billed to that page. Only the calls are timed (``time.perf_counter``); what a cleaner explains about its
output is gathered after its turn and the pages are scored after the last turn, so the bench's own work
never runs between two timed calls, where it would evict the cleaner's data from the processor's caches;
and what the bench keeps is hidden from the garbage collector (`gc.freeze`) while the cleaners run.
"""

from __future__ import annotations

import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .corpus import Case, Suite
from .metrics import CaseScore, Counts, Quality, Speed, score_case, speed, summarize
from .peers import Cleaner


@dataclass(frozen=True)
class Outcome:
    """One cleaner's result on one case: what it returned, how long it took, and its score."""

    case: Case
    title: str | None
    paragraphs: tuple[str, ...]
    extra: dict[str, Any]
    seconds: float
    error: str | None
    score: CaseScore


@dataclass(frozen=True)
class CleanerRun:
    """One cleaner over one suite."""

    name: str
    version: str
    outcomes: tuple[Outcome, ...]
    quality: Quality
    speed: Speed

    @property
    def errors(self) -> int:
        """How many pages made the cleaner raise (each scored as an empty prediction)."""
        return sum(o.error is not None for o in self.outcomes)

    def by_id(self) -> dict[str, Outcome]:
        """The outcomes keyed by case id."""
        return {o.case.id: o for o in self.outcomes}


@dataclass(frozen=True)
class SuiteRun:
    """Every cleaner over one suite; the first cleaner is the one under test, the others its peers."""

    suite: Suite
    runs: tuple[CleanerRun, ...] = field(default_factory=tuple)

    @property
    def main(self) -> CleanerRun:
        """The cleaner under test."""
        return self.runs[0]

    def worst_first(self) -> list[Outcome]:
        """The main cleaner's outcomes, lowest shingle F1 first (ties by id)."""
        return sorted(self.main.outcomes, key=lambda o: (o.score.shingle.f1, o.case.id))


@dataclass(frozen=True)
class Timed:
    """What one timed call returned, before it is scored."""

    title: str | None
    paragraphs: tuple[str, ...]
    extra: dict[str, Any]
    seconds: float
    error: str | None


#: Pages a cleaner cleans in a row before the next one takes its turn (see the module's docstring).
TURN_PAGES = 16


def time_one(cleaner: Cleaner, case: Case) -> Timed:
    """Run `cleaner` on `case`, timing the call alone; an exception is recorded as the error."""
    return _gathered(_call(cleaner, case))


def _call(cleaner: Cleaner, case: Case) -> tuple[Timed, Callable[[], dict[str, Any]] | None]:
    """The timed call, with the function that gathers its extra data when the cleaner gave one."""
    title: str | None = None
    paragraphs: list[str] = []
    extra: dict[str, Any] | Callable[[], dict[str, Any]] = {}
    error: str | None = None
    start = time.perf_counter()
    try:
        title, paragraphs, extra = cleaner.fn(case.page, case.format)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    if callable(extra):  # data for the report, gathered outside the timed call
        return Timed(title, tuple(paragraphs), {}, seconds, error), extra
    return Timed(title, tuple(paragraphs), extra, seconds, error), None


def _gathered(call: tuple[Timed, Callable[[], dict[str, Any]] | None]) -> Timed:
    timed, gather = call
    return timed if gather is None else replace(timed, extra=gather())


def score_one(case: Case, timed: Timed) -> Outcome:
    """A timed call's output scored against the case's truth (an error scores as no output)."""
    score = score_case(
        case.body,
        case.truth_text,
        list(timed.paragraphs),
        pred_title=timed.title,
        true_title=case.title,
        title_known=case.title_known,
        true_related=case.related,
        pred_related=timed.extra.get("related"),
        true_metadata=case.metadata,
        pred_metadata=timed.extra.get("metadata"),
        with_snippets=case.with_snippets,
        without_snippets=case.without_snippets,
    )
    return Outcome(case, timed.title, timed.paragraphs, timed.extra, timed.seconds, timed.error, score)


def clean_one(cleaner: Cleaner, case: Case) -> Outcome:
    """Run `cleaner` on `case`, timing the call alone, and score its output."""
    return score_one(case, time_one(cleaner, case))


def run_cleaner(cleaner: Cleaner, cases: Sequence[Case], progress: Any = None) -> CleanerRun:
    """One cleaner over `cases` (after one untimed warm-up call); `progress` is a tqdm bar or None."""
    return _run_in_turns([cleaner], cases, progress)[0]


def run_suite(suite: Suite, cleaners: Sequence[Cleaner], *, progress: bool = False) -> SuiteRun:
    """Every cleaner over the suite, with a progress bar on stderr when `progress` is true."""
    from tqdm import tqdm

    with tqdm(
        total=len(suite.cases) * len(cleaners),
        desc=suite.name,
        unit="page",
        file=sys.stderr,
        disable=not progress,
        leave=False,
    ) as bar:
        return SuiteRun(suite, tuple(_run_in_turns(cleaners, suite.cases, bar)))


def _run_in_turns(cleaners: Sequence[Cleaner], cases: Sequence[Case], progress: Any) -> list[CleanerRun]:
    """The cases through every cleaner, `TURN_PAGES` at a time each: on a shared machine, a busy spell slows
    them all alike, so speed ratios measured side by side hold even when absolute speeds wander."""
    for cleaner in cleaners:  # one untimed warm-up call each
        if cases:
            with contextlib.suppress(Exception):
                cleaner.fn(cases[0].page, cases[0].format)
    gc.collect()
    timed: list[list[Timed]] = [[] for _ in cleaners]
    try:
        for first in range(0, len(cases), TURN_PAGES):
            turn = cases[first : first + TURN_PAGES]
            for k, cleaner in enumerate(cleaners):
                calls = [_call(cleaner, case) for case in turn]
                timed[k].extend(map(_gathered, calls))
                # What the bench keeps is never garbage: frozen, it is not scanned by the collections the
                # next cleaner's allocations trigger, which would bill the bench's memory to that cleaner.
                gc.freeze()
                if progress is not None:
                    progress.update(len(turn))
    finally:
        gc.unfreeze()
    outcomes = [[score_one(case, t) for case, t in zip(cases, done, strict=True)] for done in timed]
    return [
        CleanerRun(
            name=cleaner.name,
            version=cleaner.version,
            outcomes=tuple(done),
            quality=summarize([o.score for o in done]),
            speed=speed([o.seconds for o in done], [o.case.size_bytes for o in done]),
        )
        for cleaner, done in zip(cleaners, outcomes, strict=True)
    ]


def combine(runs: Sequence[SuiteRun]) -> SuiteRun:
    """One run from several of the same suite and cleaners (see ``cleanpage bench --repeat``): the first
    run's outputs and scores, and for each page each cleaner's median time, which a busy spell of the
    machine during one of the runs does not move."""
    first = runs[0]
    if len(runs) == 1:
        return first
    combined = []
    for k, cleaner_run in enumerate(first.runs):
        outcomes = tuple(
            replace(outcome, seconds=statistics.median(run.runs[k].outcomes[j].seconds for run in runs))
            for j, outcome in enumerate(cleaner_run.outcomes)
        )
        times = speed([o.seconds for o in outcomes], [o.case.size_bytes for o in outcomes])
        combined.append(replace(cleaner_run, outcomes=outcomes, speed=times))
    return SuiteRun(first.suite, tuple(combined))


def _counts(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def speed_dict(run: CleanerRun, main: CleanerRun) -> dict[str, Any]:
    """A run's speed figures, with the ratio of the main cleaner's pages/s to this one's."""
    s = run.speed
    return {
        "pages": s.pages,
        "seconds": s.seconds,
        "megabytes": s.megabytes,
        "pages_per_s": s.pages_per_s,
        "mb_per_s": s.mb_per_s,
        "median_ms": s.median_ms,
        f"speed_ratio_{main.name}_over_this": speed_ratio(main, run),
    }


def speed_ratio(main: CleanerRun, other: CleanerRun) -> float | None:
    """main pages/s divided by other pages/s (above 1: main is faster); None when undefined, or when the
    main cleaner raised on every page (its time then measures nothing)."""
    if other.speed.pages_per_s <= 0 or (main.outcomes and main.errors == len(main.outcomes)):
        return None
    return main.speed.pages_per_s / other.speed.pages_per_s


def suite_to_dict(run: SuiteRun) -> dict[str, Any]:
    """Everything about one suite run as JSON-able data (the predicted texts are left to --predictions)."""
    suite = run.suite
    cleaners: dict[str, Any] = {}
    for cleaner_run in run.runs:
        cases = {}
        for o in cleaner_run.outcomes:
            cases[o.case.id] = {
                "shingle": _counts(o.score.shingle),
                "paragraph": _counts(o.score.paragraph),
                "no_loss": o.score.no_loss,
                "clean": o.score.clean,
                "title": o.title,
                "title_ok": o.score.title_ok,
                "lost": list(o.score.lost),
                "outside": list(o.score.outside),
                "word": _counts(o.score.word),
                "with_found": o.score.with_found,
                "without_leaked": o.score.without_leaked,
                "page_type": o.case.page_type,
                "ms": o.seconds * 1000,
                "input_bytes": o.case.size_bytes,
                "error": o.error,
                "known_failure": suite.known_failures.get(o.case.id),
                "related": None if o.score.related is None else asdict(o.score.related),
                "metadata": None if o.score.metadata is None else asdict(o.score.metadata),
            }
        overall = asdict(cleaner_run.quality)
        overall["errors"] = cleaner_run.errors
        overall["kept_rate"] = cleaner_run.quality.kept_rate
        overall["without_clean_rate"] = cleaner_run.quality.without_clean_rate
        cleaners[cleaner_run.name] = {
            "version": cleaner_run.version,
            "overall": overall,
            "speed": speed_dict(cleaner_run, run.main),
            "cases": cases,
        }
    return {
        "path": str(suite.path),
        "shape": suite.shape,
        "as_text": suite.as_text,
        "cases": len(suite.cases),
        "known_failures": dict(suite.known_failures),
        "cleaners": cleaners,
    }


def predictions(runs: Sequence[SuiteRun]) -> dict[str, dict[str, str]]:
    """The main cleaner's body texts as ``{id: {"articleBody": text}}``.

    With more than one suite the keys are ``suite:id``.
    """
    out: dict[str, dict[str, str]] = {}
    for run in runs:
        for o in run.main.outcomes:
            key = o.case.id if len(runs) == 1 else f"{run.suite.name}:{o.case.id}"
            out[key] = {"articleBody": "\n".join(o.paragraphs)}
    return out
