"""Decisions: where the article is, which lines inside it are kept, what trailers and related blocks do,
and what the focus, keep and disable options change. Assertions name kinds and rules, not verdicts alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pages import (
    AD_BAN,
    AFTER_COMMENTS_PROSE,
    AFTER_TRAILER_PROSE,
    AGGREGATOR,
    ALL_PAGES,
    CAPTION,
    CAPTION_LINE,
    COMMENT_PERIOD,
    COPYRIGHT_SUIT,
    LISTS,
    QUOTING,
    RELATED_FIRST,
    RELATED_FIRST_BLURBS,
    SHARES,
    SPORTS,
    TRAILER,
    Page,
)

import cleanpage
from cleanpage.classify import TypeVerdict
from cleanpage.decide import Decision, decide
from cleanpage.pipeline import Cleaner
from cleanpage.result import Result
from cleanpage.score import Scored, score_lines
from cleanpage.segment import segment_text

FOCUSES = ("precision", "balanced", "recall")


def _kept(r: Result) -> set[int]:
    return {v.line for v in r.lines if v.kept}


def _verdict(r: Result, text: str) -> cleanpage.LineVerdict:
    return next(v for v in r.lines if v.text == text)


# ---------------------------------------------------------------- whole pages
@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_realistic_pages_come_back_as_their_article(page: Page) -> None:
    r = cleanpage.clean(page.text)
    assert r.paragraphs == page.body
    assert r.is_article
    assert r.language == "en"


@pytest.mark.parametrize("page", [p for p in ALL_PAGES if p is not RELATED_FIRST], ids=lambda p: p.name)
def test_realistic_pages_have_their_title(page: Page) -> None:
    assert cleanpage.clean(page.text).title == page.title


# ---------------------------------------------------------------- focus
@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_precision_keeps_a_subset_and_recall_a_superset_of_balanced(page: Page) -> None:
    precision, balanced, recall = (_kept(cleanpage.clean(page.text, focus=f)) for f in FOCUSES)
    assert precision <= balanced <= recall


def test_focus_changes_what_is_kept_on_a_borderline_page() -> None:
    """A short line beside an ad marker and a light author-bio rule: each focus draws the line elsewhere."""
    b = SPORTS.body
    bio = "Femi Castellanos is a sports reporter for Millbank Sport."
    page = "\n".join([SPORTS.title, b[0], b[1], "Full time.", "Advertisement", b[3], b[5], bio, b[6]])
    r = {f: cleanpage.clean(page, focus=f) for f in FOCUSES}
    assert _kept(r["precision"]) < _kept(r["balanced"]) < _kept(r["recall"])
    # precision drops the short line that balanced keeps; recall keeps the bio that balanced removes.
    assert _verdict(r["precision"], "Full time.").rule == "content.low-score"
    assert _verdict(r["balanced"], "Full time.").kept
    assert _verdict(r["balanced"], bio).rule == "en.byline.author-bio"
    assert _verdict(r["recall"], bio).kept
    for f in FOCUSES:
        assert _verdict(r[f], "Advertisement").rule == "en.advertisement.marker"
        assert set(b[:2] + b[3:4] + b[5:]) <= set(r[f].paragraphs)


# ---------------------------------------------------------------- trailers end the article
def test_prose_after_a_copyright_trailer_is_not_body() -> None:
    r = cleanpage.clean(TRAILER.text)
    assert r.paragraphs == TRAILER.body
    copyright_line = _verdict(r, "©2025 Kelby Valley Voice. Distributed by Shire Syndication.")
    assert (copyright_line.kind, copyright_line.rule) == ("copyright", "copyright.symbol-year")
    for text in (AFTER_TRAILER_PROSE, AFTER_COMMENTS_PROSE):
        v = _verdict(r, text)
        assert not v.kept
        assert (v.kind, v.rule) == ("boilerplate", "content.outside-article")
        assert v.score > 2  # good prose by itself: only the trailer before it makes it not body
    comments = _verdict(r, "No comments yet. Be the first to comment!")
    assert (comments.kind, comments.rule) == ("comments", "en.comments.widget")


def test_reader_comments_after_a_comment_section_head_are_not_body() -> None:
    comment = (
        "I walked past the quarry every day for twenty years and the dust was never as bad as people say, "
        "but the lorries on the lane are a real danger to the children walking to school."
    )
    r = cleanpage.clean(COMMENT_PERIOD.text + "Margaret H.\n" + comment + "\nReply\n")
    assert r.paragraphs == COMMENT_PERIOD.body
    assert _verdict(r, "Comments").rule == "en.comments.count"
    assert _verdict(r, "Leave a Reply").rule == "en.comments.widget"
    assert (_verdict(r, comment).kind, _verdict(r, comment).rule) == (
        "boilerplate",
        "content.outside-article",
    )


def test_a_copyright_line_in_the_page_header_does_not_hide_the_article() -> None:
    r = cleanpage.clean("© 2025 Harlow Evening Post\n" + AD_BAN.text)
    assert r.paragraphs == AD_BAN.body
    assert _verdict(r, "© 2025 Harlow Evening Post").kind == "copyright"


def test_keeping_the_trailer_kind_lifts_its_barrier() -> None:
    r = cleanpage.clean(TRAILER.text, keep={"copyright"})
    assert "copyright" not in {x.kind for x in r.removed}
    # The line is still a distribution line; but the copyright rule no longer ends the article ...
    line = _verdict(r, "©2025 Kelby Valley Voice. Distributed by Shire Syndication.")
    assert line.rule == "en.distribution.distributed-by"
    assert r.paragraphs[: len(TRAILER.body)] == TRAILER.body
    assert AFTER_TRAILER_PROSE in r.paragraphs
    # ... while the comment-section head after it still does.
    assert AFTER_COMMENTS_PROSE not in r.paragraphs


# ---------------------------------------------------------------- related blocks
def test_a_related_block_before_the_article_is_removed_and_the_article_kept() -> None:
    r = cleanpage.clean(RELATED_FIRST.text)
    assert r.paragraphs == RELATED_FIRST.body
    heading = _verdict(r, "Trending Now")
    assert (heading.kind, heading.rule) == ("related", "en.related.heading")
    for blurb in RELATED_FIRST_BLURBS:
        v = _verdict(r, blurb)
        assert (v.kind, v.rule) == ("related", "en.related.heading")
    assert [e.blurb for e in r.related[:2]] == list(RELATED_FIRST_BLURBS)


def test_blurbs_that_quote_the_article_are_removed() -> None:
    r = cleanpage.clean(QUOTING.text)
    assert r.paragraphs == QUOTING.body
    quoted = [x for x in r.removed if x.text in QUOTING.body]
    assert [x.text for x in quoted] == [QUOTING.body[0], QUOTING.body[1]]
    assert all((x.kind, x.rule) == ("related", "en.related.heading") for x in quoted)
    assert all(x.line > QUOTING.line_of("More from The Pellow Standard") for x in quoted)


def test_keeping_related_leaves_the_block_to_the_content_detector() -> None:
    r = cleanpage.clean(RELATED_FIRST.text, keep={"related"})
    assert r.related == ()
    assert set(RELATED_FIRST.body) <= set(r.paragraphs)


# ---------------------------------------------------------------- cruft words in real sentences
@pytest.mark.parametrize(
    ("page", "sentences", "cruft"),
    [
        (
            AD_BAN,
            [0, 1, 2, 4],
            {"Advertisement": "en.advertisement.marker", "By Desmond Achterberg": "en.byline.by-name"},
        ),
        (
            COPYRIGHT_SUIT,
            [0, 1, 2],
            {"Copyright 2025 Kestle Bay Herald. All rights reserved.": "copyright.symbol-year"},
        ),
        (COMMENT_PERIOD, [0, 1, 2], {"Leave a Reply": "en.comments.widget"}),
        (SHARES, [0, 1, 2, 4], {"Share this article": "en.share.buttons"}),
    ],
    ids=["ad-ban", "copyright-lawsuit", "comment-period", "share-prices"],
)
def test_body_sentences_with_cruft_words_stay(
    page: Page, sentences: list[int], cruft: dict[str, str]
) -> None:
    r = cleanpage.clean(page.text)
    for k in sentences:
        v = _verdict(r, page.body[k])
        assert v.kept and v.kind == "body", page.body[k]
        assert not any(reason.startswith("rule:") for reason in v.reasons), v.reasons
    for text, rule in cruft.items():
        v = _verdict(r, text)
        assert not v.kept and v.rule == rule


def test_lists_and_subheadings_inside_the_article_stay() -> None:
    r = cleanpage.clean(LISTS.text)
    assert r.paragraphs == LISTS.body
    for short in (
        "What landlords must do",
        "Provide a gas safety certificate every year.",
        "What tenants can do",
    ):
        assert _verdict(r, short).kept
    tags = _verdict(r, "Tags: housing, renters, Ashby")
    assert (tags.kind, tags.rule) == ("tags", "en.tags.label")


def test_the_same_short_lines_outside_the_article_are_removed() -> None:
    r = cleanpage.clean("What landlords must do\nHome\nNews\n" + LISTS.text)
    v = _verdict(r, "What landlords must do")
    assert v.line == 0 and not v.kept


# ---------------------------------------------------------------- keep and disable
def test_keep_caption_keeps_a_caption_that_balanced_removes() -> None:
    balanced = cleanpage.clean(CAPTION.text)
    v = _verdict(balanced, CAPTION_LINE)
    assert not v.kept and (v.kind, v.rule) == ("caption", "en.caption.credit-label")
    assert balanced.paragraphs == CAPTION.body

    kept = cleanpage.clean(CAPTION.text, keep={"caption"})
    assert _verdict(kept, CAPTION_LINE).kept
    assert kept.paragraphs == (*CAPTION.body[:2], CAPTION_LINE, *CAPTION.body[2:])
    assert "caption" not in {x.kind for x in kept.removed}


def test_disable_stops_a_rule_from_firing() -> None:
    on = cleanpage.clean(AGGREGATOR.text)
    assert on.rule_counts["en.share.buttons"] == 1
    off = cleanpage.clean(AGGREGATOR.text, disable=["en.share.buttons"])
    assert "en.share.buttons" not in off.rule_counts
    v = _verdict(off, "Share Tweet Email")
    assert not any("en.share.buttons" in reason for reason in v.reasons)
    assert v.rule != "en.share.buttons"
    assert off.paragraphs == AGGREGATOR.body


def test_disabling_the_byline_rule_leaves_the_byline_metadata_empty() -> None:
    assert cleanpage.clean(AGGREGATOR.text).metadata.byline == "Marguerite Olowe"
    off = cleanpage.clean(AGGREGATOR.text, disable={"en.byline.by-name"})
    assert off.metadata.byline is None
    assert _verdict(off, "By Marguerite Olowe").rule != "en.byline.by-name"


# ---------------------------------------------------------------- the decision itself
def _decide(text: str, focus: str = "balanced") -> tuple[list[str], Decision]:
    cleaner = Cleaner()
    texts = [line.text for line in segment_text(text)]
    scored = score_lines(texts, cleaner.matcher_for("en"), cleaner.ruleset.stopwords["en"])
    return texts, decide(scored, focus)


def test_the_region_spans_the_body_and_the_title_precedes_it() -> None:
    texts, d = _decide(AGGREGATOR.text)
    assert d.region is not None
    start, end = d.region
    assert texts[start] == AGGREGATOR.body[0]
    assert texts[end] == AGGREGATOR.body[-1]
    assert d.title_index is not None and texts[d.title_index] == AGGREGATOR.title
    assert d.is_article and d.region_score >= 2
    assert len(d.kinds) == len(d.rules) == len(texts)


def test_a_page_without_prose_is_not_an_article() -> None:
    r = cleanpage.clean("Home\nNews\nSport\nWeather\nSign in\nPrivacy Policy\n")
    assert not r.is_article
    assert r.paragraphs == ()
    assert {x.kind for x in r.removed} <= {"navigation", "footer", "boilerplate"}


def test_a_short_lede_before_an_ad_marker_is_kept() -> None:
    lede = "The county will close the Elm Street bridge for repairs from Monday, officials said on Friday."
    body = [lede, *AD_BAN.body[1:4]]
    r = cleanpage.clean("\n".join([body[0], "Advertisement", *body[1:]]))
    assert r.paragraphs == tuple(body)


# ---------------------------------------------------------------- the neighbour pass
def _neighbours_by_definition(scored: list[Scored], classes: list[str]) -> list[float]:
    """Pass 2 as jusText states it: each line's nearest good-or-bad line before and after it."""
    from cleanpage.decide import BAD, GOOD, NEAR_GOOD, NEAR_GOOD_IN_TEXT, SHORT, SHORT_IN_TEXT

    values = []
    for i, (s, cls) in enumerate(zip(scored, classes, strict=True)):
        before = next((c for c in reversed(classes[:i]) if c in (GOOD, BAD)), None)
        after = next((c for c in classes[i + 1 :] if c in (GOOD, BAD)), None)
        value = s.content
        if cls == SHORT and ((before == after == GOOD) or (s.continuation and GOOD in (before, after))):
            value = SHORT_IN_TEXT
        elif cls == NEAR_GOOD and GOOD in (before, after):
            value = max(value, NEAR_GOOD_IN_TEXT)
        values.append(value)
    return values


