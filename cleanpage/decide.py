"""Stage 4: from scored lines to decisions, in two passes, like jusText's context-sensitive classification.

Pass 1 (structure): related/recommended blocks are parsed from their heading into entries (see blocks.py),
and trailer lines (copyright, the end marks of a press release) close the article.
Pass 2 (region): the article is the run of lines with the largest total score (rule hits and menus are
negative, prose is positive), so short lines inside the article (subheadings, list items, fragments) are
carried by their neighbours while the same lines outside it are not. A line inside the run is kept when
its own score clears the threshold of the chosen focus.

The region fails soft: no single line may cut off a long run of prose that reads as the article (a trailer
heading followed by more paragraphs, a comment button under the byline, a trim that would leave out most of
the run's prose), and an article holding little of the page's prose is searched again (`_reexamined`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .blocks import mark_blocks
from .result import RelatedEntry
from .rules import RuleHit
from .score import Scored

#: Per focus: the score a line inside the article must reach to be kept, the factor on negative scores
#: when finding the article (a larger factor makes cruft between two stretches of prose harder to bridge),
#: how many lines without prose in a row split the article's run (see `_trim`), and how many lines of cruft
#: the article may jump to take in more of its own paragraphs (see `_extend`).
THRESHOLDS: dict[str, tuple[float, float, int, int]] = {
    "precision": (0.4, 1.0, 5, 0),
    "balanced": (-0.7, 1.0, 5, 12),
    "recall": (-2.5, 0.8, 10, 12),
}
#: The focuses whose kept lines a looser focus keeps too, so that it never keeps less (see `_keeping`).
STRICTER_FOCUSES: dict[str, tuple[str, ...]] = {"recall": ("balanced", "precision")}
#: Value of a line inside a related block when finding the article.
RELATED_VALUE = -4.0
#: Value of a line with a rule hit when finding the article: one ad marker inside the body is bridged by the
#: paragraphs around it, a run of menu lines is not. (Whether the line itself is kept is the threshold's
#: call.)
HIT_VALUE = -1.0
#: What a line between the article and more of its paragraphs counts for towards the lines the article may
#: jump (see `_extend`): one for a bad line (a rule hit, a menu, a low score), less for a short or near-good
#: line (a table row, a list item, a line of code), which a long article holds in long runs of its own.
BAD_GAP = 1.0
NEUTRAL_GAP = 0.5
#: Headline shape: word bounds of a line that may be a title.
TITLE_WORDS = (2, 30)
#: How many lines before the article the title is looked for.
TITLE_WINDOW = 12
#: The first lines, where a text dump of an HTML page holds its document title.
ANCHOR_HEAD_LINES = 2
#: Least share of the document title that the repeated headline covers (or it covers of the title).
ANCHOR_MIN_COVER = 0.5
#: Typographic quotes and dashes, each folded to its plain form when comparing headlines.
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))
#: Least words of a headline that repeats the document title.
ANCHOR_MIN_WORDS = 4
#: Bonus for the first prose line after that headline, when finding the article.
ANCHOR_BONUS = 20.0
#: Least score of the article before a trailer for the trailer to end the article, and how many times
#: more a run after the trailer must be worth to be the article instead.
END_MIN_SCORE = 6.0
OVERRIDE_FACTOR = 4.0
#: Least share of a run's prose that trimming it at gaps may keep: a cut that leaves out more is more likely
#: to split an article of many parts (a list of reviews, a recipe) than to drop a teaser list.
TRIM_MIN_SHARE = 0.5
#: Least share of the page's prose (words of good lines) the article holds before its region is searched
#: again with the lines between paragraphs weighing `BRIDGE_FACTOR` of their value (see `_reexamined`).
REEXAMINE_SHARE = 0.3
#: The same for a page whose content is spread over it in many parts (see `decide`): its content is most
#: of the page's prose, so a run that holds less than this is searched again.
SPREAD_REEXAMINE_SHARE = 0.6
BRIDGE_FACTOR = 0.25
#: Least share of the page's prose (words of paragraphs of `WHOLE_PROSE_WORDS`+ without rule hits) the article
#: holds after all that; below it the page is not one article with some cruft (a listing of teasers, a
#: thread of posts, a product's sections) and is read whole: every line kept but the cruft rules and blocks
#: remove. Keeping menus costs less than losing nine tenths of the page's text.
WHOLE_SHARE = 0.1
WHOLE_PROSE_WORDS = 15
#: Words of prose outside the article, at least, for the page to be read whole (a page of specifications
#: and buttons has little to recover, and its lines between two sentences are mostly furniture).
WHOLE_MIN_PROSE = 100
#: What the note of a page read whole says (callers look for it in a result's warnings).
READ_WHOLE = "the page was read whole"
#: Words of an extracted line that may be dropped as a repeat of the article before it, and of a cut-off
#: repeat (ending in an ellipsis).
REPEAT_MIN_WORDS = 30
CUT_REPEAT_MIN_WORDS = 8
#: A space before punctuation (left where a dump broke a sentence at a link).
_SPACED_PUNCTUATION = re.compile(r" ([,.;:!?)])")
#: Good lines of a part (of at least so many words) looked up in the article to tell a repeat of it.
REPEAT_PROBE = 3
REPEAT_MIN_PROBE_WORDS = 6
#: Content score of a line that is a substantial paragraph.
PARAGRAPH_SCORE = 2.0
#: Least region score for a page to count as an article.
MIN_ARTICLE_SCORE = 2.0

#: Context-free classes (pass 1) and what context makes of short and near-good lines (pass 2).
GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"
GOOD_SCORE = 1.0
BAD_SCORE = -0.5
SHORT_WORDS_CONTEXT = 4
SHORT_IN_TEXT = 0.3
NEAR_GOOD_IN_TEXT = 0.5

#: Scopes whose lines the article never spans: the article ends before a trailer or a block of cruft.
BARRIER_SCOPES = frozenset({"trailer"})
#: Trailer kinds that end the article whatever follows; a trailer heading of another kind ("About <Name>",
#: a separator) ends it only when fewer than `RESUME_PARAGRAPHS` paragraphs in a row follow it, after at
#: most `RESUME_SKIP` other lines.
HARD_TRAILER_KINDS = frozenset({"comments", "copyright", "distribution"})
RESUME_PARAGRAPHS = 3
RESUME_SKIP = 1

BODY = "body"
TITLE = "title"
BOILERPLATE = "boilerplate"
OUTSIDE_RULE = "content.outside-article"
LOW_SCORE_RULE = "content.low-score"
TITLE_REPEAT_RULE = "content.title-repeat"
REPEAT_RULE = "content.repeat"


@dataclass(frozen=True)
class Decision:
    """The verdict for each line (kind and rule, or `BODY`/`TITLE`), plus the related entries found."""

    kinds: tuple[str, ...]
    rules: tuple[str | None, ...]
    related: tuple[RelatedEntry, ...] = ()
    region: tuple[int, int] | None = None
    title_index: int | None = None
    region_score: float = 0.0
    is_article: bool = False
    notes: tuple[str, ...] = ()


def decide(
    scored: Sequence[Scored],
    focus: str,
    keep: frozenset[str] = frozenset(),
    *,
    whole: bool = False,
    title_index: int | None = None,
    spread: bool = False,
) -> Decision:
    """The decision for every scored line, under the thresholds of `focus`.

    With ``whole=True`` the lines are already the article (an extractor's output): every line is body unless
    a rule or block fired on it. Otherwise the article is found among the lines; when it holds less than
    `WHOLE_SHARE` of the page's prose, the page is read whole instead (and a note says so). A `title_index`
    given names the title line; else the title is looked for. ``spread=True`` says the page's content is
    most of its prose in many parts (a thread, a manual, a service page: see `cleanpage.profiles`), so a
    first run holding under `SPREAD_REEXAMINE_SHARE` of it is searched again, not only one under
    `REEXAMINE_SHARE`. The recall focus keeps every line a stricter one keeps (`STRICTER_FOCUSES`).
    """
    marks = _marked(scored, keep)
    if whole:
        return _decide(scored, marks, focus, keep, True, title_index, spread)
    decision = _found(scored, marks, focus, keep, title_index, spread)
    for stricter in STRICTER_FOCUSES.get(focus, ()):
        decision = _keeping(decision, _found(scored, marks, stricter, keep, title_index, spread), stricter)
    return decision


@dataclass(frozen=True)
class _Marks:
    """Pass 1, the same under every focus: each line's block kind and rule, the related entries found, and
    each line's class and score in context (see `_classes`, `_in_context`)."""

    hit_lines: tuple[int, ...]
    kinds: tuple[str | None, ...]
    rules: tuple[str | None, ...]
    related: tuple[tuple[int, RelatedEntry], ...]
    classes: tuple[str, ...]
    context: tuple[float, ...]


def _marked(scored: Sequence[Scored], keep: frozenset[str]) -> _Marks:
    """Pass 1 over `scored`: related blocks marked, every line classed and valued among its neighbours."""
    n = len(scored)
    kinds: list[str | None] = [None] * n
    rules: list[str | None] = [None] * n
    hit_lines = [i for i, s in enumerate(scored) if s.hits]  # few: most passes only need to look at these
    related = mark_blocks(scored, hit_lines, kinds, rules, keep)
    classes = _classes(scored, kinds, keep)
    context = _in_context(scored, classes)
    return _Marks(
        tuple(hit_lines), tuple(kinds), tuple(rules), tuple(related), tuple(classes), tuple(context)
    )


def _keeping(decision: Decision, stricter: Decision, name: str) -> Decision:
    """`decision` with every line that the `stricter` decision (of focus `name`) keeps kept too (but a
    title), and a note saying how many it added.

    A looser focus sets a lower threshold and bridges more, but its first run can come out wider, hold more
    of the page's prose and so never be searched again, and end up keeping less than the stricter focus.
    """
    kinds, rules = list(decision.kinds), list(decision.rules)
    added = [
        i
        for i, (k, b) in enumerate(zip(kinds, stricter.kinds, strict=True))
        if b == BODY and k not in (BODY, TITLE)
    ]
    if not added:
        return decision
    for i in added:
        kinds[i], rules[i] = BODY, None
    regions = [r for r in (decision.region, stricter.region) if r is not None]
    region = (min(r[0] for r in regions), max(r[1] for r in regions)) if regions else None
    return dataclasses.replace(
        decision,
        kinds=tuple(kinds),
        rules=tuple(rules),
        region=region,
        is_article=decision.is_article or stricter.is_article,
        notes=(*decision.notes, f"{len(added)} lines that the {name} focus keeps were kept too"),
    )


def _found(
    scored: Sequence[Scored],
    marks: _Marks,
    focus: str,
    keep: frozenset[str],
    title_index: int | None,
    spread: bool,
) -> Decision:
    """The article found under one focus, or the page read whole when it holds little of the prose."""
    decision = _decide(scored, marks, focus, keep, False, title_index, spread)
    page = kept = 0
    for s, kind in zip(scored, decision.kinds, strict=True):
        if _in_prose(s):
            page += s.n_words
            kept += s.n_words if kind == BODY else 0
    if kept >= WHOLE_SHARE * page or page - kept < WHOLE_MIN_PROSE:
        return decision
    wide = _decide(scored, marks, focus, keep, True, decision.title_index, spread)
    wide = _outer_lines_outside(wide, scored)
    note = (
        f"the article found held {kept / page:.0%} of the page's prose: {READ_WHOLE}, "
        "from its first paragraph to its last, keeping every line there but its cruft"
    )
    return dataclasses.replace(wide, notes=(*decision.notes, note))


def _in_prose(s: Scored) -> bool:
    """Whether a line is (part of) a paragraph of `WHOLE_PROSE_WORDS`+ without rule hits: a line broken out of
    a sentence at a link counts with the paragraph it was joined to."""
    return not s.hits and s.n_words >= WHOLE_PROSE_WORDS * s.share


def _outer_lines_outside(decision: Decision, scored: Sequence[Scored]) -> Decision:
    """A page read whole without the lines before its first line of prose and after its last (menus, the
    footer): they are outside the page's content as they are outside an article."""
    prose = [i for i, s in enumerate(scored) if _in_prose(s) and decision.kinds[i] == BODY]
    if not prose:
        return decision
    first, last = prose[0], prose[-1]
    kinds, rules = list(decision.kinds), list(decision.rules)
    for i in [*range(first), *range(last + 1, len(scored))]:
        if kinds[i] == BODY:
            kinds[i], rules[i] = BOILERPLATE, OUTSIDE_RULE
    return dataclasses.replace(decision, kinds=tuple(kinds), rules=tuple(rules), region=(first, last))


def _decide(
    scored: Sequence[Scored],
    marks: _Marks,
    focus: str,
    keep: frozenset[str],
    whole: bool,
    title_index: int | None,
    spread: bool,
) -> Decision:
    """`decide` without the second look at an article that holds little of the page's prose."""
    n = len(scored)
    kinds, rules = list(marks.kinds), list(marks.rules)
    hit_lines, related, classes, context = marks.hit_lines, list(marks.related), marks.classes, marks.context
    threshold = THRESHOLDS[focus][0]
    notes: tuple[str, ...] = ()
    if whole:
        region: tuple[int, int] | None = (0, n - 1) if n else None
        region_score = sum(max(c, 0.0) for c in context)
    else:
        region, region_score, found, note = _find_article(
            scored, hit_lines, focus, keep, kinds, classes, context, spread
        )
        notes = (note,) if note else ()
        if title_index is None:
            title_index = found
        elif region is not None and region[0] <= title_index:
            region = (title_index + 1, region[1]) if title_index < region[1] else None

    if title_index is not None and kinds[title_index] == "related" and region is not None:
        # The block ran on into the article's own head (headline, source, age): give those lines back.
        related = [(first, entry) for first, entry in related if not title_index <= first < region[0]]
        for j in range(title_index, region[0]):
            if kinds[j] == "related":
                kinds[j], rules[j] = None, None
        start = region[0]  # the article's first paragraphs, read as an entry's blurb, open it again
        while start - 1 > title_index and _opens_article(scored[start - 1]) and kinds[start - 1] is None:
            start -= 1
        region = (start, region[1])
    low, high = region if region is not None else (n, -1)
    if title_index is not None:
        kinds[title_index], rules[title_index] = TITLE, None  # may have been read as a related entry first
        title_text = _fold(scored[title_index].text)
        title_length = len(scored[title_index].text)
        for i in [i for i, s in enumerate(scored) if -2 <= len(s.text) - title_length <= 2]:
            if kinds[i] is None and _fold(scored[i].text) == title_text:
                kinds[i], rules[i] = TITLE, TITLE_REPEAT_RULE  # the headline again (share text, page title)
    for i in hit_lines:
        hit = _first_hit(scored[i], keep) if kinds[i] is None else None
        if hit is None:
            continue  # decided already, or every rule that fired is kept: decided as a line without hits
        if low <= i <= high and not whole and context[i] - _penalty(scored[i], keep) >= threshold:
            kinds[i] = BODY  # a rule fired, but the line reads as part of the article all the same
        else:
            kinds[i], rules[i] = hit.rule.kind, hit.rule.id
    for i in range(low, high + 1):  # the article's other lines: body when they clear the threshold
        if kinds[i] is None:
            if whole or context[i] >= threshold:
                kinds[i] = BODY
            else:
                kinds[i], rules[i] = BOILERPLATE, LOW_SCORE_RULE
    if whole:
        for i in _repeats(scored, kinds):
            kinds[i], rules[i] = BOILERPLATE, REPEAT_RULE
    # The lines left are outside the article (most lines of a page): set in one pass each.
    final_rules = tuple(
        [OUTSIDE_RULE if kind is None else rule for kind, rule in zip(kinds, rules, strict=True)]
    )
    final_kinds = tuple([BOILERPLATE if kind is None else kind for kind in kinds])
    entries = tuple(entry for _first, entry in related)
    is_article = BODY in final_kinds and region_score >= MIN_ARTICLE_SCORE
    return Decision(
        final_kinds,
        final_rules,
        entries,
        region,
        title_index,
        region_score,
        is_article,
        notes,
    )


def _repeats(scored: Sequence[Scored], kinds: Sequence[str | None]) -> list[int]:
    """Body lines that repeat the body before them: an extraction that took in a copy of the article (a
    summary field, an app or print copy): a long line (`REPEAT_MIN_WORDS`) found in the body before it but
    not as one of its lines (paragraphs joined, or part of one), or a cut-off start of the article ("...")
    of `CUT_REPEAT_MIN_WORDS`. A line repeated as it stands (a meal plan's "1 cup rice, 4 oz. chicken ...",
    a table's labels) is the article's own and stays."""
    found: list[int] = []
    seen: set[str] = set()
    joined = ""  # the body lines before, joined by spaces
    for i, s in enumerate(scored):
        if kinds[i] != BODY:
            continue
        folded = " ".join(s.text.casefold().split())
        cut = folded.endswith(("...", "…"))
        if joined and (s.n_words >= REPEAT_MIN_WORDS or (cut and s.n_words >= CUT_REPEAT_MIN_WORDS)):
            probe = folded.removesuffix("...").removesuffix("…").rstrip()
            if probe in joined and (cut or probe not in seen):
                found.append(i)
                continue
        seen.add(folded)
        joined = f"{joined} {folded}" if joined else folded
    return found


def _find_article(
    scored: Sequence[Scored],
    hit_lines: Sequence[int],
    focus: str,
    keep: frozenset[str],
    kinds: Sequence[str | None],
    classes: Sequence[str],
    context: Sequence[float],
    spread: bool,
) -> tuple[tuple[int, int] | None, float, int | None, str | None]:
    """Pass 2: the article's run of lines (region), its score, its title line, and a note when the region
    was searched again (see `_reexamined`)."""
    n = len(scored)
    _threshold, negative_factor, min_gap, max_bridge = THRESHOLDS[focus]
    values = [value * s.share for value, s in zip(context, scored, strict=True)]
    barrier = [False] * n
    for i in hit_lines:
        hits = scored[i].hits
        if classes[i] == BAD:
            values[i] = HIT_VALUE
        trailers = [h for h in hits if h.rule.scope in BARRIER_SCOPES and h.rule.kind not in keep]
        if trailers and not _resumed(i, trailers, scored, classes):
            barrier[i] = True
    for i in [i for i, kind in enumerate(kinds) if kind == "related"]:
        values[i] = min(values[i], RELATED_VALUE)
    if negative_factor != 1.0:
        values = [value * negative_factor if value < 0 else value for value in values]

    anchor = _title_anchor(scored)
    if anchor is not None:
        first = next((j for j in range(anchor + 1, min(n, anchor + 1 + TITLE_WINDOW)) if values[j] > 0), None)
        if first is not None:
            values[first] += ANCHOR_BONUS
    prose = [c == GOOD for c in classes]
    region, region_score = _best_run(values, barrier, prose)
    if (
        anchor is not None
        and region is not None
        and region[0] <= anchor + TITLE_WINDOW
        and region[1] > anchor
    ):
        region_score -= ANCHOR_BONUS
    if region is None:
        return None, region_score, None, None
    prose_texts = _ProseTexts(scored, classes)
    trimmed = _trim(region, scored, values, classes, min_gap, prose_texts)
    if trimmed == region or _keeps_most_prose(trimmed, region, scored, classes, prose_texts):
        region = trimmed  # else the cut would leave most of the run's prose out: an article of many parts
    region = _extend(region, scored, classes, barrier, max_bridge, prose_texts)
    share = SPREAD_REEXAMINE_SHARE if spread else REEXAMINE_SHARE
    region, note = _reexamined(
        region, values, barrier, scored, classes, kinds, max_bridge, prose_texts, share
    )
    start, end = region
    title_index = anchor if anchor is not None and anchor < start else _title(scored, start, kinds)
    if title_index is not None and title_index >= start:
        start = title_index + 1
        return ((start, end) if start <= end else None), region_score, title_index, note
    return region, region_score, title_index, note


def _resumed(i: int, trailers: Sequence[RuleHit], scored: Sequence[Scored], classes: Sequence[str]) -> bool:
    """Whether the article goes on after the trailer heading at line `i`, which then ends nothing.

    A heading such as "About <Name>" or a separator closes a press release or a bio, but a review has its
    "About The Salt Road" and a story its "***" too: when `RESUME_PARAGRAPHS` paragraphs in a row follow
    (an author's bio or a company profile is one or two), the article goes on. Comment sections and
    copyright lines always close it: what follows them can read as prose too.
    """
    if any(h.rule.kind in HARD_TRAILER_KINDS for h in trailers) or scored[i].terminal:
        return False
    n = len(scored)
    j = i + 1
    while j < n and j <= i + 1 + RESUME_SKIP and classes[j] != GOOD:
        j += 1
    run = 0
    while j < n and classes[j] == GOOD:
        if not (j > 0 and scored[j].continuation and scored[j - 1].content == scored[j].content):
            run += 1  # a new paragraph, not another line of the same one
        if run >= RESUME_PARAGRAPHS:
            return True
        j += 1
    return False


def _title_anchor(scored: Sequence[Scored]) -> int | None:
    """A headline-shaped line that repeats most of one of the page's first lines (its document title).

    The article follows its headline; a dump of an HTML page starts with the document title, which holds the
    headline (often with the site's name), so the line that repeats it anchors the article.
    """
    heads = [_fold(s.text) for s in scored[:ANCHOR_HEAD_LINES]]
    best: int | None = None
    best_cover = ANCHOR_MIN_COVER
    for i in range(ANCHOR_HEAD_LINES, len(scored)):
        s = scored[i]
        if s.n_words < ANCHOR_MIN_WORDS or not _is_headline(s):
            continue
        folded = _fold(s.text)
        for head in heads:
            if folded in head:
                cover = len(folded) / len(head)
            elif head in folded:
                cover = len(head) / len(folded)
            else:
                continue
            if cover > best_cover:
                best, best_cover = i, cover
    return best


def _fold(text: str) -> str:
    folded = text.casefold()
    if not folded.isascii():
        for typographic, plain in _QUOTES:  # a few replaces cost less than translating every character
            if typographic in folded:
                folded = folded.replace(typographic, plain)
    return folded.rstrip(" .!?")


def _classes(scored: Sequence[Scored], kinds: Sequence[str | None], keep: frozenset[str]) -> list[str]:
    """Pass 1, context-free: each line good, near-good, short or bad from its own score and rule hits."""
    classes: list[str] = []
    for s, kind in zip(scored, kinds, strict=True):
        if kind is not None or (s.hits and _splits(s, keep)):
            classes.append(BAD)
        elif s.content >= GOOD_SCORE:
            classes.append(GOOD)
        elif s.n_words < SHORT_WORDS_CONTEXT:
            classes.append(SHORT)
        elif s.content < BAD_SCORE:
            classes.append(BAD)
        else:
            classes.append(NEAR_GOOD)
    return classes


def _in_context(scored: Sequence[Scored], classes: Sequence[str]) -> list[float]:
    """Pass 2, neighbours: short and near-good lines between good lines count as part of the text.

    The neighbours of a short line are the nearest good-or-bad lines before and after it (near-good ones
    are looked through), as in jusText; a near-good line needs one good neighbour.
    """
    values = [s.content for s in scored]
    # The good and bad lines, and the runs of short and near-good lines between them: all lines of a run
    # share their neighbours, and a run with no good neighbour (most runs of menu lines) keeps its values.
    anchors = [i for i, cls in enumerate(classes) if cls in (GOOD, BAD)]
    n = len(scored)
    for k in range(len(anchors) + 1):
        low = anchors[k - 1] + 1 if k else 0
        high = anchors[k] if k < len(anchors) else n
        if low == high:
            continue
        last = classes[low - 1] if low else None
        after = classes[high] if high < n else None
        if last != GOOD and after != GOOD:
            continue
        both = last == GOOD and after == GOOD
        for i in range(low, high):
            if classes[i] == SHORT:
                if both or scored[i].continuation:
                    values[i] = SHORT_IN_TEXT
            else:  # near-good
                values[i] = max(values[i], NEAR_GOOD_IN_TEXT)
    return values


def _first_hit(s: Scored, keep: frozenset[str]) -> RuleHit | None:
    """The first rule hit on a line whose kind is not kept (with nothing kept, simply the first)."""
    if not keep:
        return s.hits[0] if s.hits else None
    return next((h for h in s.hits if h.rule.kind not in keep), None)


def _splits(s: Scored, keep: frozenset[str]) -> bool:
    """Whether a line's rule hits set it apart from the lines around it: a hit of a kind not kept, and not
    of scope `inline` (a button between a page's sections, removed but read through like a short line)."""
    return any(h.rule.scope != "inline" and h.rule.kind not in keep for h in s.hits)


def _penalty(s: Scored, keep: frozenset[str]) -> float:
    return sum(h.rule.weight for h in s.hits if h.rule.kind not in keep)


def _best_run(
    values: Sequence[float], barrier: Sequence[bool], prose: Sequence[bool] | None = None
) -> tuple[tuple[int, int] | None, float]:
    """The contiguous run with the largest sum (Kadane), never crossing a barrier line.

    A barrier met after a run worth `END_MIN_SCORE` ends the article: trailers mark its end, and what
    follows them (comments, footers, teasers) is not preferred to the article before them, unless it
    outweighs it `OVERRIDE_FACTOR` times (then the "trailer" was in the page's head, and the article follows).
    With `prose` given, only a run holding a prose line ends there: a headline and byline before a comment
    button are not an article that the button closes.
    """
    start = 0
    while True:
        best, best_sum, stop = _kadane(values, barrier, start)
        if stop is None:
            return (best, best_sum) if not start else _kadane(values, barrier, 0, stop_at_end=False)[:2]
        if prose is None or (best is not None and any(prose[best[0] : best[1] + 1])):
            break
        start = stop + 1  # that barrier is one more line of cruft: look for the article's end further on
    after, after_sum, _ = _kadane(values, barrier, stop + 1, stop_at_end=False)
    if after_sum > OVERRIDE_FACTOR * best_sum:
        return after, after_sum
    return best, best_sum


def _kadane(
    values: Sequence[float], barrier: Sequence[bool], start: int, stop_at_end: bool = True
) -> tuple[tuple[int, int] | None, float, int | None]:
    """Best run from `start`; with `stop_at_end`, also the barrier where a worthy run ended (else None)."""
    best_sum = 0.0
    best: tuple[int, int] | None = None
    run_sum = 0.0
    run_start = start
    for i in range(start, len(values)):
        if barrier[i]:
            if stop_at_end and best_sum >= END_MIN_SCORE:
                return best, best_sum, i
            run_sum, run_start = 0.0, i + 1
            continue
        value = values[i]
        if run_sum <= 0:
            run_sum, run_start = value, i
        else:
            run_sum += value
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i)
    return best, best_sum, None


