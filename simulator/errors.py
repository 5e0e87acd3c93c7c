"""The one family of errors a user may see.

Every error meant for a user derives from :class:`SimulatorError`, a
:class:`click.ClickException`: click's standalone mode prints it (one line,
``simulator: <message>`` on stderr, no traceback) and exits with the class's
``exit_code`` -- 1 by default, 2 for :class:`UsageError`, 3 for
:class:`BackendError`, 130 for :class:`Interrupted`. A :class:`ScenarioError`
prints its problems compiler style (``file:line:col: message``), one per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

import click

PROG = "simulator"
"""The prefix of every one-line error message."""


class SimulatorError(click.ClickException):
    """An error shown to the user as one line, with an exit code."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """Print ``simulator: <message>`` on stderr (click would print ``Error: <message>``)."""
        click.echo(f"{PROG}: {self.format_message()}", file=file, err=True, color=self.show_color)


class UsageError(SimulatorError):
    """Unknown scenario, language, option value: the user asked for something that isn't there."""

    exit_code = 2


class Interrupted(SimulatorError):
    """Ctrl-C, end of input at a prompt or a declined confirmation: exit 130 (128 + SIGINT)."""

    exit_code = 130


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

    def show(self, file: IO[Any] | None = None) -> None:
        """Print every problem on a line of its own, without the ``simulator:`` prefix (as a compiler does)."""
        click.echo(self.format_message(), file=file, err=True, color=self.show_color)


class BackendError(SimulatorError):
    """A backend (TTS, STT, storage) cannot start: missing package, device or server."""

    exit_code = 3
