"""`Result`: the article, every removal with its kind, rule and input line, the page's metadata and related
entries, a verdict per line, and a JSON form that round-trips."""

from __future__ import annotations

import dataclasses
import json
import pickle
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pages import AGGREGATOR, ALL_PAGES, QUOTING, RELATED_FIRST, RELATED_FIRST_BLURBS, WIRE, Page

import cleanpage
from cleanpage import LineVerdict, Metadata, RelatedEntry, Removal, Result, Verdicts
from cleanpage.rules import KINDS

CONTENT_RULES = {"content.outside-article", "content.low-score"}


def _spaced(page: Page) -> str:
    """The page with a blank line between every two lines, as many scrapers write it."""
    return "\n\n".join(page.text.rstrip("\n").split("\n")) + "\n"


# ---------------------------------------------------------------- the value itself
def test_text_rule_counts_and_json_of_a_built_result() -> None:
    r = Result(
        title="Headline",
        paragraphs=("First © paragraph.", "Second paragraph."),
        removed=(
            Removal("Share", "share", "en.share.buttons", 3),
            Removal("Tweet", "share", "en.share.buttons", 4),
            Removal("Home", "navigation", "en.navigation.menu-word", 0),
        ),
        metadata=Metadata(copyright_year=2025, credits=("Ana Ruiz",)),
        related=(RelatedEntry(headline="Other story", age="2 hours ago"),),
    )
    assert r.text == "First © paragraph.\nSecond paragraph."
    assert r.rule_counts == {"en.share.buttons": 2, "en.navigation.menu-word": 1}
    data = json.loads(r.to_json())
    assert data == json.loads(json.dumps(r.to_dict()))
    assert data["text"] == r.text
    assert data["paragraphs"] == list(r.paragraphs)
    assert data["removed"][0] == {"text": "Share", "kind": "share", "rule": "en.share.buttons", "line": 3}
    assert data["metadata"]["copyright_year"] == 2025
    assert data["metadata"]["credits"] == ["Ana Ruiz"]
    assert data["related"][0] == {
        "headline": "Other story",
        "source": None,
        "age": "2 hours ago",
        "blurb": None,
    }
    assert data["rule_counts"] == {"en.share.buttons": 2, "en.navigation.menu-word": 1}
    assert "©" in r.to_json()  # not escaped by default
    assert "\\u00a9" in r.to_json(ensure_ascii=True)


def test_an_empty_result() -> None:
    r = Result(title=None, paragraphs=())
    assert r.text == ""
    assert r.rule_counts == {}
    assert json.loads(r.to_json())["paragraphs"] == []


# ---------------------------------------------------------------- results of real pages
@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_verdicts_removals_and_paragraphs_agree(page: Page) -> None:
    r = cleanpage.clean(page.text)
    lines = page.lines
    # One verdict per non-empty input line, in order, with the input line number.
    assert [v.line for v in r.lines] == [i for i, line in enumerate(lines) if line.strip()]
    assert all(v.text == lines[v.line] for v in r.lines)
    # Kept verdicts are the paragraphs; the title verdict is the title; every other verdict is a removal.
    assert tuple(v.text for v in r.lines if v.kept) == r.paragraphs
    titles = [v for v in r.lines if v.kind == "title"]
    assert [v.text for v in titles] == ([r.title] if r.title is not None else [])
    assert all(not v.kept and v.rule is None for v in titles)
    removed = [v for v in r.lines if not v.kept and v.kind != "title"]
    assert [(v.text, v.kind, v.rule, v.line) for v in removed] == [
        (x.text, x.kind, x.rule, x.line) for x in r.removed
    ]
    assert r.text == "\n".join(r.paragraphs)
    assert r.rule_counts == dict(Counter(x.rule for x in r.removed))


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_every_removal_has_a_known_kind_and_a_real_rule(page: Page) -> None:
    r = cleanpage.clean(page.text)
    rules = {rule.id: rule for rule in cleanpage.load_rules().rules}
    for x in r.removed:
        if x.kind == "boilerplate":
            assert x.rule in CONTENT_RULES
        else:
            assert x.kind in KINDS
            assert rules[x.rule].kind == x.kind


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_the_title_is_never_a_paragraph(page: Page) -> None:
    r = cleanpage.clean(page.text)
    assert r.title is None or r.title not in r.paragraphs
    assert page.title not in r.paragraphs


