"""Clean a Ray Dataset: `clean_dataset` maps batches through actors that each build one `Cleaner`.

Ray is imported inside the functions, never at module level, so importing this module costs nothing
where Ray is not installed. The output rows are those of ``cleanpage batch``: the input's other columns,
then id, url, title, text, paragraphs, metadata, removed and error (null unless the page failed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..batch.pool import clean_page
from ..batch.records import Page, RecordShape, arrow_schema
from ..config import Config
from ..pipeline import Cleaner

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]
    from ray.data import Dataset

#: Rows per batch an actor cleans at once: big enough to amortise a call, small enough to stream.
DEFAULT_BATCH_SIZE = 64


class CleanBatch:
    """The class-based UDF: built once per actor (one compiled Cleaner), called on each Arrow batch."""

    def __init__(
        self,
        config: Config | None = None,
        column: str = "html",
        id_column: str | None = "id",
        url_column: str | None = "url",
        removed: bool = True,
    ) -> None:
        self.cleaner = Cleaner(config)
        self.column = column
        self.id_column = id_column
        self.url_column = url_column
        self.shape = RecordShape(removed=removed, as_json=False)  # the records of `cleanpage batch`
        self.schema = arrow_schema(removed)

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Clean the batch's `column`; return the other input columns with the output record's beside them."""
        import pyarrow as pa

        names = batch.column_names
        pages = batch.column(self.column).to_pylist()
        ids = _column(batch, self.id_column, len(pages))
        urls = _column(batch, self.url_column, len(pages))
        records = []
        for page, raw_id, url in zip(pages, ids, urls, strict=True):
            page_id = None if raw_id is None else str(raw_id)
            item = Page(page, page_id, url if isinstance(url, str) else None)
            records.append(self.shape(item, clean_page(self.cleaner, item)).record)
        out = pa.Table.from_pylist(records, schema=self.schema)
        kept = [n for n in names if n != self.column and n not in self.schema.names]
        if not kept:
            return out
        return pa.Table.from_arrays(
            [*(batch.column(n) for n in kept), *out.columns], names=[*kept, *self.schema.names]
        )


def clean_dataset(
    ds: Dataset,
    column: str = "html",
    config: Config | None = None,
    *,
    id_column: str | None = "id",
    url_column: str | None = "url",
    removed: bool = True,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Dataset:
    """`ds` with its `column` cleaned: a lazy Dataset of output rows, one per input row.

    `workers` actors (default: from one up to what the cluster's CPUs allow, scaled by Ray) each build
    one Cleaner from `config`; a page that fails gets an ``error`` instead of stopping the job. Rows keep
    the input order only where the DataContext's ``execution_options.preserve_order`` is set.
    """
    import ray.data

    Cleaner(config)  # a bad config raises here, on the driver, not in every actor
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be a positive int or None, not {workers!r}")
    # Without `workers`, Ray scales the pool from one actor up to what the cluster's CPUs allow.
    compute = ray.data.ActorPoolStrategy(size=workers) if workers else ray.data.ActorPoolStrategy(min_size=1)
    return ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={
            "config": config,
            "column": column,
            "id_column": id_column,
            "url_column": url_column,
            "removed": removed,
        },
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=compute,
        num_cpus=1,
    )


def _column(batch: pa.Table, name: str | None, rows: int) -> list[Any]:
    if name is None or name not in batch.column_names:
        return [None] * rows
    values: list[Any] = batch.column(name).to_pylist()
    return values
