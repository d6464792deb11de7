"""The HTML path: DOM rules (run on their TOML examples), the main-text guard, extraction, listings."""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanpage
from cleanpage.cli import main as cli_main
from cleanpage.errors import RuleError
from cleanpage.html.dom import apply_dom_rules, example_failure
from cleanpage.html.extract import parse
from cleanpage.html.selector import SelectorError, compile_selector, xpath_literal
from cleanpage.rules import load_rules, load_text

ARTICLE = (
    "The harbor authority raised mooring fees on Monday for the third year in a row, citing the cost of "
    "repairs to the old pier and the rising price of insurance for the marina.",
    "Boat owners said the increase would push some of them to other ports along the coast, where the fees "
    "are lower and the waiting lists for a berth are shorter than they are here.",
    "The authority said the money would go to the pier and to dredging the channel, which has silted up "
    "since the winter storms and now limits the size of the boats that can come in.",
    "A public meeting on the plan is set for next month at the town hall, and the council has asked the "
    "authority to publish its accounts for the last five years before that meeting.",
)
TITLE = "Harbor fees rise for the third year in a row"
DOM_RULES = load_rules().dom


def page(body: str, title: str = TITLE, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def article_html(paragraphs: tuple[str, ...] = ARTICLE, title: str = TITLE) -> str:
    ps = "".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)
    return f"<article><h1>{htmllib.escape(title)}</h1>{ps}</article>"


# --- DOM rules, from their own examples ---------------------------------------------------------------------

CASES = [(r, ex, True) for r in DOM_RULES for ex in r.examples] + [
    (r, ex, False) for r in DOM_RULES for ex in r.counter_examples
]


@pytest.mark.parametrize(("rule", "snippet", "removes"), CASES, ids=lambda v: getattr(v, "id", None))
def test_dom_rule_examples(rule: cleanpage.rules.DomRule, snippet: str, removes: bool) -> None:
    tree = parse(page(article_html() + snippet))
    assert tree is not None
    body = tree.find("body")
    removed = apply_dom_rules(body, [rule])
    if removes:
        assert [r.rule for r in removed] == [rule.id]
        assert removed[0].kind == rule.kind
        assert ARTICLE[0] in body.text_content()  # the article itself stays
    else:
        assert removed == []


def test_every_dom_rule_has_examples_and_a_well_formed_id() -> None:
    assert DOM_RULES
    for rule in DOM_RULES:
        assert rule.examples and rule.counter_examples, rule.id
        assert rule.id.startswith(f"dom.{rule.kind}."), rule.id


def test_related_class_wrapping_the_body_keeps_the_body() -> None:
    body = (
        '<div class="related-content-wrapper share-container">'
        + article_html()
        + '<div class="related-links"><a href="/a">Council delays the bridge vote again</a></div></div>'
    )
    result = cleanpage.clean(page(body))
    assert result.paragraphs == ARTICLE
    assert "Council delays the bridge vote again" not in result.text
    assert any(r.rule == "dom.related.related" and "bridge vote" in r.text for r in result.removed)


def test_link_inside_a_sentence_is_not_a_widget() -> None:
    text = 'The pier <a class="share-link" href="/x">was shared</a> by two clubs until the council came.'
    tree = parse(page(article_html() + f"<p>{text}</p>"))
    assert tree is not None
    assert apply_dom_rules(tree.find("body"), DOM_RULES) == []


@pytest.mark.parametrize(
    "widget",
    [
        '<div class="ArticleShareBar">Share on Facebook</div>',
        '<div class="RELATED-Posts"><a href="/a">Council delays the bridge vote</a></div>',
        '<div class="x it\'s share &quot;bar&quot;">Share this story with a friend</div>',
        '<aside class="Sidebar-Ad">Sponsored: try our new espresso blend</aside>',
        '<section id="Most-READ"><a href="/g">Mayor resigns after the vote</a></section>',
    ],
)
def test_dom_rules_ignore_case_and_quotes_in_attribute_values(widget: str) -> None:
    tree = parse(page(article_html() + widget))
    assert tree is not None
    removed = apply_dom_rules(tree.find("body"), DOM_RULES)
    assert len(removed) == 1
    assert removed[0].text in htmllib.unescape(widget)


