"""The audit chain: appends verify; every kind of tampering is caught and named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from demat.cli import main
from invoices.store import Store, audit, open_store


def _fill(store: Store, count: int = 5) -> None:
    for i in range(count):
        with store.write() as session:
            audit.append(
                session,
                "test.action",
                actor="tester",
                object_type="thing",
                object_id=i,
                invoice_id=i,
                details={"i": i, "note": "é"},
            )


def _verify_cli(db_url: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", "verify", "--db", db_url])
    return result.exit_code, result.output


def _raw(store: Store, *statements: str) -> None:
    """Tamper behind the library's back, as someone with database access would."""
    with store.engine.connect() as conn:
        for stmt in statements:
            conn.exec_driver_sql(stmt)
        conn.commit()


def test_untouched_chain_verifies(store: Store, db_url: str) -> None:
    _fill(store)
    with store.read() as session:
        verdict = audit.verify(session)
    assert verdict.ok and verdict.count == 5 and verdict.head_seq == 5
    code, out = _verify_cli(db_url)
    assert code == 0, out
    assert "intact: 5 record(s)" in out


def test_empty_chain_verifies(store: Store, db_url: str) -> None:
    code, out = _verify_cli(db_url)
    assert code == 0, out
    assert "0 record(s)" in out


def test_records_commit_with_their_change_or_not_at_all(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        audit.append(session, "test.action", details={"x": 1})
        raise RuntimeError("the change failed")
    with store.read() as session:
        verdict = audit.verify(session)
    assert verdict.ok and verdict.count == 0


@pytest.mark.parametrize(
    ("tamper", "seq", "words"),
    [
        pytest.param(
            ["UPDATE audit_records SET details = '{\"i\":99}' WHERE seq = 3"],
            3,
            "content edited",
            id="edit-details",
        ),
        pytest.param(
            ["UPDATE audit_records SET actor = 'mallory' WHERE seq = 2"],
            2,
            "content edited",
            id="edit-actor",
        ),
        pytest.param(["DELETE FROM audit_records WHERE seq = 3"], 4, "missing", id="delete-middle"),
        pytest.param(
            ["DELETE FROM audit_records WHERE seq = 5"], 5, "does not end", id="delete-newest"
        ),
        pytest.param(["DELETE FROM audit_records WHERE seq = 1"], 2, "missing", id="delete-first"),
        pytest.param(
            [
                "UPDATE audit_records SET seq = 100 WHERE seq = 2",
                "UPDATE audit_records SET seq = 2 WHERE seq = 3",
                "UPDATE audit_records SET seq = 3 WHERE seq = 100",
            ],
            2,
            "content edited",
            id="reorder",
        ),
        pytest.param(
            [
                "INSERT INTO audit_records (seq, at, actor, action, details, prev_hash, hash)"
                " VALUES (6, '2026-01-01T00:00:00.000000Z', 'mallory', 'forged', '{}', "
                "'" + "0" * 64 + "', '" + "1" * 64 + "')"
            ],
            6,
            "content edited",
            id="insert-at-end",
        ),
        pytest.param(
            [
                "UPDATE audit_records SET seq = seq + 100 WHERE seq >= 3",
                "UPDATE audit_records SET seq = seq - 99 WHERE seq >= 100",
                "INSERT INTO audit_records (seq, at, actor, action, details, prev_hash, hash)"
                " VALUES (3, '2026-01-01T00:00:00.000000Z', 'mallory', 'forged', '{}', "
                "'" + "0" * 64 + "', '" + "1" * 64 + "')",
            ],
            3,
            "content edited",
            id="insert-in-middle",
        ),
    ],
)
def test_tampering_is_caught_and_named(
    store: Store, db_url: str, tamper: list[str], seq: int, words: str
) -> None:
    _fill(store)
    _raw(store, *tamper)
    code, out = _verify_cli(db_url)
    assert code == 1, out
    assert f"BROKEN at record #{seq}" in out
    assert words in out


def test_forged_record_with_a_correct_hash_is_caught_by_the_head(store: Store, db_url: str) -> None:
    """Someone who computes a valid hash for an appended record still misses the head."""
    _fill(store, 2)
    with store.read() as session:
        last = list(audit.history(session))[-1]
    forged = {
        "seq": 3,
        "at": "2026-01-01T00:00:00.000000Z",
        "actor": "mallory",
        "action": "forged",
        "object_type": None,
        "object_id": None,
        "invoice_id": None,
        "details": "{}",
        "prev_hash": last["hash"],
    }
    forged["hash"] = audit.record_hash(forged)
    _raw(
        store,
        "INSERT INTO audit_records (seq, at, actor, action, details, prev_hash, hash) "
        f"VALUES (3, '{forged['at']}', 'mallory', 'forged', '{{}}', "
        f"'{forged['prev_hash']}', '{forged['hash']}')",
    )
    code, out = _verify_cli(db_url)
    assert code == 1
    assert "BROKEN at record #2" in out  # the head still names record 2
    assert "does not end where its head says" in out


def test_export_verifies_without_the_database(store: Store, db_url: str, tmp_path: Path) -> None:
    _fill(store, 4)
    export = tmp_path / "audit.jsonl"
    result = CliRunner().invoke(main, ["audit", "export", str(export), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "5 record(s) exported" in result.output  # 4 + the record of the export itself
    store.close()
    result = CliRunner().invoke(main, ["audit", "verify", "--export", str(export)])
    assert result.exit_code == 0, result.output
    lines = export.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == audit.EXPORT_FORMAT
    assert json.loads(lines[-2])["record"]["action"] == "audit.exported"
    assert json.loads(lines[-1])["head"]["seq"] == 5
    # the export is itself in the database's chain
    code, _ = _verify_cli(db_url)
    assert code == 0


@pytest.mark.parametrize("edit", ["field", "drop-line", "swap-lines", "truncate", "append"])
def test_edited_export_is_caught(store: Store, db_url: str, tmp_path: Path, edit: str) -> None:
    _fill(store, 4)
    export = tmp_path / "audit.jsonl"
    store.export_audit(export)
    lines = export.read_text(encoding="utf-8").splitlines()
    if edit == "field":
        rec = json.loads(lines[3])
        rec["record"]["actor"] = "mallory"
        lines[3] = json.dumps(rec)
    elif edit == "drop-line":
        del lines[3]
    elif edit == "swap-lines":
        lines[2], lines[3] = lines[3], lines[2]
    elif edit == "truncate":
        lines = lines[:-2]
    else:
        lines.insert(-1, lines[-2])
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "verify", "--export", str(export)])
    assert result.exit_code == 1, result.output
    assert "BROKEN" in result.output


def test_export_that_is_not_one(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.jsonl"
    bogus.write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "verify", "--export", str(bogus)])
    assert result.exit_code == 1
    assert "invalid export file" in result.output
    result = CliRunner().invoke(main, ["audit", "verify", "--export", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "none" in result.output


def test_log_filters_by_invoice_and_date(store: Store, db_url: str) -> None:
    _fill(store, 3)
    result = CliRunner().invoke(main, ["audit", "log", "--db", db_url, "--invoice", "1", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["invoice_id"] for r in rows] == [1]
    assert rows[0]["details"] == {"i": 1, "note": "é"}
    result = CliRunner().invoke(main, ["audit", "log", "--db", db_url, "--since", "2999-01-01"])
    assert result.exit_code == 0
    assert "#" not in result.output
    result = CliRunner().invoke(main, ["audit", "log", "--db", db_url, "--since", "2000-01-01"])
    assert result.output.count("test.action") == 3
    result = CliRunner().invoke(main, ["audit", "log", "--db", db_url, "--since", "yesterday"])
    assert result.exit_code == 2
    assert "invalid date 'yesterday'" in result.output


APPENDER = """
import sys
from invoices.store import audit, open_store
store = open_store(sys.argv[1])
for i in range(int(sys.argv[3])):
    with store.write() as session:
        audit.append(session, "concurrent", actor=sys.argv[2], details={"i": i})
"""


def test_two_processes_appending_never_fork_the_chain(store: Store, db_url: str) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", APPENDER, db_url, name, "40"])
        for name in ("writer-a", "writer-b")
    ]
    for proc in procs:
        assert proc.wait(timeout=300) == 0
    with store.read() as session:
        verdict = audit.verify(session)
        actors = [r["actor"] for r in audit.history(session)]
    assert verdict.ok, verdict
    assert verdict.count == 80
    assert actors.count("writer-a") == actors.count("writer-b") == 40


# --------------------------------------------------------------- the chain as a pure function

_details = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.none()),
    max_size=4,
)


