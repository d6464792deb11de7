"""Command-line plumbing shared by the `clean`, `batch` and `bench` commands: argument types and parsers."""

from __future__ import annotations

import argparse
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
