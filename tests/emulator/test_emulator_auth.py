"""PISTE gateway behaviour: OAuth token, Bearer, cpro-account, content type, paths."""

from __future__ import annotations

import base64

import pytest

LOGIN_INCORRECT = (
    'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"'
)


def _token(api, **form):
    data = {
        "grant_type": "client_credentials",
        "client_id": "demat-emulator-client",
        "client_secret": "demat-emulator-secret",
        "scope": "openid",
        **form,
    }
    return api.http.post("/api/oauth/token", data={k: v for k, v in data.items() if v is not None})


def test_token_answer(api):
    answer = _token(api)
    assert answer.status_code == 200
    body = answer.json()
    assert (
        body["token_type"] == "Bearer" and body["expires_in"] == 3600 and body["scope"] == "openid"
    )
    assert len(body["access_token"]) >= 32


def test_token_with_basic_client_authentication(api):
    basic = base64.b64encode(b"demat-emulator-client:demat-emulator-secret").decode()
    answer = api.http.post(
        "/api/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert answer.status_code == 200


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"client_secret": "wrong"}, "invalid_client"),
        ({"client_id": "someone-else"}, "invalid_client"),
        ({"client_id": None, "client_secret": None}, "invalid_client"),
        ({"grant_type": "password"}, "unsupported_grant_type"),
        ({"grant_type": None}, "unsupported_grant_type"),
    ],
)
def test_token_refusals(api, form, error):
    answer = _token(api, **form)
    assert answer.status_code == 400
    assert answer.json()["error"] == error


def test_configurable_lifetime_on_the_emulator_clock(api, emulator):
    emulator.world.config.update({"token_expires_in": 60})
    api.new_token()
    assert api.raw("structures/v1/rechercher", {}).status_code == 200
    emulator.advance(59)
    assert api.raw("structures/v1/rechercher", {}).status_code == 200
    emulator.advance(1)
    answer = api.raw("structures/v1/rechercher", {})
    assert answer.status_code == 401
    assert 'error_description="token expired"' in answer.headers["WWW-Authenticate"]
    api.new_token()
    assert api.raw("structures/v1/rechercher", {}).status_code == 200


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Basic abc", "Bearer not-a-token"])
def test_bad_bearer_is_401(api, authorization):
    api.new_token()
    headers = api.headers()
    if authorization is None:
        del headers["Authorization"]
    else:
        headers["Authorization"] = authorization
    answer = api.http.post("/cpro/factures/v1/rechercher/fournisseur", json={}, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith('Bearer realm="PISTE"')


@pytest.mark.parametrize(
    "account",
    [
        None,
        "",
        "not base64!!",
        base64.b64encode(b"no-colon").decode(),
        base64.b64encode(b"TECH_DEMAT_01@cpro.fr:wrong").decode(),
        base64.b64encode(b"UNKNOWN@cpro.fr:Demat-Emulator-2026!").decode(),
    ],
)
def test_bad_cpro_account_is_401_with_the_documented_header(api, account):
    api.new_token()
    headers = api.headers()
    if account is None:
        del headers["cpro-account"]
    else:
        headers["cpro-account"] = account
    answer = api.http.post("/cpro/factures/v1/rechercher/fournisseur", json={}, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == LOGIN_INCORRECT


def test_credentials_in_authorization_basic_break_the_call(api):
    """The basic-auth reflex (login:password in Authorization) fails, as on PISTE."""
    basic = base64.b64encode(b"TECH_DEMAT_01@cpro.fr:Demat-Emulator-2026!").decode()
    answer = api.http.post(
        "/cpro/structures/v1/rechercher", json={}, headers={"Authorization": f"Basic {basic}"}
    )
    assert answer.status_code == 401


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
)
def test_non_json_content_type_is_415(api, content_type):
    api.new_token()
    answer = api.http.post(
        "/cpro/structures/v1/rechercher",
        content=b"{}",
        headers={**api.headers(), "Content-Type": content_type},
    )
    assert answer.status_code == 415


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json;charset=utf-8", "application/json; charset=UTF-8"],
)
def test_json_content_types_accepted(api, content_type):
    api.new_token()
    answer = api.http.post(
        "/cpro/structures/v1/rechercher",
        content=b"{}",
        headers={**api.headers(), "Content-Type": content_type},
    )
    assert answer.status_code == 200


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_malformed_json_is_400(api, content):
    api.new_token()
    answer = api.http.post(
        "/cpro/structures/v1/rechercher",
        content=content,
        headers={**api.headers(), "Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.json()["codeRetour"] == 20014


def test_empty_body_is_an_empty_object(api):
    api.new_token()
    answer = api.http.post(
        "/cpro/transverses/v1/recuperer/tauxtva",
        content=b"",
        headers={**api.headers(), "Content-Type": "application/json"},
    )
    assert answer.status_code == 200 and answer.json()["codeRetour"] == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/cpro/factures/v1/unknown"),
        ("POST", "/factures/v1/deposer/flux"),
        ("GET", "/cpro/factures/v1/deposer/flux"),
        ("POST", "/cpro/transverses/v1/health-check"),
        ("GET", "/api/oauth/token"),
        ("POST", "/"),
    ],
)
def test_unknown_paths_are_404(api, method, path):
    api.new_token()
    answer = api.http.request(method, path, json={}, headers=api.headers())
    assert answer.status_code == 404


def test_paths_without_cpro_when_configured(api, emulator):
    emulator.world.config.update({"accept_without_cpro": True})
    api.new_token()
    assert (
        api.http.post("/structures/v1/rechercher", json={}, headers=api.headers()).status_code
        == 200
    )


def test_health_check_is_a_get(api):
    api.new_token()
    answer = api.http.get("/cpro/transverses/v1/health-check", headers=api.headers())
    assert answer.status_code == 200
    assert answer.json()["statusCodeValue"] == 200
    assert api.http.get("/cpro/transverses/v1/health-check").status_code == 401


def test_oversized_request_is_413(api, emulator):
    api.new_token()
    emulator.world.config.update({"max_request_bytes": 100})
    answer = api.raw(
        "factures/v1/deposer/flux",
        {"fichierFlux": "A" * 200, "nomFichier": "f.xml", "syntaxeFlux": "IN_DP_E1_CII_16B"},
    )
    assert answer.status_code == 413
    assert emulator.world.flows == {}
