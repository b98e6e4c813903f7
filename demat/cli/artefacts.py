"""``demat artefacts fetch|install|list``: the official validation artefacts.

Fetching and installing are the application's work (:mod:`demat.artefacts_fetch`);
the catalogue only pins and locates.
"""

from __future__ import annotations

import sys

import click

from demat.cli.command import EXIT_ENV, DematGroup
from demat.views import artefacts as view
from invoices.i18n import help_text, t


@click.group("artefacts", cls=DematGroup, help=help_text("validate.cli_artefacts_help"))
def artefacts_group() -> None:
    pass


@artefacts_group.command("fetch", help=help_text("validate.cli_fetch_help"))
@click.option("--mirror", metavar="URL", help=help_text("validate.cli_mirror_help"))
def artefacts_fetch_cmd(mirror: str | None) -> None:
    from demat.artefacts_fetch import fetch
    from schemas.catalogue import cen_urls

    urls = cen_urls(mirror)
    for url in urls.values():
        click.echo(t("validate.fetching", url=url), err=True)
    done = fetch(urls)
    click.echo(t("validate.installed", count=done.files, path=done.target))


@artefacts_group.command("install", help=help_text("validate.cli_install_help"))
@click.argument("folder", type=click.Path(file_okay=False))
def artefacts_install_cmd(folder: str) -> None:
    from demat.artefacts_fetch import install_from_folder

    done = install_from_folder(folder)
    click.echo(t("validate.installed", count=done.files, path=done.target))


@artefacts_group.command("list", help=help_text("validate.cli_list_help"))
def artefacts_list_cmd() -> None:
    """Every artefact and its state; exit 2 when one is missing or tampered."""
    from invoices import artefacts as catalogue
    from invoices.validation.plan import usage

    installed = catalogue.facturx_installed_version()
    click.echo(view.list_header(installed, catalogue.FACTURX_VERSION, catalogue.cen_root()))
    uses = usage()
    missing = False
    for key, artefact in catalogue.ARTEFACTS.items():
        status = catalogue.status(key)
        missing = missing or status != "ok"
        click.echo(view.list_row(key, status, artefact.version, uses.get(key, [])))
    if missing:
        click.echo(t("validate.list_fix"))
        sys.exit(EXIT_ENV)
