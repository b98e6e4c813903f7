"""The EN 16931 semantic model of an invoice, as immutable typed dataclasses.

Every field names the business term (BT-n) or group (BG-n) it holds, in the
field's metadata: reports, the CLI and the JSON export speak those names, which
are the ones the official rules and the Chorus Pro documentation use.

Some groups have the same shape in several places with different term numbers
(a seller's and a buyer's address, a document-level allowance and a charge...).
They are one class here; the field that holds them says which *role* they play,
and the metadata of their own fields maps each role to its term number.

Money, quantities and rates are :class:`~decimal.Decimal` (never float: a clerk's
total must be exact to the cent), dates are :class:`~datetime.date`, and code list
values are plain strings (checked by the validation layers, not here).
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from invoices.identifiers import siren as _siren
from invoices.identifiers import siret as _siret


def term(
    name: str | Mapping[str, str],
    *,
    role: str | None = None,
    default: Any = None,
    factory: Any = None,
) -> Any:
    """A dataclass field tagged with its EN 16931 term.

    ``name`` is the term (``"BT-1"``) or, for a field of a shared group, a mapping
    role -> term (``{"seller": "BT-27", "buyer": "BT-44"}``).  ``role`` is given
    on fields that hold a shared group and names the role it plays there.
    """
    metadata = {"term": name, "role": role}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


# --------------------------------------------------------------------------- parts


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier and its scheme (ISO 6523 ICD, e.g. 0009 = SIRET, 0002 = SIREN;
    or an EAS code for electronic addresses)."""

    value: str
    scheme: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    line1: str | None = term(
        {"seller": "BT-35", "buyer": "BT-50", "tax_representative": "BT-64", "delivery": "BT-75"}
    )
    line2: str | None = term(
        {"seller": "BT-36", "buyer": "BT-51", "tax_representative": "BT-65", "delivery": "BT-76"}
    )
    line3: str | None = term(
        {
            "seller": "BT-162",
            "buyer": "BT-163",
            "tax_representative": "BT-164",
            "delivery": "BT-165",
        }
    )
    city: str | None = term(
        {"seller": "BT-37", "buyer": "BT-52", "tax_representative": "BT-66", "delivery": "BT-77"}
    )
    postcode: str | None = term(
        {"seller": "BT-38", "buyer": "BT-53", "tax_representative": "BT-67", "delivery": "BT-78"}
    )
    subdivision: str | None = term(
        {"seller": "BT-39", "buyer": "BT-54", "tax_representative": "BT-68", "delivery": "BT-79"}
    )
    country: str | None = term(
        {"seller": "BT-40", "buyer": "BT-55", "tax_representative": "BT-69", "delivery": "BT-80"}
    )


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None = term({"seller": "BT-41", "buyer": "BT-56"})
    phone: str | None = term({"seller": "BT-42", "buyer": "BT-57"})
    email: str | None = term({"seller": "BT-43", "buyer": "BT-58"})


_ADDRESS_GROUP = {"seller": "BG-5", "buyer": "BG-8", "tax_representative": "BG-12"}
_CONTACT_GROUP = {"seller": "BG-6", "buyer": "BG-9"}


