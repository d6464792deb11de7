"""Pages and inputs for the batch tests: short fictional news items, as text dumps and as HTML."""

from __future__ import annotations

import gzip
import html
import json
import uuid
from pathlib import Path
from typing import Any

TOWNS = ("Aldermere", "Brackwater", "Calloway Bay", "Dunmore Heath", "Elsworth")
EVENTS = ("harbour festival", "library reopening", "bridge repair", "school orchestra tour", "allotment show")


def text_page(i: int) -> str:
    """A text dump: headline, byline, two body paragraphs, a share prompt and a copyright line."""
    town, event = TOWNS[i % len(TOWNS)], EVENTS[i % len(EVENTS)]
    return (
        f"{town} {event} draws crowd number {i}\n"
        f"By Staff Writer {i % 7}\n"
        f"The {event} in {town} went ahead on Saturday with {i + 3} volunteers along the high street.\n"
        f"Organisers said {i % 40 + 2} stalls signed up, with proceeds for the lifeboat station.\n"
        "Share this article\n"
        f"Copyright {2000 + i % 25} Coastline Gazette. All rights reserved.\n"
    )


def html_page(i: int) -> str:
    """The same story as a small HTML document with a navigation bar and a footer."""
    lines = text_page(i).splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[2:4])
    return (
        f"<html><head><title>{html.escape(lines[0])}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(lines[0])}</h1>"
        f"<p class='byline'>{html.escape(lines[1])}</p>{body}</article>"
        f"<footer><p>{html.escape(lines[5])}</p></footer></body></html>"
    )


def page(i: int) -> str:
    """Text and HTML pages alternating."""
    return html_page(i) if i % 2 else text_page(i)


def records(n: int, start: int = 0) -> list[dict[str, Any]]:
    """JSONL-shaped records with an id, a url and the page under ``html``."""
    return [
        {"id": f"doc-{i}", "url": f"https://news.example/{i}", "html": page(i)}
        for i in range(start, start + n)
    ]


def write_jsonl(path: Path, items: list[dict[str, Any]]) -> Path:
    """Write `items` as JSONL (gzip-compressed when the name ends in .gz)."""
    data = "".join(json.dumps(item) + "\n" for item in items).encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def warc_record(url: str, content_type: str, body: bytes, record_id: str | None = None) -> bytes:
    """One WARC/1.0 response record holding an HTTP response."""
    http_part = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    record_id = record_id or f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: {record_id}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http_part)}\r\n\r\n"
    ).encode()
    return head + http_part + b"\r\n\r\n"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL(.gz) output."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.splitlines()]


def text_records(n: int) -> list[dict[str, Any]]:
    """Records of text dumps only (quick to clean: for runs that must last a few seconds, not minutes)."""
    return [{"id": f"doc-{i}", "text": text_page(i)} for i in range(n)]