def test_widgets_inside_a_removed_widget_go_with_it_once() -> None:
    widget = (
        '<nav class="menu"><ul class="menu-list"><li class="menu-item"><a href="/">Home</a></li>'
        '<li class="menu-item share-item"><a href="/s">Share</a></li></ul></nav>'
        '<div class="share-bar">Email this</div>'
    )
    tree = parse(page(widget + article_html()))
    assert tree is not None
    body = tree.find("body")
    removed = apply_dom_rules(body, DOM_RULES)
    assert [(r.rule, r.text) for r in removed] == [
        ("dom.navigation.menus", "Home Share"),
        ("dom.share.buttons", "Email this"),
    ]
    assert [r.position for r in removed] == [0, 1]
    assert ARTICLE[0] in body.text_content()


CLASS_WORDS = st.sampled_from(
    [
        "Share",
        "share-bar",
        "RELATED",
        "x-related-y",
        "ad",
        "ADS",
        "header",
        "Ad-Slot",
        "lead-ad",
        "head",
        "content",
        "box",
        "MenuBar",
        "nav-x",
        "promo",
        "Footer",
        "loading",
        "shadow",
        "comment-list",
        "tagline",
    ]
)
WIDGET = st.tuples(
    st.sampled_from(["div", "section", "aside", "ul", "span", "nav", "figure"]),
    st.lists(CLASS_WORDS, max_size=3).map(" ".join),
    st.one_of(st.none(), CLASS_WORDS),
)


@settings(max_examples=40, deadline=None)
@given(widgets=st.lists(st.lists(WIDGET, min_size=1, max_size=3), min_size=1, max_size=6))
def test_no_element_a_rule_matches_is_left_beside_the_article(
    widgets: list[list[tuple[str, str, str | None]]],
) -> None:
    """What the index and candidate query find agrees with matching every element against every selector."""
    blocks = []
    for nest in widgets:  # each block is a chain of nested elements, innermost holding a word
        html, close = "", ""
        for tag, classes, ident in nest:
            html += f'<{tag} class="{classes}"' + (f' id="{ident}"' if ident else "") + ">"
            close = f"</{tag}>" + close
        blocks.append(html + "Sidebar words" + close)
    tree = parse(page(article_html() + "".join(blocks)))
    assert tree is not None
    body = tree.find("body")
    apply_dom_rules(body, DOM_RULES)
    left = [e for e in body.iter() if isinstance(e.tag, str) and e.tag != "body"]
    assert not [
        (e.tag, dict(e.attrib)) for e in left if any(r.selector.matches(e.tag, e.get) for r in DOM_RULES)
    ]
    assert all(p in body.text_content() for p in ARTICLE)


def test_example_failure_says_why_an_html_example_fails() -> None:
    rule = load_text('[[share]]\nid = "dom.share.x"\nselector = ".sharebar"\n').dom[0]
    assert example_failure(rule, '<div class="sharebar">Share</div>', removes=True) is None
    assert example_failure(rule, '<div class="bar">Share</div>', removes=True) == "example is not removed"
    assert example_failure(rule, "<p>A bar</p>", removes=False) is None
    why = example_failure(rule, '<p class="SHAREBAR">A bar</p>', removes=False)
    assert why is not None and "counter-example is removed" in why


