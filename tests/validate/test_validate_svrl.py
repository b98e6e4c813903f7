"""Reading SVRL as the reference validators do: rule id, severity, terms, location."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from invoices.validation.layers.svrl import findings, rule_id, severity, terms
from invoices.validation.report import Layer, Severity

SVRL = b"""<?xml version="1.0" encoding="UTF-8"?>
<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">
  <svrl:fired-rule context="/"/>
  <svrl:failed-assert id="BR-CO-10" flag="fatal" location="/*:Invoice[1]" test="x">
    <svrl:text>[BR-CO-10]-Sum of Invoice line net amount (BT-106) = Sum of Invoice
      line net amount (BT-131).</svrl:text>
  </svrl:failed-assert>
  <svrl:successful-report id="UBL-CR-678" flag="warning" location="/*:Invoice[1]/x" test="y">
    <svrl:text>[UBL-CR-678]-A UBL invoice should not include ...</svrl:text>
  </svrl:successful-report>
  <svrl:failed-assert id="FX-SCH-A-000198" location="/a" test="z">
    <svrl:text>[BR-S-08]-For each different value of VAT category rate (BT-119) ...</svrl:text>
  </svrl:failed-assert>
  <svrl:failed-assert id="FX-SCH-A-000556" location="/b" test="z">
    <svrl:text>Value of 'ram:ID' is not allowed.</svrl:text>
  </svrl:failed-assert>
  <svrl:successful-report location="/c" test="z">
    <svrl:text>Attribute @currencyID' marked as not used in the given context.</svrl:text>
  </svrl:successful-report>
  <svrl:failed-assert id="X-INFO" flag="information" location="/d" test="z">
    <svrl:text>note</svrl:text>
  </svrl:failed-assert>
</svrl:schematron-output>
"""


def test_findings_read_ids_flags_locations_and_terms_in_order() -> None:
    found = findings(SVRL, Layer.EN16931)
    assert [(f.rule, f.severity) for f in found] == [
        ("BR-CO-10", Severity.FATAL),
        ("UBL-CR-678", Severity.WARNING),
        ("BR-S-08", Severity.FATAL),  # Factur-X generic id -> the business rule it checks
        ("FX-SCH-A-000556", Severity.FATAL),  # no business rule named: keeps its id
        ("noid:Attribute_currencyID_marked_as_not_used_", Severity.FATAL),  # no flag: fatal
        ("X-INFO", Severity.INFORMATION),
    ]
    assert found[0].terms == ("BT-106", "BT-131")
    assert found[0].location == "/*:Invoice[1]"
    assert "\n" not in found[0].message and "Sum of Invoice line" in found[0].message
    assert all(f.layer is Layer.EN16931 for f in found)


@given(st.text(max_size=200))
def test_an_assert_without_id_is_named_from_its_text(text: str) -> None:
    rule = rule_id("", text)
    assert rule.startswith("noid:")
    assert len(rule) <= len("noid:") + 40
    assert re.fullmatch(r"noid:\w*", rule)
    assert rule == rule_id("", text)  # stable


@given(st.from_regex(r"BR-[A-Z]{0,3}-?\d{1,3}", fullmatch=True), st.text(max_size=50))
def test_only_factur_x_generic_ids_give_way_to_the_bracketed_rule(rule: str, rest: str) -> None:
    text = f"[{rule}]-{rest}"
    assert rule_id("FX-SCH-A-000001", text) == rule
    assert rule_id("BR-FR-08_BT-23", text) == "BR-FR-08_BT-23"


@given(st.lists(st.integers(min_value=1, max_value=200), max_size=6))
def test_terms_are_the_bt_and_bg_named_once_each(numbers: list[int]) -> None:
    text = " and ".join(f"(BT-{n})" for n in numbers) + " in BG-25"
    assert terms(text) == (*dict.fromkeys(f"BT-{n}" for n in numbers), "BG-25")


def test_unknown_or_missing_flags_are_fatal() -> None:
    assert severity(None) is Severity.FATAL
    assert severity("") is Severity.FATAL
    assert severity("Warning") is Severity.WARNING
    assert severity("information") is Severity.INFORMATION