@dataclass(frozen=True, slots=True)
class Party:
    """Seller BG-4, buyer BG-7, payee BG-10 or seller's tax representative BG-11."""

    name: str | None = term(
        {"seller": "BT-27", "buyer": "BT-44", "payee": "BT-59", "tax_representative": "BT-62"}
    )
    trading_name: str | None = term({"seller": "BT-28", "buyer": "BT-45"})
    identifiers: tuple[Identifier, ...] = term(
        {"seller": "BT-29", "buyer": "BT-46", "payee": "BT-60"}, factory=tuple
    )
    #: Legal registration identifier; in France the SIREN (scheme 0002) or the
    #: SIRET (scheme 0009) that Chorus Pro uses to route the invoice.
    legal_id: Identifier | None = term({"seller": "BT-30", "buyer": "BT-47", "payee": "BT-61"})
    vat_id: str | None = term({"seller": "BT-31", "buyer": "BT-48", "tax_representative": "BT-63"})
    tax_registration_id: str | None = term({"seller": "BT-32"})
    legal_info: str | None = term({"seller": "BT-33"})
    electronic_address: Identifier | None = term({"seller": "BT-34", "buyer": "BT-49"})
    address: Address | None = term(_ADDRESS_GROUP, role="*")
    contact: Contact | None = term(_CONTACT_GROUP, role="*")

    @property
    def siret(self) -> str | None:
        """The SIRET among the legal and other identifiers, if any."""
        for ident in self.all_identifiers():
            if ident.scheme == _siret.SCHEME:
                return ident.value
        return None

    @property
    def siren(self) -> str | None:
        """The SIREN among the identifiers, else the one the SIRET starts with."""
        for ident in self.all_identifiers():
            if ident.scheme == _siren.SCHEME:
                return ident.value
        number = self.siret
        return _siret.siren_of(number) if number else None

    def all_identifiers(self) -> Iterator[Identifier]:
        if self.legal_id is not None:
            yield self.legal_id
        yield from self.identifiers


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None = term({"invoice": "BT-73", "line": "BT-134"})
    end: date | None = term({"invoice": "BT-74", "line": "BT-135"})


@dataclass(frozen=True, slots=True)
class Delivery:
    """BG-13 delivery information."""

    party_name: str | None = term("BT-70")
    location_id: Identifier | None = term("BT-71")
    delivery_date: date | None = term("BT-72")
    address: Address | None = term("BG-15", role="delivery")


@dataclass(frozen=True, slots=True)
class Note:
    """BG-1 invoice note."""

    text: str = term("BT-22", default="")
    subject_code: str | None = term("BT-21")


@dataclass(frozen=True, slots=True)
class PrecedingInvoice:
    """BG-3 preceding invoice reference (mandatory on a credit note in France)."""

    number: str = term("BT-25", default="")
    issue_date: date | None = term("BT-26")


@dataclass(frozen=True, slots=True)
class CreditTransfer:
    """BG-17 credit transfer."""

    account_id: str = term("BT-84", default="")  # IBAN
    account_name: str | None = term("BT-85")
    bank_id: str | None = term("BT-86")  # BIC


@dataclass(frozen=True, slots=True)
class Card:
    """BG-18 payment card information."""

    pan: str = term("BT-87", default="")
    holder: str | None = term("BT-88")


@dataclass(frozen=True, slots=True)
class DirectDebit:
    """BG-19 direct debit."""

    mandate_reference: str | None = term("BT-89")
    creditor_id: str | None = term("BT-90")
    debited_account: str | None = term("BT-91")


@dataclass(frozen=True, slots=True)
class PaymentInstructions:
    """BG-16 payment instructions."""

    means_code: str | None = term("BT-81")
    means_text: str | None = term("BT-82")
    remittance_info: str | None = term("BT-83")
    credit_transfers: tuple[CreditTransfer, ...] = term("BG-17", factory=tuple)
    card: Card | None = term("BG-18")
    direct_debit: DirectDebit | None = term("BG-19")


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """Document-level allowance BG-20 / charge BG-21, line allowance BG-27 / charge BG-28."""

    amount: Decimal = term(
        {
            "allowance": "BT-92",
            "charge": "BT-99",
            "line_allowance": "BT-136",
            "line_charge": "BT-141",
        },
        default=Decimal(0),
    )
    base_amount: Decimal | None = term(
        {
            "allowance": "BT-93",
            "charge": "BT-100",
            "line_allowance": "BT-137",
            "line_charge": "BT-142",
        }
    )
    percentage: Decimal | None = term(
        {
            "allowance": "BT-94",
            "charge": "BT-101",
            "line_allowance": "BT-138",
            "line_charge": "BT-143",
        }
    )
    vat_category: str | None = term({"allowance": "BT-95", "charge": "BT-102"})
    vat_rate: Decimal | None = term({"allowance": "BT-96", "charge": "BT-103"})
    reason: str | None = term(
        {
            "allowance": "BT-97",
            "charge": "BT-104",
            "line_allowance": "BT-139",
            "line_charge": "BT-144",
        }
    )
    reason_code: str | None = term(
        {
            "allowance": "BT-98",
            "charge": "BT-105",
            "line_allowance": "BT-140",
            "line_charge": "BT-145",
        }
    )


