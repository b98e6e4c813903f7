"""What validation produces: uniform findings from every layer, gathered in a Report.

Like a validation executor set, every layer (safety, syntax, en16931, profile, fr,
chorus) returns the same kind of result, so reports, storage and the CLI never need
to know which layer said what beyond its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    FATAL = "fatal"
    WARNING = "warning"
    INFORMATION = "information"


class Layer(StrEnum):
    """The validation layers, in the order they run."""

    SAFETY = "safety"
    SYNTAX = "syntax"
    EN16931 = "en16931"
    PROFILE = "profile"
    FR = "fr"
    CHORUS = "chorus"


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

    @property
    def valid(self) -> bool:
        """The verdict of the layers that ran: no fatal finding, and something ran."""
        return bool(self.layers_run) and not any(f.fatal for f in self.findings)

    def fatal_rules(self, layers: set[Layer] | None = None) -> set[str]:
        return {f.rule for f in self.findings if f.fatal and (layers is None or f.layer in layers)}

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "syntax": self.syntax,
            "profile": self.profile,
            "valid": self.valid,
            "findings": [f.to_json() for f in self.findings],
            "artefacts": dict(self.artefacts),
        }
