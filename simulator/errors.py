"""The one family of errors a user may see.

Every error meant for a user derives from :class:`SimulatorError`, carries an
exit code and a one-line message, and is printed by the CLI without a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class SimulatorError(Exception):
    """An error shown to the user as one line, with an exit code."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class UsageError(SimulatorError):
    """Unknown scenario, language, option value: the user asked for something that isn't there."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where something came from in a source file (1-based line and column)."""

    path: str
    """The file, as the user named it."""
    line: int = 0
    """1-based line, 0 when unknown."""
    column: int = 0
    """1-based column, 0 when unknown."""

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, slots=True)
class Problem:
    """One error found in a file, compiler style."""

    location: SourceLocation
    """Where the problem is."""
    message: str
    """What is wrong, and a hint when there is one."""

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ScenarioError(SimulatorError):
    """A scenario file (or several) is invalid; holds every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BackendError(SimulatorError):
    """A backend (TTS, STT, storage) cannot start: missing package, device or server."""

    exit_code = 3
