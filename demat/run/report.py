"""What a run did, kept as plain data: counts per step and outcome, the documents that
need a person, the errors; turned into text, JSON and HTML by :mod:`demat.run.render`.

An item that needs a person has a stable ``key`` (``document:12``,
``transmission:7:rejected``...).  The run's audit record keeps the keys it
reported, so that the next run lists an item seen again under "still waiting"
instead of turning a clean night into exit code 1 again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_INCOMPLETE = 2


@dataclass(frozen=True)
class Attention:
    """One document a person must look at."""

    key: str
    step: str
    kind: str
    label: str
    reason: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "key": self.key,
            "step": self.step,
            "kind": self.kind,
            "label": self.label,
            "reason": self.reason,
        }


@dataclass
class StepReport:
    name: str
    ran: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"step": self.name, "ran": self.ran, "counts": dict(sorted(self.counts.items()))}


@dataclass
class RunReport:
    started_at: str
    steps: dict[str, StepReport] = field(default_factory=dict)
    attention: list[Attention] = field(default_factory=list)
    still_waiting: list[Attention] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Files left in the inbox for a later run (being written, not checked).
    left: list[str] = field(default_factory=list)
    incomplete: bool = False
    finished_at: str = ""
    audit_seq: int | None = None
    audit_hash: str | None = None
    #: Keys an earlier run reported that this partial run did not look at again.
    carried: list[str] = field(default_factory=list)
    #: What the check of the chain against the previous anchor found.
    chain: str = ""
    #: Said while the payment guard does not run (off, or no commune SIRET), else "".
    guard: str = ""

    def step(self, name: str) -> StepReport:
        return self.steps.setdefault(name, StepReport(name))

    def need(self, item: Attention) -> None:
        if all(a.key != item.key for a in self.attention):
            self.attention.append(item)

    def error(self, message: str) -> None:
        self.errors.append(message)
        self.incomplete = True

    def sort_out(self, reported_before: set[str]) -> None:
        """Move the items an earlier run already reported to "still waiting"."""
        fresh = [a for a in self.attention if a.key not in reported_before]
        self.still_waiting = [a for a in self.attention if a.key in reported_before]
        self.attention = fresh

    @property
    def exit_code(self) -> int:
        if self.incomplete:
            return EXIT_INCOMPLETE
        return EXIT_ATTENTION if self.attention else EXIT_OK

    def reported_keys(self) -> list[str]:
        return sorted({a.key for a in self.attention + self.still_waiting})

    def to_json(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "exit_code": self.exit_code,
            "steps": [s.to_json() for s in self.steps.values()],
            "needs_attention": [a.to_json() for a in self.attention],
            "still_waiting": [a.to_json() for a in self.still_waiting],
            "left_in_inbox": self.left,
            "errors": self.errors,
            "chain": self.chain,
            "guard": self.guard or None,
            "anchor": {"seq": self.audit_seq, "hash": self.audit_hash},
        }

    def summary(self) -> dict[str, Any]:
        """What the run's audit record keeps."""
        return {
            "exit_code": self.exit_code,
            "steps": {s.name: dict(s.counts) for s in self.steps.values() if s.ran},
            "reported": sorted(set(self.reported_keys()) | set(self.carried)),
            "new": len(self.attention),
            "still_waiting": len(self.still_waiting),
            "errors": len(self.errors),
            "left_in_inbox": len(self.left),
            "chain": self.chain,
        }