@given(
    st.lists(
        st.tuples(
            st.sampled_from(("good", "near-good", "short", "bad")),
            st.booleans(),
            st.floats(min_value=-3.0, max_value=3.0),
        ),
        max_size=40,
    )
)
def test_short_and_near_good_lines_take_their_value_from_their_nearest_good_or_bad_neighbours(
    lines: list[tuple[str, bool, float]],
) -> None:
    from cleanpage.decide import _in_context

    scored = [
        Scored(f"line {i}", 5, 0.3, False, continuation, (), content)
        for i, (_cls, continuation, content) in enumerate(lines)
    ]
    classes = [cls for cls, _continuation, _content in lines]
    assert _in_context(scored, classes) == _neighbours_by_definition(scored, classes)


# ---------------------------------------------------------------- failing soft
#: Entries of a "best of" article: each a name and one paragraph of its own prose.
_ENTRIES = (
    (
        "Harbour Lantern Bakery",
        "The bakery on the corner of the old fish market has been open since before the war, and "
        "its rye loaves still sell out by nine on a Saturday, so it pays to arrive early and to bring a bag.",
    ),
    (
        "Millrace Coffee House",
        "A small room with four tables and a long bench by the window, where the owner roasts "
        "the beans himself in a drum he rebuilt from an old engine and talks about each of them at length.",
    ),
    (
        "The Copper Kettle",
        "What began as a tea stall at the Sunday market is now a shop with its own garden, and the "
        "scones are baked every hour, which is why the queue on a sunny afternoon reaches the bridge.",
    ),
    (
        "Pier Street Noodles",
        "The noodles are pulled by hand in the front window, and the broth simmers for a whole day "
        "before it is served, which gives it a depth that is hard to find anywhere else along the coast.",
    ),
    (
        "Saltmarsh Dairy Bar",
        "The ice cream is made from the milk of a herd that grazes a mile from the shop, and the "
        "flavours change with what the farm grows, from rhubarb in spring to brambles late in the summer.",
    ),
    (
        "Orchard Lane Cider",
        "A family press that opens its barn to visitors every weekend in autumn, when the apples are "
        "crushed in an oak press and the first juice of the day is poured for whoever happens to be there.",
    ),
)


