"""clean_many: one outcome per input, in input order, equal to clean(); failures in place; bounded reading."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from batch_pages import page, records

import cleanpage
from cleanpage import Cleaner, Config, ConfigError, Result
from cleanpage.batch import Failure
from cleanpage.batch.pool import MAX_CHUNK_PAGES


def _texts(outcomes: list[Result | Failure]) -> list[str | None]:
    return [o.text if isinstance(o, Result) else None for o in outcomes]


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_equal_clean_in_input_order(workers: int) -> None:
    pages = [page(i) for i in range(30)]
    # Small chunks and a small window: many chunks finish out of order inside the pool.
    out = list(cleanpage.clean_many(pages, workers=workers, chunk_bytes=600, max_in_flight=3))
    assert _texts(out) == [cleanpage.clean(p).text for p in pages]
    assert all("volunteers" in t for t in _texts(out) if t is not None)
    assert all(f"number {i}" in (o.title or "") for i, o in enumerate(out) if isinstance(o, Result))


def test_one_bad_page_among_good_ones_is_one_failure_in_its_place() -> None:
    big = "x " * 5000
    items: list[object] = [page(0), {"id": "no-page"}, page(2), big, 42, page(5)]
    out = list(cleanpage.clean_many(items, workers=2, config=Config(max_bytes=4000)))
    assert len(out) == len(items)
    assert [type(o).__name__ for o in out] == ["Result", "Failure", "Result", "Failure", "Failure", "Result"]
    missing, too_large, not_a_page = out[1], out[3], out[4]
    assert isinstance(missing, Failure) and missing.kind == "MissingField" and missing.id == "no-page"
    assert isinstance(too_large, Failure) and too_large.kind == "InputTooLargeError" and too_large.index == 3
    assert "max_bytes=4000" in too_large.message
    assert isinstance(not_a_page, Failure) and not_a_page.kind == "TypeError"
    assert _texts(out)[5] == cleanpage.clean(page(5)).text


def test_mappings_carry_their_id_and_url_into_the_result() -> None:
    items = records(3)
    out = list(cleanpage.clean_many(items, workers=1))
    assert [o.metadata.url for o in out if isinstance(o, Result)] == [r["url"] for r in items]
    named = list(cleanpage.clean_many([{"body": page(1), "key": 9}], workers=1, field="body", id_field="key"))
    assert isinstance(named[0], Result) and named[0].text == cleanpage.clean(page(1)).text
    failed = list(cleanpage.clean_many([{"key": 9}], workers=1, field="body", id_field="key"))
    assert isinstance(failed[0], Failure) and failed[0].id == "9"


def test_config_applies_in_the_workers() -> None:
    pages = [page(i) for i in range(1, 8, 2)]  # HTML pages, read as text dumps by format="text"
    config = Config(format="text")
    out = list(cleanpage.clean_many(pages, workers=2, config=config))
    assert _texts(out) == [cleanpage.clean(p, config).text for p in pages]
    assert _texts(out) != [cleanpage.clean(p).text for p in pages]


def test_keywords_override_config_fields_as_in_clean() -> None:
    pages = [page(i) for i in range(4)]
    out = list(cleanpage.clean_many(pages, workers=1, focus="precision", keep={"copyright"}))
    assert _texts(out) == [cleanpage.clean(p, focus="precision", keep={"copyright"}).text for p in pages]
    with pytest.raises(ConfigError, match="unknown option"):
        cleanpage.clean_many(pages, workers=1, focs="precision")


def test_a_page_field_that_is_not_a_string_says_so() -> None:
    (failure,) = list(cleanpage.clean_many([{"id": "n", "html": 123}], workers=1))
    assert isinstance(failure, Failure)
    assert failure.kind == "BadField" and "field html is not a string" in failure.message


def test_input_is_read_only_as_far_as_the_window_reaches() -> None:
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        while True:
            pulled += 1
            yield page(pulled)

    outcomes = cleanpage.clean_many(endless(), workers=2, max_in_flight=2)
    first = [next(outcomes) for _ in range(5)]
    outcomes.close()  # type: ignore[attr-defined]
    assert all(isinstance(o, Result) for o in first)
    # Two chunks in flight, plus the one being handed out: never the whole (endless) input.
    assert pulled <= 4 * MAX_CHUNK_PAGES


def test_a_worker_that_dies_fails_only_its_page(monkeypatch: pytest.MonkeyPatch) -> None:
    real_clean = Cleaner.clean

    def crash_on_marker(self: Cleaner, text: str | bytes) -> Result:
        if isinstance(text, str) and text.startswith("CRASH"):
            os._exit(3)  # as a segfault or the OOM killer would end the worker
        return real_clean(self, text)

    monkeypatch.setattr(Cleaner, "clean", crash_on_marker)  # inherited by forked workers
    items = [page(0), page(1), "CRASH this worker", page(3), page(4)]
    out = list(cleanpage.clean_many(items, workers=2, chunk_bytes=1, start_method="fork"))
    assert [type(o).__name__ for o in out] == ["Result", "Result", "Failure", "Result", "Result"]
    crashed = out[2]
    assert isinstance(crashed, Failure) and crashed.kind == "WorkerCrash" and crashed.index == 2
    assert _texts(out)[3] == real_clean(Cleaner(), page(3)).text


def test_bad_arguments_raise_at_the_call() -> None:
    with pytest.raises(ValueError, match="workers"):
        cleanpage.clean_many([page(0)], workers=0)
    with pytest.raises(ConfigError):
        cleanpage.clean_many([page(0)], config=Config(keep=frozenset({"no-such-kind"})))


def test_failure_is_a_frozen_value() -> None:
    failure = Failure("NotAPageError", "binary input", "doc-1", None, 4)
    with pytest.raises(AttributeError):
        failure.kind = "other"  # type: ignore[misc]
    assert failure.to_dict() == {
        "kind": "NotAPageError",
        "message": "binary input",
        "id": "doc-1",
        "url": None,
        "index": 4,
    }
