"""Metric tests against hand-computed examples (CORPUS-FORMAT.md, "Metrics")."""

from __future__ import annotations

from collections import Counter

import pytest

from cleanpage.bench.metrics import (
    Counts,
    average,
    covered,
    inside,
    metadata_score,
    paragraph_counts,
    related_score,
    score_case,
    shingle_counts,
    shingles,
    speed,
    summarize,
    tokenize,
)


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Hello, world! It's 2024 — naïve_x") == ["Hello", "world", "It", "s", "2024", "naïve_x"]


def test_short_text_gives_one_shingle_of_all_its_tokens() -> None:
    assert shingles("Big news, today") == Counter({("Big", "news", "today"): 1})
    assert shingles("one") == Counter({("one",): 1})


def test_text_without_tokens_gives_no_shingle() -> None:
    assert shingles("") == Counter()
    assert shingles(" -- ... ") == Counter()


def test_four_token_windows_with_multiplicity() -> None:
    # a b c d a b c d -> abcd, bcda, cdab, dabc, abcd
    got = shingles("a b c d a b c d")
    assert got[("a", "b", "c", "d")] == 2
    assert sum(got.values()) == 5
    assert len(got) == 4


def test_multiset_intersection_counts_repeats_once_each() -> None:
    # truth: abcd x2, bcda, cdab, dabc (5); pred "a b c d": abcd (1)
    c = shingle_counts("a b c d a b c d", "a b c d")
    assert (c.tp, c.fp, c.fn) == (1, 0, 4)
    assert c.precision == 1.0
    assert c.recall == pytest.approx(0.2)
    # pred a b c d x a b c d: abcd x2, bcdx, cdxa, dxab, xabc (6); shared: abcd x2
    c = shingle_counts("a b c d a b c d", "a b c d x a b c d")
    assert (c.tp, c.fp, c.fn) == (2, 4, 3)
    assert c.precision == pytest.approx(2 / 6)
    assert c.recall == pytest.approx(2 / 5)
    assert c.f1 == pytest.approx(2 * (1 / 3) * 0.4 / (1 / 3 + 0.4))


def test_empty_prediction() -> None:
    c = shingle_counts("one two three four five", "")
    assert (c.tp, c.fp, c.fn) == (0, 0, 2)
    assert not c.counts_for_precision
    assert c.counts_for_recall
    assert c.recall == 0.0
    assert c.f1 == 0.0


def test_empty_truth() -> None:
    c = shingle_counts("", "stray words")
    assert (c.tp, c.fp, c.fn) == (0, 1, 0)
    assert c.counts_for_precision
    assert not c.counts_for_recall
    assert c.precision == 0.0


def test_precision_and_recall_are_one_when_nothing_is_wrong() -> None:
    both_empty = shingle_counts("", "")
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)
    assert not both_empty.counts_for_precision
    assert not both_empty.counts_for_recall
    exact = shingle_counts("The cat sat on the mat.", "The cat sat on the mat")
    assert (exact.tp, exact.fp, exact.fn) == (3, 0, 0)
    assert (exact.precision, exact.recall, exact.f1) == (1.0, 1.0, 1.0)


def test_averages_only_over_documents_that_count() -> None:
    docs = [
        Counts(tp=3, fp=1, fn=0),  # P 0.75, R 1.0
        Counts(tp=0, fp=0, fn=4),  # empty prediction: recall 0, no precision
        Counts(tp=0, fp=2, fn=0),  # empty truth: precision 0, no recall
        Counts(tp=0, fp=0, fn=0),  # both empty: in neither average
    ]
    avg = average(docs)
    assert avg.precision == pytest.approx(0.375)  # (0.75 + 0) / 2
    assert avg.recall == pytest.approx(0.5)  # (1.0 + 0) / 2
    assert avg.f1 == pytest.approx(2 * 0.375 * 0.5 / 0.875)


def test_f1_is_harmonic_mean_of_averages_not_mean_of_f1s() -> None:
    docs = [Counts(tp=1, fp=0, fn=1), Counts(tp=1, fp=1, fn=0)]  # P 1, R .5 ; P .5, R 1
    avg = average(docs)
    assert avg.precision == pytest.approx(0.75)
    assert avg.recall == pytest.approx(0.75)
    assert avg.f1 == pytest.approx(0.75)  # the mean of per-document F1s would be 2/3


def test_average_of_nothing_is_zero() -> None:
    assert average([]).f1 == 0.0
    assert average([Counts(0, 0, 0)]).precision == 0.0


