"""The outcome of cleaning one page: the article, what was removed and why, and what the cruft told us."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple, overload

#: What `Result.render` writes: the body as plain text, as Markdown, or the whole result as JSON.
OUTPUT_FORMATS: tuple[str, ...] = ("text", "markdown", "json")


class Removal(NamedTuple):
    """One removed piece: its text, its cruft kind, the rule that fired and its line in the input.

    A NamedTuple (immutable, cheap to build): a page has hundreds of them.
    """

    text: str
    kind: str
    rule: str
    line: int


class LineVerdict(NamedTuple):
    """One input line (or HTML block) with its decision and the score and reasons it was made from.

    A NamedTuple (immutable, cheap to build): there is one per input line. `line` is the line's position in
    the input, as in `Removal.line`.
    """

    line: int
    text: str
    kept: bool
    kind: str
    rule: str | None
    score: float
    reasons: tuple[str, ...] = ()


class Block(NamedTuple):
    """The structure of one body paragraph, from the markup it came from: what Markdown output is made of.

    `kind` is ``p`` (a paragraph), ``h1`` to ``h6`` (a heading), ``ul``/``ol`` (an item of an unordered or
    ordered list), ``quote``, ``pre`` (code), ``tr``/``th`` (a table row; ``th`` when every cell is a header
    cell); `cells` holds where each cell of a row starts in the paragraph's text.
    """

    kind: str
    cells: tuple[int, ...] = ()


class Verdicts(Sequence[LineVerdict]):
    """A result's per-line verdicts, built when first read: most callers want the text, not the explanation.

    A sequence (iterate, index, slice, ``len``) that compares, hashes and pickles as the tuple of verdicts it
    stands for.
    """

    __slots__ = ("_build", "_value")

    def __init__(self, value: tuple[LineVerdict, ...] | Callable[[], tuple[LineVerdict, ...]] = ()) -> None:
        self._value: tuple[LineVerdict, ...] | None = value if isinstance(value, tuple) else None
        self._build = None if isinstance(value, tuple) else value

    def get(self) -> tuple[LineVerdict, ...]:
        """The verdicts, built now if they were not yet (building twice in a race gives equal tuples)."""
        value = self._value
        if value is None:
            build = self._build
            if build is None:  # another thread built them meanwhile (it sets the value before this)
                value = self._value
                assert value is not None
            else:
                value = self._value = build()
                self._build = None  # lets go of the scored lines
        return value

    @overload
    def __getitem__(self, index: int) -> LineVerdict: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[LineVerdict, ...]: ...

    def __getitem__(self, index: int | slice) -> LineVerdict | tuple[LineVerdict, ...]:
        return self.get()[index]

    def __len__(self) -> int:
        return len(self.get())

    def __iter__(self) -> Iterator[LineVerdict]:
        return iter(self.get())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Verdicts):
            return self.get() == other.get()
        if isinstance(other, tuple):
            return self.get() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.get())

    def __repr__(self) -> str:
        return f"Verdicts({self.get()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Verdicts, (self.get(),))


@dataclass(frozen=True)
class RelatedEntry:
    """One entry of a related/recommended block, parsed into its parts (each may be missing)."""

    headline: str | None = None
    source: str | None = None
    age: str | None = None
    blurb: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form: every field by name."""
        return asdict(self)


