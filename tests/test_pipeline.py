"""`clean` and `Cleaner` end to end on text: the inputs, errors, options and rule files they honour."""

from __future__ import annotations

import os
import pickle
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pages import AGGREGATOR, ALL_PAGES, LISTS, WIRE

import cleanpage
from cleanpage import Cleaner, Config

RULE_FILE = """\
[pack]
language = "en"

[[promo]]
id = "local.promo.ferry-card"
pattern = '(?i)^get your ferry card\\b'
max_words = 12
examples = ["Get your ferry card today"]
"""


def test_clean_returns_the_article_of_a_text_dump() -> None:
    r = cleanpage.clean(AGGREGATOR.text)
    assert isinstance(r, cleanpage.Result)
    assert r.format == "text" and r.language == "en"
    assert r.paragraphs == AGGREGATOR.body
    assert r.warnings == ()


def test_bytes_and_str_give_the_same_result() -> None:
    text = AGGREGATOR.text
    expected = cleanpage.clean(text)
    for data in (
        text.encode(),
        bytearray(text.encode()),
        memoryview(text.encode()),
        b"\xef\xbb\xbf" + text.encode(),
    ):
        r = cleanpage.clean(data)
        assert r.paragraphs == expected.paragraphs
        assert r.removed == expected.removed


def test_legacy_encoded_bytes_are_decoded() -> None:
    text = LISTS.text.replace("renters", "renters\u2019")  # a right single quote: 0x92 in windows-1252
    r = cleanpage.clean(text.encode("cp1252"))
    assert r.paragraphs == cleanpage.clean(text).paragraphs


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x00",
    ],
    ids=["pdf", "png", "zip"],
)
def test_files_that_are_not_pages_are_refused(data: bytes) -> None:
    with pytest.raises(cleanpage.NotAPageError):
        cleanpage.clean(data)


def test_binary_noise_is_refused() -> None:
    with pytest.raises(cleanpage.NotAPageError, match="binary"):
        cleanpage.clean(bytes([0, 7, 0, 200, 13, 0, 99, 0, 1, 0]) * 100)


@pytest.mark.parametrize("page", [None, 42, ["a line"]])
def test_a_page_of_the_wrong_type_is_a_type_error(page: object) -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        cleanpage.clean(page)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "\n\n\n", "   \t  "])
def test_an_empty_page_has_no_article(text: str) -> None:
    r = cleanpage.clean(text)
    assert (r.title, r.paragraphs, r.removed, r.lines, r.is_article) == (None, (), (), (), False)


def test_time_budget_is_enforced() -> None:
    page = AGGREGATOR.text * 40
    with pytest.raises(cleanpage.TimeBudgetExceededError, match=r"time_budget=1e-09s"):
        cleanpage.clean(page, time_budget=1e-9)
    assert cleanpage.clean(page, time_budget=60).paragraphs


def test_time_budget_error_is_a_cleanpage_error_and_a_timeout() -> None:
    assert issubclass(cleanpage.TimeBudgetExceededError, cleanpage.CleanpageError)
    assert issubclass(cleanpage.TimeBudgetExceededError, TimeoutError)


def test_language_can_be_forced() -> None:
    assert cleanpage.clean(WIRE.text, language="en").paragraphs == WIRE.body
    r = cleanpage.clean(WIRE.text, language="xx")  # no pack: only language-independent rules run
    assert r.language == "xx"
    content_rules = {"content.outside-article", "content.low-score"}
    common = {rule.id for rule in Cleaner().rules_for(None)} | content_rules
    assert r.removed and all(x.rule in common for x in r.removed)
    assert r.metadata.byline is None  # the English byline rule did not run
    assert any("no rule pack for language 'xx'" in w and "en" in w for w in r.warnings)
    assert not any("rule pack" in w for w in cleanpage.clean(WIRE.text, language="en").warnings)


