"""The ``cleanpage`` command: clean a page, explain the verdicts, list and check rules (bench, batch plug in).

Exit codes: 0 ok, 1 a failure in the input (a page that could not be cleaned, a rule file whose examples
fail), 2 usage (bad option, unreadable path, invalid rule file given as an option). Errors are one line on
stderr.
Only argparse and the standard library are imported at module level; the library is imported when used.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

from ._version import __version__
from .argtypes import add_cleaning_options

if TYPE_CHECKING:
    from .config import Config
    from .errors import RuleError
    from .result import LineVerdict, Result
    from .rules import DomRule, Rule, RuleSet

PROG = "cleanpage"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

#: Subcommands written as their own packages: each module has ``register(subparsers)`` and ``run(args)``.
PLUGIN_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("bench", "cleanpage.bench.cli", "score cleanpage on benchmark corpora"),
    ("batch", "cleanpage.batch.cli", "clean many pages: folders, JSONL, WARC, Parquet"),
)

_EXIT_CODES = """\
exit codes:
  0  ok
  1  a failure in the input (for example a page that could not be cleaned)
  2  usage error (bad option, unreadable path, invalid rule file)"""

_MAIN_EPILOG = f"""\
examples:
  cleanpage clean page.txt                 the article body, one paragraph a line
  cleanpage clean --explain page.html      every line with its verdict, kind, rule and score
  curl -s URL | cleanpage clean --json -   the whole result as JSON, read from stdin
  cleanpage rules --kind copyright         the rules that remove copyright lines
  cleanpage rules --check my-rules.toml    validate a rule file and run its examples

Run 'cleanpage COMMAND --help' for a command's options.

{_EXIT_CODES}"""

_CLEAN_EPILOG = f"""\
examples:
  cleanpage clean corpus/en-blog-01.txt
  cleanpage clean --title --focus precision page.html
  cleanpage clean --explain page.txt | less -S
  cleanpage clean --output-format markdown page.html > page.md
  cleanpage clean --json --keep caption --disable en.share.buttons page.html > page.json
  cat page.html | cleanpage clean --format html -

{_EXIT_CODES}"""

_RULES_EPILOG = f"""\
examples:
  cleanpage rules                          every shipped rule
  cleanpage rules --kind share --language en
  cleanpage rules --rules my-rules.toml    the shipped rules plus your own
  cleanpage rules --check my-rules.toml    validate a file; run its examples and counter-examples

--check exits 1 when the file is invalid or an example fails, naming the rule and the line.

{_EXIT_CODES}"""


class UsageError(Exception):
    """A bad invocation: reported as one line on stderr with exit code 2."""


class InputFailure(Exception):
    """The input could not be processed: reported as one line on stderr with exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    """The full ``cleanpage`` parser, with the bench and batch commands when their modules are present."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn a scraped web page (HTML or a plain-text dump) into its article, "
        "and say what was removed and why.",
        epilog=_MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_clean(subparsers)
    _add_rules(subparsers)
    for name, module, help_text in PLUGIN_COMMANDS:
        _add_plugin(subparsers, name, module, help_text)
    return parser


def _add_clean(subparsers: Any) -> None:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "clean",
        help="clean one page and print its article",
        description="Clean one page (a text dump or HTML) and print its body paragraphs, one a line.",
        epilog=_CLEAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="PATH", help="the page to clean, or - for standard input")
    out = p.add_mutually_exclusive_group()
    out.add_argument(
        "--output-format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text: the body, a paragraph a line; markdown: title and body with headings, lists, quotes "
        "and tables; json: the whole result (default: %(default)s)",
    )
    out.add_argument(
        "--json", action="store_true", help="print the whole result as JSON (--output-format json)"
    )
    out.add_argument(
        "--explain",
        action="store_true",
        help="print every input line as kept or removed, with its kind, rule, score and reasons",
    )
    p.add_argument("--title", action="store_true", help="print the title (if one was found) before the body")
    p.add_argument(
        "--quiet", action="store_true", help="no notes on standard error (the result's warnings, no article)"
    )
    add_cleaning_options(p)
    p.set_defaults(_handler=run_clean)


def _add_rules(subparsers: Any) -> None:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "rules",
        help="list the loaded rules, or check a rule file",
        description="List the loaded cruft rules (id, kind, scope, languages, description), "
        "or check a rule file of your own.",
        epilog=_RULES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--kind", action="append", default=[], metavar="KIND", help="only rules of this kind; repeatable"
    )
    p.add_argument("--language", metavar="CODE", help="only rules that run on pages of this language")
    p.add_argument(
        "--rules", metavar="FILE", action="append", default=[], help="also load this rule file; repeatable"
    )
    p.add_argument(
        "--check",
        metavar="FILE",
        action="append",
        default=[],
        help="validate this rule file and run its examples and counter-examples; repeatable",
    )
    p.set_defaults(_handler=run_rules)


def _add_plugin(subparsers: Any, name: str, module_name: str, help_text: str) -> None:
    """Register a subcommand from its own module; absent while the module does not exist."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module_name.startswith(exc.name):
            return  # the subsystem is not part of this installation
        _add_broken(subparsers, name, help_text, exc)
        return
    except ImportError as exc:
        _add_broken(subparsers, name, help_text, exc)
        return
    register = getattr(module, "register", None)
    if not callable(register):
        _add_broken(subparsers, name, help_text, AttributeError(f"{module_name} has no register()"))
        return
    parser = register(subparsers)
    run = getattr(module, "run", None)
    if isinstance(parser, argparse.ArgumentParser) and callable(run) and parser.get_default("func") is None:
        parser.set_defaults(run=run)


