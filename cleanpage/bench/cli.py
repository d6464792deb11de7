"""The ``cleanpage bench`` command: score cleanpage (and peers) on corpora, write reports, gate on floors.

Exit codes: 0 ok, 1 the quality gate failed (or a baseline update would lower a floor), 2 usage error
(bad path, unknown peer, unreadable corpus or baseline). Errors are one line on stderr. Only argparse is
imported at module level, so the main CLI can register this command cheaply.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..argtypes import command_parser, positive_int

if TYPE_CHECKING:
    from .peers import Cleaner

PROG = "cleanpage bench"
#: The file name that means standard output.
STDOUT = "-"
PEER_NAMES = (
    "trafilatura",
    "trafilatura-precision",
    "dump",
    "justext",
    "readability",
    "newspaper4k",
    "goose3",
    "resiliparse",
    "boilerpy3",
)

_DESCRIPTION = """\
Score cleanpage on benchmark corpora and print every metric per case (worst first) and overall.
A PATH is a case folder (<id>.txt|.html beside <id>.json), a ScrapingHub-shaped folder
(ground-truth.json beside html/<id>.html.gz) or a WCXB-shaped folder (metadata.json beside
<split>/html/ and <split>/ground-truth/); the shape is detected. Default: the bundled corpus/."""

_EPILOG = f"""\
peers (--compare): {", ".join(PEER_NAMES)}. A peer that is not installed is skipped with a note.
By default trafilatura runs beside cleanpage, so every run reports the speed ratio to it.
On text inputs a peer gets a minimal HTML document with each non-empty line as one <p> (escaped).
Speed counts the cleaning call alone (reading and scoring excluded), after one untimed warm-up call.
Exit codes: 0 ok, 1 quality gate failed, 2 usage error."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the bench options to `parser`."""
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="corpus folders (default: corpus/)"
    )
    parser.add_argument(
        "--as-text", action="store_true", help="score the text-dump variant of HTML pages (CORPUS-FORMAT.md)"
    )
    parser.add_argument(
        "--compare",
        metavar="PEERS",
        default="trafilatura",
        help="comma-separated peers to run on the same inputs (default: trafilatura; 'none' for none)",
    )
    parser.add_argument("--no-cleanpage", action="store_true", help="run only the --compare peers")
    parser.add_argument(
        "--split", default="dev", metavar="NAME", help="WCXB shape: the split to score (default: dev)"
    )
    parser.add_argument(
        "--type",
        dest="types",
        metavar="TYPES",
        help="WCXB shape: comma-separated page types to score (default: all), e.g. article,forum",
    )
    parser.add_argument(
        "--focus", choices=("balanced", "precision", "recall"), default=None, help="cleanpage's focus option"
    )
    parser.add_argument(
        "--top", type=int, default=10, metavar="N", help="cases to list, worst first (0: all)"
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="write every figure as JSON (-: standard output)"
    )
    parser.add_argument(
        "--report", type=Path, metavar="FILE.html", help="write a self-contained HTML report (-: stdout)"
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        metavar="FILE",
        help='write {id: {"articleBody": text}} for cleanpage (-: standard output)',
    )
    gate = parser.add_mutually_exclusive_group()
    gate.add_argument(
        "--check", type=Path, metavar="BASELINE.json", help="exit 1 if a figure is below its floor"
    )
    gate.add_argument(
        "--update-baseline",
        type=Path,
        metavar="BASELINE.json",
        help="raise the floors to the measured figures",
    )
    parser.add_argument("--allow-lower", action="store_true", help="let --update-baseline lower floors")
    parser.add_argument(
        "--suite", metavar="NAME", help="the suite name (default: corpus, aeb-html, aeb-text)"
    )
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=1,
        metavar="N",
        help="clean every suite N times with fresh cleaners; each page's time is its median (default: 1)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``bench`` subcommand to an argparse subparsers object; its handler is `run`."""
    return _parser(subparsers)


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser for ``python -m cleanpage.bench``."""
    return _parser(None)


def _parser(subparsers: Any) -> argparse.ArgumentParser:
    return command_parser(
        subparsers,
        "bench",
        prog=PROG,
        help="score cleanpage on benchmark corpora",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        add_arguments=add_arguments,
        run=run,
    )


class UsageError(Exception):
    """Bad arguments or inputs: reported as one line on stderr, exit code 2."""


def default_corpus() -> Path:
    """The bundled corpus folder at the repository root."""
    import cleanpage

    return Path(cleanpage.__file__).resolve().parent.parent / "corpus"


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> None:
    if args.top < 0:
        raise UsageError("--top must be 0 (all) or more")
    if args.allow_lower and not args.update_baseline:
        raise UsageError("--allow-lower only goes with --update-baseline")
    if args.no_cleanpage and (args.check or args.update_baseline):
        raise UsageError("--check and --update-baseline gate cleanpage; they cannot go with --no-cleanpage")
    if args.suite and len(args.paths) > 1:
        raise UsageError("--suite names one suite; give one PATH with it")
    if len(_to_stdout(args)) > 1:
        raise UsageError(f"{' and '.join(_to_stdout(args))} cannot both write to standard output (-)")


def _to_stdout(args: argparse.Namespace) -> list[str]:
    """The options that write to standard output (``-``): the tables then go to standard error."""
    options = {"--json": args.json, "--report": args.report, "--predictions": args.predictions}
    return [name for name, path in options.items() if path is not None and str(path) == STDOUT]


def _peer_names(spec: str) -> list[str]:
    names = [n.strip().lower() for n in spec.split(",") if n.strip() and n.strip().lower() != "none"]
    unknown = [n for n in names if n not in PEER_NAMES]
    if unknown:
        raise UsageError(f"unknown peer(s) {', '.join(unknown)}; known: {', '.join(PEER_NAMES)}")
    return list(dict.fromkeys(names))


def _cleaners(args: argparse.Namespace, main: Cleaner | None, *, quiet: bool = False) -> list[Cleaner]:
    """cleanpage (or `main`, as given) and the --compare peers, freshly loaded; `quiet`: no notes."""
    from .peers import PEERS, PeerUnavailable, load_cleanpage

    cleaners: list[Cleaner] = []
    if not args.no_cleanpage:
        if main is None:
            overrides = {"focus": args.focus} if args.focus else {}
            try:
                main = load_cleanpage(**overrides)
            except PeerUnavailable as exc:
                raise UsageError(f"{exc} (use --no-cleanpage --compare ... to run peers alone)") from exc
        cleaners.append(main)
    for name in _peer_names(args.compare):
        try:
            cleaners.append(PEERS[name]())
        except PeerUnavailable as exc:
            if not quiet:
                _err(f"skipping peer {name}: {exc}")
    if not cleaners:
        raise UsageError("nothing to run: --no-cleanpage needs at least one installed peer in --compare")
    return cleaners


def _write(path: Path, text: str, what: str) -> None:
    """Write `text` to `path` (``-``: standard output)."""
    if str(path) == STDOUT:
        sys.stdout.write(text)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {what} {path}: {exc.strerror or exc}") from exc


def run(args: argparse.Namespace, *, cleaner: Cleaner | None = None) -> int:
    """Carry out ``cleanpage bench`` with parsed `args`; `cleaner` replaces cleanpage (for tests)."""
    from .baseline import BaselineError

    try:
        return _run(args, cleaner)
    except (UsageError, BaselineError) as exc:
        _err(f"error: {exc}")
        return 2


def _run(args: argparse.Namespace, main: Cleaner | None) -> int:
    import json

    from . import baseline as gate
    from .corpus import CorpusError, load_suite
    from .report import render
    from .runner import combine, predictions, run_suite, suite_to_dict
    from .tables import suite_text

    _validate(args)
    paths: list[Path] = list(args.paths)
    if not paths:
        paths = [default_corpus()]
        if not paths[0].is_dir():
            raise UsageError(f"no PATH given and the bundled corpus folder {paths[0]} does not exist")
    suites = []
    types = frozenset(t.strip() for t in args.types.split(",") if t.strip()) if args.types else None
    try:
        for path in paths:
            suites.append(
                load_suite(path, as_text=args.as_text, name=args.suite, split=args.split, types=types)
            )
    except CorpusError as exc:
        raise UsageError(str(exc)) from exc
    names = [s.name for s in suites]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(
            f"two PATHs give the same suite name {', '.join(duplicates)}; run them one at a time"
        )
    for suite in suites:
        stray = sorted(set(suite.known_failures) - {c.id for c in suite.cases})
        if stray:
            _err(f"note: known-failures.toml names case(s) not in {suite.name}: {', '.join(stray)}")

    human = sys.stderr if _to_stdout(args) else sys.stdout  # where the tables and gate messages go
    cleaners = _cleaners(args, main)
    progress = not args.quiet and sys.stderr.isatty()
    runs = []
    for suite in suites:
        repeats = [run_suite(suite, cleaners, progress=progress)]
        for _ in range(args.repeat - 1):  # fresh cleaners: nothing one run remembers speeds up the next
            repeats.append(run_suite(suite, _cleaners(args, main, quiet=True), progress=progress))
        runs.append(combine(repeats))
    for r in runs:
        for cleaner_run in r.runs:
            failed = [o for o in cleaner_run.outcomes if o.error]
            if failed:
                first = failed[0]
                _err(
                    f"note: {cleaner_run.name} raised on {len(failed)} of {len(cleaner_run.outcomes)} pages"
                    f" of {r.suite.name} (scored as empty; first: {first.case.id}: {first.error})"
                )
    for r in runs:
        print(suite_text(r, args.top), file=human)

    version = _cleanpage_version()
    if args.predictions:
        _write(
            args.predictions,
            json.dumps(predictions(runs), ensure_ascii=False, indent=1) + "\n",
            "predictions",
        )
    if args.report:
        _write(args.report, render(runs, version=version), "report")

    measured = {r.suite.name: r.main.quality for r in runs}
    document: dict[str, Any] = {
        "cleanpage_version": version,
        "main_cleaner": cleaners[0].name,
        "as_text": args.as_text,
        "repeat": args.repeat,
        "suites": {r.suite.name: suite_to_dict(r) for r in runs},
    }
    status = 0
    if args.check:
        result = gate.check(gate.load_baseline(args.check), measured)
        document["gate"] = {
            "baseline": str(args.check),
            "checked": result.checked,
            "failures": result.failures,
        }
        status = _report_check(result, args.check, human)
    elif args.update_baseline:
        status = _update_baseline(args.update_baseline, measured, args.allow_lower, document, human)
    if args.json:
        _write(args.json, json.dumps(document, ensure_ascii=False, indent=1) + "\n", "JSON")
    return status


def _cleanpage_version() -> str:
    import cleanpage

    return str(getattr(cleanpage, "__version__", "?"))


def _report_check(result: Any, path: Path, human: IO[str]) -> int:
    for suite in result.unpinned:
        _err(f"note: {path} has no floors for suite {suite}")
    if result.failures:
        for failure in result.failures:
            _err(f"gate failed: {failure}")
        return 1
    print(f"gate passed: {len(result.checked)} figure(s) at or above their floors in {path}", file=human)
    return 0


def _update_baseline(
    path: Path, measured: Any, allow_lower: bool, document: dict[str, Any], human: IO[str]
) -> int:
    from . import baseline as gate

    proposal = gate.update(gate.load_baseline(path, missing_ok=True), measured)
    document["baseline_update"] = {
        "baseline": str(path),
        "raised": proposal.raised,
        "lowered": proposal.lowered,
        "written": allow_lower or not proposal.lowered,
    }
    if proposal.lowered and not allow_lower:
        for item in proposal.lowered:
            _err(f"refusing to lower a floor: {item}")
        _err("nothing written; pass --allow-lower to lower floors on purpose")
        return 1
    try:
        gate.save_baseline(path, proposal.baseline)
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror or exc}") from exc
    for item in proposal.raised:
        print(f"floor raised: {item}", file=human)
    for item in proposal.lowered:
        print(f"floor LOWERED: {item}", file=human)
    if proposal.lowered:
        print("reminder: floors were lowered; CHANGELOG.md must say why.", file=human)
    if not proposal.raised and not proposal.lowered:
        print(f"{path}: floors unchanged", file=human)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m cleanpage.bench``."""
    return run(build_parser().parse_args(argv))
