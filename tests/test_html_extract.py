"""The extraction of a page whose type is known: a forum's replies are its content, an article's are not."""

from __future__ import annotations

from cleanpage.html.extract import extract, parse

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


def test_a_forum_keeps_its_replies_and_an_article_drops_them() -> None:
    tree = parse(_page())
    assert tree is not None
    article = " ".join(extract(tree, None, "balanced").paragraphs)
    forum = " ".join(extract(tree, None, "balanced", "forum").paragraphs)
    for text in (article, forum):
        assert all(p in text for p in _STORY)
    assert _REPLY not in article
    assert _REPLY in forum
