"""Clean a Parquet or JSONL dataset on a local Ray cluster and write the cleaned rows as Parquet.

    python examples/ray_clean_parquet.py pages.parquet cleaned/ --column html --workers 2
    python examples/ray_clean_parquet.py --demo cleaned/        # makes a small dataset of its own first

Needs ``pip install 'cleanpage[ray]'``. On a multi-node cluster, set RAY_ADDRESS (or pass --address) and
give paths every node can read (shared storage or s3://...): the code is the same (see docs/scale.md).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import ray

from cleanpage.engines.ray import clean_dataset

DEMO_STORY = (
    "<html><body><nav><a href='/'>Home</a></nav><article><h1>Pier lights switched on, night {i}</h1>"
    "<p>Crowds gathered on the pier as the new lights were switched on for night {i} of the winter fair.</p>"
    "<p>The fair committee said the lights would stay on until the end of the month, weather permitting.</p>"
    "</article><footer><p>Copyright 2024 Harbour Post. All rights reserved.</p></footer></body></html>"
)


def read(path: str) -> ray.data.Dataset:
    """A Parquet or JSONL(.gz) file or folder as a Ray Dataset."""
    lower = path.lower().rstrip("/")
    if lower.endswith((".jsonl", ".jsonl.gz", ".json", ".json.gz")):
        return ray.data.read_json(path)
    return ray.data.read_parquet(path)


def demo_input(folder: Path, rows: int = 200) -> str:
    """Write a small Parquet dataset of fictional pages into `folder` and return its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "demo.parquet"
    items = [
        {"id": f"demo-{i}", "url": f"https://harbour.example/{i}", "html": DEMO_STORY.format(i=i)}
        for i in range(rows)
    ]
    pq.write_table(pa.Table.from_pylist(items), path)
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", help="a Parquet or JSONL(.gz) file or folder")
    parser.add_argument("output", help="the folder to write the cleaned Parquet files to")
    parser.add_argument("--column", default="html", help="the column holding the page (default: html)")
    parser.add_argument("--workers", type=int, default=2, help="actors, one Cleaner each (default: 2)")
    parser.add_argument("--address", help="a running cluster's address (default: start a local one)")
    parser.add_argument("--demo", action="store_true", help="clean a small generated dataset")
    args = parser.parse_args()
    if not args.input and not args.demo:
        parser.error("give an INPUT, or --demo")

    # A local cluster gets one CPU more than the actors: the read and write tasks need one of their own,
    # or a pool that holds every CPU waits for input that never comes.
    ray.init(
        address=args.address, num_cpus=None if args.address else args.workers + 1, include_dashboard=False
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = demo_input(Path(tmp)) if args.demo else args.input
        start = time.perf_counter()
        cleaned = clean_dataset(read(source), column=args.column, workers=args.workers)
        cleaned.write_parquet(args.output)
        elapsed = time.perf_counter() - start
    result = ray.data.read_parquet(args.output)
    rows = result.count()
    failed = result.filter(lambda row: row["error"] is not None).count()
    rate = rows / elapsed
    print(f"{rows} rows cleaned into {args.output} in {elapsed:.1f} s ({rate:.1f} pages/s); {failed} failed")
    print("first row:", result.take(1)[0]["text"][:200])
    ray.shutdown()


if __name__ == "__main__":
    main()