@dataclass(frozen=True, slots=True)
class Totals:
    """BG-22 document totals."""

    line_total: Decimal | None = term("BT-106")
    allowance_total: Decimal | None = term("BT-107")
    charge_total: Decimal | None = term("BT-108")
    tax_exclusive: Decimal | None = term("BT-109")
    vat_total: Decimal | None = term("BT-110")
    vat_total_accounting: Decimal | None = term("BT-111")
    tax_inclusive: Decimal | None = term("BT-112")
    prepaid: Decimal | None = term("BT-113")
    rounding: Decimal | None = term("BT-114")
    payable: Decimal | None = term("BT-115")


@dataclass(frozen=True, slots=True)
class VatBreakdown:
    """BG-23 VAT breakdown, one per category and rate."""

    category: str = term("BT-118", default="")
    rate: Decimal | None = term("BT-119")
    taxable_amount: Decimal = term("BT-116", default=Decimal(0))
    tax_amount: Decimal = term("BT-117", default=Decimal(0))
    exemption_reason: str | None = term("BT-120")
    exemption_code: str | None = term("BT-121")


@dataclass(frozen=True, slots=True)
class Attachment:
    """BG-24 additional supporting document; BT-125 content kept as the raw bytes."""

    id: str = term("BT-122", default="")
    description: str | None = term("BT-123")
    uri: str | None = term("BT-124")
    content: bytes | None = term("BT-125")
    mime_code: str | None = term("BT-125-1")
    filename: str | None = term("BT-125-2")


@dataclass(frozen=True, slots=True)
class ItemAttribute:
    """BG-32 item attribute."""

    name: str = term("BT-160", default="")
    value: str = term("BT-161", default="")


@dataclass(frozen=True, slots=True)
class Item:
    """BG-31 item information."""

    name: str = term("BT-153", default="")
    description: str | None = term("BT-154")
    seller_id: str | None = term("BT-155")
    buyer_id: str | None = term("BT-156")
    standard_id: Identifier | None = term("BT-157")
    classifications: tuple[Identifier, ...] = term("BT-158", factory=tuple)
    origin_country: str | None = term("BT-159")
    attributes: tuple[ItemAttribute, ...] = term("BG-32", factory=tuple)


@dataclass(frozen=True, slots=True)
class Price:
    """BG-29 price details."""

    net: Decimal | None = term("BT-146")
    discount: Decimal | None = term("BT-147")
    gross: Decimal | None = term("BT-148")
    base_quantity: Decimal | None = term("BT-149")
    base_quantity_unit: str | None = term("BT-150")


@dataclass(frozen=True, slots=True)
class LineVat:
    """BG-30 line VAT information."""

    category: str | None = term("BT-151")
    rate: Decimal | None = term("BT-152")


@dataclass(frozen=True, slots=True)
class Line:
    """BG-25 invoice line."""

    id: str = term("BT-126", default="")
    note: str | None = term("BT-127")
    object_id: Identifier | None = term("BT-128")
    quantity: Decimal | None = term("BT-129")
    unit: str | None = term("BT-130")
    net_amount: Decimal | None = term("BT-131")
    order_line_ref: str | None = term("BT-132")
    accounting_ref: str | None = term("BT-133")
    period: Period | None = term("BG-26", role="line")
    allowances: tuple[AllowanceCharge, ...] = term("BG-27", role="line_allowance", factory=tuple)
    charges: tuple[AllowanceCharge, ...] = term("BG-28", role="line_charge", factory=tuple)
    price: Price | None = term("BG-29")
    vat: LineVat | None = term("BG-30")
    item: Item | None = term("BG-31")