def _trim(
    region: tuple[int, int],
    scored: Sequence[Scored],
    values: Sequence[float],
    classes: Sequence[str],
    min_gap: int,
    prose_texts: _ProseTexts,
) -> tuple[int, int]:
    """Cut the run at long gaps of non-prose, keeping the part that holds the article.

    The article's own gaps are short (an ad marker, a caption, a subheading); a long gap followed by lines
    that are never two paragraphs in a row is a teaser list or a comment thread the run swallowed.
    """
    start, end = region
    parts: list[tuple[int, int]] = []
    part_start = start
    gap = 0
    for i in range(start, end + 1):
        if classes[i] == GOOD:
            if gap >= min_gap and i - gap > part_start:
                parts.append((part_start, i - gap - 1))
                part_start = i
            gap = 0
        else:
            gap += 1
    parts.append((part_start, end))
    if len(parts) == 1:
        return region

    def total(part: tuple[int, int]) -> float:
        return sum(values[part[0] : part[1] + 1])

    main = max(range(len(parts)), key=lambda k: total(parts[k]))
    first = last = main

    def more_of_it(part: tuple[int, int]) -> bool:
        kept = (parts[first][0], parts[last][1])
        return _has_paragraphs(part, scored, classes) and not _repeats_region(part, kept, prose_texts)

    while last + 1 < len(parts) and more_of_it(parts[last + 1]):
        last += 1
    while first > 0 and more_of_it(parts[first - 1]):
        first -= 1
    return parts[first][0], parts[last][1]


