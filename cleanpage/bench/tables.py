"""The plain-text tables `cleanpage bench` prints: worst cases first, then every cleaner side by side."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import PAGE_TYPES
from .metrics import MetadataScore, RelatedScore, summarize
from .runner import CleanerRun, SuiteRun, speed_ratio


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """Rows as aligned columns: the first `left` columns left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def related_cell(score: RelatedScore | None) -> str:
    """A case's related entries as 'found/true' (and '+N' predicted beyond them); '' without truth."""
    if score is None:
        return ""
    extra = score.predicted - score.found
    return f"{score.found}/{score.true}" + (f"+{extra}" if extra else "")


def fields_cell(score: RelatedScore | None) -> str:
    """The found entries' fields right, as 'right/total'; '' without truth."""
    return "" if score is None else f"{score.fields_right}/{score.fields_total}"


def metadata_cell(score: MetadataScore | None) -> str:
    """A case's annotated metadata fields right, as 'right/total'; '' without truth."""
    return "" if score is None else f"{score.right}/{score.total}"


def case_table(run: SuiteRun, top: int) -> str:
    """Every figure per case for the main cleaner, worst shingle F1 first (`top` rows, 0 for all), plus
    each peer's F1 on the same case; known failures and errors are named at the end of their row."""
    outcomes = run.worst_first()
    shown = outcomes if top <= 0 else outcomes[:top]
    peers = run.runs[1:]
    peer_ids = [p.by_id() for p in peers]
    header = ["case", "F1", "P", "R", "parP", "parR", "no-loss", "clean", "lost", "extra", "rel", "fields"]
    header += ["meta", "ms"]
    header += [f"{p.name} F1" for p in peers] + ["note"]
    rows = []
    for o in shown:
        s = o.score
        notes = []
        reason = run.suite.known_failures.get(o.case.id)
        if reason is not None:
            notes.append(f"KNOWN FAILURE: {reason}")
        if o.error:
            notes.append(f"error: {o.error}")
        rows.append(
            [
                o.case.id,  # whole, so that it can be copied (a case file is named by it)
                f"{s.shingle.f1:.3f}",
                f"{s.shingle.precision:.3f}",
                f"{s.shingle.recall:.3f}",
                f"{s.paragraph.precision:.3f}",
                f"{s.paragraph.recall:.3f}",
                _yes(s.no_loss),
                _yes(s.clean),
                str(len(s.lost)),
                str(len(s.outside)),
                related_cell(s.related),
                fields_cell(s.related),
                metadata_cell(s.metadata),
                f"{o.seconds * 1000:.1f}",
                *(f"{ids[o.case.id].score.shingle.f1:.3f}" for ids in peer_ids),
                "; ".join(notes),
            ]
        )
    what = f"all {len(outcomes)}" if len(shown) == len(outcomes) else f"worst {len(shown)} of {len(outcomes)}"
    title = (
        f"{what} cases by {run.main.name} shingle F1"
        " (lost: body lines lost; extra: lines kept outside the body; rel: related entries found/true"
        "+predicted beyond them; fields: their source/age/blurb right; meta: metadata fields right)"
    )
    return title + "\n" + table(header, rows, left=1)


def overall_table(run: SuiteRun) -> str:
    """Every cleaner's overall figures and speed, side by side, with the speed ratio main/peer."""
    main = run.main
    header = [
        "cleaner",
        "version",
        "F1",
        "P",
        "R",
        "parP",
        "parR",
        "no-loss",
        "clean",
        "relP",
        "relR",
        "fields",
        "meta",
        "pages/s",
        "MB/s",
        "median ms",
        "errors",
        f"{main.name}/peer speed",
    ]
    rows = []
    for r in run.runs:
        q, sp = r.quality, r.speed
        ratio = speed_ratio(main, r) if r is not main else None
        rows.append(
            [
                r.name,
                r.version,
                f"{q.shingle_f1:.3f}",
                f"{q.shingle_precision:.3f}",
                f"{q.shingle_recall:.3f}",
                f"{q.paragraph_precision:.3f}",
                f"{q.paragraph_recall:.3f}",
                f"{q.no_loss_rate:.3f}",
                f"{q.clean_rate:.3f}",
                _rate(q.related_precision),
                _rate(q.related_recall),
                _rate(q.related_field_accuracy),
                _rate(q.metadata_accuracy),
                f"{sp.pages_per_s:.1f}",
                f"{sp.mb_per_s:.2f}",
                f"{sp.median_ms:.1f}",
                str(r.errors),
                "" if ratio is None else f"{ratio:.2f}x",
            ]
        )
    note = (
        "relP/relR: related entries' precision/recall, fields: their source/age/blurb right, meta: metadata"
        " fields right (cases with that truth; '-': none)"
    )
    return "overall (" + note + ")\n" + table(header, rows, left=2)