def test_rules_check_runs_html_examples_of_dom_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dom.toml"
    path.write_text(
        '[[share]]\nid = "mine.share.bar"\nselector = ".sharebar"\n'
        "examples = ['<div class=\"sharebar\">Share</div>', '<div class=\"bar\">Share</div>']\n"
        "counter_examples = ['<p class=\"plain\">The share price rose.</p>']\n",
        encoding="utf-8",
    )
    assert cli_main(["rules", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "example is not removed" in out and "'<div class=\"bar\">Share</div>'" in out
    assert "1 of 3 example(s) failed in 1 rule(s)" in out
    assert cli_main(["rules", "--rules", str(path), "--kind", "share"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("mine.share.bar"))
    assert row.split()[1:4] == ["share", "markup", "*"] and "'.sharebar'" in row


# --- selectors and the loader -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selector", "attrs", "tag", "expected"),
    [
        (".share", {"class": "top Share"}, "div", True),
        (".share", {"class": "sharebar"}, "div", False),
        ("[class*=share]", {"class": "ArticleShareBar"}, "div", True),
        ("[id^=ad-]", {"id": "ad-top"}, "div", True),
        ("[id^=ad-]", {"id": "lead-ad"}, "div", False),
        ("[class$=-ad]", {"class": "lead-ad"}, "div", True),
        ("[lang|=en]", {"lang": "en-GB"}, "p", True),
        ("#comments", {"id": "comments"}, "section", True),
        ("nav, footer", {}, "footer", True),
        ("[class*=share]:not([class*=price])", {"class": "share-price"}, "div", False),
        ("aside[data-ad]", {"data-ad": ""}, "aside", True),
        ("aside[data-ad]", {"data-ad": ""}, "div", False),
    ],
)
def test_selector_matching(selector: str, attrs: dict[str, str], tag: str, expected: bool) -> None:
    compiled = compile_selector(selector)
    assert compiled.matches(tag, attrs.get) is expected
    # the XPath form agrees with the Python form
    attr_text = "".join(f' {k}="{v}"' for k, v in attrs.items())
    tree = parse(page(f"<{tag}{attr_text}>x</{tag}><p>filler</p>"))
    assert tree is not None
    assert bool(tree.find("body").xpath(f".//*[{compiled.xpath()}]")) is expected


@pytest.mark.parametrize("value", ["plain", "it's", 'say "hi"', 'it\'s "both"', "'", ""])
def test_xpath_literals_evaluate_to_their_value(value: str) -> None:
    from lxml import etree

    assert etree.XPath(xpath_literal(value))(etree.Element("x")) == value


@pytest.mark.parametrize("bad", ["div p", "div > p", "a:hover", ":not(.a", "[class*=]", "", ".a,,.b"])
def test_selector_outside_the_subset_is_refused(bad: str) -> None:
    with pytest.raises(SelectorError):
        compile_selector(bad)


def test_loader_reads_selector_rules_apart_from_text_rules() -> None:
    ruleset = load_text('[[share]]\nid = "dom.share.x"\nselector = ".sharebar"\n')
    assert ruleset.rules == () and [r.id for r in ruleset.dom] == ["dom.share.x"]
    assert ruleset.without(["dom.share.x"]).dom == ()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('selector = ".a"\npattern = "x"', "either a pattern or a selector"),
        ('selector = "div p"', "invalid selector"),
        ('selector = ".a"\nscope = "trailer"', "do not apply to a selector rule"),
    ],
)
def test_loader_errors_name_file_rule_and_problem(body: str, problem: str) -> None:
    with pytest.raises(RuleError) as info:
        load_text(f'[[share]]\nid = "dom.share.bad"\n{body}\n', origin="mine.toml")
    message = str(info.value)
    assert "mine.toml" in message and "dom.share.bad" in message and problem in message


# --- the whole path -----------------------------------------------------------------------------------------


def test_clean_html_reports_dom_removals_metadata_and_verdicts() -> None:
    head = (
        '<meta name="author" content="Ana Lopez">'
        '<meta property="article:published_time" content="2025-03-04">'
        '<meta property="og:site_name" content="The Coast Courier">'
    )
    body = (
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        + article_html()
        + '<div class="share-bar"><a href="#">Facebook</a> <a href="#">Email</a></div>'
        + '<section id="comments"><h3>2 comments</h3><p>Great piece, thanks for writing it up.</p></section>'
    )
    result = cleanpage.clean(page(body, head=head), url="https://example.org/harbor")
    assert result.format == "html" and result.is_article
    assert result.title == TITLE
    assert result.paragraphs == ARTICLE
    rules = {r.rule for r in result.removed}
    assert {"dom.share.buttons", "dom.comments.section", "dom.navigation.menus"} <= rules
    meta = result.metadata
    assert (meta.byline, meta.published, meta.site_name) == ("Ana Lopez", "2025-03-04", "The Coast Courier")
    assert meta.url == "https://example.org/harbor"
    dom_lines = [v for v in result.lines if v.rule and v.rule.startswith("dom.")]
    assert dom_lines and not any(v.kept for v in dom_lines)
    assert sum(v.kept for v in result.lines) == len(ARTICLE)


def test_keep_and_disable_apply_to_dom_rules() -> None:
    body = article_html() + '<div class="share-bar">Share on Facebook</div>'
    assert not any(r.kind == "share" for r in cleanpage.clean(page(body), keep={"share"}).removed)
    result = cleanpage.clean(page(body), disable={"dom.share.buttons"})
    assert not any(r.rule == "dom.share.buttons" for r in result.removed)


