"""TdT fixtures: a throw-away CA with server and client certificates (trustme), the
emulator over HTTPS on loopback, and the seeded store of ``tests/pes``.

The PES fixtures are those of ``tests/pes/conftest.py``, loaded from its file so
that both folders use the very same store and bundle.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from emulators.tdt import Config, Emulator, Tls

_spec = importlib.util.spec_from_file_location(
    "pes_fixtures", Path(__file__).resolve().parents[1] / "pes" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_pes = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _pes
_spec.loader.exec_module(_pes)
pes_shared = _pes.pes_shared
pes_bundle = _pes.pes_bundle
pes_artefacts = _pes.pes_artefacts
helios = _pes.helios
_template = _pes._template
seeded = _pes.seeded
Seeded = _pes.Seeded
HELIOS = _pes.HELIOS
SAMPLES = _pes.SAMPLES

PASSWORD = "s3cret-key-pass"


@dataclass(frozen=True)
class Certs:
    ca: Path
    server: Tls
    client_cert: Path
    client_key: Path
    password: str


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    from cryptography.hazmat.primitives import serialization

    base = tmp_path_factory.mktemp("tdt-certs")
    ca = trustme.CA()
    server = ca.issue_cert("127.0.0.1", "localhost")
    client = ca.issue_cert("mairie@example.org", common_name="Mairie de Saint-Exemple")
    ca.cert_pem.write_to_path(str(base / "ca.pem"))
    server.private_key_and_cert_chain_pem.write_to_path(str(base / "server.pem"))
    for blob in client.cert_chain_pems:
        blob.write_to_path(str(base / "client.pem"), append=True)
    key = serialization.load_pem_private_key(client.private_key_pem.bytes(), password=None)
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSWORD.encode()),
    )
    (base / "client.key").write_bytes(encrypted)
    tls = Tls(base / "server.pem", base / "server.pem", base / "ca.pem")
    return Certs(base / "ca.pem", tls, base / "client.pem", base / "client.key", PASSWORD)


@pytest.fixture
def tdt(certs: Certs) -> Iterator[Emulator]:
    with Emulator.start(certs.server, Config(login="mairie", password="pw")) as emulator:
        yield emulator


@pytest.fixture
def tdt_env(
    tdt: Emulator, certs: Certs, monkeypatch: pytest.MonkeyPatch, helios: dict[str, str]
) -> dict[str, str]:
    """The ``DEMAT_HELIOS_TDT_*`` settings that point ``demat`` at the emulator."""
    env = {
        "DEMAT_HELIOS_TDT_URL": tdt.base_url,
        "DEMAT_HELIOS_TDT_CERTIFICATE": str(certs.client_cert),
        "DEMAT_HELIOS_TDT_KEY": str(certs.client_key),
        "DEMAT_HELIOS_TDT_KEY_PASSWORD": certs.password,
        "DEMAT_HELIOS_TDT_CA": str(certs.ca),
        "DEMAT_HELIOS_TDT_LOGIN": "mairie",
        "DEMAT_HELIOS_TDT_PASSWORD": "pw",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return {**helios, **env}
