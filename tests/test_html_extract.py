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


# --- parsing: the repairs libxml2 needs, and the tree trafilatura takes as its own --------------------------


def _story_text(tree: object) -> str:
    from lxml.html import HtmlElement

    assert isinstance(tree, HtmlElement)  # trafilatura takes an HtmlElement as a parsed page
    return " ".join(tree.text_content().split())


def test_control_characters_do_not_cut_the_page() -> None:
    tree = parse(_page().replace("roof and chimney", "roof\x00 and\x0b chimney"))
    assert tree is not None
    assert "roof and chimney" in _story_text(tree)
    assert _REPLY in _story_text(tree)


def test_a_self_closing_html_tag_and_an_xhtml_doctype_keep_the_document() -> None:
    doctype = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    )
    for page in (doctype + _page(), _page().replace("<html>", '<html lang="en"/>\n', 1)):
        tree = parse(page)
        assert tree is not None
        assert tree.findtext("head/title") == "Lighthouse cottage to open in May"
        assert all(p in _story_text(tree) for p in _STORY)


def test_an_encoding_declaration_in_a_string_is_parsed_as_bytes() -> None:
    tree = parse('<?xml version="1.0" encoding="utf-8"?>\n' + _page().replace("village", "villäge"))
    assert tree is not None
    assert "villäge" in _story_text(tree)
