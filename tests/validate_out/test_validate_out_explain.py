"""Each rule family gets the right plain-words explanation; our own plain messages none."""

from __future__ import annotations

import pytest

from invoices.validation.output.explain import explain, explanation_key
from invoices.validation.report import Finding, Layer, Severity


@pytest.mark.parametrize(
    "rule,layer,key",
    [
        ("BR-01", Layer.EN16931, "validate_out.explain_br"),
        ("BR-CO-10", Layer.EN16931, "validate_out.explain_br_co"),
        ("BR-CL-24", Layer.EN16931, "validate_out.explain_br_cl"),
        ("BR-DEC-23", Layer.EN16931, "validate_out.explain_br_dec"),
        ("BR-S-08", Layer.EN16931, "validate_out.explain_br_vat"),
        ("BR-AE-02", Layer.EN16931, "validate_out.explain_br_vat"),
        ("BR-FR-05_BT-22_PMT", Layer.FR, "validate_out.explain_br_fr"),
        ("FX-SCH-A-000556", Layer.PROFILE, "validate_out.explain_fx"),
        ("noid:Element_ram_PostalTradeAddress_is_marked", Layer.PROFILE, "validate_out.explain_fx"),
        ("PEPPOL-EN16931-R001", Layer.EN16931, "validate_out.explain_peppol"),
        ("CII-DT-018", Layer.EN16931, "validate_out.explain_binding"),
        ("UBL-CR-001", Layer.EN16931, "validate_out.explain_binding"),
        ("XSD", Layer.SYNTAX, "validate_out.explain_syntax"),
        ("DEMAT-ENGINE-TIMEOUT", Layer.EN16931, "validate_out.explain_engine"),
        ("DEMAT-ENGINE-ERROR", Layer.FR, "validate_out.explain_engine"),
        ("DEMAT-LAYER-ERROR", Layer.CHORUS, "validate_out.explain_engine"),
        ("CPRO-INTERNAL-01", Layer.CHORUS, "validate_out.explain_engine"),
        ("DEMAT-ARTEFACT-MISSING", Layer.SYNTAX, None),
        ("CPRO-SERVICE-01", Layer.CHORUS, None),
    ],
)
def test_families(rule: str, layer: Layer, key: str | None) -> None:
    finding = Finding(layer, rule, Severity.FATAL, "message")
    assert explanation_key(finding) == key
    assert (explain(finding) is None) is (key is None)
