"""What the platform reads from a deposited file: the routing and control data of each invoice.

Chorus Pro integrates a flow by reading, for every invoice ("demande de paiement") in
it, the parties, the routing references (service code, legal commitment), the dates and
the totals.  This module expands ``zip`` / ``tar.gz`` batches, checks that each file is
what the declared ``syntaxeFlux`` says (UBL 2.1, CII D16B, Factur-X PDF), and takes the
data from the project's readers (:func:`invoices.reading.read_document`, which parses every
XML through :func:`invoices.xmlsafe.parse`): one reading of invoices in the project, and
the checks the platform applies live in :mod:`.integration`.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from emulators.chorus import platform
from invoices.errors import InputError
from invoices.model import Invoice, Party
from invoices.reading import read_document
from invoices.syntax import Syntax

#: ``syntaxeFlux`` values the emulator integrates, and the container each expects.
SUPPORTED = platform.CONTAINERS
#: Batches: at most this many members and this many bytes once expanded.
MAX_MEMBERS = platform.MAX_BATCH_MEMBERS
MAX_EXPANDED = platform.MAX_BATCH_EXPANDED_BYTES
SIRET_SCHEME = "0009"


class ContainerError(Exception):
    """The flow cannot be read at all (irrecevable): a ``listeErreurTechnique`` entry."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Line:
    number: int
    reference: str | None
    name: str | None
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    net: Decimal | None
    vat_rate: Decimal | None


@dataclass
class VatLine:
    rate: Decimal | None
    base: Decimal | None
    amount: Decimal | None


@dataclass
class Demand:
    """One invoice of a flow, as the platform reads it."""

    member: str  # file name inside the flow
    syntax: str  # ubl | cii | facturx
    original: bytes  # the invoice file as deposited (PDF for Factur-X)
    xml: bytes
    number: str | None = None
    issue_date: date | None = None
    type_code: str | None = None
    currency: str | None = None
    supplier_id: str | None = None
    supplier_scheme: str | None = None
    supplier_name: str | None = None
    recipient_id: str | None = None
    recipient_scheme: str | None = None
    recipient_name: str | None = None
    service_code: str | None = None
    engagement: str | None = None
    contract: str | None = None
    framework: str | None = None
    preceding: str | None = None
    due_date: date | None = None
    payment_means: str | None = None
    iban: str | None = None
    total_ht: Decimal | None = None
    total_vat: Decimal | None = None
    total_ttc: Decimal | None = None
    payable: Decimal | None = None
    lines: list[Line] = field(default_factory=list)
    vat: list[VatLine] = field(default_factory=list)


def _siret(party: Party | None) -> tuple[str | None, str | None]:
    """The party's SIRET: its legal id (BT-30/47) else a scheme-0009 identifier (BT-29/46)."""
    if party is None:
        return None, None
    if party.legal_id is not None and party.legal_id.value.strip():
        return party.legal_id.value.strip(), party.legal_id.scheme
    for ident in party.identifiers:
        if ident.scheme == SIRET_SCHEME and ident.value.strip():
            return ident.value.strip(), SIRET_SCHEME
    return None, None


def _demand(invoice: Invoice, member: str, kind: str, data: bytes, xml: bytes) -> Demand:
    """The platform's reading of one invoice, from the project's EN 16931 model."""
    demand = Demand(member=member, syntax=kind, original=data, xml=xml)
    demand.number = invoice.number.strip() or None
    demand.issue_date = invoice.issue_date
    demand.type_code = invoice.type_code
    demand.currency = invoice.currency
    demand.supplier_id, demand.supplier_scheme = _siret(invoice.seller)
    demand.supplier_name = invoice.seller.name
    demand.recipient_id, demand.recipient_scheme = _siret(invoice.buyer)
    demand.recipient_name = invoice.buyer.name
    demand.service_code = invoice.buyer_reference or None
    demand.engagement = invoice.purchase_order or None
    demand.contract = invoice.contract_reference or None
    demand.framework = invoice.process_id or None
    demand.preceding = invoice.preceding_invoices[0].number if invoice.preceding_invoices else None
    demand.due_date = invoice.due_date
    payment = invoice.payment
    if payment is not None:
        demand.payment_means = payment.means_code
        transfers = [t.account_id for t in payment.credit_transfers if t.account_id]
        demand.iban = transfers[0] if transfers else None
    totals = invoice.totals
    demand.total_ht = totals.tax_exclusive
    demand.total_vat = totals.vat_total
    demand.total_ttc = totals.tax_inclusive
    demand.payable = totals.payable
    for index, line in enumerate(invoice.lines, 1):
        demand.lines.append(
            Line(
                number=index,
                reference=line.id or None,
                name=line.item.name if line.item else None,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.price.net if line.price else None,
                net=line.net_amount,
                vat_rate=line.vat.rate if line.vat else None,
            )
        )
    for vat in invoice.vat_breakdown:
        demand.vat.append(VatLine(rate=vat.rate, base=vat.taxable_amount, amount=vat.tax_amount))
    return demand


