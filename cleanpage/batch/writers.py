"""Output of a batch run, written so that a kill at any moment leaves a readable file.

JSONL is appended in whole lines, one write per flush; JSONL.gz appends one independent gzip member per
flush, so a file cut short still reads up to its last complete member. `resume_jsonl` counts the complete
records of an output and cuts off a partial tail: ``--resume`` then appends after them. Parquet is written
in row groups to ``OUTPUT.partial`` and renamed when the run ends (a Parquet file is readable only once its
footer is written), so ``--resume`` needs JSONL output.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any, Protocol

#: The formats an output file is written in, told from its name (``--output-format`` to say otherwise).
OUTPUT_FORMATS: tuple[str, ...] = ("jsonl", "parquet", "csv")
#: The formats of the files of an output folder (``--output-dir``), one file per page, and their endings.
FILE_FORMATS: dict[str, str] = {"text": ".txt", "markdown": ".md", "json": ".json"}
#: The file of an output folder that lists its pages, one JSON line per input record: what --resume counts.
INDEX_NAME = "index.jsonl"
STDOUT = "-"
#: A flush happens after this many records ...
FLUSH_RECORDS = 256
#: ... or this many bytes of buffered lines ...
FLUSH_BYTES = 1 << 20
#: ... or when this many seconds have passed since the last one, whichever comes first.
FLUSH_SECONDS = 1.0
#: Rows per Parquet row group.
PARQUET_ROWS = 1024
_BLOCK = 1 << 20


class OutputError(Exception):
    """An output that cannot be resumed (not a cleanpage JSONL file, or not the output of these inputs)."""


def output_format(path: str) -> str:
    """The format an output's name says: ``jsonl`` (``.jsonl``, ``.ndjson``, ``.json``, each also ``.gz``,
    and ``-``), ``parquet`` (``.parquet``, ``.pq``) or ``csv`` (``.csv``, ``.csv.gz``); `OutputError` for
    any other name, rather than a format the name does not say."""
    if path == STDOUT:
        return "jsonl"
    name = path.lower()
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    name = name.removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    raise OutputError(
        f"{path}: cannot tell the output format from the name; name it .jsonl, .jsonl.gz, .parquet or .csv "
        "(or give --output-format)"
    )


def is_gzip(path: str) -> bool:
    """Whether output to `path` is gzip-compressed (its name ends in ``.gz``)."""
    return path.lower().endswith(".gz")


class Writer(Protocol):
    """Where output records go: `write` one, `close` at the end (which flushes)."""

    def write(self, record: Any) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """Appends JSON lines in whole-line writes (one gzip member per flush for ``.gz``)."""

    def __init__(
        self,
        path: str,
        *,
        append: bool = False,
        flush_records: int = FLUSH_RECORDS,
        flush_seconds: float = FLUSH_SECONDS,
    ) -> None:
        self.path = path
        self.gzip = path != STDOUT and is_gzip(path)
        self._stream: IO[bytes] = (
            sys.stdout.buffer if path == STDOUT else open(path, "ab" if append else "wb", buffering=0)  # noqa: SIM115
        )
        self._buffer: list[bytes] = []
        self._size = 0
        self._flush_records = max(1, flush_records)
        self._flush_seconds = flush_seconds
        self._last_flush = time.monotonic()

    def write(self, record: Any) -> None:
        """Buffer one record (a JSON line ending in a newline, or a dict); flush when the buffer is due."""
        line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        self._buffer.append(data)
        self._size += len(data)
        if (
            len(self._buffer) >= self._flush_records
            or self._size >= FLUSH_BYTES
            or time.monotonic() - self._last_flush >= self._flush_seconds
        ):
            self.flush()

    def flush(self) -> None:
        """Write every buffered line at once: whole lines, and a whole gzip member for ``.gz``."""
        self._last_flush = time.monotonic()
        if not self._buffer:
            return
        data = b"".join(self._buffer)
        self._buffer.clear()
        self._size = 0
        if self.gzip:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        view = memoryview(data)
        while view:
            written = self._stream.write(view)
            if written is None:  # a buffered stream takes it all
                break
            if written == 0:
                raise OSError(f"{self.path}: the output took no bytes (is the disk full?)")
            view = view[written:]
        self._stream.flush()

    def close(self) -> None:
        """Flush and close (standard output is flushed, not closed)."""
        try:
            self.flush()
        finally:
            if self._stream is not sys.stdout.buffer:
                self._stream.close()


class ParquetWriter:
    """Writes row groups to ``PATH.partial``; `close` writes the footer and renames it to PATH."""

    def __init__(self, path: str, *, removed: bool = True, rows: int = PARQUET_ROWS) -> None:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        from .records import arrow_schema

        self.path = path
        self.partial = path + ".partial"
        self._schema = arrow_schema(removed)
        self._writer = pq.ParquetWriter(self.partial, self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self._group = max(1, rows)
        self.complete = False

    def write(self, record: Any) -> None:
        """Buffer one record (a dict); a full row group is written at once."""
        self._rows.append(record)
        if len(self._rows) >= self._group:
            self.flush()

    def flush(self) -> None:
        """Write the buffered records as one row group."""
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows.clear()

    def close(self) -> None:
        """Write the last row group and the footer; rename to PATH only when `complete` was set."""
        try:
            self.flush()
        finally:
            self._writer.close()
        if self.complete:
            os.replace(self.partial, self.path)


class CsvWriter:
    """Writes records as CSV rows under a header row (gzip members for ``.gz``, as `JsonlWriter` does): one
    column per record key, lists and objects (paragraphs, metadata, removed) as JSON text."""

    def __init__(self, path: str, columns: Sequence[str], *, flush_records: int = FLUSH_RECORDS) -> None:
        self._lines = JsonlWriter(path, flush_records=flush_records)
        self._columns = tuple(columns)
        self._lines.write(_csv_line(self._columns))

    def write(self, record: Any) -> None:
        """Buffer one record (a dict) as a row."""
        self._lines.write(_csv_line([_csv_value(record.get(c)) for c in self._columns]))

    def flush(self) -> None:
        """Write the buffered rows out."""
        self._lines.flush()

    def close(self) -> None:
        """Flush and close."""
        self._lines.close()


def _csv_line(values: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    """A record's value as one CSV cell: text as it is, None empty, lists and objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class DirWriter:
    """One file per page in an output folder (the page's cleaned text, Markdown or JSON), and ``index.jsonl``
    beside them: one line per input record (id, url, file, title, error) once its file is complete, which
    is what --resume counts. A file is written whole (to a temporary name, then renamed)."""

    def __init__(
        self, folder: str, suffix: str, *, append: bool = False, flush_records: int = FLUSH_RECORDS
    ) -> None:
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.suffix = suffix
        self.index_path = os.path.join(folder, INDEX_NAME)
        self._used = _used_files(self.index_path) if append else set()
        self._index = JsonlWriter(self.index_path, append=append, flush_records=flush_records)

    def write(self, record: Any) -> None:
        """Write one record: its ``content`` to its file (none for a failure or an empty page), then its
        index line."""
        content = record.pop("content", None)
        index = record.pop("index", None)
        file = None
        if content:
            file = self._name(record.get("id"), index)
            path = os.path.join(self.folder, *file.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            temporary = f"{path}.partial"
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(content)
            os.replace(temporary, path)
        self._index.write({**record, "file": file})

    def _name(self, page_id: str | None, index: int | None) -> str:
        """A page's file: its id made a safe relative path (a page file's ending replaced by this folder's),
        or ``record-N``; the record's position is added when two pages would share a name."""
        name = file_name(page_id, index) + self.suffix
        if name in self._used or name == INDEX_NAME:
            stem = name.removesuffix(self.suffix)
            name = f"{stem}-{index}{self.suffix}"
        self._used.add(name)
        return name

    def flush(self) -> None:
        """Write the buffered index lines out."""
        self._index.flush()

    def close(self) -> None:
        """Flush and close the index."""
        self._index.close()


_UNSAFE = re.compile(r"[^\w.-]+")
#: Endings a page file's name loses in an output folder (the folder's own ending takes their place).
_PAGE_ENDINGS = (".html", ".htm", ".txt")


def file_name(page_id: str | None, index: int | None) -> str:
    """The relative path (without ending) of a page's file in an output folder: its id with every run of
    characters other than letters, digits, ``.``, ``-`` and ``_`` made ``_`` in each ``/``-separated part,
    no part empty or ``..``; ``record-N`` (its input position) for a page without an id."""
    if page_id is None:
        return f"record-{index}"
    from ..compressed import without_compression

    name = without_compression(page_id)
    for ending in _PAGE_ENDINGS:
        if name.lower().endswith(ending):
            name = name[: -len(ending)]
            break
    parts = [_UNSAFE.sub("_", part).strip("._") for part in name.split("/")]
    parts = [part for part in parts if part]
    return "/".join(parts) if parts else f"record-{index}"


def _used_files(index_path: str) -> set[str]:
    """The files an output folder's index already names (a resumed run gives no other page their names)."""
    used: set[str] = set()
    if not os.path.exists(index_path):
        return used
    with open(index_path, "rb") as handle:
        for line in handle:
            try:
                file = json.loads(line).get("file")
            except (ValueError, AttributeError):
                continue
            if isinstance(file, str):
                used.add(file)
    return used


@dataclass(frozen=True)
class ResumePoint:
    """What an existing JSONL output already holds: its complete records and the last one's id."""

    records: int
    last_id: str | None
    cut_bytes: int = 0


def resume_jsonl(path: str) -> ResumePoint:
    """Count the complete records of the JSONL(.gz) output at `path` and cut off any partial tail.

    A missing or empty file holds nothing. A partial last line (plain) or a cut-short last gzip member is
    removed from the file, so appending continues from whole records.
    """
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return ResumePoint(0, None)
    with open(path, "r+b") as f:
        size = os.fstat(f.fileno()).st_size
        if is_gzip(path):
            end, records, last = _scan_gzip(f)
        else:
            end, records, last = _scan_plain(f)
        if end < size:
            f.truncate(end)
    return ResumePoint(records, _record_id(path, last), size - end)


def _scan_plain(f: IO[bytes]) -> tuple[int, int, bytes | None]:
    """(end of the last complete line, complete lines, the last complete line)."""
    records = 0
    end = 0
    offset = 0
    tail = b""  # the bytes after the last newline seen so far, plus the line before it
    last: bytes | None = None
    while block := f.read(_BLOCK):
        count = block.count(b"\n")
        if count:
            records += count
            cut = block.rfind(b"\n")
            end = offset + cut + 1
            before = block[:cut]
            start = before.rfind(b"\n")
            last = (tail + before) if start < 0 else before[start + 1 :]
            tail = block[cut + 1 :]
        else:
            tail += block
        offset += len(block)
    return end, records, last


def _scan_gzip(f: IO[bytes]) -> tuple[int, int, bytes | None]:
    """(end of the last complete gzip member, lines in complete members, the last of them)."""
    records = 0
    end = 0
    last: bytes | None = None
    member_start = 0
    decomp = zlib.decompressobj(wbits=31)
    fed = 0  # bytes of the current member fed so far
    out: list[bytes] = []
    pending = b""
    while True:
        data = pending or f.read(_BLOCK)
        pending = b""
        if not data:
            break
        try:
            chunk = decomp.decompress(data)
        except zlib.error:
            break  # a damaged member: keep what came before it
        out.append(chunk)
        fed += len(data)
        if decomp.eof:
            unused = decomp.unused_data
            member_end = member_start + fed - len(unused)
            text = b"".join(out)
            if text.endswith(b"\n"):
                records += text.count(b"\n")
                body = text[:-1]
                last = body[body.rfind(b"\n") + 1 :]
            end = member_start = member_end
            decomp = zlib.decompressobj(wbits=31)
            fed = 0
            out = []
            pending = unused
    return end, records, last


def _record_id(path: str, line: bytes | None) -> str | None:
    if line is None:
        return None
    try:
        record = json.loads(line)
    except ValueError:
        raise OutputError(
            f"{path}: the last complete line is not JSON; is this a cleanpage batch output?"
        ) from None
    if not isinstance(record, dict) or "id" not in record:
        raise OutputError(f"{path}: the last record has no id; is this a cleanpage batch output?")
    value = record["id"]
    return None if value is None else str(value)