def test_text_rules_run_on_extracted_paragraphs() -> None:
    body = article_html((*ARTICLE, "© 2025 Coast Courier Media. All rights reserved."))
    result = cleanpage.clean(page(body))
    assert result.paragraphs == ARTICLE
    assert any(r.kind == "copyright" for r in result.removed)


def test_listing_page_is_not_an_article_and_keeps_its_entries() -> None:
    teasers = "".join(
        f'<div class="card"><h2><a href="/s{i}">{h}</a></h2><p>{b}</p></div>'
        for i, (h, b) in enumerate(
            [
                ("Council delays the vote on the new bridge", "The decision moves to spring."),
                ("Storm cuts power to four thousand homes", "Crews worked through the night."),
                ("Rail strike ends after ten long days", "Trains run again from Monday."),
                ("New library opens in the old post office", "It has a rooftop reading room."),
                ("School meals to include more local produce", "Farmers welcomed the plan."),
                ("Harbor fees rise for the third year running", "Boat owners are unhappy."),
                ("Mayor names a new head of the fire service", "She starts next month."),
                ("Ferry timetable changes for the summer season", "Late sailings return."),
            ]
        )
    )
    result = cleanpage.clean(page(f"<main><h1>Latest news</h1>{teasers}</main>", title="Latest news"))
    assert result.is_article is False
    # a listing's entries are its content
    assert "Council delays the vote on the new bridge" in result.paragraphs
    assert result.page_type == "listing" and result.page_type_reasons


def test_fallback_when_the_markup_has_no_content_to_extract() -> None:
    result = cleanpage.clean(page("<div><span>Menu</span></div>"))
    assert any("instead" in w for w in result.warnings)
    assert result.paragraphs == ()


def test_text_and_html_paths_agree() -> None:
    text = TITLE + "\n\n" + "\n\n".join(ARTICLE)
    from_text = cleanpage.clean(text, format="text")
    from_html = cleanpage.clean(page(article_html()))
    assert from_html.paragraphs == from_text.paragraphs == ARTICLE
    assert from_html.title == from_text.title == TITLE


# --- property: an article in widget cruft, in varied markup -----------------------------------------------

VOCABULARY = (
    "the harbor council said boats would pay more from next month while repairs to pier continue and "
    "owners asked for a meeting about fees channel dredging storm winter marina town budget"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))
SENTENCE = st.lists(WORDS, min_size=9, max_size=16).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=2, max_size=3).map(" ".join)
WIDGETS = [
    '<div class="share-buttons"><a href="#">Tweet this</a> <a href="#">Post to Facebook</a></div>',
    '<aside class="related-stories"><h3>Read more</h3><ul><li><a href="/r">Ferry timetable changes '
    'for summer</a></li><li><a href="/q">Mayor names new fire chief</a></li></ul></aside>',
    '<div id="newsletter-signup"><p>Sign up for our morning email</p><form><input></form></div>',
    '<table class="ad-slot"><tr><td>Advertisement: cheap flights to anywhere</td></tr></table>',
    '<section class="comments-area"><h3>Reader comments</h3><div>Totally agree with them.</div></section>',
    '<figure><img src="a.jpg"><figcaption>Quayside on a grey afternoon</figcaption></figure>',
]
WIDGET_TEXTS = (
    "Tweet this",
    "Ferry timetable",
    "morning email",
    "cheap flights",
    "Totally agree",
    "Quayside",
)
LAYOUTS = st.sampled_from(["semantic", "divs", "table"])


def render(paragraphs: list[str], widgets: list[int], layout: str) -> str:
    parts = []
    for i, text in enumerate(paragraphs):
        parts.append(f"<p>{text}</p>" if layout != "divs" else f'<div class="para">{text}</div>')
        if i < len(widgets):
            parts.append(WIDGETS[widgets[i]])
    inner = "".join(parts)
    if layout == "semantic":
        return f"<main><article><h1>{TITLE}</h1>{inner}</article></main>"
    if layout == "divs":
        return f'<div id="wrap"><div class="content"><h1>{TITLE}</h1>{inner}</div></div>'
    return f'<table><tr><td class="main"><h1>{TITLE}</h1>{inner}</td></tr></table>'


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(PARAGRAPH, min_size=3, max_size=5, unique=True),
    widgets=st.lists(st.integers(0, len(WIDGETS) - 1), min_size=1, max_size=4),
    layout=LAYOUTS,
)
def test_article_survives_widget_cruft(paragraphs: list[str], widgets: list[int], layout: str) -> None:
    result = cleanpage.clean(page(render(paragraphs, widgets, layout)))
    assert list(result.paragraphs) == paragraphs
    for w in widgets:
        assert WIDGET_TEXTS[w] not in result.text


