"""Input records of a batch run: a folder of pages, JSONL(.gz), WARC(.gz), Parquet, or JSONL on stdin.

Each reader yields `Page` values lazily, in a fixed order (a folder's files sorted by path), and can pass
over a number of leading records cheaply (without cleaning, and mostly without parsing them): that is how
``--resume`` continues where the output ends. pyarrow and fastwarc are imported only by their readers.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from ..compressed import compression_suffix, open_bytes, read_bytes, without_compression
from .records import PAGE_FIELDS, Failure, Page, as_page

#: The formats ``--input-format`` names; ``file`` is one page in one file.
INPUT_FORMATS: tuple[str, ...] = ("folder", "jsonl", "warc", "parquet", "file")
#: File name endings of pages in a folder (and of a single page given as an input), each also compressed
#: (``.gz``, ``.bz2``, ``.xz``).
PAGE_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".txt")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
#: Content types of WARC response records that hold a web page.
HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
STDIN = "-"
_GZIP_MAGIC = b"\x1f\x8b"


class InputError(Exception):
    """An input that cannot be read at all (missing, unknown format, a required package absent)."""


@dataclass(frozen=True)
class Source:
    """One input of a run: its path (``-`` for stdin) and its format."""

    path: str
    format: str

    @property
    def name(self) -> str:
        """The file name records' fallback ids start with."""
        return STDIN if self.path == STDIN else Path(self.path).name


@dataclass(frozen=True)
class ReadOptions:
    """How records hold their page: the field or column (None: ``html``, else ``text``), the id's and the
    address's."""

    field: str | None = None
    id_field: str = "id"
    url_field: str = "url"


@dataclass
class Skip:
    """Leading records still to pass over (``--resume``), and the id of the last one passed over.

    Mutable on purpose: the readers of one run share it, each taking what it can from `remaining`.
    """

    remaining: int
    last_id: str | None = field(default=None)


def detect_format(path: str) -> str:
    """The format of `path` from its name (or, for a folder, its being one); `InputError` if unknown."""
    if path == STDIN:
        return "jsonl"
    if os.path.isdir(path):
        return "folder"
    name = without_compression(path.lower())
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith((".warc", ".arc")):
        return "warc"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith(PAGE_SUFFIXES):
        return "file"
    raise InputError(f"{path}: cannot tell the input format from the name; give --input-format")


def sources(paths: list[str], input_format: str | None = None) -> list[Source]:
    """The inputs named on the command line, each checked to exist, with its format."""
    out = []
    for path in paths:
        if path != STDIN and not os.path.exists(path):
            raise InputError(f"{path}: no such file or folder")
        fmt = input_format or detect_format(path)
        if fmt == "folder" and not os.path.isdir(path):
            raise InputError(f"{path}: not a folder")
        out.append(Source(path, fmt))
    if sum(s.path == STDIN for s in out) > 1:
        raise InputError("standard input (-) can be read only once")
    return out


def read_all(inputs: list[Source], options: ReadOptions, skip: Skip | None = None) -> Iterator[Page]:
    """Every record of `inputs` in order, after passing over ``skip.remaining`` leading records."""
    skip = skip or Skip(0)
    index = skip.remaining
    for source in inputs:
        for page in _READERS[source.format](source, options, skip):
            yield Page(page.page, page.id, page.url, index, page.problem)
            index += 1


def count_records(source: Source, options: ReadOptions) -> int | None:
    """How many records `source` holds, where that is cheap to know (a folder, a page, Parquet); else None."""
    if source.format == "folder":
        return sum(1 for _ in _folder_files(Path(source.path)))
    if source.format == "file":
        return 1
    if source.format == "parquet":
        pq = _import("pyarrow.parquet", "Parquet input")
        with pq.ParquetFile(source.path) as f:
            return int(f.metadata.num_rows)
    return None


# ---------------------------------------------------------------------------------------------- readers


def _read_file(source: Source, options: ReadOptions, skip: Skip) -> Iterator[Page]:
    page_id = source.name
    if skip.remaining:
        skip.remaining -= 1
        skip.last_id = page_id
        return
    try:
        yield Page(read_bytes(source.path), page_id)
    except OSError as exc:
        yield Page(None, page_id, problem=Failure(type(exc).__name__, str(exc), page_id))


def is_page_file(name: str) -> bool:
    """Whether a file name is a page's: ``.html``, ``.htm`` or ``.txt``, compressed (``.gz`` ...) or not."""
    return without_compression(name.lower()).endswith(PAGE_SUFFIXES)


def _walk(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, path) of each file under `root`, hidden files and folders left out."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = Path(folder, name)
                yield path.relative_to(root).as_posix(), path


def _folder_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, path) of each page under `root`, sorted, hidden files and folders left out."""
    yield from sorted((rel, path) for rel, path in _walk(root) if is_page_file(path.name))


def skipped_files(root: str) -> Counter[str]:
    """The files under the folder `root` that are not pages (hidden ones aside), counted by their ending."""
    return Counter(
        "".join(Path(without_compression(path.name.lower())).suffixes[-1:]) or "(no ending)"
        for _rel, path in _walk(Path(root))
        if not is_page_file(path.name)
    )


def _read_folder(source: Source, options: ReadOptions, skip: Skip) -> Iterator[Page]:
    for rel, path in _folder_files(Path(source.path)):
        if skip.remaining:
            skip.remaining -= 1
            skip.last_id = rel
            continue
        try:
            yield Page(read_bytes(str(path)), rel)
        except OSError as exc:
            yield Page(None, rel, problem=Failure(type(exc).__name__, str(exc), rel))


def _open_text(source: Source) -> IO[bytes]:
    """The input's bytes, gunzipped when they start as gzip does (whatever the name says)."""
    if source.path == STDIN:
        stdin = sys.stdin.buffer
        peek = getattr(stdin, "peek", None)
        if peek is not None and peek(2)[:2] == _GZIP_MAGIC:
            return cast(IO[bytes], gzip.GzipFile(fileobj=stdin, mode="rb"))
        return stdin
    if compression_suffix(source.path) not in (None, ".gz"):
        return open_bytes(source.path)  # .bz2, .xz: by name
    with open(source.path, "rb") as probe:
        gzipped = probe.read(2) == _GZIP_MAGIC
    return cast(IO[bytes], gzip.open(source.path, "rb")) if gzipped else open(source.path, "rb")


