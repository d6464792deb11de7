"""The ``cleanpage batch`` command: clean every record of folders, JSONL, WARC or Parquet, in order.

Exit codes: 0 the run finished (records that failed are error records in the output, not a failed run),
1 an I/O failure stopped it, 2 usage (bad option, missing input, unknown format, an output --resume cannot
continue, an existing output without --overwrite or --resume), 130 interrupted by Ctrl-C and 143 by SIGTERM
(the output holds whole records: --resume continues). Only argparse and the
standard library are imported at module level, so the main CLI registers this command cheaply.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..argtypes import add_cleaning_options, command_parser, page_types, positive_int

if TYPE_CHECKING:
    from .readers import Source
    from .writers import Writer

PROG = "cleanpage batch"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: The exit code of a run stopped by SIGTERM (128 + 15, as a shell reports a process it ended).
EXIT_TERMINATED = 143

_DESCRIPTION = """\
Clean every record of the inputs and write one output record per input record, in input order:
id, url, title, text, paragraphs, metadata, removed, warnings and error (null, or the kind and message of
the failure). An INPUT is a folder of .html/.htm/.txt pages (each also .gz, .bz2 or .xz), a page file,
JSONL(.gz) with the page in --field, WARC(.gz) (response records with an HTML content type), Parquet (the
--field column), or - for JSONL on standard input. The output (-o) is JSONL (.jsonl, .gz: gzip), Parquet
(.parquet) or CSV (.csv), by its name or --output-format; - is JSONL on standard output. --output-dir
writes one text, Markdown or JSON file per page instead. An existing output is never replaced unless
--overwrite is given."""

_EPILOG = """\
examples:
  cleanpage batch pages/ -o clean.jsonl.gz
  cleanpage batch crawl-*.warc.gz -o clean.jsonl.gz --workers 8
  cleanpage batch dump.jsonl --field body --id-field doc_id --url-field link -o clean.parquet
  cleanpage batch pages/ --output-dir clean/ --output-format markdown
  cleanpage batch big.jsonl.gz -o clean.jsonl.gz --resume      after a crash, Ctrl-C or SIGTERM: continue
  zcat dump.jsonl.gz | cleanpage batch - -o - --no-removed | head

--resume counts the complete records of the (JSONL) output, or of an output folder's index.jsonl, cuts
off a partial last line and skips as many input records: no record is lost or written twice. It needs
JSONL output or --output-dir (a Parquet file is only readable once finished; an interrupted Parquet run
leaves OUTPUT.partial; CSV cannot be counted without parsing it all).