def _chain(all_details: list[dict[str, object]]) -> list[dict[str, object]]:
    prev = audit.GENESIS
    out = []
    for i, details in enumerate(all_details, start=1):
        rec = {
            "seq": i,
            "at": "2026-01-01T00:00:00.000000Z",
            "actor": "a",
            "action": "x",
            "object_type": None,
            "object_id": None,
            "invoice_id": None,
            "details": audit.canonical_json(details),
            "prev_hash": prev,
        }
        rec["hash"] = prev = audit.record_hash(rec)
        out.append(rec)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(_details, min_size=1, max_size=6), st.data())
def test_any_single_change_is_caught(
    all_details: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = _chain(all_details)
    head = (chain[-1]["seq"], chain[-1]["hash"])
    assert audit.check_chain(chain, head).ok
    victim = data.draw(st.integers(min_value=0, max_value=len(chain) - 1))
    field = data.draw(st.sampled_from(["at", "actor", "action", "details", "object_id"]))
    new_value = data.draw(st.text(min_size=1, max_size=10))
    if chain[victim][field] == new_value:
        return
    chain[victim] = {**chain[victim], field: new_value}
    verdict = audit.check_chain(chain, head)
    assert not verdict.ok
    assert verdict.seq == victim + 1


def test_default_store_is_an_sqlite_file_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DEMAT_DB", raising=False)
    with open_store() as opened:
        assert opened.engine.dialect.name == "sqlite"
    assert (tmp_path / "demat.sqlite3").is_file()
