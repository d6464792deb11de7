"""Which trafilatura settings extract each WCXB page type best, and how cleanpage's HTML path does per type.

    PYTHONPATH=. python scripts/measure_extraction_by_type.py [--wcxb DIR] [--cache DIR] [--limit N]

For every development page (HTML) and every setting, the word F1 of the extracted text against the ground
truth's ``main_content`` (the benchmark's metric: lower-cased ``\\w+`` tokens as bags of words), then the mean
per page type. Each setting's per-page scores are cached in ``--cache`` (one JSON file per setting), so an
interrupted run resumes. Runs one page at a time in one process.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_WCXB = Path("/work/shared/benchmarks/wcxb-dev")
DEFAULT_CACHE = Path("/tmp/ptype-cache/extraction")
TOKEN = re.compile(r"\w+")
Page = dict[str, Any]
Extractor = Callable[[Page], str]


def word_f1(truth: str, predicted: str) -> float:
    """Word F1 of two texts: lower-cased ``\\w+`` tokens as bags of words (1.0 when both are empty)."""
    t = Counter(TOKEN.findall(truth.lower()))
    p = Counter(TOKEN.findall(predicted.lower()))
    if not t and not p:
        return 1.0
    common = sum((t & p).values())
    if common == 0:
        return 0.0
    precision = common / sum(p.values())
    recall = common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def _trafilatura(**options: Any) -> Extractor:
    def run(page: Page) -> str:
        import trafilatura

        return trafilatura.extract(page["html"], url=page["url"], output_format="txt", **options) or ""

    return run


def _baseline(page: Page) -> str:
    import trafilatura

    return str(trafilatura.baseline(page["html"])[1] or "")


def _html2txt(page: Page) -> str:
    import trafilatura

    return str(trafilatura.html2txt(page["html"]) or "")


def _cleanpage(page: Page) -> str:
    import cleanpage

    return cleanpage.clean(page["html"], format="html").text


def _extract(typed: str | None) -> Extractor:
    """cleanpage's extraction step alone (`cleanpage.html.extract.extract`, balanced focus), told no type
    (read as an article), the page's benchmark label (`typed="label"`) or the classifier's type
    (`typed="predicted"`)."""

    def run(page: Page) -> str:
        from cleanpage.classify import classify
        from cleanpage.html.extract import extract, parse
        from cleanpage.html.pagetype import page_features

        tree = parse(page["html"])
        if tree is None:
            return ""
        page_type = "article"  # extract's own default
        if typed == "label":
            page_type = page["type"]
        elif typed == "predicted":
            page_type = classify(page_features(tree, page["url"])).page_type
        return "\n".join(extract(tree, page["url"], "balanced", page_type).paragraphs)

    return run


#: The settings measured. trafilatura's own defaults keep comments and tables and use its fallbacks.
SETTINGS: dict[str, Extractor] = {
    "default": _trafilatura(),
    "no_comments": _trafilatura(include_comments=False),
    "recall": _trafilatura(favor_recall=True),
    "recall_no_comments": _trafilatura(favor_recall=True, include_comments=False),
    "precision": _trafilatura(favor_precision=True),
    "precision_no_comments": _trafilatura(favor_precision=True, include_comments=False),
    "no_tables": _trafilatura(include_tables=False),
    "baseline": _baseline,
    "html2txt": _html2txt,
    "cleanpage": _cleanpage,
    "extract_untyped": _extract(None),
    "extract_label_type": _extract("label"),
    "extract_predicted_type": _extract("predicted"),
}


def pages(root: Path, limit: int | None) -> list[Page]:
    """The development pages that have a ground-truth main content: id, type, address, that text and HTML."""
    files = json.loads((root / "metadata.json").read_text())["files"]
    out = []
    for page_id, meta in sorted(files.items()):
        if meta.get("split") != "dev":
            continue
        truth = json.loads((root / "dev" / "ground-truth" / f"{page_id}.json").read_text())
        if "main_content" not in truth["ground_truth"]:  # a page without a ground truth is not scored
            continue
        raw = gzip.decompress((root / "dev" / "html" / f"{page_id}.html.gz").read_bytes())
        out.append(
            {
                "id": page_id,
                "type": meta["page_type"],
                "url": truth.get("url"),
                "truth": truth["ground_truth"]["main_content"] or "",
                "html": raw.decode("utf-8", "replace"),
            }
        )
        if limit and len(out) >= limit:
            break
    return out


def measure(
    name: str, extractor: Extractor, corpus: Sequence[dict[str, Any]], cache: Path
) -> dict[str, float]:
    """Word F1 per page id for one setting (cached)."""
    path = cache / f"{name}.json"
    scores: dict[str, float] = json.loads(path.read_text()) if path.is_file() else {}
    todo = [p for p in corpus if p["id"] not in scores]
    for n, page in enumerate(todo, 1):
        try:
            text = extractor(page)
        except Exception as exc:  # a failing page scores 0, as an empty extraction would
            print(f"  {name} {page['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text = ""
        scores[page["id"]] = word_f1(page["truth"], text)
        if n % 200 == 0:
            path.write_text(json.dumps(scores))
            print(f"  {name}: {n}/{len(todo)}", file=sys.stderr)
    path.write_text(json.dumps(scores))
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every setting and print the mean word F1 per page type (best per type marked with *)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wcxb", type=Path, default=DEFAULT_WCXB)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--settings", nargs="*", default=list(SETTINGS))
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    args.cache.mkdir(parents=True, exist_ok=True)
    corpus = pages(args.wcxb, args.limit)
    results = {name: measure(name, SETTINGS[name], corpus, args.cache) for name in args.settings}
    types = sorted({p["type"] for p in corpus}, key=lambda t: -sum(p["type"] == t for p in corpus))
    groups = {t: [p["id"] for p in corpus if p["type"] == t] for t in types}
    groups["all"] = [p["id"] for p in corpus]
    means = {
        name: {t: sum(scores[i] for i in ids) / len(ids) for t, ids in groups.items()}
        for name, scores in results.items()
    }
    header = ["setting", *(f"{t} ({len(ids)})" for t, ids in groups.items())]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for name in results:
        cells = []
        for t in groups:
            best = max(means[n][t] for n in results)
            cells.append(f"{means[name][t]:.3f}{'*' if means[name][t] == best else ''}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