def _add_broken(subparsers: Any, name: str, help_text: str, exc: BaseException) -> None:
    """A subcommand whose module failed to import: it says why instead of breaking every other command."""
    p: argparse.ArgumentParser = subparsers.add_parser(name, help=f"{help_text} (unavailable)", add_help=True)
    p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    def unavailable(args: argparse.Namespace) -> int:
        raise UsageError(f"the {name} command is unavailable: {exc}")

    p.set_defaults(_handler=unavailable)


# ---------------------------------------------------------------------------------------------- clean


def config_from_args(args: argparse.Namespace) -> Config:
    """The `Config` the cleaning options on the command line describe."""
    from .config import Config

    return Config.from_options(vars(args))


def read_input(path: str, max_bytes: int, stdin: IO[bytes] | None = None) -> bytes:
    """The bytes of `path` (``-``: standard input; ``.gz``, ``.bz2``, ``.xz``: decompressed); over `max_bytes`
    is refused without reading it all."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputFailure(f"<stdin>: input is over max_bytes={max_bytes}")
        return data
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a folder, not a page (use 'cleanpage batch' for many pages)")
    from .compressed import compression_suffix, read_bytes

    if compression_suffix(path):
        if not os.path.isfile(path):
            raise UsageError(f"cannot read {path}: no such file")
        try:
            data = read_bytes(path, max_bytes)
        except OSError as exc:
            raise InputFailure(f"{path}: {exc.strerror or exc}") from None
        if len(data) > max_bytes:
            raise InputFailure(f"{path}: input is over max_bytes={max_bytes} once decompressed")
        return data
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise InputFailure(f"{path}: input is {size} bytes, over max_bytes={max_bytes}")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # a file that grew, or a device without a size
        raise InputFailure(f"{path}: input is over max_bytes={max_bytes}")
    return data


def run_clean(args: argparse.Namespace) -> int:
    """``cleanpage clean``: clean one page and print it in the chosen form."""
    from .errors import CleanpageError, ConfigError, RuleError
    from .pipeline import Cleaner

    try:
        config = config_from_args(args)
        cleaner = Cleaner(config)
    except (ConfigError, RuleError) as exc:
        raise UsageError(str(exc)) from None
    unknown = sorted(set(config.keep) - _known_kinds(cleaner.ruleset))
    if unknown:
        raise UsageError(
            f"--keep names unknown kind(s) {', '.join(unknown)}; kinds are {', '.join(_kinds())}"
        )
    page = read_input(args.path, config.max_bytes)
    try:
        result = cleaner.clean(page)
    except (CleanpageError, TypeError) as exc:  # not a page, too large, over the time budget ...
        where = "<stdin>" if args.path == "-" else args.path
        raise InputFailure(f"{where}: {exc}") from None
    out = sys.stdout
    if args.explain:
        out.write(explain(result, width=_terminal_width(out)))
    elif args.json or args.output_format != "text":
        out.write(result.render("json" if args.json else args.output_format))
    else:
        if args.title and result.title:
            out.write(result.title + "\n")
        for paragraph in result.paragraphs:
            out.write(paragraph + "\n")
    where = "<stdin>" if args.path == "-" else args.path
    if not args.quiet:
        for warning in result.warnings:
            _note(f"{where}: {warning}")
        if not result.is_article:
            _note(f"{where}: no article found (is_article is false); see --explain for why")
    return EXIT_OK


def _kinds() -> tuple[str, ...]:
    from .rules import KINDS

    return tuple(KINDS)


def _known_kinds(ruleset: RuleSet) -> set[str]:
    return set(_kinds()) | {r.kind for r in ruleset.rules}


#: Characters of a line's text shown by `explain` (the whole text is in ``--json``).
EXPLAIN_TEXT_WIDTH = 60


def explain(result: Result, width: int | None = None) -> str:
    """Every line's verdict in aligned columns: line, kept/removed, kind, rule, score, text, reasons.

    The text is cut to `EXPLAIN_TEXT_WIDTH` characters; with `width`, each row is cut to that many characters.
    """
    verdicts = result.lines
    if not verdicts:
        return "(no lines)\n"
    header = ("LINE", "VERDICT", "KIND", "RULE", "SCORE", "TEXT", "REASONS")
    rows = [header, *(_explain_row(v) for v in verdicts)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    right = {0, 4}
    lines = []
    for row in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=False))
        ]
        line = "  ".join([*cells, row[-1]]).rstrip()
        if width is not None and len(line) > width:
            line = line[: max(width - 1, 0)] + "…"
        lines.append(line)
    kept = sum(v.kept for v in verdicts)
    lines.append(f"{kept} of {len(verdicts)} lines kept; {len(result.removed)} removed")
    return "\n".join(lines) + "\n"


def _explain_row(v: LineVerdict) -> tuple[str, ...]:
    verdict = "kept" if v.kept else ("title" if v.kind == "title" else "removed")
    text = v.text if len(v.text) <= EXPLAIN_TEXT_WIDTH else v.text[: EXPLAIN_TEXT_WIDTH - 1] + "…"
    reasons = ", ".join(v.reasons) or "-"
    return (str(v.line + 1), verdict, v.kind, v.rule or "-", f"{v.score:+.2f}", text, reasons)


def _terminal_width(stream: IO[str]) -> int | None:
    """The terminal's width when writing to one; None (never cut) when writing to a pipe or file."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size().columns


