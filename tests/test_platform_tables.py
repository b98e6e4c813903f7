"""One copy of every Chorus Pro table: each data file of ``platforms/chorus`` is well formed,
and our client, our validation layer and the emulator all use what that file says.

The files are read here straight from disk (neither loader), so the comparison does not
trust the code it checks; the emulator side is compared through the values its modules
have loaded, and a subprocess proves the emulator runs no project code to load them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import platforms.chorus
from connectors.chorus import client
from emulators.chorus import codes, entities, integration, lifecycle, platform, views
from emulators.chorus import swagger as emulator_swagger
from emulators.chorus.config import Config
from invoices.validation import chorus as rules
from platforms.chorus import tables

DATA = Path(platforms.chorus.__file__).parent
TABLES = (
    "flow_syntaxes",
    "flow_states",
    "invoice_types",
    "payment_means",
    "limits",
    "return_codes",
    "transitions",
)


def raw(name: str) -> dict[str, Any]:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def swagger_enum(member: str) -> set[str]:
    """The union of every ``enum`` the official Swagger gives ``member``."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == member and isinstance(value, dict) and "enum" in value:
                    found.update(value["enum"])
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(raw("swagger-factures"))
    return found


# ------------------------------------------------------------------ well formed


@pytest.mark.parametrize("name", TABLES)
def test_each_table_is_a_described_json_object(name: str) -> None:
    data = raw(name)
    assert isinstance(data.get("description"), str) and len(data["description"]) > 40
    assert tables.load(name) == data


def test_flow_syntaxes_are_the_swagger_enum_and_deposits_are_integrable() -> None:
    data = raw("flow_syntaxes")
    assert set(data["syntaxes"]) == swagger_enum("syntaxeFlux")
    for name, entry in data["syntaxes"].items():
        assert set(entry) <= {"interface", "container"}, name
        assert re.fullmatch(r"\d{4}", entry.get("interface", "0000")), name
        assert entry.get("container", "ubl") in {"ubl", "cii", "facturx"}, name
    assert re.fullmatch(r"\d{4}", data["default_interface"])
    assert set(data["deposit"]) == {"cii", "ubl-invoice", "ubl-creditnote", "facturx-pdf"}
    for kind, syntax in data["deposit"].items():
        assert "container" in data["syntaxes"][syntax], kind  # the platform integrates it


def test_invoice_types_map_untdid_codes_to_the_swagger_type() -> None:
    data = raw("invoice_types")
    assert all(re.fullmatch(r"\d{3}", code) for code in data["types"])
    assert set(data["types"].values()) <= swagger_enum("typeFacture")
    assert data["types"][data["credit_note"]] == "AVOIR"


def test_credit_transfer_means_are_the_documented_ones() -> None:
    # API.md 6.3 names 30, 31, 42; 58 is UNTDID 4461 "SEPA credit transfer".
    assert raw("payment_means")["credit_transfer"] == ["30", "31", "42", "58"]


def test_flow_states_are_distinct_and_named_by_the_notes() -> None:
    data = raw("flow_states")
    states = [
        data["waiting"],
        data["processing"],
        *data["pending"],
        *data["integrated"].values(),
        *data["failed"].values(),
    ]
    assert len(states) == len(set(states))
    assert all(re.fullmatch(r"IN_[A-Z_]+", s) for s in states)
    machine = tables.flow_states()
    assert machine.terminal == {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}
    assert machine.waiting not in machine.terminal and machine.processing not in machine.terminal


def test_limits_are_positive_integers() -> None:
    data = {k: v for k, v in raw("limits").items() if k != "description"}
    assert data and all(isinstance(v, int) and v > 0 for v in data.values())
    assert data["max_invoice_bytes"] == 120 * 1024 * 1024
    assert data["max_attachment_bytes"] == data["max_flow_file_bytes"] == 10 * 1024 * 1024


def test_return_codes_are_unique_with_labels() -> None:
    entries = raw("return_codes")["codes"]
    numbers = [entry["code"] for entry in entries.values()]
    assert len(numbers) == len(set(numbers))
    assert entries["OK"]["code"] == 0 and entries["NO_RESULT"]["code"] == 20000
    assert entries["ILLEGAL_TRANSITION"]["code"] == 20002
    assert all(isinstance(e["label"], str) and e["label"] for e in entries.values())
    assert all(isinstance(e["confirmed"], bool) for e in entries.values())


def test_transitions_only_name_swagger_statuses_and_close_over_themselves() -> None:
    data = raw("transitions")
    known = swagger_enum("statutFacture")
    named = set(data["system"]) | set(data["system"].values()) | set(data["recipient"])
    for targets in data["recipient"].values():
        assert set(targets) <= set(data["recipient_statuses"])
        named |= set(targets)
    for current, actions in data["supplier"].items():
        named |= {current, *actions.values()}
    named |= set(data["recipient_statuses"]) | set(data["hidden_from_recipient"])
    assert named <= known, named - known
    assert set(data["motif_required"]) <= set(data["recipient_statuses"])
    assert set(data["mandate_number_only_with"]) <= set(data["recipient_statuses"])
    assert data["motif_max_length"] == 255