def _listicle(furniture: tuple[str, ...]) -> tuple[str, list[str]]:
    head = ["Home", "Food", "Travel", "The best places to eat along the coast this year"]
    intro = (
        "We spent a summer driving the coast road from one harbour to the next, and these are the places we "
        "would go back to tomorrow, in no particular order and with no money taken from any of them."
    )
    lines = [*head, intro]
    body = [intro]
    for k, (name, text) in enumerate(_ENTRIES, 1):
        lines += [f"#{k} of {len(_ENTRIES)} {name}", *furniture, text]
        body.append(text)
    lines += ["Privacy Policy", "Terms of Use", "Contact"]
    return "\n".join(lines), body


def test_an_article_of_many_entries_set_apart_by_furniture_is_kept_whole() -> None:
    # Each entry: its rank and name, a star rating, two buttons and the place's name again, then one
    # paragraph: five short lines between any two paragraphs, as a listicle's markup leaves them in a dump.
    page, body = _listicle(("☆☆☆☆☆", "Website", "Call", "Open now"))
    r = cleanpage.clean(page)
    assert set(body) <= set(r.paragraphs), "every entry's paragraph is the article's"
    assert not {"Privacy Policy", "Terms of Use"} & set(r.paragraphs)


def test_an_article_split_by_fact_boxes_is_kept_whole() -> None:
    # Fact lines between the paragraphs (labels and their values, each on a line of its own): the article
    # reads as short runs of prose, and the first search keeps one of them.
    facts = ("Opening hours", "8am-4pm", "Price range", "££", "Parking", "Yes", "Dogs", "Welcome")
    page, body = _listicle((*facts, "Phone", "01234 567890"))
    assert set(body) <= set(cleanpage.clean(page).paragraphs)
    # Called an article for sure (the classifier is unsure of this page, which is decided in recall then):
    # the balanced focus's first run holds one entry, and the note says it searched again.
    r = cleanpage.clean(page, page_type="article")
    assert set(body) <= set(r.paragraphs)
    assert any("searched again" in w for w in r.warnings), "the result says the decision was re-examined"


