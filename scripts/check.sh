#!/usr/bin/env bash
# The checks beyond the test suite: types, lint, format, the strict docs build, and the packaged wheel.
#
#   scripts/check.sh            run every check (installs the test and docs extras and `build` into .venv)
#   scripts/check.sh mypy docs  run only the named checks: mypy ruff docs wheel
#
# Every check runs even when an earlier one fails; the script exits 1 if any failed, naming them.
# Set CHECK_NO_INSTALL=1 to use .venv as it is. Temporary files go to a folder removed on exit.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
VENV=$ROOT/.venv
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cleanpage-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(mypy ruff docs wheel)
failed=()

step() { printf '\n== %s\n' "$*"; }

if [ ! -x "$VENV/bin/python" ]; then
    step "create $VENV"
    "$PY" -m venv "$VENV" && "$VENV/bin/python" -m pip install -q -U pip || exit 1
fi
if [ -z "${CHECK_NO_INSTALL:-}" ]; then
    step "install the test and docs extras and build into $VENV"
    "$VENV/bin/python" -m pip install -q -e ".[test,docs]" build || exit 1
fi

check_mypy() {
    step "mypy --strict (configured in pyproject.toml)"
    "$VENV/bin/mypy"
}

check_ruff() {
    step "ruff check and ruff format --check"
    local status=0
    "$VENV/bin/ruff" check . || status=1
    "$VENV/bin/ruff" format --check . || status=1
    return $status
}

check_docs() {
    step "mkdocs build --strict"
    NO_MKDOCS_2_WARNING=1 "$VENV/bin/mkdocs" build --strict --site-dir "$WORK/site"
}

check_wheel() {
    step "build the sdist and the wheel"
    "$VENV/bin/python" -m build --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || {
        tail -n 40 "$WORK/build.log"
        return 1
    }
    local wheel sdist
    wheel=$(ls "$WORK"/dist/*.whl) && sdist=$(ls "$WORK"/dist/*.tar.gz) || return 1
    echo "built $(basename "$sdist") and $(basename "$wheel")"

    step "the wheel and the sdist hold py.typed and the rule packs"
    "$VENV/bin/python" - "$wheel" "$sdist" <<'EOF' || return 1
import sys
import tarfile
import zipfile
from pathlib import Path

wheel, sdist = sys.argv[1:]
packs = sorted(p.name for p in Path("cleanpage/rules/packs").glob("*.toml"))
in_wheel = set(zipfile.ZipFile(wheel).namelist())
in_sdist = {name.split("/", 1)[1] for name in tarfile.open(sdist).getnames() if "/" in name}
missing = []
for needed in ["cleanpage/py.typed", "cleanpage/__main__.py", *(f"cleanpage/rules/packs/{p}" for p in packs)]:
    if needed not in in_wheel:
        missing.append(f"wheel lacks {needed}")
    if needed not in in_sdist:
        missing.append(f"sdist lacks {needed}")
for m in missing:
    print(m)
if missing or not packs:
    sys.exit(1)
print(f"ok: py.typed and {len(packs)} rule pack(s) ({', '.join(packs)}) in both")
EOF

    step "install the wheel in a fresh virtual environment"
    "$PY" -m venv "$WORK/venv" || return 1
    "$WORK/venv/bin/python" -m pip install -q "$wheel" || return 1

    step "smoke test: clean a page from Python and from the command line, outside the source tree"
    mkdir -p "$WORK/smoke" && cd "$WORK/smoke" || return 1
    cat >page.txt <<'EOF'
Lakeside Gazette
Home
Council votes to reopen the old ferry pier this summer
By Marta Kowalski
The town council voted on Tuesday to reopen the old ferry pier in June, after two years of repairs paid for by a state grant and a local fundraising drive.
Councillors agreed that the pier will close again each winter, when storms make the landing unsafe for passengers and crew.
Share this article
© 2024 Lakeside Gazette. All rights reserved.
EOF
    local status=0
    "$WORK/venv/bin/python" - <<'EOF' || status=1
import pathlib

import cleanpage

assert "site-packages" in cleanpage.__file__, cleanpage.__file__
r = cleanpage.clean(pathlib.Path("page.txt").read_bytes())
assert r.title == "Council votes to reopen the old ferry pier this summer", r.title
assert len(r.paragraphs) == 2 and r.paragraphs[0].startswith("The town council voted"), r.paragraphs
assert {x.kind for x in r.removed} >= {"copyright", "share", "byline"}, r.removed
print(f"python ok: cleanpage {cleanpage.__version__} from {cleanpage.__file__}")
EOF
    local out
    out=$("$WORK/venv/bin/cleanpage" clean --title page.txt) || status=1
    if [ "$(printf '%s\n' "$out" | head -n 1)" != "Council votes to reopen the old ferry pier this summer" ] \
        || printf '%s\n' "$out" | grep -q "All rights reserved"; then
        echo "cleanpage clean printed:"
        printf '%s\n' "$out"
        status=1
    else
        echo "cli ok: cleanpage clean printed the title and $(($(printf '%s\n' "$out" | wc -l) - 1)) paragraph(s)"
    fi
    "$WORK/venv/bin/cleanpage" rules --kind copyright >/dev/null || status=1
    "$WORK/venv/bin/python" -m cleanpage --version || status=1
    "$WORK/venv/bin/cleanpage" clean missing.txt 2>/dev/null
    [ $? -eq 2 ] || { echo "a missing page should exit 2"; status=1; }
    cd "$ROOT" || return 1
    return $status
}

for check in "${checks[@]}"; do
    case $check in
        mypy | ruff | docs | wheel) "check_$check" || failed+=("$check") ;;
        *) echo "unknown check: $check (checks: mypy ruff docs wheel)"; exit 2 ;;
    esac
done

echo
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}"
    exit 1
fi
echo "all checks passed: ${checks[*]}"
