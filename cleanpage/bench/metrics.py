"""Scoring one prediction against its ground truth, and summing many scores up.

Every figure follows ../shared/CORPUS-FORMAT.md ("Metrics"):

- shingle precision/recall/F1: ``\\w+`` tokens (case kept), every run of 4 tokens with multiplicity (a text
  of 1 to 3 tokens gives one shingle of all its tokens, an empty text none); per document tp is the size of
  the multiset intersection, fp = predicted - tp, fn = true - tp; precision and recall are 1.0 when
  fp = fn = 0; overall precision is the mean over documents with tp + fp > 0, recall over those with
  tp + fn > 0, F1 the harmonic mean of those two means (the ScrapingHub benchmark's own rule);
- paragraph precision/recall: predicted lines against the true body lines after whitespace collapsing,
  exact match, as a multiset; averaged over documents by the same rule as the shingles;
- no-loss rate: share of cases in which every true body paragraph survived, i.e. lies `inside` the
  predicted lines;
- clean rate: share of cases in which no predicted line lies outside the body (see `inside`), nor a
  separately kept title outside the true title;
- related entries (cases with `related` truth): a true entry is found when a predicted entry has the same
  headline (whitespace collapsed); entry precision and recall count entries over all such cases; field
  accuracy is the share of `source`, `age` and `blurb` equal to the truth over the found entries;
- metadata (cases with `metadata` truth): the share of annotated fields whose predicted value is equal
  (texts whitespace collapsed; a list item by item).
- word F1 (WCXB's metric, for every suite): lowercased ``\\w+`` tokens of truth and prediction as bags of
  words, F1 per page (1.0 when both are empty), averaged over pages; a page is lost when its word F1 is under
  `LOST_F1`; with WCXB's snippets, the share of ``with`` snippets found and of ``without`` snippets leaked
  (lowercased substring tests with whitespace collapsed, pooled over the pages).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

_T = TypeVar("_T", bound=Hashable)

SHINGLE_SIZE = 4
_TOKEN_RE = re.compile(r"\w+")

#: A page whose word F1 is under this lost its main content (or buried it).
LOST_F1 = 0.5

#: The overall quality figures a baseline may pin, by name (each one higher is better).
QUALITY_FIGURES: tuple[str, ...] = (
    "shingle_f1",
    "shingle_precision",
    "shingle_recall",
    "paragraph_precision",
    "paragraph_recall",
    "no_loss_rate",
    "clean_rate",
    "related_precision",
    "related_recall",
    "related_field_accuracy",
    "metadata_accuracy",
    "word_f1",
    "kept_rate",
    "with_found_rate",
    "without_clean_rate",
)
#: Fields of a related entry compared for field accuracy (the headline is what finds the entry).
ENTRY_FIELDS = ("source", "age", "blurb")


def tokenize(text: str) -> list[str]:
    """The word tokens of `text`: every run of ``\\w`` characters, case kept."""
    return _TOKEN_RE.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token runs of `text`; fewer tokens give one shingle of all of them."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def collapse(text: str) -> str:
    """`text` with every whitespace run turned into one space, and stripped."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one document."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when fp = fn = 0, 0.0 when nothing was predicted but something was due."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when fp = fn = 0, 0.0 when nothing was due but something was predicted."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of this document's precision and recall (0.0 when both are 0)."""
        return harmonic(self.precision, self.recall)

    @property
    def counts_for_precision(self) -> bool:
        """Whether this document enters the precision average (tp + fp > 0)."""
        return self.tp + self.fp > 0

    @property
    def counts_for_recall(self) -> bool:
        """Whether this document enters the recall average (tp + fn > 0)."""
        return self.tp + self.fn > 0


def harmonic(a: float, b: float) -> float:
    """The harmonic mean of two rates, 0.0 when both are 0."""
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


def multiset_counts(true: Counter[_T], pred: Counter[_T]) -> Counts:
    """tp/fp/fn of two multisets: tp is the size of their intersection."""
    tp = sum((true & pred).values())
    return Counts(tp=tp, fp=sum(pred.values()) - tp, fn=sum(true.values()) - tp)


def word_counts(true_text: str, pred_text: str) -> Counts:
    """Word tp/fp/fn of one document: lowercased ``\\w+`` tokens as bags of words (WCXB's metric)."""
    return multiset_counts(Counter(tokenize(true_text.lower())), Counter(tokenize(pred_text.lower())))


def snippets_found(snippets: Sequence[str], pred_text: str) -> int:
    """How many of `snippets` occur in `pred_text`, both lowercased (WCXB's substring test) and with their
    whitespace runs collapsed, so a snippet is found across the line breaks between extracted lines."""
    lowered = collapse(pred_text.lower())
    return sum(collapse(snippet.lower()) in lowered for snippet in snippets)