def test_a_dom_rule_that_matches_every_paragraph_of_the_article_removes_none_of_them() -> None:
    # A class name that holds a rule's word ("contextmenu" holds "menu") on each paragraph: each paragraph
    # alone is small, but together they are the article, and one rule never empties a page.
    ps = "".join(f'<p class="contextmenu body">{htmllib.escape(p)}</p>' for p in ARTICLE)
    nav = '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
    result = cleanpage.clean(page(f"{nav}<article><h1>{TITLE}</h1>{ps}</article>"), format="html")
    assert result.paragraphs == ARTICLE
    assert not any(r.text in ARTICLE for r in result.removed)


def test_dom_rule_still_removes_a_menu_beside_the_article() -> None:
    menu = '<div class="menu"><a href="/a">Sections</a> <a href="/b">Weather</a></div>'
    result = cleanpage.clean(page(menu + article_html()), format="html")
    assert result.paragraphs == ARTICLE
    assert [r.rule for r in result.removed if "Sections" in r.text] == ["dom.navigation.menus"]


def test_a_short_precision_extraction_is_checked_against_the_default_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lxml import etree

    from cleanpage.html import extract as extract_module

    def output(texts: tuple[str, ...]) -> etree._Element:
        body = etree.Element("body")
        for text in texts:
            etree.SubElement(body, "p").text = text
        return body

    calls: list[dict[str, object]] = []

    def fake(tree: object, url: object, mode: dict[str, object]) -> etree._Element:
        calls.append(mode)  # precision mode keeps the lead only; the default mode keeps the article
        return output(ARTICLE[:1] if mode.get("favor_precision") else ARTICLE)

    monkeypatch.setattr(extract_module, "_extracted", fake)
    tree = parse(page(article_html()))
    assert tree is not None
    found = extract_module.extract(tree, None, "balanced")
    # each mode runs fast first; precision mode's one short paragraph is run again in full
    assert calls == [
        {"favor_precision": True, "fast": True},
        {"favor_precision": True},
        {"fast": True},
    ]
    assert found.paragraphs == ARTICLE
    calls.clear()
    assert extract_module.extract(tree, None, "precision").paragraphs == ARTICLE[:1]
    assert calls == [{"favor_precision": True, "fast": True}, {"favor_precision": True}], (
        "the precision focus keeps precision mode's choice"
    )


def _extracting_the_article(calls: list[dict[str, object]]) -> Callable[..., Any]:
    """A stand-in for trafilatura's run that records each mode it is asked for and finds `ARTICLE`."""
    from lxml import etree

    def fake(tree: object, url: object, mode: dict[str, object]) -> etree._Element:
        calls.append(mode)
        body = etree.Element("body")
        for text in ARTICLE:
            etree.SubElement(body, "p").text = text
        return body

    return fake


def test_a_full_precision_extraction_is_not_extracted_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanpage.html import extract as extract_module

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(extract_module, "_extracted", _extracting_the_article(calls))
    tree = parse(page(article_html()))
    assert tree is not None
    assert extract_module.extract(tree, None, "balanced").paragraphs == ARTICLE
    assert calls == [{"favor_precision": True, "fast": True}]


@pytest.mark.parametrize(
    ("fast", "full_run"),
    [
        (ARTICLE, False),  # most of the page's prose, in paragraphs: the fast run stands
        (ARTICLE[:2], True),  # a part of it: trafilatura's fallback extractors get their say
        ((" ".join(ARTICLE),), True),  # all of it in one block, the shape of a flattened menu or table
    ],
)
def test_the_full_extraction_runs_when_the_fast_one_finds_little_or_one_block(
    monkeypatch: pytest.MonkeyPatch, fast: tuple[str, ...], full_run: bool
) -> None:
    from lxml import etree

    from cleanpage.html import extract as extract_module

    calls: list[dict[str, object]] = []

    def fake(tree: object, url: object, mode: dict[str, object]) -> etree._Element:
        calls.append(mode)
        body = etree.Element("body")
        for text in fast if mode.get("fast") else ARTICLE:
            etree.SubElement(body, "p").text = text
        return body

    monkeypatch.setattr(extract_module, "_extracted", fake)
    tree = parse(page(article_html()))
    assert tree is not None
    found = extract_module.extract(tree, None, "balanced")
    assert calls[0] == {"favor_precision": True, "fast": True}
    assert calls[1:] == ([{"favor_precision": True}] if full_run else [])
    assert found.paragraphs == ARTICLE


