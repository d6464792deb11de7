"""The page-type classifier: its weights, its decision (articles preferred when unsure), its reasons, and the
features of text dumps and addresses, on small fictional pages of each type."""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pagetype_pages import PAGES

from cleanpage.bench.corpus import text_dump
from cleanpage.classify import (
    DOUBTED_ARTICLE,
    ENTRY_TYPES,
    PAGE_TYPES,
    WEIGHTS_FILE,
    TypeVerdict,
    choose,
    classify,
    classify_text,
    describe,
    load_weights,
)
from cleanpage.pagefeatures import (
    DESCRIPTIONS,
    DIGIT_LEAD_BYTES,
    PATTERN_NEEDS,
    PageFeatures,
    text_features,
    title_values,
    url_values,
)
from cleanpage.segment import segment_columns

ROOT = Path(__file__).resolve().parents[1]

#: A phrase the reasons of each type's fictional text dump must hold.
TEXT_REASONS = {
    "article": "lines",
    "forum": "forum phrases",
    "product": "shopping phrases",
    "collection": "prices",
    "listing": "listing phrases",
    "documentation": "documentation phrases",
    "service": "service phrases",
}


def test_weights_file_has_every_type_and_describes_every_feature() -> None:
    weights = load_weights()
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["page_types"]) == PAGE_TYPES
    assert set(weights.models) == {"html", "text"}
    for model in weights.models.values():
        assert len(model.coef) == len(PAGE_TYPES) == len(model.intercept)
        assert all(len(row) == len(model.features) for row in model.coef)
        assert len(model.mean) == len(model.scale) == len(model.features)
        assert set(model.features) <= set(DESCRIPTIONS)
        assert all(s > 0 for s in model.scale)
    assert 0.0 < weights.article_floor < 1.0


def test_weights_file_is_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert WEIGHTS_FILE.name in pyproject["tool"]["setuptools"]["package-data"]["cleanpage"]


def test_weights_with_other_types_are_refused(tmp_path: Path) -> None:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    data["page_types"] = list(reversed(data["page_types"]))
    bad = tmp_path / "weights.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="page types"):
        load_weights(bad)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_text_dump_of_each_type_is_classified_right(page_type: str) -> None:
    verdict = classify_text(text_dump(PAGES[page_type]()))
    assert verdict.page_type == page_type, verdict
    assert any(TEXT_REASONS[page_type] in r for r in verdict.reasons), verdict.reasons
    assert math.isclose(sum(verdict.scores.values()), 1.0)
    assert max(verdict.scores, key=lambda t: verdict.scores[t]) == page_type


def test_address_words_add_features_and_evidence() -> None:
    dump = text_dump(PAGES["forum"]())
    bare = text_features(dump.splitlines())
    with_url = text_features(dump.splitlines(), "https://boats.example/forum/thread/4411-fuel-tank")
    assert bare.get("url_forum") == 0 and with_url.get("url_forum") == 1
    assert classify(with_url).scores["forum"] > classify(bare).scores["forum"]


def test_article_is_preferred_unless_clearly_outweighed() -> None:
    unsure = {"article": 0.36, "service": 0.5, "forum": 0.14}
    page_type, why = choose(unsure, 0.35)
    assert page_type == "article"
    assert why is not None and "service is likelier" in why
    assert choose(unsure, 0.4) == ("service", None)
    assert choose({"article": 0.7, "forum": 0.3}, 0.35) == ("article", None)


def test_preferred_article_says_so_in_its_reasons() -> None:
    weights = load_weights()
    model = weights.models["text"]
    # a page whose features sit at the model's means: the intercepts decide, which favour articles
    values = {name: math.expm1(m) for name, m in zip(model.features, model.mean, strict=True)}
    verdict = classify(PageFeatures("text", values))
    assert isinstance(verdict, TypeVerdict) and verdict.page_type in PAGE_TYPES
    assert verdict.reasons, verdict
    forced = classify(PageFeatures("text", values), type(weights)(weights.models, 0.0))
    assert forced.page_type == "article"
    if max(forced.scores, key=lambda t: forced.scores[t]) != "article":
        assert forced.reasons[0].startswith("article preferred")


def test_empty_page_gets_a_verdict_with_a_reason() -> None:
    for source in ("html", "text"):
        verdict = classify(PageFeatures(source))  # type: ignore[arg-type]
        assert verdict.page_type in PAGE_TYPES
        assert verdict.reasons