def shingle_counts(true_text: str, pred_text: str) -> Counts:
    """Shingle tp/fp/fn of one document."""
    return multiset_counts(shingles(true_text), shingles(pred_text))


def paragraph_counts(true_paragraphs: Iterable[str], pred_paragraphs: Iterable[str]) -> Counts:
    """Paragraph tp/fp/fn of one document: exact matches after whitespace collapsing, empty lines ignored."""
    true = Counter(p for p in map(collapse, true_paragraphs) if p)
    pred = Counter(p for p in map(collapse, pred_paragraphs) if p)
    return multiset_counts(true, pred)


@dataclass(frozen=True)
class Averages:
    """Precision and recall averaged over documents by the benchmark's rule, and their harmonic mean."""

    precision: float
    recall: float
    f1: float


def average(counts: Sequence[Counts]) -> Averages:
    """Mean precision over documents with tp + fp > 0, mean recall over those with tp + fn > 0.

    A mean over no document is 0.0 (nothing was predicted, or nothing was due, anywhere).
    """
    precisions = [c.precision for c in counts if c.counts_for_precision]
    recalls = [c.recall for c in counts if c.counts_for_recall]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return Averages(precision=p, recall=r, f1=harmonic(p, r))


def covered(stream: Sequence[str], reference: Sequence[str] | _Runs) -> list[bool]:
    """For each token of `stream`, whether some run of k tokens of `stream` that includes it also occurs in
    `reference`; k is 4, or the length of the shorter token list when that is under 4."""
    runs = reference if isinstance(reference, _Runs) else _Runs(reference)
    k = min(SHINGLE_SIZE, len(stream), len(runs.tokens))
    marks = [False] * len(stream)
    if k == 0:
        return marks
    grams = runs.of_length(k)
    for start in range(len(stream) - k + 1):
        if tuple(stream[start : start + k]) in grams:
            marks[start : start + k] = [True] * k
    return marks


class _Runs:
    """The token runs of one reference text, by length, computed once each."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        self._by_length: dict[int, set[tuple[str, ...]]] = {}

    def of_length(self, k: int) -> set[tuple[str, ...]]:
        if k not in self._by_length:
            self._by_length[k] = {tuple(self.tokens[i : i + k]) for i in range(len(self.tokens) - k + 1)}
        return self._by_length[k]


def inside(lines: Sequence[str], reference: Sequence[str]) -> list[bool | None]:
    """For each of `lines` (in order), whether it lies inside the `reference` lines.

    True when its collapsed text is one of the reference lines, or when it has word tokens and each of them
    is `covered`: the token runs are taken across line breaks on both sides, so a paragraph split into
    several lines (or several paragraphs joined into one) still counts, while a line such as
    "Advertisement" between two body paragraphs does not, even if the word occurs in the body. False when
    some token is not covered. None for a line without any word token that is not a reference line.

    A line that is foreign through and through (no token covered in context, and its tokens not a run of
    the reference even on their own) is then taken out and the others judged again, so a short body line
    beside it is judged by its true neighbours. Taking a line out never uncovers a token, so two passes do.
    """
    exact = {collapse(r) for r in reference}
    reference_tokens = _Runs([t for r in reference for t in tokenize(r)])
    per_line = [tokenize(line) for line in lines]
    verdicts: list[bool | None] = [
        True if collapse(line) in exact else (None if not tokens else False)
        for line, tokens in zip(lines, per_line, strict=True)
    ]
    pending = [i for i, v in enumerate(verdicts) if v is False]
    active = [i for i, tokens in enumerate(per_line) if tokens]
    for _ in range(2):
        marks = covered([t for i in active for t in per_line[i]], reference_tokens)
        spans: dict[int, list[bool]] = {}
        position = 0
        for i in active:
            spans[i] = marks[position : position + len(per_line[i])]
            position += len(per_line[i])
        for i in pending:
            verdicts[i] = all(spans[i])
        foreign = {
            i for i in pending if not any(spans[i]) and not any(covered(per_line[i], reference_tokens))
        }
        pending = [i for i in pending if i not in foreign and not verdicts[i]]
        if not foreign or not pending:
            break
        active = [i for i in active if i not in foreign]
    return verdicts


@dataclass(frozen=True)
class RelatedScore:
    """Related entries of one case: how many the truth has, how many were predicted and found, and how many
    of the found entries' fields are right; `missed` and `wrong` name what was not."""

    true: int
    predicted: int
    found: int
    fields_right: int
    fields_total: int
    missed: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetadataScore:
    """Metadata of one case: annotated fields right out of those annotated; `wrong` says which and how."""

    right: int
    total: int
    wrong: tuple[str, ...] = ()


