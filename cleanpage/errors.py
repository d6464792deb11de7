"""The library's own exceptions: every error `clean` raises on purpose is one of these."""

from __future__ import annotations


class CleanpageError(Exception):
    """Base class of every error cleanpage raises on purpose."""


class NotAPageError(CleanpageError, ValueError):
    """The input is not a web page or text dump (a PDF, an image, an archive, random binary)."""


class InputTooLargeError(CleanpageError, ValueError):
    """The input is larger than `Config.max_bytes`; raised before any work is done."""


class TimeBudgetExceededError(CleanpageError, TimeoutError):
    """Cleaning one page took longer than `Config.time_budget` seconds."""


class RuleError(CleanpageError, ValueError):
    """A rule file or rule is invalid; the message names the file, the rule id and the problem."""

    def __init__(self, source: str, rule_id: str | None, problem: str) -> None:
        self.source = source
        self.rule_id = rule_id
        self.problem = problem
        where = f"{source}: rule {rule_id!r}" if rule_id else source
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, str | None, str]]:
        return (type(self), (self.source, self.rule_id, self.problem))


class ConfigError(CleanpageError, ValueError):
    """An option given to `clean` or `Config` has an unknown name or an invalid value."""
