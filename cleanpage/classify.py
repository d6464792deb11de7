"""Which of seven types a page is, with the reasons: article, forum, product, collection, listing,
documentation or service (the page types of the WCXB benchmark).

The model is a multinomial logistic regression over the features of `cleanpage.pagefeatures` (``log1p`` of
each value, standardised), one for HTML pages and one for text dumps, fit by ``scripts/fit_page_type.py``;
its weights ship as data (``page_type.json``). Inference is a few dot products in pure Python. Since a
non-article page is cleaned differently, a page stays an article unless another type is clearly more
likely: another type wins only when the article's probability is below the model's ``article_floor``, and a
listing or collection only on a page with lines enough for a list of entries.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import PAGE_TYPES  # the model's rows, in this order
from .pagefeatures import DESCRIPTIONS, PageFeatures, Source, text_features

#: The shipped weights.
WEIGHTS_FILE = Path(__file__).with_name("page_type.json")
#: The floor under which the article's probability must fall for another type to win, by source, in place
#: of the fitted one: a lower floor keeps more pages articles. A misread article costs far more (a listing is
#: taken whole, a forum in recall) than a misread listing, so the floors are set on pages that are all
#: articles (the AEB news pages, outside the fit) to keep them articles: 1 of the 181 is read as another
#: type in HTML, 4 of the 181 text dumps.
ARTICLE_FLOORS: Mapping[str, float] = {"html": 0.2, "text": 0.15}
#: Types whose main content is many entries (a listing's teasers, a collection's products), and the fewest
#: lines a page must have to be read as one: a page of a few lines holds no list of entries to keep whole,
#: and reading it whole would keep its cruft (no AEB or WCXB dev page read as one has fewer).
ENTRY_TYPES = frozenset({"listing", "collection"})
MIN_ENTRY_LINES = 20
#: An article's probability under which another type is a rival (see `TypeVerdict.rival`).
DOUBTED_ARTICLE = 0.6
#: Reasons given per verdict, at most.
MAX_REASONS = 4
#: Features whose values are shares (printed as percentages).
SHARES = frozenset({"short_share", "link_density"})


@dataclass(frozen=True)
class TypeVerdict:
    """A page's type, why (the features that pushed most towards it, in words), each type's probability."""

    page_type: str
    reasons: tuple[str, ...]
    scores: Mapping[str, float] = field(default_factory=dict)

    @property
    def likeliest(self) -> str:
        """The type of the highest probability (the reported one when there are none)."""
        return max(self.scores, key=self.scores.__getitem__, default=self.page_type)

    @property
    def rival(self) -> str | None:
        """The likeliest other type of a page called an article that is under `DOUBTED_ARTICLE` likely to be
        one (the likeliest type when the article was preferred over it), else None."""
        if self.page_type != "article" or self.scores.get("article", 1.0) >= DOUBTED_ARTICLE:
            return None
        others = {t: p for t, p in self.scores.items() if t != "article"}
        return max(others, key=others.__getitem__, default=None)

    @property
    def unsure(self) -> bool:
        """Whether the page was called an article while another type is likelier (see `choose`)."""
        return self.page_type == "article" and self.likeliest != "article"


@dataclass(frozen=True)
class Model:
    """One logistic regression: its features, their standardisation (of ``log1p``), weights per type."""

    source: Source
    features: tuple[str, ...]
    mean: Sequence[float]
    scale: Sequence[float]
    coef: Sequence[Sequence[float]]
    intercept: Sequence[float]

    #: Derived at construction: the weights applied to ``log1p`` of the values directly (the
    #: standardisation folded in), and each type's weights less the types' mean (for `contributions`).
    _folded: tuple[tuple[float, ...], ...] = field(init=False, repr=False, compare=False)
    _folded_intercept: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _centred: tuple[tuple[float, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        folded = tuple(tuple(w / s for w, s in zip(row, self.scale, strict=True)) for row in self.coef)
        intercept = tuple(
            b - sum(w * m for w, m in zip(row, self.mean, strict=True))
            for row, b in zip(folded, self.intercept, strict=True)
        )
        k = len(self.coef)
        mean_w = [sum(row[i] for row in self.coef) / k for i in range(len(self.features))]
        centred = tuple(tuple(w - m for w, m in zip(row, mean_w, strict=True)) for row in self.coef)
        object.__setattr__(self, "_folded", folded)
        object.__setattr__(self, "_folded_intercept", intercept)
        object.__setattr__(self, "_centred", centred)

    def inputs(self, values: Mapping[str, float]) -> list[float]:
        """``log1p`` of a page's value of each of the model's features (absent features are 0)."""
        get = values.get
        return [math.log1p(max(0.0, get(name, 0.0))) for name in self.features]

    def standardised(self, values: Mapping[str, float]) -> list[float]:
        """The model's standardised inputs for a page's feature values (absent features are 0)."""
        return [(x - m) / s for x, m, s in zip(self.inputs(values), self.mean, self.scale, strict=True)]

    def probabilities(self, values: Mapping[str, float]) -> dict[str, float]:
        """Each type's probability for a page's feature values."""
        x = self.inputs(values)
        logits = [
            b + sum(map(operator.mul, row, x))
            for row, b in zip(self._folded, self._folded_intercept, strict=True)
        ]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {t: e / total for t, e in zip(PAGE_TYPES, exps, strict=True)}

    def contributions(self, values: Mapping[str, float], page_type: str) -> list[tuple[float, str]]:
        """How much each feature pushes the page towards `page_type` rather than the types on average."""
        row = self._centred[PAGE_TYPES.index(page_type)]
        return list(zip(map(operator.mul, row, self.standardised(values)), self.features, strict=True))


@dataclass(frozen=True)
class Weights:
    """The shipped models (one per source) and the article floor."""

    models: Mapping[str, Model]
    article_floor: float


@functools.cache
def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """The models in the weights file at `path` (read once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["page_types"]) != PAGE_TYPES:
        raise ValueError(f"{path}: the model's page types {data['page_types']} are not {list(PAGE_TYPES)}")
    models = {
        source: Model(
            source,
            tuple(m["features"]),
            tuple(m["mean"]),
            tuple(m["scale"]),
            tuple(tuple(r) for r in m["coef"]),
            tuple(m["intercept"]),
        )
        for source, m in data["models"].items()
    }
    return Weights(models, float(data["article_floor"]))