_LEAGUE = (
    "The harbour league's winter season ended on Saturday with the closest finish in its forty-year history, "
    "three clubs level on points going into the final round.",
    "Harbour Town needed only a draw at Millbrook to take the title, and for most of a wet afternoon on the "
    "coast road that is what they seemed content to play for.",
    "The decisive goal came four minutes from time, when a corner from the left was cleared only as far as "
    "the edge of the area and struck back through a crowd of legs.",
    "Millbrook's supporters, who had stood in the rain since the middle of the morning, stayed behind long "
    "after the whistle to applaud both sides off the pitch.",
    "It was the club's first title since the league was reorganised, and its manager said afterwards that "
    "the squad had been built on players from the town's own schools.",
    "The league's committee will meet in March to decide whether the top two clubs should play a deciding "
    "match when they finish level, a change several managers have asked for.",
    "The summer cup begins on the first weekend of May, with the draw for the opening round to be made at "
    "the clubhouse in Millbrook at the end of this month.",
)


def test_a_widget_of_ten_lines_inside_the_article_does_not_end_it() -> None:
    # A share and tools bar of ten lines between two stretches of the article (each line a rule hit): the
    # first search stops before it, and the paragraphs after it are more of the article, taken in across it.
    before, after = list(_LEAGUE[:5]), list(_LEAGUE[5:])
    widget = ["Share", "Facebook", "LinkedIn", "WhatsApp", "Email", "Print", "Copy link", "Save"]
    widget += ["Gift this article", "Text size"]
    page = ["Home", "Sport", "Harbour Town take the title on the last day", *before, *widget, *after]
    r = cleanpage.clean("\n".join([*page, "Privacy Policy", "Terms of Use", "Contact us"]))
    assert [p for p in r.paragraphs if p in _LEAGUE] == list(_LEAGUE)
    assert not set(widget) & set(r.paragraphs)


def test_a_fact_box_after_a_share_bar_inside_the_article_does_not_end_it() -> None:
    # Four share buttons (rule hits), then a fact box of fourteen label and value lines (short, no hits):
    # eighteen lines in all, but lines without a hit count half towards how far the article may be carried.
    before, after = list(_LEAGUE[:5]), list(_LEAGUE[5:])
    share = ["Share", "Facebook", "Email", "Print"]
    facts = ["Founded", "By dockers", "Ground", "Quay Road", "Capacity", "3,100", "Colours", "Blue and white"]
    facts += ["Manager", "Tom Hale", "Captain", "Ada Penrose", "Titles", "Seven"]
    page = ["Home", "Sport", "Harbour Town take the title on the last day", *before, *share, *facts, *after]
    r = cleanpage.clean("\n".join([*page, "Privacy Policy", "Terms of Use", "Contact us"]))
    assert [p for p in r.paragraphs if p in _LEAGUE] == list(_LEAGUE)
    assert not set(share) & set(r.paragraphs)


def test_a_comment_button_under_the_byline_does_not_close_the_article() -> None:
    # A comment-count button is a trailer (what follows it is comments), but here it stands in the share bar
    # between the headline and the article: nothing before it reads as prose, so it closes nothing.
    texts = [text for _name, text in _ENTRIES]
    head = ["The Best Places to Eat on the Coast - Coast Weekly", "Skip to main content", "News", "Food"]
    head += ["The Best Places to Eat on the Coast", "by", "Ada Penrose", "on Dec 16, 2025 at 11:00 AM"]
    head += ["Share", "Facebook", "Email", "Comment", "Comment"]
    r = cleanpage.clean("\n".join([*head, *texts]))
    assert r.title == "The Best Places to Eat on the Coast"
    assert [p for p in r.paragraphs if p in texts] == texts
    assert _verdict(r, "Comment").kind == "comments"


def test_a_second_copy_of_the_article_after_it_is_not_kept_twice() -> None:
    texts = [text for _name, text in _ENTRIES]
    # the whole article again, broken at other places than the article's lines, and a teaser after it
    copy = [*" ".join(texts).split(", "), "Read our guide to the coast's walking trails before you set off."]
    page = "\n".join(
        [
            "Coast Weekly",
            "The best places to eat",
            *texts,
            *(["Share", "Print", "Email", "Tweet", "Save"]),
            *copy,
        ]
    )
    r = cleanpage.clean(page)
    assert all(t in " ".join(r.paragraphs) for t in texts), "the article is kept (in one of its copies)"
    assert sum(len(p.split()) for p in r.paragraphs) < 1.2 * sum(len(t.split()) for t in texts)


