"""Every Chorus Pro rule fires on a document that breaks it, and on nothing else."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from invoices.i18n import catalogue, set_language
from invoices.model import Attachment, CreditTransfer, Identifier, Invoice, Party
from invoices.model import PaymentInstructions as Pay
from invoices.syntax import Profile, Syntax
from invoices.validation import chorus
from invoices.validation.report import Layer, Severity
from invoices.validation.structures import Structures

MB = 1024 * 1024


def _seller(**changes: Any) -> Callable[[Invoice], Invoice]:
    return lambda inv: dataclasses.replace(inv, seller=dataclasses.replace(inv.seller, **changes))


def _buyer(siret: str, **changes: Any) -> Callable[[Invoice], Invoice]:
    def change(inv: Invoice) -> Invoice:
        buyer = dataclasses.replace(inv.buyer, legal_id=Identifier(siret, "0009"), **changes)
        return dataclasses.replace(inv, buyer=buyer)

    return change


def _set(**changes: Any) -> Callable[[Invoice], Invoice]:
    return lambda inv: dataclasses.replace(inv, **changes)


def _both(*changes: Callable[[Invoice], Invoice]) -> Callable[[Invoice], Invoice]:
    def change(inv: Invoice) -> Invoice:
        for c in changes:
            inv = c(inv)
        return inv

    return change


def _attach(**fields: Any) -> Callable[[Invoice], Invoice]:
    base = {"id": "PJ-1", "filename": "bon-de-livraison.pdf", "content": b"%PDF-1.7 ..."}
    base.update(fields)
    return _set(attachments=(Attachment(**base),))


CCAS, OPH, CC, DEP = "21330063500017", "21310555400017", "21130055300016", "21440109300015"

#: rule id -> (change to the good invoice, document options); one breach each.
BREACHES: dict[str, tuple[Callable[[Invoice], Invoice], dict[str, Any]]] = {
    "CPRO-FORMAT-02": (_set(), {"profile": Profile.EXTENDED}),
    "CPRO-FILE-01": (_set(), {"data": b"x" * (120 * MB + 1)}),
    "CPRO-FILE-02": (_set(), {"data": b"x" * (10 * MB + 1)}),
    "CPRO-SELLER-01": (_seller(legal_id=Identifier("HRB 12345", "0204")), {}),
    "CPRO-SELLER-02": (_seller(legal_id=Identifier("402123459", "0002")), {}),
    "CPRO-SELLER-03": (
        lambda inv: dataclasses.replace(
            inv,
            seller=Party(
                name="Muster GmbH", address=dataclasses.replace(inv.seller.address, country="DE")
            ),
        ),
        {},
    ),
    "CPRO-SIRET-01": (_seller(legal_id=Identifier("40212345900017", "0009")), {}),
    "CPRO-SIREN-01": (_seller(identifiers=(Identifier("402123458", "0002"),)), {}),
    "CPRO-SIRET-02": (_seller(identifiers=(Identifier("512345679", "0002"),)), {}),
    "CPRO-BUYER-01": (
        lambda inv: dataclasses.replace(
            inv, buyer=dataclasses.replace(inv.buyer, legal_id=Identifier("214401093", "0002"))
        ),
        {},
    ),
    "CPRO-BUYER-02": (_buyer("21750011500027"), {}),
    "CPRO-BUYER-03": (
        _both(_buyer("21670482500019"), _set(buyer_reference=None, purchase_order=None)),
        {},
    ),
    "CPRO-SERVICE-01": (_both(_buyer(CC), _set(buyer_reference=None)), {}),
    "CPRO-SERVICE-02": (_both(_buyer(CC), _set(buyer_reference="FACTURES_PUBLIQUES")), {}),
    "CPRO-SERVICE-03": (_set(buyer_reference="DEP-INCONNU"), {}),
    "CPRO-SERVICE-04": (_both(_buyer(CC), _set(buyer_reference="CC-ANCIEN")), {}),
    "CPRO-SERVICE-05": (_both(_buyer("21670482500019"), _set(purchase_order=None)), {}),
    "CPRO-EJ-01": (_set(purchase_order=None), {}),
    "CPRO-EJ-02": (_set(purchase_order="EJ-" + "9" * 48), {}),
    "CPRO-EJ-03": (_set(purchase_order="EJ-2026-000999"), {}),
    "CPRO-SERVEJ-01": (_both(_buyer(OPH), _set(buyer_reference=None, purchase_order=None)), {}),
    "CPRO-TYPE-01": (_set(type_code="751"), {}),
    "CPRO-FRAME-01": (_set(process_id="A4"), {}),
    "CPRO-FRAME-02": (_set(process_id="urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"), {}),
    "CPRO-PAY-01": (_set(payment=Pay(means_code="58")), {}),
    "CPRO-PAY-02": (
        _set(
            payment=Pay(
                means_code="30",
                credit_transfers=(CreditTransfer(account_id="FR7630006000011234567890188"),),
            )
        ),
        {},
    ),
    "CPRO-ATT-01": (_attach(content=b"x" * (10 * MB + 1)), {}),
    "CPRO-ATT-02": (_attach(filename="a" * 47 + ".pdf"), {}),
    "CPRO-ATT-03": (_attach(filename="bordereau.exe"), {}),
    "CPRO-ATT-04": (_attach(content=b""), {}),
}


def test_every_rule_has_a_breach_and_messages() -> None:
    assert set(BREACHES) == {r.id for r in chorus.RULES}
    messages = catalogue()
    for r in chorus.RULES:
        assert r.message_key in messages, r.id
    for key in (
        "chorus_rules.cpro_format_01",
        "chorus_rules.cpro_struct_00",
        "chorus_rules.cpro_internal_01",
    ):
        assert key in messages


def test_the_good_invoice_passes_every_rule(doc, seed: Structures) -> None:
    assert chorus.check(doc(), seed) == []


@pytest.mark.parametrize("rule_id", sorted(BREACHES))
def test_rule_fires_exactly_on_its_breach(rule_id: str, doc, invoice, seed: Structures) -> None:
    change, options = BREACHES[rule_id]
    findings = chorus.check(doc(change(invoice()), **options), seed)
    fired = {f.rule for f in findings}
    assert rule_id in fired
    rule = chorus.rule(rule_id)
    for f in findings:
        assert f.layer is Layer.CHORUS
        assert f.message and "chorus_rules." not in f.message  # a real, filled-in message
        if f.rule == rule_id:
            assert f.severity is rule.severity
            assert bool(f.terms) is bool(rule.terms)  # file rules speak of no term
            assert set(f.terms) <= set(rule.terms) | {"BT-29", "BT-46", "BT-60", "BT-61"}


def test_breaches_do_not_set_off_unrelated_fatal_rules(doc, invoice, seed: Structures) -> None:
    """Each breach is precise: the only fatal rules are the one aimed at and, where the
    breach can only be staged with another (the one seed structure without services is
    the inactive one), that one."""
    implied = {"CPRO-SERVICE-05": {"CPRO-BUYER-03"}}
    for rule_id, (change, options) in BREACHES.items():
        findings = chorus.check(doc(change(invoice()), **options), seed)
        fatal = {f.rule for f in findings if f.fatal}
        expected = implied.get(rule_id, set())
        if chorus.rule(rule_id).severity is Severity.FATAL:
            expected = expected | {rule_id}
        assert fatal == expected, (rule_id, fatal)


@pytest.mark.parametrize(
    "siret,service,ej",
    [
        ("21750011500019", None, None),  # commune: no requirement
        ("21690123100011", "FACTURES_PUBLIQUES", None),  # public seller may use it (below)
        (CC, "CC-FIN", None),  # service required
        (CC, "CC-TECH", "anything"),
        (CCAS, None, "EJ-2026-000456"),  # engagement required
        (OPH, "OPH-TRAVAUX", None),  # service OR engagement
        (OPH, None, "EJ-2026-000789"),
        (DEP, "DEP-ACHATS", "EJ-2026-000123"),  # service AND engagement
    ],
)
def test_each_requirement_combination_of_the_seed_world(
    siret, service, ej, doc, invoice, seed: Structures
) -> None:
    inv = invoice(buyer_reference=service, purchase_order=ej)
    inv = _buyer(siret)(inv)
    if service == "FACTURES_PUBLIQUES":  # the commune invoicing the water syndicate
        inv = _seller(legal_id=Identifier("21750011500019", "0009"), vat_id="FR78217500115")(inv)
    assert [f for f in chorus.check(doc(inv), seed) if f.fatal] == []


def test_service_and_engagement_both_missing_at_the_departement(doc, invoice, seed) -> None:
    findings = chorus.check(doc(invoice(buyer_reference=None, purchase_order=None)), seed)
    assert {f.rule for f in findings if f.fatal} == {"CPRO-SERVICE-01", "CPRO-EJ-01"}


def test_a_service_that_requires_an_engagement(doc, invoice) -> None:
    from invoices.validation.structures import Service, Structure

    structures = Structures(
        [Structure(siret=CC, services=(Service("CC-FIN", engagement_required=True),))]
    )
    inv = _buyer(CC)(invoice(buyer_reference="CC-FIN", purchase_order=None))
    findings = chorus.check(doc(inv), structures)
    assert [f.rule for f in findings] == ["CPRO-EJ-01"]
    assert "CC-FIN" in findings[0].message


def test_without_structures_the_recipient_rules_are_reported_not_checked(doc, invoice) -> None:
    # Even a document that would break them: nothing is silently passed over.
    findings = chorus.check(doc(invoice(buyer_reference=None, purchase_order=None)), None)
    assert [f.rule for f in findings] == ["CPRO-STRUCT-00"]
    assert findings[0].severity is Severity.INFORMATION
    for r in chorus.RULES:
        assert (r.id in findings[0].message) == r.needs_structures


def test_structures_from_the_environment(doc, invoice, seed_path, monkeypatch) -> None:
    from invoices.validation.structures import configured

    monkeypatch.setenv("DEMAT_STRUCTURES", str(seed_path))
    # The rules never load configuration themselves: the caller does, once per batch.
    alone = chorus.check(doc(invoice(buyer_reference=None)), None)
    assert [f.rule for f in alone] == ["CPRO-STRUCT-00"]
    findings = chorus.check(doc(invoice(buyer_reference=None)), configured())
    assert [f.rule for f in findings] == ["CPRO-SERVICE-01"]
    assert "DEP-ACHATS" in findings[0].message  # tells the clerk which services exist


def test_a_plain_pdf_cannot_be_deposited_as_a_flow(doc) -> None:
    plain = doc(None, syntax=Syntax.PDF, profile=Profile.UNKNOWN, name="scan.pdf")
    plain.invoice = None
    findings = chorus.check(plain, Structures())
    assert [f.rule for f in findings] == ["CPRO-FORMAT-01"]
    assert findings[0].fatal


@pytest.mark.parametrize("syntax", [Syntax.ZUGFERD1, Syntax.ZUGFERD1_PDF, Syntax.UNKNOWN])
def test_syntaxes_without_a_flow_are_refused(syntax, doc, seed) -> None:
    findings = chorus.check(doc(syntax=syntax), seed)
    assert {f.rule for f in findings if f.fatal} == {"CPRO-FORMAT-01"}


@pytest.mark.parametrize(
    "syntax", [Syntax.CII, Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE, Syntax.FACTURX_PDF]
)
def test_flow_syntaxes_are_accepted(syntax, doc, seed) -> None:
    assert chorus.check(doc(syntax=syntax), seed) == []


def test_locations_follow_the_syntax(doc, invoice, seed) -> None:
    inv = invoice(buyer_reference="DEP-INCONNU")
    cii = chorus.check(doc(inv), seed)[0]
    ubl = chorus.check(doc(inv, syntax=Syntax.UBL_INVOICE), seed)[0]
    assert cii.location.endswith("ram:ApplicableHeaderTradeAgreement/ram:BuyerReference")
    assert ubl.location == "/ubl:Invoice/cbc:BuyerReference"


def test_attachment_location_names_the_attachment(doc, invoice, seed) -> None:
    inv = invoice(
        attachments=(
            Attachment(id="1", filename="ok.pdf", content=b"1"),
            Attachment(id="2", filename="bad", content=b"2"),
        )
    )
    [finding] = chorus.check(doc(inv), seed)
    assert finding.rule == "CPRO-ATT-03"
    assert finding.location.endswith("ram:AdditionalReferencedDocument[2]")


@pytest.mark.parametrize("size,fires", [(10 * MB, False), (10 * MB + 1, True)])
def test_attachment_size_limit_boundary(size, fires, doc, invoice, seed) -> None:
    inv = invoice(attachments=(Attachment(id="1", filename="gros.pdf", content=b"x" * size),))
    assert ("CPRO-ATT-01" in {f.rule for f in chorus.check(doc(inv), seed)}) is fires


@pytest.mark.parametrize("name,fires", [("a" * 46 + ".pdf", False), ("a" * 47 + ".pdf", True)])
def test_attachment_name_length_boundary(name, fires, doc, invoice, seed) -> None:
    inv = invoice(attachments=(Attachment(id="1", filename=name, content=b"1"),))
    assert ("CPRO-ATT-02" in {f.rule for f in chorus.check(doc(inv), seed)}) is fires


@pytest.mark.parametrize("name", ["PV.PDF", "photo.JPEG", "tableau.xlsx", "archive.tar.gz"])
def test_allowed_extensions_any_case(name, doc, invoice, seed) -> None:
    inv = invoice(attachments=(Attachment(id="1", filename=name, content=b"1"),))
    assert chorus.check(doc(inv), seed) == []


@pytest.mark.parametrize("name", [None, "", ".pdf", "facture", "script.js"])
def test_attachment_without_an_accepted_extension(name, doc, invoice, seed) -> None:
    inv = invoice(attachments=(Attachment(id="1", filename=name, content=b"1"),))
    assert {f.rule for f in chorus.check(doc(inv), seed)} == {"CPRO-ATT-03"}


def test_a_reference_to_an_external_document_is_not_a_file(doc, invoice, seed) -> None:
    inv = invoice(attachments=(Attachment(id="MARCHE-12", uri="https://example.org/m12"),))
    assert chorus.check(doc(inv), seed) == []


@pytest.mark.parametrize("code", ["380", "381", "384", "386", "389"])
def test_accepted_type_codes(code, doc, invoice, seed) -> None:
    assert chorus.check(doc(invoice(type_code=code)), seed) == []


@pytest.mark.parametrize("frame", ["A1", "A2", "A9", "A12", "A1_FACTURE_FOURNISSEUR", None])
def test_accepted_frameworks(frame, doc, invoice, seed) -> None:
    assert chorus.check(doc(invoice(process_id=frame)), seed) == []


@pytest.mark.parametrize("means", ["10", "48", "49", "59", None])
def test_other_payment_means_need_no_iban(means, doc, invoice, seed) -> None:
    assert chorus.check(doc(invoice(payment=Pay(means_code=means))), seed) == []


def test_a_credit_note_by_transfer_needs_no_iban(doc, invoice, seed) -> None:
    inv = invoice(type_code="381", payment=Pay(means_code="30"))
    assert chorus.check(doc(inv), seed) == []


def test_a_private_supplier_may_not_use_the_public_catchall_even_without_structures(
    doc, invoice
) -> None:
    findings = chorus.check(doc(invoice(buyer_reference="FACTURES_PUBLIQUES")), None)
    assert "CPRO-SERVICE-02" in {f.rule for f in findings if f.fatal}


def test_a_foreign_seller_with_a_vat_number_is_identified(doc, invoice, seed) -> None:
    inv = _seller(
        legal_id=None,
        vat_id="DE123456789",
        address=invoice().seller.address.__class__(country="DE"),
    )(invoice())
    assert chorus.check(doc(inv), seed) == []


def test_a_crashing_rule_is_a_fatal_finding(doc, seed, monkeypatch) -> None:
    def boom(ctx):
        raise RuntimeError("bug")
        yield  # pragma: no cover

    broken = dataclasses.replace(chorus.rule("CPRO-TYPE-01"), check=boom)
    monkeypatch.setattr(chorus, "RULES", (broken,))
    [finding] = chorus.check(doc(), seed)
    assert finding.rule == "CPRO-INTERNAL-01" and finding.fatal
    assert "CPRO-TYPE-01" in finding.message


def test_messages_in_french(doc, invoice, seed) -> None:
    set_language("fr")
    [finding] = chorus.check(doc(invoice(purchase_order=None)), seed)
    assert "Numéro d'engagement" in finding.message


def test_on_a_document_read_by_the_real_reader(corpus, seed) -> None:
    """The layer reads what the readers produce (``ReadResult``), not only hand-built models."""
    from invoices.reading import read_document

    doc = read_document(corpus / "akretion-facturx/tests/fixtures/xml/factur-x-basic.xml")
    findings = chorus.check(doc, seed)
    assert {f.rule for f in findings if f.fatal} == {
        "CPRO-SIREN-01",
        "CPRO-BUYER-01",
        "CPRO-FRAME-02",
    }
    [siren] = [f for f in findings if f.rule == "CPRO-SIREN-01"]
    assert "987654321" in siren.message and siren.terms == ("BT-47",)
    assert siren.location.endswith("ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID")


def test_an_empty_structures_list_knows_no_recipient(doc) -> None:
    findings = chorus.check(doc(), Structures(source="empty.json"))
    assert [f.rule for f in findings] == ["CPRO-BUYER-02"]
    assert "empty.json" in findings[0].message
