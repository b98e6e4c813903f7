"""What every ``demat`` command shares: help in the chosen language, exit codes, and
environment or document errors turned into a message and an exit code.

Exit codes are part of the interface (the nightly batch and accounting software
read them): 0 all good, 1 some documents rejected, 2 usage or environment error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from invoices.errors import DematError, SetupError
from invoices.i18n import HelpText, t

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_ENV = 2


def _retranslate(command: click.Command) -> None:
    """Translate the help texts of ``command`` and its subcommands into the current language."""
    command.help = HelpText.again(command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            param.help = HelpText.again(param.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _retranslate(sub)


class _Translated(click.Command):
    """Help that follows ``--lang`` (texts are built at import time), ``--help`` included."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _retranslate(self)
        super().format_help(ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.opt_help")
        return option


class DematCommand(_Translated):
    """Every ``demat`` subcommand."""


class DematGroup(_Translated, click.Group):
    """Turns environment errors into exit code 2 with a translated message; its
    subcommands and subgroups get the same classes."""

    command_class = DematCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SetupError as exc:
            click.echo(exc.message(), err=True)
            ctx.exit(EXIT_ENV)


@contextmanager
def document_errors() -> Iterator[None]:
    """A refused document or a platform "no" inside the block: its message and exit 1.

    An environment problem (:class:`SetupError`) is not the document's fault: it goes
    on to :class:`DematGroup`, which makes it exit 2.
    """
    try:
        yield
    except SetupError:
        raise
    except DematError as exc:
        click.echo(exc.message(), err=True)
        sys.exit(EXIT_REJECTED)
