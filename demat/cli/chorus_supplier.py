"""``demat send-pdf|complete|recycle|consult``: the commune as a supplier on Chorus Pro.

``send-pdf`` is for an invoice the commune issues but cannot produce as structured
data: the PDF and the data the clerk enters (a JSON file, options, or both: options
win).  ``complete`` answers a ``SUSPENDUE`` invoice we issued, ``recycle`` sends an
``A_RECYCLER`` one to another service, ``consult`` shows the platform's view.
Exit codes, as ``demat send``: 0 done (or found already done), 1 refused by the
platform (or a suspected duplicate, never sent), 2 a request to correct (missing
data, unknown id, invoice never sent), the environment, or an unknown outcome (the
platform did not answer: reconciled by the next attempt, never re-sent blindly).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from demat.cli.chorus import connector_for, failed
from demat.cli.command import (
    EXIT_ENV,
    EXIT_OK,
    EXIT_REJECTED,
    DematCommand,
    document_errors,
    usage_errors,
)
from demat.cli.options import db_option, open_store
from demat.views import chorus as view
from demat.views import issuing as issuing_view
from invoices.errors import InputError, SetupError
from invoices.i18n import help_text

if TYPE_CHECKING:
    from invoices.pipeline import EnteredInvoice

#: ``--data`` keys, and the option that overrides each.
FIELDS = (
    "number",
    "date",
    "buyer",
    "service",
    "engagement",
    "ht",
    "tva",
    "ttc",
    "credit_note",
    "vat_regime",
    "comment",
)


def _read_data(path: str | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SetupError("supplier_ops.missing_file", file=path) from None
    except (OSError, ValueError):
        raise SetupError("supplier_ops.bad_json", file=path) from None
    if not isinstance(data, dict):
        raise SetupError("supplier_ops.bad_json", file=path)
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise SetupError("supplier_ops.bad_data", field=", ".join(unknown))
    return data


def _amount(values: dict[str, Any], name: str) -> Decimal:
    raw = values.get(name)
    if raw is None or raw == "":
        raise SetupError("supplier_ops.missing_data", field=name)
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        raise SetupError("supplier_ops.bad_data", field=name) from None
    if not value.is_finite():
        raise SetupError("supplier_ops.bad_data", field=name)
    return value


def entered_from(values: dict[str, Any]) -> EnteredInvoice:
    """The clerk's data, checked: a missing or malformed field is a request to correct."""
    from invoices.pipeline import EnteredInvoice

    for name in ("number", "date", "buyer"):
        if not values.get(name):
            raise SetupError("supplier_ops.missing_data", field=name)
    try:
        issued = date.fromisoformat(str(values["date"]))
    except ValueError:
        raise SetupError("supplier_ops.bad_data", field="date") from None
    try:
        return EnteredInvoice(
            number=str(values["number"]),
            issue_date=issued,
            buyer_siret=str(values["buyer"]).replace(" ", ""),
            total_ht=_amount(values, "ht"),
            total_vat=_amount(values, "tva"),
            total_ttc=_amount(values, "ttc"),
            service_code=str(values["service"]) if values.get("service") else None,
            engagement=str(values["engagement"]) if values.get("engagement") else None,
            credit_note=bool(values.get("credit_note")),
            vat_regime=str(values.get("vat_regime") or "TVA_SUR_DEBIT"),
            comment=str(values["comment"]) if values.get("comment") else None,
        )
    except InputError as exc:
        raise SetupError(exc.key, **exc.params) from None


@click.command("send-pdf", cls=DematCommand, help=help_text("supplier_ops.cli_send_pdf_help"))
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("--data", "data_file", help=help_text("supplier_ops.cli_data"))
@click.option("--number", help=help_text("supplier_ops.cli_number"))
@click.option("--date", "issued", help=help_text("supplier_ops.cli_date"))
@click.option("--buyer", help=help_text("supplier_ops.cli_buyer"))
@click.option("--service", help=help_text("supplier_ops.cli_service"))
@click.option("--engagement", help=help_text("supplier_ops.cli_engagement"))
@click.option("--ht", help=help_text("supplier_ops.cli_ht"))
@click.option("--tva", help=help_text("supplier_ops.cli_tva"))
@click.option("--ttc", help=help_text("supplier_ops.cli_ttc"))
@click.option("--credit-note", is_flag=True, default=None, help=help_text("supplier_ops.cli_avoir"))
@click.option("--comment", help=help_text("supplier_ops.cli_comment"))
@db_option
def send_pdf_cmd(pdf: str, data_file: str | None, db_url: str | None, **options: Any) -> None:
    from invoices.pipeline import OutcomeKind, store_entered

    values = _read_data(data_file)
    options["date"] = options.pop("issued")
    values.update({k: v for k, v in options.items() if v is not None})
    entered = entered_from(values)
    try:
        data = Path(pdf).read_bytes()
    except OSError:
        raise SetupError("supplier_ops.missing_file", file=pdf) from None
    with open_store(db_url) as store, connector_for(store) as connector:
        own = connector.config.siret
        if not own:
            raise SetupError("supplier_ops.no_siret")
        with usage_errors():
            outcome = store_entered(
                store, data, Path(pdf).name, entered, seller_siret=own, actor="cli"
            )
        click.echo(outcome.message().rstrip())
        if outcome.kind is OutcomeKind.DUPLICATE or outcome.document_id is None:
            sys.exit(EXIT_REJECTED)  # a suspected duplicate is looked at, never sent
        with document_errors():
            result = connector.submit(outcome.document_id)
    for line in view.submit_lines(result):
        click.echo(line)
    if result.state == "unknown":
        sys.exit(EXIT_ENV)  # no answer: the environment's, as in `demat send`
    sys.exit(EXIT_REJECTED if failed(result) else EXIT_OK)


def _finish(result: Any) -> None:
    for line in issuing_view.action_lines(result):
        click.echo(line)
    if result.outcome == "unknown":
        sys.exit(EXIT_ENV)
    sys.exit(EXIT_REJECTED if result.outcome == "refused" else EXIT_OK)


@click.command("complete", cls=DematCommand, help=help_text("supplier_ops.cli_complete_help"))
@click.argument("invoice_id", type=int)
@click.option("--comment", help=help_text("supplier_ops.cli_comment"))
@click.option("--file", "files", multiple=True, help=help_text("supplier_ops.cli_file"))
@db_option
def complete_cmd(
    invoice_id: int, comment: str | None, files: tuple[str, ...], db_url: str | None
) -> None:
    from connectors.chorus.stored import load

    if not comment and not files:
        raise SetupError("supplier_ops.complete_needs")
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        raise SetupError("supplier_ops.missing_file", file=missing[0])
    with open_store(db_url) as store, connector_for(store) as connector, usage_errors():
        stored = load(store, invoice_id)
        result = connector.issuing.complete(stored, comment, [Path(f) for f in files])
    _finish(result)


@click.command("recycle", cls=DematCommand, help=help_text("supplier_ops.cli_recycle_help"))
@click.argument("invoice_id", type=int)
@click.option("--service", help=help_text("supplier_ops.cli_service"))
@click.option("--buyer", help=help_text("supplier_ops.cli_buyer"))
@click.option("--engagement", help=help_text("supplier_ops.cli_engagement"))
@click.option("--comment", help=help_text("supplier_ops.cli_comment"))
@db_option
def recycle_cmd(
    invoice_id: int,
    service: str | None,
    buyer: str | None,
    engagement: str | None,
    comment: str | None,
    db_url: str | None,
) -> None:
    from connectors.chorus.stored import load

    with open_store(db_url) as store, connector_for(store) as connector, usage_errors():
        stored = load(store, invoice_id)
        result = connector.issuing.recycle(
            stored,
            service_code=service,
            recipient=buyer,
            engagement=engagement,
            comment=comment,
        )
    _finish(result)


@click.command("consult", cls=DematCommand, help=help_text("supplier_ops.cli_consult_help"))
@click.argument("invoice_id", type=int)
@click.option("--json", "as_json", is_flag=True, help=help_text("chorus.cli_json"))
@db_option
def consult_cmd(invoice_id: int, as_json: bool, db_url: str | None) -> None:
    from connectors.chorus.stored import load

    with open_store(db_url) as store, connector_for(store) as connector, usage_errors():
        sheet = connector.issuing.consult(load(store, invoice_id))
    if as_json:
        click.echo(json.dumps(sheet.raw, ensure_ascii=False, indent=2, sort_keys=True))
        return
    for line in issuing_view.consult_lines(sheet):
        click.echo(line)
