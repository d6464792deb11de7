"""Reading a benchmark corpus of either shape, and making the text-dump variant of an HTML page.

The three shapes (see ../shared/CORPUS-FORMAT.md) are told apart by their files:

- ScrapingHub shape: ``ground-truth.json`` beside an ``html/`` folder of ``<id>.html.gz`` pages;
- WCXB shape: ``metadata.json`` beside ``<split>/html/<id>.html.gz`` and ``<split>/ground-truth/<id>.json``
  (pages of seven types; a page belongs to the split its metadata names, whatever folder holds it);
- case folder: ``<id>.txt`` or ``<id>.html`` beside ``<id>.json``, in the folder or any sub-folder (the id is
  then the relative path without its extension, e.g. ``news/bbc-1``).

A page whose bytes are valid UTF-8 is handed to the cleaners as ``str``; any other page as its raw ``bytes``.
"""

from __future__ import annotations

import gzip
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..config import PAGE_TYPES  # the page types of the WCXB shape, in the benchmark's order

Format = Literal["text", "html"]
Shape = Literal["cases", "scrapinghub", "wcxb"]

KNOWN_FAILURES_FILE = "known-failures.toml"
_DUMP_DROPPED_TAGS = ("script", "style", "noscript", "template")


class CorpusError(Exception):
    """A corpus cannot be read: the message names the file and the problem."""


@dataclass(frozen=True)
class Case:
    """One page with its ground truth."""

    id: str
    format: Format
    page: str | bytes
    body: tuple[str, ...]
    truth_text: str
    title: str | None = None
    title_known: bool = False
    url: str | None = None
    notes: str = ""
    size_bytes: int = 0
    related: tuple[Mapping[str, str | None], ...] | None = None
    metadata: Mapping[str, Any] | None = None
    page_type: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suite:
    """The cases of one corpus, as one named suite."""

    name: str
    path: Path
    shape: Shape
    as_text: bool
    cases: tuple[Case, ...]
    known_failures: Mapping[str, str] = field(default_factory=dict)


def page_size(page: str | bytes) -> int:
    """The size of a page in bytes (UTF-8 for a ``str``)."""
    return len(page) if isinstance(page, bytes) else len(page.encode("utf-8", "surrogatepass"))