def test_an_extraction_holding_a_copy_of_its_article_drops_the_copy_only() -> None:
    from cleanpage.segment import Line

    texts = [text for _name, text in _ENTRIES]
    plan = "Breakfast: 1 cup oats, 1 cup milk, 1 apple, 1 tsp. honey, 1 handful of walnuts and a pot of tea"
    joined = " ".join(texts[:3])  # a summary field or an app copy: the article again, joined
    cut = texts[0][:60].rsplit(" ", 1)[0] + "..."  # and a cut-off teaser of its start
    extracted = [*texts, plan, plan, joined, cut]
    lines = [Line(i, t, i) for i, t in enumerate(extracted)]
    r = Cleaner().clean_lines(lines, "html", whole=True)
    assert list(r.paragraphs) == [*texts, plan, plan], "a line repeated as it stands is the article's own"
    assert [(x.text, x.rule) for x in r.removed] == [(joined, "content.repeat"), (cut, "content.repeat")]


# ---------------------------------------------------------------- page types
_THREAD = [
    "Tiller Talk Forum",
    "Home",
    "Boats",
    "Which antifouling lasts a full season on a wooden hull?",
    "harbourmouse",
    "Posted 3 hours ago",
    "My old clinker dinghy spends the whole summer on a mooring and the paint I used last year was gone by "
    "August, so I am looking for something that will last a full season without harming the planking.",
    "Reply",
    "Comments",
    "oldsalt_42",
    "Posted 2 hours ago",
    "I have used a copper-free hard paint on my own wooden boat for six years now, and it holds up well as "
    "long as you give the hull two coats and let the second one cure for a whole weekend before launching.",
    "Reply",
    "fennelwake",
    "Posted 1 hour ago",
    "Whatever you choose, sand back to a sound surface first, because the new paint will only last as long "
    "as the old layer underneath it stays stuck to the wood through the winter and the spring.",
    "Reply",
    "Terms of Use",
    "Privacy Policy",
]


def test_a_forum_threads_replies_are_its_content_when_the_page_is_a_forum() -> None:
    posts = [_THREAD[6], _THREAD[11], _THREAD[15]]  # the question and both replies
    as_forum = cleanpage.clean("\n".join(_THREAD), page_type="forum")
    assert set(posts) <= set(as_forum.paragraphs)
    assert not as_forum.is_article
    assert not {"Terms of Use", "Privacy Policy"} & set(as_forum.paragraphs)


def test_a_listings_entries_are_its_content_when_the_page_is_a_listing() -> None:
    entries = [
        "Council delays the vote on the new bridge",
        "The decision moves to spring after the engineers' report.",
        "Storm cuts power to four thousand homes",
        "Crews worked through the night to restore the lines.",
        "Rail strike ends after ten long days",
        "Trains run again from Monday on every line.",
    ]
    page = "\n".join(["Valley Courier", "Latest news", *entries, "Page 1 of 12", "Next", "Privacy Policy"])
    listing = cleanpage.clean(page, page_type="listing")
    assert set(entries) <= set(listing.paragraphs)
    assert not listing.is_article
    assert "Privacy Policy" not in listing.paragraphs


def test_an_unknown_page_type_is_refused_with_the_known_ones_named() -> None:
    with pytest.raises(cleanpage.ConfigError, match="page_type must be one of article, forum"):
        cleanpage.clean("A page", page_type="recipe")


@pytest.mark.parametrize("heading", ["About The Salt Road", "About Harbour Lantern Bakery"])
def test_a_furniture_heading_inside_the_article_does_not_end_it(heading: str) -> None:
    # "About <Name>" heads a company profile or a bio at the end of a page; in a review it heads a part of
    # the article, and the paragraphs after it go on with it.
    texts = [text for _name, text in _ENTRIES]
    page = ["Coast Weekly", "Home", "The best places to eat along the coast", *texts[:3], heading, *texts[3:]]
    r = cleanpage.clean("\n".join([*page, "Privacy Policy", "Terms of Use"]))
    assert [t for t in texts if t in r.paragraphs] == texts
    assert _verdict(r, heading).rule == "en.footer.about-heading"


def test_an_about_heading_over_a_one_paragraph_profile_still_ends_the_article() -> None:
    texts = [text for _name, text in _ENTRIES]
    profile = (
        "Coast Weekly is an independent magazine about food and travel along the north coast, published "
        "every Thursday since 1998 and read by some forty thousand people each week."
    )
    page = ["Coast Weekly", "The best places to eat along the coast", *texts, "About Coast Weekly", profile]
    r = cleanpage.clean("\n".join(page))
    assert list(r.paragraphs) == texts
    assert _verdict(r, profile).rule == "content.outside-article"


# ---------------------------------------------------------------- an article holding almost none of the prose
MOORING_POSTS = (
    "I moved my mooring to the inner harbour last winter and the swell there was far gentler, though the "
    "walk from the car park is longer than it looks on the map.",
    "We tried the outer pontoon for two seasons and never had trouble, but we only sail in summer and haul "
    "the boat out before the autumn storms arrive.",
    "Ask the harbour office about the waiting list first, because the inner berths go quickly and they only "
    "take names in person on the first Monday of the month.",
    "The chain on the outer moorings was replaced three years ago, so unless you have a very heavy boat the "
    "holding should be fine through most of the year.",
    "My neighbour keeps a small ketch on the inner side and says the only problem is silt, which builds up "
    "after heavy rain and makes low tide a little awkward.",
    "If you go for the outer pontoon, fit longer springs and a snubber, since the wash from the ferry can be "
    "surprisingly strong when it comes in fast at night.",
    "The fees are the same on both sides this year, which was not always the case, and the office now lets "
    "you pay monthly instead of the whole season at once.",
    "I would pick whichever berth is closer to the water tap, because carrying cans along the pontoon in "
    "August gets old very quickly with a family on board.",
    "There is talk of dredging the inner harbour next spring, so it may be worth waiting to see whether that "
    "happens before you commit to a berth for two years.",
    "We switched after a gale bent our stanchions against the pontoon, and the inner side has been calm ever "
    "since, even in the big storm of last February.",
    "Remember the outer berths are easier to leave in a hurry, which matters if you race on weekends and "
    "need to get out early before the tide turns against you.",
    "Both are fine in my experience; the deciding factor for us was parking, as the inner car park fills up "
    "by nine on sunny Saturdays from June to September.",
)


