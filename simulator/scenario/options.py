"""``--scenarios DIR``: one click option shared by every command that loads scenarios.

The option does not reach the command's function (``expose_value=False``): its
callback leaves the folders in the click context, where
:func:`simulator.scenario.library.folders` finds them while the command runs.
Nothing outlives the command, so in-process runs (tests, CliRunner) do not leak
folders into each other.
"""

from __future__ import annotations

import click

from simulator.scenario.library import CONTEXT_KEY


def _register(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    if value:
        ctx.meta[CONTEXT_KEY] = tuple(ctx.meta.get(CONTEXT_KEY, ())) + tuple(value)
    return value


SCENARIOS_OPTION = click.option(
    "--scenarios", "scenario_folders", multiple=True, metavar="DIR", expose_value=False, is_eager=True,
    type=click.Path(exists=True, file_okay=False, dir_okay=True), callback=_register,
    help="Also read scenarios from DIR (repeatable); its scenarios win over SIMULATOR_SCENARIOS and the shipped ones.",
)
"""Decorator: ``@SCENARIOS_OPTION`` above a command that loads scenarios by id."""
