"""Batch cleaning at pipeline scale: `clean_many` over a process pool, and the ``cleanpage batch`` command.

`clean_many` yields one outcome per input in input order (the `Result`, or a `Failure` in its place);
the command reads folders, JSONL(.gz), WARC(.gz) and Parquet and writes JSONL(.gz) or Parquet, resumably.
Importing this package is cheap: readers and writers import pyarrow and fastwarc only when used.
"""

from __future__ import annotations

from .pool import clean_many, default_workers
from .records import Failure, Outcome, Page

__all__ = ["Failure", "Outcome", "Page", "clean_many", "default_workers"]
