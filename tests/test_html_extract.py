"""trafilatura's options per page type (cleanpage.html.extract.extraction_options), as extract uses them."""

from __future__ import annotations

import pytest

from cleanpage.classify import PAGE_TYPES
from cleanpage.html.extract import BALANCED_BY_TYPE, MODES, extract, extraction_options, parse

_STORY = (
    "The lighthouse keeper's cottage on the point will open to visitors in May, after a winter of repairs "
    "to its roof and chimney paid for by the county and a group of volunteers from the village.",
    "Visitors will be able to climb the tower on weekend afternoons, in groups of no more than eight, and "
    "the volunteers will show the old lamp room and the logbooks kept by the last three keepers.",
    "The county said the cottage would also host a small exhibition on the wrecks along this stretch of "
    "coast, with objects lent by families in the village whose ancestors worked on the lifeboats.",
)
_REPLY = (
    "We walked out to the point last summer and the tower was shut, so this is very welcome news for the "
    "whole family and for everyone who has waited years to climb those stairs again."
)


def _page() -> str:
    story = "".join(f"<p>{p}</p>" for p in _STORY)
    return (
        "<html><head><title>Lighthouse cottage to open in May</title></head><body>"
        f"<article><h1>Lighthouse cottage to open in May</h1>{story}</article>"
        f'<section id="comments" class="comments"><h2>Comments</h2><div class="comment"><p>{_REPLY}</p>'
        "</div></section></body></html>"
    )


@pytest.mark.parametrize("focus", ["precision", "balanced", "recall"])
def test_unknown_type_keeps_the_focus_mode_without_comments(focus: str) -> None:
    assert extraction_options(None, focus) == {"include_comments": False, **MODES[focus]}
    assert extraction_options("no-such-type", focus) == extraction_options(None, focus)


def test_every_page_type_has_balanced_options() -> None:
    assert set(BALANCED_BY_TYPE) == set(PAGE_TYPES)


def test_known_types_under_each_focus() -> None:
    assert extraction_options("article", "balanced") == {"include_comments": False}
    assert extraction_options("forum", "balanced") == {"include_comments": True}
    assert extraction_options("documentation", "balanced") == {
        "include_comments": False,
        "favor_recall": True,
    }
    assert extraction_options("forum", "precision") == {"include_comments": True, "favor_precision": True}
    assert extraction_options("service", "recall") == {"include_comments": False, "favor_recall": True}


def test_a_forum_keeps_its_replies_and_an_article_drops_them() -> None:
    tree = parse(_page())
    assert tree is not None
    untyped = " ".join(extract(tree, None, "balanced").paragraphs)
    article = " ".join(extract(tree, None, "balanced", "article").paragraphs)
    forum = " ".join(extract(tree, None, "balanced", "forum").paragraphs)
    for text in (untyped, article, forum):
        assert all(p in text for p in _STORY)
    assert _REPLY not in untyped and _REPLY not in article
    assert _REPLY in forum
