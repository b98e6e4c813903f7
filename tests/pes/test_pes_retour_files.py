"""PES_Retour, PES_NonAcquit and PES_ACQUIT_RETOUR are recognised and named, never
interpreted: the reader says what a file is, validation says it has no schema in
the bundle (not checked, never "valid"), the acquit reader keeps their kind."""

from __future__ import annotations

import pytest

from invoices.errors import InputError
from invoices.syntax import read_acquit
from invoices.syntax.pes.retour import read_retour
from invoices.validation.pes.check import validate_pes

RETOUR = (
    b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    b'<n:PES_Retour xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour">'
    b'<Enveloppe><Parametres><Version V="2"/><TypFic V="PESRETOUR_DEP"/>'
    b'<NomFic V="RET1.xml"/></Parametres></Enveloppe><EnTetePES><DteStr V="2026-01-02"/>'
    b"</EnTetePES><PES_DepenseRetour><Bordereau><BlocBordereau/><Piece/><Piece/></Bordereau>"
    b"</PES_DepenseRetour></n:PES_Retour>"
)


def test_a_pes_retour_is_named(pes_shared):
    info = read_retour(RETOUR, "r.xml")
    assert (info.kind, info.nom_fic, info.typ_fic) == ("PES_Retour", "RET1.xml", "PESRETOUR_DEP")
    assert (info.bordereaux, info.pieces, info.known) == (1, 2, True)
    sample = (pes_shared / "samples" / "s2low_PES_ACQUIT_RETOUR.xml").read_bytes()
    assert read_retour(sample, "s").kind == "PES_ACQUIT_RETOUR"
    assert not read_retour(b"<Autre/>", "a").known
    with pytest.raises(InputError):
        read_retour(RETOUR[: len(RETOUR) // 2], "cut.xml")


def test_validation_recognises_them_without_a_verdict(pes_shared, pes_artefacts):
    report = validate_pes(RETOUR, "r.xml")
    assert report.verdict == "not-checked" and report.profile == "PES_Retour"
    assert [f.rule for f in report.findings] == ["HELIOS-NO-SCHEMA"]
    nack = b"<?xml version='1.0' encoding='ISO-8859-1'?><PES_NonAcquit/>"
    assert validate_pes(nack, "n.xml").verdict == "not-checked"


def test_the_acquit_reader_keeps_their_kind(pes_shared):
    sample = (pes_shared / "samples" / "s2low_PES_ACQUIT_RETOUR.xml").read_bytes()
    assert str(read_acquit(sample, "s").kind) == "acquit-retour"
    nack = b"<PES_NonAcquit><Enveloppe><Parametres><NomFic V='F.xml'/></Parametres>"
    nack += b"</Enveloppe></PES_NonAcquit>"
    acquit = read_acquit(nack, "n")
    assert (str(acquit.kind), acquit.file_name, acquit.elements) == ("non-acquit", "F.xml", ())
