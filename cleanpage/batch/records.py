"""The values a batch run passes around: one input `Page`, one `Failure`, and the output record of each.

Only the standard library is imported here, so `cleanpage.clean_many` stays cheap to import; the Arrow
schema of an output record is built at use.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from ..result import Result

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

#: Fields a page is looked for in, in order, when a mapping names none (``field=None``).
PAGE_FIELDS: tuple[str, ...] = ("html", "text")
#: How one record ended: cleaned into a non-empty body, cleaned into nothing, or failed.
Status: TypeAlias = Literal["cleaned", "empty", "left-out", "failed"]


@dataclass(frozen=True)
class Failure:
    """A page that could not be cleaned: the exception's kind and message, and the record's id and position.

    `clean_many` yields one of these in the failed page's place instead of raising, so one bad page never
    stops or shifts a run.
    """

    kind: str
    message: str
    id: str | None = None
    url: str | None = None
    index: int | None = None

    @classmethod
    def of(cls, exc: BaseException, page: Page) -> Failure:
        """The failure `exc` raised while cleaning `page`."""
        return cls(type(exc).__name__, str(exc), page.id, page.url, page.index)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form: every field by name."""
        return asdict(self)


#: What `clean_many` yields for one input: its Result, or the Failure that took its place.
Outcome: TypeAlias = Result | Failure


@dataclass(frozen=True)
class Page:
    """One input record: the page (HTML or text, str or bytes), its id and address, and its input position.

    A reader that cannot make a page of a record (bad JSON, no page field) sets `problem` instead: the record
    still takes its place in the output, as a `Failure`.
    """

    page: str | bytes | None
    id: str | None = None
    url: str | None = None
    index: int | None = None
    problem: Failure | None = None

    @property
    def size(self) -> int:
        """The page's length (characters or bytes): what chunking weighs."""
        return len(self.page) if self.page is not None else 0


def as_page(
    item: object, index: int, field: str | None = None, id_field: str = "id", url_field: str = "url"
) -> Page:
    """An input of `clean_many` (a page, a mapping holding one, or a `Page`) as a `Page` at `index`."""
    if isinstance(item, Page):
        return item if item.index == index else Page(item.page, item.id, item.url, index, item.problem)
    if isinstance(item, str | bytes):
        return Page(item, None, None, index)
    if isinstance(item, bytearray | memoryview):
        return Page(bytes(item), None, None, index)
    if isinstance(item, Mapping):
        raw_id = item.get(id_field)
        page_id = None if raw_id is None else str(raw_id)
        url = item.get(url_field)
        url = url if isinstance(url, str) else None
        names = (field,) if field else PAGE_FIELDS
        for name in names:
            value = item.get(name)
            if isinstance(value, str | bytes):
                return Page(value, page_id, url, index)
        wrong = next((name for name in names if item.get(name) is not None), None)
        if wrong is not None:
            what = type(item[wrong]).__name__
            problem = Failure(
                "BadField", f"field {wrong} is not a string (a page) but {what}", page_id, url, index
            )
        else:
            problem = Failure(
                "MissingField", f"the record has no page in field {' or '.join(names)}", page_id, url, index
            )
        return Page(None, page_id, url, index, problem)
    problem = Failure(
        "TypeError", f"a page must be str, bytes or a mapping, not {type(item).__name__}", None, None, index
    )
    return Page(None, None, None, index, problem)


def result_record(
    result: Result, page_id: str | None, url: str | None, removed: bool = True
) -> dict[str, Any]:
    """The output record of a cleaned page: id, url, title, text, paragraphs, page type, whether it is an
    article, metadata, removed, warnings and an ``error`` of None (`Result.from_dict` reads it back)."""
    record: dict[str, Any] = {
        "id": page_id,
        "url": url,
        "title": result.title,
        "text": result.text,
        "paragraphs": list(result.paragraphs),
        "page_type": result.page_type,
        "is_article": result.is_article,
        # Where each value came from as (field, source) records: a column type every output format keeps.
        "metadata": {
            **result.metadata.to_dict(),
            "sources": [{"field": f, "source": s} for f, s in result.metadata.sources],
        },
    }
    if removed:
        record["removed"] = [r._asdict() for r in result.removed]
    record["warnings"] = list(result.warnings)
    record["error"] = None
    return record


def failure_record(failure: Failure, removed: bool = True) -> dict[str, Any]:
    """The output record of a failed page: its id and url, an ``error`` with the kind and message, and the
    other columns of a record empty (None), so that every record has the same keys in every format."""
    record: dict[str, Any] = dict.fromkeys(RECORD_KEYS if removed else RECORD_KEYS_WITHOUT_REMOVED)
    record.update(
        {"id": failure.id, "url": failure.url, "error": {"kind": failure.kind, "message": failure.message}}
    )
    return record


