"""The PES bundle installs like the CEN release: from a folder, every file checked
against its SHA-256 pin; an altered file is refused and nothing is installed."""

from __future__ import annotations

import shutil

import pytest

from demat.artefacts_fetch import install_from_folder
from invoices.errors import SetupError
from schemas import catalogue


def test_install_accepts_the_bundle_layouts(pes_shared, tmp_path, monkeypatch):
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path / "artefacts"))
    for folder in (pes_shared / "schemas", pes_shared / "schemas" / "v5.30", pes_shared):
        done = install_from_folder(folder)
        assert done.files == len(catalogue.pes_pins()) == 56
    catalogue.forget_verified()
    assert catalogue.status("pes-aller.xsd", tmp_path / "artefacts") == "ok"
    assert catalogue.status("pes-acquit.xsd", tmp_path / "artefacts") == "ok"
    catalogue.forget_verified()


def test_an_altered_file_is_refused(pes_shared, tmp_path, monkeypatch):
    copy = tmp_path / "copy"
    shutil.copytree(pes_shared / "schemas" / "v5.30", copy)
    with (copy / "PES_V2" / "Class_PJ.xsd").open("ab") as handle:
        handle.write(b"\n")
    monkeypatch.setenv("DEMAT_ARTEFACTS_DIR", str(tmp_path / "artefacts"))
    with pytest.raises(SetupError) as caught:
        install_from_folder(copy)
    assert caught.value.key == "validate.artefact_bad_hash"
    assert not (tmp_path / "artefacts" / catalogue.PES_DIRNAME).exists()
