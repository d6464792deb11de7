"""The options of one cleaning run, as one frozen, hashable, picklable value."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from .errors import ConfigError

if TYPE_CHECKING:
    from .rules import RuleSet

Format: TypeAlias = Literal["text", "html"]
Focus: TypeAlias = Literal["balanced", "precision", "recall"]
RuleSource: TypeAlias = "str | os.PathLike[str] | RuleSet"

FORMATS: tuple[str, ...] = ("text", "html")
#: The page types a page is classified into (WCXB's taxonomy), in that benchmark's order.
PAGE_TYPES: tuple[str, ...] = (
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
)
FOCUSES: tuple[str, ...] = ("balanced", "precision", "recall")

#: Default refusal size: large enough for any real page, small enough to protect a worker's memory.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    """Every option of `clean`; a keyword given to `clean` overrides the field of the same name.

    - ``format``: ``"text"``, ``"html"`` or ``None`` to detect.
    - ``language``: a shipped or added pack's language code, or ``None`` to detect among them.
    - ``focus``: the one precision/recall trade-off: ``"balanced"``, ``"precision"`` or ``"recall"``.
    - ``rules``: extra rule files (paths) or compiled `RuleSet` values, added to the shipped packs.
    - ``disable``: rule ids to switch off.
    - ``keep``: cruft kinds to keep in the body anyway (for example ``{"caption"}``).
    - ``url``: the page's address, passed through to metadata.
    - ``max_bytes``: larger input is refused with `InputTooLargeError` before any work.
    - ``time_budget``: seconds one page may take; `TimeBudgetExceededError` past it (``None``: no limit).
    - ``page_type``: one of `PAGE_TYPES` when the caller knows what kind of page it is, or ``None`` to
      classify each page; the type decides what the page's main content is (a forum's posts, a listing's
      entries, an article's body).
    """

    format: Format | None = None
    language: str | None = None
    focus: Focus = "balanced"
    rules: tuple[RuleSource, ...] = ()
    disable: frozenset[str] = field(default_factory=frozenset)
    keep: frozenset[str] = field(default_factory=frozenset)
    url: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    time_budget: float | None = None
    page_type: str | None = None

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ConfigError(f"format must be one of {FORMATS} or None, not {self.format!r}")
        if self.focus not in FOCUSES:
            raise ConfigError(f"focus must be one of {FOCUSES}, not {self.focus!r}")
        if self.language is not None and not (isinstance(self.language, str) and self.language):
            raise ConfigError(f"language must be a language code such as 'en' or None, not {self.language!r}")
        object.__setattr__(self, "rules", _as_tuple(self.rules, "rules"))
        object.__setattr__(self, "disable", _as_frozenset(self.disable, "disable"))
        object.__setattr__(self, "keep", _as_frozenset(self.keep, "keep"))
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be a positive int, not {self.max_bytes!r}")
        if self.time_budget is not None and (
            isinstance(self.time_budget, bool)
            or not isinstance(self.time_budget, int | float)
            or self.time_budget <= 0
        ):
            raise ConfigError(
                f"time_budget must be a positive number of seconds or None, not {self.time_budget!r}"
            )
        if self.page_type is not None and self.page_type not in PAGE_TYPES:
            raise ConfigError(
                f"page_type must be one of {', '.join(PAGE_TYPES)} or None, not {self.page_type!r}"
            )
        if self.url is not None and not isinstance(self.url, str):
            raise ConfigError(f"url must be a str or None, not {type(self.url).__name__}")

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Config:
        """A `Config` from option values by field name (a command line's parsed arguments, say).

        Names that are not fields are ignored, and so are ``None`` values, so the defaults hold for them.
        """
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in options.items() if k in names and v is not None})

    def replace(self, **overrides: Any) -> Config:
        """A copy with the given fields changed; unknown names raise `ConfigError`."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise ConfigError(
                f"unknown option(s) {', '.join(unknown)}; options are {', '.join(sorted(names))}"
            )
        return dataclasses.replace(self, **overrides)


def _as_tuple(value: Any, name: str) -> tuple[Any, ...]:
    if isinstance(value, str | os.PathLike) or not isinstance(value, Iterable):
        return (value,)
    return tuple(value)


def _as_frozenset(value: Any, name: str) -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise ConfigError(f"{name} must be a collection of str, not {type(value).__name__}")
    items = frozenset(value)
    bad = [v for v in items if not isinstance(v, str)]
    if bad:
        raise ConfigError(f"{name} must hold str values, not {bad[0]!r}")
    return items