def _extend(
    region: tuple[int, int],
    scored: Sequence[Scored],
    classes: Sequence[str],
    barrier: Sequence[bool],
    max_bridge: int,
    prose_texts: _ProseTexts,
) -> tuple[int, int]:
    """Take in paragraphs just beyond the run, across a short block of cruft (a widget inside the article).

    The run stops where the cruft around it outweighs what lies beyond; when what lies beyond, within
    `max_bridge` lines (a short or near-good line counting `NEUTRAL_GAP` of one), is two paragraphs in a
    row, it is more of the article, as `_trim` would keep it.
    """
    start, end = region
    n = len(scored)
    for step in (1, -1):
        while True:
            edge = end if step == 1 else start
            i = edge + step
            gap = 0.0
            while 0 <= i < n and classes[i] != GOOD and not barrier[i] and gap <= max_bridge:
                gap += BAD_GAP if classes[i] == BAD else NEUTRAL_GAP
                i += step
            if not (0 <= i < n) or barrier[i] or gap > max_bridge or i == edge + step:
                break
            j = i
            while 0 <= j + step < n and classes[j + step] != BAD and not barrier[j + step]:
                j += step
            part = (i, j) if step == 1 else (j, i)
            if not _has_paragraphs(part, scored, classes) or _repeats_region(part, (start, end), prose_texts):
                break
            if step == 1:
                end = j
            else:
                start = j
    return start, end