exit codes:
  0    the run finished (pages that failed are error records in the output)
  1    an I/O failure stopped the run
  2    usage error (bad option, missing input, unknown format, an output --resume cannot continue,
       an existing output without --overwrite or --resume)
  130  interrupted (Ctrl-C, SIGINT): the output holds whole records, and --resume continues
  143  terminated (SIGTERM, as Slurm, Kubernetes and systemd stop a job): the same as 130"""


class UsageError(Exception):
    """A bad invocation: one line on stderr, exit code 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the batch options to `parser`."""
    from .readers import INPUT_FORMATS
    from .writers import FILE_FORMATS, OUTPUT_FORMATS

    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="folders, files, or - for JSONL on stdin")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "-o", "--output", metavar="OUTPUT", help="one file: .jsonl(.gz), .parquet or .csv(.gz); - stdout"
    )
    where.add_argument(
        "--output-dir",
        metavar="FOLDER",
        help="one file per page in FOLDER (text, Markdown or JSON), listed in FOLDER/index.jsonl",
    )
    parser.add_argument(
        "--output-format",
        choices=(*OUTPUT_FORMATS, *FILE_FORMATS),
        metavar="FORMAT",
        help="with -o: jsonl, parquet or csv (default: by the name); with --output-dir: text, markdown or "
        "json (default: text)",
    )
    parser.add_argument(
        "--workers", type=positive_int, metavar="N", help="worker processes (default: the CPUs available)"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue where a JSONL output or an --output-dir ends (after a crash, Ctrl-C or SIGTERM)",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an existing output (without it, one is refused)"
    )
    parser.add_argument(
        "--field", metavar="NAME", help="the field or column holding the page (default: html, else text)"
    )
    parser.add_argument(
        "--id-field", default="id", metavar="NAME", help="the field holding the id (default: %(default)s)"
    )
    parser.add_argument(
        "--url-field",
        default="url",
        metavar="NAME",
        help="the field holding the page's address (default: %(default)s)",
    )
    parser.add_argument("--input-format", choices=INPUT_FORMATS, help="the inputs' format (default: by name)")
    parser.add_argument(
        "--no-removed", action="store_true", help="leave the removed pieces out of the output"
    )
    parser.add_argument(
        "--only",
        type=page_types,
        metavar="TYPES",
        help="keep the content of pages of these types only, e.g. article,forum (the others keep their"
        " record: id, url and page type, without content)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar, no summary and no pages' warnings"
    )
    parser.add_argument(
        "--flush-every",
        type=positive_int,
        default=None,
        metavar="N",
        help="write the output out at least every N records (default: 256, or every second)",
    )
    add_cleaning_options(parser, url=False)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``batch`` subcommand to an argparse subparsers object; its handler is `run`."""
    return _parser(subparsers)


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser for ``python -m cleanpage.batch``."""
    return _parser(None)


def _parser(subparsers: Any) -> argparse.ArgumentParser:
    return command_parser(
        subparsers,
        "batch",
        prog=PROG,
        help="clean many pages: folders, JSONL, WARC, Parquet",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        add_arguments=add_arguments,
        run=run,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cleanpage batch`` with `argv` (default: ``sys.argv[1:]``) and return its exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Run the batch command for parsed `args`; errors are one line on stderr and an exit code."""
    from ..errors import CleanpageError
    from .readers import InputError
    from .writers import OutputError

    try:
        return _run(args)
    except (UsageError, InputError, OutputError, CleanpageError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    except NothingToRead as exc:
        _err(str(exc))
        return EXIT_FAILURE
    except OSError as exc:
        _err(f"I/O failure: {exc}")
        return EXIT_FAILURE


def _run(args: argparse.Namespace) -> int:
    from ..config import Config
    from ..pipeline import Cleaner
    from .pool import run_ordered
    from .readers import ReadOptions, Skip, read_all, sources
    from .records import RecordShape
    from .writers import FILE_FORMATS, resume_jsonl

    fmt, target = _output(args)
    inputs = sources(args.inputs, args.input_format)
    skipped = _skipped(inputs)
    if skipped and all(s.format == "folder" for s in inputs) and not any(map(_has_pages, inputs)):
        raise NothingToRead(f"no pages to clean: {_skipped_note(skipped)}")
    cleaner = Cleaner(Config.from_options(vars(args)))  # the cleaning options, by field name
    options = ReadOptions(args.field, args.id_field, args.url_field)

    done = resume_jsonl(target) if args.resume else None
    resumed = done.records if done else 0  # records the output already holds
    skip = Skip(resumed)
    pages = read_all(inputs, options, skip)
    first = next(pages, None)  # reading starts here: the skipped records are passed over now
    if done and resumed:
        _check_resume(target, resumed, done.last_id, skip)
    if done and done.cut_bytes and not args.quiet:
        _err(f"{target}: cut a partial last record ({done.cut_bytes} bytes) before resuming")
    stream = itertools.chain([first], pages) if first is not None else iter(())

    total = _total(inputs, options, resumed)
    render = fmt if fmt in FILE_FORMATS else None
    shape = RecordShape(removed=not args.no_removed, as_json=fmt == "jsonl", render=render, only=args.only)
    outcomes = run_ordered(stream, args.workers, cleaner.config, shape, cleaner=cleaner)
    writer = _writer(args, fmt, append=resumed > 0)
    counts: Counter[str] = Counter()
    started = time.monotonic()
    bar = _progress(total, args.quiet, resumed)
    interrupted: str | None = None
    try:
        with _terminate_as_interrupt():
            for shaped in outcomes:
                writer.write(shaped.record)
                counts[shaped.status] += 1
                if shaped.warnings and not args.quiet:
                    _warn(shaped, bar)
                if bar is not None:
                    bar.update()
            if hasattr(writer, "complete"):
                writer.complete = True
    except Terminated:
        interrupted = "terminated (SIGTERM)"
    except KeyboardInterrupt:
        interrupted = "interrupted"
    finally:
        outcomes.close()  # stop the pool before the output is closed
        if bar is not None:
            bar.close()
        writer.close()
    if not args.quiet:
        _summary(counts, time.monotonic() - started, resumed)
        if skipped:
            _err(f"note: {_skipped_note(skipped)}")
    if interrupted:
        where = f"{args.output}.partial" if fmt == "parquet" else (args.output or args.output_dir)
        resumable = fmt == "jsonl" or fmt in FILE_FORMATS
        hint = "run again with --resume to continue" if resumable else "--resume needs JSONL output"
        _err(f"{interrupted}: {where} holds the {sum(counts.values())} records written; {hint}")
        return EXIT_TERMINATED if interrupted != "interrupted" else EXIT_INTERRUPTED
    return EXIT_OK


class Terminated(KeyboardInterrupt):
    """SIGTERM (what Slurm, Kubernetes and systemd send to stop a job), raised where Ctrl-C would be."""


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While in this block, SIGTERM stops the run as Ctrl-C does: whole records written, --resume continues.

    (Outside the main thread, where no handler can be set, SIGTERM keeps its default.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _output(args: argparse.Namespace) -> tuple[str, str]:
    """The output's format and the file --resume continues (an output folder's index); checks that the
    output is not replaced unasked and that --resume can continue it."""
    from .writers import FILE_FORMATS, INDEX_NAME, OUTPUT_FORMATS, STDOUT, output_format

    if args.resume and args.overwrite:
        raise UsageError("--resume continues an output and --overwrite replaces it: give one of them")
    if args.output_dir is not None:
        fmt = args.output_format or "text"
        if fmt not in FILE_FORMATS:
            raise UsageError(
                f"--output-dir writes {', '.join(FILE_FORMATS)} files, not {fmt}; use -o for {fmt}"
            )
        folder = args.output_dir
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise UsageError(f"{folder}: is a file; --output-dir needs a folder")
        if not args.resume and not args.overwrite and os.path.isdir(folder) and os.listdir(folder):
            raise UsageError(
                f"{folder}: holds files already; give --overwrite to write over them, or --resume to continue"
            )
        return fmt, os.path.join(folder, INDEX_NAME)
    output = args.output
    fmt = args.output_format or output_format(output)
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(
            f"-o writes {', '.join(OUTPUT_FORMATS)}, not {fmt}; use --output-dir for {fmt} files"
        )
    if args.resume and (fmt != "jsonl" or output == STDOUT):
        raise UsageError(
            "--resume needs a JSONL output file (.jsonl or .jsonl.gz) or an --output-dir: it continues "
            "where that output ends"
        )
    if fmt == "parquet" and output == STDOUT:
        raise UsageError("Parquet cannot be written to standard output; name a .parquet file")
    if output != STDOUT and os.path.isdir(output):
        raise UsageError(f"{output}: is a folder; -o writes one file (--output-dir writes a file per page)")
    if not args.resume and not args.overwrite and output != STDOUT and os.path.exists(output):
        raise UsageError(f"{output}: exists; give --overwrite to replace it, or --resume to continue it")
    return fmt, output


class NothingToRead(Exception):
    """Inputs that hold no page at all (a folder of files none of which is a page): exit code 1."""


def _skipped(inputs: list[Source]) -> Counter[str]:
    """The files of the input folders that are not pages, counted by their ending."""
    from .readers import skipped_files

    found: Counter[str] = Counter()
    for source in inputs:
        if source.format == "folder":
            found.update(skipped_files(source.path))
    return found


def _has_pages(source: Source) -> bool:
    from .readers import ReadOptions, count_records

    return bool(count_records(source, ReadOptions()))


def _skipped_note(skipped: Counter[str]) -> str:
    """'3 files skipped, not pages (...): .pdf (2), .md (1)'."""
    from ..compressed import SUFFIXES
    from .readers import PAGE_SUFFIXES

    n = sum(skipped.values())
    endings = ", ".join(f"{ending} ({count})" for ending, count in skipped.most_common())
    kinds = "/".join(PAGE_SUFFIXES)
    return (
        f"{n} file{'s' if n != 1 else ''} skipped, not pages ({kinds}, or those compressed as "
        f"{'/'.join(SUFFIXES)}): {endings}"
    )


def _check_resume(output: str, records: int, last_id: str | None, skip: Any) -> None:
    """The output must be the start of this run's output: as many input records, the same last id."""
    if skip.remaining:
        raise UsageError(
            f"{output}: holds {records} records, more than the inputs' {records - skip.remaining}; "
            "is it the output of other inputs?"
        )
    if last_id is not None and skip.last_id is not None and last_id != skip.last_id:
        raise UsageError(
            f"{output}: its last record is {last_id!r} but input record {records} is {skip.last_id!r}; "
            "is it the output of other inputs?"
        )


def _total(inputs: list[Source], options: Any, done: int) -> int | None:
    """Records left to clean, where every input's count is cheap to know; else None (no ETA)."""
    from .readers import count_records

    counts = [count_records(s, options) for s in inputs]
    if any(c is None for c in counts):
        return None
    return max(0, sum(c for c in counts if c is not None) - done)


def _writer(args: argparse.Namespace, fmt: str, *, append: bool) -> Writer:
    from .records import RECORD_KEYS, RECORD_KEYS_WITHOUT_REMOVED
    from .writers import FILE_FORMATS, FLUSH_RECORDS, CsvWriter, DirWriter, JsonlWriter, ParquetWriter

    flush = args.flush_every or FLUSH_RECORDS
    if fmt in FILE_FORMATS:
        return DirWriter(args.output_dir, FILE_FORMATS[fmt], append=append, flush_records=flush)
    if fmt == "parquet":
        return ParquetWriter(args.output, removed=not args.no_removed)
    if fmt == "csv":
        columns = RECORD_KEYS_WITHOUT_REMOVED if args.no_removed else RECORD_KEYS
        return CsvWriter(args.output, columns, flush_records=flush)
    return JsonlWriter(args.output, append=append, flush_records=flush)


def _progress(total: int | None, quiet: bool, done: int) -> Any:
    """A progress bar on a terminal's stderr (rate, count, ETA when the total is known); None otherwise."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0  # no monitor thread: worker processes may still be forked after this

    return Bar(
        total=total,
        unit="page",
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
        desc="resuming" if done else "cleaning",
    )


def _summary(counts: Counter[str], elapsed: float, resumed: int) -> None:
    records = sum(counts.values())
    rate = records / elapsed if elapsed > 0 else 0.0
    after = f" (resumed after {resumed})" if resumed else ""
    _err(
        f"{records} records in{after}: {counts['cleaned']} cleaned, {counts['empty']} empty, "
        + (f"{counts['left-out']} of other page types left out, " if counts["left-out"] else "")
        + f"{counts['failed']} failed; {rate:.1f} pages/s in {elapsed:.1f} s"
    )


def _warn(shaped: Any, bar: Any) -> None:
    """A page's warnings on standard error, one line each (above the progress bar when there is one)."""
    for warning in shaped.warnings:
        line = f"{PROG}: note: {warning}"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)
