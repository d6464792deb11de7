"""The output stays readable when cut short, and resume_jsonl finds its complete records and cuts the rest."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleanpage.batch.writers import JsonlWriter, OutputError, resume_jsonl


def _write(path: Path, n: int, flush_records: int) -> None:
    writer = JsonlWriter(str(path), flush_records=flush_records)
    for i in range(n):
        writer.write({"id": f"r{i}", "text": "é" * (i % 5)})
    writer.close()


def test_plain_output_cut_mid_line_resumes_after_the_last_whole_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    _write(path, 10, flush_records=3)
    whole = path.read_bytes()
    path.write_bytes(whole[: whole.index(b'{"id": "r7"') + 9])  # a kill in the middle of record r7
    point = resume_jsonl(str(path))
    assert (point.records, point.last_id) == (7, "r6")
    assert point.cut_bytes == 9
    assert path.read_bytes() == whole[: whole.index(b'{"id": "r7"')]


def test_gzip_output_is_one_member_per_flush_and_a_cut_member_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.gz"
    _write(path, 10, flush_records=4)  # members of 4, 4 and 2 records
    whole = path.read_bytes()
    assert [json.loads(line)["id"] for line in gzip.decompress(whole).splitlines()] == [
        f"r{i}" for i in range(10)
    ]
    path.write_bytes(whole[:-5])  # the last member loses its trailer
    point = resume_jsonl(str(path))
    assert (point.records, point.last_id) == (8, "r7")
    assert len(gzip.decompress(path.read_bytes()).splitlines()) == 8  # readable again, whole members only


def test_appending_after_resume_gives_the_uncut_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.gz"
    _write(path, 6, flush_records=2)
    path.write_bytes(path.read_bytes()[:-3])
    point = resume_jsonl(str(path))
    writer = JsonlWriter(str(path), append=True)
    for i in range(point.records, 6):
        writer.write({"id": f"r{i}", "text": "é" * (i % 5)})
    writer.close()
    reference = tmp_path / "ref.jsonl.gz"
    _write(reference, 6, flush_records=2)
    assert gzip.decompress(path.read_bytes()) == gzip.decompress(reference.read_bytes())


def test_missing_or_empty_output_holds_nothing_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    assert resume_jsonl(str(tmp_path / "none.jsonl")).records == 0
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert resume_jsonl(str(tmp_path / "empty.jsonl")).records == 0
    (tmp_path / "notes.jsonl").write_text("just some notes\n")
    with pytest.raises(OutputError):
        resume_jsonl(str(tmp_path / "notes.jsonl"))
