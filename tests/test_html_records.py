"""Repeated records: a collection's grid of entries is found by its markup and added to a short extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import cleanpage
from cleanpage.html.extract import Extraction, parse
from cleanpage.html.records import find_records, with_records

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CARDS = (
    ("Canvas tote bag, natural", "$24.00", "Heavy cotton, inside pocket"),
    ("Waxed field jacket, olive", "$180.00", "Corduroy collar, four pockets"),
    ("Merino beanie, charcoal", "$32.00", "Ribbed knit, one size"),
    ("Leather card holder, tan", "$45.00", "Four slots, hand stitched"),
    ("Linen apron, rust", "$38.00", "Adjustable neck strap"),
    ("Wool blanket, grey check", "$140.00", "Woven in a family mill"),
)
_MENU = "".join(
    f"<li><a href='/{w}'>{w.title()}</a></li>" for w in ("bags", "coats", "hats", "gifts", "sale")
)
_INTRO = "Our autumn goods, made to last."


def _grid() -> str:
    return "".join(
        f"<li class='card'><a href='/p{i}'>{name}</a><span class='price'>{price}</span><p>{note}</p></li>"
        for i, (name, price, note) in enumerate(_CARDS)
    )


def _page() -> str:
    return (
        "<!DOCTYPE html><html><head><title>Autumn goods</title></head><body>"
        f"<nav><ul class='menu'>{_MENU}</ul></nav><main><h1>Autumn goods</h1><p>{_INTRO}</p>"
        f"<ul class='grid products'>{_grid()}</ul></main>"
        "<footer><ul class='links'>" + _grid() + "</ul></footer></body></html>"
    )


def _body() -> HtmlElement:
    tree = parse(_page())
    assert tree is not None
    body = tree.find("body")
    assert body is not None
    return body


def test_the_grid_of_cards_is_found_and_a_menu_or_a_footer_is_not() -> None:
    records = find_records(_body())
    assert records is not None
    assert records.where == "ul.grid > li.card"  # not the menu (one text each), nor the copy in the footer
    assert records.entries == _CARDS


def test_a_page_of_menus_has_no_records() -> None:
    tree = parse(f"<html><body><ul>{_MENU}</ul><ul>{_MENU}</ul></body></html>")
    assert tree is not None
    assert find_records(tree.find("body")) is None


def test_records_are_added_to_an_extraction_that_holds_little_of_them() -> None:
    short = Extraction(paragraphs=("Autumn goods", _INTRO))
    added, note = with_records(short, _body())
    assert added.paragraphs == ("Autumn goods", _INTRO, *(line for card in _CARDS for line in card))
    assert len(added.blocks) == len(added.paragraphs) - 2
    assert note is not None and "6 repeated records (ul.grid > li.card)" in note


def test_records_are_not_added_when_extraction_has_them() -> None:
    lines = tuple(line for card in _CARDS for line in card)
    full = Extraction(paragraphs=("Autumn goods", *lines))
    assert with_records(full, _body()) == (full, None)


def test_a_collection_page_keeps_the_cards_extraction_missed_and_says_so() -> None:
    # trafilatura keeps the intro and drops the grid, every card of which is one link
    colours = ("olive green", "slate grey", "rust red")
    cards = [(f"Field jacket number {i} in wool", f"${100 + i}.00", colours[i % 3]) for i in range(12)]
    grid = "".join(
        f"<li class='tile'><a href='/p{i}'><span class='name'>{name}</span><span class='price'>{price}</span>"
        f"<span class='colour'>{colour}</span></a></li>"
        for i, (name, price, colour) in enumerate(cards)
    )
    intro = (
        "Our autumn range is made in small workshops from wool, waxed cotton and leather, and every piece is "
        "finished by hand before it leaves the mill that has woven our cloth for forty years."
    )
    page = (
        "<!DOCTYPE html><html><head><title>Autumn goods</title></head><body><main><div class='intro'>"
        f"<h1>Autumn goods</h1><p>{intro}</p></div><ul class='grid'>{grid}</ul></main></body></html>"
    )
    collection = cleanpage.clean(page, page_type="collection")
    assert collection.paragraphs == (intro, *(line for card in cards for line in card))
    assert any("12 repeated records (ul.grid > li.tile)" in warning for warning in collection.warnings)
    article = cleanpage.clean(page, page_type="article")
    assert article.paragraphs == (intro,)
    assert not any("repeated records" in warning for warning in article.warnings)


def test_a_grid_named_as_furniture_is_not_records_but_a_page_wrapper_so_named_does_not_matter() -> None:
    grid = _grid()
    named = parse(f"<html><body><main><ul class='menu-category level-1'>{grid}</ul></main></body></html>")
    assert named is not None
    assert find_records(named.find("body")) is None
    wrapped = parse(
        "<html><body class='language-in-header-enabled'><div class='flex-wrap-footer'><main>"
        f"<ul class='grid'>{grid}</ul></main></div></body></html>"
    )
    assert wrapped is not None
    records = find_records(wrapped.find("body"))
    assert records is not None and records.entries == _CARDS
