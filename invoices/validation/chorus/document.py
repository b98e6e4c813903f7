"""The rules on the document itself: type code, framework, payment means, profile,
file and attachment sizes and names (API.md 2.3, 5.7, 6.2, 6.3).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stdnum import iban as std_iban

from invoices.i18n import t
from invoices.syntax import Syntax
from invoices.validation.chorus.base import (
    Context,
    Hit,
    _text,
)
from invoices.validation.chorus.facts import (
    _FRAMEWORK_CODE,
    ACCEPTED_FRAMEWORKS,
    ACCEPTED_TYPE_CODES,
    ALLOWED_EXTENSIONS,
    CREDIT_TRANSFER_MEANS,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_NAME,
    MAX_FLOW_FILE_BYTES,
    MAX_INVOICE_BYTES,
    UNCONFIRMED_PROFILES,
)


def _type_code(ctx: Context) -> Iterator[Hit]:
    code = _text(ctx.invoice.type_code)
    if code not in ACCEPTED_TYPE_CODES:
        yield Hit({"code": code or "-", "accepted": ", ".join(ACCEPTED_TYPE_CODES)})


def _framework(ctx: Context) -> Iterator[Hit]:
    value = _text(ctx.invoice.process_id)
    if (
        value
        and _FRAMEWORK_CODE.match(value)
        and value not in ACCEPTED_FRAMEWORKS
        and value not in ACCEPTED_FRAMEWORKS.values()
    ):
        yield Hit({"code": value, "accepted": ", ".join(ACCEPTED_FRAMEWORKS)})


def _framework_foreign(ctx: Context) -> Iterator[Hit]:
    value = _text(ctx.invoice.process_id)
    if value and not _FRAMEWORK_CODE.match(value):
        yield Hit({"code": value, "accepted": ", ".join(ACCEPTED_FRAMEWORKS)})


def _transfer_has_iban(ctx: Context) -> Iterator[Hit]:
    payment = ctx.invoice.payment
    if (
        payment is None
        or _text(payment.means_code) not in CREDIT_TRANSFER_MEANS
        or ctx.invoice.is_credit_note
    ):  # a refund pays nothing into the supplier's account
        return
    if not any(_text(ct.account_id) for ct in payment.credit_transfers):
        yield Hit({"code": _text(payment.means_code)})


def _iban_valid(ctx: Context) -> Iterator[Hit]:
    payment = ctx.invoice.payment
    if payment is None or _text(payment.means_code) not in CREDIT_TRANSFER_MEANS:
        return
    for i, ct in enumerate(payment.credit_transfers, start=1):
        if _text(ct.account_id) and not std_iban.is_valid(ct.account_id):
            yield Hit(
                {"value": ct.account_id}, index=i if len(payment.credit_transfers) > 1 else None
            )


def _profile_confirmed(ctx: Context) -> Iterator[Hit]:
    profile = ctx.doc.detection.profile
    if (
        ctx.doc.detection.syntax in (Syntax.CII, Syntax.FACTURX_PDF)
        and profile in UNCONFIRMED_PROFILES
    ):
        yield Hit({"profile": str(profile)})


def _file_size(ctx: Context) -> Iterator[Hit]:
    size = len(ctx.doc.data)
    if size > MAX_INVOICE_BYTES:
        yield Hit({"size": size, "limit": MAX_INVOICE_BYTES})


def _flow_file_size(ctx: Context) -> Iterator[Hit]:
    size = len(ctx.doc.data)
    if MAX_FLOW_FILE_BYTES < size <= MAX_INVOICE_BYTES:
        yield Hit({"size": size, "limit": MAX_FLOW_FILE_BYTES})


def _files(ctx: Context) -> Iterator[tuple[int, Any]]:
    """Attachments carried in the invoice (an external URI alone is not a file)."""
    for i, att in enumerate(ctx.invoice.attachments, start=1):
        if att.content is not None:
            yield i, att


def _att_name(att: Any) -> str:
    return _text(att.filename) or _text(att.id) or t("chorus_rules.unnamed")


def _attachment_size(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        if len(att.content) > MAX_ATTACHMENT_BYTES:
            yield Hit(
                {"name": _att_name(att), "size": len(att.content), "limit": MAX_ATTACHMENT_BYTES},
                index=i,
            )


def _attachment_empty(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        if not att.content:
            yield Hit({"name": _att_name(att)}, index=i)


def _attachment_name_length(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        name = att.filename or ""
        if len(name) > MAX_ATTACHMENT_NAME:
            yield Hit({"name": name, "length": len(name), "limit": MAX_ATTACHMENT_NAME}, index=i)


def _attachment_extension(ctx: Context) -> Iterator[Hit]:
    for i, att in _files(ctx):
        name = _text(att.filename)
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or ext.lower() not in ALLOWED_EXTENSIONS:
            yield Hit(
                {"name": name or t("chorus_rules.unnamed"), "id": _text(att.id) or str(i)}, index=i
            )
