"""The MANDATEE loop is opt-in: ``[helios] chorus_mandatee`` in ``config.toml``, or
``DEMAT_HELIOS_CHORUS_MANDATEE`` (which wins); a wrong value names the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.chorus.mandatee import enabled
from invoices.errors import SetupError
from invoices.syntax.pes.settings import load_settings

HELIOS = """[helios]
id_post = "034000"
id_coll = "21750011500019"
cod_col = "123"
cod_bud = "01"
chorus_mandatee = true
"""


def test_off_unless_asked(tmp_path: Path) -> None:
    assert enabled({}, tmp_path / "none.toml") is False
    assert enabled({"DEMAT_HELIOS_CHORUS_MANDATEE": "1"}, tmp_path / "none.toml") is True


def test_the_config_file_and_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(HELIOS, encoding="utf-8")
    assert enabled({}, config) is True
    assert enabled({"DEMAT_HELIOS_CHORUS_MANDATEE": "false"}, config) is False
    # The PES settings read the same table and accept the loop's setting.
    assert load_settings({}, config).id_coll == "21750011500019"


def test_a_wrong_value_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(SetupError) as caught:
        enabled({"DEMAT_HELIOS_CHORUS_MANDATEE": "maybe"}, tmp_path / "none.toml")
    assert "DEMAT_HELIOS_CHORUS_MANDATEE" in caught.value.message()
    config = tmp_path / "config.toml"
    config.write_text(HELIOS.replace("= true", '= "yes"'), encoding="utf-8")
    with pytest.raises(SetupError) as caught:
        enabled({}, config)
    assert "chorus_mandatee" in caught.value.message()