# --------------------------------------------------------------------------- invoice


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice or credit note, whatever syntax it came in."""

    number: str = term("BT-1", default="")
    issue_date: date | None = term("BT-2")
    type_code: str | None = term("BT-3")
    currency: str | None = term("BT-5")
    tax_currency: str | None = term("BT-6")
    tax_point_date: date | None = term("BT-7")
    tax_point_code: str | None = term("BT-8")
    due_date: date | None = term("BT-9")
    #: BT-10, the buyer reference: the Chorus Pro *code service*.
    buyer_reference: str | None = term("BT-10")
    project_reference: str | None = term("BT-11")
    contract_reference: str | None = term("BT-12")
    #: BT-13, the purchase order reference: the Chorus Pro *numéro d'engagement*.
    purchase_order: str | None = term("BT-13")
    sales_order: str | None = term("BT-14")
    receiving_advice: str | None = term("BT-15")
    despatch_advice: str | None = term("BT-16")
    tender_reference: str | None = term("BT-17")
    invoiced_object: Identifier | None = term("BT-18")
    buyer_accounting_ref: str | None = term("BT-19")
    payment_terms: str | None = term("BT-20")
    notes: tuple[Note, ...] = term("BG-1", factory=tuple)
    process_id: str | None = term("BT-23")
    #: BT-24, the specification identifier: tells the profile.
    specification_id: str | None = term("BT-24")
    preceding_invoices: tuple[PrecedingInvoice, ...] = term("BG-3", factory=tuple)
    seller: Party = term("BG-4", role="seller", factory=Party)
    buyer: Party = term("BG-7", role="buyer", factory=Party)
    payee: Party | None = term("BG-10", role="payee")
    tax_representative: Party | None = term("BG-11", role="tax_representative")
    delivery: Delivery | None = term("BG-13")
    invoicing_period: Period | None = term("BG-14", role="invoice")
    payment: PaymentInstructions | None = term("BG-16")
    allowances: tuple[AllowanceCharge, ...] = term("BG-20", role="allowance", factory=tuple)
    charges: tuple[AllowanceCharge, ...] = term("BG-21", role="charge", factory=tuple)
    totals: Totals = term("BG-22", factory=Totals)
    vat_breakdown: tuple[VatBreakdown, ...] = term("BG-23", factory=tuple)
    attachments: tuple[Attachment, ...] = term("BG-24", factory=tuple)
    lines: tuple[Line, ...] = term("BG-25", factory=tuple)

    @property
    def is_credit_note(self) -> bool:
        # UNTDID 1001 credit note codes accepted by EN 16931.
        return self.type_code in {
            "81",
            "83",
            "261",
            "262",
            "296",
            "308",
            "381",
            "396",
            "420",
            "458",
            "532",
        }


# --------------------------------------------------------------------------- terms


def term_of(owner: type, name: str, role: str | None = None) -> str | None:
    """The BT/BG term of field ``name`` of dataclass ``owner`` in ``role``."""
    for f in dataclasses.fields(owner):
        if f.name == name:
            return _resolve(f.metadata.get("term"), role)
    raise KeyError(f"{owner.__name__} has no field {name!r}")


def _resolve(name: str | Mapping[str, str] | None, role: str | None) -> str | None:
    if name is None or isinstance(name, str):
        return name
    return name.get(role or "")


def _jsonable(value: Any, role: str | None) -> Any:
    if value is None:
        return None
    if isinstance(value, Identifier):
        return {"id": value.value, "scheme": value.scheme} if value.scheme else value.value
    if dataclasses.is_dataclass(value):
        return to_terms(value, role)
    if isinstance(value, tuple):
        return [_jsonable(v, role) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def to_terms(obj: Any, role: str | None = None) -> dict[str, Any]:
    """The model as a JSON-ready dict keyed by BT/BG names, amounts as strings.

    Empty values are left out, so the export shows what the invoice says.
    """
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None or value == ():
            continue
        child_role = f.metadata.get("role")
        if child_role == "*":
            child_role = role
        key = _resolve(f.metadata.get("term"), role) or f.name
        out[key] = _jsonable(value, child_role or role)
    return out
