"""The documentation tells the truth: every code example runs, every shown output is what the command prints.

Python blocks of one page run in order in one namespace (a page reads as one session), from the repository
root. ``console`` blocks run their ``$ cleanpage ...`` commands and compare the lines shown under them with
the real output (``...`` alone on a line stands for any lines, inside a line for any text). ``sh`` blocks
run the ``cleanpage`` step of a command chain. A block is skipped only when its first line is the marker
``# docs-test: skip: <reason>``.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import cleanpage
from cleanpage import cli
from cleanpage.normalize import normalize_line
from cleanpage.rules import KINDS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted([*DOCS.glob("*.md"), ROOT / "README.md"])
SKIP = re.compile(r"^#\s*docs-test:\s*skip:?\s*(.*)$")
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    """One fenced code block: its page, its first line number and language, and its text."""

    page: Path
    line: int
    lang: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    def skip_reason(self) -> str | None:
        first = self.code.splitlines()[0] if self.code else ""
        match = SKIP.match(first.strip())
        if match is None:
            return None
        assert match.group(1).strip(), f"{self.where}: a skip marker needs a reason"
        return match.group(1).strip()


def blocks(page: Path, *langs: str) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    return [
        Block(page, text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2))
        for m in FENCE.finditer(text)
        if m.group(1) in langs
    ]


def _id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# ---------------------------------------------------------------------------------------- python


PY_PAGES = [p for p in PAGES if blocks(p, "python")]


@pytest.mark.parametrize("page", PY_PAGES, ids=[_id(p) for p in PY_PAGES])
def test_python_examples_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks(page, "python"):
        if block.skip_reason():
            continue
        try:
            exec(compile(block.code, block.where, "exec"), namespace)
        except Exception as exc:
            pytest.fail(f"{block.where}: the example raised {type(exc).__name__}: {exc}")
    capsys.readouterr()


# ---------------------------------------------------------------------------------------- console


@dataclass(frozen=True)
class Command:
    block: Block
    argv: tuple[str, ...]
    stdin: bytes | None
    shown: tuple[str, ...]


def _cleanpage_argv(words: list[str]) -> tuple[list[str], bytes | None] | None:
    """The cleanpage arguments of a shell command (and the stdin of ``cat FILE |``); None if not cleanpage."""
    stdin = None
    if len(words) > 3 and words[0] == "cat" and words[2] == "|":
        stdin = (ROOT / words[1]).read_bytes()
        words = words[3:]
    if not words or Path(words[0]).name != "cleanpage":
        return None
    if any(w in {"|", ">", "<", "&&", ";"} for w in words):
        return None
    return words[1:], stdin


def commands() -> Iterator[Command]:
    for page in PAGES:
        for block in blocks(page, "console", "sh"):
            if block.skip_reason():
                continue
            lines = block.code.splitlines()
            for i, line in enumerate(lines):
                if block.lang == "console":
                    if not line.startswith("$ "):
                        continue
                    steps = [line[2:]]
                    shown = []
                    for later in lines[i + 1 :]:
                        if later.startswith("$ "):
                            break
                        shown.append(later)
                else:
                    steps = [s for s in line.split("&&") if s.strip()]
                    shown = []
                for step in steps:
                    parsed = _cleanpage_argv(shlex.split(step))
                    if parsed is not None:
                        yield Command(block, tuple(parsed[0]), parsed[1], tuple(shown))


COMMANDS = list(commands())


def _fold(line: str) -> str:
    return " ".join(line.split())


def _line_matches(shown: str, actual: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in _fold(shown).split("..."))
    return re.fullmatch(pattern, _fold(actual)) is not None


def shown_matches(shown: tuple[str, ...], actual: list[str]) -> bool:
    """Whether the shown lines are the actual output, where a line ``...`` stands for any lines."""
    position = 0
    gap = False
    for line in shown:
        if line.strip() == "...":
            gap = True
            continue
        while position < len(actual) and not _line_matches(line, actual[position]):
            if not gap:
                return False
            position += 1
        if position == len(actual):
            return False
        position += 1
        gap = False
    return gap or position == len(actual)


def test_docs_show_commands() -> None:
    assert len(COMMANDS) >= 8, [c.argv for c in COMMANDS]


@pytest.mark.parametrize(
    "command", COMMANDS, ids=[f"{c.block.where}:{' '.join(c.argv)[:50]}" for c in COMMANDS]
)
def test_console_examples_run_and_print_what_is_shown(
    command: Command, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if command.stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(command.stdin)))
    code = cli.main(list(command.argv))
    out, err = capsys.readouterr()
    assert code == 0, f"{command.block.where}: exit {code}: {err}"
    if command.shown:
        assert shown_matches(command.shown, out.splitlines()), (
            f"{command.block.where} shows:\n"
            + "\n".join(command.shown)
            + f"\nbut the command printed:\n{out}"
        )


@pytest.mark.parametrize(
    ("shown", "actual", "expected"),
    [
        (("a", "b"), ["a", "b"], True),
        (("a", "..."), ["a", "b", "c"], True),
        (("a", "...", "c"), ["a", "b", "c"], True),
        (("a b ...",), ["a  b c d"], True),
        (("a", "c"), ["a", "b", "c"], False),
        (("a",), ["a", "b"], False),
        (("a", "...", "d"), ["a", "b", "c"], False),
        (("x ...",), ["a x"], False),
    ],
)
def test_shown_output_matcher(shown: tuple[str, ...], actual: list[str], expected: bool) -> None:
    assert shown_matches(shown, actual) is expected


# ---------------------------------------------------------------------------------------- content


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = ROOT / ".ci" / "run"
    if not ci.exists():
        pytest.skip(".ci/run is not in this checkout")
    ci_command = next(line for line in ci.read_text().splitlines() if line.startswith("python3 -m venv"))
    readme = blocks(ROOT / "README.md", "sh")
    assert readme[1].code.strip() == ci_command.strip()
    assert readme[0].page == ROOT / "README.md" and readme[0].code.strip().endswith("cleanpage bench")


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_blocks = blocks(ROOT / "README.md", "sh", "console", "python")[:2]
    assert [b.lang for b in first_blocks] == ["sh", "sh"]
    assert text.index("```sh") < text.index("## ")


def _kinds_table() -> dict[str, str]:
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([\w-]+)` \| [^|]+ \| `([^`]+)` \|$", text, re.M))


def test_kinds_table_lists_every_kind() -> None:
    assert list(_kinds_table()) == list(KINDS)


@pytest.mark.parametrize(("kind", "example"), list(_kinds_table().items()))
def test_kinds_table_examples_are_removed_by_a_rule_of_that_kind(kind: str, example: str) -> None:
    rules = [r for r in cleanpage.load_rules().rules if r.kind == kind]
    assert any(r.match(normalize_line(example)) for r in rules), f"no {kind} rule matches {example!r}"


def _option_strings(parser_argv: list[str]) -> set[str]:
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    sub = subparsers.choices[parser_argv[0]]  # type: ignore[index]
    return {s for a in sub._actions for s in a.option_strings if s.startswith("--") and s != "--help"}


@pytest.mark.parametrize("command", ["clean", "rules"])
def test_cli_reference_documents_every_option(command: str) -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    section = text.split(f"## cleanpage {command}", 1)[1].split("\n## ", 1)[0]
    missing = sorted(o for o in _option_strings([command]) if f"`{o}" not in section)
    assert missing == []


def test_api_reference_documents_every_public_name() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: cleanpage(?:\.rules)?\.(\w+)$", text, re.M))
    public = set(cleanpage.__all__) - {"__version__"}
    assert public - documented == set()


def test_nav_lists_every_page() -> None:
    nav = set(re.findall(r"^\s+- [^:]+: (\S+\.md)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
    pages = {p.name for p in DOCS.glob("*.md")}
    assert pages <= nav