def test_a_path_is_a_file_to_read(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "wire.txt"
    path.write_text(WIRE.text, encoding="utf-8")
    expected = cleanpage.clean(WIRE.text)
    assert cleanpage.clean(path).paragraphs == expected.paragraphs
    zipped = tmp_path / "wire.txt.gz"
    zipped.write_bytes(gzip.compress(WIRE.text.encode()))
    assert cleanpage.clean(zipped).paragraphs == expected.paragraphs
    with pytest.raises(cleanpage.InputTooLargeError):
        cleanpage.clean(path, max_bytes=100)
    named = cleanpage.clean(str(path))  # a str is page text, but one that names a file gets a warning
    assert named.paragraphs != expected.paragraphs
    assert any("names an existing file" in w for w in named.warnings)
    assert not any("names an existing file" in w for w in cleanpage.clean("not/a/file.txt").warnings)


# ---------------------------------------------------------------- Cleaner
def test_a_cleaner_gives_what_clean_gives() -> None:
    cleaner = Cleaner(focus="precision")
    assert cleaner.config == Config(focus="precision")
    for page in ALL_PAGES:
        assert cleaner.clean(page.text) == cleanpage.clean(page.text, focus="precision")


def test_what_a_cleaner_has_seen_before_never_changes_a_result() -> None:
    # The cleaner remembers the features of short lines it has seen (menus repeat across a site's pages);
    # a page's result must not depend on which pages came before it, in any order.
    pages = [p.text for p in ALL_PAGES]
    alone = [Cleaner().clean(p) for p in pages]
    shared = Cleaner()
    assert [shared.clean(p) for p in pages] == alone
    assert [shared.clean(p) for p in reversed(pages)] == alone[::-1]


def test_a_cleaner_takes_a_config_and_overrides() -> None:
    cleaner = Cleaner(Config(keep={"caption"}), focus="recall")
    assert cleaner.config.keep == frozenset({"caption"}) and cleaner.config.focus == "recall"
    with pytest.raises(cleanpage.ConfigError, match="colour"):
        Cleaner(colour="red")


def test_a_cleaner_pickles_and_cleans_the_same_after() -> None:
    cleaner = Cleaner(disable=["en.share.buttons"])
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.config == cleaner.config
    assert copy.clean(AGGREGATOR.text) == cleaner.clean(AGGREGATOR.text)


def test_a_cleaner_is_safe_to_share_between_threads() -> None:
    cleaner = Cleaner()
    pages = [p.text for p in ALL_PAGES] * 3
    expected = [cleaner.clean(p) for p in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(cleaner.clean, pages)) == expected


def test_rules_for_a_language() -> None:
    cleaner = Cleaner()
    english = {r.id for r in cleaner.rules_for("en")}
    common = {r.id for r in cleaner.rules_for(None)}
    assert "en.share.buttons" in english and "copyright.symbol-year" in english
    assert common and common < english
    assert all("*" in r.languages for r in cleaner.rules_for(None))
    assert "en.share.buttons" not in {r.id for r in Cleaner(disable=["en.share.buttons"]).rules_for("en")}


# ---------------------------------------------------------------- rule files
def test_an_extra_rule_file_adds_its_rules(tmp_path: Path) -> None:
    path = tmp_path / "local.toml"
    path.write_text(RULE_FILE, encoding="utf-8")
    page = AGGREGATOR.text.replace("Share Tweet Email\n", "Share Tweet Email\nGet your ferry card today\n")
    assert "local.promo.ferry-card" not in cleanpage.clean(page).rule_counts
    r = cleanpage.clean(page, rules=[path])
    card = next(x for x in r.removed if x.text == "Get your ferry card today")
    assert (card.kind, card.rule) == ("promo", "local.promo.ferry-card")
    assert r.paragraphs == AGGREGATOR.body
    assert (
        cleanpage.clean(page, rules=[cleanpage.load_rules([path], builtin=False)]).rule_counts[
            "local.promo.ferry-card"
        ]
        == 1
    )


def test_an_edited_rule_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "local.toml"
    path.write_text(RULE_FILE, encoding="utf-8")
    page = AGGREGATOR.text + "Get your ferry card today\nGet your bus pass today\n"
    first = cleanpage.clean(page, rules=[str(path)])
    assert first.rule_counts.get("local.promo.ferry-card") == 1
    path.write_text(RULE_FILE.replace("ferry card", "bus pass"), encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))
    second = cleanpage.clean(page, rules=[str(path)])
    bus = next(x for x in second.removed if x.text == "Get your bus pass today")
    assert bus.rule == "local.promo.ferry-card"


def test_a_bad_rule_file_is_a_rule_error_naming_the_file_and_rule(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(RULE_FILE.replace("(?i)^get your ferry card", "(unclosed"), encoding="utf-8")
    with pytest.raises(cleanpage.RuleError) as info:
        cleanpage.clean(AGGREGATOR.text, rules=[path])
    assert "broken.toml" in str(info.value)
    assert info.value.rule_id == "local.promo.ferry-card"


def test_a_missing_rule_file_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(cleanpage.RuleError, match=r"missing\.toml"):
        cleanpage.clean(AGGREGATOR.text, rules=[tmp_path / "missing.toml"])


def test_a_page_type_given_by_the_caller_is_the_results_with_that_reason() -> None:
    page = "Harbor fees rise\nThe harbor authority raised mooring fees on Monday for the third year in a row."
    result = cleanpage.clean(page, page_type="documentation")
    assert result.page_type == "documentation" and result.page_type_reasons == (
        "page_type given by the caller",
    )
    assert result.is_article is False
    again = cleanpage.Result.from_json(result.to_json())
    assert (again.page_type, again.page_type_reasons) == (result.page_type, result.page_type_reasons)