def test_paragraphs_match_after_whitespace_collapsing() -> None:
    c = paragraph_counts(["A  b\tc", "d e", "  "], [" A b c ", "d\n e", "x", ""])
    assert (c.tp, c.fp, c.fn) == (2, 1, 0)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == 1.0


def test_paragraph_matching_is_exact_and_a_multiset() -> None:
    c = paragraph_counts(["x", "x", "The end."], ["x", "The end"])
    assert (c.tp, c.fp, c.fn) == (1, 1, 2)


def test_covered_marks_tokens_of_shared_four_token_runs() -> None:
    stream = ["w", "x", "a", "b", "c", "d", "y"]
    assert covered(stream, ["a", "b", "c", "d", "e"]) == [False, False, True, True, True, True, False]
    assert covered(stream, ["x", "a", "b"]) == [False, True, True, True, False, False, False]  # k = 3
    assert covered([], ["a"]) == []
    assert covered(["a"], []) == [False]


def test_inside_follows_token_runs_across_line_breaks() -> None:
    body = ["Officials said the advertisement ran for weeks.", "Background", "Then it stopped."]
    pred = [
        "Officials said the",
        "advertisement ran for weeks",
        "Advertisement",
        "Background",
        "--",
        "Then it",
    ]
    # "Advertisement" between two body lines: runs through it are not in the body, though the word is
    assert inside(pred, body) == [True, True, False, True, None, True]
    assert inside(["Background"], body) == [True]  # a whole body line, whatever its length


def test_score_case_no_loss_across_a_different_split_and_cruft_kept() -> None:
    body = ["The quick brown fox jumps over the dog.", "Subhead"]
    score = score_case(
        body, "\n".join(body), ["The quick brown fox", "jumps over the dog.", "Subhead", "Share"]
    )
    assert score.no_loss
    assert score.outside == ("Share",)
    assert not score.clean


def test_score_case_loss_and_clean() -> None:
    body = ["First paragraph of the story.", "Second paragraph of the story."]
    score = score_case(body, "\n".join(body), ["First paragraph of the story."])
    assert score.lost == ("Second paragraph of the story.",)
    assert not score.no_loss
    assert score.clean


def test_title_kept_apart_must_be_the_headline_when_the_truth_knows_it() -> None:
    body = ["Body text of some length here."]
    kwargs = {"true_title": "Storm hits coast", "title_known": True}
    assert score_case(body, body[0], body, pred_title="Storm  hits coast", **kwargs).clean  # type: ignore[arg-type]
    assert not score_case(body, body[0], body, pred_title="Storm hits coast | Site", **kwargs).clean  # type: ignore[arg-type]
    assert not score_case(body, body[0], body, pred_title="Menu", **kwargs).clean  # type: ignore[arg-type]
    assert score_case(body, body[0], body, pred_title="Menu").clean  # truth says nothing about the title
    untitled = score_case(body, body[0], body, pred_title="Menu", true_title=None, title_known=True)
    assert not untitled.clean


def test_summarize_rates() -> None:
    body = ["Alpha beta gamma delta epsilon."]
    full = score_case(body, body[0], body)
    lossy = score_case(body, body[0], ["Nav bar"])
    q = summarize([full, lossy])
    assert q.no_loss_rate == 0.5
    assert q.clean_rate == 0.5
    # full: P 1, R 1; lossy: tp 0 fp 1 fn 2 -> P 0, R 0
    assert q.shingle_precision == pytest.approx(0.5)
    assert q.shingle_recall == pytest.approx(0.5)
    assert q.figure("shingle_f1") == pytest.approx(0.5)
    with pytest.raises(KeyError):
        q.figure("cases")


def test_speed_figures() -> None:
    s = speed([0.1, 0.3, 0.2], [1_000_000, 500_000, 500_000])
    assert s.pages == 3
    assert s.pages_per_s == pytest.approx(5.0)
    assert s.mb_per_s == pytest.approx(2.0 / 0.6)
    assert s.median_ms == pytest.approx(200.0)
    assert speed([], []).pages_per_s == 0.0


def test_lines_without_tokens_do_not_break_a_paragraph_split_across_lines() -> None:
    body = ["Be sure to visit Arrowhead on Facebook, Twitter, and Instagram."]
    pred = ["Be sure to visit Arrowhead on", "Facebook", ",", "Twitter", ", and", "Instagram", "."]
    score = score_case(body, body[0], pred)
    assert score.no_loss
    assert score.outside == ()  # lines without words are never counted outside


