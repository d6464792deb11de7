"""What the main content of each page type is, as the decision reads it: one profile per type.

A page's type (see `Config.page_type` and the classifier) changes what counts as content: a forum's replies
are its posts, a listing's entries are the page. The profiles are data, read by the pipeline and the HTML
path before any decision is made.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The reason given for a page type the caller named.
GIVEN_TYPE = "page_type given by the caller"


@dataclass(frozen=True)
class Profile:
    """How the decision reads a page of one type: what its main content is.

    - ``looser``: the focus is moved one step towards recall (a forum's posts, a product's specifications
      and a service page's sections are many short parts, not one run of prose);
    - ``content``: cruft kinds that are this type's own content (a forum's replies are its posts);
    - ``whole``: every line is content unless a rule fires (a listing's entries are the page);
    - ``records``: the content is a grid of repeated records (product cards, teasers), which the HTML path
      adds to an extraction that missed them (see `cleanpage.html.records`);
    - ``spread``: the content is most of the page's prose, in many parts (a thread's posts, a manual's
      sections, a service page's blocks), so a run of it that holds less is searched again (see `decide`);
      not a product's, whose description is a small part of a page of reviews and related products.
    """

    looser: bool = False
    content: frozenset[str] = frozenset()
    whole: bool = False
    records: bool = False
    spread: bool = False


#: The decision profile of each page type (see `Profile`); an unknown type reads as an article.
PROFILES: dict[str, Profile] = {
    "article": Profile(),
    "forum": Profile(looser=True, content=frozenset({"comments", "related"}), spread=True),
    "product": Profile(looser=True, content=frozenset({"call-to-action"})),
    "collection": Profile(content=frozenset({"related", "shop"}), whole=True, records=True),
    "listing": Profile(content=frozenset({"related"}), whole=True, records=True),
    "documentation": Profile(looser=True, content=frozenset({"comments", "related"}), spread=True),
    "service": Profile(
        looser=True, content=frozenset({"comments", "related", "call-to-action"}), spread=True
    ),
}
#: The next focus towards recall.
LOOSER_FOCUS = {"precision": "balanced", "balanced": "recall", "recall": "recall"}


def profile_of(page_type: str | None) -> Profile:
    """The profile of `page_type` (an article's when the type is unknown)."""
    return PROFILES.get(page_type or "article", PROFILES["article"])


def profiled(
    page_type: str | None, focus: str, keep: frozenset[str], *, likelier: str | None = None
) -> tuple[str, frozenset[str], bool]:
    """The focus, kept kinds and whole-page reading that a page of `page_type` is decided with.

    A page called an article while the classifier found another type `likelier` (it prefers articles when
    unsure) is decided one step towards recall when that type would be: a forum's, a manual's or a product's
    content is in more parts than an article's, and what the looser focus adds is more of the page's own
    text, never less of it (see `cleanpage.decide.STRICTER_FOCUSES`).
    """
    profile = profile_of(page_type)
    looser = profile.looser or (likelier is not None and profile_of(likelier).looser)
    return (LOOSER_FOCUS[focus] if looser else focus), keep | profile.content, profile.whole


#: Rival types that do not make an article's content spread (see `spread_of`): a product page's description
#: is a small part of it, beside reviews and related products.
NOT_SPREAD_RIVALS = frozenset({"product"})


def spread_of(page_type: str | None, rival: str | None = None) -> bool:
    """Whether the content of a page of `page_type` is searched for as spread over the page (see
    `Profile.spread`): the type's is, or the page was called an article with another type a `rival` (see
    `cleanpage.classify.TypeVerdict.rival`): its content may then be in many parts, and found wider it keeps
    more of the page's own text.
    """
    return profile_of(page_type).spread or (rival is not None and rival not in NOT_SPREAD_RIVALS)
