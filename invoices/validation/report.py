"""What validation produces: uniform findings from every layer, gathered in a Report.

Like a validation executor set, every layer (safety, syntax, en16931, profile, fr,
chorus) returns the same kind of result, so reports, storage and the CLI never need
to know which layer said what beyond its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from invoices.model import Invoice


class Severity(StrEnum):
    FATAL = "fatal"
    WARNING = "warning"
    INFORMATION = "information"


class Verdict(StrEnum):
    """What a report concludes.  ``NOT_CHECKED``: a layer could not reach its verdict
    (engine crash or timeout, a missing artefact, a bug of ours), so the document is
    neither valid nor invalid and must be checked again: telling a supplier that a
    valid invoice is invalid delays a payment."""

    VALID = "valid"
    INVALID = "invalid"
    NOT_CHECKED = "not-checked"


class Layer(StrEnum):
    """The validation layers, in the order they run."""

    SAFETY = "safety"
    SYNTAX = "syntax"
    EN16931 = "en16931"
    PROFILE = "profile"
    FR = "fr"
    CHORUS = "chorus"
    #: The Hélios rules of a PES V2 file (:mod:`invoices.validation.pes.rules`).
    HELIOS = "helios"


@dataclass(frozen=True, slots=True)
class Finding:
    layer: Layer
    rule: str
    severity: Severity
    message: str
    location: str | None = None
    #: BT/BG terms the rule speaks of, e.g. ("BT-10", "BG-7").
    terms: tuple[str, ...] = ()

    @property
    def fatal(self) -> bool:
        return self.severity is Severity.FATAL

    def to_json(self) -> dict[str, object]:
        return {
            "layer": str(self.layer),
            "rule": self.rule,
            "severity": str(self.severity),
            "location": self.location,
            "message": self.message,
            "terms": list(self.terms),
        }


@dataclass(frozen=True, slots=True)
class InvoiceFacts:
    """What a person recognises an invoice by (number, supplier, date, total), kept on
    its report so a summary of many reports can name each invoice without reading
    the document again."""

    number: str | None = None
    seller: str | None = None
    issue_date: date | None = None
    #: Invoice total amount with VAT (BT-112).
    total: Decimal | None = None
    currency: str | None = None

    @classmethod
    def of(cls, invoice: Invoice | None) -> InvoiceFacts | None:
        if invoice is None:
            return None
        return cls(
            number=invoice.number or None,
            seller=invoice.seller.name or None,
            issue_date=invoice.issue_date,
            total=invoice.totals.tax_inclusive,
            currency=invoice.currency,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "seller": self.seller,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "total": str(self.total) if self.total is not None else None,
            "currency": self.currency,
        }


@dataclass(slots=True)
class Report:
    """The verdict on one document: what ran, what it found."""

    file: str
    sha256: str
    syntax: str | None = None
    profile: str | None = None
    findings: list[Finding] = field(default_factory=list)
    #: Layers that ran to completion.
    layers_run: list[Layer] = field(default_factory=list)
    #: Artefact name -> version, for every official artefact used.
    artefacts: dict[str, str] = field(default_factory=dict)
    #: Layers that could not reach their verdict (see :class:`Verdict`).
    unchecked: list[Layer] = field(default_factory=list)
    #: The invoice's identifying facts, when its model could be read.
    invoice: InvoiceFacts | None = None

    @property
    def checked(self) -> bool:
        """Every layer that had to run reached a verdict."""
        return not self.unchecked

    @property
    def valid(self) -> bool:
        """Checked, something ran, and no fatal finding."""
        return self.checked and bool(self.layers_run) and not any(f.fatal for f in self.findings)

    @property
    def verdict(self) -> Verdict:
        if not self.checked:
            return Verdict.NOT_CHECKED
        return Verdict.VALID if self.valid else Verdict.INVALID

    def could_not_check(self, layer: Layer) -> None:
        """Record that ``layer`` could not reach its verdict (its finding says why)."""
        if layer not in self.unchecked:
            self.unchecked.append(layer)

    def fatal_rules(self, layers: set[Layer] | None = None) -> set[str]:
        return {f.rule for f in self.findings if f.fatal and (layers is None or f.layer in layers)}

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "syntax": self.syntax,
            "profile": self.profile,
            "valid": self.valid if self.checked else None,
            "verdict": str(self.verdict),
            "not_checked": [str(layer) for layer in self.unchecked],
            "findings": [f.to_json() for f in self.findings],
            "artefacts": dict(self.artefacts),
            "invoice": self.invoice.to_json() if self.invoice is not None else None,
        }
