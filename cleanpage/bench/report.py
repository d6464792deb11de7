"""The self-contained HTML report: overall tables, an inline SVG chart of per-case F1, and every case's
input lines coloured by verdict against the truth, with the rule that removed each line.

No external asset (script, style sheet, font, image) is referenced: the file opens anywhere, offline.
Line colours: kept body (green), removed cruft (grey), missed (a body line removed, red), wrongly kept
(cruft kept, orange), title (kept apart as the headline, blue). A line's rule and kind show beside it and
on hover. Where the cleaner under test gives no line verdicts, its predicted lines are shown instead.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .metrics import collapse, inside
from .runner import Outcome, SuiteRun, speed_ratio

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}
th:first-child,td:first-child{text-align:left}
details{border:1px solid #ddd;margin:4px 0;padding:2px 6px}
summary{cursor:pointer;font-family:monospace}
.ln{font-family:monospace;white-space:pre-wrap;padding:1px 4px;border-left:4px solid transparent;display:flex}
.ln .no{color:#888;min-width:3.5em}
.ln .tx{flex:1}
.ln .rule{color:#555;font-size:12px;margin-left:1em;white-space:nowrap}
.kept{background:#e6f5e6;border-left-color:#2ca02c}
.removed{background:#f3f3f3;color:#777;border-left-color:#bbb}
.missed{background:#fde0e0;border-left-color:#d62728}
.wrong{background:#fff0d9;border-left-color:#ff7f0e}
.title{background:#e3eefa;border-left-color:#1f77b4}
.legend span{display:inline-block;padding:1px 8px;margin-right:6px}
.known{color:#a00;font-weight:bold}
.err{color:#a00}
"""

LINE_CLASSES = {
    "kept": "kept body line",
    "removed": "removed cruft",
    "missed": "missed: a body line removed",
    "wrong": "wrongly kept: cruft kept",
    "title": "kept apart as the title",
}


def line_class(line: dict[str, Any], in_body: bool | None, true_title: str | None, title_known: bool) -> str:
    """The verdict class of one input line: kept, removed, missed, wrong or title.

    `in_body` is the line's `metrics.inside` verdict against the true body (None: a line without words).
    """
    if line.get("kind") == "title":
        if title_known and (
            true_title is None or collapse(str(line.get("text", ""))) != collapse(true_title)
        ):
            return "wrong"
        return "title"
    if line.get("kept"):
        return "wrong" if in_body is False else "kept"
    return "missed" if in_body else "removed"


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _line_div(number: int | str, text: str, cls: str, hover: str, beside: str) -> str:
    return (
        f'<div class="ln {cls}" title="{_esc(hover)}"><span class="no">{_esc(number)}</span>'
        f'<span class="tx">{_esc(text)}</span><span class="rule">{_esc(beside)}</span></div>'
    )


def case_lines(outcome: Outcome) -> str:
    """The coloured lines of one case: the cleaner's line verdicts, or its predicted lines and losses."""
    case = outcome.case
    lines = outcome.extra.get("lines") if isinstance(outcome.extra, dict) else None
    out = []
    if lines:
        verdicts = inside([str(line.get("text", "")) for line in lines], case.body)
        for i, (line, in_body) in enumerate(zip(lines, verdicts, strict=True)):
            cls = line_class(line, in_body, case.title, case.title_known)
            rule, kind = line.get("rule"), line.get("kind")
            verdict = "kept" if line.get("kept") else "removed"
            hover = f"{LINE_CLASSES[cls]}; {verdict}; kind: {kind or '-'}; rule: {rule or '-'}"
            beside = "" if cls == "kept" else " ".join(str(x) for x in (rule, kind) if x)
            out.append(_line_div(line.get("index", i), str(line.get("text", "")), cls, hover, beside))
    else:
        out.append("<p>No line verdicts from this cleaner: its output lines follow.</p>")
        verdicts = inside(list(outcome.paragraphs), case.body)
        for i, (p, in_body) in enumerate(zip(outcome.paragraphs, verdicts, strict=True)):
            cls = "wrong" if in_body is False else "kept"
            out.append(_line_div(i, p, cls, LINE_CLASSES[cls], ""))
    if outcome.score.lost:
        out.append("<p>Body lines lost (as the truth gives them):</p>")
        out.extend(_line_div("-", p, "missed", LINE_CLASSES["missed"], "lost") for p in outcome.score.lost)
    return "\n".join(out)


