"""Held invoices (the bank-detail guard) come first in the run's "needs a person", as
in ``demat todo``: of everything a night reports, a payment to the wrong account is the
one mistake that costs money."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from run_helpers import make_invoice, run, write_invoice

from invoices.pipeline import ingest

COMMUNE = "21750011500019"


def test_a_held_invoice_is_listed_before_everything_else(
    store: Any, night: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_COMMUNE_SIRET", COMMUNE)
    monkeypatch.setenv("DEMAT_GUARD", "on")
    received = write_invoice(make_invoice("HOLD-1", buyer=COMMUNE), "ubl", tmp_path / "got")
    (outcome,) = ingest([received], store=store, source="test")
    assert outcome.status == "held", outcome.to_json()  # a new supplier's first invoice
    (night / "inbox" / "junk.xml").write_text("no invoice here", encoding="utf-8")

    result = run("--steps", "inbox,report")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Needs a person"))
    assert "HOLD-1" in lines[start + 1] and "held (bank details)" in lines[start + 1]
    assert "junk.xml" in lines[start + 2]

    again = run("--steps", "inbox,report")  # reported already: still waiting, exit 0
    assert again.exit_code == 0, again.output
    assert "HOLD-1" in again.output
