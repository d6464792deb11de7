"""The bundled corpus: every case comes back exactly as its truth says, or is a listed known failure."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

import cleanpage

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
KNOWN = tomllib.loads((CORPUS / "known-failures.toml").read_text(encoding="utf-8"))
CASES = sorted(p.stem for p in CORPUS.glob("*.json"))


def _clean(case: str) -> tuple[cleanpage.Result, dict[str, object]]:
    truth = json.loads((CORPUS / f"{case}.json").read_text(encoding="utf-8"))
    suffix = ".txt" if truth["format"] == "text" else ".html"
    return cleanpage.clean((CORPUS / f"{case}{suffix}").read_bytes()), truth


def test_known_failures_name_real_cases_with_reasons() -> None:
    assert set(KNOWN) <= set(CASES)
    assert all(isinstance(reason, str) and len(reason) > 20 for reason in KNOWN.values())


@pytest.mark.parametrize("case", CASES)
def test_case_comes_back_exactly_unless_known(case: str) -> None:
    result, truth = _clean(case)
    body = [" ".join(str(p).split()) for p in truth["body"]]  # type: ignore[attr-defined]
    exact = list(result.paragraphs) == body
    if case in KNOWN:
        assert not exact, f"{case} now comes back exactly: remove it from corpus/known-failures.toml"
    else:
        assert exact, f"{case}: {set(result.paragraphs) ^ set(body)}"
        assert result.is_article
