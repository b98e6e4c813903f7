"""Turn the SVRL a compiled schematron produces into findings.

The rule id and severity are read exactly as the reference validators read them, so
our fatal rule ids can be compared one for one with the official verdicts:

* the rule is the ``id`` of ``failed-assert`` / ``successful-report``; the Factur-X
  stylesheets give their EN 16931 rules generic ids (``FX-SCH-A-000198``) and put the
  business rule first in the text (``[BR-S-08]-...``): that business rule is the id;
* an assertion without an id is named ``noid:`` + the first 40 word characters of its
  text, so that it still has a stable name;
* the severity is the ``flag`` (``fatal``, ``warning``, ``information``); an assertion
  without a flag is fatal (the Factur-X stylesheets flag none of their structural
  checks, and the reference counts them as errors).
"""

from __future__ import annotations

import re

from invoices.validation.report import Finding, Layer, Severity

SVRL = "http://purl.oclc.org/dsdl/svrl"
_KINDS = {f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"}
_BRACKET_ID = re.compile(r"\[([^\]\s]+)\]")
_TERM = re.compile(r"\b(B[TG]-\d+)\b")
_NON_WORD = re.compile(r"\W+")
_SEVERITIES = {
    "fatal": Severity.FATAL,
    "error": Severity.FATAL,
    "warning": Severity.WARNING,
    "information": Severity.INFORMATION,
    "info": Severity.INFORMATION,
}


def rule_id(svrl_id: str, text: str) -> str:
    text = text.strip()
    if svrl_id.startswith("FX-SCH"):
        match = _BRACKET_ID.match(text)
        if match:
            return match.group(1)
    if svrl_id:
        return svrl_id
    return "noid:" + _NON_WORD.sub("_", text)[:40]


def severity(flag: str | None) -> Severity:
    return _SEVERITIES.get((flag or "").strip().lower(), Severity.FATAL)


def terms(text: str) -> tuple[str, ...]:
    """The BT/BG terms a rule's text speaks of, in order, once each."""
    return tuple(dict.fromkeys(_TERM.findall(text)))


def findings(svrl: bytes, layer: Layer) -> list[Finding]:
    """Every failed assertion and successful report of an SVRL document, in document order.

    The SVRL comes from our own worker running an official stylesheet, not from the
    outside, but it is still parsed with the project's safe parser.
    """
    from invoices import xmlsafe

    if b"failed-assert" not in svrl and b"successful-report" not in svrl:
        return []  # the usual case of a valid document: no need to parse the report
    tree = xmlsafe.parse(svrl, file="svrl")
    result: list[Finding] = []
    for element in tree.getroot().iter(*_KINDS):
        text_element = element.find(f"{{{SVRL}}}text")
        text = (
            " ".join("".join(text_element.itertext()).split()) if text_element is not None else ""
        )
        result.append(
            Finding(
                layer=layer,
                rule=rule_id(element.get("id") or "", text),
                severity=severity(element.get("flag")),
                message=text,
                location=element.get("location"),
                terms=terms(text),
            )
        )
    return result
