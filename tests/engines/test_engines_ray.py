"""The Ray Data path: a real local cluster of two workers cleans a dataset exactly as clean_many does."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "batch"))
from batch_pages import page, records

import cleanpage
from cleanpage import Config, Result
from cleanpage.batch import Failure
from cleanpage.batch.records import failure_record, result_record

ray = pytest.importorskip("ray", reason="ray is not installed: pip install 'cleanpage[ray]'")


@pytest.fixture(scope="session")
def cluster() -> Iterator[None]:
    """One local Ray cluster with two worker CPUs for the whole test session."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


def _expected(items: list[dict[str, Any]], config: Config | None = None) -> list[dict[str, Any]]:
    rows = []
    for item, outcome in zip(items, cleanpage.clean_many(items, workers=2, config=config), strict=True):
        if isinstance(outcome, Failure):
            rows.append(failure_record(outcome))
        else:
            assert isinstance(outcome, Result)
            rows.append(result_record(outcome, item.get("id"), item.get("url")))
    return rows


def test_clean_dataset_equals_clean_many(cluster: None) -> None:
    from cleanpage.engines.ray import clean_dataset

    items = [*records(10), {"id": "broken", "url": None, "html": "x " * 3000}]
    items = [{**item, "source": "crawl-7"} for item in items]
    config = Config(max_bytes=5000)
    ds = ray.data.from_items(items, override_num_blocks=4)
    rows = clean_dataset(ds, column="html", config=config, workers=2, batch_size=3).take_all()
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    assert all(r["source"] == "crawl-7" and "html" not in r for r in rows)  # other columns kept, page dropped
    expected = _expected(items, config)
    for row, want in zip(rows, expected, strict=True):
        assert {k: row.get(k) for k in want} == want
    assert rows[-1]["error"]["kind"] == "InputTooLargeError"
    assert rows[0]["text"] == cleanpage.clean(page(0)).text
