"""What the cruft tells: the values the rules' named groups point at, read whole and normalised.

A rule's group marks where a value starts; the value is then read to its real end here, which a pattern
alone does badly: a holder's name runs on over its own abbreviations ("Bloomberg L.P.", "GmbH & Co. KG")
and ends at the first full stop after them; a credit line names several people, one credit each, without
their roles ("Reporting by") or places ("in Springfield"); a year written after the holder is the year.
Each value set records where it came from (`Metadata.sources`: "rule:<id>").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any, Protocol

import regex

from .result import Metadata
from .rules import RuleHit

#: Metadata fields filled from rule patterns' named groups of the same name (``credit`` accumulates).
SCALAR_FIELDS = ("publisher", "copyright_holder", "distributor", "byline", "dateline", "published")
#: Fields whose value is a name read to its end (see `read_name`).
NAME_FIELDS = frozenset({"copyright_holder", "distributor", "publisher"})
#: Longest name read, in characters.
MAX_NAME_CHARS = 100
#: Corporate suffixes a name runs on over. Those written with a full stop as abbreviations ("Inc.", "L.P.")
#: end the name with it, unless another suffix follows ("GmbH & Co. KG"); after the others ("GmbH", "LLC")
#: a full stop ends the sentence, not the name.
ABBREVIATIONS = frozenset(
    {
        "inc.",
        "ltd.",
        "l.l.c.",
        "l.p.",
        "llp.",
        "co.",
        "corp.",
        "s.a.",
        "s.a.s.",
        "s.a.r.l.",
        "s.l.",
        "s.l.u.",
        "s.p.a.",
        "s.r.l.",
        "n.v.",
        "b.v.",
        "pty.",
        "e.v.",
        "bros.",
    }
)
SUFFIXES = frozenset(
    {
        "inc",
        "ltd",
        "llc",
        "lp",
        "llp",
        "plc",
        "co",
        "corp",
        "company",
        "limited",
        "gmbh",
        "ag",
        "kg",
        "kgaa",
        "se",
        "sa",
        "sas",
        "sarl",
        "sl",
        "spa",
        "srl",
        "nv",
        "bv",
        "pty",
        "ab",
        "as",
        "oy",
        "&",
    }
    | ABBREVIATIONS
)
#: Phrases that follow a holder's name on its line and are not part of it.
_RESERVED = regex.compile(
    r"(?i)[\s,.\-–—|]*(?:all rights reserved|tous droits réservés|alle rechte vorbehalten"
    r"|todos los derechos reservados|derechos reservados)\W*$"
)
#: What ends a name in its line: a separator between two statements.
_SEPARATOR = regex.compile(r"[|•·;]")
#: One letter or dotted letters: "J.", "N.Y.", "L.P.".
_INITIALS = regex.compile(r"(?:\p{L}\.){1,4}")
#: A year written after the holder: "© Lindauer Bote 2025".
_TRAILING_YEAR = regex.compile(r"[\s,]+((?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)?\d\d)?$")
#: Roles that open a credit ("Reporting by", "Edición de", "Mitarbeit:"), in the pack languages.
_CREDIT_ROLE = regex.compile(
    r"(?i)^\W*(?:(?:with )?(?:additional )?(?:reporting|writing|editing|edited|compiled|translated|produced"
    r"|research|graphics|photography|fact-checking|assistance|contributions?)\s+(?:by|from)"
    r"|edición|editado|redacción|traducción|traducido|con información|reportaje"
    r"|édité|édition|rédaction|traduction|traduit|propos recueillis"
    r"|mitarbeit|redaktion|bearbeitung|übersetzung|übersetzt|mit material)"
    r"(?:\s+(?:de|por|par|von))?(?:\s*:)?\s+"
)
#: What joins the people of one credit: commas, "and" and "&", and the pack languages' "and".
_CREDIT_JOIN = regex.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|und|et|y)\s+")
#: Where a credited person is written from: "in Springfield", "à Lyon", "en Madrid".
_CREDIT_PLACE = regex.compile(r"\s+(?:in|at|from|à|en|aus)\s+\p{Lu}[^,;]*$")


class HitLine(Protocol):
    """A line with the rule hits on it (a scored line, or a line of an HTML page's cruft)."""

    @property
    def text(self) -> str: ...

    @property
    def hits(self) -> tuple[RuleHit, ...]: ...


def from_hits(with_hits: Iterable[HitLine], base: Metadata) -> Metadata:
    """`base` with its gaps filled from the named groups of the rules that fired on removed lines."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    credits: list[str] = list(base.credits)
    credit_source: str | None = None
    for s in with_hits:
        for hit in s.hits:
            source = f"rule:{hit.rule.id}"
            for name, value in hit.groups:
                if name == "credit":
                    for credit in split_credits(value):
                        if credit not in credits:
                            credits.append(credit)
                            credit_source = credit_source or source
                elif name == "copyright_year":
                    if name not in values:
                        values[name], sources[name] = int(value), source
                elif name in SCALAR_FIELDS and name not in values:
                    text = read_name(s.text, value) if name in NAME_FIELDS else value.strip()
                    if name == "copyright_holder":
                        text, year = split_year(text)
                        if year is not None and "copyright_year" not in values:
                            values["copyright_year"], sources["copyright_year"] = year, source
                    if text:
                        values[name], sources[name] = text, source
    merged = {f.name: getattr(base, f.name) for f in fields(Metadata)}
    known = dict(base.sources)
    for name, value in values.items():
        if merged.get(name) is None:
            merged[name] = value
            known.setdefault(name, sources[name])
    if len(credits) > len(base.credits) and credit_source is not None:
        known.setdefault("credits", credit_source)
    merged["credits"] = tuple(credits)
    merged["sources"] = tuple(sorted(known.items()))
    return Metadata(**merged)


def read_name(line: str, start: str) -> str:
    """The whole name that begins with `start` (a rule's group) on `line`, over its abbreviations.

    The name ends at a separator (``|``, ``•``, ``;``), at a full stop after a word that is no abbreviation,
    or right after a corporate suffix written with a full stop unless another suffix follows; phrases such
    as "All rights reserved" after it are left out.
    """
    at = line.find(start)
    rest = line[at:] if at >= 0 else start
    words = rest[:MAX_NAME_CHARS].split()
    taken: list[str] = []
    for k, word in enumerate(words):
        cut = _SEPARATOR.search(word)
        if cut is not None:
            if cut.start():
                taken.append(word[: cut.start()])
            break
        if not word.endswith(".") or word.endswith(".."):
            taken.append(word)
            continue
        bare = word.casefold().lstrip("(")
        nxt = words[k + 1].casefold().rstrip(".,") if k + 1 < len(words) else ""
        if bare in ABBREVIATIONS:
            taken.append(word)
            if nxt in SUFFIXES or f"{nxt}." in SUFFIXES:
                continue
            break
        if _initials(word) and nxt:
            taken.append(word)  # "J. R. Smith", "N.Y. Syndicate": initials run on
            continue
        taken.append(word[:-1])
        break
    name = " ".join(taken)
    name = _RESERVED.sub("", name)
    return name.strip(" ,-–—:")


def _initials(word: str) -> bool:
    """Whether a word ending with a full stop is one letter or dotted letters ("J.", "N.Y.", "L.P.")."""
    return bool(_INITIALS.fullmatch(word))


def split_year(holder: str) -> tuple[str, int | None]:
    """A holder's name and the year written after it, if any ("Lindauer Bote 2025" -> 2025; of a span of
    years, its first: "Jane Roe 2012-2025" -> 2012, as a year before the holder is read)."""
    match = _TRAILING_YEAR.search(holder)
    if match is None:
        return holder, None
    return holder[: match.start()].rstrip(" ,-–—"), int(match.group(1))


def split_credits(value: str) -> list[str]:
    """A credit line's people, one credit each, without their roles and places.

    'A in Springfield; Editing by B' -> ['A', 'B']; 'A, B and C' -> ['A', 'B', 'C'].
    """
    people: list[str] = []
    for part in value.split(";"):
        part = _CREDIT_ROLE.sub("", part.strip(" ()")).strip(" ().")
        for person in _CREDIT_JOIN.split(part):
            person = _CREDIT_PLACE.sub("", person).strip(" ().,")
            if person and person not in people:
                people.append(person)
    return people
