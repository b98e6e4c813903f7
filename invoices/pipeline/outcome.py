"""What happened to one file given to the pipeline: the line a clerk reads, the JSON a
batch keeps.  The reason is kept as a message key and its parameters, translated
when shown, so one outcome can be printed in French and logged in English."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from invoices.i18n import t, without_file, word
from invoices.store import DocumentStatus, InvoiceStatus
from invoices.validation import Verdict


class OutcomeKind(StrEnum):
    NEW = "new"
    KNOWN = "known"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Outcome:
    file: str
    kind: OutcomeKind
    document_id: int | None = None
    sha256: str | None = None
    status: str | None = None
    valid: bool | None = None
    number: str | None = None
    duplicate_of: int | None = None
    reason_key: str | None = None
    reason_params: dict[str, Any] = field(default_factory=dict)
    #: The verdict of the validation done now (``None``: none was done or asked).
    verdict: Verdict | None = None

    @property
    def stored(self) -> bool:
        return self.document_id is not None

    @property
    def refused(self) -> bool:
        """Rejected now, or already known as refused or invalid: a re-run of the same
        folder gives the same exit code as the first run."""
        return (
            self.kind is OutcomeKind.REJECTED
            or (
                self.kind is OutcomeKind.KNOWN
                and self.status in (DocumentStatus.REFUSED, InvoiceStatus.INVALID)
            )
            or (self.kind is OutcomeKind.DUPLICATE and self.valid is False)
        )

    @property
    def unchecked(self) -> bool:
        """Stored, but its check could not run: it waits for ``demat revalidate`` or
        the next run, and nobody may call it invalid meanwhile."""
        return self.verdict is Verdict.NOT_CHECKED

    def reason(self, lang: str | None = None) -> str | None:
        if self.reason_key is None:
            return None
        return without_file(
            t(self.reason_key, lang=lang, **{"file": self.file, **self.reason_params}), self.file
        )

    def message(self, lang: str | None = None) -> str:
        params = {
            "file": self.file,
            "number": self.number or "-",
            "id": self.document_id if self.document_id is not None else "-",
            "status": word("status", self.status),
            "original": self.duplicate_of,
            "reason": self.reason(lang) or "",
        }
        key = f"store.outcome_{self.kind.value}"
        if self.kind is OutcomeKind.KNOWN and self.status == DocumentStatus.REFUSED:
            key = "store.outcome_known_refused"
        if self.kind is OutcomeKind.DUPLICATE and self.valid is False:
            key = "duplicates.outcome_duplicate_invalid"  # says both
        return t(key, lang=lang, **params)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "outcome": str(self.kind),
            "refused": self.refused,
            "id": self.document_id,
            "sha256": self.sha256,
            "status": self.status,
            "valid": self.valid,
            "verdict": str(self.verdict) if self.verdict is not None else None,
            "number": self.number,
            "duplicate_of": self.duplicate_of,
            "reason": self.reason(),
            #: The library's own words behind the reason (parser, PDF), for support.
            "detail": self.reason_params.get("reason"),
        }
