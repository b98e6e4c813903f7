"""The layer table: which official artefacts check which syntax and profile."""

from __future__ import annotations

from invoices.syntax import Profile, Syntax
from invoices.validation.plan import plan_for, usage
from schemas.catalogue import ARTEFACTS


def test_standalone_cii_uses_the_cen_artefacts_and_factur_x_its_profile() -> None:
    for profile in (Profile.EN16931, Profile.XRECHNUNG, Profile.PEPPOL, Profile.UNKNOWN):
        plan = plan_for(Syntax.CII, profile)
        assert plan is not None and plan.label == "cen-cii.xsd+cen-cii+brfr-cii"
    for profile, key in (
        (Profile.MINIMUM, "fx-minimum"),
        (Profile.BASIC_WL, "fx-basicwl"),
        (Profile.BASIC, "fx-basic"),
        (Profile.EXTENDED, "fx-extended"),
    ):
        for syntax in (Syntax.CII, Syntax.FACTURX_PDF):
            plan = plan_for(syntax, profile)
            assert plan is not None and plan.facturx
            assert plan.label == f"{key}.xsd+{key}+brfr-cii"
    for profile in (Profile.EN16931, Profile.XRECHNUNG, Profile.UNKNOWN):
        plan = plan_for(Syntax.FACTURX_PDF, profile)
        assert plan is not None and plan.label == "fx-en16931.xsd+fx-en16931+brfr-cii"


def test_ubl_zugferd_and_documents_without_invoice() -> None:
    assert plan_for(Syntax.UBL_INVOICE, Profile.PEPPOL).label == "ubl-invoice.xsd+cen-ubl+brfr-ubl"  # type: ignore[union-attr]
    assert (
        plan_for(Syntax.UBL_CREDITNOTE, Profile.UNKNOWN).label
        == "ubl-creditnote.xsd+cen-ubl+brfr-ubl"
    )  # type: ignore[union-attr]
    assert (
        plan_for(Syntax.UBL_INVOICE, Profile.EXTENDED_CTC_FR).label
        == "ubl-invoice.xsd+ctcfr-ubl+brfr-ubl"
    )  # type: ignore[union-attr]
    assert plan_for(Syntax.CII, Profile.EXTENDED_CTC_FR).label == "ctcfr-cii.xsd+ctcfr-cii+brfr-cii"  # type: ignore[union-attr]
    for syntax in (Syntax.ZUGFERD1, Syntax.ZUGFERD1_PDF):
        assert plan_for(syntax, "zugferd1-komfort").label == "zugferd1.xsd"  # type: ignore
    assert plan_for(Syntax.PDF, Profile.UNKNOWN) is None
    assert plan_for(Syntax.UNKNOWN, Profile.UNKNOWN) is None
    assert plan_for("not-a-syntax", None) is None


def test_every_artefact_of_the_catalogue_is_used_by_some_document() -> None:
    assert set(usage()) == set(ARTEFACTS)