def choose(probabilities: Mapping[str, float], article_floor: float) -> tuple[str, str | None]:
    """The type to report, and a reason when the article was preferred over a likelier type."""
    best = max(probabilities, key=lambda t: probabilities[t])
    article = probabilities["article"]
    if best != "article" and article >= article_floor:
        return "article", f"article preferred: {best} is likelier ({probabilities[best]:.2f}) but not sure"
    return best, None


def classify(features: PageFeatures, weights: Weights | None = None) -> TypeVerdict:
    """The page type of a page with `features`, the reasons, and the probability of each type."""
    weights = weights or load_weights()
    model = weights.models[features.source]
    probabilities = model.probabilities(features.values)
    floor = ARTICLE_FLOORS.get(features.source, weights.article_floor)
    page_type, preferred = choose(probabilities, floor)
    lines = features.get("lines")
    if page_type in ENTRY_TYPES and lines < MIN_ENTRY_LINES:
        preferred = f"article preferred: {lines:.0f} lines are too few for a {page_type}"
        page_type = "article"
    ranked = sorted(model.contributions(features.values, page_type), reverse=True)
    reasons = [
        describe(name, features.get(name)) for push, name in ranked if push > 0 and features.get(name) > 0
    ][:MAX_REASONS]
    if preferred is not None:
        reasons.insert(0, preferred)
    if not reasons:
        reasons.append(
            f"no strong sign of any type; {page_type} is the likeliest ({probabilities[page_type]:.2f})"
        )
    return TypeVerdict(page_type, tuple(reasons), probabilities)


def classify_text(text: str, url: str | None = None) -> TypeVerdict:
    """The page type of a plain-text dump (its lines), and of its address when known."""
    return classify(text_features(text.splitlines(), url))


def describe(name: str, value: float) -> str:
    """A feature and its value in words."""
    if name in SHARES:
        shown = f"{100 * value:.0f} %"
    elif value == int(value):
        shown = f"{int(value):,}"
    else:
        shown = f"{value:.2f}"
    return DESCRIPTIONS.get(name, name + " {v}").format(v=shown)
