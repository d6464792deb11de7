"""The pipeline that reads top to bottom: normalise -> segment -> score -> decide -> Result."""

from __future__ import annotations

import dataclasses
import functools
import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .config import Config
from .decide import BODY, TITLE, Decision, decide
from .errors import ConfigError, TimeBudgetExceededError
from .metadata import from_hits
from .normalize import decode, detect_format
from .profiles import GIVEN_TYPE, profiled, spread_of
from .result import LineVerdict, Metadata, Removal, Result, Verdicts
from .rules import KINDS, Rule, RuleSet, load_rules
from .rules.matcher import Matcher, compile_for
from .score import Memo, Scored, detect_language, score_lines
from .segment import Line, segment_columns

if TYPE_CHECKING:  # imported where used: classifying is not needed to import cleanpage
    from .classify import TypeVerdict

#: Words of the shortest line that can be an entry of a page read whole (a listing's headline).
ENTRY_MIN_WORDS = 4
#: Kinds a user may keep in the body anyway: every cruft kind, and the content detector's "boilerplate".
KEEPABLE_KINDS = frozenset(KINDS) | {"boilerplate"}


class Cleaner:
    """A compiled configuration: load the rules once, then clean any number of pages.

    Thread-safe and picklable (a worker process rebuilds it from its `Config`).
    """

    def __init__(self, config: Config | None = None, **overrides: Any) -> None:
        config = config or Config()
        if overrides:
            config = config.replace(**overrides)
        self.config = config
        unknown = sorted(config.keep - KEEPABLE_KINDS)
        if unknown:
            raise ConfigError(
                f"keep names unknown kind(s): {', '.join(unknown)}; kinds are {', '.join(sorted(KINDS))}"
            )
        ruleset = load_rules(config.rules)
        if config.disable:
            ruleset = ruleset.without(config.disable)
        self.ruleset: RuleSet = ruleset
        self._by_language: dict[str | None, Matcher] = {
            lang: compile_for(ruleset, lang) for lang in (*ruleset.languages, None)
        }
        # Per language, the features of lines already seen (see `score_lines`): never changes a result.
        self._memos: dict[str | None, Memo] = {lang: Memo() for lang in self._by_language}
        self._notes: tuple[str, ...] = ()  # said of every page cleaned with this configuration
        if config.language is not None and config.language not in ruleset.languages:
            self._notes = (unknown_language_note(config.language, ruleset.languages),)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Cleaner, (self.config,))

    def rules_for(self, language: str | None) -> tuple[Rule, ...]:
        """The rules that run on pages of `language`, in order."""
        return self.matcher_for(language).rules

    def matcher_for(self, language: str | None) -> Matcher:
        """The compiled rules (with their prefilter) that run on pages of `language`."""
        if language not in self._by_language:
            return compile_for(self.ruleset, language)
        return self._by_language[language]

    def clean(self, page: str | bytes | os.PathLike[str]) -> Result:
        """Clean one page (text dump or HTML, str or bytes; a `pathlib.Path` is a file to read) into a
        `Result`."""
        config = self.config
        notes: list[str] = []
        if isinstance(page, os.PathLike):
            page = _read_page_file(page, config.max_bytes)
        elif isinstance(page, str) and _names_a_file(page):
            notes.append(
                "the page is one line that names an existing file; it was cleaned as text "
                "(pass a pathlib.Path to clean the file)"
            )
        if page is None or not isinstance(page, str | bytes | bytearray | memoryview):
            raise TypeError(f"page must be str or bytes (text or HTML) or a path, not {type(page).__name__}")
        deadline = time.monotonic() + config.time_budget if config.time_budget else None
        decoded = decode(page, config.max_bytes)
        if notes:
            decoded = dataclasses.replace(decoded, warnings=(*notes, *decoded.warnings))
        _check_deadline(deadline, config)
        fmt = config.format or detect_format(decoded.text)
        if fmt == "html":
            from .html import clean_html

            return clean_html(decoded.text, self, decoded.warnings, deadline)
        indexes, texts = segment_columns(decoded.text)
        _check_deadline(deadline, config)
        verdict = None if config.page_type else self.type_verdict(texts)
        return self._clean_texts(
            indexes,
            texts,
            "text",
            decoded.warnings,
            deadline,
            None,
            page_type=verdict.page_type if verdict else None,
            type_reasons=verdict.reasons if verdict else (),
            likelier_type=verdict.likeliest if verdict is not None and verdict.unsure else None,
            rival=verdict.rival if verdict is not None else None,
        )

    def page_type_of(self, texts: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        """The type of a text page from its lines as `segment_columns` gives them (and the config's address),
        and the classifier's reasons."""
        verdict = self.type_verdict(texts)
        return verdict.page_type, verdict.reasons

    def type_verdict(self, texts: Sequence[str]) -> TypeVerdict:
        """`page_type_of` in full: the type, the reasons and each type's probability."""
        from .classify import classify
        from .pagefeatures import text_features

        return classify(text_features(texts, self.config.url, normalised=True))

    def clean_lines(
        self,
        lines: Sequence[Line],
        fmt: str,
        warnings: Sequence[str] = (),
        deadline: float | None = None,
        metadata: Metadata | None = None,
        *,
        whole: bool = False,
        title_index: int | None = None,
        page_type: str | None = None,
        type_reasons: tuple[str, ...] = (),
    ) -> Result:
        """Score and decide already segmented lines (their texts as `normalize_line` leaves them); the text
        path and the HTML path both end here.

        ``whole=True`` says the lines are already the article (an extractor's output) and `title_index`
        (a position in `lines`) its title: see `decide`.
        """
        indexes = [line.index for line in lines]
        texts = [line.text for line in lines]
        return self._clean_texts(
            indexes, texts, fmt, warnings, deadline, metadata, whole, title_index, page_type, type_reasons
        )

    def _clean_texts(
        self,
        indexes: Sequence[int],
        texts: Sequence[str],
        fmt: str,
        warnings: Sequence[str],
        deadline: float | None,
        metadata: Metadata | None,
        whole: bool = False,
        title_index: int | None = None,
        page_type: str | None = None,
        type_reasons: tuple[str, ...] = (),
        likelier_type: str | None = None,
        rival: str | None = None,
    ) -> Result:
        """`clean_lines` of the lines given by their input line numbers and texts; `page_type` (with the
        reasons it was chosen, the type the classifier found likelier when it preferred the article, and the
        rival type of a doubted article: see `TypeVerdict`) decides what the page's main content is, unless
        the config names one."""
        config = self.config
        language = config.language
        if language is None:
            language = detect_language(texts, self.ruleset.stopwords)
        stopwords = self.ruleset.stopwords.get(language) if language else None
        memo = self._memos.get(language)
        scored = score_lines(texts, self.matcher_for(language), stopwords, deadline, memo)
        if deadline is not None and time.monotonic() > deadline:
            raise TimeBudgetExceededError(f"cleaning took longer than time_budget={config.time_budget}s")
        if config.page_type is not None:
            page_type, type_reasons, likelier_type, rival = config.page_type, (GIVEN_TYPE,), None, None
        focus, keep, whole_page = profiled(page_type, config.focus, config.keep, likelier=likelier_type)
        if whole_page and not any(s.n_words >= ENTRY_MIN_WORDS and not s.hits for s in scored):
            whole_page = False  # nothing on the page reads as an entry (a headline): menus are not a listing
        decision = decide(
            scored,
            focus,
            keep,
            whole=whole or whole_page,
            title_index=title_index,
            spread=spread_of(page_type, rival),
        )
        if page_type not in (None, "article"):
            decision = dataclasses.replace(decision, is_article=False)
        if self._notes:
            warnings = (*warnings, *self._notes)
        base = metadata or Metadata(url=config.url)
        return _result(indexes, scored, decision, fmt, language, warnings, base, page_type, type_reasons)


def unknown_language_note(language: str, known: Sequence[str]) -> str:
    """What to say when a language has no rule pack: only the language-independent rules run on its pages."""
    return (
        f"no rule pack for language {language!r} (packs: {', '.join(known)}): only the "
        "language-independent rules run"
    )


#: A str longer than this is page text without asking the file system whether it names a file.
_PATH_CHARS = 4096


def _names_a_file(text: str) -> bool:
    """Whether `text` is one line that names an existing file: a path passed where page text was meant."""
    if len(text) > _PATH_CHARS or "\n" in text or "\x00" in text or not text.strip():
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


def _read_page_file(path: os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the page file at `path` (decompressed for ``.gz``, ``.bz2``, ``.xz``): at most one byte
    over `max_bytes`, so that larger input is refused without reading it all."""
    from .compressed import read_bytes

    return read_bytes(os.fspath(path), max_bytes)


def _check_deadline(deadline: float | None, config: Config) -> None:
    """Raise `TimeBudgetExceededError` once `deadline` (a `time.monotonic` value) has passed."""
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceededError(f"cleaning took longer than time_budget={config.time_budget}s")


def _result(
    indexes: Sequence[int],
    scored: Sequence[Scored],
    decision: Decision,
    fmt: str,
    language: str | None,
    warnings: Sequence[str],
    base: Metadata,
    page_type: str | None = None,
    type_reasons: tuple[str, ...] = (),
) -> Result:
    paragraphs: list[str] = []
    removed: list[Removal] = []
    with_hits: list[Scored] = []  # the lines not kept on which rules fired: what the cruft told us
    title: str | None = None
    new = tuple.__new__  # a NamedTuple without its Python-level constructor: once per removed line
    for index, s, kind, rule in zip(indexes, scored, decision.kinds, decision.rules, strict=True):
        if kind == BODY:
            paragraphs.append(s.text)
            continue
        if kind == TITLE and rule is None:
            title = s.text
        else:
            removed.append(new(Removal, (s.text, kind, rule or kind, index)))
        if s.hits:
            with_hits.append(s)
    return Result(
        title=title,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        metadata=from_hits(with_hits, base),
        related=decision.related,
        format=fmt,
        language=language,
        is_article=decision.is_article and bool(paragraphs),
        warnings=(*warnings, *decision.notes),
        verdicts=Verdicts(lambda: _verdicts(indexes, scored, decision)),
        page_type=page_type or "article",
        page_type_reasons=type_reasons,
    )


def _verdicts(
    indexes: Sequence[int], scored: Sequence[Scored], decision: Decision
) -> tuple[LineVerdict, ...]:
    """Each line's verdict with the score and reasons it was made from (built when first read)."""
    return tuple(
        LineVerdict(index, s.text, kind == BODY, kind, rule, round(s.score, 3), s.reasons())
        for index, s, kind, rule in zip(indexes, scored, decision.kinds, decision.rules, strict=True)
    )


def _rule_files_key(config: Config) -> tuple[tuple[str, int, int], ...]:
    key = []
    for source in config.rules:
        if isinstance(source, str | os.PathLike):
            try:
                st = os.stat(source)
                key.append((os.fspath(source), st.st_mtime_ns, st.st_size))
            except OSError:
                key.append((os.fspath(source), -1, -1))
    return tuple(key)


@functools.lru_cache(maxsize=16)
def _cached_cleaner(config: Config, files: tuple[tuple[str, int, int], ...]) -> Cleaner:
    return Cleaner(config)


def clean(page: str | bytes | os.PathLike[str], config: Config | None = None, **overrides: Any) -> Result:
    """Clean one page: ``clean(page).text`` is the article body; keywords override `Config` fields.

    A str or bytes is the page itself (text dump or HTML); a `pathlib.Path` (any `os.PathLike`) is a file
    to read it from.
    """
    config = config or Config()
    if overrides:
        config = config.replace(**overrides)
    return _cached_cleaner(config, _rule_files_key(config)).clean(page)
