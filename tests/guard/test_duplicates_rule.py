"""The honest-duplicates rule, one case per row of its table: which statuses of an
earlier invoice make a new one with the same seller, number and year a suspected
duplicate, and which make it a correction (linked to it: ``invoices.store.corrections``).
Across syntaxes and receive paths: ``tests/store/test_duplicates_paths.py``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from invoices.pipeline import ingest
from invoices.store import Invoice, Store, corrections, transmissions
from invoices.store.records import DUPLICATE_COUNTS

FRAUD = "FR1420041010050500013M02606"
#: Written here independently of the table, so that a changed row fails a test.
EXPECTED = {
    "received": True,
    "unvalidated": True,
    "suspected-duplicate": True,
    "held": True,
    "invalid": False,  # refused by our checks: the re-issue corrects it
    "REJETEE": False,  # rejected by the commune on Chorus Pro
    "rejected": False,  # rejected by the platform
    "SERVICE_FAIT": True,  # not in the table: counts
    "MANDATEE": True,
}


def test_every_row_of_the_table_has_its_case() -> None:
    assert set(DUPLICATE_COUNTS) <= set(EXPECTED)


@pytest.mark.parametrize("status", sorted(EXPECTED))
def test_a_reissue_is_a_duplicate_only_when_the_first_status_counts(
    status: str,
    store: Store,
    make_invoice: Callable[..., bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMAT_GUARD", "off")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "first.xml").write_bytes(make_invoice("DUP-1"))
    (tmp_path / "b" / "again.xml").write_bytes(make_invoice("DUP-1", iban=FRAUD))
    [first] = list(ingest([tmp_path / "a"], store=store))
    assert first.document_id is not None
    with store.write() as session:
        transmissions.set_invoice_status(session, first.document_id, status)
    [again] = list(ingest([tmp_path / "b"], store=store))
    assert again.document_id is not None
    with store.read() as session:
        row = session.get(Invoice, again.document_id)
        assert row is not None
        linked = corrections.correction_of(session, again.document_id)
        if EXPECTED[status]:
            assert (row.status, row.duplicate_of) == ("suspected-duplicate", first.document_id)
            assert linked is None
        else:  # not a duplicate: linked to the refused or rejected one as its correction
            assert (row.status, row.duplicate_of) == ("received", None)
            assert linked == first.document_id
