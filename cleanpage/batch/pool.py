"""Clean many pages on a pool of processes: in input order, in bounded memory, with one Cleaner per worker.

Pages go to the workers in chunks weighed by size (many small pages to a chunk, one large page alone), and
at most a fixed number of chunks are in flight: the input is read only as fast as the workers clean, so a
run of any length holds the same few chunks. Outcomes come back in input order; a page that raises becomes
a `Failure` in its place, and a worker that dies is replaced, the pages it held re-run one at a time so the
one that killed it is named.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Collection, Generator, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeAlias

from ..config import PAGE_TYPES, Config
from ..errors import ConfigError
from ..pipeline import Cleaner
from .records import Failure, Outcome, Page, as_page

# multiprocessing and concurrent.futures are imported when a pool starts: importing stays cheap.
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

#: A chunk holds pages until their sizes add up to this many characters/bytes ...
DEFAULT_CHUNK_BYTES = 256 * 1024
#: ... or until it holds this many pages: small pages travel together, so the workers stay busy.
MAX_CHUNK_PAGES = 64
#: Chunks in flight per worker: enough to keep each one fed while the parent reads and writes.
CHUNKS_PER_WORKER = 4

#: Turns a page's outcome into what the caller wants back, inside the worker (for example an output record).
Shape: TypeAlias = Callable[[Page, Outcome], Any]

#: This worker process's Cleaner, built once by `_init_worker`; set only in pool workers, never in the parent.
_worker_cleaner: Cleaner | None = None


def default_workers() -> int:
    """The CPUs this process may run on (``os.cpu_count()`` where affinity is unknown)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def clean_many(
    pages: Iterable[object],
    workers: int | None = None,
    config: Config | None = None,
    *,
    field: str | None = None,
    id_field: str = "id",
    url_field: str = "url",
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    max_in_flight: int | None = None,
    start_method: str | None = None,
    only: Collection[str] | None = None,
    **overrides: Any,
) -> Iterator[Outcome]:
    """Clean every page of `pages` and yield one outcome per input, in input order.

    An input is a page (str or bytes), or a mapping with the page in `field` (default: ``html``, else
    ``text``), its id in `id_field` and its address in `url_field`. Each outcome is the page's `Result`, or a
    `Failure` (the exception's kind and message, the record's id) in its place: one bad page never raises
    and is never dropped. `workers` processes (default: the CPUs available) each build one `Cleaner` from
    `config`; ``workers=1`` cleans in this process. Input is read lazily, at most `max_in_flight` chunks of
    about `chunk_bytes` ahead of the output, so memory stays flat however long the input is. Other keywords
    override `config` fields, as in `clean` (``clean_many(pages, focus="precision")``). With `only` (page
    types, such as ``{"article", "forum"}``), the results of pages of other types are left out (failures are
    still yielded).
    """
    cleaner = Cleaner(config, **overrides)  # a bad config raises here, once, not as a failure of every page
    if only is not None:
        wanted = frozenset(only)
        unknown = sorted(wanted - set(PAGE_TYPES))
        if unknown:
            known = ", ".join(PAGE_TYPES)
            raise ConfigError(f"only names unknown page type(s) {', '.join(unknown)}; page types are {known}")
    stream = (as_page(item, i, field, id_field, url_field) for i, item in enumerate(pages))
    outcomes = run_ordered(
        stream,
        workers,
        cleaner.config,
        None,
        cleaner=cleaner,
        chunk_bytes=chunk_bytes,
        max_in_flight=max_in_flight,
        start_method=start_method,
    )
    if only is None:
        return outcomes
    return (o for o in outcomes if isinstance(o, Failure) or o.page_type in wanted)


def run_ordered(
    pages: Iterable[Page],
    workers: int | None,
    config: Config,
    shape: Shape | None = None,
    *,
    cleaner: Cleaner | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    max_in_flight: int | None = None,
    start_method: str | None = None,
) -> Generator[Any, None, None]:
    """The engine of `clean_many`: yields ``shape(page, outcome)`` in order (without a shape: the outcome).

    `shape` runs in the worker, so what travels back to this process can be small (an output line).
    """
    workers = default_workers() if workers is None else workers
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive int or None, not {workers!r}")
    if chunk_bytes < 1:
        raise ValueError(f"chunk_bytes must be positive, not {chunk_bytes!r}")
    window = max_in_flight if max_in_flight is not None else workers * CHUNKS_PER_WORKER
    if window < 1:
        raise ValueError(f"max_in_flight must be positive, not {window!r}")
    if workers == 1:
        return _in_process(pages, cleaner or Cleaner(config), shape)
    import multiprocessing

    method = _start_method(start_method)
    if method == "fork":
        _warm_up()  # once here, and every forked worker starts warm
    context = multiprocessing.get_context(method)
    return _pooled(_chunks(pages, chunk_bytes), workers, config, shape, window, context)


