"""Compressed page files (``page.html.gz``, ``dump.txt.xz``): told by name, read with the standard library.

Used by the commands that read files (``cleanpage clean FILE`` and ``cleanpage batch``); the library itself
takes a page's bytes and refuses compressed ones by their magic number.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from typing import IO, Any, cast

#: File name endings of compressed files, and the standard library module that reads each.
MODULES: dict[str, Any] = {".gz": gzip, ".bz2": bz2, ".xz": lzma, ".lzma": lzma}
#: The endings, for messages.
SUFFIXES: tuple[str, ...] = tuple(MODULES)


def compression_suffix(name: str) -> str | None:
    """The compression ending of a file name (``.gz``, ``.bz2``, ``.xz``, ``.lzma``), or None."""
    _stem, suffix = os.path.splitext(name.lower())
    return suffix if suffix in MODULES else None


def without_compression(name: str) -> str:
    """A file name without its compression ending: ``page.html.gz`` -> ``page.html``."""
    suffix = compression_suffix(name)
    return name[: -len(suffix)] if suffix else name


def open_bytes(path: str) -> IO[bytes]:
    """`path` opened for reading its bytes, decompressed when its name ends as a compressed file does."""
    suffix = compression_suffix(path)
    if suffix:
        return cast(IO[bytes], MODULES[suffix].open(path, "rb"))
    return open(path, "rb")


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The (decompressed) bytes of `path`; with `limit`, at most ``limit + 1`` of them, so that a caller can
    tell input over the limit without decompressing it all. Damaged compressed data raises `OSError`."""
    try:
        with open_bytes(path) as stream:
            return stream.read() if limit is None else stream.read(limit + 1)
    except (EOFError, lzma.LZMAError) as exc:  # gzip raises BadGzipFile (an OSError); the others not
        raise OSError(f"damaged compressed data ({exc})") from None
