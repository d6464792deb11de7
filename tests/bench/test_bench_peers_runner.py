"""Peer wrappers (the helpers, and real peers where installed) and the runner's timing and scoring."""

from __future__ import annotations

import importlib.util
import time
from typing import Any

import pytest

from cleanpage.bench.corpus import Case, Suite
from cleanpage.bench.peers import PEERS, Cleaned, Cleaner, html_blocks, page_text, split_lines, text_as_html
from cleanpage.bench.runner import clean_one, predictions, run_cleaner, run_suite, suite_to_dict

ARTICLE = (
    "<html><head><title>Site | Story</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Storm hits the coast</h1>"
    + "".join(
        f"<p>Paragraph {i}: the storm reached the northern coast early on Friday morning, and officials "
        f"said that thousands of homes were left without power while crews worked through the night to "
        f"bring the lines back, and they expect most of the region to have it again by the weekend.</p>"
        for i in range(6)
    )
    + "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
)


def _case(case_id: str, page: str, body: list[str], fmt: str = "text") -> Case:
    return Case(
        id=case_id,
        format="text" if fmt == "text" else "html",
        page=page,
        body=tuple(body),
        truth_text="\n".join(body),
        size_bytes=len(page.encode()),
    )


def test_text_as_html_wraps_each_line_in_an_escaped_paragraph() -> None:
    doc = text_as_html("Tom & Jerry <live>\n\n  second line  \n")
    assert "<p>Tom &amp; Jerry &lt;live&gt;</p>\n<p>second line</p>\n" in doc
    assert doc.startswith("<!DOCTYPE html>") and doc.count("<p>") == 2


def test_split_lines_and_page_text() -> None:
    assert split_lines(" a \n\n b\n") == ["a", "b"]
    assert split_lines(None) == []
    assert page_text("déjà") == "déjà"
    french = "<meta charset='windows-1252'><p>Le café était déjà fermé après la fête.</p>"
    assert page_text(french.encode("cp1252")) == french
    assert page_text(french.encode("utf-8")) == french


def test_html_blocks_breaks_at_block_elements() -> None:
    markup = "<div><h2>Title</h2><p>One <b>bold</b> word.</p><ul><li>a</li><li>b</li></ul>tail</div>"
    assert html_blocks(markup) == ["Title", "One bold word.", "a", "b", "tail"]
    assert html_blocks("  ") == []


def test_trafilatura_peer_on_html_and_text() -> None:
    peer = PEERS["trafilatura"]()
    assert peer.name == "trafilatura" and peer.version[0].isdigit()
    title, paragraphs, _ = peer.fn(ARTICLE, "html")
    assert title is None
    assert any(p.startswith("Paragraph 3: the storm") for p in paragraphs)
    assert not any("Copyright" in p for p in paragraphs)
    text = "\n".join(["Home", *(f"Line {i} of a long enough sentence about the storm." for i in range(3))])
    _, from_text, _ = peer.fn(text, "text")
    assert "Line 1 of a long enough sentence about the storm." in from_text


@pytest.mark.parametrize("name", sorted(PEERS))
def test_every_installed_peer_finds_the_article(name: str) -> None:
    module = {"newspaper4k": "newspaper", "trafilatura-precision": "trafilatura", "dump": "bs4"}.get(
        name, name
    )
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{name} is not installed")
    peer = PEERS[name]()
    _, paragraphs, _ = peer.fn(ARTICLE, "html")
    joined = "\n".join(paragraphs)
    assert "Paragraph 4: the storm reached the northern coast" in joined


def test_runner_warms_up_untimed_and_scores_each_case() -> None:
    calls: list[str] = []

    def fn(page: str | bytes, fmt: str) -> Cleaned:
        calls.append(str(page))
        return "T", [line for line in str(page).splitlines() if not line.startswith("Ad")], {}

    cases = [
        _case("one", "Ad here\nFirst body sentence is here.", ["First body sentence is here."]),
        _case("two", "Second body sentence is here.", ["Second body sentence is here."]),
    ]
    run = run_cleaner(Cleaner("c", "1", fn), cases)
    assert len(calls) == 3  # one warm-up call + one per case
    assert [o.case.id for o in run.outcomes] == ["one", "two"]
    assert all(o.seconds > 0 for o in run.outcomes)
    assert run.quality.shingle_f1 == 1.0
    assert run.speed.pages == 2
    assert run.speed.megabytes == pytest.approx(sum(c.size_bytes for c in cases) / 1e6)


