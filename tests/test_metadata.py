"""Metadata read from the cruft and the markup: values whole and normalised, each with where it came from."""

from __future__ import annotations

import json

import pytest

import cleanpage
from cleanpage.metadata import read_name, split_credits, split_year

BODY = (
    "The Westmoor harbour council voted seven to two on Tuesday to build a new ferry terminal on the north "
    "quay, ending a debate that has run for more than four years.\n"
    "The terminal will replace a building from 1962 that no longer meets safety rules, the council said in a "
    "statement after the vote.\n"
    "Construction is expected to begin next spring and to take about two years, during which ferries will "
    "use a temporary pontoon.\n"
)


def _metadata(*cruft: str) -> cleanpage.Metadata:
    return cleanpage.clean(BODY + "\n".join(cruft) + "\n", format="text", language="en").metadata


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        (
            "©2025 Harbor Ledger L.P. Visit harborledger.example. Distributed by Pine Syndicate.",
            "Harbor Ledger L.P.",
        ),
        ("© 2025 Nordwerk Medien GmbH & Co. KG. Alle Rechte vorbehalten.", "Nordwerk Medien GmbH & Co. KG"),
        ("© 2025 Ediciones Costa S.A. Todos los derechos reservados.", "Ediciones Costa S.A."),
        ("© 2025 Harbor Press Inc. All rights reserved.", "Harbor Press Inc."),
        ("© 2025 Harzland Verlag GmbH. Alle Rechte vorbehalten.", "Harzland Verlag GmbH"),
        ("© 2025 J. R. Hartley Publishing. All rights reserved.", "J. R. Hartley Publishing"),
    ],
)
def test_a_holder_runs_over_its_abbreviations_and_ends_at_the_sentence(line: str, holder: str) -> None:
    m = _metadata(line)
    assert m.copyright_holder == holder
    assert m.copyright_year == 2025
    assert m.source("copyright_holder") == "rule:copyright.symbol-year"


def test_a_year_after_the_holder_is_the_year_and_rights_phrases_are_left_out() -> None:
    m = _metadata("© Lindenau Bote 2024 – Alle Rechte vorbehalten")
    assert (m.copyright_holder, m.copyright_year) == ("Lindenau Bote", 2024)
    assert split_year("Harbor Press 2023") == ("Harbor Press", 2023)
    assert split_year("Jane Roe 2012-2025") == ("Jane Roe", 2012)  # a span: its first year, as before a name
    m = _metadata("Copyright Jane Roe 2012-2025")  # a copyright word, a holder, then the years
    assert (m.copyright_holder, m.copyright_year) == ("Jane Roe", 2012)
    assert (
        read_name("© La Gazette du Port – Tous droits réservés", "La Gazette du Port") == "La Gazette du Port"
    )


def test_credits_are_people_one_each_without_roles_or_places() -> None:
    m = _metadata("With assistance from Ana Ruiz, Tom Hale and Priya Nair.")
    assert m.credits == ("Ana Ruiz", "Tom Hale", "Priya Nair")
    m = _metadata("(Reporting by Jane Doe in Springfield and Omar Reyes in Dover; Editing by Ann Lee)")
    assert m.credits == ("Jane Doe", "Omar Reyes", "Ann Lee")
    assert split_credits("Xosé Trabadelo; Edición de Marta Iturbe") == ["Xosé Trabadelo", "Marta Iturbe"]
    assert split_credits("Jane Doe, Tom Hale, and Ana Ruiz") == ["Jane Doe", "Tom Hale", "Ana Ruiz"]


def test_a_distributor_and_the_people_who_contributed() -> None:
    m = _metadata(
        "Wire writer Nora Quill contributed to this report from Halden.",
        "©2025 Harbor Press. Distributed by Pine Syndicate, LLC.",
    )
    assert m.distributor == "Pine Syndicate, LLC"
    assert m.credits == ("Nora Quill",)
    assert m.source("distributor") == "rule:en.distribution.distributed-by"
    assert m.source("credits") == "rule:en.credit.contributed"


@pytest.mark.parametrize(
    ("line", "language", "distributor"),
    [
        ("©2025 Hafenblatt. Vertrieben durch Talpost Dienste.", "de", "Talpost Dienste"),
        ("©2025 Groupe Lumière. Distribué par Rhône Contenus.", "fr", "Rhône Contenus"),
        ("©2025 Grupo Ría. Distribuido por Agencia Norte.", "es", "Agencia Norte"),
    ],
)
def test_distributors_in_the_pack_languages(line: str, language: str, distributor: str) -> None:
    page = BODY + line + "\n"
    assert cleanpage.clean(page, format="text", language=language).metadata.distributor == distributor