#: How much of a lost paragraph the worst-pages table shows.
_LOST_WIDTH = 70


def worst_pages_table(run: SuiteRun, top: int) -> str:
    """The main cleaner's pages by word F1, worst first (`top` rows, 0 for all), with each peer's word F1
    and the first paragraph of the truth the main cleaner lost."""
    outcomes = sorted(run.main.outcomes, key=lambda o: (o.score.word_f1, o.case.id))
    shown = outcomes if top <= 0 else outcomes[:top]
    peers = run.runs[1:]
    peer_ids = [p.by_id() for p in peers]
    header = ["page", "type", "word F1", "P", "R", *(f"{p.name}" for p in peers), "first lost paragraph"]
    rows = []
    for o in shown:
        w = o.score.word
        lost = o.score.lost[0] if o.score.lost else ""
        if len(lost) > _LOST_WIDTH:
            lost = lost[: _LOST_WIDTH - 1] + "…"
        rows.append(
            [
                o.case.id,
                o.case.page_type or "",
                f"{w.f1:.3f}",
                f"{w.precision:.3f}",
                f"{w.recall:.3f}",
                *(f"{ids[o.case.id].score.word_f1:.3f}" for ids in peer_ids),
                lost,
            ]
        )
    what = f"all {len(outcomes)}" if len(shown) == len(outcomes) else f"worst {len(shown)} of {len(outcomes)}"
    title = f"{what} pages by {run.main.name} word F1 (peers: their word F1 on the page)"
    return title + "\n" + table(header, rows, left=2)


def _by_type(cleaner_run: CleanerRun, page_type: str | None) -> tuple[float, int, int]:
    """Word F1 mean, pages lost and pages of one type (all pages for None)."""
    scores = [o.score for o in cleaner_run.outcomes if page_type is None or o.case.page_type == page_type]
    q = summarize(scores)
    return q.word_f1, q.pages_lost, q.cases


def word_table(run: SuiteRun) -> str:
    """Every cleaner's word F1 (the WCXB metric) per page type and overall: mean, and pages lost."""
    present = {c.page_type for c in run.suite.cases}
    types = [t for t in PAGE_TYPES if t in present] + sorted(t for t in present - set(PAGE_TYPES) if t)
    header = ["cleaner", *types, "all", "median", "lost", "with found", "without leaked"]
    rows = []
    for r in run.runs:
        q = r.quality
        cells = []
        for t in types:
            f1, lost, n = _by_type(r, t)
            cells.append(f"{f1:.3f} ({lost}/{n})")
        rows.append(
            [
                r.name,
                *cells,
                f"{q.word_f1:.3f}",
                f"{q.word_f1_median:.3f}",
                f"{q.pages_lost}/{q.cases}",
                f"{q.with_found_rate:.3f}",
                f"{q.without_leaked_rate:.3f}",
            ]
        )
    return "word F1 by page type (pages lost, word F1 < 0.5, / pages)\n" + table(header, rows, left=1)


def suite_text(run: SuiteRun, top: int) -> str:
    """The whole console report of one suite."""
    suite = run.suite
    if suite.shape == "wcxb":
        return _wcxb_text(run, top)
    shape = "ScrapingHub shape" if suite.shape == "scrapinghub" else "case folder"
    variant = ", text-dump variant" if suite.as_text else ""
    known = sum(c.id in suite.known_failures for c in suite.cases)
    head = f"== suite {suite.name}: {len(suite.cases)} cases ({shape}{variant}) from {suite.path}"
    if known:
        head += f"; {known} known failure(s)"
    return "\n\n".join([head + " ==", case_table(run, top), overall_table(run)]) + "\n"


def _wcxb_text(run: SuiteRun, top: int) -> str:
    """The console report of a WCXB suite: its own metric first (by page type), then the shingle figures."""
    suite = run.suite
    variant = ", text-dump variant" if suite.as_text else ""
    head = f"== suite {suite.name}: {len(suite.cases)} pages (WCXB shape{variant}) from {suite.path} =="
    return "\n\n".join([head, worst_pages_table(run, top), word_table(run), overall_table(run)]) + "\n"