def _read_jsonl(source: Source, options: ReadOptions, skip: Skip) -> Iterator[Page]:
    stream = _open_text(source)
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue  # blank lines are not records
            fallback = f"{source.name}:{number}"
            if skip.remaining:
                skip.remaining -= 1
                if not skip.remaining:
                    skip.last_id = _jsonl_page(line, fallback, options).id
                continue
            yield _jsonl_page(line, fallback, options)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _jsonl_page(line: bytes, fallback_id: str, options: ReadOptions) -> Page:
    try:
        item = json.loads(line)
    except ValueError as exc:
        return Page(None, fallback_id, problem=Failure("InvalidJSON", str(exc), fallback_id))
    if not isinstance(item, dict):
        bad = Failure("BadRecord", f"a record must be a JSON object, not {type(item).__name__}", fallback_id)
        return Page(None, fallback_id, problem=bad)
    return _with_id(as_page(item, 0, options.field, options.id_field, options.url_field), fallback_id)


def _with_id(page: Page, fallback_id: str) -> Page:
    """`page`, named `fallback_id` (its problem too) when its record carries no id of its own."""
    if page.id is not None:
        return page
    problem = page.problem and Failure(page.problem.kind, page.problem.message, fallback_id, page.url)
    return Page(page.page, fallback_id, page.url, None, problem)


def _read_warc(source: Source, options: ReadOptions, skip: Skip) -> Iterator[Page]:
    warc = _import("fastwarc.warc", "WARC input")
    stream = sys.stdin.buffer if source.path == STDIN else open(source.path, "rb")  # noqa: SIM115
    try:
        records = warc.ArchiveIterator(stream, record_types=warc.WarcRecordType.response, parse_http=True)
        for record in records:
            content_type = (record.http_content_type or "").lower()
            if content_type not in HTML_TYPES:
                continue
            record_id = record.record_id
            url = record.headers.get("WARC-Target-URI")
            if skip.remaining:
                skip.remaining -= 1
                skip.last_id = record_id
                continue
            body: bytes = record.reader.read()
            yield Page(_decode_declared(body, record.http_charset), record_id, url)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _decode_declared(body: bytes, charset: str | None) -> str | bytes:
    """`body` decoded by the HTTP header's charset when it names a known codec; else the bytes, to sniff."""
    if not charset:
        return body
    try:
        codecs.lookup(charset)
    except LookupError:
        return body
    return body.decode(charset, errors="replace")


def _read_parquet(source: Source, options: ReadOptions, skip: Skip) -> Iterator[Page]:
    pq = _import("pyarrow.parquet", "Parquet input")
    with pq.ParquetFile(source.path) as f:
        names = f.schema_arrow.names
        column = _parquet_column(source, names, options)
        columns = [c for c in (column, options.id_field, options.url_field) if c in names]
        columns = list(dict.fromkeys(columns))
        row = 0
        for group in range(f.num_row_groups):
            rows = f.metadata.row_group(group).num_rows
            if skip.remaining >= rows and rows:
                skip.remaining -= rows
                row += rows
                if not skip.remaining:
                    last = f.read_row_group(group, columns=columns).slice(rows - 1).to_pylist()[0]
                    skip.last_id = _parquet_page(last, source, row - 1, column, options).id
                continue
            for batch in f.iter_batches(batch_size=512, row_groups=[group], columns=columns):
                for item in batch.to_pylist():
                    page = _parquet_page(item, source, row, column, options)
                    row += 1
                    if skip.remaining:
                        skip.remaining -= 1
                        skip.last_id = page.id
                        continue
                    yield page


def _parquet_column(source: Source, names: list[str], options: ReadOptions) -> str:
    wanted = (options.field,) if options.field else PAGE_FIELDS
    for name in wanted:
        if name in names:
            return name
    raise InputError(
        f"{source.path}: no column {' or '.join(wanted)} (columns: {', '.join(names)}); give --field"
    )


def _parquet_page(item: dict[str, Any], source: Source, row: int, column: str, options: ReadOptions) -> Page:
    page = as_page(item, 0, column, options.id_field, options.url_field)
    return _with_id(page, f"{source.name}:{row}")


def _import(module: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise InputError(
            f"{what} needs {module.split('.')[0]}: pip install 'cleanpage[batch]' ({exc})"
        ) from None


_READERS = {
    "folder": _read_folder,
    "file": _read_file,
    "jsonl": _read_jsonl,
    "warc": _read_warc,
    "parquet": _read_parquet,
}

__all__ = [
    "INPUT_FORMATS",
    "InputError",
    "ReadOptions",
    "Skip",
    "Source",
    "count_records",
    "is_page_file",
    "read_all",
    "skipped_files",
    "sources",
]
