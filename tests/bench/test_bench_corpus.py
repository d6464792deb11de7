"""Reading both corpus shapes, the text-dump procedure and known failures."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleanpage.bench.corpus import (
    CorpusError,
    detect_shape,
    load_suite,
    read_known_failures,
    text_dump,
)


def _case(root: Path, case_id: str, ext: str, page: str | bytes, truth: dict[str, object]) -> None:
    file = root / f"{case_id}.{ext}"
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(page, bytes):
        file.write_bytes(page)
    else:
        file.write_text(page, encoding="utf-8")
    (root / f"{case_id}.json").write_text(json.dumps(truth), encoding="utf-8")


def _scrapinghub(root: Path, pages: dict[str, tuple[str, str]]) -> None:
    (root / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, body) in pages.items():
        (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[page_id] = {"articleBody": body, "url": f"https://example.org/{page_id}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_case_folder(tmp_path: Path) -> None:
    _case(
        tmp_path,
        "a",
        "txt",
        "Menu\nStory line one.\n",
        {"format": "text", "title": None, "body": ["Story line one."], "notes": "n"},
    )
    _case(
        tmp_path,
        "sub/b",
        "html",
        "<p>Hi there</p>",
        {"format": "html", "title": "Head", "body": ["Hi there", "More"], "url": "https://x.test/b"},
    )
    (tmp_path / "README.md").write_text("not a case", encoding="utf-8")
    (tmp_path / "baseline.json").write_text('{"corpus": {"shingle_f1": 0.5}}', encoding="utf-8")
    assert detect_shape(tmp_path) == "cases"
    suite = load_suite(tmp_path)
    assert suite.name == "corpus"
    assert [c.id for c in suite.cases] == ["a", "sub/b"]
    a, b = suite.cases
    assert (a.format, a.page, a.body, a.title, a.title_known, a.notes) == (
        "text",
        "Menu\nStory line one.\n",
        ("Story line one.",),
        None,
        True,
        "n",
    )
    assert a.size_bytes == len("Menu\nStory line one.\n")
    assert (b.format, b.truth_text, b.title, b.url) == ("html", "Hi there\nMore", "Head", "https://x.test/b")


def test_case_folder_keeps_non_utf8_input_as_bytes(tmp_path: Path) -> None:
    raw = "Café crème".encode("latin-1")
    _case(tmp_path, "latin", "txt", raw, {"format": "text", "title": None, "body": ["Café crème"]})
    (case,) = load_suite(tmp_path).cases
    assert case.page == raw
    assert case.size_bytes == len(raw)


@pytest.mark.parametrize(
    ("ext", "truth", "message"),
    [
        ("txt", {"format": "html", "body": []}, "disagrees"),
        ("txt", {"format": "pdf", "body": []}, "'format'"),
        ("txt", {"format": "text", "body": "one string"}, "'body'"),
        ("html", {"format": "html", "body": [], "title": 3}, "'title'"),
        ("txt", {"format": "text", "body": [], "related": {"headline": "x"}}, "'related'"),
        ("txt", {"format": "text", "body": [], "related": [{"source": "A"}]}, "related entry 0"),
        ("txt", {"format": "text", "body": [], "related": [{"headline": "x", "rank": 1}]}, "related entry 0"),
        ("txt", {"format": "text", "body": [], "metadata": ["x"]}, "'metadata'"),
    ],
)
def test_case_folder_rejects_bad_truth(
    tmp_path: Path, ext: str, truth: dict[str, object], message: str
) -> None:
    _case(tmp_path, "bad", ext, "x", truth)
    with pytest.raises(CorpusError, match=message) as info:
        load_suite(tmp_path)
    assert "bad.json" in str(info.value)


def test_case_folder_needs_both_files(tmp_path: Path) -> None:
    (tmp_path / "lonely.txt").write_text("text", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no ground truth lonely\.json"):
        load_suite(tmp_path)
    (tmp_path / "lonely.txt").unlink()
    (tmp_path / "orphan.json").write_text('{"format": "text", "body": []}', encoding="utf-8")
    with pytest.raises(CorpusError, match="without an input file"):
        load_suite(tmp_path)


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no cases found"):
        load_suite(tmp_path)
    with pytest.raises(CorpusError, match="no such file"):
        load_suite(tmp_path / "nope")


def test_scrapinghub_shape(tmp_path: Path) -> None:
    html = "<html><body><nav>Home</nav><p>Para one.</p><p>Para two.</p></body></html>"
    _scrapinghub(tmp_path, {"p2": (html, "Para one.\n\n  Para two. \n"), "p1": ("<p>x</p>", "")})
    assert detect_shape(tmp_path) == "scrapinghub"
    suite = load_suite(tmp_path)
    assert suite.name == "aeb-html"
    assert [c.id for c in suite.cases] == ["p1", "p2"]
    case = suite.cases[1]
    assert case.format == "html"
    assert case.page == html
    assert case.body == ("Para one.", "Para two.")
    assert case.truth_text == "Para one.\n\n  Para two. \n"
    assert case.url == "https://example.org/p2"
    assert not case.title_known


def test_scrapinghub_text_variant(tmp_path: Path) -> None:
    html = "<html><body><nav>Home</nav><p>Para one.</p><script>x()</script></body></html>"
    _scrapinghub(tmp_path, {"p": (html, "Para one.")})
    suite = load_suite(tmp_path, as_text=True)
    assert suite.name == "aeb-text"
    (case,) = suite.cases
    assert (case.format, case.page, case.size_bytes) == ("text", "Home\nPara one.", len("Home\nPara one."))


def test_scrapinghub_missing_page(tmp_path: Path) -> None:
    _scrapinghub(tmp_path, {"p": ("<p>x</p>", "x")})
    (tmp_path / "html" / "p.html.gz").unlink()
    with pytest.raises(CorpusError, match=r"p\.html\.gz"):
        load_suite(tmp_path)


def test_text_dump_procedure() -> None:
    # noscript text would show up if it were kept; bs4's get_text already leaves out script, style and
    # template strings, and removing those elements first (as the format says) must not change that.
    html = (
        "<html><head><title>T</title><style>p{color:red}</style><script>var x = 1;</script></head>"
        "<body><noscript>Enable JS</noscript><template><p>tpl</p></template>"
        "<h1>  Head </h1><p>First <b>bold</b> line.</p>\n\n<div>\t Second\u00a0 </div>"
        "<!-- a comment --><ul><li>one</li><li>two</li></ul></body></html>"
    )
    assert text_dump(html) == "T\nHead\nFirst\nbold\nline.\nSecond\none\ntwo"


def test_text_dump_of_a_case_folder_html_case(tmp_path: Path) -> None:
    _case(tmp_path, "h", "html", "<p>A</p><p>B</p>", {"format": "html", "body": ["A", "B"]})
    _case(tmp_path, "t", "txt", "plain", {"format": "text", "body": ["plain"]})
    suite = load_suite(tmp_path, as_text=True)
    assert suite.name == "corpus-text"
    assert [(c.id, c.format, c.page) for c in suite.cases] == [("h", "text", "A\nB"), ("t", "text", "plain")]


def test_known_failures(tmp_path: Path) -> None:
    path = tmp_path / "known-failures.toml"
    assert read_known_failures(path) == {}
    path.write_text(
        '"case-a" = "live blog"\n\n[[failure]]\nid = "news/b"\nreason = "two articles on one page"\n',
        encoding="utf-8",
    )
    assert read_known_failures(path) == {"case-a": "live blog", "news/b": "two articles on one page"}
    path.write_text("x = 3\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"known-failures\.toml"):
        read_known_failures(path)


def test_known_failures_travel_with_the_suite(tmp_path: Path) -> None:
    _case(tmp_path, "a", "txt", "x", {"format": "text", "body": ["x"]})
    (tmp_path / "known-failures.toml").write_text('a = "hard"\n', encoding="utf-8")
    assert load_suite(tmp_path).known_failures == {"a": "hard"}


def test_related_and_metadata_truth_are_read_when_given(tmp_path: Path) -> None:
    entry = {"source": "Harbor Post", "headline": "Ferry fares rise", "blurb": None}
    truth = {"format": "text", "body": ["b"], "related": [entry], "metadata": {"copyright_year": 2025}}
    _case(tmp_path, "with", "txt", "b", truth)
    _case(tmp_path, "without", "txt", "b", {"format": "text", "body": ["b"]})
    cases = {c.id: c for c in load_suite(tmp_path).cases}
    assert cases["with"].related == (
        {"source": "Harbor Post", "age": None, "headline": "Ferry fares rise", "blurb": None},
    )
    assert cases["with"].metadata == {"copyright_year": 2025}
    assert cases["without"].related is None and cases["without"].metadata is None


def _wcxb(root: Path, pages: dict[str, tuple[str, str, str, str | None]]) -> None:
    """A WCXB-shaped folder: id -> (split in the metadata, folder, page type, main content)."""
    files = {}
    for page_id, (split, folder, page_type, content) in pages.items():
        (root / folder / "html").mkdir(parents=True, exist_ok=True)
        (root / folder / "ground-truth").mkdir(parents=True, exist_ok=True)
        html = f"<html><body><p>{content or ''}</p><nav>Home</nav></body></html>"
        (root / folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth: dict[str, object] = {"title": f"Title {page_id}", "with": ["first line"], "without": ["Home"]}
        if content is not None:
            truth["main_content"] = content
        (root / folder / "ground-truth" / f"{page_id}.json").write_text(
            json.dumps({"url": f"https://example.org/{page_id}", "ground_truth": truth}), encoding="utf-8"
        )
        files[page_id] = {"split": split, "page_type": page_type, "domain": "example.org"}
    (root / "metadata.json").write_text(json.dumps({"files": files}), encoding="utf-8")


def test_wcxb_shape_reads_the_split_its_metadata_names(tmp_path: Path) -> None:
    _wcxb(
        tmp_path,
        {
            "1": ("dev", "dev", "article", "The first line\n\nThe second line"),
            "2": ("dev", "dev", "forum", "A post"),
            "3": ("test", "dev", "article", "Held out, though it sits in the dev folder"),
            "4": ("dev", "dev", "product", None),  # no main content: not scored
            "5": ("test", "test", "article", "A test page"),
        },
    )
    assert detect_shape(tmp_path) == "wcxb"
    suite = load_suite(tmp_path)
    assert suite.name == "wcxb-dev-html"
    assert [c.id for c in suite.cases] == ["1", "2"]
    first = suite.cases[0]
    assert first.page_type == "article" and first.body == ("The first line", "The second line")
    assert first.with_snippets == ("first line",) and first.without_snippets == ("Home",)
    assert first.url == "https://example.org/1" and first.title == "Title 1"
    assert [c.id for c in load_suite(tmp_path, split="test").cases] == ["3", "5"]
    forum = load_suite(tmp_path, types=frozenset({"forum"}), as_text=True)
    assert forum.name == "wcxb-dev-text" and [c.id for c in forum.cases] == ["2"]
    assert forum.cases[0].format == "text" and "A post" in str(forum.cases[0].page)


def test_wcxb_shape_refuses_an_unknown_page_type(tmp_path: Path) -> None:
    _wcxb(tmp_path, {"1": ("dev", "dev", "article", "Text")})
    with pytest.raises(CorpusError, match=r"unknown page type.*recipe"):
        load_suite(tmp_path, types=frozenset({"recipe"}))
