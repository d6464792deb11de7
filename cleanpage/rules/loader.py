"""Load TOML rule packs into a `RuleSet`, validating every field before any page is cleaned."""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, cast

import regex

from ..errors import RuleError
from .model import KINDS, SCOPES, DomRule, Rule, RuleSet, Scope
from .safety import check_pattern

#: Lines longer than this many words are never looked at by a rule that does not say otherwise.
DEFAULT_MAX_WORDS = 40
#: How strongly a rule hit pulls a line's score down, unless the rule says otherwise.
DEFAULT_WEIGHT = 8.0

_RULE_KEYS = frozenset(
    {
        "id",
        "scope",
        "pattern",
        "languages",
        "max_words",
        "weight",
        "description",
        "examples",
        "counter_examples",
    }
)
#: Keys of a DOM rule: a selector instead of a pattern, and none of the line-scoring keys.
_DOM_RULE_KEYS = frozenset({"id", "selector", "description", "examples", "counter_examples"})
_PACK_KEYS = frozenset({"language", "stopwords", "description", "max_words"})


def builtin_languages() -> tuple[str, ...]:
    """The languages of the packs shipped inside the package."""
    return _builtin().languages


def load_rules(sources: Iterable[str | os.PathLike[str] | RuleSet] = (), *, builtin: bool = True) -> RuleSet:
    """The shipped packs (unless ``builtin=False``) followed by each extra rule file or `RuleSet`."""
    ruleset = _builtin() if builtin else RuleSet(())
    for source in sources:
        ruleset = ruleset.merged(source if isinstance(source, RuleSet) else load_file(source))
    return ruleset