def clean_page(cleaner: Cleaner, page: Page) -> Outcome:
    """One page's outcome: its Result (with the record's url in the metadata), or the Failure it raised."""
    if page.problem is not None:
        return page.problem
    try:
        result = cleaner.clean(page.page)  # type: ignore[arg-type]  # a Page without a problem has a page
    except Exception as exc:  # any failure of one page is that page's outcome, never the run's
        return Failure.of(exc, page)
    if page.url is not None and result.metadata.url != page.url:
        result = replace(result, metadata=replace(result.metadata, url=page.url))
    return result


def _in_process(pages: Iterable[Page], cleaner: Cleaner, shape: Shape | None) -> Generator[Any, None, None]:
    for page in pages:
        outcome = clean_page(cleaner, page)
        yield shape(page, outcome) if shape else outcome


def _chunks(pages: Iterable[Page], chunk_bytes: int) -> Iterator[list[Page]]:
    chunk: list[Page] = []
    size = 0
    for page in pages:
        chunk.append(page)
        size += page.size
        if size >= chunk_bytes or len(chunk) >= MAX_CHUNK_PAGES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _start_method(requested: str | None) -> str:
    """`requested`, else fork where it is safe (Linux, one thread: cheap workers), else spawn."""
    if requested:
        return requested
    if sys.platform == "linux" and _single_threaded():
        return "fork"
    return "spawn"


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        import threading

        return threading.active_count() == 1


def _init_worker(config: Config, parent: int) -> None:
    """Build this worker's Cleaner once; leave Ctrl-C to the parent, and die with it if it is killed.

    SIGTERM ends a worker at once (whatever handler the parent had when it was forked): the parent, which
    gets it too, writes out the records it has and stops the run.
    """
    global _worker_cleaner
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    _warm_up()
    _worker_cleaner = Cleaner(config)


def _warm_up() -> None:
    """Import the HTML path now (a second or so, once per process), not inside the first page's time."""
    from .. import html  # noqa: F401


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when its parent dies: a SIGKILLed run leaves no orphans.

    (The kernel watches the thread that started the worker: iterate a `clean_many` from one thread.)
    """
    if sys.platform != "linux":
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(1)


def _clean_chunk(chunk: list[Page], shape: Shape | None) -> list[Any]:
    cleaner = _worker_cleaner
    if cleaner is None:
        raise RuntimeError("the worker has no Cleaner: _init_worker did not run")
    return list(_in_process(chunk, cleaner, shape))


def _pooled(
    chunks: Iterator[list[Page]],
    workers: int,
    config: Config,
    shape: Shape | None,
    window: int,
    context: BaseContext,
) -> Generator[Any, None, None]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(config, os.getpid())
        )

    pool = new_pool()
    pending: deque[tuple[list[Page], Future[list[Any]]]] = deque()
    try:
        while True:
            while len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_clean_chunk, chunk, shape)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                shaped = future.result()
            except BrokenProcessPool:
                # A worker died (a crash, the OOM killer): every chunk in flight is lost with the pool.
                lost = [chunk, *(c for c, _ in pending)]
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                pool = new_pool()
                for lost_chunk in lost:
                    for page in lost_chunk:
                        out, pool = _isolated(page, pool, new_pool, shape)
                        yield out
                continue
            yield from shaped
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(
    page: Page, pool: ProcessPoolExecutor, new_pool: Callable[[], ProcessPoolExecutor], shape: Shape | None
) -> tuple[Any, ProcessPoolExecutor]:
    """Re-run one page alone: if the pool breaks again, this page is what breaks it, and it fails alone."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.submit(_clean_chunk, [page], shape).result()[0], pool
    except BrokenProcessPool:
        pool.shutdown(wait=True, cancel_futures=True)
        failure = Failure(
            "WorkerCrash", "the worker process died while cleaning this page", page.id, page.url, page.index
        )
        return (shape(page, failure) if shape else failure), new_pool()
