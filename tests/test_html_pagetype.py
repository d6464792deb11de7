"""The page-type features of HTML pages (cleanpage.html.pagetype), and the classifier on small fictional pages
of each type, with and without their structured data."""

from __future__ import annotations

import re

import pytest
from pagetype_pages import PAGES

from cleanpage.classify import PAGE_TYPES, classify
from cleanpage.html.extract import parse
from cleanpage.html.pagetype import page_features
from cleanpage.pagefeatures import PageFeatures

#: A phrase the reasons of each type's fictional page must hold (from its markup or its text).
HTML_REASONS = {
    "article": "Article / BlogPosting / NewsArticle",
    "forum": "DiscussionForumPosting",
    "product": "JSON-LD or microdata type Product",
    "collection": "repeated blocks with a price",
    "listing": "headings that are links",
    "documentation": "documentation phrases",
    "service": "service phrases",
}
_STRUCTURED = re.compile(r'<script type="application/ld\+json">.*?</script>|<meta property="og:type"[^>]*>')


def features(html: str, url: str | None = None) -> PageFeatures:
    tree = parse(html)
    assert tree is not None
    return page_features(tree, url)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_each_type_is_classified_right_with_reasons(page_type: str) -> None:
    verdict = classify(features(PAGES[page_type]()))
    assert verdict.page_type == page_type, verdict
    assert any(HTML_REASONS[page_type] in r for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_each_type_is_classified_right_without_structured_data(page_type: str) -> None:
    html = _STRUCTURED.sub("", PAGES[page_type]())
    page = features(html)
    assert not any(page.get(n) for n in ("ld_article", "ld_product", "ld_forum", "og_article", "og_product"))
    assert classify(page).page_type == page_type


def test_structured_data_is_read_from_json_ld_microdata_and_og_type() -> None:
    product = features(PAGES["product"]())
    assert product.get("ld_product") == 1 and product.get("og_product") == 1
    micro = features(
        '<html><body><div itemscope itemtype="https://schema.org/QAPage"><p>Hi</p></div></body></html>'
    )
    assert micro.get("ld_forum") == 1
    article = features(PAGES["article"]())
    assert article.get("ld_article") == 1 and article.get("og_article") == 1
    assert article.get("published") == 1 and article.get("author_meta") == 1


def test_repeated_blocks_are_posts_cards_and_priced_cards() -> None:
    forum = features(PAGES["forum"]())
    assert forum.get("post_blocks") == 4
    collection = features(PAGES["collection"]())
    assert collection.get("price_blocks") == 24 and collection.get("card_blocks") == 24
    assert collection.get("post_blocks") == 0
    listing = features(PAGES["listing"]())
    assert listing.get("dated_cards") == 12 and listing.get("linked_headings") == 12


def test_code_text_links_and_hidden_text() -> None:
    docs = features(PAGES["documentation"]())
    assert docs.get("pre_blocks") == 1 and docs.get("code_tags") == 4 and docs.get("code_chars") > 50
    page = features(
        "<html><head><title>Quiet</title><style>p { color: red }</style></head><body>"
        "<script>var hidden = 'words words words';</script>"
        '<p>Five visible words here, <a href="/x">and a link</a>.</p></body></html>'
    )
    assert page.get("words") == 7  # neither the title, the style nor the script count
    assert 0 < page.get("link_density") < 0.5
    assert page.get("title_words") == 1


def test_article_prose_sits_together() -> None:
    article = features(PAGES["article"]())
    assert article.get("paragraphs") == 5 and article.get("p_cluster") == 5
    assert article.get("prose_run") == 5


def test_address_features_join_the_markup_features() -> None:
    html = PAGES["listing"]()
    assert features(html).get("url_listing") == 0
    assert features(html, "https://courier.example/tag/harbour").get("url_listing") == 1


def test_a_page_without_body_or_text_gets_a_verdict() -> None:
    for html in ("<html></html>", "<html><body><!-- a comment --><div><br></div></body></html>"):
        verdict = classify(features(html))
        assert verdict.page_type in PAGE_TYPES and verdict.reasons
