"""The ``cleanpage`` command as a user runs it: outputs, exit codes, stdin, errors on one stderr line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cleanpage
from cleanpage import cli

PAGE = """\
Harbour Times
Home
News
Sport
Ferry service to resume on the north route after winter repairs
By Ada Quill, Staff Reporter
The harbour authority said on Monday that the north-route ferry will run again from the first week of \
April, after a winter of repairs to the landing stage at Gull Point.
Engineers replaced the timber piles that had rotted below the waterline and fitted a new ramp, which the \
authority says will let the boat load cars in half the time it took last year.
Photo: The new ramp at Gull Point. (Harbour Times)
Local traders welcomed the news. The owner of the bakery by the slipway said the winter had been the \
quietest she could remember, and that the spring timetable would make a real difference to her takings.
Listen to our podcast, Harbour Talk, on any app.
Share this article
Facebook
© 2025 Harbour Times. All rights reserved.
"""
COPYRIGHT = "© 2025 Harbour Times. All rights reserved."
CAPTION = "Photo: The new ramp at Gull Point. (Harbour Times)"
PODCAST = "Listen to our podcast, Harbour Talk, on any app."
BODY_STARTS = ("The harbour authority said", "Engineers replaced", "Local traders welcomed")

RULE_FILE = """\
[pack]
language = "en"