#: What the project's detection must find for each declared ``syntaxeFlux``.
EXPECTED = {
    "ubl": {Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE},
    "cii": {Syntax.CII},
    "facturx": {Syntax.FACTURX_PDF},
}


def read_member(data: bytes, member: str, syntaxe: str) -> Demand:
    """One invoice file of a flow, read as the declared syntax (or ContainerError).

    The file is read by the project's readers (:func:`invoices.reading.read_document`), the
    same code that reads what we receive; the platform's own part here is the envelope
    check (does the content match the declared ``syntaxeFlux``?) and its error wording.
    """
    kind = SUPPORTED.get(syntaxe)
    if kind is None:
        raise ContainerError(
            "SYNTAXE_NON_TRAITEE", f"La syntaxe {syntaxe} n'est pas intégrée par cet émulateur."
        )
    if kind == "facturx" and not data.lstrip()[:5].startswith(b"%PDF"):
        raise ContainerError("FORMAT_INVALIDE", f"{member} : le fichier n'est pas un PDF.")
    try:
        result = read_document(data, name=member)
    except InputError as exc:
        code = "FACTURX_SANS_XML" if kind == "facturx" else "XML_INVALIDE"
        raise ContainerError(code, exc.message("fr")) from None
    found = result.detection.syntax
    if kind == "facturx" and (found is Syntax.PDF or result.invoice is None):
        raise ContainerError(
            "FACTURX_SANS_XML",
            f"{member} : le PDF ne contient pas de fichier XML Factur-X (CII) embarqué.",
        )
    if found not in EXPECTED[kind] or result.invoice is None:
        raise ContainerError(
            "SYNTAXE_INCOHERENTE",
            f"{member} : le contenu ({found.value}) ne correspond pas à la syntaxe déclarée "
            f"{syntaxe}.",
        )
    return _demand(result.invoice, member, kind, data, result.detection.xml or data)


def _members(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The files of a batch (zip or tar.gz), or the single file itself."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = [i for i in archive.infolist() if not i.is_dir()]
                _check_batch(len(infos), sum(i.file_size for i in infos), name)
                return [(i.filename, archive.read(i)) for i in infos]
        except (zipfile.BadZipFile, OSError) as exc:
            raise ContainerError(
                "ARCHIVE_INVALIDE", f"{name} : archive zip illisible ({exc})."
            ) from None
    if data.startswith(b"\x1f\x8b"):
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
                members = [m for m in archive.getmembers() if m.isfile()]
                _check_batch(len(members), sum(m.size for m in members), name)
                found = []
                for member in members:
                    handle = archive.extractfile(member)
                    if handle is not None:
                        found.append((member.name, handle.read()))
                return found
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ContainerError(
                "ARCHIVE_INVALIDE", f"{name} : archive tar.gz illisible ({exc})."
            ) from None
    return [(name, data)]


def _check_batch(count: int, size: int, name: str) -> None:
    if count == 0:
        raise ContainerError("ARCHIVE_VIDE", f"{name} : l'archive ne contient aucune facture.")
    if count > MAX_MEMBERS or size > MAX_EXPANDED:
        raise ContainerError(
            "ARCHIVE_TROP_GRANDE",
            f"{name} : {count} fichiers, {size} octets une fois décompressés "
            f"(au plus {MAX_MEMBERS} fichiers et {MAX_EXPANDED} octets).",
        )


def read_flow(data: bytes, name: str, syntaxe: str) -> list[Demand | ContainerError]:
    """Every invoice of a flow; a member that cannot be read is its ContainerError.

    Raises ContainerError when the flow as a whole is unreadable (bad archive).
    """
    found: list[Demand | ContainerError] = []
    for member, content in _members(data, name):
        try:
            found.append(read_member(content, member, syntaxe))
        except ContainerError as exc:
            found.append(exc)
        except Exception as exc:  # a reader bug must not stop the platform: say it, go on
            found.append(
                ContainerError(
                    "ERREUR_LECTURE",
                    f"{member} : lecture impossible ({type(exc).__name__}: {exc}).",
                )
            )
    return found