def load_file(path: str | os.PathLike[str]) -> RuleSet:
    """One rule file; a missing file or a bad rule raises `RuleError` naming the file."""
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(name, None, f"cannot read rule file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(name, None, f"rule file is not UTF-8: {exc.reason}") from None
    return load_text(text, origin=name)


def load_text(text: str, origin: str = "<string>", *, shipped: bool = False) -> RuleSet:
    """Rules from TOML text; `origin` names the source in error messages.

    Every pattern is checked for catastrophic backtracking (`check_pattern`), except with ``shipped=True``:
    the packs shipped inside the package are checked by the test suite instead, rule by rule, so that a
    process does not spend most of its start-up probing patterns that cannot have changed.
    """
    return _load_text(text, origin, shipped, None)


def check_file(path: str | os.PathLike[str]) -> tuple[RuleSet, list[RuleError]]:
    """Every problem of one rule file, not only the first: the rules that load, and a `RuleError` for each
    rule that does not (or one for the whole file, when it is not a rule file at all: bad TOML, bad
    ``[pack]``). A rule id used twice in the file names the rule's first use."""
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        return RuleSet(()), [RuleError(name, None, f"cannot read rule file: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return RuleSet(()), [RuleError(name, None, f"rule file is not UTF-8: {exc.reason}")]
    problems: list[RuleError] = []
    try:
        ruleset = _load_text(text, name, False, problems)
    except RuleError as exc:
        return RuleSet(()), [exc]
    return ruleset, problems


def _load_text(text: str, origin: str, shipped: bool, problems: list[RuleError] | None) -> RuleSet:
    """`load_text`; with a `problems` list, a bad rule is added to it and left out instead of raising."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(origin, None, f"invalid TOML: {exc}") from None
    pack = data.pop("pack", {})
    if not isinstance(pack, dict):
        raise RuleError(origin, None, "[pack] must be a table")
    unknown = sorted(set(pack) - _PACK_KEYS)
    if unknown:
        raise RuleError(origin, None, f"unknown [pack] key(s): {', '.join(unknown)}")
    language = pack.get("language", "*")
    if not isinstance(language, str) or not language:
        raise RuleError(origin, None, "[pack] language must be a language code or '*'")
    pack_max_words = _int(pack.get("max_words", DEFAULT_MAX_WORDS), origin, None, "max_words")
    stopwords: dict[str, frozenset[str]] = {}
    if "stopwords" in pack:
        words = _strings(pack["stopwords"], origin, None, "stopwords")
        if language == "*":
            raise RuleError(origin, None, "stopwords need a pack language, not '*'")
        stopwords[language] = frozenset(w.casefold() for w in words)
    rules: list[Rule] = []
    dom: list[DomRule] = []
    seen: set[str] = set()
    for kind, entries in data.items():
        try:
            if kind not in KINDS:
                raise RuleError(origin, None, f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
            if not isinstance(entries, list):
                raise RuleError(origin, None, f"kind {kind!r} must be an array of tables: [[{kind}]]")
        except RuleError as exc:
            if problems is None:
                raise
            problems.append(exc)
            continue
        for entry in entries:
            try:
                if isinstance(entry, dict) and "selector" in entry:
                    rule: Rule | DomRule = _dom_rule(entry, kind, origin)
                else:
                    rule = _rule(entry, kind, language, pack_max_words, origin, shipped)
                if problems is not None and rule.id in seen:
                    raise RuleError(origin, rule.id, "duplicate rule id: this file has it twice")
            except RuleError as exc:
                if problems is None:
                    raise
                problems.append(exc)
                continue
            seen.add(rule.id)
            if isinstance(rule, DomRule):
                dom.append(rule)
            else:
                rules.append(rule)
    return RuleSet(tuple(rules), stopwords, tuple(dom))


def _dom_rule(entry: dict[str, Any], kind: str, origin: str) -> DomRule:
    """A rule with a ``selector`` (CSS subset, see `cleanpage.html.selector`) that runs on HTML markup."""
    from ..html.selector import SelectorError, compile_selector

    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleError(origin, None, f"a [[{kind}]] rule has no id")
    if "pattern" in entry:
        raise RuleError(origin, rule_id, "a rule has either a pattern or a selector, not both")
    unknown = sorted(set(entry) - _DOM_RULE_KEYS)
    if unknown:
        raise RuleError(origin, rule_id, f"key(s) {', '.join(unknown)} do not apply to a selector rule")
    try:
        selector = compile_selector(entry["selector"])
    except SelectorError as exc:
        raise RuleError(origin, rule_id, f"invalid selector: {exc}") from None
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise RuleError(origin, rule_id, "description must be a string")
    return DomRule(
        id=rule_id,
        kind=kind,
        selector=selector,
        description=description,
        examples=tuple(_strings(entry.get("examples", []), origin, rule_id, "examples")),
        counter_examples=tuple(
            _strings(entry.get("counter_examples", []), origin, rule_id, "counter_examples")
        ),
        origin=origin,
    )


def _rule(entry: Any, kind: str, language: str, pack_max_words: int, origin: str, shipped: bool) -> Rule:
    if not isinstance(entry, dict):
        raise RuleError(origin, None, f"each [[{kind}]] entry must be a table")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleError(origin, None, f"a [[{kind}]] rule has no id")
    unknown = sorted(set(entry) - _RULE_KEYS)
    if unknown:
        raise RuleError(origin, rule_id, f"unknown key(s) {', '.join(unknown)}")
    scope = entry.get("scope", "line")
    if scope not in SCOPES:
        raise RuleError(origin, rule_id, f"unknown scope {scope!r}; scopes are {', '.join(SCOPES)}")
    source = entry.get("pattern")
    if not isinstance(source, str) or not source:
        raise RuleError(origin, rule_id, "pattern must be a non-empty string (or a selector, for markup)")
    try:
        # VERSION0 (the `re`-compatible behaviour): simple case folding. Full folding (VERSION1's default
        # under (?i)) backtracks exponentially on runs of i, s or f ("ﬁ", "ß" fold to two letters), and a
        # pattern's source stays exactly what its author wrote. See rules/safety.py.
        pattern = regex.compile(source, regex.VERSION0)
    except regex.error as exc:
        raise RuleError(origin, rule_id, f"invalid regular expression: {exc}") from None
    problem = None if shipped else check_pattern(pattern)
    if problem:
        raise RuleError(origin, rule_id, problem)
    languages = entry.get("languages", [language])
    langs = frozenset(_strings(languages, origin, rule_id, "languages"))
    max_words = _int(entry.get("max_words", pack_max_words), origin, rule_id, "max_words")
    weight = entry.get("weight", DEFAULT_WEIGHT)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        raise RuleError(origin, rule_id, "weight must be a positive number")
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise RuleError(origin, rule_id, "description must be a string")
    rule = Rule(
        id=rule_id,
        kind=kind,
        scope=cast(Scope, scope),
        pattern=pattern,
        languages=langs,
        max_words=max_words,
        weight=float(weight),
        description=description,
        examples=tuple(_strings(entry.get("examples", []), origin, rule_id, "examples")),
        counter_examples=tuple(
            _strings(entry.get("counter_examples", []), origin, rule_id, "counter_examples")
        ),
        origin=origin,
    )
    return rule


def _strings(value: Any, origin: str, rule_id: str | None, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(origin, rule_id, f"{key} must be a list of strings")
    return cast(list[str], value)


def _int(value: Any, origin: str, rule_id: str | None, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleError(origin, rule_id, f"{key} must be a positive integer")
    return value


@functools.cache
def _builtin() -> RuleSet:
    """The shipped packs, loaded once per process (they are package data and never change)."""
    packs = resources.files("cleanpage.rules").joinpath("packs")
    ruleset = RuleSet(())
    for entry in sorted(packs.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            origin = f"cleanpage/rules/packs/{entry.name}"
            ruleset = ruleset.merged(
                load_text(entry.read_text(encoding="utf-8"), origin=origin, shipped=True)
            )
    return ruleset