def test_reasons_give_the_features_and_each_rule_with_its_weight() -> None:
    r = cleanpage.clean(AGGREGATOR.text)
    by_text = {v.text: v for v in r.lines}
    share = by_text["Share Tweet Email"]
    assert share.kind == "share" and share.rule == "en.share.buttons"
    assert share.reasons[0].startswith("words=3 ")
    assert any(reason.startswith("rule:en.share.buttons(-") for reason in share.reasons)
    assert share.score < 0
    body = by_text[AGGREGATOR.body[0]]
    assert body.kept and body.kind == "body" and body.rule is None
    assert body.score > 0
    assert "sentence-end" in body.reasons[0]
    assert not any(reason.startswith("rule:") for reason in body.reasons)


def test_verdicts_read_late_are_those_of_the_page_and_travel_with_the_result() -> None:
    # The verdicts are built on first read; a pickled or compared result acts as if built eagerly.
    r = cleanpage.clean(AGGREGATOR.text)
    copy = pickle.loads(pickle.dumps(r))
    assert [v.text for v in r.lines] == AGGREGATOR.text.splitlines()
    assert copy == r and copy.lines == r.lines and hash(copy) == hash(r)
    assert [v.text for v in r.lines if v.kept] == list(r.paragraphs)
    assert r != dataclasses.replace(r, verdicts=Verdicts(r.lines[1:]))


def test_removal_lines_count_blank_lines() -> None:
    text = _spaced(AGGREGATOR)
    r = cleanpage.clean(text)
    lines = text.split("\n")
    assert r.paragraphs == AGGREGATOR.body
    assert r.removed
    for x in r.removed:
        assert lines[x.line] == x.text
    share = next(x for x in r.removed if x.text == "Share Tweet Email")
    assert share.line == 2 * AGGREGATOR.line_of("Share Tweet Email")


def test_the_aggregator_page_removals() -> None:
    r = cleanpage.clean(AGGREGATOR.text)
    assert r.title == AGGREGATOR.title
    assert r.paragraphs == AGGREGATOR.body
    expected = {
        "©2025 Estuary Media Group. Distributed by Northgate Content Syndicate.": "copyright",
        "With assistance from Rhona Castellan.": "credit",
        "Try Our AI Features": "promo",
        "Explore what Estuary AI can do for you:": "promo",
        "Enter Email Sign Up": "newsletter",
        "No comments yet...": "comments",
        "#Tollbridge #Ferries #Transport": "tags",
        "Share Tweet Email": "share",
        "Related Articles": "related",
        "3 hours ago": "timestamp",
        "By Marguerite Olowe": "byline",
    }
    kinds = {x.text: x.kind for x in r.removed}
    for text, kind in expected.items():
        assert kinds[text] == kind, text
    rules = {x.text: x.rule for x in r.removed}
    assert (
        rules["©2025 Estuary Media Group. Distributed by Northgate Content Syndicate."]
        == "copyright.symbol-year"
    )
    assert rules["No comments yet..."] == "en.comments.widget"
    assert r.rule_counts["en.promo.try-our"] == 1


def test_metadata_from_the_rules_named_groups() -> None:
    r = cleanpage.clean(AGGREGATOR.text, url="https://example.org/tollbridge-ferry")
    m = r.metadata
    assert m.copyright_holder == "Estuary Media Group"
    assert m.copyright_year == 2025 and isinstance(m.copyright_year, int)
    assert m.distributor == "Northgate Content Syndicate"
    assert m.credits == ("Rhona Castellan",)
    assert m.byline == "Marguerite Olowe"
    assert m.url == "https://example.org/tollbridge-ferry"


