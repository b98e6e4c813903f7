"""Validate any PES file: safety, the 5.30 XSD, then the Hélios rules.

The report is the invoices' :class:`~invoices.validation.Report`, so the same
outputs (text, JSON, JUnit, HTML) and exit codes serve it.  Layers: ``safety``
(size, encoding declaration, well-formedness), ``syntax`` (the pinned XSD of the
root: ``PES_Aller.xsd`` or ``PES_V2_Acquit_Autonome_V2.xsd``, compiled by the
same serialised helper as the invoices' XSD layer) and ``helios`` (the Hélios
rules of :mod:`.rules`).  A missing or altered bundle leaves the syntax layer not
checked: the verdict is then "not-checked", never "valid".  ``PES_NonAcquit``,
``PES_ACQUIT_RETOUR`` and ``PES_Retour`` have no schema in the bundle: recognised,
not checked, said so.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lxml import etree

from invoices.errors import InputError
from invoices.syntax.pes import names
from invoices.validation import rules as technical
from invoices.validation.layers import artefacts, finding
from invoices.validation.layers.xsd import check as xsd_check
from invoices.validation.pes.rules import History, check_aller
from invoices.validation.pes.triplets import check_recette, check_triplets
from invoices.validation.report import Finding, Layer, Report, Severity
from invoices.xmlsafe import has_doctype

SYNTAX = "pes"
#: Root element -> the artefact of its schema (``None``: none in the bundle).
SCHEMAS: dict[str, str | None] = {
    "PES_Aller": "pes-aller.xsd",
    "PES_ACQUIT": "pes-acquit.xsd",
    "PES_NonAcquit": None,
    "PES_ACQUIT_RETOUR": None,
    "PES_Retour": None,
}
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def parse_pes(data: bytes, file: str) -> etree._ElementTree:
    """Parse a PES file with :mod:`invoices.xmlsafe`'s settings, huge text nodes allowed.

    A PJ is one text node of base64: an invoice of a few megabytes already passes
    libxml2's 10 MB limit on a node, which the shared parser keeps (it protects
    against entity and depth bombs).  Here the DOCTYPE, the only way to declare an
    entity, is refused first, and the size was checked by the caller, so lifting
    that limit lets nothing but a long base64 text through.
    """
    if not data.strip():
        raise InputError("xml.empty", file=file)
    if has_doctype(data):
        raise InputError("xml.doctype_refused", file=file)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError("xml.malformed", file=file, reason=str(exc)) from None
    if tree.docinfo.doctype:
        raise InputError("xml.doctype_refused", file=file)
    return tree


def _encoding_finding(data: bytes) -> Finding | None:
    declared = _DECLARED.match(data[:200])
    value = declared.group(1).decode("ascii") if declared else "-"
    if value.upper() in ("ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1"):
        return None
    return finding(Layer.SAFETY, "HELIOS-ENCODING", "pes.rule_encoding", value=value)


def validate_pes(
    data: bytes, file: str, *, history: History | None = None, max_bytes: int | None = None
) -> Report:
    """The report on one PES file (``history``: what the store knows was sent)."""
    report = Report(file=file, sha256=hashlib.sha256(data).hexdigest(), syntax=SYNTAX)
    limit = names.MAX_FILE_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        report.findings.append(
            finding(Layer.SAFETY, "HELIOS-SIZE", "pes.rule_size", size=len(data), limit=limit)
        )
        if len(data) > names.MAX_FILE_BYTES:  # not parsed at all: refused as it stands
            report.layers_run.append(Layer.SAFETY)
            return report
    encoding = _encoding_finding(data)
    if encoding is not None:
        report.findings.append(encoding)
    try:
        tree = parse_pes(data, file)
    except InputError as exc:
        report.findings.append(
            Finding(Layer.SAFETY, technical.UNREADABLE, Severity.FATAL, exc.message())
        )
        report.layers_run.append(Layer.SAFETY)
        return report
    report.layers_run.append(Layer.SAFETY)
    root = etree.QName(tree.getroot()).localname
    report.profile = root
    if root not in SCHEMAS:
        report.findings.append(finding(Layer.SYNTAX, "HELIOS-ROOT", "pes.rule_root", root=root))
        report.layers_run.append(Layer.SYNTAX)
        return report
    key = SCHEMAS[root]
    if key is None:
        report.findings.append(
            finding(Layer.SYNTAX, "HELIOS-NO-SCHEMA", "pes.no_schema", Severity.WARNING, root=root)
        )
        report.could_not_check(Layer.SYNTAX)
        return report
    path = artefacts.locate(report, key, Layer.SYNTAX, report.findings)
    if path is not None:
        report.findings.extend(xsd_check(tree, path))
        report.layers_run.append(Layer.SYNTAX)
    if root == "PES_Aller":
        root_element = tree.getroot()
        breaches = check_aller(tree, report.sha256, history)
        breaches += [*check_triplets(root_element), *check_recette(root_element)]
        for breach in breaches:
            severity = Severity.WARNING if breach.warning else Severity.FATAL
            report.findings.append(
                Finding(
                    Layer.HELIOS,
                    breach.rule,
                    severity,
                    finding(Layer.HELIOS, breach.rule, breach.key, **breach.params).message,
                    location=breach.location,
                )
            )
        report.layers_run.append(Layer.HELIOS)
    return report


def validate_pes_file(path: str | Path, *, history: History | None = None) -> Report:
    """:func:`validate_pes` on a file; an unreadable path is an :class:`InputError`."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError("pes.file_unreadable", file=str(path), reason=exc.strerror) from None
    return validate_pes(data, str(path), history=history)
