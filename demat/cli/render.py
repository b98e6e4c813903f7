"""``demat render FILE|ID``: an invoice a person can read and print, in HTML or PDF.

The argument is a file when a file of that name exists, else the id of a stored
invoice (``demat list``); the rendering itself is the library's
(:mod:`invoices.render`), drawn from the model whatever the syntax.

Where it goes: ``--output FILE``; ``-`` for standard output; by default beside the
file read, as ``NAME.rendu.html`` (or ``.rendu.pdf``: never the input's own name,
a PDF rendered as PDF must not overwrite it), and for a stored invoice
``facture-ID.html`` in the current folder.  The default names do not change with
the language, so a script can find them.

Exit codes: 0 written; 1 the file holds no invoice (unreadable, or a PDF without
invoice data: the supplier must send another); 2 no such file nor stored invoice,
a folder, or the rendering cannot be written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from demat.cli.command import EXIT_OK, EXIT_REJECTED, DematCommand, show_detail
from demat.cli.options import db_option, open_store
from invoices.errors import InputError, SetupError
from invoices.i18n import help_text, language, os_reason, t


def default_output(target: str, fmt: str, stored: bool) -> Path:
    """Where the rendering goes without ``--output`` (see the module's docstring)."""
    if stored:
        return Path(f"facture-{target}.{fmt}")
    path = Path(target)
    return path.with_name(f"{path.stem}.rendu.{fmt}")


def _stored(document_id: str, db_url: str | None) -> tuple[bytes, str]:
    """The original bytes of stored invoice ``document_id`` and the name it came under."""
    from invoices.store import attachments

    with open_store(db_url) as store, store.read() as session:
        files = attachments.files_of(session, int(document_id))
        if not files:
            raise SetupError("render.unknown_id", id=document_id)
        original = files[0]
        return attachments.file_bytes(store, session, original), original.name


def _write(output: str, content: str | bytes) -> None:
    if output == "-":  # click writes bytes to the binary stream beneath stdout
        click.echo(content, nl=False)
        return
    try:
        if isinstance(content, str):
            Path(output).write_text(content, encoding="utf-8")
        else:
            Path(output).write_bytes(content)
    except OSError as exc:
        raise SetupError("render.unwritable", file=output, reason=os_reason(exc)) from None
    click.echo(t("render.written", file=output))


@click.command("render", cls=DematCommand, help=help_text("render.cli_help"))
@click.argument("target", metavar="FILE|ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf"]),
    default="html",
    help=help_text("render.opt_format"),
)
@click.option("--output", "-o", "output", metavar="FILE", help=help_text("render.opt_output"))
@click.option("--lang", "lang", type=click.Choice(["fr", "en"]), help=help_text("render.opt_lang"))
@db_option
def render_cmd(
    target: str, fmt: str, output: str | None, lang: str | None, db_url: str | None
) -> None:
    from invoices.reading import read_document
    from invoices.render import describe, render_html, render_pdf

    lang = lang or language()
    stored = not os.path.exists(target) and target.isdigit()
    if not stored and not os.path.exists(target):
        raise SetupError("render.not_found", file=target)
    if os.path.isdir(target):  # a wrong argument, not a document to refuse
        raise SetupError("core.file_unreadable", file=target, reason=t("core.os_eisdir"))
    data, name = _stored(target, db_url) if stored else (None, target)
    try:
        result = read_document(data if data is not None else target, name)
    except InputError as exc:
        click.echo(exc.message(), err=True)
        show_detail(exc)
        sys.exit(EXIT_REJECTED)
    if result.invoice is None:
        click.echo(t("render.no_invoice", file=name), err=True)
        sys.exit(EXIT_REJECTED)
    source = describe(result, lang=lang)
    if fmt == "pdf":
        content: str | bytes = render_pdf(result.invoice, lang=lang, source=source)
    else:
        content = render_html(result.invoice, lang=lang, source=source)
    _write(output or str(default_output(target, fmt, stored)), content)
    sys.exit(EXIT_OK)


__all__ = ["default_output", "render_cmd"]
