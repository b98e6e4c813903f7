"""PES_ACQUIT read per element: one KO PJ does not mark its neighbours KO; the other
acknowledgement messages are recognised, not interpreted."""

from __future__ import annotations

import pytest

from invoices.errors import InputError
from invoices.syntax.pes.acquit import AckKind, State, read_acquit
from invoices.validation.pes.check import validate_pes

PREFIX = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<n:PES_ACQUIT xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour/v2">
<Enveloppe><Parametres><Version V="2"/><TypFic V="PESALR2"/><NomFic V="ACK_1"/></Parametres>
<Emetteur><Sigle V="HELIOS"/><Adresse V="HELIOS"/></Emetteur></Enveloppe>
<EnTetePES><DteStr V="2026-12-03"/><IdPost V="034000"/><IdColl V="21750011500019"/>
<CodCol V="123"/><CodBud V="01"/></EnTetePES>
<ACQUIT><EnTeteAcquit><IdVer V="2"/></EnTeteAcquit>
"""
MIXED = (
    PREFIX
    + b"""
<ElementACQUIT><DomaineAck V="5"/><EtatAck V="1"/><NumBord V="41"/><ExerciceBord V="2026"/>
 <DetailPiece><NumPiece V="502"/><DetailLigne><NumLigne V="2"/>
  <Erreur><NumAnoAck V="ERREUR_AUTRE"/><LibelleAnoAck V="Nature inconnue"/></Erreur>
 </DetailLigne></DetailPiece>
</ElementACQUIT>
<ElementACQUIT><DomaineAck V="5"/><EtatAck V="0"/><NumBord V="42"/><ExerciceBord V="2026"/>
 <Erreur><NumAnoAck V="ERREUR_DOUBLON_BORDEREAU"/><LibelleAnoAck V="Bordereau connu"/></Erreur>
</ElementACQUIT>
<ElementACQUIT><DomaineAck V="4"/><EtatAck V="1"/><IdUnique V="PJA"/></ElementACQUIT>
<ElementACQUIT><DomaineAck V="4"/><EtatAck V="0"/><IdUnique V="PJB"/>
 <Erreur><NumAnoAck V="ERREUR_DOUBLON_PJ"/><LibelleAnoAck V="IdUnique deja recu"/></Erreur>
</ElementACQUIT>
<ElementACQUIT><DomaineAck V="4"/><EtatAck V="1"/><IdUnique V="PJC"/></ElementACQUIT>
</ACQUIT></n:PES_ACQUIT>
"""
)


def test_shared_acquit_sample(pes_shared):
    acquit = read_acquit((pes_shared / "samples" / "s2low_pes_acquit.xml").read_bytes())
    assert acquit.kind is AckKind.ACQUIT
    assert acquit.bordereau_state(2015, 1847) is State.OK
    assert acquit.mandat_state(2015, 1847, 1) is State.OK
    assert acquit.bordereau_state(2015, 1) is None
    assert len(acquit.pj_states()) == 4 and set(acquit.pj_states().values()) == {State.OK}


def test_states_per_bordereau_mandat_and_pj(pes_artefacts):
    assert validate_pes(MIXED, "ack.xml").verdict == "valid"  # a real PES_ACQUIT
    acquit = read_acquit(MIXED)
    assert acquit.file_name == "ACK_1"
    assert acquit.pj_states() == {"PJA": State.OK, "PJB": State.KO, "PJC": State.OK}
    [anomaly] = acquit.pj("PJB").errors
    assert (anomaly.code, anomaly.label) == ("ERREUR_DOUBLON_PJ", "IdUnique deja recu")
    assert acquit.bordereau_state(2026, 41) is State.OK
    assert acquit.mandat_state(2026, 41, 501) is State.OK
    assert acquit.mandat_state(2026, 41, 502) is State.KO
    assert [a.label for a in acquit.mandat_errors(2026, 41, 502)] == ["Nature inconnue"]
    assert acquit.bordereau_state(2026, 42) is State.KO
    assert acquit.mandat_state(2026, 42, 503) is State.KO
    assert [a.code for a in acquit.mandat_errors(2026, 42, 503)] == ["ERREUR_DOUBLON_BORDEREAU"]
    assert acquit.mandat_state(2025, 41, 501) is None


def test_other_acknowledgements_are_recognised_not_guessed(pes_shared):
    retour = read_acquit((pes_shared / "samples" / "s2low_PES_ACQUIT_RETOUR.xml").read_bytes())
    assert retour.kind is AckKind.ACQUIT_RETOUR and retour.elements == ()
    non = read_acquit(b'<?xml version="1.0"?><PES_NonAcquit><Enveloppe/></PES_NonAcquit>')
    assert non.kind is AckKind.NON_ACQUIT
    with pytest.raises(InputError) as caught:
        read_acquit(b"<Other/>", "x.xml")
    assert caught.value.key == "pes.acquit_unknown_root"
    with pytest.raises(InputError):
        read_acquit(MIXED.replace(b'<EtatAck V="0"/>', b'<EtatAck V="7"/>', 1))
