"""Fit the page-type classifier on the WCXB development split and write its weights.

    PYTHONPATH=. python scripts/fit_page_type.py [--wcxb DIR] [--cache DIR] [--out FILE] [--folds 5]

Reads only each page's label, site (metadata ``domain``), address (the ground truth's ``url``) and HTML (and
the text dump made from it by the benchmark's procedure, `cleanpage.bench.corpus.text_dump`); never the
ground-truth text. Fits one multinomial logistic regression for HTML features and one for text-dump
features, each on every page twice (with its address and without, so one model serves both), prints the
accuracy of cross-validation grouped by site (no site in both the fitting and the scoring part of a fold)
with and without addresses, the confusion table and per-type precision and recall, and writes the weights.
Features are cached (``--cache``) so refits are quick; delete the cache after changing a feature.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cleanpage.classify import PAGE_TYPES, WEIGHTS_FILE, Model, choose
from cleanpage.pagefeatures import DESCRIPTIONS, text_features, url_values

DEFAULT_WCXB = Path("/work/shared/benchmarks/wcxb-dev")
DEFAULT_CACHE = Path("/tmp/ptype-cache")
#: L2 penalty, gradient steps and step size of the fit (Adam on the mean log loss).
L2 = 0.02
STEPS = 1500
STEP_SIZE = 0.05
SEED = 16
#: The article floor shipped: another type wins only when the article's probability is below it. A lower
#: floor keeps more articles as articles at some cost in accuracy; the figures for the others are printed.
ARTICLE_FLOOR = 0.35
FLOORS_SHOWN = (0.25, 0.3, 0.4, 1.0)
ARTICLE = PAGE_TYPES.index("article")
Page = dict[str, Any]


def load_pages(root: Path, cache: Path) -> list[Page]:
    """Every dev page's id, type, site, address and features (HTML features, text-dump features, address
    features apart), computed once and cached in `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / "features.json"
    if cached.is_file():
        pages: list[Page] = json.loads(cached.read_text())
        return pages
    from cleanpage.bench.corpus import text_dump
    from cleanpage.html.extract import parse
    from cleanpage.html.pagetype import page_features

    files = json.loads((root / "metadata.json").read_text())["files"]
    (cache / "dumps").mkdir(exist_ok=True)
    pages = []
    html_seconds = 0.0
    for n, (page_id, meta) in enumerate(sorted(files.items()), 1):
        if meta.get("split") != "dev":
            continue
        truth = json.loads((root / "dev" / "ground-truth" / f"{page_id}.json").read_text())
        url = truth.get("url")
        raw = gzip.decompress((root / "dev" / "html" / f"{page_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", "replace")
        tree = parse(html)
        start = time.perf_counter()
        html_values = dict(page_features(tree).values) if tree is not None else {}
        html_seconds += time.perf_counter() - start
        dump_path = cache / "dumps" / f"{page_id}.txt"
        if not dump_path.is_file():
            dump_path.write_text(text_dump(raw), encoding="utf-8")
        dump = dump_path.read_text(encoding="utf-8")
        pages.append(
            {
                "id": page_id,
                "type": meta["page_type"],
                "domain": meta["domain"],
                "url": url,
                "html": html_values,
                "text": dict(text_features(dump.splitlines()).values),
                "url_values": url_values(url),
            }
        )
        if n % 100 == 0:
            print(f"  {n} pages read", file=sys.stderr)
    print(f"HTML features: {1000 * html_seconds / len(pages):.2f} ms per page", file=sys.stderr)
    cached.write_text(json.dumps(pages))
    return pages


def feature_names(pages: Sequence[Page], source: str) -> list[str]:
    """The features of `source` any page has, in the order of `DESCRIPTIONS` (address features included)."""
    seen = {k for p in pages for k in p[source]} | {k for p in pages for k in p["url_values"]}
    return [name for name in DESCRIPTIONS if name in seen]


def matrix(pages: Sequence[Page], source: str, names: Sequence[str], with_url: bool) -> np.ndarray:
    """The pages' feature rows (raw values), with or without their address features."""
    rows = []
    for p in pages:
        values = {**p[source], **(p["url_values"] if with_url else {})}
        rows.append([values.get(n, 0.0) for n in names])
    return np.asarray(rows, dtype=float)


def fit(x_raw: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Multinomial logistic regression on ``log1p`` of the features, standardised; Adam on the mean log loss
    with an L2 penalty. Every page weighs the same (weighting rare types up costs articles). Returns the
    parts of a `Model`."""
    z = np.log1p(x_raw)
    mean = z.mean(axis=0)
    scale = z.std(axis=0)
    scale[scale == 0] = 1.0
    z = (z - mean) / scale
    n, d = z.shape
    k = len(PAGE_TYPES)
    onehot = np.eye(k)[y]
    coef = np.zeros((k, d))
    bias = np.zeros(k)
    m = [np.zeros_like(coef), np.zeros_like(bias)]
    v = [np.zeros_like(coef), np.zeros_like(bias)]
    for step in range(1, STEPS + 1):
        logits = z @ coef.T + bias
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        err = (prob - onehot) / n
        grads = [err.T @ z + L2 * coef, err.sum(axis=0)]
        for i, (param, grad) in enumerate(zip((coef, bias), grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * grad
            v[i] = 0.999 * v[i] + 0.001 * grad**2
            param -= STEP_SIZE * (m[i] / (1 - 0.9**step)) / (np.sqrt(v[i] / (1 - 0.999**step)) + 1e-8)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(), "intercept": bias.tolist()}


def folds_by_site(pages: Sequence[Page], k: int) -> list[int]:
    """A fold number per page, the sites shuffled (seeded) and dealt out so no site is in two folds."""
    sites = sorted({p["domain"] for p in pages})
    random.Random(SEED).shuffle(sites)
    fold_of = {site: i % k for i, site in enumerate(sites)}
    return [fold_of[p["domain"]] for p in pages]


def predict(model: Model, rows: np.ndarray, names: Sequence[str], floor: float) -> list[int]:
    """The type index `cleanpage.classify` would choose for each row (with the article preference)."""
    out = []
    for row in rows:
        probs = model.probabilities(dict(zip(names, row.tolist(), strict=True)))
        out.append(PAGE_TYPES.index(choose(probs, floor)[0]))
    return out


def cross_validate(pages: Sequence[Page], source: str, k: int, floors: Sequence[float]) -> dict[str, Any]:
    """Grouped-by-site cross-validated predictions, with and without addresses, for each article floor."""
    names = feature_names(pages, source)
    y = np.asarray([PAGE_TYPES.index(p["type"]) for p in pages])
    folds = np.asarray(folds_by_site(pages, k))
    x_url = matrix(pages, source, names, True)
    x_bare = matrix(pages, source, names, False)
    preds: dict[tuple[bool, float], np.ndarray] = {
        (u, f): np.zeros(len(pages), dtype=int) for u in (True, False) for f in floors
    }
    for fold in range(k):
        train = folds != fold
        test = ~train
        x_train = np.vstack([x_url[train], x_bare[train]])
        y_train = np.concatenate([y[train], y[train]])
        model = Model(source, tuple(names), **fit(x_train, y_train))
        for with_url, x in ((True, x_url), (False, x_bare)):
            for floor in floors:
                preds[(with_url, floor)][test] = predict(model, x[test], names, floor)
    return {"y": y, "preds": preds, "names": names}


def report(y: np.ndarray, pred: np.ndarray, title: str) -> None:
    """Accuracy, the confusion table (rows: label, columns: prediction), per-type precision and recall."""
    k = len(PAGE_TYPES)
    table = np.zeros((k, k), dtype=int)
    for a, b in zip(y, pred, strict=True):
        table[a, b] += 1
    accuracy = float(np.trace(table)) / len(y)
    print(f"\n{title}: accuracy {accuracy:.3f} ({int(np.trace(table))}/{len(y)})")
    short = [t[:5] for t in PAGE_TYPES]
    print(f"{'label / predicted':>18} " + " ".join(f"{s:>6}" for s in short) + "   recall")
    for i, t in enumerate(PAGE_TYPES):
        recall = table[i, i] / max(1, table[i].sum())
        print(f"{t:>18} " + " ".join(f"{c:>6}" for c in table[i]) + f"   {recall:.3f}")
    precision = [table[i, i] / max(1, table[:, i].sum()) for i in range(k)]
    print(f"{'precision':>18} " + " ".join(f"{p:>6.3f}" for p in precision))
    print(f"articles labelled as another type: {table[ARTICLE].sum() - table[ARTICLE, ARTICLE]}")


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, print the figures, fit on every page and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wcxb", type=Path, default=DEFAULT_WCXB)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--floor", type=float, default=ARTICLE_FLOOR, help="the article floor shipped")
    args = parser.parse_args(argv)
    pages = load_pages(args.wcxb, args.cache)
    floors = sorted({args.floor, *FLOORS_SHOWN})
    results = {source: cross_validate(pages, source, args.folds, floors) for source in ("html", "text")}
    for source, res in results.items():
        for floor in floors:
            acc_url = float(np.mean(res["preds"][(True, floor)] == res["y"]))
            acc_bare = float(np.mean(res["preds"][(False, floor)] == res["y"]))
            lost = [
                int(np.sum((res["y"] == ARTICLE) & (res["preds"][(u, floor)] != ARTICLE))) for u in (1, 0)
            ]
            print(
                f"{source}, article floor {floor:.2f}: accuracy with URL {acc_url:.3f},"
                f" without {acc_bare:.3f};"
                f" articles lost {lost[0]} / {lost[1]}"
            )
    floor = args.floor
    for source, res in results.items():
        for with_url in (True, False):
            label = f"{source}, {'with' if with_url else 'without'} URL, article floor {floor}"
            report(res["y"], res["preds"][(with_url, floor)], label)
    models = {}
    for source in ("html", "text"):
        names = feature_names(pages, source)
        y = np.asarray([PAGE_TYPES.index(p["type"]) for p in pages])
        x = np.vstack([matrix(pages, source, names, True), matrix(pages, source, names, False)])
        y2 = np.concatenate([y, y])
        models[source] = {"features": names, **fit(x, y2)}
    payload = {"page_types": list(PAGE_TYPES), "article_floor": floor, "models": models}
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
