"""The quality gate: the bench figures on the bundled corpus, the AEB pages and the WCXB development
pages stay at their floors or above (on the corpus also its related entries' precision, recall and field
accuracy, and its metadata accuracy).

The floors live in tests/quality/baseline.json and only go up (`cleanpage bench --update-baseline`; lowering
one takes `--allow-lower` and a CHANGELOG line saying why). The AEB pages are read from ../shared beside the
project, which CI has and a user's machine does not: those suites skip there, with the reason. The WCXB
suites pin the benchmark's own figures (word F1, pages kept, boilerplate kept out).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanpage.bench.cli import main as bench

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "quality" / "baseline.json"
AEB = ROOT.parent / "shared" / "benchmarks" / "aeb"
WCXB = ROOT.parent / "shared" / "benchmarks" / "wcxb-dev"

#: Each suite: its folder, whether its pages are cleaned as text dumps, and the page types scored (WCXB only;
#: as HTML, the articles and the pages of entries, collections and listings, so CI stays within its time).
SUITES: dict[str, tuple[Path, bool, str | None]] = {
    "corpus": (ROOT / "corpus", False, None),
    "aeb-html": (AEB, False, None),
    "aeb-text": (AEB, True, None),
    "wcxb-dev-text": (WCXB, True, None),
    "wcxb-dev-html-article": (WCXB, False, "article"),
    "wcxb-dev-html-entries": (WCXB, False, "collection,listing"),
}


def test_every_suite_of_the_baseline_is_run_here() -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert set(floors) == set(SUITES)
    assert all(floors[name] for name in floors), "every suite pins at least one figure"


def test_the_corpus_pins_its_related_entries_and_metadata() -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["corpus"]
    pinned = {"related_precision", "related_recall", "related_field_accuracy", "metadata_accuracy"}
    assert pinned <= set(floors)
    assert all(floors[name] >= 0.95 for name in pinned)


@pytest.mark.parametrize("suite", sorted(SUITES))
def test_suite_is_at_or_above_its_floors(suite: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, as_text, types = SUITES[suite]
    if not path.exists():
        pytest.skip(f"{path} is not here (the benchmark pages live in ../shared, which CI provides)")
    args = [
        str(path),
        "--compare",
        "none",
        "--quiet",
        "--top",
        "0",
        "--suite",
        suite,
        "--check",
        str(BASELINE),
    ]
    if types:
        args += ["--type", types]
    code = bench([*args, "--as-text"] if as_text else args)
    out = capsys.readouterr()
    assert code == 0, f"{suite} fell below a floor:\n{out.out[-3000:]}\n{out.err[-2000:]}"