def test_dom_rules_leave_most_of_the_page_prose_in_place() -> None:
    # A recipe whose steps sit in boxes whose class names read as promos: each box is small beside the
    # page, but together they are its article, so the rules may take at most half the page's prose.
    boxes = ("promo-box", "related-box", "share-box", "newsletter-box")
    steps = "".join(
        f'<div class="{c}"><p>{htmllib.escape(p)}</p></div>' for c, p in zip(boxes, ARTICLE, strict=True)
    )
    intro = "<p>" + htmllib.escape(ARTICLE[0][:90]) + "</p>"
    result = cleanpage.clean(page(f"<main><h1>{TITLE}</h1>{intro}{steps}</main>"), format="html")
    kept = " ".join(result.paragraphs)
    assert sum(p in kept for p in ARTICLE) >= len(ARTICLE) / 2


# --- fragments: markup without a document around it ------------------------------------------------------

FRAGMENTS = {
    "paragraphs": "".join(f"<p>{htmllib.escape(p)}</p>" for p in ARTICLE[:2]),
    "body": f"<body><p>{htmllib.escape(ARTICLE[0])}</p></body>",
    "div": f'<div class="story"><p>{htmllib.escape(ARTICLE[0])}</p></div>',
    "one short paragraph": "<p>The council voted on Tuesday.</p>",
}


@pytest.mark.parametrize("fmt", ["html", None])
@pytest.mark.parametrize("name", FRAGMENTS)
def test_a_fragment_is_cleaned_as_html(name: str, fmt: str | None) -> None:
    result = cleanpage.clean(FRAGMENTS[name], format=fmt)
    assert result.format == "html"
    assert result.paragraphs and not any("<" in p for p in result.paragraphs)
    assert result.warnings == ()
    assert result.is_article is bool(result.paragraphs)


def test_a_fragment_keeps_its_lists_and_loses_its_cruft() -> None:
    fragment = (
        f"<div><p>{htmllib.escape(ARTICLE[0])}</p><ul><li>Mooring fees</li><li>Dredging</li></ul>"
        "<p>Share this article</p><p>© 2025 Harbour Times. All rights reserved.</p></div>"
    )
    result = cleanpage.clean(fragment)
    assert result.paragraphs == (ARTICLE[0], "Mooring fees", "Dredging")
    assert {r.kind for r in result.removed} == {"share", "copyright"}


def test_markup_no_parser_takes_is_cleaned_without_its_tags() -> None:
    from cleanpage.html.extract import strip_tags

    assert strip_tags("<p>A <b>bold</b> move</p><!-- a note -->").split() == ["A", "bold", "move"]


def test_a_forum_page_keeps_its_replies_an_article_drops_its_comments() -> None:
    replies = (
        "I have used a copper-free hard paint on my own wooden boat for six years now, and it holds up well "
        "as long as you give the hull two coats and let the second one cure for a whole weekend.",
        "Whatever you choose, sand back to a sound surface first, because the new paint will only last as "
        "long as the old layer underneath it stays stuck to the wood through the winter and the spring.",
    )
    comments = "".join(
        f'<div class="comment"><span class="author">user{i}</span><p>{htmllib.escape(r)}</p></div>'
        for i, r in enumerate(replies)
    )
    html = page(
        article_html() + f'<section id="comments" class="comments"><h3>Replies</h3>{comments}</section>'
    )
    as_article = cleanpage.clean(html)
    assert as_article.page_type == "article" and not set(replies) & set(as_article.paragraphs)
    as_forum = cleanpage.clean(html, page_type="forum")
    assert set(replies) <= set(as_forum.paragraphs) and set(ARTICLE) <= set(as_forum.paragraphs)
    assert as_forum.page_type == "forum" and not as_forum.is_article