# ------------------------------------------------------------------ one file, three readers


def test_client_reads_the_tables() -> None:
    deposit = raw("flow_syntaxes")["deposit"]
    assert {str(k): v for k, v in client.SYNTAX_FLUX.items()} == deposit
    assert {raw("return_codes")["codes"]["NO_RESULT"]["code"]} == client.NO_RESULT
    assert raw("limits")["max_flow_file_bytes"] == client.MAX_FLOW_BYTES


def test_validation_reads_the_tables() -> None:
    limits = raw("limits")
    assert rules.ACCEPTED_TYPE_CODES is tables.invoice_types()  # the loader's own value
    assert rules.CREDIT_TRANSFER_MEANS is tables.credit_transfer_means()
    assert {str(k): v for k, v in rules.FLOW_SYNTAXES.items()} == raw("flow_syntaxes")["deposit"]
    assert list(rules.FLOW_SYNTAXES) == list(client.SYNTAX_FLUX)  # same order, same file
    assert dict(rules.ACCEPTED_TYPE_CODES) == raw("invoice_types")["types"]
    assert set(raw("payment_means")["credit_transfer"]) == rules.CREDIT_TRANSFER_MEANS
    assert limits["max_invoice_bytes"] == rules.MAX_INVOICE_BYTES
    assert limits["max_attachment_bytes"] == rules.MAX_ATTACHMENT_BYTES
    assert limits["max_flow_file_bytes"] == rules.MAX_FLOW_FILE_BYTES
    assert limits["max_attachment_name"] == rules.MAX_ATTACHMENT_NAME
    assert limits["max_engagement"] == rules.MAX_ENGAGEMENT


def test_emulator_reads_the_tables() -> None:
    syntaxes = raw("flow_syntaxes")["syntaxes"]
    assert tuple(syntaxes) == platform.SYNTAXES
    assert {
        k: v["container"] for k, v in syntaxes.items() if "container" in v
    } == platform.CONTAINERS
    assert {
        k: v["interface"] for k, v in syntaxes.items() if "interface" in v
    } == platform.INTERFACES
    assert raw("invoice_types")["types"] == integration.TYPES
    assert views.TYPE_CODES == {"FACTURE": "380", "AVOIR": "381", "ACOMPTE": "386"}
    assert set(raw("payment_means")["credit_transfer"]) == integration.TRANSFER_CODES
    assert {code: label for code, label in codes.LABELS.items()} == {
        e["code"]: e["label"] for e in raw("return_codes")["codes"].values()
    }
    flows = raw("flow_states")
    assert (
        flows["waiting"],
        flows["processing"],
    ) == (entities.FLOW_WAITING, entities.FLOW_PROCESSING)
    assert tables.flow_states().terminal == entities.FLOW_TERMINAL
    assert Config().container_failure_state == flows["failed"]["rejected"]
    limits = raw("limits")
    assert Config().max_flow_bytes == limits["max_flow_file_bytes"]
    assert Config().max_download_bytes == limits["max_download_bytes"]
    machine, data = lifecycle.default(), raw("transitions")
    assert machine.system == data["system"]
    assert machine.recipient == {k: tuple(v) for k, v in data["recipient"].items()}
    assert machine.supplier == data["supplier"]
    assert machine.motif_required == set(data["motif_required"])
    assert machine.motif_max_length == data["motif_max_length"]
    assert emulator_swagger.spec() == raw("swagger-factures")


def test_typed_loader_matches_the_files() -> None:
    data = raw("transitions")
    machine = tables.lifecycle()
    assert machine.recipient_statuses == tuple(data["recipient_statuses"])
    assert machine.motif_required == set(data["motif_required"])
    assert machine.mandate_number_only_with == set(data["mandate_number_only_with"])
    assert machine.recipient_may("MISE_A_DISPOSITION", "MANDATEE")
    assert not machine.recipient_may("COMPTABILISEE", "REJETEE")
    assert tables.return_code("ILLEGAL_TRANSITION") == 20002
    assert tables.flow_syntaxes()["IN_DP_E1_UBL_INVOICE"].container == "ubl"
    assert tables.limits().max_engagement == raw("limits")["max_engagement"]


def test_the_emulator_loads_its_tables_without_project_code() -> None:
    probe = (
        "import sys, emulators.chorus, emulators.chorus.extract, emulators.chorus.bulk; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('invoices', 'connectors', 'demat') "
        "or m.startswith('platforms.chorus.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert out.stdout.strip() == "[]"


def test_client_and_emulator_check_against_the_same_swagger() -> None:
    import connectors.chorus
    from connectors.chorus import swagger as client_swagger

    assert not list(Path(connectors.chorus.__file__).parent.glob("*.json"))  # one copy only
    assert dict(client_swagger.spec()) == emulator_swagger.spec() == raw("swagger-factures")
