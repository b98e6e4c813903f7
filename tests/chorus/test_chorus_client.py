"""The client against the emulator over loopback: auth, retries, writes sent once, quirks."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from chorus_helpers import COLLINES, COMMUNE, DEPARTEMENT, SAMPLES, SwaggerChecked
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.chorus.client import ChorusClient, syntax_flux
from connectors.chorus.config import ChorusConfig, load_config
from connectors.chorus.directory import Directory
from connectors.chorus.errors import (
    ChorusAuthError,
    ChorusBusinessError,
    ChorusOutcomeUnknown,
    ChorusUnavailable,
)
from connectors.chorus.http import CallEvent
from emulators.chorus import Emulator
from invoices.errors import InputError
from invoices.syntax import Syntax
from invoices.validation import Layer

UBL = (SAMPLES / "ubl-invoice.xml").read_bytes()


def _operations(emulator: Emulator, operation: str | None = None) -> list[dict]:
    return emulator.journal.entries(operation)


def test_a_deposit_is_integrated_and_followed(
    client: ChorusClient, emulator: Emulator, transport: SwaggerChecked
) -> None:
    deposit = client.deposit(UBL, "ubl-invoice.xml", syntax_flux(Syntax.UBL_INVOICE))
    assert deposit.flow_id.startswith("CPP0011100")
    report = client.wait_flow(deposit.flow_id)
    assert report.state == "IN_INTEGRE" and report.findings() == []
    found = client.search_supplier(flow_id=deposit.flow_id)
    assert [i.number for i in found.items] == ["FD-2026-0001"]
    emulator.advance(200)
    history = client.history(found.items[0].invoice_id)
    assert history.current == "MISE_A_DISPOSITION"
    assert [e.code for e in history.entries] == [
        "DEPOSEE",
        "EN_COURS_ACHEMINEMENT",
        "MISE_A_DISPOSITION",
    ]
    # Every factures request was checked against the official model (fixture asserts).
    assert "/cpro/factures/v1/deposer/flux" in transport.checked


def test_one_token_serves_many_calls(client: ChorusClient, emulator: Emulator) -> None:
    for _ in range(5):
        client.find_structure(COMMUNE)
    assert len(_operations(emulator, "token")) == 1
    assert client.http.tokens.obtained == 1


def test_an_expired_token_is_renewed_once_and_the_run_completes(
    config: ChorusConfig, emulator: Emulator
) -> None:
    # A 60 s token; the emulator clock then jumps past it while the client's cache
    # still believes it valid: the gateway answers 401, the client renews once.
    emulator.world.config.token_expires_in = 60
    events: list[CallEvent] = []
    with ChorusClient(config, observer=events.append, backoff_base=0.01) as client:
        client.find_structure(COMMUNE)
        emulator.advance(120)
        ref = client.find_structure(COLLINES)
        assert ref is not None and ref.siret == COLLINES
        assert client.http.tokens.obtained == 2
    assert len(_operations(emulator, "token")) == 2
    assert [e.detail for e in events if e.status == 401] == ["token renewed"]


def test_a_token_refused_twice_is_a_clear_error(config: ChorusConfig, emulator: Emulator) -> None:
    emulator.inject(operation="structures/v1/rechercher", kind="401", times=2)
    with ChorusClient(config, backoff_base=0.01) as client, pytest.raises(ChorusAuthError) as info:
        client.find_structure(COMMUNE)
    assert len(_operations(emulator, "token")) == 2  # renewed once, not in a loop
    assert "DEMAT_CHORUS_LOGIN" in info.value.message()


def test_bad_credentials_say_what_to_check_and_never_show_secrets(
    chorus_env: dict[str, str], emulator: Emulator
) -> None:
    wrong_client = load_config({**chorus_env, "DEMAT_CHORUS_CLIENT_SECRET": "wrong-secret-xyz"})
    with ChorusClient(wrong_client) as client, pytest.raises(ChorusAuthError) as info:
        client.find_structure(COMMUNE)
    assert "DEMAT_CHORUS_CLIENT_SECRET" in info.value.message()
    assert "wrong-secret-xyz" not in info.value.message() + repr(info.value)

    wrong_account = load_config({**chorus_env, "DEMAT_CHORUS_PASSWORD": "not-the-password"})
    with ChorusClient(wrong_account) as client, pytest.raises(ChorusAuthError) as info:
        client.find_structure(COMMUNE)
    assert "login or password incorrects" in info.value.message()
    assert "not-the-password" not in info.value.message() + repr(info.value)


@pytest.mark.parametrize("kind", ["500", "503", "429"])
def test_reads_are_retried_after_server_errors(
    client: ChorusClient, emulator: Emulator, kind: str
) -> None:
    emulator.inject(operation="structures/v1/rechercher", kind=kind, times=2)
    ref = client.find_structure(DEPARTEMENT)
    assert ref is not None and ref.siret == DEPARTEMENT
    outcomes = [e["status"] for e in _operations(emulator, "structures/v1/rechercher")]
    assert outcomes == [int(kind), int(kind), 200]


def test_a_slow_read_times_out_and_is_retried(
    chorus_env: dict[str, str], emulator: Emulator
) -> None:
    config = load_config({**chorus_env, "DEMAT_CHORUS_TIMEOUT": "0.5"})
    emulator.inject(operation="structures/v1/rechercher", kind="slow", delay=2, times=1)
    events: list[CallEvent] = []
    with ChorusClient(config, observer=events.append, backoff_base=0.01) as client:
        assert client.find_structure(COMMUNE) is not None
    calls = [(e.outcome, e.detail) for e in events if e.operation == "structures/v1/rechercher"]
    assert calls == [("retry", "ReadTimeout"), ("ok", "")]


def test_reads_give_up_after_the_configured_retries(
    chorus_env: dict[str, str], emulator: Emulator
) -> None:
    config = load_config({**chorus_env, "DEMAT_CHORUS_READ_RETRIES": "2"})
    emulator.inject(operation="structures/v1/rechercher", kind="503", times=10)
    with (
        ChorusClient(config, backoff_base=0.01) as client,
        pytest.raises(ChorusUnavailable) as info,
    ):
        client.find_structure(COMMUNE)
    assert "503" in info.value.message()
    assert len(_operations(emulator, "structures/v1/rechercher")) == 3


@pytest.mark.parametrize("kind", ["reset", "500", "slow"])
def test_a_deposit_is_never_retried(
    chorus_env: dict[str, str], emulator: Emulator, kind: str
) -> None:
    config = load_config({**chorus_env, "DEMAT_CHORUS_TIMEOUT": "1"})
    emulator.inject(operation="factures/v1/deposer/flux", kind=kind, delay=3, times=1)
    events: list[CallEvent] = []
    with (
        ChorusClient(config, observer=events.append, backoff_base=0.01) as client,
        pytest.raises(ChorusOutcomeUnknown) as info,
    ):
        client.deposit(UBL, "ubl-invoice.xml", "IN_DP_E1_UBL_INVOICE")
    assert "deposer/flux" in info.value.message()
    assert [(e.operation, e.outcome) for e in events if e.write] == [
        ("factures/v1/deposer/flux", "unknown")
    ]
    if kind != "slow":  # a slow answer is journalled when it ends, after the test
        assert len(_operations(emulator, "factures/v1/deposer/flux")) == 1


def test_a_refused_connection_is_not_an_unknown_outcome(
    config: ChorusConfig, emulator: Emulator
) -> None:
    emulator.stop()
    with ChorusClient(config, backoff_base=0.01) as client, pytest.raises(ChorusUnavailable):
        client.deposit(UBL, "ubl-invoice.xml", "IN_DP_E1_UBL_INVOICE")


def test_business_errors_become_findings_with_the_platform_code(
    client: ChorusClient, emulator: Emulator
) -> None:
    emulator.inject(
        operation="factures/v1/rechercher/fournisseur", kind="business", code=20010, times=1
    )
    with pytest.raises(ChorusBusinessError) as info:
        client.search_supplier(number="FD-2026-0001")
    finding = info.value.findings[0]
    assert finding.layer is Layer.CHORUS and finding.rule == "CPP-20010" and finding.fatal
    assert finding.message == "Erreur métier injectée."
    assert "20010" in info.value.message()


def test_an_empty_recipient_search_is_no_result_not_an_error(client: ChorusClient) -> None:
    ref = client.find_structure(COMMUNE)
    assert ref is not None
    page = client.search_recipient(idDestinataire=ref.structure_id)
    assert page.items == () and page.paging.last


def test_platform_quirks_are_absorbed(client: ChorusClient, emulator: Emulator) -> None:
    emulator.world.config.liste_structures_as_object = True
    emulator.world.config.null_paging_when_empty = True
    ref = client.find_structure(COLLINES)
    assert ref is not None and ref.siret == COLLINES
    commune = client.find_structure(COMMUNE)
    assert commune is not None
    assert client.search_recipient(idDestinataire=commune.structure_id).items == ()


def test_unsupported_syntaxes_are_refused_before_any_call() -> None:
    assert syntax_flux(Syntax.CII) == "IN_DP_E1_CII_16B"
    assert syntax_flux(Syntax.FACTURX_PDF) == "IN_DP_E2_CII_FACTURX"
    with pytest.raises(InputError) as info:
        syntax_flux(Syntax.PDF, "scan.pdf")
    assert "scan.pdf" in info.value.message()


def test_the_directory_describes_every_requirement(client: ChorusClient) -> None:
    directory = Directory(client)
    collines = directory.lookup(COLLINES)
    assert collines is not None and collines.service_code_required
    assert collines.active_service_codes() == ["CC-FIN", "CC-TECH"]
    assert collines.service("CC-ANCIEN") is not None
    assert not collines.service("CC-ANCIEN").active  # type: ignore[union-attr]
    departement = directory.lookup(DEPARTEMENT)
    assert departement is not None
    assert departement.service_code_required and departement.engagement_required
    assert directory.lookup("21670482500019") is not None
    assert not directory.lookup("21670482500019").active  # type: ignore[union-attr]
    assert directory.lookup("21999999900017") is None
    structures = directory.structures([COLLINES, "21999999900017"])
    assert COLLINES in structures and "21999999900017" not in structures


def test_the_cpro_account_header_is_base64_of_login_and_password(config: ChorusConfig) -> None:
    from connectors.chorus.http import account_header

    decoded = base64.b64decode(account_header(config.login, config.password.reveal()))
    assert decoded.decode() == f"{config.login}:{config.password.reveal()}"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_KEYS = st.sampled_from(
    [
        "numeroFluxDepot",
        "etatCourantDepotFlux",
        "listeErreurDP",
        "listeErreurTechnique",
        "listeFactures",
        "identifiantFactureCPP",
        "idFacture",
        "numeroFacture",
        "statut",
        "historiquesDesStatuts",
        "statutCourantCode",
        "informationGenerales",
        "parametres",
        "idStructureCPP",
        "pageCourante",
        "pages",
        "total",
        "nouveauStatut",
        "codeRetour",
    ]
)


@settings(deadline=None)  # behaviour, not wall time (shared machine)
@given(st.dictionaries(_KEYS, _JSON, max_size=8))
def test_any_answer_shape_is_read_without_crashing(body: dict) -> None:
    # The platform's JSON is irregular (API.md 8.9); whatever arrives, the readers give
    # typed values (possibly empty), never an AttributeError deep in the connector.
    from connectors.chorus import models

    models.Deposit.from_json(body)
    models.FlowReport.from_json(body).findings("X")
    models.History.from_json(body)
    models.Treatment.from_json(body)
    models.StructureDetail.from_json(body)
    models.Paging.from_json(body)
    for item in models.as_list(body.get("listeFactures")):
        if isinstance(item, dict):
            models.InvoiceSummary.from_json(item)


@settings(deadline=None)  # behaviour, not wall time (shared machine)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_platform_dates_in_every_format_are_read(moment: datetime) -> None:
    from connectors.chorus.context import parse_platform_time

    minute = moment.replace(second=0, microsecond=0)
    as_minute = parse_platform_time(minute.strftime("%Y-%m-%d %H:%M"))
    assert as_minute is not None and as_minute.tzinfo is not None
    assert as_minute == parse_platform_time(minute.isoformat())
    with_offset = parse_platform_time(minute.isoformat() + ".123+01:00")
    assert with_offset is not None and with_offset.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hier", "31/12/2026", "2026-13-01", "2026-02-30", "2026-12-31 25:00", "12:30"],
)
def test_unreadable_platform_dates_are_none_never_a_guess(text: str) -> None:
    from connectors.chorus.context import parse_platform_time

    assert parse_platform_time(text) is None


@settings(deadline=None)  # behaviour, not wall time (shared machine)
@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=30))
def test_text_without_a_digit_is_never_read_as_a_date(text: str) -> None:
    from connectors.chorus.context import parse_platform_time

    assert parse_platform_time(text) is None


def test_platform_dates_are_french_time_given_back_in_utc() -> None:
    from connectors.chorus.context import parse_platform_time

    winter = parse_platform_time("2026-01-15 10:30")
    summer = parse_platform_time("2026-07-15")
    assert winter == datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
    assert summer == datetime(2026, 7, 14, 22, 0, tzinfo=UTC)
    assert parse_platform_time("2026-07-15T12:00:00+02:00") == datetime(
        2026, 7, 15, 10, 0, tzinfo=UTC
    )
