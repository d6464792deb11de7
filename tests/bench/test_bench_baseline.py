"""The quality gate's floors: rounding, checking, raising, and refusing to lower."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanpage.bench.baseline import BaselineError, check, floor3, load_baseline, save_baseline, update
from cleanpage.bench.metrics import Quality


def _quality(f1: float, no_loss: float = 0.5) -> Quality:
    return Quality(
        cases=4,
        shingle_precision=0.9,
        shingle_recall=0.8,
        shingle_f1=f1,
        paragraph_precision=0.7,
        paragraph_recall=0.6,
        no_loss_rate=no_loss,
        clean_rate=0.25,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.9379, 0.937), (0.57, 0.57), (1.0, 1.0), (0.1239999, 0.123), (0.0, 0.0), (2 / 3, 0.666)],
)
def test_floor3_rounds_down(value: float, expected: float) -> None:
    assert floor3(value) == expected


def test_check_passes_at_or_above_floors() -> None:
    result = check({"corpus": {"shingle_f1": 0.9, "no_loss_rate": 0.5}}, {"corpus": _quality(0.9)})
    assert result.passed
    assert result.checked == ("corpus.no_loss_rate", "corpus.shingle_f1")


def test_check_fails_naming_every_figure_below_its_floor() -> None:
    baseline = {"corpus": {"shingle_f1": 0.95, "no_loss_rate": 0.6, "clean_rate": 0.2}, "aeb-html": {}}
    result = check(baseline, {"corpus": _quality(0.9, 0.5), "aeb-text": _quality(0.1)})
    assert not result.passed
    assert len(result.failures) == 2
    assert result.failures[0].startswith("corpus: no_loss_rate 0.5000 is below its floor 0.600")
    assert result.failures[1].startswith("corpus: shingle_f1 0.9000 is below its floor 0.950")
    assert result.unpinned == ("aeb-text",)


def test_update_raises_and_adds_but_reports_lowering() -> None:
    baseline = {"corpus": {"shingle_f1": 0.8, "clean_rate": 0.3}, "other": {"shingle_f1": 0.5}}
    proposal = update(baseline, {"corpus": _quality(0.91234, 0.5), "aeb-html": _quality(0.5)})
    assert proposal.baseline["corpus"] == {"shingle_f1": 0.912, "no_loss_rate": 0.5, "clean_rate": 0.25}
    assert proposal.baseline["aeb-html"] == {"shingle_f1": 0.5, "no_loss_rate": 0.5}
    assert proposal.baseline["other"] == {"shingle_f1": 0.5}
    assert proposal.lowered == ("corpus: clean_rate 0.300 -> 0.250",)
    assert "corpus: shingle_f1 0.800 -> 0.912" in proposal.raised
    assert baseline["corpus"] == {"shingle_f1": 0.8, "clean_rate": 0.3}  # input untouched


def test_baseline_file_round_trip_and_validation(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    save_baseline(path, {"z": {"shingle_f1": 0.5}, "a": {"no_loss_rate": 0.25, "clean_rate": 0.1}})
    assert list(json.loads(path.read_text(encoding="utf-8"))) == ["a", "z"]
    assert load_baseline(path) == {"a": {"clean_rate": 0.1, "no_loss_rate": 0.25}, "z": {"shingle_f1": 0.5}}
    assert load_baseline(tmp_path / "none.json", missing_ok=True) == {}
    with pytest.raises(BaselineError, match="no such baseline"):
        load_baseline(tmp_path / "none.json")
    path.write_text('{"corpus": {"speed": 0.5}}', encoding="utf-8")
    with pytest.raises(BaselineError, match="unknown figure 'speed'"):
        load_baseline(path)
    path.write_text('{"corpus": {"shingle_f1": 1.5}}', encoding="utf-8")
    with pytest.raises(BaselineError, match="from 0 to 1"):
        load_baseline(path)


def test_related_and_metadata_floors_are_added_where_measured_and_fail_where_not() -> None:
    measured = Quality(
        cases=2,
        shingle_precision=1.0,
        shingle_recall=1.0,
        shingle_f1=1.0,
        paragraph_precision=1.0,
        paragraph_recall=1.0,
        no_loss_rate=1.0,
        clean_rate=1.0,
        related_cases=1,
        related_precision=0.98765,
        related_recall=1.0,
        related_field_accuracy=0.95,
        metadata_cases=1,
        metadata_accuracy=0.9,
    )
    proposal = update({}, {"corpus": measured, "aeb-html": _quality(0.9)})
    assert proposal.baseline["corpus"]["related_precision"] == 0.987
    assert proposal.baseline["corpus"]["metadata_accuracy"] == 0.9
    assert "related_recall" not in proposal.baseline["aeb-html"]  # no related truth there: no floor
    result = check({"aeb-html": {"related_recall": 0.9}}, {"aeb-html": _quality(0.9)})
    assert result.failures == (
        "aeb-html: related_recall is not measured (no case has its truth) but has a floor",
    )
    assert check({"corpus": {"related_recall": 0.9}}, {"corpus": measured}).passed