def _same(true: Any, pred: Any) -> bool:
    """Equal values: texts whitespace collapsed, lists item by item, anything else as it is."""
    if isinstance(true, str) and isinstance(pred, str):
        return collapse(true) == collapse(pred)
    if isinstance(true, list | tuple) and isinstance(pred, list | tuple):
        return len(true) == len(pred) and all(_same(a, b) for a, b in zip(true, pred, strict=True))
    if isinstance(true, bool) or isinstance(pred, bool):
        return true is pred
    return bool(true == pred)


def related_score(true: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> RelatedScore:
    """Match predicted entries to true ones by headline (each used once) and compare their fields."""
    unused: dict[str, list[Mapping[str, Any]]] = {}
    for entry in pred:
        unused.setdefault(collapse(str(entry.get("headline") or "")), []).append(entry)
    found = right = 0
    missed: list[str] = []
    wrong: list[str] = []
    for entry in true:
        headline = collapse(str(entry.get("headline") or ""))
        candidates = unused.get(headline)
        if not candidates:
            missed.append(headline)
            continue
        match = candidates.pop(0)
        found += 1
        for name in ENTRY_FIELDS:
            if _same(entry.get(name), match.get(name)):
                right += 1
            else:
                wrong.append(f"{headline[:40]}: {name} {match.get(name)!r} instead of {entry.get(name)!r}")
    return RelatedScore(
        len(true), len(pred), found, right, found * len(ENTRY_FIELDS), tuple(missed), tuple(wrong)
    )


def metadata_score(true: Mapping[str, Any], pred: Mapping[str, Any]) -> MetadataScore:
    """Compare each annotated field with the predicted value of the same name."""
    wrong = [
        f"{name}: {pred.get(name)!r} instead of {value!r}"
        for name, value in true.items()
        if not _same(value, pred.get(name))
    ]
    return MetadataScore(len(true) - len(wrong), len(true), tuple(wrong))


@dataclass(frozen=True)
class CaseScore:
    """Every figure of one cleaner on one case."""

    shingle: Counts
    paragraph: Counts
    lost: tuple[str, ...]
    outside: tuple[str, ...]
    title_ok: bool
    related: RelatedScore | None = None
    metadata: MetadataScore | None = None
    word: Counts = Counts(0, 0, 0)
    with_found: int = 0
    with_total: int = 0
    without_leaked: int = 0
    without_total: int = 0

    @property
    def word_f1(self) -> float:
        """The page's word F1 (1.0 when truth and prediction are both empty)."""
        return self.word.f1

    @property
    def no_loss(self) -> bool:
        """Every true body paragraph survived."""
        return not self.lost

    @property
    def clean(self) -> bool:
        """No predicted line lies outside the body, and a separately kept title is the true one."""
        return not self.outside and self.title_ok


def score_case(
    true_body: Sequence[str],
    true_text: str,
    pred_paragraphs: Sequence[str],
    *,
    pred_title: str | None = None,
    true_title: str | None = None,
    title_known: bool = False,
    true_related: Sequence[Mapping[str, Any]] | None = None,
    pred_related: Sequence[Mapping[str, Any]] | None = None,
    true_metadata: Mapping[str, Any] | None = None,
    pred_metadata: Mapping[str, Any] | None = None,
    with_snippets: Sequence[str] = (),
    without_snippets: Sequence[str] = (),
) -> CaseScore:
    """Score one prediction: shingles on the texts, paragraphs on the lines, loss and cruft by `inside`.

    `title_known` says the truth states the page's headline (`true_title`, None for "no headline"); then a
    title the cleaner kept apart must be that headline (whitespace aside) for the case to be clean.
    Related entries and metadata are scored when the truth has them and the cleaner reports them (a
    prediction of None: it does not).
    """
    pred_text = "\n".join(pred_paragraphs)
    true_lines = [p for p in map(collapse, true_body) if p]
    pred_lines = [p for p in map(collapse, pred_paragraphs) if p]
    lost = tuple(p for p, ok in zip(true_lines, inside(true_lines, pred_lines), strict=True) if ok is False)
    outside = tuple(
        p for p, ok in zip(pred_lines, inside(pred_lines, true_lines), strict=True) if ok is False
    )
    title_ok = True
    if title_known and pred_title is not None and collapse(pred_title):
        title_ok = true_title is not None and collapse(pred_title) == collapse(true_title)
    return CaseScore(
        shingle=shingle_counts(true_text, pred_text),
        paragraph=paragraph_counts(true_body, pred_paragraphs),
        lost=lost,
        outside=outside,
        title_ok=title_ok,
        related=(
            related_score(true_related, pred_related)
            if true_related is not None and pred_related is not None
            else None
        ),
        metadata=(
            metadata_score(true_metadata, pred_metadata)
            if true_metadata is not None and pred_metadata is not None
            else None
        ),
        word=word_counts(true_text, pred_text),
        with_found=snippets_found(with_snippets, pred_text),
        with_total=len(with_snippets),
        without_leaked=snippets_found(without_snippets, pred_text),
        without_total=len(without_snippets),
    )


@dataclass(frozen=True)
class Quality:
    """The overall quality figures of one cleaner on one suite."""

    cases: int
    shingle_precision: float
    shingle_recall: float
    shingle_f1: float
    paragraph_precision: float
    paragraph_recall: float
    no_loss_rate: float
    clean_rate: float
    related_cases: int = 0
    related_precision: float | None = None
    related_recall: float | None = None
    related_field_accuracy: float | None = None
    metadata_cases: int = 0
    metadata_accuracy: float | None = None
    word_f1: float = 0.0
    word_f1_median: float = 0.0
    pages_lost: int = 0
    with_found_rate: float = 1.0
    without_leaked_rate: float = 0.0

    @property
    def kept_rate(self) -> float:
        """Share of pages not lost (word F1 at least `LOST_F1`)."""
        return 1.0 - self.pages_lost / self.cases if self.cases else 0.0

    @property
    def without_clean_rate(self) -> float:
        """Share of boilerplate snippets kept out (1 - the leaked share)."""
        return 1.0 - self.without_leaked_rate

    def figure(self, name: str) -> float | None:
        """One figure by its `QUALITY_FIGURES` name; None for a figure the suite has no truth for."""
        if name not in QUALITY_FIGURES:
            raise KeyError(name)
        value: float | None = getattr(self, name)
        return value


def summarize(scores: Sequence[CaseScore]) -> Quality:
    """The overall figures of many case scores (all 0.0 for no case)."""
    shingle = average([s.shingle for s in scores])
    paragraph = average([s.paragraph for s in scores])
    n = len(scores)
    related = [s.related for s in scores if s.related is not None]
    metadata = [s.metadata for s in scores if s.metadata is not None]
    true = sum(r.true for r in related)
    predicted = sum(r.predicted for r in related)
    found = sum(r.found for r in related)
    fields_total = sum(r.fields_total for r in related)
    annotated = sum(m.total for m in metadata)
    words = [s.word_f1 for s in scores]
    with_total = sum(s.with_total for s in scores)
    without_total = sum(s.without_total for s in scores)
    return Quality(
        cases=n,
        shingle_precision=shingle.precision,
        shingle_recall=shingle.recall,
        shingle_f1=shingle.f1,
        paragraph_precision=paragraph.precision,
        paragraph_recall=paragraph.recall,
        no_loss_rate=sum(s.no_loss for s in scores) / n if n else 0.0,
        clean_rate=sum(s.clean for s in scores) / n if n else 0.0,
        related_cases=len(related),
        related_precision=(found / predicted if predicted else float(not true)) if related else None,
        related_recall=(found / true if true else 1.0) if related else None,
        related_field_accuracy=(
            (sum(r.fields_right for r in related) / fields_total if fields_total else float(not true))
            if related
            else None
        ),
        metadata_cases=len(metadata),
        metadata_accuracy=(sum(m.right for m in metadata) / annotated if annotated else 1.0)
        if metadata
        else None,
        word_f1=statistics.fmean(words) if words else 0.0,
        word_f1_median=statistics.median(words) if words else 0.0,
        pages_lost=sum(f < LOST_F1 for f in words),
        with_found_rate=sum(s.with_found for s in scores) / with_total if with_total else 1.0,
        without_leaked_rate=sum(s.without_leaked for s in scores) / without_total if without_total else 0.0,
    )


@dataclass(frozen=True)
class Speed:
    """How fast one cleaner went: the cleaning calls alone, reading and scoring excluded."""

    pages: int
    seconds: float
    megabytes: float
    median_ms: float

    @property
    def pages_per_s(self) -> float:
        """Pages cleaned per second of cleaning time."""
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        """Input megabytes (10^6 bytes, UTF-8) cleaned per second of cleaning time."""
        return self.megabytes / self.seconds if self.seconds > 0 else 0.0


def speed(seconds: Sequence[float], sizes: Sequence[int]) -> Speed:
    """Sum per-page times and input sizes (bytes) into one `Speed`."""
    return Speed(
        pages=len(seconds),
        seconds=float(sum(seconds)),
        megabytes=sum(sizes) / 1e6,
        median_ms=statistics.median(seconds) * 1000 if seconds else 0.0,
    )