def test_an_article_holding_a_tenth_of_the_prose_gives_way_to_the_whole_page() -> None:
    """Twelve posts of the same length, each walled in by share buttons: the best run is one post (under a
    tenth of the page's prose), so the page is read whole: every post kept, the buttons still removed."""
    lines = ["Inner or outer moorings for a 28ft sloop?"]
    for k, post in enumerate(MOORING_POSTS):
        lines += [f"sailor{k}", post, "Reply", "Share", "Facebook", "Twitter", "Email"]
    r = cleanpage.clean("\n".join(lines), format="text", page_type="article")
    assert set(MOORING_POSTS) <= set(r.paragraphs)
    assert _verdict(r, "Facebook").kind == "share" and not _verdict(r, "Facebook").kept
    assert any("read whole" in w for w in r.warnings)


def test_an_article_holding_most_of_the_prose_is_not_read_whole() -> None:
    menu = ["Boats for sale", "Moorings", "Events calendar"]
    text = "\n".join([*menu, "Inner or outer moorings?", *MOORING_POSTS[:6], "Share", "Facebook"])
    r = cleanpage.clean(text, format="text", page_type="article")
    assert not any("read whole" in w for w in r.warnings)
    assert r.paragraphs == MOORING_POSTS[:6]  # the menu before the article is not kept


# ---------------------------------------------------------------- inline cruft (sales buttons)
_SECTIONS = (
    (
        "Plan every shift in minutes",
        "Drag people onto the week, and the rota checks hours, skills and rest days as you go.",
    ),
    (
        "Let the team swap their own shifts",
        "Staff offer and pick up shifts in the app, and a manager approves each swap.",
    ),
    (
        "Payroll that matches the rota",
        "Hours worked flow straight into payroll, so nobody types the same numbers twice.",
    ),
    (
        "Know what each week will cost",
        "See the wage bill of a draft rota next to your sales forecast before you publish it.",
    ),
)
_BUTTONS = ("Book a demo", "Start free trial", "Talk to sales")


def _sales_page() -> str:
    lines = ["Rotaly | Staff scheduling", "Product", "Pricing", "Log in", "Staff scheduling for busy teams"]
    for heading, text in _SECTIONS:
        lines += [heading, text, *_BUTTONS]
    return "\n".join([*lines, "Privacy Policy", "Terms of Use"])


def test_sales_buttons_between_sections_are_removed_without_splitting_the_text() -> None:
    # The buttons' rule has scope `inline`: each button is removed, but the sections on either side of it
    # read as one text, as they would without the buttons.
    r = cleanpage.clean(_sales_page(), page_type="article")
    assert {text for _heading, text in _SECTIONS} <= set(r.paragraphs)
    removed = {(v.text, v.kind, v.rule) for v in r.lines if v.text in _BUTTONS}
    assert removed == {(b, "call-to-action", "en.call-to-action.button") for b in _BUTTONS}


def test_the_same_buttons_as_line_cruft_split_the_text() -> None:
    # The counterpart: a user rule of scope `line` for the same buttons sets each one apart, and the article
    # found is only a part of the page (what the `inline` scope is for).
    rules = cleanpage.rules.load_text(
        "[[promo]]\n"
        'id = "user.buttons"\n'
        "pattern = '''(?i)^(?:book a demo|start free trial|talk to sales)$'''\n"
        'examples = ["Book a demo"]\n'
        'counter_examples = ["Book"]\n',
        origin="test",
    )
    r = cleanpage.clean(
        _sales_page(), page_type="article", rules=rules, disable=frozenset({"en.call-to-action.button"})
    )
    assert len({text for _heading, text in _SECTIONS} & set(r.paragraphs)) < len(_SECTIONS)


def test_a_service_pages_buttons_are_its_content() -> None:
    r = cleanpage.clean(_sales_page(), page_type="service")
    assert {text for _heading, text in _SECTIONS} <= set(r.paragraphs)
    assert not any(v.kind == "call-to-action" for v in r.lines)


# ---------------------------------------------------------------- a shop's furniture
_CARDS = (
    ("Harbour enamel kettle, 1.8 litres", "£64.00"),
    ("Beech-handled teapot, six cups", "£38.00"),
    ("Stoneware mug set of four", "£24.00"),
    ("Linen tea towel, harbour print", "£12.00"),
    ("Cast iron trivet, round", "£18.00"),
)


def _shop_category() -> str:
    lines = ["Kitchen | Harbour Home", "Kitchen", "Everything for the kettle and the teapot, made to last."]
    for k, (name, price) in enumerate(_CARDS):
        lines += [name, price, f"4.{k + 3} out of 5 ({20 + 7 * k} reviews)", "In stock"]
    return "\n".join([*lines, "Delivery & returns", "Privacy Policy"])


