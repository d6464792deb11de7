"""Related blocks parsed into records: every entry of every layout, the same lines removed as parsed, and
never the article's own paragraphs (two prose paragraphs in a row are the article)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_properties import articles, paragraphs

import cleanpage
from cleanpage import RelatedEntry

ARTICLE = [
    "Harbour council approves new ferry terminal after long debate",
    "The Westmoor harbour council voted seven to two on Tuesday to build a new ferry terminal on the north "
    "quay, ending a debate that has run for more than four years.",
    "The terminal will replace a building from 1962 that no longer meets safety rules, the council said in a "
    "statement after the vote.",
    "Construction is expected to begin next spring and to take about two years, during which ferries will "
    "use a temporary pontoon.",
]
FLEET = "Fishing fleet warns of higher harbour fees"
FLEET_BLURB = (
    "Skippers in Westmoor say the new terminal could raise their mooring fees by a third. The fishermen's "
    "association has asked the council for a separate rate for working boats."
)
VESSELS = "Ferry operator orders two electric vessels"
VESSELS_BLURB = (
    "The island ferry company has ordered two battery-powered boats from a yard in the north. They are due "
    "to enter service in three years, the company said on Monday."
)
PONTOON = "Harbour pontoon to open in March"
PONTOON_BLURB = (
    "A temporary pontoon for ferry passengers will open on the south quay in March while the terminal is "
    "built. Passengers are asked to allow extra time for boarding."
)


def _clean(*lines: str) -> cleanpage.Result:
    return cleanpage.clean("\n".join(lines) + "\n", format="text", language="en")


def test_an_aggregator_block_gives_every_entry_with_its_blurb_the_last_without_a_source() -> None:
    r = _clean(
        *ARTICLE,
        "Related Articles",
        *("Westmoor Gazette", "26 minutes ago", "- Westmoor Gazette", FLEET, FLEET_BLURB),
        *("Coastal Post", "2 hours ago", "- Coastal Post", VESSELS, VESSELS_BLURB),
        *("3 hours ago", PONTOON, PONTOON_BLURB),
    )
    assert r.related == (
        RelatedEntry(FLEET, "Westmoor Gazette", "26 minutes ago", FLEET_BLURB),
        RelatedEntry(VESSELS, "Coastal Post", "2 hours ago", VESSELS_BLURB),
        RelatedEntry(PONTOON, None, "3 hours ago", PONTOON_BLURB),
    )
    assert r.paragraphs == tuple(ARTICLE[1:])
    block = [x for x in r.removed if x.text not in ("Related Articles",) and x.kind == "related"]
    assert len(block) == 13  # every line of every entry removed as the block it was parsed from


def test_headline_source_blurb_entries_get_their_source_and_blurb() -> None:
    r = _clean(
        *ARTICLE,
        "Recommended Stories",
        *(FLEET, "Westmoor Gazette", FLEET_BLURB),
        *(VESSELS, "Coastal Post", VESSELS_BLURB),
    )
    assert r.related == (
        RelatedEntry(FLEET, "Westmoor Gazette", None, FLEET_BLURB),
        RelatedEntry(VESSELS, "Coastal Post", None, VESSELS_BLURB),
    )


def test_a_section_block_of_headlines_alone() -> None:
    headlines = (
        "Storm knocks out power to thousands along the coast",
        "Rail strike called off after late-night talks",
        "Drought forces water limits in three counties",
    )
    r = _clean(*ARTICLE, "More Nation & World", *headlines)
    assert r.related == tuple(RelatedEntry(h) for h in headlines)
    assert r.paragraphs == tuple(ARTICLE[1:])


def test_entries_with_a_thumbnail_caption_skip_it() -> None:
    r = _clean(
        *ARTICLE,
        "Read next",
        *("Photo: Ana Ruiz / Westmoor Gazette", FLEET, FLEET_BLURB),
        *("Photo: Tom Hale / Coastal Post", VESSELS, VESSELS_BLURB),
    )
    assert r.related == (RelatedEntry(FLEET, blurb=FLEET_BLURB), RelatedEntry(VESSELS, blurb=VESSELS_BLURB))


def test_a_block_before_the_article_leaves_the_articles_head_to_it() -> None:
    r = _clean(
        "Most read",
        *("Westmoor Gazette", "26 minutes ago", FLEET, FLEET_BLURB),
        *("Coastal Post", "2 hours ago", VESSELS, VESSELS_BLURB),
        ARTICLE[0],
        "Westmoor Gazette",
        "1 hour ago",
        *ARTICLE[1:],
    )
    assert [e.headline for e in r.related] == [FLEET, VESSELS]
    assert r.title == ARTICLE[0]
    assert r.paragraphs == tuple(ARTICLE[1:])


def test_two_prose_paragraphs_after_a_heading_are_the_article_not_blurbs() -> None:
    r = _clean("Related Articles", FLEET, *ARTICLE[1:])
    assert r.paragraphs == tuple(ARTICLE[1:])
    assert all(e.blurb is None for e in r.related)


def test_a_one_line_related_link_is_an_entry() -> None:
    r = _clean(ARTICLE[0], ARTICLE[1], "Read also: Floods hit the valley", *ARTICLE[2:])
    assert r.related == (RelatedEntry("Floods hit the valley"),)


def test_section_headings_in_the_pack_languages_head_blocks() -> None:
    for heading, language in (("Mehr Politik", "de"), ("Plus de Sport", "fr"), ("Más Deportes", "es")):
        page = "\n".join([*ARTICLE, heading, FLEET, VESSELS]) + "\n"
        r = cleanpage.clean(page, format="text", language=language)
        assert [e.headline for e in r.related] == [FLEET, VESSELS], heading


# ---------------------------------------------------------------- property: generated blocks parse back
SOURCE_WORDS = (
    "Harbor",
    "Valley",
    "Ledger",
    "Courier",
    "Gazette",
    "Tribune",
    "Northern",
    "Coastal",
    "Weekly",
)
HEADINGS = ("Related Articles", "Recommended", "Read next", "Most read", "More from Harbor Ledger")
_source = st.lists(st.sampled_from(SOURCE_WORDS), min_size=2, max_size=3, unique=True).map(" ".join)
_age = st.builds(
    lambda n, unit: f"{n} {unit} ago", st.integers(2, 50), st.sampled_from(("minutes", "hours", "days"))
)
_NOUNS = (
    "council",
    "river",
    "harbour",
    "school",
    "bridge",
    "market",
    "village",
    "museum",
    "station",
    "ferry",
)
_VERBS = ("approves", "delays", "opens", "plans", "repairs", "closes", "funds", "moves")


@st.composite
def _headline(draw: st.DrawFn) -> str:
    """A headline of 8 to 12 words, without a full stop."""
    words = [draw(st.sampled_from(_NOUNS)).capitalize(), draw(st.sampled_from(_VERBS)), "new"]
    words += [draw(st.sampled_from(_NOUNS))]
    while len(words) < draw(st.integers(8, 12)):
        words += [
            draw(st.sampled_from(("for", "near", "beside", "after"))),
            "the",
            draw(st.sampled_from(_NOUNS)),
        ]
    return " ".join(words)


@st.composite
def related_blocks(draw: st.DrawFn) -> tuple[list[str], list[RelatedEntry]]:
    """A related block (heading and lines) in one layout, and the entries it holds.

    The layout: a random subset of source, age and "- Source" lines in a random order, with the headline
    (and its blurb, in some layouts) anywhere among them; every entry follows it, except that the last may
    lack its source lines when blurbs or "- Source" lines tell the entries apart.
    """
    fields = draw(st.lists(st.sampled_from(("source", "age", "dash")), unique=True))
    with_blurb = draw(st.booleans())
    order = draw(st.permutations([*fields, "headline"]))
    texts_only = "age" not in fields and "dash" not in fields and not with_blurb
    count = draw(st.integers(2 if texts_only and "source" in fields else 1, 8))
    headlines = draw(st.lists(_headline(), min_size=count, max_size=count, unique=True))
    last_unsourced = (
        count > 1
        and ("dash" in fields or with_blurb)
        and order.index("headline")
        > max((order.index(f) for f in ("source", "dash") if f in fields), default=-1)
        and draw(st.booleans())
    )
    lines = [draw(st.sampled_from(HEADINGS))]
    entries = []
    for k, headline in enumerate(headlines):
        source = draw(_source)
        age = draw(_age)
        blurb = draw(paragraphs()) if with_blurb else None
        sourced = not (last_unsourced and k == count - 1)
        for field in order:
            if field == "source" and sourced:
                lines.append(source)
            elif field == "dash" and sourced:
                lines.append(f"- {source}")
            elif field == "age":
                lines.append(age)
            elif field == "headline":
                lines.append(headline)
                if blurb is not None:
                    lines.append(blurb)
        has_source = sourced and bool({"source", "dash"} & set(fields))
        entries.append(
            RelatedEntry(
                headline,
                source if has_source else None,
                age if "age" in fields else None,
                blurb,
            )
        )
    return lines, entries


@given(articles(min_size=3, max_size=6), related_blocks())
def test_a_generated_block_after_an_article_parses_back_into_its_entries(
    article: list[str], block: tuple[list[str], list[RelatedEntry]]
) -> None:
    lines, entries = block
    r = _clean(*article, *lines)
    assert r.related == tuple(entries)
    assert r.paragraphs == tuple(article)


def test_a_labelled_related_link_ends_where_the_article_resumes_under_its_subheading() -> None:
    """ "Related:" and one headline is the two-line form of "Related: <headline>": the article's next
    subheading and paragraphs are not more entries, however much they look like headline and blurb."""
    subheading = "Fees for working boats"
    section = (
        "Skippers will pay a lower rate than leisure craft under the plan, which sets the fee by the length "
        "of the berth rather than the size of the boat. The harbour master said the change would take effect "
        "in April, once the new charges are published, and that no boat would pay more than last year."
    )
    after = (
        "Leisure berths on the north quay will cost the same as this year for the first season, and the "
        "council will review the rate each autumn after the terminal opens, the statement added."
    )
    r = _clean(*ARTICLE, "Related:", FLEET, subheading, section, "Leisure berths", after)
    assert r.related == (RelatedEntry(FLEET),)
    assert r.paragraphs == (*ARTICLE[1:], subheading, section, "Leisure berths", after)


def test_a_labelled_list_of_related_links_keeps_every_link() -> None:
    r = _clean(*ARTICLE, "Related:", FLEET, VESSELS, PONTOON, "Share this story")
    assert r.related == (RelatedEntry(FLEET), RelatedEntry(VESSELS), RelatedEntry(PONTOON))
    assert r.paragraphs == tuple(ARTICLE[1:])
