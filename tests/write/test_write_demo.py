"""``demat demo``, step 1: every sample read and checked, shown as a table, broken ones
flagged.  The whole run over the repository's samples (every step) is in
``tests/demo/test_demo_pipeline.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import demat.demo.samples
from demat.cli import main
from demat.demo import run_demo, sample_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    for target, source in files.items():
        (tmp_path / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / source, tmp_path / target)
    return tmp_path


def test_demo_on_another_folder_in_french(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "ubl-invoice.xml": "ubl-invoice.xml",
            "broken/xxe.xml": "broken/xxe.xml",
            "notes.md": "README.md",
        },
    )
    result = CliRunner().invoke(main, ["--lang", "fr", "demo", "--samples", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Fichier" in result.output and "N° facture" in result.output
    assert "FD-2026-0001" in result.output and "419.28 EUR" in result.output
    assert "[rejet attendu] document refusé, il déclare un DOCTYPE" in result.output
    assert "notes.md" not in result.output
    assert (
        "\n2 fichiers : 1/1 exemples valides, 1/1 exemples cassés rejetés, comme attendu.\n"
        in result.output
    )
    assert result.output.rstrip().endswith(
        "Démonstration terminée : tout est conforme à l'attendu."
    )


def test_a_good_sample_that_fails_is_unexpected_and_exit_1(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"looks-good.xml": "broken/billion-laughs.xml"})
    result = CliRunner().invoke(main, ["demo", "--samples", str(folder)])
    assert result.exit_code == 1
    assert "[UNEXPECTED: should have been valid]" in result.output
    assert "1 unexpected result(s)" in result.output


def test_a_broken_sample_that_passes_is_unexpected(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"broken/fine.xml": "ubl-invoice.xml"})
    result = CliRunner().invoke(main, ["demo", "--samples", str(folder)])
    assert result.exit_code == 1
    assert "[UNEXPECTED: should have been rejected]" in result.output


def test_without_samples_the_demo_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed copy has no samples/: exit 2 with a clear message, no traceback."""
    monkeypatch.setattr(demat.demo.samples, "REPO_SAMPLES", tmp_path / "site-packages" / "samples")
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 2
    assert "samples folder not found" in result.output
    assert "pip install -e . && demat demo" in result.output
    assert "Traceback" not in result.output


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--samples", str(tmp_path)])
    assert result.exit_code == 2
    assert "no file to check" in result.output


def test_samples_come_good_first_then_broken(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "b.xml": "ubl-invoice.xml",
            "broken/a.xml": "broken/xxe.xml",
            "a.xml": "ubl-credit-note.xml",
            "make_samples.py": "README.md",
            "__pycache__/x.pyc": "README.md",
        },
    )
    names = [p.relative_to(folder).as_posix() for p in sample_files(folder)]
    assert names == ["a.xml", "b.xml", "broken/a.xml"]
    seen: list[str] = []
    rows = list(run_demo(folder, progress=lambda p: seen.append(p.name)))
    assert [r.file for r in rows] == names and seen == ["a.xml", "b.xml", "a.xml"]
    assert [r.as_expected for r in rows] == [True, True, True]
