"""The rule loader refuses bad rule files with a message naming the file, the rule and the problem; user
packs and `disable` change what `clean` removes."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanpage
from cleanpage import ConfigError, RuleError
from cleanpage.rules import load_file, load_rules

GOOD_RULE = """\
[[promo]]
id = "{id}"
pattern = '(?i)^get your ferry card\\b'
max_words = 12
examples = ["Get your ferry card today"]
counter_examples = ["Get your coat, the ferry is leaving."]
"""


def _write(tmp_path: Path, text: str, name: str = "local.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rule(**fields: str) -> str:
    """A [[promo]] rule with valid defaults, each field given as its TOML value text."""
    values = {
        "id": '"local.promo.test"',
        "pattern": "'(?i)^get your ferry card'",
        "examples": '["Get your ferry card"]',
        **fields,
    }
    return "[[promo]]\n" + "".join(f"{key} = {value}\n" for key, value in values.items())


def _load_error(tmp_path: Path, text: str) -> RuleError:
    path = _write(tmp_path, text)
    with pytest.raises(RuleError) as info:
        load_file(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value)
    return info.value


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"scope": '"paragraph"'}, "unknown scope 'paragraph'"),
        ({"max_words": "0"}, "max_words must be a positive integer"),
        ({"max_words": '"ten"'}, "max_words must be a positive integer"),
        ({"max_words": "true"}, "max_words must be a positive integer"),
        ({"weight": "-1"}, "weight must be a positive number"),
        ({"weight": '"heavy"'}, "weight must be a positive number"),
        ({"weight": "false"}, "weight must be a positive number"),
        ({"pattern": "'(?i)^get (your'"}, "invalid regular expression"),
        ({"pattern": "'^(a+)+$'"}, "catastrophic backtracking"),
        ({"pattern": '""'}, "pattern must be a non-empty string"),
        ({"examples": '"Get your ferry card"'}, "examples must be a list of strings"),
        ({"counter_examples": "[1, 2]"}, "counter_examples must be a list of strings"),
        ({"languages": '"en"'}, "languages must be a list of strings"),
        ({"patern": "'x'"}, "unknown key(s) patern"),
    ],
)
def test_a_bad_rule_is_refused_naming_file_rule_and_problem(
    tmp_path: Path, fields: dict[str, str], problem: str
) -> None:
    error = _load_error(tmp_path, _rule(**fields))
    assert error.rule_id == "local.promo.test"
    assert "'local.promo.test'" in str(error)
    assert problem in str(error)


def test_broken_toml_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, '[[promo]\nid = "local.promo.test"\n')
    assert "invalid TOML" in str(error)


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, _rule().replace("[[promo]]", "[[spam]]"))
    assert "unknown kind 'spam'" in str(error)


def test_an_unknown_pack_key_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, '[pack]\nlanguage = "en"\nlangauge = "de"\n' + _rule())
    assert "unknown [pack] key(s): langauge" in str(error)


def test_a_rule_without_an_id_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, "[[promo]]\npattern = 'x'\n")
    assert "has no id" in str(error)


def test_a_duplicate_id_within_a_file_is_refused(tmp_path: Path) -> None:
    error = _load_error(tmp_path, GOOD_RULE.format(id="local.promo.twice") * 2)
    assert error.rule_id == "local.promo.twice"
    assert "'local.promo.twice'" in str(error) and "duplicate rule id" in str(error)


def test_a_duplicate_id_across_files_is_refused(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD_RULE.format(id="local.promo.shared"), "first.toml")
    second = _write(tmp_path, GOOD_RULE.format(id="local.promo.shared"), "second.toml")
    with pytest.raises(RuleError) as info:
        load_rules([first, second])
    assert info.value.rule_id == "local.promo.shared"
    assert str(second) in str(info.value) and "duplicate rule id" in str(info.value)


def test_a_user_rule_may_not_reuse_a_shipped_id(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_RULE.format(id="en.advertisement.marker"))
    with pytest.raises(RuleError) as info:
        load_rules([path])
    assert str(path) in str(info.value)
    assert "'en.advertisement.marker'" in str(info.value) and "duplicate rule id" in str(info.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(RuleError) as info:
        load_file(path)
    assert str(path) in str(info.value) and "cannot read rule file" in str(info.value)
    with pytest.raises(RuleError):
        cleanpage.clean("Some text.", rules=[path])


def test_clean_refuses_a_bad_rule_file(tmp_path: Path) -> None:
    path = _write(tmp_path, _rule(scope='"everywhere"'))
    with pytest.raises(RuleError) as info:
        cleanpage.clean("Some text.", rules=[path])
    assert str(path) in str(info.value) and "unknown scope" in str(info.value)


# ---------------------------------------------------------------- user packs and disable
BODY = (
    "The Tollbridge council voted on Tuesday to run a night ferry across the estuary for six months, "
    "answering a petition signed by more than four thousand commuters who work late shifts in the city.",
    "Under the plan the boat will make four extra round trips between the Old Quay and the Saltings "
    "terminal, the last of them leaving shortly after midnight on weekdays and later on Fridays.",
    "Councillors who voted against the trial said they supported the idea but doubted the cost estimate, "
    "pointing out that the operator had not yet said whether it could find enough qualified crew.",
)


def _page(cruft: str) -> str:
    return "\n".join([BODY[0], cruft, BODY[1], BODY[2]]) + "\n"


def test_a_user_pack_fires(tmp_path: Path) -> None:
    path = _write(tmp_path, '[pack]\nlanguage = "en"\n' + GOOD_RULE.format(id="local.promo.ferry-card"))
    page = _page("Get your ferry card today")
    assert "local.promo.ferry-card" not in {x.rule for x in cleanpage.clean(page).removed}
    r = cleanpage.clean(page, rules=[path])
    assert r.paragraphs == BODY
    assert ("Get your ferry card today", "promo", "local.promo.ferry-card") in {
        (x.text, x.kind, x.rule) for x in r.removed
    }


def test_a_language_independent_user_pack_fires_on_any_language(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_RULE.format(id="promo.ferry-card"))
    assert load_file(path).rules[0].languages == frozenset({"*"})
    r = cleanpage.clean(_page("Get your ferry card today"), rules=[path])
    assert "promo.ferry-card" in {x.rule for x in r.removed}


def test_disable_switches_a_rule_off() -> None:
    page = _page("Advertisement")
    before = cleanpage.clean(page)
    assert ("Advertisement", "en.advertisement.marker") in {(x.text, x.rule) for x in before.removed}
    after = cleanpage.clean(page, disable=["en.advertisement.marker"])
    assert "en.advertisement.marker" not in {x.rule for x in after.removed}
    assert all(v.rule != "en.advertisement.marker" for v in after.lines)
    assert after.paragraphs[0] == BODY[0] and after.paragraphs[-1] == BODY[-1]


def test_disable_with_an_unknown_id_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        cleanpage.clean(_page("Advertisement"), disable=["en.advertisement.markr"])
    assert "en.advertisement.markr" in str(info.value)
