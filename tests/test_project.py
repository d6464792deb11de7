"""The project's own checks, run by the test suite so that CI (which runs the README's test command) runs
them: mypy in strict mode, ruff lint and format, the strict MkDocs build, and (in CI) the packaged wheel in a
fresh venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} is not installed (it comes with the [test] extra)")
        return found
    return str(path)


def test_mypy_strict_passes_on_the_package() -> None:
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_ruff_lint_and_format_are_clean() -> None:
    ruff = _tool("ruff")
    lint = _run(ruff, "check", ".")
    assert lint.returncode == 0, lint.stdout[-4000:]
    fmt = _run(ruff, "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout[-4000:]


def test_docs_build_strict(tmp_path: Path) -> None:
    mkdocs = _tool("mkdocs")
    done = _run(
        mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site"), env={"NO_MKDOCS_2_WARNING": "1"}
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").exists()


@pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("CLEANPAGE_WHEEL_TEST")),
    reason="builds the wheel and installs it in a fresh venv (minutes, needs the package index): runs in CI, "
    "or set CLEANPAGE_WHEEL_TEST=1",
)
def test_wheel_installs_in_a_fresh_venv_and_cleans_a_page() -> None:
    done = _run("bash", "scripts/check.sh", "wheel", env={"CHECK_NO_INSTALL": "1"}, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