# ---------------------------------------------------------------------------------------------- rules


def run_rules(args: argparse.Namespace) -> int:
    """``cleanpage rules``: list rules, or with ``--check`` validate rule files and run their examples."""
    if args.check:
        return check_rule_files(args.check, sys.stdout)
    from .errors import RuleError
    from .rules import KINDS, load_rules

    unknown = sorted(set(args.kind) - set(KINDS))
    if unknown:
        raise UsageError(f"--kind names unknown kind(s) {', '.join(unknown)}; kinds are {', '.join(KINDS)}")
    try:
        ruleset = load_rules(tuple(args.rules))
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    if args.language is not None and args.language not in ruleset.languages:
        from .pipeline import unknown_language_note

        _note(unknown_language_note(args.language, ruleset.languages))
    rules: list[Rule | DomRule] = [
        r
        for r in ruleset.rules
        if (not args.kind or r.kind in args.kind) and (args.language is None or r.applies_to(args.language))
    ]
    rules.extend(r for r in ruleset.dom if not args.kind or r.kind in args.kind)  # DOM rules: any language
    sys.stdout.write(rules_table(rules))
    return EXIT_OK


def rules_table(rules: Sequence[Rule | DomRule]) -> str:
    """Rules as aligned columns: id, kind, scope, languages, description (or the first example).

    A DOM rule's scope is ``markup`` and its languages ``*``; without a description it shows its selector.
    """
    from .rules import DomRule

    header = ("ID", "KIND", "SCOPE", "LANGUAGES", "DESCRIPTION")
    rows = [header]
    for r in rules:
        if isinstance(r, DomRule):
            about = r.description or f"selector {' '.join(r.selector.source.split())!r}"
            rows.append((r.id, r.kind, "markup", "*", about))
            continue
        about = r.description or (f"e.g. {r.examples[0]!r}" if r.examples else "")
        rows.append((r.id, r.kind, r.scope, ",".join(sorted(r.languages)), about))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = [
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in rows
    ]
    lines.append(f"{len(rules)} rule(s)")
    return "\n".join(lines) + "\n"


