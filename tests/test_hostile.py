"""Hostile and broken input: clear errors, bounded time and memory, and no exception but our own."""

from __future__ import annotations

import json
import socket
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanpage
from cleanpage import CleanpageError, InputTooLargeError, NotAPageError, TimeBudgetExceededError

ARTICLE = (
    "Riverside council approves new library\n\n"
    "The council of Riverside voted on Tuesday to build a new public library on the site of the old bus "
    "depot, ending a debate that has run for more than a decade.\n\n"
    "The building will have room for forty thousand books, a children's wing and a roof garden, and the "
    "mayor said the work should start in the spring.\n\n"
    "© 2025 Riverside Courier. All rights reserved.\n"
)


def _seconds(fn: Callable[[], Any], repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _assert_linear(make: Callable[[int], Any], n: int, slack: float = 0.05, **options: Any) -> None:
    """Doubling the input must not quadruple the time: catches quadratic blow-ups without flaking."""
    small, large = make(n), make(2 * n)
    t_small = _seconds(lambda: cleanpage.clean(small, **options))
    t_large = _seconds(lambda: cleanpage.clean(large, **options))
    assert t_large < 4 * t_small + slack, f"{t_small:.3f}s for n={n}, {t_large:.3f}s for n={2 * n}"


# -- wrong types and empty pages ------------------------------------------------------------------


@pytest.mark.parametrize("page", [None, 42, 3.5, ["a"], {"a": 1}])
def test_wrong_types_raise_type_error_naming_what_is_accepted(page: object) -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        cleanpage.clean(page)  # type: ignore[arg-type]


def test_a_file_object_is_refused_with_type_error(tmp_path: Any) -> None:
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE)
    with path.open() as handle, pytest.raises(TypeError, match="str or bytes"):
        cleanpage.clean(handle)  # type: ignore[arg-type]


@pytest.mark.parametrize("page", ["", "   ", "\n\n\t\n", "\u3000\u00a0\u200b", b"", b" \r\n ", "\ufeff"])
def test_empty_and_white_space_pages_give_an_empty_result(page: str | bytes) -> None:
    result = cleanpage.clean(page)
    assert result.paragraphs == ()
    assert result.text == ""
    assert not result.is_article


def test_bytes_and_str_of_one_page_give_the_same_article() -> None:
    assert cleanpage.clean(ARTICLE.encode("utf-8")).text == cleanpage.clean(ARTICLE).text != ""


# -- odd characters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "noise",
    ["\x00", "\x07\x1b", "\u202e", "\u200b\u2060", "\ufeff", "\x9b", "\ud800", "\udfff\ud800"],
)
def test_control_bidi_zero_width_and_surrogate_characters_are_cleaned_consistently(noise: str) -> None:
    plain = cleanpage.clean(ARTICLE)
    dirty = cleanpage.clean(ARTICLE.replace("library", f"lib{noise}rary"))
    assert dirty.text.count("\n") == plain.text.count("\n")
    assert all(c not in dirty.text for c in "\x00\x07\x1b\u202e\u200b\u2060\ufeff")
    json.loads(dirty.to_json())
    dirty.to_json().encode("utf-8")  # no lone surrogate left


def test_ten_thousand_emoji_are_kept_as_text() -> None:
    page = ARTICLE + "\n" + "\U0001f600" * 10_000 + "\n"
    result = cleanpage.clean(page)
    assert "council" in result.text
    assert json.loads(result.to_json())["text"] == result.text


# -- binary and too large -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page", [b"%PDF-1.5\n%\xb5\xb5\n" + b"\x00" * 100, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4]
)
def test_files_that_are_not_pages_raise_not_a_page_error_fast(page: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(NotAPageError):
        cleanpage.clean(page * 1000)
    assert time.perf_counter() - started < 0.5


def test_input_over_max_bytes_is_refused_before_any_work() -> None:
    page = "word " * 2_000_000  # 10 MB
    started = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="max_bytes"):
        cleanpage.clean(page, max_bytes=1_000_000)
    with pytest.raises(InputTooLargeError):
        cleanpage.clean(page.encode(), max_bytes=1_000_000)
    assert time.perf_counter() - started < 0.5


# -- size: linear time, bounded memory ------------------------------------------------------------


def test_many_short_lines_take_linear_time() -> None:
    _assert_linear(lambda n: ARTICLE + "Menu\nHome\nSport 3\n" * n, 4_000)


def test_one_long_line_takes_linear_time() -> None:
    _assert_linear(lambda n: "Headline\n" + "The council met again today and talked. " * n, 20_000)


def test_one_long_word_takes_linear_time() -> None:
    _assert_linear(lambda n: "Visit www.example" + ".news-" * n + " x", 50_000)


