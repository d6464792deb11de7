"""`Config`: one frozen, hashable, picklable value; every bad option is a `ConfigError` that names it."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import cleanpage
from cleanpage import Config, ConfigError

PAGE = (
    "Harbour wall repairs finish two months early\n"
    "The county finished repairing the harbour wall at Penrick two months ahead of schedule, engineers said "
    "on Monday, after a dry spring let crews work through most of the weekends.\n"
    "The repairs cost less than the budget set aside in the autumn, and the county said the money left over "
    "would go towards new railings along the promenade before the summer season begins.\n"
)


def test_defaults() -> None:
    c = Config()
    assert (c.format, c.language, c.focus, c.rules, c.disable, c.keep, c.url, c.time_budget) == (
        None,
        None,
        "balanced",
        (),
        frozenset(),
        frozenset(),
        None,
        None,
    )
    assert c.max_bytes > 1_000_000


def test_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().focus = "recall"  # type: ignore[misc]


def test_collections_become_hashable_and_equal_configs_hash_equal() -> None:
    a = Config(keep=["caption", "byline"], disable=("en.byline.by-name",), rules=["x.toml"])
    b = Config(keep={"byline", "caption"}, disable=["en.byline.by-name"], rules=("x.toml",))
    assert a.keep == frozenset({"caption", "byline"})
    assert a.rules == ("x.toml",)
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, Config()}) == 2


def test_a_single_string_is_one_item_not_its_letters() -> None:
    c = Config(keep="caption", disable="en.byline.by-name", rules="extra.toml")
    assert c.keep == frozenset({"caption"})
    assert c.disable == frozenset({"en.byline.by-name"})
    assert c.rules == ("extra.toml",)


def test_pickle_round_trip() -> None:
    c = Config(
        focus="precision", keep={"caption"}, url="https://example.org/a", time_budget=2.5, max_bytes=10_000
    )
    assert pickle.loads(pickle.dumps(c)) == c


def test_pickle_with_a_ruleset() -> None:
    extra = cleanpage.load_rules(builtin=False)
    c = Config(rules=[extra])
    assert pickle.loads(pickle.dumps(c)) == c
    hash(c)


def test_replace_changes_only_the_given_fields() -> None:
    c = Config(focus="precision", keep={"caption"})
    d = c.replace(focus="recall")
    assert d.focus == "recall" and d.keep == frozenset({"caption"})
    assert c.focus == "precision"  # the original is untouched


def test_replace_validates() -> None:
    with pytest.raises(ConfigError, match="focus"):
        Config().replace(focus="loud")


@pytest.mark.parametrize("name", ["colour", "foucs", "max_size"])
def test_unknown_option_names_the_option(name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Config().replace(**{name: 1})
    with pytest.raises(ConfigError, match=name):
        cleanpage.clean(PAGE, **{name: 1})


def test_config_error_is_a_cleanpage_error_and_a_value_error() -> None:
    with pytest.raises(cleanpage.CleanpageError):
        Config(focus="loud")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Config(focus="loud")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("focus", "loud"),
        ("focus", None),
        ("format", "pdf"),
        ("format", "TEXT"),
        ("language", ""),
        ("language", 3),
        ("max_bytes", 0),
        ("max_bytes", -5),
        ("max_bytes", 1.5),
        ("max_bytes", True),
        ("max_bytes", "100"),
        ("time_budget", 0),
        ("time_budget", -1.0),
        ("time_budget", True),
        ("time_budget", "5"),
        ("url", 42),
        ("keep", 3),
        ("keep", [1, 2]),
        ("disable", [None]),
    ],
)
def test_bad_values_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ConfigError, match=field):
        Config(**{field: value})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=field):
        cleanpage.clean(PAGE, **{field: value})


@pytest.mark.parametrize(("field", "value"), [("time_budget", 0.5), ("time_budget", 3), ("max_bytes", 1)])
def test_good_numbers_are_accepted(field: str, value: object) -> None:
    assert getattr(Config(**{field: value}), field) == value  # type: ignore[arg-type]


def test_disable_of_an_unknown_rule_id_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"en\.byline\.by-nmae"):
        cleanpage.clean(PAGE, disable=["en.byline.by-nmae"])


def test_overrides_apply_on_top_of_a_given_config() -> None:
    base = Config(url="https://example.org/harbour")
    r = cleanpage.clean(PAGE, base, focus="precision")
    assert r.metadata.url == "https://example.org/harbour"  # the base config's other fields survive overrides


def test_max_bytes_refuses_larger_input_before_work() -> None:
    with pytest.raises(cleanpage.InputTooLargeError, match="max_bytes=100"):
        cleanpage.clean(PAGE, max_bytes=100)
    with pytest.raises(cleanpage.InputTooLargeError):
        cleanpage.clean(PAGE.encode(), max_bytes=100)
    assert cleanpage.clean(PAGE, max_bytes=len(PAGE.encode())).paragraphs


def test_from_options_takes_fields_by_name_and_keeps_defaults_for_none() -> None:
    config = Config.from_options({"focus": "recall", "disable": ["a.b"], "language": None, "paths": ["x"]})
    assert config.focus == "recall"
    assert config.disable == frozenset({"a.b"})
    assert config.language is None and config.max_bytes == Config().max_bytes