def test_clean_one_records_an_exception_as_empty_output() -> None:
    def fn(page: str | bytes, fmt: str) -> Cleaned:
        raise ValueError("nope")

    outcome = clean_one(
        Cleaner("x", "0", fn), _case("a", "Body text of the page.", ["Body text of the page."])
    )
    assert outcome.error == "ValueError: nope"
    assert outcome.paragraphs == ()
    assert outcome.score.shingle.fn == 2 and outcome.score.lost


def test_suite_run_data_and_predictions() -> None:
    from pathlib import Path

    cases = (_case("a", "Alpha beta gamma delta.", ["Alpha beta gamma delta."]),)
    suite = Suite("s", Path("."), "cases", False, cases, {"a": "why"})
    main = Cleaner("main", "1", lambda p, f: (None, [str(p)], {}))
    peer = Cleaner("peer", "2", lambda p, f: (None, [], {}))
    result = run_suite(suite, [main, peer])
    assert result.main.name == "main"
    data = suite_to_dict(result)
    assert data["cleaners"]["peer"]["overall"]["shingle_recall"] == 0.0
    assert data["cleaners"]["main"]["cases"]["a"]["known_failure"] == "why"
    ratio = data["cleaners"]["peer"]["speed"]["speed_ratio_main_over_this"]
    assert ratio is None or ratio > 0
    assert predictions([result]) == {"a": {"articleBody": "Alpha beta gamma delta."}}
    assert predictions([result, result]) == {"s:a": {"articleBody": "Alpha beta gamma delta."}}


def test_cleaners_take_turns_of_consecutive_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from cleanpage.bench import runner

    calls: list[tuple[str, str]] = []

    def cleaner(name: str) -> Cleaner:
        def fn(page: str | bytes, fmt: str) -> Cleaned:
            calls.append((name, str(page)[:5]))
            return None, [str(page)], {}

        return Cleaner(name, "1", fn)

    monkeypatch.setattr(runner, "TURN_PAGES", 2)
    cases = (
        _case("a", "Alpha beta gamma delta.", ["Alpha beta gamma delta."]),
        _case("b", "Bravo delta echo foxtrot.", ["Bravo delta echo foxtrot."]),
        _case("c", "Charlie echo golf hotel.", ["Charlie echo golf hotel."]),
    )
    result = run_suite(Suite("s", Path("."), "cases", False, cases, {}), [cleaner("x"), cleaner("y")])
    warm_ups = [("x", "Alpha"), ("y", "Alpha")]
    first_turns = [("x", "Alpha"), ("x", "Bravo"), ("y", "Alpha"), ("y", "Bravo")]
    assert calls == [*warm_ups, *first_turns, ("x", "Charl"), ("y", "Charl")]
    assert [o.case.id for o in result.runs[1].outcomes] == ["a", "b", "c"]


def test_extra_data_is_gathered_after_each_turn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from cleanpage.bench import runner

    events: list[str] = []

    def fn(page: str | bytes, fmt: str) -> Cleaned:
        events.append("clean " + str(page)[:1])
        return None, [str(page)], lambda: events.append("explain " + str(page)[:1]) or {"page": str(page)[:1]}

    monkeypatch.setattr(runner, "TURN_PAGES", 2)
    cases = (
        _case("a", "Alpha beta gamma delta.", ["Alpha beta gamma delta."]),
        _case("b", "Bravo delta echo foxtrot.", ["Bravo delta echo foxtrot."]),
    )
    result = run_suite(Suite("s", Path("."), "cases", False, cases, {}), [Cleaner("x", "1", fn)])
    assert events == [
        "clean A",
        "clean A",
        "clean B",
        "explain A",
        "explain B",
    ]  # warm-up, turn, extras
    assert [o.extra for o in result.main.outcomes] == [{"page": "A"}, {"page": "B"}]


