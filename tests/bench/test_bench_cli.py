"""The bench command end to end, on a small corpus, with a fake cleaner standing in for cleanpage."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cleanpage.bench import cli, peers
from cleanpage.bench.peers import Cleaned, Cleaner, PeerUnavailable

CRUFT = ("Menu", "Share", "Advertisement")


def fake_clean(page: str | bytes, fmt: str) -> Cleaned:
    """Drop lines that start with a cruft word; report every line's verdict like cleanpage does."""
    text = page.decode("utf-8") if isinstance(page, bytes) else page
    if fmt == "html":
        text = text.replace("<p>", "").replace("</p>", "\n")
    lines = []
    for i, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        cruft = line.startswith(CRUFT)
        lines.append(
            {
                "index": i,
                "text": line,
                "kept": not cruft,
                "kind": "nav" if cruft else "body",
                "rule": "fake.cruft-word" if cruft else None,
            }
        )
    return None, [str(x["text"]) for x in lines if x["kept"]], {"lines": lines, "format": fmt}


FAKE = Cleaner("fake", "9.9", fake_clean)


def write_case(root: Path, case_id: str, page: str, body: list[str], fmt: str = "text") -> None:
    ext = "txt" if fmt == "text" else "html"
    (root / f"{case_id}.{ext}").write_text(page, encoding="utf-8")
    truth = {"format": fmt, "title": None, "body": body}
    (root / f"{case_id}.json").write_text(json.dumps(truth), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    # perfect: the cleaner drops exactly the cruft
    write_case(
        root,
        "good",
        "Menu Home News\nThe council voted on Tuesday to close the bridge.\nShare this\n",
        ["The council voted on Tuesday to close the bridge."],
    )
    # worse: a body line starting with a cruft word is lost, a cruft line is kept
    write_case(
        root,
        "bad",
        "Sign up for our newsletter today please\nThe storm reached the coast at dawn on Friday.\n"
        "Menu items were served to the rescuers all night long.\n",
        [
            "The storm reached the coast at dawn on Friday.",
            "Menu items were served to the rescuers all night long.",
        ],
    )
    (root / "known-failures.toml").write_text('bad = "body line opens with a nav word"\n', encoding="utf-8")
    return root


def bench(argv: list[str], cleaner: Cleaner | None = FAKE) -> int:
    if "--compare" not in argv:
        argv = [*argv, "--compare", "none"]
    return cli.run(cli.build_parser().parse_args(argv), cleaner=cleaner)


class _Balance(HTMLParser):
    """Checks that every non-void element is closed in order."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "rect", "line", "circle", "polyline"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> with open {self.stack[-3:]}"
        self.stack.pop()


def test_prints_every_metric_worst_first_and_marks_known_failures(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench([str(corpus), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "suite corpus: 2 cases" in out
    for column in ("F1", "parP", "parR", "no-loss", "clean", "pages/s", "MB/s", "median ms"):
        assert column in out
    assert out.index("bad ") < out.index("good ")  # worst F1 first
    assert "KNOWN FAILURE: body line opens with a nav word" in out
    assert "fake" in out and "9.9" in out


def test_top_limits_the_case_rows(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench([str(corpus), "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "worst 1 of 2 cases" in out
    assert "\ngood " not in out


def test_case_ids_are_printed_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    long_id = "a-case-whose-id-is-longer-than-any-column-width-0123456789abcdef"
    write_case(root, long_id, "The council voted on Tuesday to close the bridge.\n", ["The council voted."])
    assert bench([str(root)]) == 0
    assert long_id in capsys.readouterr().out


def test_json_to_standard_output(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert bench([str(corpus), "--json", "-"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["suites"]["corpus"]["cleaners"]["fake"]["speed"]["pages"] == 2
    assert "== suite corpus" in err  # the tables move to standard error
    assert not (tmp_path / "-").exists()
    assert bench([str(corpus), "--json", "-", "--predictions", "-"]) == 2
    assert "standard output" in capsys.readouterr().err


def test_json_predictions_and_report_files(corpus: Path, tmp_path: Path) -> None:
    js, pred, rep = tmp_path / "out.json", tmp_path / "pred.json", tmp_path / "report.html"
    assert bench([str(corpus), "--json", str(js), "--predictions", str(pred), "--report", str(rep)]) == 0

    data = json.loads(js.read_text(encoding="utf-8"))
    suite = data["suites"]["corpus"]
    fake = suite["cleaners"]["fake"]
    assert fake["version"] == "9.9"
    assert fake["cases"]["good"]["shingle"]["f1"] == 1.0
    bad = fake["cases"]["bad"]
    assert bad["lost"] == ["Menu items were served to the rescuers all night long."]
    assert bad["outside"] == ["Sign up for our newsletter today please"]
    assert bad["known_failure"] == "body line opens with a nav word"
    assert fake["overall"]["no_loss_rate"] == 0.5
    assert fake["overall"]["clean_rate"] == 0.5
    assert fake["speed"]["pages"] == 2

    predictions = json.loads(pred.read_text(encoding="utf-8"))
    kept_cruft = "Sign up for our newsletter today please"
    assert predictions == {
        "bad": {"articleBody": f"{kept_cruft}\nThe storm reached the coast at dawn on Friday."},
        "good": {"articleBody": "The council voted on Tuesday to close the bridge."},
    }

    html = rep.read_text(encoding="utf-8")
    checker = _Balance()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    assert {"svg", "details", "table", "style"} <= checker.tags
    assert not any(name in ("src", "href") for name, _ in checker.attrs)  # nothing external
    assert "<link" not in html and "<script" not in html
    assert 'class="ln missed"' in html and 'class="ln wrong"' in html
    assert 'class="ln removed"' in html and 'class="ln kept"' in html
    assert "fake.cruft-word" in html
    assert "known failure: body line opens with a nav word" in html


def test_compare_runs_installed_peers_side_by_side(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[str] = []

    def peer_fn(page: str | bytes, fmt: str) -> Cleaned:
        seen.append(fmt)
        return None, [line for line in str(page).splitlines() if line], {}

    def missing() -> Cleaner:
        raise PeerUnavailable("goose3 is not installed (pip install goose3)")

    monkeypatch.setitem(peers.PEERS, "trafilatura", lambda: Cleaner("trafilatura", "1.2.3", peer_fn))
    monkeypatch.setitem(peers.PEERS, "goose3", missing)
    assert bench([str(corpus), "--compare", "trafilatura,goose3"]) == 0
    captured = capsys.readouterr()
    assert "skipping peer goose3: goose3 is not installed" in captured.err
    assert "trafilatura F1" in captured.out  # per-case column
    overall = captured.out[captured.out.index("overall") :]
    assert "trafilatura  1.2.3" in overall
    assert "fake/peer speed" in overall
    assert set(seen) == {"text"}


def test_trafilatura_runs_beside_by_default(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(peers.PEERS, "trafilatura", lambda: Cleaner("trafilatura", "7.7", fake_clean))
    assert cli.run(cli.build_parser().parse_args([str(corpus)]), cleaner=FAKE) == 0
    out = capsys.readouterr().out
    assert "trafilatura  7.7" in out
    assert cli.build_parser().parse_args([str(corpus), "--compare", "none"]).compare == "none"
    assert cli._peer_names("none") == []


def test_as_text_hands_text_to_the_cleaner(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    write_case(
        root,
        "h",
        "<html><body><p>Alpha beta gamma delta.</p></body></html>",
        ["Alpha beta gamma delta."],
        "html",
    )
    formats: list[str] = []

    def spy(page: str | bytes, fmt: str) -> Cleaned:
        formats.append(fmt)
        return None, [str(page)], {}

    out = tmp_path / "o.json"
    assert bench([str(root), "--as-text", "--json", str(out)], Cleaner("spy", "0", spy)) == 0
    assert set(formats) == {"text"}
    assert json.loads(out.read_text(encoding="utf-8"))["suites"]["corpus-text"]["cleaners"]["spy"]["overall"][
        "shingle_f1"
    ] == pytest.approx(1.0)


def test_gate_passes_and_fails_naming_the_figure(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"corpus": {"shingle_f1": 0.5, "no_loss_rate": 0.5}}), encoding="utf-8")
    assert bench([str(corpus), "--check", str(baseline)]) == 0
    assert "gate passed: 2 figure(s)" in capsys.readouterr().out

    baseline.write_text(json.dumps({"corpus": {"shingle_f1": 0.99, "no_loss_rate": 0.9}}), encoding="utf-8")
    assert bench([str(corpus), "--check", str(baseline)]) == 1
    err = capsys.readouterr().err
    assert "gate failed: corpus: shingle_f1" in err
    assert "gate failed: corpus: no_loss_rate 0.5000 is below its floor 0.900" in err


def test_suite_name_selects_the_floors(corpus: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps({"corpus": {"shingle_f1": 0.99}, "mine": {"shingle_f1": 0.1}}), encoding="utf-8"
    )
    assert bench([str(corpus), "--check", str(baseline)]) == 1
    assert bench([str(corpus), "--check", str(baseline), "--suite", "mine"]) == 0


def test_update_baseline_raises_and_refuses_to_lower(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    assert bench([str(corpus), "--update-baseline", str(baseline)]) == 0
    floors = json.loads(baseline.read_text(encoding="utf-8"))["corpus"]
    assert floors["no_loss_rate"] == 0.5
    assert 0.5 < floors["shingle_f1"] < 1.0
    assert floors["shingle_f1"] == int(floors["shingle_f1"] * 1000) / 1000

    high = {"corpus": {"shingle_f1": 0.999, "no_loss_rate": 0.5}}
    baseline.write_text(json.dumps(high), encoding="utf-8")
    capsys.readouterr()
    assert bench([str(corpus), "--update-baseline", str(baseline)]) == 1
    assert "refusing to lower a floor: corpus: shingle_f1 0.999" in capsys.readouterr().err
    assert json.loads(baseline.read_text(encoding="utf-8")) == high

    assert bench([str(corpus), "--update-baseline", str(baseline), "--allow-lower"]) == 0
    assert "CHANGELOG.md must say why" in capsys.readouterr().out
    assert json.loads(baseline.read_text(encoding="utf-8"))["corpus"]["shingle_f1"] == floors["shingle_f1"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{tmp}/missing"], "no such file or folder"),
        (["{corpus}", "--compare", "nosuchpeer"], "unknown peer(s) nosuchpeer"),
        (["{corpus}", "--check", "{tmp}/none.json"], "no such baseline file"),
        (["{corpus}", "--allow-lower"], "--allow-lower only goes with --update-baseline"),
        (["{corpus}", "{corpus}"], "same suite name corpus"),
        (["{corpus}", "--top", "-1"], "--top"),
        (["{corpus}", "--json", "{tmp}/no/dir/out.json"], "cannot write JSON"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], message: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(tmp=tmp_path, corpus=corpus) for a in argv]
    assert bench(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("cleanpage bench: error:")


def test_no_cleanpage_without_peers_is_a_usage_error(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench([str(corpus), "--no-cleanpage"], cleaner=None) == 2
    assert "nothing to run" in capsys.readouterr().err


def test_register_adds_the_bench_subcommand(corpus: Path) -> None:
    parser = argparse.ArgumentParser(prog="cleanpage")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["bench", str(corpus), "--top", "3", "--compare", "justext", "--as-text"])
    assert args.func is cli.run
    assert (args.paths, args.top, args.compare, args.as_text) == ([corpus], 3, "justext", True)


def test_default_corpus_is_beside_the_package() -> None:
    import cleanpage

    assert cli.default_corpus() == Path(cleanpage.__file__).resolve().parent.parent / "corpus"


def test_importing_the_bench_cli_loads_no_peer() -> None:
    code = (
        "import sys, cleanpage; before = set(sys.modules); import cleanpage.bench.cli; "
        "heavy = {'justext', 'goose3', 'newspaper', 'boilerpy3', 'readability', 'resiliparse', "
        "'tqdm', 'bs4'}; "
        "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] in heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_module_entry_point_reports_usage_errors(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleanpage.bench", str(tmp_path / "absent")], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("cleanpage bench: error:")


def test_cleaner_errors_are_scored_as_empty_and_noted(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(page: str | bytes, fmt: str) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setitem(peers.PEERS, "trafilatura", lambda: Cleaner("trafilatura", "1", fake_clean))
    assert bench([str(corpus), "--compare", "trafilatura"], Cleaner("broken", "0", broken)) == 0
    captured = capsys.readouterr()
    trafilatura_row = next(line for line in captured.out.splitlines() if line.startswith("trafilatura "))
    assert not trafilatura_row.endswith("x")  # no speed ratio against a cleaner that never ran
    assert "broken raised on 2 of 2 pages" in captured.err
    assert "error: RuntimeError: boom" in captured.out


def test_repeat_cleans_the_suite_again_and_says_so(corpus: Path, tmp_path: Path) -> None:
    calls: list[str] = []

    def counting(page: str | bytes, fmt: str) -> Cleaned:
        calls.append(str(page)[:4])
        return fake_clean(page, fmt)

    js = tmp_path / "out.json"
    argv = [str(corpus), "--quiet", "--repeat", "3", "--json", str(js)]
    assert bench(argv, Cleaner("fake", "9.9", counting)) == 0
    assert len(calls) == 3 * (1 + 2)  # each run: one warm-up call and the two pages
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["repeat"] == 3
    assert data["suites"]["corpus"]["cleaners"]["fake"]["speed"]["pages"] == 2


def test_repeat_must_be_positive(corpus: Path) -> None:
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args([str(corpus), "--repeat", "0"])


def test_cleanpage_is_scored_on_related_entries_and_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    body = [
        "The Westmoor harbour council voted seven to two on Tuesday to build a new ferry terminal.",
        "The terminal will replace a building from 1962 that no longer meets safety rules, the council said.",
        "Construction is expected to begin next spring and to take about two years, officials said.",
    ]
    lines = [
        *body,
        "© 2025 Harbor Ledger L.P. All rights reserved.",
        "Most read",
        "Ferry fares rise by a fifth",
        "Bridge repairs delayed to May",
    ]
    (root / "case.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    truth = {
        "format": "text",
        "body": body,
        "related": [
            {"source": None, "age": None, "headline": "Ferry fares rise by a fifth", "blurb": None},
            {"source": None, "age": None, "headline": "Bridge repairs delayed", "blurb": None},
        ],
        "metadata": {"copyright_holder": "Harbor Ledger L.P.", "copyright_year": 2025},
    }
    (root / "case.json").write_text(json.dumps(truth), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"corpus": {"related_recall": 0.6}}), encoding="utf-8")
    js = tmp_path / "out.json"
    assert bench([str(root), "--json", str(js), "--check", str(baseline)], cleaner=None) == 1
    out = capsys.readouterr()
    assert "related_recall 0.5000 is below its floor 0.600" in out.err
    assert "relP" in out.out and "1/2+1" in out.out and "2/2" in out.out  # one of two found, one extra
    overall = json.loads(js.read_text(encoding="utf-8"))["suites"]["corpus"]["cleaners"]["cleanpage"][
        "overall"
    ]
    assert (overall["related_precision"], overall["related_recall"], overall["metadata_accuracy"]) == (
        0.5,
        0.5,
        1.0,
    )
