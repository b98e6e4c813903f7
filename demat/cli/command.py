"""What every ``demat`` command shares: help and click's own texts in the chosen
language, exit codes, and errors turned into a message and an exit code.

Exit codes are part of the interface (the nightly batch and accounting software
read them): 0 all good; 1 a document was refused, invalid or rejected, and only
that; 2 usage, unknown id, missing file, environment, or a check that could not be
completed.  No traceback reaches the clerk: an unexpected error is one sentence
(and exit 2), its technical detail shown only with ``--debug``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from demat.cli.click_text import DematContext, error_lines
from invoices.errors import DematError, SetupError
from invoices.i18n import HelpText, t

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_ENV = 2

_debug = False


def set_debug(on: bool) -> None:
    """``--debug``: technical detail (tracebacks, library texts) on standard error."""
    global _debug
    _debug = on


def debugging() -> bool:
    return _debug


def show_detail(exc: BaseException) -> None:
    """The technical detail of ``exc``, with ``--debug`` only."""
    if not _debug:
        return
    if isinstance(exc, DematError):
        click.echo(f"[{exc.key}] {exc.params}", err=True)
    click.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)


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
    """Help that follows ``--lang`` (texts are built at import time), ``--help`` included;
    click's errors shown in our words (:mod:`demat.cli.click_text`)."""

    context_class = DematContext

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's ``main``, except that its errors are shown by :func:`error_lines`."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        set_debug(False)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            code = exc.exit_code
        except click.ClickException as exc:
            click.echo("\n".join(error_lines(exc)), err=True)
            show_detail(exc)
            code = exc.exit_code
        except click.Abort:
            click.echo(t("cli.click.aborted"), err=True)
            code = EXIT_REJECTED
        except Exception as exc:  # a bug of ours: one sentence, the detail on --debug
            click.echo(t("cli.internal_error_short"), err=True)
            show_detail(exc)
            code = EXIT_ENV
        sys.exit(code if isinstance(code, int) else EXIT_OK)

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

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            pieces = [
                t("cli.click.subcommand_metavar") if p == self.subcommand_metavar else p
                for p in pieces
            ]
        return pieces

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SetupError as exc:
            click.echo(exc.message(), err=True)
            show_detail(exc)
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


@contextmanager
def usage_errors() -> Iterator[None]:
    """A request the clerk must correct inside the block (an unknown id or status, a
    missing motif): its message and exit 2.  No document was refused."""
    try:
        yield
    except DematError as exc:
        click.echo(exc.message(), err=True)
        show_detail(exc)
        sys.exit(EXIT_ENV)
