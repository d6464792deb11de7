"""Scale figures: ``python -m cleanpage.batch.bench [speed|memory|ray|all]``.

- speed: clean_many pages/s with 1 and 2 workers on the AEB pages, interleaved runs, medians and ratio.
- memory: peak RSS of a whole ``cleanpage batch`` process tree over small and large generated JSONL.
- ray: clean_dataset on a local two-worker Ray cluster against clean_many with 2 workers, side by side.

The machine may be shared: every figure is a median of runs made side by side in one invocation.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: The AEB pages where the project keeps them: ../shared beside the checkout, run from its root.
DEFAULT_AEB = Path("../shared/benchmarks/aeb/html")


def load_pages(folder: Path) -> list[dict[str, Any]]:
    """The ``*.html.gz`` pages of `folder` as records (id, html bytes), sorted by name."""
    return [
        {"id": p.name.removesuffix(".html.gz"), "html": gzip.decompress(p.read_bytes())}
        for p in sorted(folder.glob("*.html.gz"))
    ]


def _timed(run: Callable[[], int]) -> float:
    """Pages per second of one call of `run` (which returns how many pages it cleaned)."""
    start = time.perf_counter()
    n = run()
    return n / (time.perf_counter() - start)


def speed(pages: list[dict[str, Any]], repeats: int) -> dict[str, Any]:
    """clean_many with 1 and 2 workers, runs interleaved so both see the same machine load."""
    from .pool import clean_many

    rates: dict[int, list[float]] = {1: [], 2: []}
    sum(1 for _ in clean_many(pages[:2], workers=1))  # untimed: imports and first-call costs out of the way
    for _ in range(repeats):
        for workers in (1, 2):
            rates[workers].append(_timed(lambda w=workers: sum(1 for _ in clean_many(pages, workers=w))))  # type: ignore[misc]
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    ratios = [b / a for a, b in zip(rates[1], rates[2], strict=True)]
    return {
        "pages": len(pages),
        "repeats": repeats,
        "workers_1_pages_per_s": round(one, 1),
        "workers_2_pages_per_s": round(two, 1),
        "ratio_of_medians": round(two / one, 2),
        "median_of_ratios": round(statistics.median(ratios), 2),
        "runs": {str(k): [round(v, 1) for v in vs] for k, vs in rates.items()},
    }


def _text_record(i: int) -> str:
    page = (
        f"Council approves budget item {i}\nBy Desk Reporter {i % 11}\n"
        f"The council approved item {i} of the budget on Monday after a debate of {i % 90 + 10} minutes.\n"
        f"Members said the {i % 30 + 1} projects it funds would start in the spring, weather permitting.\n"
        "Share this article\n"
        f"Copyright {2000 + i % 25} Valley Courier. All rights reserved.\n"
    )
    return json.dumps({"id": f"rec-{i}", "text": page}) + "\n"


def peak_rss(argv: Sequence[str]) -> tuple[int, float]:
    """(peak summed RSS in bytes of the process and all its descendants, seconds) of running `argv`."""
    import psutil  # type: ignore[import-untyped]

    start = time.perf_counter()
    proc = psutil.Popen(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        total = 0
        with contextlib.suppress(psutil.Error):
            for p in [proc, *proc.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
        peak = max(peak, total)
        time.sleep(0.02)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}")
    return peak, time.perf_counter() - start


def memory(sizes: Sequence[int], repeats: int, workers: int) -> dict[str, Any]:
    """Peak RSS of ``cleanpage batch`` (whole process tree) over generated JSONL of each size."""
    out: dict[str, Any] = {"workers": workers, "repeats": repeats, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {}
        for n in sizes:
            path = Path(tmp, f"in-{n}.jsonl")
            with path.open("w", encoding="utf-8") as f:
                for i in range(n):
                    f.write(_text_record(i))
            inputs[n] = path
        peaks: dict[int, list[int]] = {n: [] for n in sizes}
        for _ in range(repeats):
            for n in sizes:
                argv = [
                    sys.executable,
                    "-m",
                    "cleanpage.batch",
                    str(inputs[n]),
                    "-o",
                    str(Path(tmp, "out.jsonl.gz")),
                ]
                peak, seconds = peak_rss([*argv, "--workers", str(workers), "--quiet"])
                peaks[n].append(peak)
                out["runs"].setdefault(str(n), []).append(
                    {"peak_mib": round(peak / 2**20, 1), "s": round(seconds, 1)}
                )
    medians = {n: statistics.median(v) for n, v in peaks.items()}
    out["median_peak_mib"] = {str(n): round(m / 2**20, 1) for n, m in medians.items()}
    small, large = min(sizes), max(sizes)
    out["ratio_large_to_small"] = round(medians[large] / medians[small], 3)
    return out


def ray_vs_pool(pages: list[dict[str, Any]], repeats: int) -> dict[str, Any]:
    """Pages/s of clean_dataset on a local two-worker Ray cluster and of clean_many with 2 workers."""
    import ray

    from ..engines.ray import clean_dataset
    from .pool import clean_many

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ds = ray.data.from_items(pages, override_num_blocks=8).materialize()
        rates: dict[str, list[float]] = {"ray": [], "clean_many": []}
        for _ in range(repeats):
            rates["ray"].append(
                _timed(lambda: clean_dataset(ds, workers=2, batch_size=8).materialize().count())
            )
            rates["clean_many"].append(_timed(lambda: sum(1 for _ in clean_many(pages, workers=2))))
    finally:
        ray.shutdown()
    r, p = statistics.median(rates["ray"]), statistics.median(rates["clean_many"])
    return {
        "pages": len(pages),
        "repeats": repeats,
        "ray_pages_per_s": round(r, 1),
        "clean_many_pages_per_s": round(p, 1),
        "ray_to_clean_many": round(r / p, 2),
        "runs": {k: [round(v, 1) for v in vs] for k, vs in rates.items()},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen measurements and print them as JSON (and write them with --json)."""
    parser = argparse.ArgumentParser(
        prog="python -m cleanpage.batch.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("what", nargs="?", choices=("speed", "memory", "ray", "all"), default="all")
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB, help="folder of *.html.gz pages")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--sizes", default="2000,200000", help="record counts for memory (default: %(default)s)"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers of the memory runs")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    if args.what in ("speed", "ray", "all"):
        pages = load_pages(args.aeb)
        if not pages:
            parser.error(f"{args.aeb}: no *.html.gz pages")
        if args.what in ("speed", "all"):
            figures["speed"] = speed(pages, args.repeats)
        if args.what in ("ray", "all"):
            figures["ray"] = ray_vs_pool(pages, args.repeats)
    if args.what in ("memory", "all"):
        sizes = [int(s) for s in args.sizes.split(",")]
        figures["memory"] = memory(sizes, args.repeats, args.workers)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