def f1_chart(run: SuiteRun, width: int = 960, height: int = 280) -> str:
    """An inline SVG of per-case shingle F1: cases along x in order of the main cleaner's F1, one colour per
    cleaner (the main cleaner as a line, peers as dots); hover a dot for the case and value."""
    order = [o.case.id for o in run.worst_first()]
    n = len(order)
    left, right, top, bottom = 40, 170, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n if n else 0)

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="per-case F1">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#ccc"/>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e0e0e0"/>'
            f'<text x="{left - 4}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end">{tick:.2f}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">'
        f"{n} cases, ordered by {_esc(run.main.name)} F1</text>"
    )
    for k, cleaner_run in enumerate(run.runs):
        colour = _COLOURS[k % len(_COLOURS)]
        f1 = {o.case.id: o.score.shingle.f1 for o in cleaner_run.outcomes}
        points = [(x(i), y(f1[cid]), cid) for i, cid in enumerate(order)]
        if k == 0 and points:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for px, py, cid in points:
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{2.5 if k == 0 else 2}" fill="{colour}" '
                f'fill-opacity="{1 if k == 0 else 0.7}"><title>{_esc(cid)}: {_esc(cleaner_run.name)} '
                f"F1 {f1[cid]:.3f}</title></circle>"
            )
        ly = top + 14 + 16 * k
        parts.append(
            f'<rect x="{left + plot_w + 12}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{left + plot_w + 26}" y="{ly}" font-size="12">{_esc(cleaner_run.name)} '
            f"{cleaner_run.quality.shingle_f1:.3f}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _overall_html(run: SuiteRun) -> str:
    head = (
        "<tr><th>cleaner</th><th>version</th><th>F1</th><th>P</th><th>R</th><th>para P</th><th>para R</th>"
        "<th>no-loss</th><th>clean</th><th>rel P</th><th>rel R</th><th>fields</th><th>meta</th>"
        "<th>pages/s</th><th>MB/s</th><th>median ms</th><th>errors</th>"
        f"<th>{_esc(run.main.name)}/peer speed</th></tr>"
    )
    rows = []
    for r in run.runs:
        q, sp = r.quality, r.speed
        ratio = speed_ratio(run.main, r) if r is not run.main else None
        cells = [
            r.name,
            r.version,
            *(
                f"{v:.3f}"
                for v in (
                    q.shingle_f1,
                    q.shingle_precision,
                    q.shingle_recall,
                    q.paragraph_precision,
                    q.paragraph_recall,
                    q.no_loss_rate,
                    q.clean_rate,
                )
            ),
            *(
                "-" if v is None else f"{v:.3f}"
                for v in (
                    q.related_precision,
                    q.related_recall,
                    q.related_field_accuracy,
                    q.metadata_accuracy,
                )
            ),
            f"{sp.pages_per_s:.1f}",
            f"{sp.mb_per_s:.2f}",
            f"{sp.median_ms:.1f}",
            str(r.errors),
            "" if ratio is None else f"{ratio:.2f}x",
        ]
        rows.append("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _case_html(run: SuiteRun, outcome: Outcome, peers: Sequence[dict[str, Outcome]]) -> str:
    case, s = outcome.case, outcome.score
    peer_f1 = " ".join(
        f"| {_esc(p.name)} {ids[case.id].score.shingle.f1:.3f}"
        for p, ids in zip(run.runs[1:], peers, strict=True)
    )
    reason = run.suite.known_failures.get(case.id)
    known = f' <span class="known">known failure: {_esc(reason)}</span>' if reason is not None else ""
    error = f'<p class="err">error: {_esc(outcome.error)}</p>' if outcome.error else ""
    notes = f"<p>notes: {_esc(case.notes)}</p>" if case.notes else ""
    figures = (
        f"<p>F1 {s.shingle.f1:.3f} (P {s.shingle.precision:.3f}, R {s.shingle.recall:.3f}; "
        f"tp {s.shingle.tp}, fp {s.shingle.fp}, fn {s.shingle.fn}); paragraphs P {s.paragraph.precision:.3f} "
        f"R {s.paragraph.recall:.3f}; no-loss {'yes' if s.no_loss else 'no'} ({len(s.lost)} lost); "
        f"clean {'yes' if s.clean else 'no'} ({len(s.outside)} kept outside the body"
        f"{'' if s.title_ok else '; wrong title'}); {outcome.seconds * 1000:.1f} ms; format {case.format}</p>"
    )
    if s.related is not None:
        r = s.related
        figures += (
            f"<p>related entries: {r.found} of {r.true} found, {r.predicted} predicted; fields right "
            f"{r.fields_right}/{r.fields_total}"
            + "".join(f"<br>missed: {_esc(m)}" for m in r.missed)
            + "".join(f"<br>wrong: {_esc(w)}" for w in r.wrong)
            + "</p>"
        )
    if s.metadata is not None:
        m = s.metadata
        figures += f"<p>metadata: {m.right}/{m.total} fields right" + "".join(
            f"<br>wrong: {_esc(w)}" for w in m.wrong
        )
        figures += "</p>"
    return (
        f'<details id="case-{_esc(case.id)}"><summary>{_esc(case.id)} — {_esc(run.main.name)} '
        f"F1 {s.shingle.f1:.3f} {peer_f1}{known}</summary>{notes}{error}{figures}"
        f"{case_lines(outcome)}</details>"
    )


def render(runs: Sequence[SuiteRun], *, version: str) -> str:
    """The whole report as one HTML string."""
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    legend = "".join(f'<span class="{cls}">{_esc(label)}</span>' for cls, label in LINE_CLASSES.items())
    body = [
        "<h1>cleanpage bench</h1>",
        f"<p>cleanpage {_esc(version)}, {when}. F1/P/R: token 4-shingles; para P/R: exact lines; no-loss: "
        "every body line survived; clean: no line kept outside the body.</p>",
    ]
    for run in runs:
        suite = run.suite
        peers = [r.by_id() for r in run.runs[1:]]
        body.append(
            f"<section><h2>{_esc(suite.name)}</h2><p>{len(suite.cases)} cases from {_esc(suite.path)}"
            f"{' (text-dump variant)' if suite.as_text else ''}</p>"
        )
        body.append(_overall_html(run))
        body.append(f"<h3>Per-case F1</h3>{f1_chart(run)}")
        body.append(f'<h3>Cases, worst first</h3><p class="legend">{legend}</p>')
        body.extend(_case_html(run, o, peers) for o in run.worst_first())
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>cleanpage bench report</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_report(path: Path, runs: Sequence[SuiteRun], *, version: str) -> None:
    """Write the HTML report to `path`."""
    path.write_text(render(runs, version=version), encoding="utf-8")
