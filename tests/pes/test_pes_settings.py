"""The commune's Hélios settings: file and environment, checked before any file is built."""

from __future__ import annotations

import pytest

from invoices.errors import SetupError
from invoices.syntax.pes.settings import load_settings

GOOD = {
    "DEMAT_HELIOS_ID_POST": "034000",
    "DEMAT_HELIOS_ID_COLL": "21750011500019",
    "DEMAT_HELIOS_COD_COL": "123",
    "DEMAT_HELIOS_COD_BUD": "01",
}


def test_environment_overrides_the_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[helios]\nid_post = "034001"\nlibelle_col_bud = "BUDGET PRINCIPAL"\n')
    settings = load_settings({**GOOD, "DEMAT_HELIOS_ID_POST": ""}, config)
    assert settings.id_post == "034001" and settings.libelle_col_bud == "BUDGET PRINCIPAL"
    assert load_settings(GOOD, config).id_post == "034000"


def test_missing_and_malformed_settings_are_named(tmp_path):
    with pytest.raises(SetupError) as caught:
        load_settings({"DEMAT_HELIOS_ID_POST": "034000"}, tmp_path / "none.toml")
    assert "DEMAT_HELIOS_ID_COLL" in caught.value.message()
    with pytest.raises(SetupError) as caught:
        load_settings({**GOOD, "DEMAT_HELIOS_COD_COL": "1234"}, tmp_path / "none.toml")
    assert "DEMAT_HELIOS_COD_COL" in caught.value.message()
    config = tmp_path / "config.toml"
    config.write_text('[helios]\nidpost = "1"\n')
    with pytest.raises(SetupError) as caught:
        load_settings(GOOD, config)
    assert "idpost" in caught.value.message()
