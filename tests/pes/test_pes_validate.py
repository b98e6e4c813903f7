"""`demat pes validate`: the shared samples get the verdicts their README states; the
Hélios rules the XSD cannot express; a missing bundle is "not checked", exit 2."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from demat.cli import main
from invoices.validation.pes.check import validate_pes
from invoices.validation.pes.rules import History

VERDICTS = {
    "dgfip_PES_Exemple_Aller.xml": "invalid",
    "pastell_pes_aller.xml": "invalid",
    "s2low_pes_aller_ok.xml": "valid",
    "synthetic_pes_aller_depense_pj.xml": "valid",
    "s2low_pes_acquit.xml": "valid",
    "s2low_PES_ACQUIT_RETOUR.xml": "not-checked",
}
SYNTHETIC = "synthetic_pes_aller_depense_pj.xml"


def demat(*args: str) -> Result:
    return CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_shared_samples_get_their_readme_verdicts(name, pes_shared, pes_artefacts):
    path = pes_shared / "samples" / name
    report = validate_pes(path.read_bytes(), str(path))
    assert report.verdict == VERDICTS[name], [(f.rule, f.message) for f in report.findings]


def test_readme_reasons_of_the_invalid_samples(pes_shared, pes_artefacts):
    dgfip = validate_pes((pes_shared / "samples" / "dgfip_PES_Exemple_Aller.xml").read_bytes(), "d")
    assert [f.message for f in dgfip.findings if f.rule == "XSD"] == [
        next(f.message for f in dgfip.findings if "AAAA-MM-JJ" in f.message)
    ]
    pastell = validate_pes((pes_shared / "samples" / "pastell_pes_aller.xml").read_bytes(), "p")
    assert any("Element 'PJ': This element is not expected" in f.message for f in pastell.findings)


def test_cli_exit_codes_and_formats(pes_shared, pes_artefacts):
    samples = pes_shared / "samples"
    assert demat("pes", "validate", str(samples / SYNTHETIC)).exit_code == 0
    pastell = str(samples / "pastell_pes_aller.xml")
    both = demat("pes", "validate", str(samples / SYNTHETIC), pastell)
    assert both.exit_code == 1
    retour = demat("pes", "validate", str(samples / "s2low_PES_ACQUIT_RETOUR.xml"))
    assert retour.exit_code == 2
    out = demat("pes", "validate", "--format", "json", str(samples / "pastell_pes_aller.xml"))
    payload = json.loads(out.output)
    reports = payload["reports"] if isinstance(payload, dict) else payload
    assert reports[0]["verdict"] == "invalid" and reports[0]["syntax"] == "pes"
    assert demat("pes", "validate", str(samples / "nope.xml")).exit_code == 2
    folder = demat("pes", "validate", "--format", "json", str(samples))
    assert folder.exit_code == 2  # the PES_ACQUIT_RETOUR cannot be checked
    listed = json.loads(folder.output)
    listed = listed["reports"] if isinstance(listed, dict) else listed
    assert sorted(Path(r["file"]).name for r in listed) == sorted(VERDICTS)


def test_missing_bundle_is_not_checked_never_valid(pes_shared, artefacts, tmp_path, monkeypatch):
    from schemas import catalogue

    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path))  # no bundle installed here
    catalogue.forget_verified()
    path = pes_shared / "samples" / SYNTHETIC
    report = validate_pes(path.read_bytes(), str(path))
    assert report.verdict == "not-checked"
    assert any("demat artefacts install" in f.message for f in report.findings)
    result = demat("pes", "validate", str(path))
    assert result.exit_code == 2
    catalogue.forget_verified()


def _synthetic(pes_shared: Path) -> bytes:
    return (pes_shared / "samples" / SYNTHETIC).read_bytes()


def _rules(data: bytes, history: History | None = None) -> set[str]:
    report = validate_pes(data, "x.xml", history=history)
    return {f.rule for f in report.findings if f.fatal}


def test_hélios_rules_the_xsd_cannot_express(pes_shared, pes_artefacts):
    data = _synthetic(pes_shared)
    assert _rules(data) == set()
    start = data.index(b"<Fichier")
    end = data.index(b"</Fichier>")
    empty = data[:start] + b'<Fichier MIMEType="application/pdf">' + data[end:]
    assert _rules(empty) == {"HELIOS-PJ-EMPTY"}
    junk = base64.b64encode(b"not gzip")
    assert _rules(data[:start] + b'<Fichier MIMEType="application/pdf">' + junk + data[end:]) == {
        "HELIOS-PJ-UNREADABLE"
    }
    version = data.replace(b'<EnTetePES_PJ>\n      <IdVer V="1"/>', b'<EnTetePES_PJ><IdVer V="2"/>')
    assert _rules(version) == {"HELIOS-PJ-IDVER"}
    domaine = data.replace(b'<Domaine V="01"/>', b'<Domaine V="02"/>')
    assert _rules(domaine) == {"HELIOS-DOMAINE-TYPEPJ"}
    utf8 = data.replace(b"encoding='ISO-8859-1'", b"encoding='UTF-8'")
    assert _rules(utf8) == {"HELIOS-ENCODING"}
    paper = data.replace(b'<Support V="01"/>', b'<Support V="02"/>')
    assert _rules(paper) == {"HELIOS-PJREF-PAPER"}
    orphan = data.replace(b"<RefCompta>", b"<!--").replace(b"</RefCompta>", b"-->")
    # the mandat's PJRef names another IdUnique (the first occurrence is in the mandat)
    orphan = orphan.replace(b"123456789123452025DEP0000832A", b"OTHER1", 1)
    assert _rules(orphan) == {"HELIOS-PJ-UNATTACHED"}
    big = validate_pes(data, "x.xml", max_bytes=100)
    assert "HELIOS-SIZE" in {f.rule for f in big.findings} and big.verdict == "invalid"


def test_what_the_store_says_was_sent(pes_shared, pes_artefacts):
    data = _synthetic(pes_shared)
    sent = History(lambda id_unique, nom_fic: True, lambda nom_fic, sha: False)
    assert _rules(data, sent) == {"HELIOS-IDUNIQUE-SENT"}
    reused = History(lambda id_unique, nom_fic: False, lambda nom_fic, sha: True)
    assert _rules(data, reused) == {"HELIOS-NOMFIC-REUSED"}


def test_an_attachment_of_several_megabytes_validates(pes_shared, pes_artefacts):
    import gzip
    import os

    data = _synthetic(pes_shared)
    start = data.index(b"<Fichier")
    end = data.index(b"</Fichier>")
    payload = base64.b64encode(gzip.compress(os.urandom(9_000_000), compresslevel=1))
    assert len(payload) > 10_000_000  # over libxml2's default limit on one text node
    big = data[:start] + b'<Fichier MIMEType="application/pdf">' + payload + data[end:]
    report = validate_pes(big, "big.xml")
    assert report.verdict == "valid", [f.message for f in report.findings]


def test_a_doctype_is_refused(pes_artefacts):
    data = b'<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    report = validate_pes(data, "x.xml")
    assert report.verdict == "invalid"
    assert [f.rule for f in report.findings] == ["DEMAT-UNREADABLE"]