def _repeats_region(part: tuple[int, int], region: tuple[int, int], prose_texts: _ProseTexts) -> bool:
    """Whether a part's first good lines (up to `REPEAT_PROBE` of `REPEAT_MIN_PROBE_WORDS` words or more) are
    found in the region's text: a second copy of an article is not more of it."""
    scored, classes = prose_texts.scored, prose_texts.classes
    probe = [
        prose_texts.line(i)
        for i in range(part[0], part[1] + 1)
        if classes[i] == GOOD and scored[i].n_words >= REPEAT_MIN_PROBE_WORDS
    ][:REPEAT_PROBE]
    if not probe:
        return False
    known = prose_texts.text(region)
    return sum(line in known for line in probe) * 2 > len(probe)


def _reexamined(
    region: tuple[int, int],
    values: Sequence[float],
    barrier: Sequence[bool],
    scored: Sequence[Scored],
    classes: Sequence[str],
    kinds: Sequence[str | None],
    max_bridge: int,
    prose_texts: _ProseTexts,
    share: float,
) -> tuple[tuple[int, int], str | None]:
    """The region again, found with the lines between paragraphs made cheap to bridge, when the first one
    holds less than `share` of the page's prose (`REEXAMINE_SHARE`, or `SPREAD_REEXAMINE_SHARE`).

    An article whose parts are set apart by structure (a list of events with their dates and places, a
    recipe's steps, a review's fact boxes) reads as many short runs of prose; the first search keeps one of
    them. Lines with rule hits (but `inline` ones) and related blocks keep their full weight, so cruft still
    splits the page.
    The note says what was done, for the result's warnings.
    """
    page = sum(s.n_words for s, c, k in zip(scored, classes, kinds, strict=True) if c == GOOD and k is None)
    held = _prose_words(region, scored, classes)
    if page == 0 or held >= share * page:
        return region, None
    soft = [
        value * BRIDGE_FACTOR if value < 0 and not _splits(s, frozenset()) and kind is None else value
        for value, s, kind in zip(values, scored, kinds, strict=True)
    ]
    wide, _ = _best_run(soft, barrier, [c == GOOD for c in classes])
    why = f"the article first found held {held / page:.0%} of the page's prose"
    if wide is None or _prose_words(wide, scored, classes) <= held:
        return region, f"{why}; searched again, nothing more was found"
    wide = _extend(wide, scored, classes, barrier, max_bridge, prose_texts)
    share = _prose_words(wide, scored, classes) / page
    return wide, f"{why}; searched again across the lines between paragraphs, it holds {share:.0%}"