def check_rule_files(paths: Sequence[str], out: IO[str]) -> int:
    """Validate each rule file (alone and beside the shipped packs) and run every rule's examples.

    An example must match its rule and a counter-example must not, after the same normalisation a page's
    lines get. Returns the exit code: 0 when every file passes, 1 otherwise.
    """
    from .rules import check_file, load_rules

    status = EXIT_OK
    checked: dict[str, str] = {}  # rule id -> the file checked before that has it
    for path in paths:
        if not os.path.isfile(path):
            raise UsageError(f"cannot read rule file {path}: no such file")
        ruleset, problems = check_file(path)
        if not _is_shipped_pack(path):  # ids must not clash with the shipped packs ...
            problems.extend(_clashes(ruleset, _origins(load_rules()), "the shipped rule in"))
        problems.extend(_clashes(ruleset, checked, "the rule in"))  # ... nor with the other files checked
        checked.update(_origins(ruleset))
        for problem in problems:
            out.write(f"FAIL {problem}\n")
        every: list[Rule | DomRule] = [*ruleset.rules, *ruleset.dom]
        failures = rule_example_failures(ruleset.rules) + dom_example_failures(ruleset.dom)
        n_cases = sum(len(r.examples) + len(r.counter_examples) for r in every)
        for failure in failures:
            out.write(f"FAIL {path}: {failure}\n")
        untested = [r.id for r in every if not r.examples]
        for rule_id in untested:
            out.write(f"note {path}: rule {rule_id!r} has no examples; add some so the rule is tested\n")
        if problems or failures:
            status = EXIT_FAILURE
            invalid = f"{len(problems)} problem(s); " if problems else ""
            out.write(
                f"{path}: {invalid}{len(failures)} of {n_cases} example(s) failed in {len(every)} rule(s)\n"
            )
        else:
            out.write(f"ok {path}: {len(every)} rule(s), {n_cases} example(s) passed\n")
    return status


def _origins(ruleset: RuleSet) -> dict[str, str]:
    """Each rule id of `ruleset`, with the file it came from."""
    every: tuple[Rule | DomRule, ...] = (*ruleset.rules, *ruleset.dom)
    return {r.id: r.origin for r in every}


def _clashes(ruleset: RuleSet, origins: dict[str, str], holder: str) -> list[RuleError]:
    """A `RuleError` for each rule of `ruleset` whose id is in `origins`, naming the file that has it."""
    from .errors import RuleError

    ours: tuple[Rule | DomRule, ...] = (*ruleset.rules, *ruleset.dom)
    return [
        RuleError(r.origin, r.id, f"duplicate rule id: {holder} {origins[r.id]} has it")
        for r in ours
        if r.id in origins and origins[r.id] != r.origin
    ]


def _is_shipped_pack(path: str) -> bool:
    """Whether `path` is one of the packs inside the installed package (checked as is, not as an addition)."""
    from pathlib import Path

    packs = Path(__file__).resolve().parent / "rules" / "packs"
    return Path(path).resolve().parent == packs


def rule_example_failures(rules: Sequence[Rule]) -> list[str]:
    """One sentence per example that does not match its rule, or counter-example that does."""
    from .normalize import normalize_line

    failures = []
    for rule in rules:
        for example in rule.examples:
            if rule.match(normalize_line(example)) is None:
                failures.append(f"rule {rule.id!r}: example does not match: {example!r}")
        for counter in rule.counter_examples:
            if rule.match(normalize_line(counter)) is not None:
                failures.append(f"rule {rule.id!r}: counter-example matches: {counter!r}")
    return failures


def dom_example_failures(rules: Sequence[DomRule]) -> list[str]:
    """One sentence per HTML example a DOM rule does not remove, or counter-example it does: each snippet
    is put beside a short article and the rule runs on that page (`cleanpage.html.dom.example_failure`)."""
    if not rules:
        return []
    from .html.dom import example_failure

    failures = []
    for rule in rules:
        cases = [(e, True) for e in rule.examples] + [(c, False) for c in rule.counter_examples]
        for snippet, removes in cases:
            why = example_failure(rule, snippet, removes)
            if why is not None:
                failures.append(f"rule {rule.id!r}: {why}: {snippet!r}")
    return failures


# ---------------------------------------------------------------------------------------------- main


#: What to do instead when a command is given more paths than it takes.
_EXTRA_HINTS = {
    "clean": "clean takes one page; for many, run 'cleanpage batch PATH... -o OUTPUT'",
    "rules": "give --check once per file (--check a.toml --check b.toml)",
}


def _note(message: str) -> None:
    print(f"{PROG}: note: {message}", file=sys.stderr)


def _error(message: str) -> None:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cleanpage`` command with `argv` (default: ``sys.argv[1:]``) and return its exit code."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            hint = _EXTRA_HINTS.get(getattr(args, "command", None) or "")
            if hint is not None and not any(e.startswith("-") for e in extra):
                _error(f"{args.command}: unexpected argument(s) {' '.join(extra)}: {hint}")
                return EXIT_USAGE
            args = parser.parse_args(argv)  # argparse's own error for anything else
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace], int] | None = (
        getattr(args, "_handler", None) or getattr(args, "func", None) or getattr(args, "run", None)
    )
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except InputFailure as exc:
        _error(str(exc))
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (cleanpage ... | head): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
