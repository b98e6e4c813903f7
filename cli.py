"""The ``demat`` command line: parse arguments, call the library, print.

Kept thin on purpose: every behaviour lives in the library so that the nightly
batch and accounting software get exactly what the clerk gets.  Exit codes are
part of the interface: 0 all good, 1 some documents rejected, 2 usage or
environment error.  Every text shown goes through :func:`invoices.i18n.t`.
"""

from __future__ import annotations

import sys

import click

from invoices import __version__
from invoices.errors import SetupError
from invoices.i18n import set_language, t

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_ENV = 2


class DematGroup(click.Group):
    """Turns environment errors into exit code 2 with a translated message."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SetupError as exc:
            click.echo(exc.message(), err=True)
            ctx.exit(EXIT_ENV)


def _choose_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    set_language(value)


@click.group(cls=DematGroup, help=t("cli.help"))
@click.version_option(__version__, prog_name="demat")
@click.option("--lang", type=click.Choice(["fr", "en"]), callback=_choose_language,
              expose_value=False, is_eager=True, help=t("cli.opt_lang"))
def main() -> None:
    pass


# ---------------------------------------------------------------- reading (inspect, demo)

# ---------------------------------------------------------------- validation

# ---------------------------------------------------------------- storage and audit

# ---------------------------------------------------------------- Chorus Pro


if __name__ == "__main__":
    sys.exit(main())
