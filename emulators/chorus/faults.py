"""Fault injection: make chosen calls fail the way the real gateway and platform do.

A rule names an operation (``factures/v1/deposer/flux``, ``token``, ``*``), a fault
kind and when it fires: on given call numbers of that operation (1-based, counted from
when the rule was added), on the next N calls, or with a probability drawn from a
seeded generator (reproducible).  Kinds:

* ``401`` ``403`` ``404`` ``413`` ``415`` ``429`` ``500`` ``503``: that HTTP answer, the
  operation is not executed;
* ``slow``: wait ``delay`` real seconds, then answer normally (beyond a client timeout);
* ``reset``: read the whole request, then drop the TCP connection with a RST; with
  ``after_handling`` (default for deposits) the operation is executed first, so the
  deposit IS recorded and the client cannot know it;
* ``business``: HTTP 200 with the given non-zero ``codeRetour``;
* ``token_expired``: the Bearer token presented is treated as expired (401).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

HTTP_KINDS = {"401", "403", "404", "413", "415", "429", "500", "503"}
KINDS = HTTP_KINDS | {"slow", "reset", "business", "token_expired"}


@dataclass
class Rule:
    operation: str
    kind: str
    calls: frozenset[int] = frozenset()
    times: int | None = None
    probability: float | None = None
    seed: int = 0
    delay: float = 0.0
    code: int = 20004
    after_handling: bool | None = None
    id: int = 0
    seen: int = 0
    fired: int = 0
    _random: random.Random = field(default_factory=random.Random, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "operation": self.operation,
            "kind": self.kind,
            "calls": sorted(self.calls),
            "times": self.times,
            "probability": self.probability,
            "seed": self.seed,
            "delay": self.delay,
            "code": self.code,
            "after_handling": self.after_handling,
            "seen": self.seen,
            "fired": self.fired,
        }


def rule_from(data: Mapping[str, Any]) -> Rule:
    kind = str(data.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(KINDS)}")
    operation = str(data.get("operation", "*")).strip("/")
    if operation.startswith("cpro/"):
        operation = operation[len("cpro/") :]
    calls = data.get("calls") or []
    times = data.get("times")
    probability = data.get("probability")
    if not calls and times is None and probability is None:
        times = 1
    if probability is not None and not 0 <= float(probability) <= 1:
        raise ValueError("probability must be between 0 and 1")
    rule = Rule(
        operation=operation,
        kind=kind,
        calls=frozenset(int(c) for c in calls),
        times=None if times is None else int(times),
        probability=None if probability is None else float(probability),
        seed=int(data.get("seed", 0)),
        delay=float(data.get("delay", 0)),
        code=int(data.get("code", 20004)),
        after_handling=data.get("after_handling"),
    )
    rule._random = random.Random(rule.seed)
    return rule


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[Rule] = []
        self._next_id = 1

    def add(self, data: Mapping[str, Any]) -> Rule:
        rule = rule_from(data)
        with self._lock:
            rule.id = self._next_id
            self._next_id += 1
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.as_dict() for r in self._rules]

    def pick(self, operation: str) -> Rule | None:
        """The rule firing on this call of ``operation`` (every matching rule counts it)."""
        chosen: Rule | None = None
        with self._lock:
            for rule in self._rules:
                if rule.operation not in ("*", operation):
                    continue
                rule.seen += 1
                fires = False
                if rule.calls:
                    fires = rule.seen in rule.calls
                elif rule.probability is not None:
                    fires = rule._random.random() < rule.probability
                elif rule.times is not None:
                    fires = rule.fired < rule.times
                if fires and chosen is None:
                    rule.fired += 1
                    chosen = rule
        return chosen
