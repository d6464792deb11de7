"""cleanpage batch: every input and output format round-trips; bad records become error records."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from batch_pages import html_page, page, read_jsonl, records, text_page, warc_record, write_jsonl

import cleanpage
from cleanpage.batch.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([*argv, "--workers", "1"])
    return code, capsys.readouterr().err


def _expected(pages: list[str]) -> list[str]:
    return [cleanpage.clean(p).text for p in pages]


def test_folder_to_jsonl_gz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(text_page(2))
    (folder / "a.html").write_text(html_page(1))
    (folder / "sub" / "c.htm").write_text(html_page(3))
    (folder / "notes.md").write_text("not a page")
    out = tmp_path / "out.jsonl.gz"
    code, err = _run(capsys, str(folder), "-o", str(out))
    assert code == 0
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a.html", "b.txt", "sub/c.htm"]  # sorted paths, .md left out
    assert [r["text"] for r in rows] == _expected([html_page(1), text_page(2), html_page(3)])
    assert rows[1]["title"] == text_page(2).splitlines()[0]
    assert {r["kind"] for r in rows[1]["removed"]} >= {"copyright"}
    assert "3 records in: 3 cleaned, 0 empty, 0 failed" in err


def test_a_folder_of_compressed_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import bz2
    import lzma

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress(html_page(1).encode()))
    (folder / "b.txt.bz2").write_bytes(bz2.compress(text_page(2).encode()))
    (folder / "c.htm.xz").write_bytes(lzma.compress(html_page(3).encode()))
    (folder / "d.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out.jsonl"
    code, err = _run(capsys, str(folder), "-o", str(out))
    assert code == 0
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a.html.gz", "b.txt.bz2", "c.htm.xz"]
    assert [r["text"] for r in rows] == _expected([html_page(1), text_page(2), html_page(3)])
    assert "1 file skipped, not pages" in err and ".pdf (1)" in err


def test_a_folder_without_pages_fails_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a.pdf", "b.pdf", "c.md"):
        (folder / name).write_text("not a page")
    code, err = _run(capsys, str(folder), "-o", str(tmp_path / "out.jsonl"))
    assert code == 1
    assert "no pages to clean: 3 files skipped" in err and ".pdf (2), .md (1)" in err
    assert not (tmp_path / "out.jsonl").exists()


def test_one_compressed_page_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "story.html.gz"
    source.write_bytes(gzip.compress(html_page(4).encode()))
    out = tmp_path / "out.jsonl"
    assert _run(capsys, str(source), "-o", str(out))[0] == 0
    assert [r["text"] for r in read_jsonl(out)] == _expected([html_page(4)])


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz"])
def test_jsonl_to_jsonl_keeps_ids_urls_and_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    items = records(12)
    source = write_jsonl(tmp_path / name, items)
    out = tmp_path / "out.jsonl"
    code, _ = _run(capsys, str(source), "-o", str(out), "--no-removed")
    assert code == 0
    rows = read_jsonl(out)
    assert [(r["id"], r["url"]) for r in rows] == [(i["id"], i["url"]) for i in items]
    assert [r["text"] for r in rows] == _expected([i["html"] for i in items])
    assert all("removed" not in r for r in rows)
    assert rows[0]["metadata"]["url"] == items[0]["url"]


def test_bad_records_among_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps(records(1)[0]),
        "{not json",
        json.dumps({"id": "empty-record"}),
        json.dumps(records(1, 5)[0]),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n\n")
    out = tmp_path / "out.jsonl"
    code, err = _run(capsys, str(source), "-o", str(out))
    assert code == 0  # failed records are output, not a failed run
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["doc-0", "in.jsonl:2", "empty-record", "doc-5"]
    assert rows[1]["error"]["kind"] == "InvalidJSON" and rows[1]["text"] is None
    assert rows[2]["error"]["kind"] == "MissingField"
    assert rows[3]["text"] == cleanpage.clean(page(5)).text
    assert "4 records in: 2 cleaned, 0 empty, 2 failed" in err


@pytest.mark.parametrize("fmt", [[], ["--format", "html"]])
def test_a_record_holding_an_html_fragment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: list[str]
) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "html": "<p>The ferry runs again.</p><p>Fares rise.</p>"}]
    )
    out = tmp_path / "out.jsonl"
    assert _run(capsys, str(source), "-o", str(out), *fmt)[0] == 0
    assert read_jsonl(out)[0]["paragraphs"] == ["The ferry runs again.", "Fares rise."]


def test_pages_warnings_are_notes_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(2))
    code, err = _run(capsys, str(source), "-o", str(tmp_path / "out.jsonl"), "--language", "xx")
    assert code == 0
    assert "cleanpage batch: note: doc-0: no rule pack for language 'xx'" in err
    assert "note: doc-1: " in err
    code, err = _run(capsys, str(source), "-o", str(tmp_path / "q.jsonl"), "--language", "xx", "--quiet")
    assert code == 0 and err == ""


def test_field_and_id_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"doc": 7, "body": text_page(7), "html": "<p>ignored</p>"}])
    out = tmp_path / "out.jsonl"
    assert _run(capsys, str(source), "-o", str(out), "--field", "body", "--id-field", "doc")[0] == 0
    assert read_jsonl(out)[0]["id"] == "7"
    assert read_jsonl(out)[0]["text"] == cleanpage.clean(text_page(7)).text


@pytest.mark.parametrize("gz", [False, True])
def test_warc_keeps_html_responses_only(tmp_path: Path, capsys: pytest.CaptureFixture[str], gz: bool) -> None:
    parts = [
        warc_record("https://news.example/1", "text/html; charset=utf-8", html_page(1).encode()),
        warc_record("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        warc_record("https://news.example/3", "text/html", html_page(3).encode("utf-8")),
    ]
    data = b"".join(gzip.compress(p) for p in parts) if gz else b"".join(parts)
    source = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    source.write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert _run(capsys, str(source), "-o", str(out))[0] == 0
    rows = read_jsonl(out)
    assert [r["url"] for r in rows] == ["https://news.example/1", "https://news.example/3"]
    assert all(r["id"].startswith("<urn:uuid:") for r in rows)
    assert [r["text"] for r in rows] == _expected([html_page(1), html_page(3)])


def test_parquet_in_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    items = records(9)
    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(items), source, row_group_size=4)
    out = tmp_path / "out.parquet"
    code, _ = _run(capsys, str(source), "-o", str(out))
    assert code == 0 and not Path(str(out) + ".partial").exists()
    rows: list[dict[str, Any]] = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    assert [r["text"] for r in rows] == _expected([i["html"] for i in items])
    assert all(r["error"] is None for r in rows)
    assert rows[0]["metadata"]["url"] == items[0]["url"]


@pytest.mark.parametrize("removed", [[], ["--no-removed"]])
def test_jsonl_and_parquet_records_have_the_same_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], removed: list[str]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = write_jsonl(tmp_path / "in.jsonl", [*records(2), {"id": "no-page"}])
    jsonl, parquet = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert _run(capsys, str(source), "-o", str(jsonl), *removed)[0] == 0
    assert _run(capsys, str(source), "-o", str(parquet), *removed)[0] == 0
    columns = pq.read_table(parquet).column_names
    assert [list(row) for row in read_jsonl(jsonl)] == [columns] * 3


def test_an_output_name_that_says_no_format_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(2))
    code, err = _run(capsys, str(source), "-o", str(tmp_path / "out.txt"))
    assert code == 2 and "cannot tell the output format" in err
    assert not (tmp_path / "out.txt").exists()
    assert _run(capsys, str(source), "-o", str(tmp_path / "out.txt"), "--output-format", "jsonl")[0] == 0
    assert len(read_jsonl(tmp_path / "out.txt")) == 2


@pytest.mark.parametrize("name", ["out.csv", "out.csv.gz"])
def test_csv_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    import csv

    items = [*records(3), {"id": "no-page"}]
    source = write_jsonl(tmp_path / "in.jsonl", items)
    out = tmp_path / name
    assert _run(capsys, str(source), "-o", str(out))[0] == 0
    data = out.read_bytes()
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "id",
        "url",
        "title",
        "text",
        "paragraphs",
        "page_type",
        "is_article",
        "metadata",
        "removed",
        "warnings",
        "error",
    ]
    assert [r["id"] for r in rows] == ["doc-0", "doc-1", "doc-2", "no-page"]
    assert [r["text"] for r in rows[:3]] == _expected([i["html"] for i in items[:3]])
    assert json.loads(rows[0]["paragraphs"]) == cleanpage.clean(items[0]["html"]).text.split("\n")
    assert json.loads(rows[3]["error"])["kind"] == "MissingField" and rows[3]["text"] == ""
    code, err = _run(capsys, str(source), "-o", str(tmp_path / "again.csv"), "--resume")
    assert code == 2 and "--resume needs" in err


@pytest.mark.parametrize(("fmt", "suffix"), [("text", ".txt"), ("markdown", ".md"), ("json", ".json")])
def test_output_dir_writes_a_file_per_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, suffix: str
) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_text(html_page(1))
    (folder / "sub" / "b.txt.gz").write_bytes(gzip.compress(text_page(2).encode()))
    (folder / "empty.txt").write_text("")
    out = tmp_path / "clean"
    code, _ = _run(capsys, str(folder), "--output-dir", str(out), "--output-format", fmt)
    assert code == 0
    index = read_jsonl(out / "index.jsonl")
    assert [(r["id"], r["file"]) for r in index] == [
        ("a.html", f"a{suffix}"),
        ("empty.txt", None),
        ("sub/b.txt.gz", f"sub/b{suffix}"),
    ]
    for page_text, name in ((html_page(1), "a"), (text_page(2), "sub/b")):
        result = cleanpage.clean(page_text)
        written = (out / f"{name}{suffix}").read_text(encoding="utf-8")
        if fmt == "json":
            assert cleanpage.Result.from_json(written).paragraphs == result.paragraphs
        else:
            assert written == result.render(fmt)
    code, err = _run(capsys, str(folder), "--output-dir", str(out))
    assert code == 2 and "--overwrite" in err


def test_output_dir_resumes_where_its_index_ends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*records(5), {"id": "../../escape", "text": text_page(9)}])
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    assert _run(capsys, str(source), "--output-dir", str(whole), "--output-format", "markdown")[0] == 0
    assert (whole / "escape.md").exists()  # an id is made a safe relative path
    assert _run(capsys, str(source), "--output-dir", str(cut), "--output-format", "markdown")[0] == 0
    lines = (cut / "index.jsonl").read_bytes().splitlines(keepends=True)
    (cut / "index.jsonl").write_bytes(b"".join(lines[:2]) + lines[2][:10])  # killed while writing record 3
    for name in ("doc-3.md", "doc-4.md", "escape.md"):
        (cut / name).unlink()
    code, _ = _run(capsys, str(source), "--output-dir", str(cut), "--output-format", "markdown", "--resume")
    assert code == 0
    assert (cut / "index.jsonl").read_bytes() == (whole / "index.jsonl").read_bytes()
    assert sorted(p.name for p in cut.iterdir()) == sorted(p.name for p in whole.iterdir())
    assert all((cut / p.name).read_bytes() == p.read_bytes() for p in whole.iterdir())


def test_url_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "link": "https://news.example/a", "html": html_page(1)}]
    )
    out = tmp_path / "out.jsonl"
    assert _run(capsys, str(source), "-o", str(out), "--url-field", "link")[0] == 0
    (row,) = read_jsonl(out)
    assert row["url"] == row["metadata"]["url"] == "https://news.example/a"


def test_stdin_jsonl_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    items = records(3)
    data = gzip.compress("".join(json.dumps(i) + "\n" for i in items).encode())  # gzip on stdin is read too
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    stdout = io.BytesIO()
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(stdout))
    assert main(["-", "-o", "-", "--workers", "1", "--quiet"]) == 0
    rows = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [r["text"] for r in rows] == _expected([i["html"] for i in items])


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(2))
    assert _run(capsys, str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"))[0] == 2
    assert _run(capsys, str(tmp_path / "in.xyz"), "-o", str(tmp_path / "o.jsonl"))[0] == 2
    code, err = _run(capsys, str(source), "-o", str(tmp_path / "o.parquet"), "--resume")
    assert code == 2 and "--resume needs a JSONL output" in err
    assert main([str(source), "-o", str(tmp_path / "o.jsonl"), "--workers", "0"]) == 2
    code, err = _run(capsys, str(source), "-o", str(tmp_path / "o.jsonl"), "--time-budget", "inf")
    assert code == 2 and "positive number of seconds" in err  # the same option checks as `cleanpage clean`
    capsys.readouterr()


def test_resume_refuses_the_output_of_other_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    first = write_jsonl(tmp_path / "first.jsonl", records(3))
    assert _run(capsys, str(first), "-o", str(out))[0] == 0
    other = write_jsonl(tmp_path / "other.jsonl", records(5, start=100))
    code, err = _run(capsys, str(other), "-o", str(out), "--resume")
    assert code == 2 and "other inputs" in err
    shorter = write_jsonl(tmp_path / "shorter.jsonl", records(2))
    code, err = _run(capsys, str(shorter), "-o", str(out), "--resume")
    assert code == 2 and "more than the inputs" in err
    assert len(read_jsonl(out)) == 3  # a refused resume leaves the output as it was


def test_an_existing_output_is_never_overwritten_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert _run(capsys, str(write_jsonl(tmp_path / "in.jsonl", records(3))), "-o", str(out))[0] == 0
    before = out.read_bytes()
    other = write_jsonl(tmp_path / "other.jsonl", records(2, start=50))
    code, err = _run(capsys, str(other), "-o", str(out))
    assert code == 2 and err.count("\n") == 1 and "--overwrite" in err
    assert out.read_bytes() == before
    assert _run(capsys, str(other), "-o", str(out), "--overwrite")[0] == 0
    assert [r["id"] for r in read_jsonl(out)] == ["doc-50", "doc-51"]
    code, err = _run(capsys, str(other), "-o", str(out), "--overwrite", "--resume")
    assert code == 2 and "one of them" in err


def test_resume_after_a_complete_run_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", records(4))
    out = tmp_path / "out.jsonl.gz"
    assert _run(capsys, str(source), "-o", str(out))[0] == 0
    before = out.read_bytes()
    code, err = _run(capsys, str(source), "-o", str(out), "--resume")
    assert code == 0 and out.read_bytes() == before
    assert "0 records in (resumed after 4)" in err


def test_only_keeps_the_content_of_the_asked_types_and_every_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    items = [{"id": f"doc-{i}", "text": text_page(i)} for i in range(3)]
    write_jsonl(source, items)
    out = tmp_path / "out.jsonl"
    # Pages the caller says are forum threads, kept only when they are articles: every record stays
    # (ids line up with the input, and --resume counts them), none with content.
    code, err = _run(capsys, str(source), "-o", str(out), "--page-type", "forum", "--only", "article")
    assert code == 0
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["doc-0", "doc-1", "doc-2"]
    assert all(r["page_type"] == "forum" and r["text"] == "" and r["paragraphs"] == [] for r in rows)
    assert all(any(w.startswith("left out: a page of type forum") for w in r["warnings"]) for r in rows)
    assert "3 of other page types left out" in err
    kept = tmp_path / "kept.jsonl"
    assert (
        _run(capsys, str(source), "-o", str(kept), "--page-type", "forum", "--only", "article,forum")[0] == 0
    )
    assert all(r["text"] and r["page_type"] == "forum" and r["is_article"] is False for r in read_jsonl(kept))


def test_only_refuses_an_unknown_page_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [{"id": "a", "text": text_page(0)}])
    assert main([str(source), "-o", str(tmp_path / "o.jsonl"), "--only", "article,recipe"]) == 2
    assert "recipe is not a page type" in capsys.readouterr().err


def test_clean_many_only_leaves_out_results_of_other_types() -> None:
    pages = [text_page(i) for i in range(3)]
    assert list(cleanpage.clean_many(pages, workers=1, page_type="forum", only={"article"})) == []
    kept = list(cleanpage.clean_many(pages, workers=1, page_type="forum", only={"forum"}))
    assert [r.page_type for r in kept] == ["forum"] * 3
    with pytest.raises(cleanpage.ConfigError, match="unknown page type"):
        cleanpage.clean_many(pages, workers=1, only={"recipe"})
