"""A real batch run killed mid-way (SIGKILL, or SIGINT as Ctrl-C) and resumed equals an uninterrupted run."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_pages import text_records, write_jsonl

N_RECORDS = 8_000  # a run of a few seconds on two workers: long enough to be killed in the middle


def _batch(*argv: str) -> list[str]:
    return [sys.executable, "-m", "cleanpage.batch", *argv, "--workers", "2", "--quiet"]


def _lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.name.endswith(".gz") else data).splitlines()


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    """The input, and the output lines of one uninterrupted run over it."""
    folder = tmp_path_factory.mktemp("resume")
    source = write_jsonl(folder / "in.jsonl", text_records(N_RECORDS))
    reference = folder / "reference.jsonl"
    subprocess.run(_batch(str(source), "-o", str(reference)), check=True, timeout=120)
    lines = _lines(reference)
    assert len(lines) == N_RECORDS
    return source, lines


def _with_ctrl_c() -> None:
    """In the child before it starts: Ctrl-C as a shell's foreground job has it. A test run started in the
    background (`pytest &`, some CI runners) ignores SIGINT, and a child inherits that, so it would never
    see the interrupt this test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_mid_run(
    source: Path, out: Path, sig: signal.Signals, *, group: bool = False
) -> subprocess.Popen[bytes]:
    """Send `sig` to a run in the middle: to its process, or (`group`) to it and its workers, as systemd
    and Slurm do."""
    proc = subprocess.Popen(
        _batch(str(source), "-o", str(out), "--flush-every", "20"),
        stderr=subprocess.PIPE,
        start_new_session=group,
        preexec_fn=_with_ctrl_c,
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and out.stat().st_size > 4096):
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    proc.wait(timeout=60)
    return proc


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_sigkill_then_resume_gives_every_record_once(
    job: tuple[Path, list[bytes]], tmp_path: Path, name: str
) -> None:
    source, reference = job
    out = tmp_path / name
    proc = _kill_mid_run(source, out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    resumed = subprocess.run(
        _batch(str(source), "-o", str(out), "--resume"), timeout=120, capture_output=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert _lines(out) == reference


def test_sigint_writes_whole_records_and_resume_finishes(
    job: tuple[Path, list[bytes]], tmp_path: Path
) -> None:
    source, reference = job
    out = tmp_path / "out.jsonl"
    proc = _kill_mid_run(source, out, signal.SIGINT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 130 and "--resume" in err
    partial = _lines(out)
    assert 0 < len(partial) < N_RECORDS
    assert out.read_bytes().endswith(b"\n") and partial == reference[: len(partial)]
    resumed = subprocess.run(
        _batch(str(source), "-o", str(out), "--resume"), timeout=120, capture_output=True
    )
    assert resumed.returncode == 0
    assert _lines(out) == reference


@pytest.mark.parametrize("group", [False, True], ids=["parent", "process-group"])
def test_sigterm_is_an_interrupt_that_says_resume(
    job: tuple[Path, list[bytes]], tmp_path: Path, group: bool
) -> None:
    source, reference = job
    out = tmp_path / "out.jsonl"
    proc = _kill_mid_run(source, out, signal.SIGTERM, group=group)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 143 and "SIGTERM" in err and "--resume" in err
    partial = _lines(out)
    assert 0 < len(partial) < N_RECORDS and partial == reference[: len(partial)]
    resumed = subprocess.run(
        _batch(str(source), "-o", str(out), "--resume"), timeout=120, capture_output=True
    )
    assert resumed.returncode == 0
    assert _lines(out) == reference


def test_workers_die_with_a_killed_run(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    source = write_jsonl(tmp_path / "in.jsonl", text_records(N_RECORDS))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(_batch(str(source), "-o", str(out)))
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    while len(parent.children()) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = parent.children()
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []
