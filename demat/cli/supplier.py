"""``demat supplier confirm-iban|list|show|verify``: the supplier register.

A payee account is trusted once a person (two different people with ``[guard]
two_person = true``) has confirmed it out of band; confirming releases the
invoices held for it.  ``verify`` finds confirmations that have no audit record.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from demat.cli.command import EXIT_OK, EXIT_REJECTED, DematGroup, document_errors
from demat.cli.options import db_option, open_store
from invoices.errors import InputError
from invoices.i18n import help_text, t


@contextmanager
def held_refused() -> Iterator[None]:
    """A paying step asked for a held invoice: the reason and exit 1 (the document
    is refused for now; nothing is wrong with the request itself)."""
    from invoices.guard import HeldInvoice

    try:
        yield
    except HeldInvoice as exc:
        click.echo(exc.message(), err=True)
        sys.exit(EXIT_REJECTED)


@click.group("supplier", cls=DematGroup, help=help_text("guard.help"))
def supplier_group() -> None:
    pass


@supplier_group.command("confirm-iban", help=help_text("guard.help_confirm"))
@click.argument("seller")
@click.argument("iban")
@click.option("--by", "by", required=True, help=help_text("guard.opt_by"))
@click.option("--how", "how", required=True, help=help_text("guard.opt_how"))
@click.option("--bic", help=help_text("guard.opt_bic"))
@db_option
def confirm_cmd(
    seller: str, iban: str, by: str, how: str, bic: str | None, db_url: str | None
) -> None:
    from invoices.guard import confirm_iban, load_guard

    needed = load_guard().confirmations_needed
    with open_store(db_url) as store, document_errors(), store.write() as session:
        done = confirm_iban(session, seller, iban, by=by, how=how, needed=needed, bic=bic)
    click.echo(t("guard.confirmed", iban=done.iban, seller=done.seller, by=by))
    if not done.complete:
        click.echo(t("guard.needs_more", left=done.needed - len(done.by)))
    if done.released:
        click.echo(t("guard.released", ids=", ".join(str(i) for i in done.released)))


@supplier_group.command("list", help=help_text("guard.help_list"))
@db_option
def list_cmd(db_url: str | None) -> None:
    from invoices.guard import load_guard
    from invoices.guard.register import confirmers, suppliers

    needed = load_guard().confirmations_needed
    with open_store(db_url) as store, store.read() as session:
        found = suppliers(session)
        if not found:
            click.echo(t("guard.none"))
        for sup in found:
            ok = sum(1 for a in sup.accounts if len(confirmers(session, a)) >= needed)
            click.echo(
                t(
                    "guard.list_line",
                    seller=sup.seller_key,
                    name=sup.name or "-",
                    accounts=len(sup.accounts),
                    confirmed=ok,
                )
            )


@supplier_group.command("show", help=help_text("guard.help_show"))
@click.argument("seller")
@db_option
def show_cmd(seller: str, db_url: str | None) -> None:
    from invoices.guard import load_guard
    from invoices.guard.register import confirmers, find_supplier, key_of

    needed = load_guard().confirmations_needed
    with open_store(db_url) as store, document_errors(), store.read() as session:
        sup = find_supplier(session, key_of(seller))
        if sup is None:
            raise InputError("guard.unknown_supplier", file=seller)
        click.echo(t("guard.show_head", seller=sup.seller_key, name=sup.name or ""))
        for account in sup.accounts:
            people = confirmers(session, account)
            state = "guard.state_confirmed" if len(people) >= needed else "guard.state_unconfirmed"
            click.echo(
                t("guard.show_account", iban=account.iban, bic=account.bic or "", state=t(state))
            )
            for conf in account.confirmations:
                forged = "" if conf.confirmed_by in people else t("guard.forged_mark")
                at = conf.confirmed_at.isoformat(timespec="seconds")
                click.echo(
                    t(
                        "guard.show_confirmation",
                        by=conf.confirmed_by,
                        at=at,
                        how=conf.how,
                        forged=forged,
                    )
                )


@supplier_group.command("verify", help=help_text("guard.help_verify"))
@db_option
def verify_cmd(db_url: str | None) -> None:
    from sqlalchemy import func, select

    from invoices.guard import verify_register
    from invoices.store.suppliers import SupplierConfirmation

    with open_store(db_url) as store, store.read() as session:
        forged = verify_register(session)
        count = session.scalar(select(func.count()).select_from(SupplierConfirmation)) or 0
    for bad in forged:
        click.echo(
            t(
                "guard.verify_forged",
                id=bad.confirmation_id,
                iban=bad.iban,
                seller=bad.seller,
                by=bad.by,
            ),
            err=True,
        )
    if not forged:
        click.echo(t("guard.verify_ok", count=count))
    sys.exit(EXIT_REJECTED if forged else EXIT_OK)
