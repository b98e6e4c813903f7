"""Fault injection and the request journal.

A rule names an operation (``import``, ``status``, ``acquit``, ``file``, ``list``,
``retour``, ``read``, ``sign``, ``test``
or ``*``), a kind and how many calls it fires on:

* ``500`` / ``503``: that HTTP answer, nothing done;
* ``slow``: the operation is done, then the answer waits ``delay`` real seconds;
* ``reset``: the whole request is read and the operation done, then the TCP
  connection is dropped: the client cannot know its upload was recorded;
* ``redirect``: a 302 (S²LOW's way of saying the acquit cannot be given);
* ``truncate``: the body is cut in half.

The journal keeps every request's operation, outcome and the SHA-1 and size of an
uploaded file, never its content nor a credential.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

KINDS = frozenset({"500", "503", "slow", "reset", "redirect", "truncate"})


@dataclass
class Rule:
    operation: str
    kind: str
    times: int = 1
    delay: float = 0.0
    fired: int = 0


@dataclass
class Faults:
    rules: list[Rule] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, operation: str, kind: str, times: int = 1, delay: float = 0.0) -> Rule:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        rule = Rule(operation, kind, times, delay)
        with self.lock:
            self.rules.append(rule)
        return rule

    def take(self, operation: str) -> Rule | None:
        with self.lock:
            for rule in self.rules:
                if rule.operation in (operation, "*") and rule.fired < rule.times:
                    rule.fired += 1
                    return rule
        return None

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()


@dataclass
class Journal:
    entries: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, **entry: Any) -> None:
        with self.lock:
            self.entries.append(entry)

    def of(self, operation: str) -> list[dict[str, Any]]:
        with self.lock:
            return [e for e in self.entries if e.get("operation") == operation]
