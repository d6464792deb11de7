"""The quality gate: pinned floors per suite, checked against a run, and raised (never silently lowered).

A baseline file is JSON: ``{"suite name": {"figure name": floor, ...}, ...}``, e.g.
``{"corpus": {"shingle_f1": 0.9, "no_loss_rate": 0.5}, "aeb-html": {...}}``. Figure names are those of
`metrics.QUALITY_FIGURES`. Floors are stored rounded down to 3 decimals, so a re-run of the same code
always passes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

from .metrics import QUALITY_FIGURES, Quality

#: The figures a new suite gets floors for.
DEFAULT_FIGURES: tuple[str, ...] = ("shingle_f1", "no_loss_rate")
#: Figures a suite gets floors for when it measures them (it has related or metadata truth).
MEASURED_FIGURES: tuple[str, ...] = (
    "related_precision",
    "related_recall",
    "related_field_accuracy",
    "metadata_accuracy",
)

Baseline = dict[str, dict[str, float]]


class BaselineError(Exception):
    """A baseline file cannot be read or holds something other than floors."""


def floor3(value: float) -> float:
    """`value` rounded down to 3 decimals (0.9379 -> 0.937, 0.57 -> 0.57)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR))


def load_baseline(path: Path, *, missing_ok: bool = False) -> Baseline:
    """Read and validate a baseline file; an absent file is an error unless `missing_ok` (then empty)."""
    if not path.exists():
        if missing_ok:
            return {}
        raise BaselineError(f"{path}: no such baseline file")
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise BaselineError(f"{path}: expected an object of suites")
    baseline: Baseline = {}
    for suite, floors in data.items():
        if not isinstance(floors, dict):
            raise BaselineError(f"{path}: suite {suite!r} must map figure names to floors")
        baseline[suite] = {}
        for name, value in floors.items():
            if name not in QUALITY_FIGURES:
                raise BaselineError(
                    f"{path}: suite {suite!r}: unknown figure {name!r} (known: {', '.join(QUALITY_FIGURES)})"
                )
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise BaselineError(f"{path}: suite {suite!r}: {name} must be a number from 0 to 1")
            baseline[suite][name] = float(value)
    return baseline


def save_baseline(path: Path, baseline: Baseline) -> None:
    """Write a baseline file, suites and figures sorted, one figure a line."""
    ordered = {s: dict(sorted(baseline[s].items())) for s in sorted(baseline)}
    path.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class GateResult:
    """What a check found: the figures compared, those below their floors, and suites with no floors."""

    checked: tuple[str, ...]
    failures: tuple[str, ...]
    unpinned: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """No figure fell below its floor."""
        return not self.failures


def check(baseline: Baseline, measured: Mapping[str, Quality]) -> GateResult:
    """Compare every pinned figure of every measured suite with its floor."""
    checked: list[str] = []
    failures: list[str] = []
    unpinned: list[str] = []
    for suite, quality in measured.items():
        floors = baseline.get(suite)
        if not floors:
            unpinned.append(suite)
            continue
        for name, floor in sorted(floors.items()):
            value = quality.figure(name)
            checked.append(f"{suite}.{name}")
            if value is None:
                failures.append(f"{suite}: {name} is not measured (no case has its truth) but has a floor")
            elif value < floor:
                failures.append(f"{suite}: {name} {value:.4f} is below its floor {floor:.3f}")
    return GateResult(tuple(checked), tuple(failures), tuple(unpinned))


@dataclass(frozen=True)
class Update:
    """A proposed new baseline, with what it raises and what it would lower."""

    baseline: Baseline
    raised: tuple[str, ...]
    lowered: tuple[str, ...]


def update(baseline: Baseline, measured: Mapping[str, Quality]) -> Update:
    """Set each measured suite's floors (its pinned figures plus `DEFAULT_FIGURES`) to the measured values.

    Values are rounded down to 3 decimals; `MEASURED_FIGURES` get floors where the suite measures them,
    and a pinned figure the run does not measure keeps its floor. Suites not measured are kept as they are.
    Whether a lowering may be written is the caller's decision (see `Update.lowered`).
    """
    new: Baseline = {suite: dict(floors) for suite, floors in baseline.items()}
    raised: list[str] = []
    lowered: list[str] = []
    for suite, quality in measured.items():
        floors = new.setdefault(suite, {})
        measured_here = {name for name in MEASURED_FIGURES if quality.figure(name) is not None}
        for name in sorted(set(DEFAULT_FIGURES) | set(floors) | measured_here):
            figure = quality.figure(name)
            if figure is None:
                continue
            value = floor3(figure)
            old = floors.get(name)
            if old is None or value > old:
                raised.append(f"{suite}: {name} {'(new)' if old is None else f'{old:.3f}'} -> {value:.3f}")
            elif value < old:
                lowered.append(f"{suite}: {name} {old:.3f} -> {value:.3f}")
            floors[name] = value
    return Update(new, tuple(raised), tuple(lowered))