def test_metadata_dateline_published_and_credits_of_a_wire_story() -> None:
    r = cleanpage.clean(WIRE.text)
    assert r.paragraphs == WIRE.body
    m = r.metadata
    assert m.dateline == "CARROW, Eastshire"
    assert m.published == "March 4, 2025"
    assert m.byline == "Ingrid Halvorsen-Mbeki"
    assert m.copyright_holder == "Carrow Wire Service" and m.distributor == "Fenland Syndicate"
    assert any("Ingrid Halvorsen-Mbeki" in credit for credit in m.credits)


def test_metadata_is_empty_when_nothing_says_it() -> None:
    page = "\n".join(AGGREGATOR.body) + "\n"
    assert cleanpage.clean(page).metadata == Metadata()


def test_related_entries_with_source_age_headline_and_blurb() -> None:
    r = cleanpage.clean(QUOTING.text)
    assert r.related == (
        RelatedEntry("Heritage prize shortlist announced", "Pellow Standard", "6 hours ago", QUOTING.body[0]),
        RelatedEntry(
            "Glassblowing classes return for the summer", "Pellow Standard", "1 day ago", QUOTING.body[1]
        ),
    )


AGGREGATOR_TAIL_ENTRIES = (
    RelatedEntry(
        "Saltings terminal car park to close for resurfacing next month",
        "Marrow Valley Gazette",
        "5 hours ago",
        AGGREGATOR.lines[
            AGGREGATOR.line_of("Saltings terminal car park to close for resurfacing next month") + 1
        ],
    ),
    RelatedEntry(
        "Hospital trust asks for later buses to the Old Quay",
        "Tollbridge Echo",
        "1 day ago",
        AGGREGATOR.lines[AGGREGATOR.line_of("Hospital trust asks for later buses to the Old Quay") + 1],
    ),
    RelatedEntry(
        "Estuary Link reports busiest summer since the pandemic",
        "Estuary Business Weekly",
        "2 days ago",
        AGGREGATOR.lines[AGGREGATOR.line_of("Estuary Link reports busiest summer since the pandemic") + 1],
    ),
)


def test_related_entries_with_dash_source_lines() -> None:
    assert cleanpage.clean(AGGREGATOR.text).related == AGGREGATOR_TAIL_ENTRIES


def test_related_entries_before_the_article() -> None:
    r = cleanpage.clean(RELATED_FIRST.text)
    assert r.related[:2] == (
        RelatedEntry(
            "Pool decision delayed again as council weighs three bids",
            "Brightwater Courier",
            "2 hours ago",
            RELATED_FIRST_BLURBS[0],
        ),
        RelatedEntry(
            "Food bank appeals for donations as demand doubles",
            "Brightwater Courier",
            "4 hours ago",
            RELATED_FIRST_BLURBS[1],
        ),
    )


def test_the_headline_after_a_related_block_is_the_title_not_an_entry() -> None:
    r = cleanpage.clean(RELATED_FIRST.text)
    assert r.title == RELATED_FIRST.title
    assert all(entry.headline != RELATED_FIRST.title for entry in r.related)
    assert len(r.related) == 2


def test_line_verdict_is_a_value() -> None:
    v = LineVerdict(3, "Share", False, "share", "en.share.buttons", -8.6, ("words=1",))
    assert v == LineVerdict(3, "Share", False, "share", "en.share.buttons", -8.6, ("words=1",))
    assert hash(v) == hash(LineVerdict(3, "Share", False, "share", "en.share.buttons", -8.6, ("words=1",)))


def test_verdicts_read_from_many_threads_at_once_are_the_same() -> None:
    from concurrent.futures import ThreadPoolExecutor

    for _ in range(20):
        r = cleanpage.clean(AGGREGATOR.text)
        with ThreadPoolExecutor(max_workers=8) as pool:
            seen = list(pool.map(lambda result: result.lines, [r] * 16))
        assert all(lines == seen[0] for lines in seen) and len(seen[0]) == len(AGGREGATOR.text.splitlines())


