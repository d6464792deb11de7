"""The plain-text tables `cleanpage bench` prints: worst cases first, then every cleaner side by side."""

from __future__ import annotations

from collections.abc import Sequence

from .metrics import MetadataScore, RelatedScore
from .runner import SuiteRun, speed_ratio

_ID_WIDTH = 28


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """Rows as aligned columns: the first `left` columns left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def short_id(case_id: str, width: int = _ID_WIDTH) -> str:
    """A case id cut to `width` characters (an ellipsis marks the cut)."""
    return case_id if len(case_id) <= width else case_id[: width - 1] + "…"


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
                short_id(o.case.id),
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


def suite_text(run: SuiteRun, top: int) -> str:
    """The whole console report of one suite."""
    suite = run.suite
    shape = "ScrapingHub shape" if suite.shape == "scrapinghub" else "case folder"
    variant = ", text-dump variant" if suite.as_text else ""
    known = sum(c.id in suite.known_failures for c in suite.cases)
    head = f"== suite {suite.name}: {len(suite.cases)} cases ({shape}{variant}) from {suite.path}"
    if known:
        head += f"; {known} known failure(s)"
    return "\n\n".join([head + " ==", case_table(run, top), overall_table(run)]) + "\n"