#: The keys of every output record, in order (``removed`` is left out by ``--no-removed``).
RECORD_KEYS: tuple[str, ...] = (
    "id",
    "url",
    "title",
    "text",
    "paragraphs",
    "page_type",
    "is_article",
    "metadata",
    "removed",
    "warnings",
    "error",
)
RECORD_KEYS_WITHOUT_REMOVED = tuple(key for key in RECORD_KEYS if key != "removed")


def file_record(page: Page, outcome: Outcome, output_format: str) -> dict[str, Any]:
    """A page's entry in an output folder: its id, url, title and error, its input position, and the
    ``content`` of its file (the result in `output_format`; None for a failure or a page without a body)."""
    if isinstance(outcome, Failure):
        error = {"kind": outcome.kind, "message": outcome.message}
        return {"id": page.id, "url": page.url, "title": None, "error": error, "index": page.index}
    content = outcome.render(output_format) if outcome.paragraphs else None
    url = page.url if page.url is not None else outcome.metadata.url
    return {
        "id": page.id,
        "url": url,
        "title": outcome.title,
        "error": None,
        "index": page.index,
        "content": content,
    }


def status_of(outcome: Outcome) -> Status:
    """Whether `outcome` is a cleaned page with a body, a cleaned page without one, a page of a type left
    out, or a failure."""
    if isinstance(outcome, Failure):
        return "failed"
    if outcome.warnings and outcome.warnings[-1].startswith(LEFT_OUT):
        return "left-out"
    return "cleaned" if outcome.paragraphs else "empty"


#: The warning that starts the note on a page whose type was not asked for.
LEFT_OUT = "left out: a page of type"


def left_out(result: Result) -> Result:
    """A result without its content (title, body, removals and related entries), saying why: the page is
    of a type the caller did not ask for."""
    note = f"{LEFT_OUT} {result.page_type} ({'; '.join(result.page_type_reasons) or 'as classified'})"
    return dataclasses.replace(
        result,
        title=None,
        paragraphs=(),
        removed=(),
        related=(),
        blocks=(),
        warnings=(*result.warnings, note),
    )


@dataclass(frozen=True)
class Shaped:
    """One outcome in output form, made in the worker: its status and its record (a dict or a JSON line)."""

    status: Status
    record: Any
    warnings: tuple[str, ...] = ()  # the page's `Result.warnings`, each after its id: for standard error


@dataclass(frozen=True)
class RecordShape:
    """Turns an outcome into its output record inside the worker (JSON encoding included when `as_json`).

    Doing this where the page was cleaned keeps the parent process light: it only writes.
    """

    removed: bool = True
    as_json: bool = True
    #: For an output folder: the format of each page's file (`Result.render`); the record is then the
    #: file's content with the page's index entry.
    render: str | None = None
    #: The page types whose content is kept; a page of another type keeps its record (id, url, page type),
    #: so that record counts and ``--resume`` stay aligned with the input, but no content.
    only: frozenset[str] | None = None

    def __call__(self, page: Page, outcome: Outcome) -> Shaped:
        if self.only is not None and not isinstance(outcome, Failure) and outcome.page_type not in self.only:
            outcome = left_out(outcome)
        if self.render is not None:
            record = file_record(page, outcome, self.render)
        elif isinstance(outcome, Failure):
            record = failure_record(outcome, self.removed)
        else:
            url = page.url if page.url is not None else outcome.metadata.url
            record = result_record(outcome, page.id, url, self.removed)
        status = status_of(outcome)
        name = page.id if page.id is not None else f"record {page.index}"
        warnings = () if isinstance(outcome, Failure) else tuple(f"{name}: {w}" for w in outcome.warnings)
        if self.as_json:
            return Shaped(status, json.dumps(record, ensure_ascii=False) + "\n", warnings)
        return Shaped(status, record, warnings)


def arrow_schema(removed: bool = True) -> pa.Schema:
    """The Arrow schema of output records: one row per input record, ``error`` null unless it failed."""
    import pyarrow as pa

    metadata = pa.struct(
        [
            ("publisher", pa.string()),
            ("copyright_holder", pa.string()),
            ("copyright_year", pa.int64()),
            ("distributor", pa.string()),
            ("credits", pa.list_(pa.string())),
            ("byline", pa.string()),
            ("dateline", pa.string()),
            ("published", pa.string()),
            ("url", pa.string()),
            ("site_name", pa.string()),
            ("sources", pa.list_(pa.struct([("field", pa.string()), ("source", pa.string())]))),
        ]
    )
    fields = [
        ("id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("paragraphs", pa.list_(pa.string())),
        ("page_type", pa.string()),
        ("is_article", pa.bool_()),
        ("metadata", metadata),
    ]
    if removed:
        removal = pa.struct(
            [("text", pa.string()), ("kind", pa.string()), ("rule", pa.string()), ("line", pa.int64())]
        )
        fields.append(("removed", pa.list_(removal)))
    fields.append(("warnings", pa.list_(pa.string())))
    fields.append(("error", pa.struct([("kind", pa.string()), ("message", pa.string())])))
    return pa.schema(fields)
