"""What the writers produce passes the official schematrons, through the project's validator.

The invoice with (nearly) every field exercises the profile gating of the CII spec
against each Factur-X profile schematron ("element not used in this profile"), and
the UBL spec against the CEN UBL rules (cardinalities such as UBL-SR-16 or -46).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from invoices.facturx.profiles import PROFILES
from invoices.model import Invoice
from invoices.syntax import Profile
from invoices.validation.run import validate
from invoices.write import to_cii, to_facturx_pdf, to_ubl


def _fatal(report: object) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in report.findings if f.fatal]  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_full_invoice_passes_the_profile_schematron(
    artefacts: Path, full: Invoice, profile: Profile
) -> None:
    report = validate(to_facturx_pdf(full, profile), name=f"full-{profile}.pdf")
    assert report.profile == profile.value
    assert not _fatal(report)
    assert report.valid


@pytest.mark.slow
def test_full_invoice_passes_the_cen_schematrons(
    artefacts: Path, full: Invoice, full_credit_note: Invoice
) -> None:
    for name, data in (
        ("full.cii.xml", to_cii(full, Profile.EN16931)),
        ("full.ubl.xml", to_ubl(full)),
        ("full-credit.ubl.xml", to_ubl(full_credit_note)),
    ):
        report = validate(data, name=name)
        assert not _fatal(report), name
        assert report.valid, name
