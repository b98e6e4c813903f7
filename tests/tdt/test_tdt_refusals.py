"""Every import refusal of S²LOW comes back as a clear error naming the file (exit 1),
and the file is recorded as rejected, not retried."""

from __future__ import annotations

import pytest
from tdt_helpers import build, demat, status_json, store_raw_file

HEAD = b"<?xml version='1.0' encoding='ISO-8859-1'?>\n"
EMPTY_PES = HEAD + (
    b'<n:PES_Aller xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller">'
    b'<Enveloppe><Parametres><NomFic V="EMPTY.xml"/></Parametres></Enveloppe>'
    b'<EnTetePES><IdPost V="034000"/><IdColl V="21750011500019"/><CodCol V="123"/>'
    b'<CodBud V="01"/></EnTetePES></n:PES_Aller>'
)


def _refused(name: str, expected: str) -> None:
    result = demat("pes", "send", name)
    assert result.exit_code == 1, result.output
    assert f"{name}: refused by the TdT: {expected}" in result.output
    [state] = [s for s in status_json() if s["name"] == name]
    assert state["state"] == "rejected" and state["error"] == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Le fichier est vide (0 octet)"),
        (
            EMPTY_PES.replace(b"ISO-8859-1", b"UTF-8"),
            "Le fichier n'est pas encodé en ISO-8859-1",
        ),
        (HEAD + b"<PES_Aller><Enveloppe>", "Le fichier n'est pas un document XML bien formé"),
        (EMPTY_PES, "Le fichier PES est vide : ni bordereau ni pièce justificative"),
    ],
    ids=["empty-file", "not-iso-8859-1", "not-well-formed", "empty-pes"],
)
def test_refusals_of_raw_files(seeded, tdt, tdt_env, content, expected):
    store_raw_file(seeded.url, "RAW.xml", content)
    _refused("RAW.xml", expected)
    assert [e["outcome"] for e in tdt.journal.of("import")] == ["KO"]


def test_refusals_of_built_files(seeded, tdt, tdt_env, tmp_path):
    path = build(tmp_path)
    data = path.read_bytes()
    tdt.world.config.max_size = len(data) - 1
    _refused(path.name, "Le fichier dépasse la taille maximale autorisée (0 Mo)")
    tdt.world.config.max_size = 128 * 1024 * 1024

    store_raw_file(seeded.url, "COPY.xml", data)  # the same bytes: same SHA-1
    assert demat("pes", "send", "RAW-never.xml").exit_code == 2
    tdt.world.accept(data)
    _refused("COPY.xml", "doublon détecté")

    renamed = data + b"\n"  # other bytes, same NomFic
    store_raw_file(seeded.url, "SAME-NAME.xml", renamed)
    nom_fic = path.name
    _refused(
        "SAME-NAME.xml", f"Le nom de fichier {nom_fic} a déjà été utilisé pour la collectivité 123"
    )

    codcol = data.replace(b'<CodCol V="123"/>', b'<CodCol V="1234"/>')
    store_raw_file(seeded.url, "CODCOL.xml", codcol)
    _refused("CODCOL.xml", "CodCol trop long : 3 caractères au plus")
    idcoll = data.replace(b'<IdColl V="21750011500019"/>', b'<IdColl V="217500115000190"/>')
    store_raw_file(seeded.url, "IDCOLL.xml", idcoll)
    _refused("IDCOLL.xml", "IdColl trop long : 14 caractères au plus")


def test_envelope_missing(tdt, tdt_env):
    import httpx

    from connectors.tdt.client import IMPORT, tls_context
    from connectors.tdt.config import load_config

    config = load_config()
    with httpx.Client(verify=tls_context(config), auth=("mairie", "pw")) as client:
        answer = client.post(tdt.base_url + IMPORT, data={"must_signed": "0"})
    assert answer.status_code == 200
    assert b"<resultat>KO</resultat>" in answer.content
    assert "enveloppe est absent" in answer.content.decode("iso-8859-1")


def test_a_file_failing_the_schema_is_refused_by_helios(seeded, tdt, tdt_env, pes_shared):
    tdt.world.config.aller_schema = (
        pes_shared / "schemas" / "v5.30" / "PES_V2" / "Rev0" / "PES_Aller.xsd"
    )
    bad = EMPTY_PES.replace(b"</n:PES_Aller>", b"<PES_PJ><PJ/></PES_PJ></n:PES_Aller>")
    store_raw_file(seeded.url, "BAD.xml", bad)
    assert demat("pes", "send", "BAD.xml").exit_code == 0  # imported: S²LOW does not check
    tdt.advance(600)
    assert demat("pes", "status", "--refresh").exit_code == 0
    [state] = status_json()
    assert state["state"] == "rejected"
    assert state["status"] == {"code": 6, "name": "refused"}
    assert state["error"].startswith("PES_NonAcquit : ligne 2 : Element 'PJ'")
    assert "REFUSED" not in demat("pes", "status").output