def test_bylines_with_a_hyphenated_name_a_date_after_them_or_before_them() -> None:
    assert _metadata("By Ana Ruiz-Ortega · Photos by Tom Hale").byline == "Ana Ruiz-Ortega"
    assert _metadata("Posted by Jane Doe on March 3, 2025").byline == "Jane Doe"
    assert _metadata("Posted on March 3, 2025 by Jane Doe · 4 comments").byline == "Jane Doe"


def test_sources_appear_in_the_json_as_a_mapping() -> None:
    data = json.loads(cleanpage.clean(BODY + "© 2025 Harbor Press\n", format="text").to_json())
    assert data["metadata"]["sources"] == {
        "copyright_holder": "rule:copyright.symbol-year",
        "copyright_year": "rule:copyright.symbol-year",
    }


# ---------------------------------------------------------------- HTML: markup and cruft
_PARAGRAPHS = "".join(f"<p>{p}</p>" for p in BODY.strip().split("\n"))


def _html(head: str = "", foot: str = "", article_top: str = "") -> str:
    return (
        f"<html><head><title>Harbour council approves terminal</title>{head}</head><body>"
        f"<article><h1>Harbour council approves terminal</h1>{article_top}{_PARAGRAPHS * 2}</article>"
        f"<footer>{foot}</footer></body></html>"
    )


def test_json_ld_states_author_publisher_copyright_and_contributors() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Harbor Ledger"},
            {
                "@type": "NewsArticle",
                "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Hale"}],
                "publisher": {"@type": "Organization", "name": "Harbor Ledger Media"},
                "copyrightHolder": {"@type": "Organization", "name": "Harbor Ledger Media L.P."},
                "copyrightYear": 2025,
                "contributor": [{"name": "Priya Nair"}],
                "datePublished": "2025-03-04T09:30:00Z",
            },
        ],
    }
    page = _html(head=f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    m = cleanpage.clean(page, format="html").metadata
    assert m.byline == "Ana Ruiz and Tom Hale"
    assert (m.publisher, m.copyright_holder, m.copyright_year) == (
        "Harbor Ledger Media",
        "Harbor Ledger Media L.P.",
        2025,
    )
    assert m.credits == ("Priya Nair",)
    assert all(m.source(f) == "json-ld" for f in ("byline", "publisher", "copyright_holder", "credits"))


def test_meta_tags_state_author_site_and_copyright() -> None:
    head = (
        '<meta name="author" content="Jane Doe">'
        '<meta property="og:site_name" content="Harbor Ledger">'
        '<meta name="copyright" content="© 2024 Harbor Ledger Media Inc.">'
    )
    m = cleanpage.clean(_html(head=head), format="html").metadata
    assert (m.byline, m.site_name) == ("Jane Doe", "Harbor Ledger")
    assert (m.copyright_holder, m.copyright_year) == ("Harbor Ledger Media Inc.", 2024)
    assert m.source("byline") == "meta" and m.source("copyright_holder") == "meta"


def test_a_footer_the_extractor_leaves_out_still_states_the_copyright() -> None:
    page = _html(
        foot="<p>© 2025 Harbor Ledger Media. All rights reserved.</p>", article_top="<p>By Ana Ruiz</p>"
    )
    m = cleanpage.clean(page, format="html").metadata
    assert (m.copyright_holder, m.copyright_year) == ("Harbor Ledger Media", 2025)
    assert m.source("copyright_holder") == "rule:copyright.symbol-year"


def test_a_related_block_the_extractor_leaves_out_is_parsed() -> None:
    aside = (
        "<aside class='more'><h3>Most read</h3><ul>"
        "<li><a href='/a'>Fishing fleet warns of higher harbour fees</a></li>"
        "<li><a href='/b'>Ferry operator orders two electric vessels</a></li></ul></aside>"
    )
    page = _html(foot=aside)
    headlines = [e.headline for e in cleanpage.clean(page, format="html").related]
    assert headlines == [
        "Fishing fleet warns of higher harbour fees",
        "Ferry operator orders two electric vessels",
    ]


def test_keeping_related_leaves_the_pages_blocks_unparsed() -> None:
    aside = "<h3>Most read</h3><ul><li><a href='/a'>Fishing fleet warns of higher harbour fees</a></li></ul>"
    assert cleanpage.clean(_html(foot=aside), format="html").related != ()
    assert cleanpage.clean(_html(foot=aside), format="html", keep={"related"}).related == ()