def _prose_words(part: tuple[int, int], scored: Sequence[Scored], classes: Sequence[str]) -> int:
    """Words of the good lines of a part."""
    return sum(scored[i].n_words for i in range(part[0], part[1] + 1) if classes[i] == GOOD)


def _keeps_most_prose(
    trimmed: tuple[int, int],
    region: tuple[int, int],
    scored: Sequence[Scored],
    classes: Sequence[str],
    prose_texts: _ProseTexts,
) -> bool:
    """Whether a trimmed run keeps at least `TRIM_MIN_SHARE` of the prose of the run it was cut from.

    Prose that repeats the kept part (a page that holds its article twice, as a print or app copy) does
    not count: only the cut good lines not found in the kept part's text are new prose.
    """
    low, high = trimmed
    kept = prose_texts.text(trimmed)
    new = sum(
        scored[i].n_words
        for i in [*range(region[0], low), *range(high + 1, region[1] + 1)]
        if classes[i] == GOOD and prose_texts.line(i) not in kept
    )
    held = sum(scored[i].n_words for i in range(low, high + 1) if classes[i] == GOOD)
    return bool(held >= TRIM_MIN_SHARE * (held + new))


class _ProseTexts:
    """The good lines' texts of one page, case-folded to look lines up in (see `text`): each line is
    folded once and each part's text joined once, however often the region search asks for them."""

    def __init__(self, scored: Sequence[Scored], classes: Sequence[str]) -> None:
        self.scored = scored
        self.classes = classes
        self._lines: dict[int, str] = {}
        self._texts: dict[tuple[int, int], str] = {}

    def line(self, i: int) -> str:
        """Line `i` case-folded, its white space single, a space before punctuation dropped."""
        folded = self._lines.get(i)
        if folded is None:
            folded = self._lines[i] = _folded(self.scored[i].text)
        return folded

    def text(self, part: tuple[int, int]) -> str:
        """The good lines of a part (first and last line), folded and joined by spaces (a space before
        punctuation dropped, where a dump broke a sentence at a link)."""
        text = self._texts.get(part)
        if text is None:
            classes = self.classes
            good = " ".join(self.line(i) for i in range(part[0], part[1] + 1) if classes[i] == GOOD)
            text = self._texts[part] = _SPACED_PUNCTUATION.sub(r"\1", good)
        return text


