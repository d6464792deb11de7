"""Command-line plumbing shared by the `clean`, `batch` and `bench` commands: argument types, the cleaning
options and parsers."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any


def positive_int(text: str) -> int:
    """An argparse type: a whole number above zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {value}")
    return value


#: Units of `byte_size`, case-insensitive but for the decimal ones' B: the binary ones and their one-letter
#: forms are powers of 1024, kB/MB/GB powers of 1000.
BYTE_UNITS: dict[str, int] = {
    "": 1,
    "b": 1,
    "k": 1 << 10,
    "kib": 1 << 10,
    "m": 1 << 20,
    "mib": 1 << 20,
    "g": 1 << 30,
    "gib": 1 << 30,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
}
_BYTE_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*")


def byte_size(text: str) -> int:
    """An argparse type: a positive number of bytes, with a unit or without ("64 MiB", "1k", "500kB")."""
    match = _BYTE_SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in BYTE_UNITS:
        raise argparse.ArgumentTypeError(
            f"expected a number of bytes such as 1000000, 64MiB or 1k, got {text!r}"
        )
    value = int(float(match.group(1)) * BYTE_UNITS[unit])
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text!r}")
    return value


def positive_seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text}")
    return value


def command_parser(
    subparsers: Any,
    name: str,
    *,
    prog: str,
    help: str,
    description: str,
    epilog: str,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    run: Callable[..., int],
) -> argparse.ArgumentParser:
    """The parser of one command: a subcommand of `subparsers` (handler `run`), or stand-alone if None."""
    options: dict[str, Any] = {
        "description": description,
        "epilog": epilog,
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }
    if subparsers is None:
        parser = argparse.ArgumentParser(prog=prog, **options)
    else:
        parser = subparsers.add_parser(name, help=help, **options)
        parser.set_defaults(func=run)
    add_arguments(parser)
    return parser


def add_cleaning_options(parser: argparse.ArgumentParser, *, url: bool = True) -> None:
    """The options that set `cleanpage.Config` fields (read back by `Config.from_options`), as one group.

    `url` adds ``--url``, the address of the one page a command cleans (batch records carry their own).
    """
    from .config import FOCUSES, FORMATS, PAGE_TYPES  # cheap: config imports nothing heavy

    g = parser.add_argument_group("cleaning options (the fields of cleanpage.Config)")
    g.add_argument("--format", choices=FORMATS, help="the input's format (default: detected per page)")
    g.add_argument("--language", metavar="CODE", help="the pages' language, such as en (default: detected)")
    g.add_argument(
        "--focus",
        choices=FOCUSES,
        default="balanced",
        help="precision: remove more, keep only sure body; recall: keep more (default: %(default)s)",
    )
    g.add_argument(
        "--rules",
        metavar="FILE",
        action="append",
        default=[],
        help="an extra rule file (TOML), added to the shipped packs; repeatable",
    )
    g.add_argument(
        "--disable", metavar="ID", action="append", default=[], help="switch off a rule by id; repeatable"
    )
    g.add_argument(
        "--keep",
        metavar="KIND",
        action="append",
        default=[],
        help="keep lines of this cruft kind in the body (for example caption); repeatable",
    )
    g.add_argument(
        "--page-type",
        choices=PAGE_TYPES,
        help="the kind of page, when known (default: classified per page); it decides the main content",
    )
    if url:
        g.add_argument("--url", help="the page's address, passed through to the metadata")
    g.add_argument(
        "--max-bytes",
        type=byte_size,
        metavar="SIZE",
        help="refuse input larger than this: bytes, or with a unit such as 500k or 64MiB (default: 64MiB)",
    )
    g.add_argument(
        "--time-budget",
        type=positive_seconds,
        metavar="SECONDS",
        help="give up on a page that takes longer than this (default: no limit)",
    )


def page_types(value: str) -> frozenset[str]:
    """A comma-separated list of page types (``article,forum``), each one of `PAGE_TYPES`."""
    from .config import PAGE_TYPES

    types = frozenset(t.strip() for t in value.split(",") if t.strip())
    unknown = sorted(types - set(PAGE_TYPES))
    if unknown or not types:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'nothing'} is not a page type; page types are {', '.join(PAGE_TYPES)}"
        )
    return types
