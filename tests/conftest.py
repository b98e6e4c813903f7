"""Fixtures shared by every test area: the shared test data, the official artefacts and
the databases.

PostgreSQL comes from ``DEMAT_TEST_POSTGRES_URL`` (``.ci/run`` sets it).  Each test
gets a fresh schema (``search_path`` in the URL, so subprocesses started with that
URL see the same schema), dropped afterwards: tests never see each other's data.
Without the variable the PostgreSQL variant skips locally and FAILS in CI.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
PG_ENV = "DEMAT_TEST_POSTGRES_URL"
SAMPLES = ROOT / "samples"


def shared_dir() -> Path:
    """``../shared`` beside the checkout (CI lays it there); overridable for odd layouts."""
    return Path(os.environ.get("DEMAT_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not (path / "corpus" / "MANIFEST.tsv").is_file():
        pytest.fail(f"shared test data not found at {path} (set DEMAT_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def corpus(shared: Path) -> Path:
    return shared / "corpus"


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests assert English messages unless they choose otherwise."""
    from invoices.i18n import set_language

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_language(None)


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test writes into the real user's data or config directory."""
    monkeypatch.setenv("DEMAT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("DEMAT_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def cen_dir(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The official CEN artefacts, installed once per session from ``shared/artefacts``.

    That is how CI gets them (it has no internet for ``demat artefacts fetch``); the
    install goes through the real, SHA-256-checking installer.
    """
    from demat.artefacts_fetch import install_from_folder

    target = tmp_path_factory.mktemp("cen-artefacts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMAT_ARTEFACTS_DIR", str(target))
        install_from_folder(shared / "artefacts")
    return target


@pytest.fixture
def artefacts(cen_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Validation in this test (and in the subprocesses it starts) finds the CEN artefacts."""
    from schemas import catalogue

    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(cen_dir))
    catalogue.forget_verified()
    yield cen_dir
    catalogue.forget_verified()


def _postgres_base() -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        message = (
            f"{PG_ENV} is not set: the storage tests must run against PostgreSQL "
            "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return base


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = _postgres_base()
    schema = f"demat_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL at {base} is not usable: {exc}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def make_samples() -> ModuleType:
    """``samples/make_samples.py`` as a module (``samples/`` is not a package): the list
    and the models of the samples the project ships."""
    spec = importlib.util.spec_from_file_location("demat_make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