# ---------------------------------------------------------------- sequences and serialisation
def test_verdicts_are_a_sequence() -> None:
    from collections.abc import Sequence

    r = cleanpage.clean(AGGREGATOR.text)
    verdicts = r.verdicts
    assert isinstance(verdicts, Sequence)
    assert len(verdicts) == len(AGGREGATOR.text.splitlines())
    assert [v.text for v in verdicts] == AGGREGATOR.text.splitlines()
    assert verdicts[0] == r.lines[0] and verdicts[-1] == r.lines[-1]
    assert verdicts[1:3] == r.lines[1:3]
    assert verdicts == r.lines and r.lines == verdicts
    assert verdicts.index(r.lines[2]) == 2 and r.lines[2] in verdicts


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_OPTIONAL = st.none() | _TEXT
_RESULTS = st.builds(
    Result,
    title=_OPTIONAL,
    paragraphs=st.lists(_TEXT, max_size=4).map(tuple),
    removed=st.lists(st.builds(Removal, _TEXT, _TEXT, _TEXT, st.integers(0, 999)), max_size=3).map(tuple),
    metadata=st.builds(
        Metadata,
        publisher=_OPTIONAL,
        copyright_year=st.none() | st.integers(1900, 2100),
        credits=st.lists(_TEXT, max_size=2).map(tuple),
        url=_OPTIONAL,
    ),
    related=st.lists(st.builds(RelatedEntry, headline=_OPTIONAL, age=_OPTIONAL), max_size=2).map(tuple),
    format=st.sampled_from(["text", "html"]),
    language=st.none() | st.sampled_from(["en", "de"]),
    is_article=st.booleans(),
    warnings=st.lists(_TEXT, max_size=2).map(tuple),
    verdicts=st.lists(
        st.builds(
            LineVerdict,
            st.integers(0, 999),
            _TEXT,
            st.booleans(),
            _TEXT,
            _OPTIONAL,
            st.floats(-5, 5, allow_nan=False),
            st.lists(_TEXT, max_size=2).map(tuple),
        ),
        max_size=3,
    ).map(lambda vs: Verdicts(tuple(vs))),
    blocks=st.lists(
        st.builds(
            cleanpage.Block, st.sampled_from(["p", "h2", "ul", "tr"]), st.lists(st.integers(0, 9)).map(tuple)
        ),
        max_size=3,
    ).map(tuple),
)


@given(_RESULTS)
def test_a_result_round_trips_through_its_dict_and_json(result: Result) -> None:
    assert Result.from_dict(result.to_dict()) == result
    assert Result.from_json(result.to_json()) == result
    assert Result.from_json(result.to_json(ensure_ascii=True)) == result


def test_a_batch_output_record_loads_back(tmp_path: Path) -> None:
    from cleanpage.batch.cli import main as batch_main

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "w", "text": WIRE.text}) + "\n" + json.dumps({"id": "x"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert batch_main([str(source), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    good, failed = out.read_text().splitlines()
    loaded = Result.from_json(good)
    expected = cleanpage.clean(WIRE.text)
    assert (loaded.title, loaded.paragraphs, loaded.removed, loaded.metadata, loaded.warnings) == (
        expected.title,
        expected.paragraphs,
        expected.removed,
        expected.metadata,
        expected.warnings,
    )
    with pytest.raises(ValueError, match="MissingField"):
        Result.from_json(failed)


def test_metadata_and_related_entries_are_dicts_with_json_keys() -> None:
    metadata = Metadata(copyright_year=2025, credits=("Ana Ruiz",))
    assert metadata.to_dict()["credits"] == ["Ana Ruiz"] and metadata.to_dict()["copyright_year"] == 2025
    assert Metadata.from_dict(metadata.to_dict()) == metadata
    assert RelatedEntry(headline="Other").to_dict() == {
        "headline": "Other",
        "source": None,
        "age": None,
        "blurb": None,
    }
