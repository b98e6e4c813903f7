"""The platform's own reading of one invoice file: safe XML parsing, the Factur-X
attachment, and the XPath tables of :mod:`.xpaths` turned into a :class:`.Demand`.

Written for the emulator alone, on lxml and pypdf directly: a bug in the project's
reader cannot hide behind the same bug here.  Like a platform, it refuses any
DOCTYPE (hence any entity declaration), never fetches anything, and bounds sizes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from lxml import etree
from pypdf import PdfReader

from emulators.chorus import platform
from emulators.chorus.demand import ContainerError, Demand, Line, VatLine
from emulators.chorus.xpaths import EXPECTED, NAMESPACES, ROOTS, TABLES

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

SIRET_SCHEME = "0009"
#: The attachment names Factur-X / ZUGFeRD 2 give the invoice XML, in preference order.
FACTURX_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")


def parse_xml(data: bytes, member: str) -> Element:
    """The root of ``data`` (ContainerError ``XML_INVALIDE`` if it is not plain, safe XML)."""
    if len(data) > platform.MAX_BATCH_EXPANDED_BYTES:
        raise ContainerError("XML_INVALIDE", f"{member} : fichier XML trop volumineux.")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ContainerError("XML_INVALIDE", f"{member} : XML mal formé ({exc}).") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise ContainerError(
            "XML_INVALIDE", f"{member} : les déclarations DOCTYPE et entités sont refusées."
        )
    return root


def facturx_xml(data: bytes, member: str) -> bytes:
    """The invoice XML embedded in a Factur-X PDF (ContainerError ``FACTURX_SANS_XML``)."""
    missing = ContainerError(
        "FACTURX_SANS_XML",
        f"{member} : le PDF ne contient pas de fichier XML Factur-X (CII) embarqué.",
    )
    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        found = {name.lower(): content for name, content in attachments.items() if content}
    except Exception:  # pypdf raises many types on a damaged file; all mean "no XML"
        raise missing from None
    for name in FACTURX_NAMES:
        if name in found:
            return found[name][0]
    xml = [content[0] for name, content in sorted(found.items()) if name.endswith(".xml")]
    if not xml:
        raise missing
    return xml[0]


def content_kind(root: Element) -> str:
    """What the XML is (``cii``, ``ubl-invoice``...), by its root element."""
    return ROOTS.get(root.tag, "unknown")


def read_invoice(data: bytes, member: str, kind: str, syntaxe: str) -> Demand:
    """One invoice file read as the container ``kind`` the ``syntaxeFlux`` declares."""
    if kind == "facturx" and not data.lstrip()[:5].startswith(b"%PDF"):
        raise ContainerError("FORMAT_INVALIDE", f"{member} : le fichier n'est pas un PDF.")
    xml = facturx_xml(data, member) if kind == "facturx" else data
    root = parse_xml(xml, member)
    found = content_kind(root)
    if found not in EXPECTED[kind]:
        raise ContainerError(
            "SYNTAXE_INCOHERENTE",
            f"{member} : le contenu ({found}) ne correspond pas à la syntaxe déclarée {syntaxe}.",
        )
    demand = Demand(member=member, syntax=kind, original=data, xml=xml)
    fill(demand, root, "ubl" if found.startswith("ubl") else "cii")
    return demand


def fill(demand: Demand, root: Element, syntax: str) -> None:
    """Set every field of ``demand`` from the XPath tables of ``syntax``."""
    header, line_paths, vat_paths = TABLES[syntax]
    demand.number = _text(root, header["number"])
    demand.issue_date = _date(_text(root, header["issue_date"]))
    demand.type_code = _text(root, header["type_code"])
    demand.currency = _text(root, header["currency"])
    demand.supplier_id, demand.supplier_scheme = _siret(root, header, "supplier")
    demand.supplier_name = _text(root, header["supplier_name"])
    demand.recipient_id, demand.recipient_scheme = _siret(root, header, "recipient")
    demand.recipient_name = _text(root, header["recipient_name"])
    for name in ("service_code", "engagement", "contract", "framework", "preceding"):
        setattr(demand, name, _text(root, header[name]))
    demand.due_date = _date(_text(root, header["due_date"]))
    demand.payment_means = _text(root, header["payment_means"])
    demand.iban = _text(root, header["iban"])
    demand.total_ht = _amount(root, header["total_ht"], demand.currency)
    demand.total_vat = _amount(root, header["total_vat"], demand.currency)
    demand.total_ttc = _amount(root, header["total_ttc"], demand.currency)
    demand.payable = _amount(root, header["payable"], demand.currency)
    for index, node in enumerate(_nodes(root, header["LINES"]), 1):
        quantity = _first(node, line_paths["quantity"])
        demand.lines.append(
            Line(
                number=index,
                reference=_text(node, line_paths["reference"]),
                name=_text(node, line_paths["name"]),
                quantity=_decimal(quantity),
                unit=_attribute(quantity, "unitCode"),
                unit_price=_amount(node, line_paths["unit_price"]),
                net=_amount(node, line_paths["net"]),
                vat_rate=_amount(node, line_paths["vat_rate"]),
            )
        )
    for node in _nodes(root, header["VATS"]):
        demand.vat.append(
            VatLine(
                rate=_amount(node, vat_paths["rate"]),
                base=_amount(node, vat_paths["base"]),
                amount=_amount(node, vat_paths["amount"]),
            )
        )


def _nodes(node: Element, path: str) -> list[Element]:
    found = node.xpath(path, namespaces=NAMESPACES)
    return [n for n in found if isinstance(n, etree._Element)] if isinstance(found, list) else []


def _first(node: Element, path: str) -> Element | None:
    found = _nodes(node, path)
    return found[0] if found else None


def _value(node: Element | None) -> str | None:
    text = "".join(node.itertext()).strip() if node is not None else ""
    return text or None


def _text(node: Element, path: str) -> str | None:
    return _value(_first(node, path))


def _attribute(node: Element | None, name: str) -> str | None:
    value = node.get(name) if node is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _siret(root: Element, header: Mapping[str, str], party: str) -> tuple[str | None, str | None]:
    """The party's SIRET: its legal id (BT-30/47) else a scheme-0009 identifier (BT-29/46)."""
    legal = _first(root, header[f"{party}_legal"])
    value = _value(legal)
    if value is not None:
        return value, _attribute(legal, "schemeID")
    for ident in _nodes(root, header[f"{party}_ids"]):
        value = _value(ident)
        if value is not None and _attribute(ident, "schemeID") == SIRET_SCHEME:
            return value, SIRET_SCHEME
    return None, None


def _decimal(node: Element | None) -> Decimal | None:
    text = _value(node)
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _amount(node: Element, path: str, currency: str | None = None) -> Decimal | None:
    """The amount at ``path``; of several, the one in the invoice currency (a second
    VAT total may be given in the accounting currency)."""
    found = _nodes(node, path)
    if currency is not None:
        found = [n for n in found if n.get("currencyID") in (None, currency)] or found
    return _decimal(found[0]) if found else None


def _date(text: str | None) -> date | None:
    """``YYYY-MM-DD`` (UBL) or ``YYYYMMDD`` (CII format 102); None when unreadable."""
    if text is None:
        return None
    digits = text.replace("-", "")
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