[[promo]]
id = "harbour.promo.podcast"
pattern = '(?i)^listen to our podcast\\b'
description = "The paper's podcast plug."
examples = ["Listen to our podcast on any app."]
counter_examples = ["Listen to the council debate on the radio tonight, the mayor urged residents."]
"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture
def rule_file(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.toml"
    path.write_text(RULE_FILE, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cleanpage: error: ")
    return lines[0]


# ------------------------------------------------------------------------------------------- clean


def test_clean_prints_the_library_paragraphs_one_a_line(
    capsys: pytest.CaptureFixture[str], page: Path
) -> None:
    code, out, err = run(capsys, "clean", str(page))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines == list(cleanpage.clean(PAGE.encode()).paragraphs)
    assert [any(line.startswith(s) for line in lines) for s in BODY_STARTS] == [True, True, True]
    assert COPYRIGHT not in lines
    assert "Share this article" not in lines


def test_an_html_fragment_prints_its_text_without_tags(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<body><p>The council voted on Tuesday.</p><p>The library opens late.</p></body>")
    code, out, err = run(capsys, "clean", str(path))
    assert (code, err) == (0, "")  # no "no article found" beside the article it prints
    assert out.splitlines() == ["The council voted on Tuesday.", "The library opens late."]


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz"])
def test_a_compressed_page_is_read_decompressed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    import bz2
    import gzip
    import lzma

    compress = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}[suffix]
    path = tmp_path / f"page.txt{suffix}"
    path.write_bytes(compress(PAGE.encode()))
    code, out, _ = run(capsys, "clean", str(path))
    assert code == 0
    assert out.splitlines() == list(cleanpage.clean(PAGE).paragraphs)
    code, _, err = run(capsys, "clean", "--max-bytes", "100", str(path))
    assert code == 1 and "once decompressed" in err


def test_warnings_are_notes_on_stderr_unless_quiet(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, err = run(capsys, "clean", "--language", "xx", str(page))
    assert code == 0 and out
    assert f"cleanpage: note: {page}: no rule pack for language 'xx'" in err
    code, out, err = run(capsys, "clean", "--language", "xx", "--quiet", str(page))
    assert code == 0 and out and err == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000", 1000),
        ("1k", 1024),
        ("64 MiB", 64 << 20),
        ("64MiB", 64 << 20),
        ("500kB", 500_000),
        ("2g", 2 << 30),
    ],
)
def test_max_bytes_takes_the_units_its_help_shows(text: str, expected: int) -> None:
    args = cli.build_parser().parse_args(["clean", "--max-bytes", text, "x.txt"])
    assert cli.config_from_args(args).max_bytes == expected


@pytest.mark.parametrize("text", ["64 parsecs", "-1k", "0", "k", "1e6"])
def test_max_bytes_refuses_what_is_no_size(capsys: pytest.CaptureFixture[str], text: str) -> None:
    assert cli.main(["clean", "--max-bytes", text, "x.txt"]) == 2
    assert "--max-bytes" in capsys.readouterr().err


def test_title_comes_first(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    title = cleanpage.clean(PAGE).title
    assert title == "Ferry service to resume on the north route after winter repairs"
    _, plain, _ = run(capsys, "clean", str(page))
    code, out, _ = run(capsys, "clean", "--title", str(page))
    assert code == 0
    assert out.splitlines() == [title, *plain.splitlines()]


def test_json_is_the_whole_result(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, _ = run(capsys, "clean", "--json", "--url", "https://example.org/ferry", str(page))
    assert code == 0
    data = json.loads(out)
    expected = cleanpage.clean(PAGE.encode(), url="https://example.org/ferry").to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["metadata"]["url"] == "https://example.org/ferry"
    assert any(r["text"] == COPYRIGHT and r["kind"] == "copyright" for r in data["removed"])


def test_explain_names_the_rule_of_a_removed_line(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, _ = run(capsys, "clean", "--explain", str(page))
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split() == ["LINE", "VERDICT", "KIND", "RULE", "SCORE", "TEXT", "REASONS"]
    verdicts = {v.line: v for v in cleanpage.clean(PAGE).lines}
    copyright_line = next(i for i, v in verdicts.items() if v.text == COPYRIGHT)
    row = next(r for r in rows if r.split()[:1] == [str(copyright_line + 1)])
    rule = verdicts[copyright_line].rule
    assert rule is not None and rule.startswith(("copyright.", "en.copyright."))
    assert row.split()[1:4] == ["removed", "copyright", rule]
    kept = [r for r in rows[1:-1] if r.split()[1] == "kept"]
    assert len(kept) == sum(v.kept for v in verdicts.values()) >= 3
    assert rows[-1].startswith(f"{len(kept)} of {len(verdicts)} lines kept")
    # columns line up: every row has its verdict at the header's VERDICT column
    column = rows[0].index("VERDICT")
    assert all(r[column:].split()[0] in {"kept", "removed", "title"} for r in rows[1:-1])


def test_explain_cuts_long_text_but_json_keeps_it(page: Path) -> None:
    result = cleanpage.clean(PAGE)
    table = cli.explain(result)
    long_line = next(v.text for v in result.lines if len(v.text) > cli.EXPLAIN_TEXT_WIDTH)
    assert long_line not in table
    assert long_line[: cli.EXPLAIN_TEXT_WIDTH - 1] + "…" in table
    assert all(len(row) <= 50 for row in cli.explain(result, width=50).splitlines())


def test_stdin_is_read_as_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, page: Path
) -> None:
    # cp1252 bytes: decoding is the library's job, not the command's
    data = PAGE.replace("Local traders", "Café owners and local traders").encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "clean", "-")
    assert code == 0, err
    assert out.splitlines() == list(cleanpage.clean(data).paragraphs)
    assert any(line.startswith("Café owners") for line in out.splitlines())


def test_options_map_to_config_fields(rule_file: Path) -> None:
    args = cli.build_parser().parse_args(
        [
            "clean",
            "x.txt",
            "--format",
            "text",
            "--language",
            "en",
            "--focus",
            "precision",
            "--rules",
            str(rule_file),
            "--disable",
            "en.share.buttons",
            "--disable",
            "separator.rule",
            "--keep",
            "caption",
            "--url",
            "https://example.org/a",
            "--max-bytes",
            "1000",
            "--time-budget",
            "2.5",
        ]
    )
    assert cli.config_from_args(args) == cleanpage.Config(
        format="text",
        language="en",
        focus="precision",
        rules=(str(rule_file),),
        disable=frozenset({"en.share.buttons", "separator.rule"}),
        keep=frozenset({"caption"}),
        url="https://example.org/a",
        max_bytes=1000,
        time_budget=2.5,
    )
    defaults = cli.config_from_args(cli.build_parser().parse_args(["clean", "x.txt"]))
    assert defaults == cleanpage.Config()


def test_keep_disable_and_rules_change_the_output(
    capsys: pytest.CaptureFixture[str], page: Path, rule_file: Path
) -> None:
    _, plain, _ = run(capsys, "clean", str(page))
    assert CAPTION not in plain.splitlines()
    _, kept, _ = run(capsys, "clean", "--keep", "caption", str(page))
    assert CAPTION in kept.splitlines()

    removed_by = {r.text: r.rule for r in cleanpage.clean(PAGE).removed}
    caption_rule = removed_by[CAPTION]
    _, disabled, _ = run(capsys, "clean", "--json", "--disable", caption_rule, str(page))
    assert caption_rule not in json.loads(disabled)["rule_counts"]

    assert PODCAST in plain.splitlines()  # no shipped rule knows this paper's podcast plug
    code, custom, _ = run(capsys, "clean", "--rules", str(rule_file), "--json", str(page))
    assert code == 0
    removed = {r["text"]: r["rule"] for r in json.loads(custom)["removed"]}
    assert removed[PODCAST] == "harbour.promo.podcast"


def test_focus_precision_never_keeps_more_than_recall(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    _, precise, _ = run(capsys, "clean", "--focus", "precision", str(page))
    _, recalled, _ = run(capsys, "clean", "--focus", "recall", str(page))
    assert set(precise.splitlines()) <= set(recalled.splitlines())


# ------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "argv",
    [
        ("clean", "no/such/page.txt"),
        ("clean", "--disable", "no.such.rule", "{page}"),
        ("clean", "--keep", "no-such-kind", "{page}"),
        ("clean", "--rules", "no/such/rules.toml", "{page}"),
        ("clean", "{dir}"),
        ("rules", "--kind", "no-such-kind"),
        ("rules", "--check", "no/such/rules.toml"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], page: Path, argv: tuple[str, ...]
) -> None:
    args = [a.format(page=page, dir=page.parent) for a in argv]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    one_error_line(err)


def test_bad_path_error_names_the_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "clean", "no/such/page.txt")
    assert code == 2
    assert "no/such/page.txt" in one_error_line(err)


def test_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    for argv in (
        ["clean"],
        ["clean", "--focus", "sharp", str(page)],
        ["clean", "--max-bytes", "-3", str(page)],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert err.splitlines()[-1].startswith("cleanpage clean: error: ")
    code, _, err = run(capsys)
    assert code == 2
    assert "COMMAND" in err


@pytest.mark.parametrize(
    ("data", "extra"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4, ()),
        (PAGE.encode(), ("--max-bytes", "100")),
    ],
    ids=["not-a-page", "too-large"],
)
def test_a_page_that_cannot_be_cleaned_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, extra: tuple[str, ...]
) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    code, out, err = run(capsys, "clean", *extra, str(path))
    assert code == 1
    assert out == ""
    assert str(path) in one_error_line(err)


def test_too_large_stdin_exits_1(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    code, _, err = run(capsys, "clean", "--max-bytes", "100", "-")
    assert code == 1
    assert "<stdin>" in one_error_line(err)


# ------------------------------------------------------------------------------------------- rules


def test_rules_lists_every_loaded_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split() == ["ID", "KIND", "SCOPE", "LANGUAGES", "DESCRIPTION"]
    ruleset = cleanpage.load_rules()
    assert [r.split()[0] for r in rows[1:-1]] == [r.id for r in (*ruleset.rules, *ruleset.dom)]
    assert rows[-1] == f"{len(ruleset) + len(ruleset.dom)} rule(s)"


def test_rules_filters_by_kind_and_language(capsys: pytest.CaptureFixture[str], rule_file: Path) -> None:
    _, out, _ = run(capsys, "rules", "--kind", "copyright", "--kind", "share")
    kinds = {row.split()[1] for row in out.splitlines()[1:-1]}
    assert kinds == {"copyright", "share"}
    _, out, err = run(capsys, "rules", "--language", "xx")
    languages = {row.split()[3] for row in out.splitlines()[1:-1]}
    assert languages == {"*"}
    assert "no rule pack for language 'xx'" in err
    _, out, _ = run(capsys, "rules", "--rules", str(rule_file), "--kind", "promo")
    assert "harbour.promo.podcast" in out


def test_rules_check_passes_a_good_file(capsys: pytest.CaptureFixture[str], rule_file: Path) -> None:
    code, out, _ = run(capsys, "rules", "--check", str(rule_file))
    assert code == 0
    assert out.startswith(f"ok {rule_file}: 1 rule(s), 2 example(s) passed")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("on any app.", "on any app."), None),
        (("Listen to our podcast on any app.", "Hear our podcast on any app."), "example does not match"),
        (
            ("Listen to the council debate", "Listen to our podcast about the council debate"),
            "counter-example",
        ),
        (("pattern = '(?i)^listen", "pattern = '(?i)^(listen"), "invalid regular expression"),
        (('id = "harbour.promo.podcast"', 'id = "en.share.buttons"'), "duplicate rule id"),
        (("[[promo]]", "[[promos]]"), "unknown kind"),
    ],
)
def test_rules_check_fails_a_bad_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: tuple[str, str], expected: str | None
) -> None:
    path = tmp_path / "rules.toml"
    assert change[0] in RULE_FILE
    path.write_text(RULE_FILE.replace(*change), encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--check", str(path))
    if expected is None:
        assert code == 0
        return
    assert code == 1
    assert "FAIL" in out
    assert expected in out


def test_rules_check_reports_every_problem_of_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        "[[promo]]\n"
        'id = "mine.bad-pattern"\npattern = "(unclosed"\n\n'
        "[[promo]]\n"
        'id = "en.share.buttons"\npattern = "^Share$"\nexamples = ["Share"]\n\n'
        "[[promo]]\n"
        'id = "mine.twice"\npattern = "^Buy now$"\nexamples = ["Buy now"]\n\n'
        "[[promo]]\n"
        'id = "mine.twice"\npattern = "^Buy it$"\n\n'
        "[[promo]]\n"
        'id = "mine.fails"\npattern = "^Subscribe$"\nexamples = ["Sign up"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "rules", "--check", str(path))
    assert code == 1
    fails = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 4, out
    assert "'mine.bad-pattern': invalid regular expression" in fails[0]
    assert "'mine.twice': duplicate rule id: this file has it twice" in out
    shipped = next(line for line in fails if "'en.share.buttons'" in line)
    assert f"{path}: rule 'en.share.buttons': duplicate rule id: the shipped rule in " in shipped
    assert "cleanpage/rules/packs/" in shipped
    assert "'mine.fails': example does not match" in out


def test_rules_check_reports_an_id_two_checked_files_share(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rule_file: Path
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(rule_file.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--check", str(rule_file), "--check", str(other))
    assert code == 1
    assert (
        f"FAIL {other}: rule 'harbour.promo.podcast': duplicate rule id: the rule in {rule_file} has it"
        in out
    )
    assert out.startswith(f"ok {rule_file}")


def test_several_paths_get_a_hint(capsys: pytest.CaptureFixture[str], page: Path, rule_file: Path) -> None:
    code, _, err = run(capsys, "clean", str(page), str(page))
    assert code == 2 and "cleanpage batch" in one_error_line(err)
    code, _, err = run(capsys, "rules", "--check", str(rule_file), str(rule_file))
    assert code == 2 and "--check once per file" in one_error_line(err)


def test_rules_check_notes_a_rule_without_examples(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[[promo]]\nid = "a.b"\npattern = "^Buy now$"\n', encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--check", str(path))
    assert code == 0
    assert "'a.b' has no examples" in out


PACKS = sorted((Path(cleanpage.__file__).parent / "rules" / "packs").glob("*.toml"))


@pytest.mark.parametrize("pack", PACKS, ids=[p.name for p in PACKS])
def test_shipped_packs_pass_rules_check(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, _ = run(capsys, "rules", "--check", str(pack))
    assert "FAIL" not in out
    assert code == 0


# ------------------------------------------------------------------------------------------- the command


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"cleanpage {cleanpage.__version__}"


@pytest.mark.parametrize("command", [[], ["clean"], ["rules"]])
def test_help_has_examples_and_exit_codes(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert "examples:" in out
    assert "exit codes:" in out


def test_bench_is_registered_when_present(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("cleanpage.bench.cli")
    code, out, _ = run(capsys, "bench", "--help")
    assert code == 0
    assert "usage: cleanpage bench" in out


def test_missing_plugin_is_absent_and_broken_plugin_says_why(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "cp_broken_plugin.py").write_text("import cp_no_such_dependency\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(
        cli,
        "PLUGIN_COMMANDS",
        (("ghost", "cleanpage.no_such_subsystem.cli", "absent"), ("broken", "cp_broken_plugin", "broken")),
    )
    code, _, err = run(capsys, "ghost")
    assert code == 2
    assert "invalid choice: 'ghost'" in err
    code, _, err = run(capsys, "broken", "x")
    assert code == 2
    assert "cp_no_such_dependency" in one_error_line(err)
    assert run(capsys, "clean", "--help")[0] == 0


def test_plugin_run_convention(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "cp_echo_plugin.py").write_text(
        textwrap.dedent(
            """
            def register(subparsers):
                parser = subparsers.add_parser("echo")
                parser.add_argument("word")
                return parser

            def run(args):
                print(args.word)
                return 1 if args.word == "fail" else 0
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli, "PLUGIN_COMMANDS", (("echo", "cp_echo_plugin", "echo"),))
    assert run(capsys, "echo", "hello")[:2] == (0, "hello\n")
    assert run(capsys, "echo", "fail")[:2] == (1, "fail\n")


def test_python_m_cleanpage_reads_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleanpage", "clean", "--title", "-"],
        input=PAGE.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = cleanpage.clean(PAGE)
    assert proc.stdout.decode().splitlines() == [result.title, *result.paragraphs]
    bad = subprocess.run(
        [sys.executable, "-m", "cleanpage", "clean", "no/such/page.txt"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert bad.stderr.decode().splitlines() == [
        "cleanpage: error: cannot read no/such/page.txt: No such file or directory"
    ]