def test_what_the_bench_keeps_is_hidden_from_the_collector_during_later_turns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    from pathlib import Path

    from cleanpage.bench import runner

    frozen: list[int] = []

    def fn(page: str | bytes, fmt: str) -> Cleaned:
        frozen.append(gc.get_freeze_count())
        return None, [str(page)], {}

    monkeypatch.setattr(runner, "TURN_PAGES", 1)
    cases = (
        _case("a", "Alpha beta gamma delta.", ["Alpha beta gamma delta."]),
        _case("b", "Bravo delta echo foxtrot.", ["Bravo delta echo foxtrot."]),
    )
    run_suite(Suite("s", Path("."), "cases", False, cases, {}), [Cleaner("x", "1", fn)])
    assert frozen[1] == 0 and frozen[2] > 0  # the second turn sees the first one's output frozen
    assert gc.get_freeze_count() == 0  # and everything is given back to the collector afterwards


def test_pages_are_scored_only_after_every_timed_call(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    from cleanpage.bench import runner

    events: list[str] = []
    real_score = runner.score_case

    def recording_score(*args: Any, **kwargs: Any) -> Any:
        events.append("score")
        return real_score(*args, **kwargs)

    def fn(page: str | bytes, fmt: str) -> Cleaned:
        events.append("clean")
        return None, [str(page)], {}

    monkeypatch.setattr(runner, "score_case", recording_score)
    cases = (
        _case("a", "Alpha beta gamma delta.", ["Alpha beta gamma delta."]),
        _case("b", "Bravo delta echo foxtrot.", ["Bravo delta echo foxtrot."]),
    )
    result = run_suite(Suite("s", Path("."), "cases", False, cases, {}), [Cleaner("x", "1", fn)])
    assert events == ["clean"] * 3 + ["score"] * 2  # warm-up and two timed calls, then the scoring
    assert [o.score.shingle.f1 for o in result.main.outcomes] == [1.0, 1.0]


def test_extra_data_given_as_a_function_is_gathered_after_the_timed_call() -> None:
    gathered: list[str] = []

    def fn(page: str | bytes, fmt: str) -> Cleaned:
        def extra() -> dict[str, Any]:
            time.sleep(0.3)  # explaining is slow: it must not be billed to the cleaner
            gathered.append("now")
            return {"lines": [{"index": 0, "text": str(page), "kept": True, "kind": "body", "rule": None}]}

        return None, [str(page)], extra

    case = _case("a", "Body text of the page.", ["Body text of the page."])
    outcome = clean_one(Cleaner("f", "1", fn), case)
    assert gathered == ["now"]
    assert outcome.extra["lines"][0]["kept"] is True
    assert outcome.seconds < 0.25


def test_combined_runs_keep_the_first_outputs_and_each_pages_median_time() -> None:
    import statistics
    from pathlib import Path

    from cleanpage.bench.runner import combine

    delays = iter([0.0, 0.03, 0.0, 0.0, 0.01, 0.0, 0.0, 0.02, 0.0])  # per run: warm-up, page a, page b

    def fn(page: str | bytes, fmt: str) -> Cleaned:
        time.sleep(next(delays))
        return None, [str(page)], {}

    cases = (
        _case("a", "Alpha beta gamma delta.", ["Alpha beta gamma delta."]),
        _case("b", "Bravo delta echo foxtrot.", ["Bravo delta echo foxtrot."]),
    )
    suite = Suite("s", Path("."), "cases", False, cases, {})
    runs = [run_suite(suite, [Cleaner("x", "1", fn)]) for _ in range(3)]
    merged = combine(runs).main
    times_a = [run.main.outcomes[0].seconds for run in runs]
    assert merged.outcomes[0].seconds == statistics.median(times_a)
    assert 0.02 <= merged.outcomes[0].seconds < max(times_a)  # the slow run's 0.03 s does not count
    assert merged.speed.seconds == pytest.approx(sum(o.seconds for o in merged.outcomes))
    assert merged.outcomes[1].paragraphs == runs[0].main.outcomes[1].paragraphs
    assert combine(runs[:1]) is runs[0]