def _page_from_bytes(data: bytes) -> str | bytes:
    """`data` as text when it is valid UTF-8 (a BOM dropped), otherwise untouched."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data


def detect_shape(path: Path) -> Shape:
    """Which of the two corpus shapes the folder `path` has; `CorpusError` when it is neither."""
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if not path.is_dir():
        raise CorpusError(f"{path}: not a folder (give a corpus folder)")
    if (path / "ground-truth.json").is_file() and (path / "html").is_dir():
        return "scrapinghub"
    if (path / "metadata.json").is_file() and any(path.glob("*/ground-truth")):
        return "wcxb"
    return "cases"


def default_suite_name(shape: Shape, as_text: bool, split: str = "dev") -> str:
    """The suite name used when none is given: corpus / corpus-text, aeb-html / aeb-text, wcxb-dev-html /
    wcxb-dev-text (the split's name in the middle)."""
    if shape == "scrapinghub":
        return "aeb-text" if as_text else "aeb-html"
    if shape == "wcxb":
        return f"wcxb-{split}-text" if as_text else f"wcxb-{split}-html"
    return "corpus-text" if as_text else "corpus"


def load_suite(
    path: Path,
    *,
    as_text: bool = False,
    name: str | None = None,
    split: str = "dev",
    types: frozenset[str] | None = None,
) -> Suite:
    """Read the corpus at `path` (shape detected), optionally as text dumps, into a `Suite`.

    `split` and `types` choose the pages of a WCXB-shaped corpus (the other shapes have neither).
    """
    shape = detect_shape(path)
    if shape == "scrapinghub":
        cases = read_scrapinghub(path)
    elif shape == "wcxb":
        cases = read_wcxb(path, split, types)
    else:
        cases = read_case_folder(path)
    if not cases:
        if shape == "wcxb":
            raise CorpusError(
                f"{path}: no pages of split {split!r}" + (f" and types {sorted(types)}" if types else "")
            )
        raise CorpusError(f"{path}: no cases found (expected <id>.txt|.html beside <id>.json)")
    if as_text:
        cases = [as_text_case(c) for c in cases]
    return Suite(
        name=name or default_suite_name(shape, as_text, split),
        path=path,
        shape=shape,
        as_text=as_text,
        cases=tuple(cases),
        known_failures=read_known_failures(path / KNOWN_FAILURES_FILE),
    )


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read JSON ({exc})") from exc


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_case_folder(root: Path) -> list[Case]:
    """Every case of a case folder, sorted by id; a case file that breaks the format raises `CorpusError`."""
    inputs: dict[str, Path] = {}
    for suffix in (".txt", ".html"):
        for file in root.rglob(f"*{suffix}"):
            if not file.is_file() or _hidden(file, root):
                continue
            case_id = file.relative_to(root).with_suffix("").as_posix()
            if case_id in inputs:
                raise CorpusError(f"{root}: case {case_id!r} has both a .txt and an .html input")
            inputs[case_id] = file
    cases = [_read_case(case_id, inputs[case_id]) for case_id in sorted(inputs)]
    for truth in root.rglob("*.json"):
        if _hidden(truth, root) or truth.relative_to(root).with_suffix("").as_posix() in inputs:
            continue
        data = _load_json(truth)
        if isinstance(data, dict) and "body" in data:
            raise CorpusError(f"{truth}: ground truth without an input file (<id>.txt or <id>.html)")
    return cases


def _read_case(case_id: str, file: Path) -> Case:
    truth_path = file.with_suffix(".json")
    if not truth_path.is_file():
        raise CorpusError(f"{file}: no ground truth {truth_path.name} beside it")
    data = _load_json(truth_path)
    if not isinstance(data, dict):
        raise CorpusError(f"{truth_path}: expected a JSON object")
    fmt = data.get("format")
    expected: Format = "text" if file.suffix == ".txt" else "html"
    if fmt not in ("text", "html"):
        raise CorpusError(f'{truth_path}: \'format\' must be "text" or "html", not {fmt!r}')
    if fmt != expected:
        raise CorpusError(f"{truth_path}: format {fmt!r} disagrees with the input file {file.name}")
    body = data.get("body")
    if not isinstance(body, list) or not all(isinstance(p, str) for p in body):
        raise CorpusError(f"{truth_path}: 'body' must be a list of strings")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise CorpusError(f"{truth_path}: 'title' must be a string or null")
    url = data.get("url")
    related = _related_truth(truth_path, data.get("related"))
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise CorpusError(f"{truth_path}: 'metadata' must be an object of fields")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{file}: cannot read ({exc})") from exc
    page = _page_from_bytes(raw)
    return Case(
        id=case_id,
        format=expected,
        page=page,
        body=tuple(body),
        truth_text="\n".join(body),
        title=title,
        title_known="title" in data,
        url=url if isinstance(url, str) else None,
        notes=str(data.get("notes") or ""),
        size_bytes=page_size(page),
        related=related,
        metadata=metadata,
    )


#: The fields of a related entry in the truth; `headline` is required.
ENTRY_FIELDS = ("source", "age", "headline", "blurb")


def _related_truth(path: Path, value: Any) -> tuple[Mapping[str, str | None], ...] | None:
    """The `related` truth of a case: None when not given; a `CorpusError` when malformed."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise CorpusError(f"{path}: 'related' must be a list of entries")
    entries = []
    for k, entry in enumerate(value):
        if not isinstance(entry, dict) or not isinstance(entry.get("headline"), str):
            raise CorpusError(f"{path}: related entry {k} must be an object with a string 'headline'")
        unknown = sorted(set(entry) - set(ENTRY_FIELDS))
        if unknown or not all(entry.get(f) is None or isinstance(entry[f], str) for f in ENTRY_FIELDS):
            raise CorpusError(
                f"{path}: related entry {k} has {', '.join(ENTRY_FIELDS)} as strings or null only"
            )
        entries.append({f: entry.get(f) for f in ENTRY_FIELDS})
    return tuple(entries)


def read_scrapinghub(root: Path) -> list[Case]:
    """Every page of a ScrapingHub-shaped corpus, sorted by id; the body lines are the articleBody lines."""
    truth_path = root / "ground-truth.json"
    data = _load_json(truth_path)
    if not isinstance(data, dict):
        raise CorpusError(f"{truth_path}: expected a JSON object keyed by page id")
    cases = []
    for case_id in sorted(data):
        item = data[case_id]
        if not isinstance(item, dict) or not isinstance(item.get("articleBody", ""), str):
            raise CorpusError(f"{truth_path}: entry {case_id!r} must be an object with a string articleBody")
        page_path = root / "html" / f"{case_id}.html.gz"
        raw = _read_gzipped(page_path)
        text = item.get("articleBody") or ""
        url = item.get("url")
        page = _page_from_bytes(raw)
        cases.append(
            Case(
                id=case_id,
                format="html",
                page=page,
                body=tuple(line.strip() for line in text.splitlines() if line.strip()),
                truth_text=text,
                url=url if isinstance(url, str) else None,
                size_bytes=page_size(page),
            )
        )
    return cases


def read_wcxb(root: Path, split: str = "dev", types: frozenset[str] | None = None) -> list[Case]:
    """The pages of one split of a WCXB-shaped corpus (optionally of some page types only), sorted by id.

    The body is ``main_content`` split into its non-empty lines; ``with`` and ``without`` are the snippets
    a correct extraction contains and must not contain. A page whose ``main_content`` is absent or empty
    (a page the annotators found no content on, such as an app shell) is not scored, as in the benchmark.
    """
    meta_path = root / "metadata.json"
    meta = _load_json(meta_path)
    files = meta.get("files") if isinstance(meta, dict) else None
    if not isinstance(files, dict):
        raise CorpusError(f"{meta_path}: expected an object with a 'files' object")
    unknown = sorted((types or frozenset()) - set(PAGE_TYPES))
    if unknown:
        raise CorpusError(f"unknown page type(s) {', '.join(unknown)}; known: {', '.join(PAGE_TYPES)}")
    # The split's own folder first, then any other: a page belongs to the split its metadata names, even
    # where a release keeps it in another split's folder.
    folders = [root / split, *sorted(p.parent for p in root.glob("*/ground-truth") if p.parent.name != split)]
    cases = []
    for case_id in sorted(files):
        info = files[case_id]
        if not isinstance(info, dict) or info.get("split") != split:
            continue
        page_type = info.get("page_type")
        if types is not None and page_type not in types:
            continue
        found = next(
            (
                (folder / "html" / f"{case_id}.html.gz", folder / "ground-truth" / f"{case_id}.json")
                for folder in folders
                if (folder / "ground-truth" / f"{case_id}.json").is_file()
            ),
            None,
        )
        if found is None:
            continue  # the metadata lists every page of the benchmark; a copy may hold a subset
        page_path, truth_path = found
        data = _load_json(truth_path)
        truth = data.get("ground_truth") if isinstance(data, dict) else None
        if not isinstance(truth, dict):
            raise CorpusError(f"{truth_path}: expected a ground_truth object")
        text = truth.get("main_content")
        if not isinstance(text, str) or not text.strip():
            continue
        raw = _read_gzipped(page_path)
        url = data.get("url")
        title = truth.get("title")
        page = _page_from_bytes(raw)
        cases.append(
            Case(
                id=case_id,
                format="html",
                page=page,
                body=tuple(line.strip() for line in text.splitlines() if line.strip()),
                truth_text=text,
                title=title if isinstance(title, str) else None,
                url=url if isinstance(url, str) else None,
                size_bytes=page_size(page),
                page_type=page_type if isinstance(page_type, str) else None,
                with_snippets=_snippets(truth.get("with")),
                without_snippets=_snippets(truth.get("without")),
            )
        )
    return cases


def _read_gzipped(path: Path) -> bytes:
    """The bytes of a gzipped page; `CorpusError` naming the file when it cannot be read."""
    try:
        return gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise CorpusError(f"{path}: cannot read the gzipped page ({exc})") from exc


def _snippets(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str) and v.strip()) if isinstance(value, list) else ()


def text_dump(html: str | bytes) -> str:
    """The plain-text dump of an HTML page, made exactly as CORPUS-FORMAT.md says ("aeb-text").

    BeautifulSoup with the lxml parser; every script, style, noscript and template element removed;
    ``soup.get_text("\\n")``; each line stripped; empty lines dropped.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_DUMP_DROPPED_TAGS):
        if not tag.decomposed:
            tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def as_text_case(case: Case) -> Case:
    """The text-dump variant of an HTML case (a text case is returned as it is)."""
    if case.format == "text":
        return case
    dump = text_dump(case.page)
    return replace(case, format="text", page=dump, size_bytes=page_size(dump))


def read_known_failures(path: Path) -> dict[str, str]:
    """Known failures by case id, from a TOML file; an absent file means none.

    Two forms, mixable: ``"case-id" = "reason"`` at the top level, or ``[[failure]]`` tables with ``id`` and
    ``reason`` keys.
    """
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read TOML ({exc})") from exc
    failures: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, str):
            failures[key] = value
        elif key == "failure" and isinstance(value, list):
            for entry in value:
                if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)):
                    raise CorpusError(f"{path}: each [[failure]] needs a string 'id'")
                failures[entry["id"]] = str(entry.get("reason", ""))
        else:
            raise CorpusError(
                f'{path}: {key!r} must be a string reason ("id" = "reason") or [[failure]] tables'
            )
    return failures