def _folded(text: str) -> str:
    return _SPACED_PUNCTUATION.sub(r"\1", " ".join(text.casefold().split()))


def _has_paragraphs(part: tuple[int, int], scored: Sequence[Scored], classes: Sequence[str]) -> bool:
    """Whether a part holds two paragraphs in a row, as an article does and a teaser list does not.

    A paragraph here is a good unit that ends like a sentence (teaser headlines do not); one of the two
    must be substantial.
    """
    previous: float | None = None  # content of the previous unit when it was a paragraph
    for i in range(part[0], part[1] + 1):
        s = scored[i]
        if s.continuation and i > part[0] and scored[i - 1].content == s.content:
            continue  # another line of the same unit
        end = i
        while end + 1 <= part[1] and scored[end + 1].continuation and scored[end + 1].content == s.content:
            end += 1
        paragraph = classes[i] == GOOD and scored[end].terminal
        if paragraph and previous is not None and max(previous, s.content) >= PARAGRAPH_SCORE:
            return True
        previous = s.content if paragraph else None
    return False


def _opens_article(s: Scored) -> bool:
    """Whether a line given back from a related block is a paragraph the article starts with."""
    return s.content >= GOOD_SCORE and not s.hits


def _is_headline(s: Scored) -> bool:
    text = s.text
    low, high = TITLE_WORDS
    if not (low <= s.n_words <= high) or s.hits:
        return False
    if text.endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    return not s.continuation


def _title(scored: Sequence[Scored], start: int, kinds: Sequence[str | None]) -> int | None:
    """The headline: the nearest headline-shaped line before the article (or its first line)."""
    first = scored[start]
    if _is_headline(first) and start + 1 < len(scored) and scored[start + 1].content > first.content:
        return start
    best: int | None = None
    best_value = 0.0
    before: str | None = None  # the lines before the article, case-folded, one per line of this text
    for i in range(start - 1, max(-1, start - 1 - TITLE_WINDOW), -1):
        s = scored[i]
        if kinds[i] is not None and kinds[i] != "related":
            continue
        if not _is_headline(s):
            continue
        value = 1.0 + 0.15 * min(s.n_words, 12) - 0.08 * (start - i)
        if s.n_words >= ANCHOR_MIN_WORDS:
            if before is None:
                before = "\n".join(line.text for line in scored[: max(start, 0)]).casefold()
            # Held by another line too (the page's <title>, a share text): the line itself holds it once, and
            # no occurrence runs over a line break (lines have none), so a second one is in another line.
            if before.count(s.text.casefold()) > 1:
                value += 1.5
        if value > best_value:
            best, best_value = i, value
    return best
