"""The rules on who invoices whom: identification of the seller, the buyer and
the payee (API.md 6.1, 6.3), and the recipient's requirements: service code,
engagement number (API.md 4.2).
"""

from __future__ import annotations

from collections.abc import Iterator

from invoices.i18n import t, word
from invoices.identifiers import siren as siren_id
from invoices.identifiers import siret as siret_id
from invoices.validation.chorus.base import (
    Context,
    Hit,
    _found,
    _is_public,
    _party_ids,
    _seller_country,
    _text,
)
from invoices.validation.chorus.facts import (
    MAX_ENGAGEMENT,
    SCHEME_SIREN,
    SCHEME_SIRET,
)
from invoices.validation.structures import (
    PUBLIC_INVOICES_SERVICE,
)


def _seller_identified(ctx: Context) -> Iterator[Hit]:
    seller = ctx.invoice.seller
    country = _seller_country(ctx.invoice)
    if country not in (None, "FR"):
        return
    if not any(
        i.scheme in (SCHEME_SIRET, SCHEME_SIREN) and _text(i.value)
        for i in seller.all_identifiers()
    ):
        yield Hit(_found(seller.legal_id))


def _seller_siret_only_siren(ctx: Context) -> Iterator[Hit]:
    seller = ctx.invoice.seller
    if _seller_country(ctx.invoice) not in (None, "FR"):
        return
    schemes = {i.scheme for i in seller.all_identifiers() if _text(i.value)}
    if SCHEME_SIREN in schemes and SCHEME_SIRET not in schemes:
        yield Hit({"siren": seller.siren or ""})


def _foreign_seller_identified(ctx: Context) -> Iterator[Hit]:
    country = _seller_country(ctx.invoice)
    if country in (None, "FR"):
        return
    seller = ctx.invoice.seller
    if not _text(seller.vat_id) and not any(_text(i.value) for i in seller.all_identifiers()):
        yield Hit({"country": country})


def _buyer_siret(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.invoice.buyer
    if not _text(buyer.siret):
        yield Hit(_found(buyer.legal_id))


def _siret_checksums(ctx: Context) -> Iterator[Hit]:
    for role, term, ident in _party_ids(ctx.invoice):
        if ident.scheme == SCHEME_SIRET and not siret_id.is_valid(ident.value or ""):
            yield Hit({"value": ident.value, "role": t(f"chorus_rules.role_{role}")}, at=term)


def _siren_checksums(ctx: Context) -> Iterator[Hit]:
    for role, term, ident in _party_ids(ctx.invoice):
        if ident.scheme == SCHEME_SIREN and not siren_id.is_valid(ident.value or ""):
            yield Hit({"value": ident.value, "role": t(f"chorus_rules.role_{role}")}, at=term)


def _siret_matches_siren(ctx: Context) -> Iterator[Hit]:
    parties = [("seller", ctx.invoice.seller, "BT-30"), ("buyer", ctx.invoice.buyer, "BT-47")]
    for role, party, term in parties:
        sirens = {_text(i.value) for i in party.all_identifiers() if i.scheme == SCHEME_SIREN}
        sirets = {_text(i.value) for i in party.all_identifiers() if i.scheme == SCHEME_SIRET}
        for siret in sorted(sirets):
            for siren in sorted(sirens):
                if siren and siret and not siret_id.belongs_to(siret, siren):
                    yield Hit(
                        {"siret": siret, "siren": siren, "role": t(f"chorus_rules.role_{role}")},
                        at=term,
                    )


# The recipient (API.md 4.2, 6.1)


def _buyer_known(ctx: Context) -> Iterator[Hit]:
    siret = _text(ctx.invoice.buyer.siret)
    if siret and ctx.buyer is None:
        source = ctx.structures.source if ctx.structures is not None else None
        yield Hit({"siret": siret, "source": word("source", source)})


def _buyer_active(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if buyer is not None and not buyer.active:
        yield Hit({"siret": buyer.siret, "name": buyer.name or ""})


def _service_code(ctx: Context) -> str:
    return _text(ctx.invoice.buyer_reference)


def _engagement(ctx: Context) -> str:
    return _text(ctx.invoice.purchase_order)


def _service_required(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if (
        buyer is not None
        and buyer.service_code_required
        and not buyer.service_or_engagement
        and not _service_code(ctx)
    ):
        yield Hit(
            {
                "siret": buyer.siret,
                "name": buyer.name or "",
                "services": ", ".join(buyer.active_service_codes()) or "-",
            }
        )


def _service_not_public_catchall(ctx: Context) -> Iterator[Hit]:
    if _service_code(ctx).upper() == PUBLIC_INVOICES_SERVICE and not _is_public(
        ctx.invoice.seller, ctx.structures
    ):
        yield Hit({"code": _service_code(ctx)})


def _service_known(ctx: Context) -> Iterator[Hit]:
    buyer, code = ctx.buyer, _service_code(ctx)
    if buyer is None or not code or code.upper() == PUBLIC_INVOICES_SERVICE:
        return
    if buyer.services and buyer.service(code) is None:
        yield Hit(
            {
                "code": code,
                "siret": buyer.siret,
                "name": buyer.name or "",
                "services": ", ".join(buyer.active_service_codes()) or "-",
            }
        )


def _service_active(ctx: Context) -> Iterator[Hit]:
    buyer, code = ctx.buyer, _service_code(ctx)
    service = buyer.service(code) if buyer is not None and code else None
    if service is not None and not service.active:
        yield Hit(
            {
                "code": code,
                "siret": buyer.siret if buyer else "",
                "services": ", ".join(buyer.active_service_codes()) if buyer else "-",
            }
        )


def _services_unknown(ctx: Context) -> Iterator[Hit]:
    buyer, code = ctx.buyer, _service_code(ctx)
    if (
        buyer is not None
        and code
        and not buyer.services
        and code.upper() != PUBLIC_INVOICES_SERVICE
    ):
        yield Hit({"code": code, "siret": buyer.siret})


def _engagement_required(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if buyer is None or _engagement(ctx):
        return
    service = buyer.service(_service_code(ctx)) if _service_code(ctx) else None
    if service is not None and service.engagement_required:
        yield Hit({"who": t("chorus_rules.who_service", code=service.code, siret=buyer.siret)})
    elif buyer.engagement_required and not buyer.service_or_engagement:
        yield Hit(
            {"who": t("chorus_rules.who_structure", siret=buyer.siret, name=buyer.name or "-")}
        )


def _engagement_length(ctx: Context) -> Iterator[Hit]:
    ej = _engagement(ctx)
    if len(ej) > MAX_ENGAGEMENT:
        yield Hit({"length": len(ej), "limit": MAX_ENGAGEMENT})


def _engagement_known(ctx: Context) -> Iterator[Hit]:
    buyer, ej = ctx.buyer, _engagement(ctx)
    if buyer is not None and ej and buyer.engagements and ej not in buyer.engagements:
        yield Hit({"number": ej, "siret": buyer.siret})


def _service_or_engagement(ctx: Context) -> Iterator[Hit]:
    buyer = ctx.buyer
    if (
        buyer is not None
        and buyer.service_or_engagement
        and not _service_code(ctx)
        and not _engagement(ctx)
    ):
        yield Hit({"siret": buyer.siret, "name": buyer.name or ""})