def test_text_features_count_prose_prices_and_phrases() -> None:
    lines = [
        "Tide Tables for the Bay - Harbour Office",
        "Home",
        "The harbour office publishes the tide tables for the coming month on the first Monday, and copies "
        "are left at the ferry terminal for anyone without a computer.",
        "Printed tables cost €2.50 each, or $3 by post.",
        "Add to cart",
        "Was this page helpful?",
        "12 March 2031",
        "3 days ago",
    ]
    values = text_features(lines).values
    assert values["lines"] == len(lines)
    assert values["prose_lines"] == 1 and values["prose_run"] == 1
    assert values["price"] == 2
    assert values["cart"] == 1
    assert values["docs"] >= 1 and values["questions"] == 1
    assert values["dates"] == 1 and values["ago"] == 1
    assert values["title_words"] == 7 and values["title_parts"] == 2
    assert values["short_share"] == pytest.approx(4 / len(lines))  # Home, Add to cart, the date, 3 days ago


def test_text_features_read_prices_with_codes_and_never_across_lines() -> None:
    values = text_features(["Ferry pass", "Rs 300 a month, or 40 usd a season.", "Fares from $", "12 stops"])
    assert values.values["price"] == 2  # "Rs 300", "40 usd"; "$" ends its line, "12" opens the next
    assert text_features(["Fares", "Vans cost 300 each.", "Students 40 USD."]).values["price"] == 1
    assert text_features(["Tours", "The users 300 km north"]).values["price"] == 0  # "users" holds no code


def test_text_features_count_the_shapes_of_code_faq_byline_and_number_lines() -> None:
    values = text_features(
        [
            "Parsing a tide table",
            "import tides",
            "table = tides.load() {",
            "}",
            "<div class=tide>",
            "print(Tides::VERSION) => 3",
            "By Ana Ruiz",
            "by 2031 the office closes",
            "How often are the tables printed each year?",
            "Why?",
            "42",
            "12345",
        ]
    ).values
    # import, "{" and "}" ends, a tag, "()", "::" and "=>"
    assert values["code_lines"] == 7
    assert values["byline"] == 1  # not "by 2031"
    assert values["questions"] == 1  # "Why?" is too short for a line of FAQ
    assert values["numbers"] == 1  # 1-4 digits only


def test_url_values_read_path_words_slug_and_home() -> None:
    assert url_values(None) == {}
    assert url_values("https://shop.example/")["url_home"] == 1
    thread = url_values("https://boats.example/forum/thread/4411")
    assert thread["url_forum"] == 1 and thread["url_depth"] == 3
    post = url_values("https://news.example/2031/03/02/why-the-breakwater-is-being-rebuilt.html")
    assert post["url_date"] == 1 and post["url_slug"] == 6
    assert url_values("https://docs.example/api/reference/parse")["url_docs"] == 1
    assert url_values("https://shop.example/collections/trail-shoes")["url_collection"] == 1
    assert url_values("http://[broken") == {}


def test_title_values_name_kinds_of_page() -> None:
    assert title_values("How to fit a bigger fuel tank?")["title_article"] == 1
    assert title_values("How to fit a bigger fuel tank?")["title_question"] == 1
    assert title_values("Men's Trail Shoes | Sale")["title_collection"] == 1
    assert title_values("Pricing | Harbourline Software")["title_service"] == 1
    assert "title_docs" not in title_values("A walk along the bay")


def test_describe_formats_counts_shares_and_flags() -> None:
    assert describe("price", 12) == "12 prices (currency and amount)"
    assert describe("link_density", 0.42) == "42 % of the text is link text"
    assert describe("ld_product", 1) == "JSON-LD or microdata type Product / Offer"
    assert describe("words", 1234) == "1,234 words of text"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000), st.one_of(st.none(), st.text(max_size=80)))
def test_classification_never_raises_on_any_text(text: str, url: str | None) -> None:
    verdict = classify_text(text, url)
    assert verdict.page_type in PAGE_TYPES
    assert verdict.reasons
    assert math.isclose(sum(verdict.scores.values()), 1.0)


