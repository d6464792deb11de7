"""The outcome of cleaning one page: the article, what was removed and why, and what the cruft told us."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple


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


class Verdicts:
    """A result's per-line verdicts, built when first read: most callers want the text, not the explanation.

    Compares, hashes and pickles as the tuple of verdicts it stands for.
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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Verdicts) and self.get() == other.get()

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
            "metadata": {**asdict(self.metadata), "sources": dict(self.metadata.sources)},
            "related": [asdict(e) for e in self.related],
            "lines": [{**v._asdict(), "reasons": list(v.reasons)} for v in self.lines],
            "format": self.format,
            "language": self.language,
            "is_article": self.is_article,
            "warnings": list(self.warnings),
            "rule_counts": self.rule_counts,
        }

    def to_json(self, **kwargs: Any) -> str:
        """The `to_dict` form as a JSON string; keyword arguments go to `json.dumps`."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