def test_a_collections_ratings_and_stock_are_its_cards_and_elsewhere_a_shops_furniture() -> None:
    # On a collection each card's rating and stock line belong to the card (the benchmark's collections
    # keep them); read as an article the same lines are the shop's furniture, with its own kind.
    shop_lines = {
        v.text for v in cleanpage.clean(_shop_category(), page_type="article").lines if v.kind == "shop"
    }
    assert "In stock" in shop_lines and "4.3 out of 5 (20 reviews)" in shop_lines
    assert "Delivery & returns" in shop_lines
    collection = cleanpage.clean(_shop_category(), page_type="collection")
    assert {"In stock", "4.3 out of 5 (20 reviews)", *(name for name, _ in _CARDS)} <= set(
        collection.paragraphs
    )
    assert not any(v.kind == "shop" for v in collection.lines)


def test_a_teaser_heading_right_above_the_headline_does_not_take_the_lede() -> None:
    # "Latest News" heads a block, and the headline, byline and date under it read as its first entry,
    # with the lede as the entry's blurb (a sentence broken at a link follows it); the headline is given
    # back as the title, and the lede with it.
    lede = (
        "Flooded cellars, lifted paving and burst pipes kept the town's plumbers busy all winter, and most "
        "of the jobs began with a guess about where the water was coming from."
    )
    broken = [
        "This year fewer of them did, thanks to the",
        "drain camera",
        ", a small lens on a flexible cable.",
    ]
    body = [
        "Such a camera shows a plumber the inside of a drain before a single floor tile comes up, and the "
        "firms that use them say a day's digging often becomes an hour's work.",
        "The cameras are not cheap, but the plumbers we asked said one avoided excavation pays for the kit, "
        "and customers like seeing the blockage for themselves on the screen before they agree to the price.",
    ]
    head = ["How Cameras Are Changing the Way Drains Are Fixed | Harbour Plumbing", "Services", "Latest News"]
    head += ["How Cameras Are Changing the Way Drains Are Fixed", "Written By", "Feb 11, 2031 · 3 min read"]
    r = cleanpage.clean("\n".join([*head, lede, *broken, *body, "Previous", "Next"]))
    assert r.title == "How Cameras Are Changing the Way Drains Are Fixed"
    assert r.paragraphs[0] == lede
    assert set(body) <= set(r.paragraphs)
    assert _verdict(r, "Feb 11, 2031 · 3 min read").kind == "timestamp"


# ---------------------------------------------------------------- content spread over the page (a manual)
_MANUAL = (
    (
        "Installing the client",
        "The client runs on any machine with a recent version of the runtime, and it keeps its settings in a "
        "single file in your home folder, which you can copy between machines.",
        "Install it with the package manager of your system, then run the setup command once: it asks for "
        "your workspace address and stores a token that the other commands read when they start.",
        "If your network needs a proxy, set it in the settings file before you run the setup, because the "
        "first thing the setup does is check that it can reach the workspace.",
    ),
    (
        "Sending your first job",
        "A job is a folder with a manifest that names the command to run and the files it needs, and the "
        "client uploads the folder and starts the command on a worker.",
        "The output of the command streams back to your terminal while it runs, and when it ends the client "
        "prints where the results were stored so that you can fetch them later.",
    ),
    (
        "Fetching results",
        "Results stay in the workspace for thirty days, and the fetch command downloads them into a folder "
        "named after the job unless you give it another place to put them.",
        "A job that failed keeps its logs as well, so the same command fetches them too, and the status "
        "command says which step of the job stopped and with what message.",
    ),
)
#: Between two sections: share buttons, a code block's language tabs and step labels, page tools.
_MANUAL_FURNITURE = (
    *("Share on Facebook", "Share on X", "Copy link", "Print"),
    *("Shell", "Python", "Go", "Rust", "Expand", "Collapse", "Step 1", "Step 2", "Step 3"),
    *("Edit this page", "Advertisement", "Back to top", "Report an issue"),
)


def _manual() -> tuple[str, list[str]]:
    lines = ["Getting started | Harbour Jobs docs", "Docs", "API", "Search the docs", "Getting started"]
    for heading, *paragraphs in _MANUAL:
        lines += [heading, *paragraphs, *_MANUAL_FURNITURE]
    body = [p for _heading, *paragraphs in _MANUAL for p in paragraphs]
    return "\n".join([*lines, "Privacy Policy", "Terms of Use"]), body


@pytest.mark.parametrize("page_type", ["documentation", "forum", "service"])
def test_content_spread_over_the_page_is_searched_for_when_a_part_holds_under_most_of_it(
    page_type: str,
) -> None:
    # The first section holds 44 % of the page's prose: enough for an article, where a run that size is
    # the article, not for a page whose content is most of its prose in many parts.
    page, body = _manual()
    r = cleanpage.clean(page, page_type=page_type)
    assert set(body) <= set(r.paragraphs)
    assert not {"Share on Facebook", "Advertisement", "Privacy Policy"} & set(r.paragraphs)
    assert any("held 44% of the page's prose; searched again" in w for w in r.warnings)


@pytest.mark.parametrize("page_type", ["article", "product"])
def test_an_article_or_product_that_holds_a_good_share_of_the_prose_is_not_searched_again(
    page_type: str,
) -> None:
    # The counterpart: an article's run holding 44 % of the prose is the article, and a product's
    # description is a small part of a page of reviews and related products.
    page, body = _manual()
    r = cleanpage.clean(page, page_type=page_type)
    assert set(body[:3]) <= set(r.paragraphs)
    assert not set(body[3:]) & set(r.paragraphs)
    assert not any("searched again" in w for w in r.warnings)