def test_a_page_judged_a_listing_says_so_in_its_type_unless_the_caller_named_one() -> None:
    teasers = "".join(
        f'<div class="card"><h2><a href="/s{i}">Headline number {i} about the harbour works</a></h2>'
        f"<p>Short blurb {i}.</p></div>"
        for i in range(8)
    )
    html = page(f"<main><h1>Latest news</h1>{teasers}</main>", title="Latest news")
    judged = cleanpage.clean(html)
    assert judged.page_type == "listing" and not judged.is_article and judged.page_type_reasons
    named = cleanpage.clean(html, page_type="article")
    assert named.page_type == "article" and named.page_type_reasons == ("page_type given by the caller",)


def test_a_reading_holds_an_extraction_when_it_has_most_of_its_words() -> None:
    """The text path replaces a short extraction only when it holds it: more of the same article."""
    from cleanpage.html import _held

    part = ["The ferry runs four times a day.", "Fares rise in May."]
    assert _held(part, ["Tides.", "The ferry runs four times a day.", "Fares rise in May.", "More."]) == 1.0
    assert _held(part, ["Comments are closed.", "The ferry is late again."]) < 0.5
    assert _held([], ["anything"]) == 1.0


def test_a_reading_holds_an_extraction_whose_sentences_its_lines_break_at_links() -> None:
    """The page's text breaks a line at every link, so punctuation parts from the words it touched: the
    words are what is compared, and a reading that has them all holds the extraction."""
    from cleanpage.html import _held

    part = ["New stars this year (Harbour! Quay Kitchen!) and old favourites.", "Book early."]
    lines = ["New stars this year (", "Harbour", "!", "Quay Kitchen", "!) and old favourites.", "Book early."]
    assert _held(part, lines) == 1.0
    assert _held(part, ["New stars this year and old favourites."]) < 0.8


def test_a_short_extraction_of_a_product_page_is_read_whole() -> None:
    # A product's specifications are short lines; on an article page a short extraction is judged line by
    # line, which keeps only its sentence.
    body = (
        "<nav><a href='/'>Home</a></nav><main><h1>Brass hinge, 3 inch, pack of 2</h1><table>"
        "<tr><th>Maker</th><td>Hollis Hardware</td></tr><tr><th>Part number</th><td>HH-3020-B</td></tr>"
        "<tr><th>Finish</th><td>Satin brass</td></tr></table><p>Fits doors up to 40 mm thick.</p></main>"
    )
    specs = ("Maker Hollis Hardware", "Part number HH-3020-B", "Finish Satin brass")
    product = cleanpage.clean(page(body, title="Brass hinge"), page_type="product")
    assert product.paragraphs == (*specs, "Fits doors up to 40 mm thick.")
    article = cleanpage.clean(page(body, title="Brass hinge"), page_type="article")
    assert not set(specs) & set(article.paragraphs)


@pytest.mark.parametrize(
    ("scores", "modes"),
    [
        # called an article while a service page is likelier: extracted in trafilatura's default mode, as a
        # service page is (precision mode drops the short parts such pages are made of)
        ({"article": 0.3, "service": 0.7}, [{"fast": True}]),
        ({"article": 0.55, "service": 0.4, "listing": 0.05}, [{"fast": True}]),  # doubted: a rival type
        # a listing is read whole, not in a looser mode; an article the classifier is sure of: precision
        ({"article": 0.3, "listing": 0.7}, [{"favor_precision": True, "fast": True}]),
        ({"article": 0.7, "service": 0.3}, [{"favor_precision": True, "fast": True}]),
    ],
)
def test_an_article_the_classifier_is_unsure_of_is_extracted_as_its_likelier_type_would_be(
    monkeypatch: pytest.MonkeyPatch, scores: dict[str, float], modes: list[dict[str, object]]
) -> None:
    from cleanpage import classify as classify_module
    from cleanpage.classify import TypeVerdict
    from cleanpage.html import extract as extract_module

    calls: list[dict[str, object]] = []
    verdict = TypeVerdict("article", ("a reason",), scores)
    monkeypatch.setattr(extract_module, "_extracted", _extracting_the_article(calls))
    monkeypatch.setattr(classify_module, "classify", lambda features, weights=None: verdict)
    result = cleanpage.clean(page(article_html()), format="html")
    assert calls == modes
    assert (result.page_type, result.paragraphs) == ("article", ARTICLE)