# ---------------------------------------------------------------- related entries and metadata
def _entry(
    headline: str, source: str | None = None, age: str | None = None, blurb: str | None = None
) -> dict[str, str | None]:
    return {"headline": headline, "source": source, "age": age, "blurb": blurb}


def test_related_entries_are_found_by_headline_and_their_fields_compared() -> None:
    true = [
        _entry("Ferry fares rise", "Harbor Post", "2 hours ago"),
        _entry("Bridge  closes", blurb="It shut."),
    ]
    pred = [
        _entry("Ferry fares rise", "Harbor Post", "3 hours ago"),
        _entry("Bridge closes", blurb="It shut."),
        _entry("Extra"),
    ]
    score = related_score(true, pred)
    assert (score.true, score.predicted, score.found) == (2, 3, 2)
    assert (score.fields_right, score.fields_total) == (5, 6)  # one age wrong
    assert score.missed == () and len(score.wrong) == 1 and "age" in score.wrong[0]
    assert related_score(true, []).found == 0 and related_score(true, []).missed == (
        "Ferry fares rise",
        "Bridge closes",
    )


def test_an_entry_is_matched_once() -> None:
    score = related_score([_entry("Same"), _entry("Same")], [_entry("Same")])
    assert (score.found, score.true, score.predicted) == (1, 2, 1)


def test_metadata_fields_are_compared_one_by_one() -> None:
    true = {
        "copyright_holder": "Harbor  Press L.P.",
        "copyright_year": 2025,
        "credits": ["A. Person", "B. Person"],
    }
    pred = {
        "copyright_holder": "Harbor Press L.P.",
        "copyright_year": 2024,
        "credits": ("A. Person", "B. Person"),
        "byline": "X",
    }
    score = metadata_score(true, pred)
    assert (score.right, score.total) == (2, 3)
    assert score.wrong == ("copyright_year: 2024 instead of 2025",)


def test_related_and_metadata_are_summed_over_the_cases_that_have_their_truth() -> None:
    with_truth = score_case(
        ["body"],
        "body",
        ["body"],
        true_related=[_entry("A"), _entry("B")],
        pred_related=[_entry("A"), _entry("C")],
        true_metadata={"copyright_year": 2025},
        pred_metadata={"copyright_year": 2025},
    )
    unreported = score_case(["body"], "body", ["body"], true_related=[_entry("A")], pred_related=None)
    assert unreported.related is None  # the cleaner reports no entries: not scored
    quality = summarize([with_truth, unreported, score_case(["x"], "x", ["x"])])
    assert (quality.related_cases, quality.metadata_cases) == (1, 1)
    assert (quality.related_precision, quality.related_recall) == (0.5, 0.5)
    assert quality.related_field_accuracy == 1.0 and quality.metadata_accuracy == 1.0
    assert quality.figure("related_recall") == 0.5
    assert summarize([score_case(["x"], "x", ["x"])]).figure("metadata_accuracy") is None


def test_word_f1_is_a_bag_of_lowercased_words() -> None:
    from cleanpage.bench.metrics import word_counts

    counts = word_counts("The river rose. The river fell.", "the RIVER rose; a dam held")
    # truth: the x2, river x2, rose, fell; prediction: the, river, rose, a, dam, held
    assert (counts.tp, counts.fp, counts.fn) == (3, 3, 3)
    assert word_counts("", "").f1 == 1.0
    assert word_counts("Some words here", "").f1 == 0.0


def test_snippets_are_found_across_line_breaks_and_case() -> None:
    from cleanpage.bench.metrics import snippets_found

    text = "The council voted\nto close the ferry\nSubscribe now"
    assert snippets_found(["council voted to close", "SUBSCRIBE  NOW", "not here"], text) == 2


def test_summary_counts_lost_pages_and_pools_snippets() -> None:
    good = score_case(
        ["A long body line of words."],
        "A long body line of words.",
        ["A long body line of words."],
        with_snippets=["body line"],
        without_snippets=["menu"],
    )
    lost = score_case(
        ["A long body line of words."],
        "A long body line of words.",
        ["Menu"],
        with_snippets=["body line", "of words"],
        without_snippets=["menu", "footer"],
    )
    q = summarize([good, lost])
    assert q.pages_lost == 1 and q.kept_rate == 0.5
    assert q.word_f1 == (1.0 + 0.0) / 2
    assert q.with_found_rate == 1 / 3
    assert q.without_leaked_rate == 1 / 3 and q.without_clean_rate == pytest.approx(2 / 3)