@dataclass(frozen=True)
class Metadata:
    """What the page's own lines and markup told us; a field is None (or empty) where nothing said it.

    `sources` says where each value set came from, as (field, source) pairs sorted by field: "rule:<id>"
    (a rule's named group on a removed line), "meta" (a meta tag), "json-ld" (the page's structured data)
    or "extraction" (the HTML extractor's own reading of the page).
    """

    publisher: str | None = None
    copyright_holder: str | None = None
    copyright_year: int | None = None
    distributor: str | None = None
    credits: tuple[str, ...] = ()
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    sources: tuple[tuple[str, str], ...] = ()

    def source(self, name: str) -> str | None:
        """Where the value of field `name` came from, or None when nothing set it."""
        return dict(self.sources).get(name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form: every field by name (``credits`` as a list, ``sources`` as a mapping)."""
        return {**asdict(self), "credits": list(self.credits), "sources": dict(self.sources)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Metadata:
        """The metadata `to_dict` gave: missing fields keep their defaults, keys of no field are left out."""
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if fields.get("credits") is not None:
            fields["credits"] = tuple(fields["credits"])
        else:
            fields.pop("credits", None)
        sources = fields.pop("sources", None)
        if isinstance(sources, Mapping):  # to_dict's form
            fields["sources"] = tuple(sorted(sources.items()))
        elif sources:  # a batch record's (field, source) records, or pairs as the dataclass holds them
            pairs = (
                (item["field"], item["source"]) if isinstance(item, Mapping) else tuple(item)
                for item in sources
            )
            fields["sources"] = tuple(sorted((str(k), str(v)) for k, v in pairs))
        return cls(**fields)


@dataclass(frozen=True)
class Result:
    """The article found in a page, plus every removal with its reason."""

    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    related: tuple[RelatedEntry, ...] = ()
    format: str = "text"
    language: str | None = None
    is_article: bool = True
    warnings: tuple[str, ...] = ()
    verdicts: Verdicts = field(default_factory=Verdicts, repr=False)
    #: Each paragraph's structure where the markup told it (HTML), else empty: see `Block`.
    blocks: tuple[Block, ...] = field(default=(), repr=False)
    #: What kind of page it is (``article``, ``forum``, ``product``, ``collection``, ``listing``,
    #: ``documentation`` or ``service``), and why: the classifier's reasons, or that the caller said so.
    page_type: str = "article"
    page_type_reasons: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[LineVerdict, ...]:
        """Every input line (or HTML block) with its verdict, score and reasons, in input order."""
        return self.verdicts.get()

    @property
    def text(self) -> str:
        """The body paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)

    @property
    def rule_counts(self) -> dict[str, int]:
        """How often each rule fired on this page, by rule id."""
        return dict(Counter(r.rule for r in self.removed))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict of every field, plus ``text`` and ``rule_counts``."""
        return {
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "removed": [r._asdict() for r in self.removed],
            "metadata": self.metadata.to_dict(),
            "related": [e.to_dict() for e in self.related],
            "lines": [{**v._asdict(), "reasons": list(v.reasons)} for v in self.lines],
            "format": self.format,
            "language": self.language,
            "is_article": self.is_article,
            "page_type": self.page_type,
            "page_type_reasons": list(self.page_type_reasons),
            "warnings": list(self.warnings),
            "rule_counts": self.rule_counts,
            "blocks": [{"kind": b.kind, "cells": list(b.cells)} for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """The result a `to_dict` form (or a ``cleanpage batch`` output record) describes.

        Derived keys (``text``, ``rule_counts``) and keys that are not fields (a record's ``id``) are
        ignored; missing ones take their defaults, and a record without ``is_article`` is an article when it
        has paragraphs. A batch record of a failed page (one with an ``error``) raises `ValueError`.
        """
        error = data.get("error")
        if error:
            kind = error.get("kind") if isinstance(error, Mapping) else None
            message = error.get("message") if isinstance(error, Mapping) else error
            raise ValueError(f"the record is a failure, not a result: {kind}: {message}")
        paragraphs = tuple(data.get("paragraphs") or ())
        return cls(
            title=data.get("title"),
            paragraphs=paragraphs,
            removed=tuple(Removal(**r) for r in data.get("removed") or ()),
            metadata=Metadata.from_dict(data.get("metadata") or {}),
            related=tuple(RelatedEntry(**e) for e in data.get("related") or ()),
            format=data.get("format") or "text",
            language=data.get("language"),
            is_article=bool(data.get("is_article", bool(paragraphs))),
            warnings=tuple(data.get("warnings") or ()),
            verdicts=Verdicts(
                tuple(
                    LineVerdict(**{**v, "reasons": tuple(v.get("reasons") or ())})
                    for v in data.get("lines") or ()
                )
            ),
            blocks=tuple(Block(b["kind"], tuple(b.get("cells") or ())) for b in data.get("blocks") or ()),
            page_type=data.get("page_type") or "article",
            page_type_reasons=tuple(data.get("page_type_reasons") or ()),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Result:
        """The result a `to_json` string (or one line of ``cleanpage batch`` JSONL output) describes."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"a result is a JSON object, not {type(data).__name__}")
        return cls.from_dict(data)

    def to_markdown(self) -> str:
        """The title and body as Markdown: headings, lists, block quotes and tables kept as structure (from
        the markup of an HTML page; read from the lines of a text dump). See `cleanpage.markdown`."""
        from .markdown import to_markdown

        return to_markdown(self)

    def render(self, output_format: str = "text") -> str:
        """The result in one of `OUTPUT_FORMATS`: ``text`` (the body, a paragraph a line), ``markdown``
        (`to_markdown`) or ``json`` (`to_json`, indented)."""
        if output_format == "text":
            return self.text + "\n" if self.paragraphs else ""
        if output_format == "markdown":
            return self.to_markdown()
        if output_format == "json":
            return self.to_json(indent=2) + "\n"
        raise ValueError(f"output_format must be one of {', '.join(OUTPUT_FORMATS)}, not {output_format!r}")

    def to_json(self, **kwargs: Any) -> str:
        """The `to_dict` form as a JSON string; keyword arguments go to `json.dumps`."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