def test_digit_lead_bytes_cover_every_digit_the_patterns_match() -> None:
    """A line is scanned for dates and prices only when its bytes hold an ASCII digit or one of these lead
    bytes: every character ``\\d`` matches must start with one of them in UTF-8."""
    import re
    import sys

    digits = [chr(cp) for cp in range(0x80, sys.maxunicode + 1) if chr(cp).isdecimal()]
    assert all(re.fullmatch(r"\d", d) for d in digits)
    assert {d.encode()[0] for d in digits} <= set(DIGIT_LEAD_BYTES)
    arabic = text_features(["Tides", "Published ١٢/٠٥/٢٠٣١", "no digits on this line"]).values
    assert arabic["dates"] == 1


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=60))
def test_probabilities_are_the_softmax_of_the_standardised_model(raw: list[float]) -> None:
    """The shipped inference (standardisation folded into the weights) computes what the fit describes:
    softmax(intercept + coef . ((log1p(value) - mean) / scale))."""
    model = load_weights().models["text"]
    values = dict(zip(model.features, raw, strict=False))
    z = [
        (math.log1p(values.get(name, 0.0)) - m) / s
        for name, m, s in zip(model.features, model.mean, model.scale, strict=True)
    ]
    logits = [
        b + sum(w * x for w, x in zip(row, z, strict=True))
        for row, b in zip(model.coef, model.intercept, strict=True)
    ]
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    expected = [e / sum(exps) for e in exps]
    got = model.probabilities(values)
    assert list(got) == list(PAGE_TYPES)
    assert [got[t] for t in PAGE_TYPES] == pytest.approx(expected, rel=1e-9, abs=1e-12)


_SPACY = list("ab1$ .?\t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u2028\u200b\u3000")


@given(st.text(alphabet=st.sampled_from(_SPACY) | st.characters(), max_size=60))
def test_features_of_segmented_lines_are_the_same_read_as_normalised(text: str) -> None:
    # The text path counts the words of its lines by their spaces: segment leaves single plain spaces only.
    lines = segment_columns(text)[1]
    assert text_features(lines, normalised=True) == text_features(lines)


_PATTERN_PARTS = [*"12 .,/-$€₹", "2024", "may ", "dec", "ago", "h ", "3 min ago", "$5", "may 12, 2024"]


@given(st.lists(st.sampled_from(_PATTERN_PARTS), max_size=14))
def test_a_text_pattern_matches_only_where_a_string_it_needs_is(parts: list[str]) -> None:
    # The page features skip a pattern on a text holding none of its needs: it must never match there.
    text = "".join(parts)
    for pattern, needs in PATTERN_NEEDS.items():
        if pattern.search(text):
            assert any(need in text for need in needs), (pattern.pattern, text)


def test_a_lone_surrogate_in_a_text_does_not_stop_its_features() -> None:
    # A str from a lenient JSON decoder may hold one; the phrase scan reads it as a replacement character.
    values = text_features(["Add to cart \ud800 for $5", "Leave a reply"]).values
    assert values["comments"] >= 1 and values["price"] == 1


def test_a_verdict_is_unsure_when_the_article_was_preferred_over_a_likelier_type() -> None:
    likelier_listing = {"article": 0.3, "listing": 0.6, "forum": 0.1}
    assert TypeVerdict("article", (), likelier_listing).unsure
    assert not TypeVerdict("listing", (), likelier_listing).unsure
    assert not TypeVerdict("article", (), {"article": 0.5, "listing": 0.4, "forum": 0.1}).unsure
    assert not TypeVerdict("article", ()).unsure  # no probabilities (a type given by the caller)
    assert TypeVerdict("article", (), likelier_listing).likeliest == "listing"
    assert TypeVerdict("forum", ()).likeliest == "forum"


def test_a_page_too_short_for_a_list_of_entries_stays_an_article() -> None:
    # four sentences, each followed by a copyright line, under a related heading: nine lines
    lines = ["----------", "Related Articles"]
    for end in ("in the council.", "because it had approved it.", "for years.", "in the river."):
        lines += [f"The old council approved the council in the council {end}", "© Example Media Group"]
    verdict = classify(text_features(lines[:-1]))
    assert verdict.likeliest in ENTRY_TYPES  # what the model reads in the lines alone
    assert verdict.page_type == "article"
    assert verdict.reasons[0] == f"article preferred: 9 lines are too few for a {verdict.likeliest}"
    # the same lines repeated are long enough to be a list
    longer = classify(text_features(lines * 3))
    assert longer.page_type in ENTRY_TYPES, longer


def test_a_doubted_article_has_a_rival_type() -> None:
    assert TypeVerdict("article", (), {"article": 0.55, "listing": 0.3, "forum": 0.15}).rival == "listing"
    assert TypeVerdict("article", (), {"article": 0.3, "forum": 0.7}).rival == "forum"  # unsure: likeliest
    assert TypeVerdict("article", (), {"article": DOUBTED_ARTICLE, "listing": 0.4}).rival is None
    assert TypeVerdict("listing", (), {"article": 0.3, "listing": 0.7}).rival is None  # not an article
    assert TypeVerdict("article", ()).rival is None  # no probabilities (a type given by the caller)
