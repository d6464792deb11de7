"""Scoring: each line's context-free content score, the rules that fire on it, and the reasons for both."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cleanpage.rules import load_rules
from cleanpage.rules.matcher import compile_for
from cleanpage.score import MEMO_MAX_CHARS, MEMO_MAX_LINES, Memo, Scored, detect_language, score_lines
from cleanpage.segment import segment_columns, segment_text

RULES = load_rules()
EN = RULES.stopwords["en"]
MATCHER = compile_for(RULES, "en")

PROSE = (
    "The harbour authority said on Monday that the ferry will run again from the first week of April, after "
    "a winter of repairs to the landing stage at the point."
)


def _texts(text: str) -> list[str]:
    return segment_columns(text)[1]


def _score(text: str) -> list[Scored]:
    return score_lines(_texts(text), MATCHER, EN)


def _one(line: str) -> Scored:
    (s,) = _score(line)
    return s


def test_a_memo_remembers_short_lines_and_changes_no_score() -> None:
    long = f"{PROSE} {PROSE}"
    assert len(long) > MEMO_MAX_CHARS
    lines = _texts(f"Home\nShare\n{long}\nHome\nShare\n{long}")
    memo = Memo()
    assert score_lines(lines, MATCHER, EN, memo=memo) == score_lines(lines, MATCHER, EN)
    assert set(memo) == {"Home", "Share"}  # the long line is not kept: paragraphs rarely repeat
    assert score_lines(lines, MATCHER, EN, memo=memo) == score_lines(lines, MATCHER, EN)


def test_a_full_memo_lets_its_oldest_line_go() -> None:
    memo = Memo()
    texts = [f"Section {k}" for k in range(MEMO_MAX_LINES + 2)]
    scored = score_lines(texts, MATCHER, EN, memo=memo)
    assert len(memo) == MEMO_MAX_LINES
    assert texts[0] not in memo and texts[1] not in memo and texts[-1] in memo
    assert scored == score_lines(texts, MATCHER, EN)


def test_prose_scores_above_a_menu_word_and_a_short_label() -> None:
    prose, label = _one(PROSE), _one("Harbour Times")
    assert prose.content > 2.0
    assert prose.terminal and prose.stop_ratio > 0.3 and not prose.hits
    assert label.content < 0
    assert _one("Home").score < label.score  # a menu word also carries a rule penalty


def test_longer_prose_scores_higher_up_to_a_cap() -> None:
    words = PROSE.split()
    short = _one(" ".join(words[:12]) + ".").content
    medium = _one(" ".join(words[:24]) + ".").content
    assert short < medium <= _one(PROSE).content


def test_sentence_end_adds_to_the_score() -> None:
    assert _one(PROSE).content > _one(PROSE.rstrip(".") + " and").content


def test_function_words_make_prose() -> None:
    prose = "The council said that it would open the bridge to traffic again in the spring of this year."
    names = "Harlow Kestle Penrick Dunmore Ashby Kelby Lowmere Fenwick Carrow Brightwater Tollbridge Pellow."
    assert _one(prose).stop_ratio > 0.3
    assert _one(names).stop_ratio == 0
    assert _one(prose).content > _one(names).content


def test_rule_hits_subtract_their_weights_and_give_reasons() -> None:
    s = _one("Share Tweet Email")
    assert [h.rule.id for h in s.hits] == ["en.share.buttons"]
    assert s.penalty == s.hits[0].rule.weight > 0
    assert s.score == pytest.approx(s.content - s.penalty)
    assert s.reasons()[0].startswith("words=3 stop=")
    assert s.reasons()[1] == f"rule:en.share.buttons(-{s.hits[0].rule.weight:g})"


def test_reasons_of_a_line_without_hits_are_its_features() -> None:
    reasons = _one(PROSE).reasons()
    assert len(reasons) == 1
    assert "sentence-end" in reasons[0]


def test_a_rule_never_looks_at_lines_longer_than_its_max_words() -> None:
    rule = next(r for r in MATCHER.rules if r.id == "en.share.buttons")
    long_line = " ".join(["share"] * (rule.max_words + 1))
    assert rule.match(long_line) is None
    assert all(h.rule.id != "en.share.buttons" for h in _one(long_line).hits)
    assert any(h.rule.id == "en.share.buttons" for h in _one(" ".join(["share"] * rule.max_words)).hits)


def test_named_groups_are_captured_as_hit_groups() -> None:
    s = _one("©2025 Harbor Press. Distributed by Pine Syndicate.")
    groups = {h.rule.id: dict(h.groups) for h in s.hits}
    assert groups["copyright.symbol-year"] == {"copyright_year": "2025", "copyright_holder": "Harbor Press"}
    assert groups["en.distribution.distributed-by"] == {"distributor": "Pine Syndicate"}


def test_a_paragraph_broken_over_lines_is_scored_as_one() -> None:
    text = (
        "The new timetable, which the operator published on Friday after months of talks with\n"
        "the county council,\n"
        "adds four late sailings on weekdays and two on Sunday evenings."
    )
    first, middle, last = _score(text)
    assert not first.continuation and middle.continuation and last.continuation
    assert first.content == middle.content == last.content > 2.0
    assert first.share + middle.share + last.share == pytest.approx(1.0)
    assert middle.share < first.share


def test_lines_with_rule_hits_are_never_joined() -> None:
    first, second = _score("The ferry will run again from April, the operator said, and\nShare Tweet Email")
    assert second.hits
    assert first.share == 1.0 and second.share == 1.0


def test_compile_for_an_unknown_language_uses_only_language_independent_rules() -> None:
    unknown = compile_for(RULES, None)
    assert unknown.rules
    assert all("*" in r.languages for r in unknown.rules)
    assert {r.id for r in unknown.rules} < {r.id for r in MATCHER.rules}


def test_detect_language() -> None:
    english = _texts(f"Home\nNews\n{PROSE}\n{PROSE}")
    assert detect_language(english, RULES.stopwords) == "en"
    assert detect_language(_texts("Home\nNews\nSport"), RULES.stopwords) is None  # no line long enough
    numbers = _texts("12 34 56 78 90 12 34 56 78\n" * 3)
    assert detect_language(numbers, RULES.stopwords) is None
    assert detect_language(english, {}) is None


def test_scores_are_context_free() -> None:
    alone = _one(PROSE)
    among = _score(f"Home\n{PROSE}\nShare Tweet Email")[1]
    assert among.content == alone.content


def test_the_fast_cjk_ranges_hold_every_character_the_script_test_matches() -> None:
    # The ranges only ever turn a line away before the slow script-property search: they must hold every
    # character that search can find, whatever Unicode version the regex module brings.
    from cleanpage.score import _CJK, _CJK_RANGES

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = _CJK.findall(every)
    assert len(found) > 100_000  # Han, kana and Hangul
    assert all(_CJK_RANGES.match(ch) for ch in found)


def test_the_code_unit_test_before_the_ranges_lets_every_character_of_them_through() -> None:
    from cleanpage.score import _CJK_RANGES, _may_hold_cjk

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert all(map(_may_hold_cjk, _CJK_RANGES.findall(every)))
    assert not _may_hold_cjk("Café owners said “the rent is too high” — and they’re leaving… «Non» ©")
    assert not _may_hold_cjk("Москва заявила в понедельник")


def test_curly_quotes_and_accents_do_not_make_a_line_cjk() -> None:
    from cleanpage.score import _features

    latin = _features(
        "Café owners said “the rent is too high” and they’re leaving, the mayor’s office said.", MATCHER, EN
    )
    assert not latin.cjk and latin.n_words == 15
    cjk = _features("東京都は月曜日に新しい計画を発表した。", MATCHER, EN)
    assert cjk.cjk and cjk.n_words > 1


@given(st.text(alphabet=st.sampled_from("ab1_ '’.-é\u00a0"), max_size=40))
def test_words_are_those_of_the_plain_greedy_pattern(text: str) -> None:
    # The possessive quantifiers only save the engine work: the words found must not change.
    import re

    from cleanpage.score import _WORD

    assert _WORD.findall(text) == re.findall(r"\w+(?:['’]\w+)?", text)


@given(
    st.text(alphabet=st.sampled_from("aZ1_ '’‘“”—–….,-éжß\u00a0\t"), max_size=40),
    st.booleans(),
)
@example(" ''x", True)
@example("rock'n'roll isn't 'quoted'", False)
def test_fast_word_split_finds_the_words_of_the_pattern(text: str, fold_apostrophe: bool) -> None:
    # ASCII lines (typographic quotes and dashes folded) are split in C; the words must be the pattern's,
    # but for the form of a curly apostrophe, which may be read as the ASCII one only when asked to.
    from cleanpage.score import _WORD, _tokens

    lowered = text.lower()
    expected = _WORD.findall(lowered)
    found = _tokens(lowered, fold_apostrophe)
    if fold_apostrophe:
        assert [w.replace("’", "'") for w in found] == [w.replace("’", "'") for w in expected]
    else:
        assert found == expected


def test_typographic_stand_ins_split_words_as_the_characters_they_replace() -> None:
    from cleanpage.score import _TYPOGRAPHIC, _WORD

    for typographic, ascii_char in _TYPOGRAPHIC:
        line = f"one{typographic}two {typographic}three{typographic}"
        assert len(_WORD.findall(line)) == len(_WORD.findall(line.replace(typographic, ascii_char)))


def test_apostrophes_are_folded_only_for_stop_words_without_one() -> None:
    # A list holding French "c-est" with a curly apostrophe only: the word is looked up as it stands.
    from cleanpage.score import _features

    stop = frozenset({"c’est", "le", "la"})
    line = "Selon le maire, c’est un projet que la ville attend depuis des années"
    assert _features(line, MATCHER, stop).n_stop == 3
    assert _features(line.replace("é", "e"), MATCHER, stop).n_stop == 3  # ASCII but for the apostrophe


@given(st.text(alphabet=st.sampled_from("ab1 .,\t\n\r\u00a0\u2003\u200b\u2028-’é"), min_size=1, max_size=40))
def test_the_word_count_read_from_single_spaces_is_that_of_splitting_the_line(text: str) -> None:
    # Lines reach the features as segmentation (text) or `normalize_line` (HTML) leaves them: single plain
    # spaces, nothing at the ends.
    from cleanpage.normalize import normalize_line
    from cleanpage.score import _features

    lines = [line.text for line in segment_text(text)] + [normalize_line(text)]
    for line in filter(None, lines):
        assert _features(line, MATCHER, EN).n_words == len(line.split())


def test_a_sentence_broken_at_its_inline_elements_is_scored_as_one_paragraph() -> None:
    # A dump made with get_text("\n") breaks a line at every link and italic title.
    lines = [
        "Her new novel",
        "The Salt Road",
        ", out in March, follows a ferry crew through",
        "the winter of 1963",
        ". It is her best book yet, and the one her readers have waited for since the first.",
    ]
    scored = score_lines(lines, MATCHER, EN)
    assert len({s.content for s in scored}) == 1, "every fragment gets the sentence's score"
    assert [s.continuation for s in scored] == [False, True, True, True, True]
    assert scored[0].content > 0
    # A headline before a paragraph stays a line of its own: the paragraph does not continue it.
    alone = score_lines(
        ["The Salt Road", "Her new novel follows a ferry crew through the winter."], MATCHER, EN
    )
    assert not alone[1].continuation