# ---------------------------------------------------------------- a looser focus keeps more, never less
_TEASERS = (
    "Our builds had crept up to forty minutes, so we spent a quarter measuring where the time went and found "
    "most of it waiting on caches that were never warm.",
    "Spot machines cost a third of the regular price, and after a year of running the job scheduler on them "
    "we have learned which work can move and which cannot.",
    "Every change to the payment flow now runs against a copy of the bank's test service, which catches the "
    "mistakes that used to reach customers first.",
    "The database move we planned for a weekend took a month, and the notes we kept along the way became the "
    "checklist every migration now starts from.",
    "Search traffic doubles every December.",
    "Most of what makes a release calm is a handful of scripts.",
)
#: A blog's index: per entry a date, a headline, a teaser (by its index above) and its tags.
_INDEX = (
    ("Mar 3, 2031", "Testing payments without real money", 1, "Data,Platform,Engineering,Mobile"),
    ("Feb 17, 2031", "How we cut our build times in half", 3, "Developer Tools,Engineering,Platform,Mobile"),
    ("Feb 2, 2031", "A year of the on-call handbook (Part 2)", 1, "Platform,Engineering,Developer Tools"),
    ("Jan 20, 2031", "Testing payments without real money", 4, "Developer Tools,Infrastructure"),
    (
        "Jan 6, 2031",
        "The small tools that keep releases calm",
        1,
        "Developer Tools,Open Source,Data,Platform",
    ),
    ("Dec 12, 2030", "Why we moved search to its own cluster", 5, "Engineering,Mobile,Developer Tools"),
    ("Nov 28, 2030", "How we cut our build times in half", 2, "Open Source,Developer Tools,Mobile,Data"),
    ("Nov 2, 2030", "What a failed migration taught us", 2, "Data,Platform,Open Source,Developer Tools"),
)


def _blog_index() -> str:
    lines = ["Harbour Engineering Blog | Harbour", "Engineering"]
    lines.append(
        "Read about how we build things and what we learned. Welcome to our official engineering blog."
    )
    for date, headline, teaser, tags in _INDEX:
        lines += [date, headline, _TEASERS[teaser], *tags.split(",")]
    lines += [
        "Load More",
        "Want to stay in the loop?",
        "Subscribe to our newsletter to never miss an update!",
    ]
    return "\n".join([*lines, "Legal", "Privacy", "Cookies", "About"])


def test_the_recall_focus_keeps_what_the_balanced_focus_keeps() -> None:
    # Balanced takes one entry first (under 0.3 of the prose) and searches again, finding them all; recall
    # bridges more, takes several entries first (over 0.3) and would never search again.
    balanced = cleanpage.clean(_blog_index(), focus="balanced", page_type="article")
    recall = cleanpage.clean(_blog_index(), focus="recall", page_type="article")
    assert set(_TEASERS[1:]) <= set(balanced.paragraphs)
    assert {v.line for v in balanced.lines if v.kept} <= {v.line for v in recall.lines if v.kept}
    assert any("that the balanced focus keeps were kept too" in w for w in recall.warnings)


def test_an_article_the_classifier_is_unsure_of_is_decided_as_its_likelier_type_would_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The blog index keeps one more line in recall than in balanced. A page called an article while a
    # forum is likelier is decided one step towards recall, as a forum is; one where a listing is likelier
    # (a listing is read whole, not in a looser focus) or that the classifier is sure of, in balanced.
    page = _blog_index()
    balanced = cleanpage.clean(page, page_type="article").paragraphs
    recall = cleanpage.clean(page, page_type="article", focus="recall").paragraphs
    assert balanced != recall
    for scores, expected in (
        ({"article": 0.3, "forum": 0.7}, recall),
        ({"article": 0.3, "listing": 0.7}, balanced),
        ({"article": 0.7, "forum": 0.3}, balanced),
    ):
        verdict = TypeVerdict("article", ("a reason",), scores)
        monkeypatch.setattr(Cleaner, "type_verdict", lambda self, texts, v=verdict: v)
        r = Cleaner().clean(page)
        assert (r.page_type, r.page_type_reasons) == ("article", ("a reason",))
        if expected is recall:  # recall, and searched as widely as a forum's posts (see the next test)
            assert set(recall) <= set(r.paragraphs) and r.paragraphs != balanced, scores
        else:
            assert r.paragraphs == expected, scores


@pytest.mark.parametrize(
    ("scores", "searched", "found"),
    [
        ({"article": 0.3, "service": 0.7}, True, True),
        ({"article": 0.3, "listing": 0.7}, True, False),
        ({"article": 0.3, "product": 0.7}, False, False),
        ({"article": 0.7, "listing": 0.3}, False, False),
        # called an article under DOUBTED_ARTICLE likely: its rival type counts as a likelier one does
        ({"article": 0.55, "listing": 0.4, "forum": 0.05}, True, False),
        ({"article": 0.55, "product": 0.4, "forum": 0.05}, False, False),
    ],
)
def test_an_article_the_classifier_is_unsure_of_is_searched_as_if_its_content_were_spread(
    monkeypatch: pytest.MonkeyPatch, scores: dict[str, float], searched: bool, found: bool
) -> None:
    # The manual's first section holds 44 % of its prose: the article of a page the classifier is sure of,
    # but where another type is likelier the content may be in many parts, and it is searched for further
    # (not for a likelier product, whose description is a small part of its page). Where a service page is
    # likelier, in recall, the search finds the other sections; in balanced (a listing likelier) the cruft
    # between them is too long to bridge.
    page, body = _manual()
    verdict = TypeVerdict("article", ("a reason",), scores)
    monkeypatch.setattr(Cleaner, "type_verdict", lambda self, texts, v=verdict: v)
    r = Cleaner().clean(page)
    assert r.page_type == "article"
    assert set(body[:3]) <= set(r.paragraphs)
    assert (set(body) <= set(r.paragraphs)) is found
    assert any("held 44% of the page's prose; searched again" in w for w in r.warnings) is searched