@pytest.mark.parametrize(
    "unit", [" ", "-", "© ", "1", ":", "#", "1:", "#a ", "a.", "Copyright ", "By A ", "10am "]
)
def test_adversarial_runs_without_line_ends_take_linear_time(unit: str) -> None:
    _assert_linear(lambda n: unit * (n // len(unit)) + " x", 50_000)


def test_memory_stays_within_a_small_multiple_of_the_input() -> None:
    page = (ARTICLE * 2000).encode()  # about 1 MB
    tracemalloc.start()
    try:
        cleanpage.clean(page)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 * len(page), f"peak {peak / 1e6:.1f} MB for {len(page) / 1e6:.1f} MB of input"


# -- time budget ----------------------------------------------------------------------------------


def test_time_budget_stops_a_page_that_takes_too_long() -> None:
    page = ARTICLE * 20_000
    started = time.perf_counter()
    with pytest.raises(TimeBudgetExceededError):
        cleanpage.clean(page, time_budget=0.001)
    assert time.perf_counter() - started < 5


def test_time_budget_stops_a_runaway_user_pattern(tmp_path: Any) -> None:
    """A pattern the load check lets through (quadratic, not exponential) is still stopped by the budget."""
    rules = tmp_path / "slow.toml"
    pattern = r"^\S*\S*\S*\S*$"  # polynomial backtracking, but no nested loop for the static check
    rules.write_text(f"[[promo]]\nid = 'slow.poly'\npattern = '''{pattern}'''\nmax_words = 200\n")
    page = "x" * 3000 + " y\n"
    with pytest.raises(TimeBudgetExceededError):
        cleanpage.clean(page, rules=[str(rules)], time_budget=0.05, language="en", format="text")


def test_a_generous_time_budget_does_not_change_the_result() -> None:
    assert cleanpage.clean(ARTICLE, time_budget=30).text == cleanpage.clean(ARTICLE).text


# -- pathological HTML ----------------------------------------------------------------------------

_HEAD = "<!doctype html><html><head><title>Library</title></head><body>"
_BODY = "<p>" + ARTICLE.split("\n\n")[1] + "</p><p>" + ARTICLE.split("\n\n")[2] + "</p>"


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("deep nesting", _HEAD + "<div>" * 100_000 + _BODY + "</div>" * 100_000 + "</body></html>"),
        ("unclosed tags", _HEAD + "<div><p><span><b><i><ul><li><table><tr><td>" * 3000 + _BODY),
        (
            "entity bomb",
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9))
            + "]><html><body><p>&lol8;</p>"
            + _BODY
            + "</body></html>",
        ),
        ("huge attribute", _HEAD + '<div class="' + "x" * 1_000_000 + '">' + _BODY + "</div></body></html>"),
        ("giant table", _HEAD + "<table>" + "<tr><td>a</td><td>1</td></tr>" * 20_000 + "</table>" + _BODY),
    ],
)
def test_pathological_html_finishes_without_recursion_error_or_expansion(name: str, page: str) -> None:
    started = time.perf_counter()
    result = cleanpage.clean(page, format="html")
    assert time.perf_counter() - started < 30, name
    assert "lollollol" not in result.text
    assert len(result.text) < len(page)


# -- security: parse only, never fetch ------------------------------------------------------------


def test_html_with_external_resources_is_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("cleanpage tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = (
        '<!DOCTYPE html SYSTEM "http://example.invalid/x.dtd"><html><head>'
        '<base href="http://example.invalid/"><meta http-equiv="refresh" content="0; url=http://example.invalid/">'
        '<link rel="stylesheet" href="http://example.invalid/a.css"><script src="http://example.invalid/a.js">'
        "</script></head><body><iframe src='http://example.invalid/frame'></iframe>"
        '<img src="http://example.invalid/a.png">' + _BODY + "</body></html>"
    )
    result = cleanpage.clean(page)
    assert "council" in result.text


# -- fuzzing: no exception but TypeError or our own -----------------------------------------------

_html_like = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<br>",
                "<!--",
                "-->",
                "<script>",
                "&amp;",
                "&#0;",
                "<![CDATA[",
                "]]>",
                "<?xml ?>",
                "<!DOCTYPE html>",
                "<a href='x'>",
                "</a>",
                "\n\n",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
).map("".join)


def _clean_or_own_error(page: str | bytes) -> None:
    try:
        result = cleanpage.clean(page)
    except CleanpageError:
        return
    json.loads(result.to_json())
    assert all(p == p.strip() and p for p in result.paragraphs)


@given(st.text())
def test_any_text_cleans_or_raises_our_own_error(page: str) -> None:
    _clean_or_own_error(page)


@given(st.binary(max_size=2000))
def test_any_bytes_clean_or_raise_our_own_error(page: bytes) -> None:
    _clean_or_own_error(page)


@given(_html_like)
def test_any_html_like_string_cleans_or_raises_our_own_error(page: str) -> None:
    _clean_or_own_error(page)
