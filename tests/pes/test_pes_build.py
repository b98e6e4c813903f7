"""`demat pes build`: a PES_Aller valid against the 5.30 XSD, carrying the original
invoices, recorded in the store; a second build refused unless it is a correction."""

from __future__ import annotations

import base64
import gzip
import hashlib
from pathlib import Path

from click.testing import CliRunner, Result
from lxml import etree
from sqlalchemy import select

from demat.cli import main
from invoices.store import audit, open_store
from invoices.store.tables import AuditRecord, Document, PesAttachment, PesFileRow, PesMandat
from invoices.validation.pes.check import validate_pes

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "pes"


def demat(*args: str) -> Result:
    return CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)


def _built(folder: Path) -> list[Path]:
    return sorted(folder.glob("PESALR2_*.xml"))


def test_build_two_bordereaux_three_mandats_valid_with_the_originals(seeded, helios, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = demat("pes", "build", "--mandats", str(SAMPLES / "mandats.csv"), "--out", str(out))
    assert result.exit_code == 0, result.output
    [path] = _built(out)
    assert "2 bordereau(x), 3 mandat(s), 3 attachment(s)" in result.output
    data = path.read_bytes()
    assert data.startswith(b"<?xml version='1.0' encoding='ISO-8859-1'?>")
    report = validate_pes(data, str(path))
    assert report.verdict == "valid", [f.message for f in report.findings]
    assert "syntax" in report.layers_run and "helios" in report.layers_run

    root = etree.fromstring(data)
    bordereaux = root.findall("PES_DepenseAller/Bordereau")
    assert [b.find("BlocBordereau/IdBord").get("V") for b in bordereaux] == ["41", "42"]
    assert [len(b.findall("Piece")) for b in bordereaux] == [2, 1]
    split = bordereaux[0].findall("Piece")[1]
    assert [ln.get("V") for ln in split.iterfind(".//InfoLignePce/MtHT")] == ["2000.00", "220.15"]
    assert bordereaux[0].find("BlocBordereau/MtBordHT").get("V") == "2865.15"  # 645.00 + 2220.15
    assert split.find(".//InfoLignePce/Facture").get("V") == "TM-2026-0001"
    assert split.find("BlocPiece/InfoPce/DteEch") is not None
    first = bordereaux[0].find("Piece")  # FD-2026-0003, Fournitures Durand SARL
    assert first.find("BlocPiece/InfoPce/DteEch").get("V") == "2026-04-15"
    tiers = first.find("LigneDePiece/Tiers")
    assert tiers.find("InfoTiers/IdTiers").get("V") == "40212345900016"
    assert tiers.find("InfoTiers/Nom").get("V") == "Fournitures Durand SARL"
    assert tiers.find("Adresse/Ville").get("V") == "Paris"
    assert tiers.find("CpteBancaire/IBAN").get("V") == "FR7630006000011234567890189"
    assert first.find("LigneDePiece/BlocLignePiece/InfoLignePce/ModRegl").get("V") == "03"

    with open_store(seeded.url) as store, store.read() as session:
        stored = {d.id: d.sha256 for d in session.scalars(select(Document))}
        rows = {a.id_unique: a for a in session.scalars(select(PesAttachment))}
        assert len(session.scalars(select(PesMandat)).all()) == 3
        assert session.scalars(select(PesFileRow.name)).one() == path.name
    refs = {r.find("IdUnique").get("V") for r in root.iter("PJRef")}
    pjs = root.findall("PES_PJ/PJ")
    assert len(pjs) == 3 and refs == {pj.find("IdUnique").get("V") for pj in pjs} == set(rows)
    for pj in pjs:
        id_unique = pj.find("IdUnique").get("V")
        original = gzip.decompress(base64.b64decode(pj.find("Contenu/Fichier").text))
        assert hashlib.sha256(original).hexdigest() == stored[rows[id_unique].invoice_id]
        assert pj.find("TypePJ").get("V") == "003"
        assert pj.find("NomPJ").get("V").endswith((".pdf", ".xml"))
        assert id_unique in result.output
    mimes = {pj.find("Contenu/Fichier").get("MIMEType") for pj in pjs}
    assert mimes == {"application/pdf", "application/xml"}

    checked = demat("pes", "validate", str(path), "--db", seeded.url)
    assert checked.exit_code == 0, checked.output


def test_second_build_refused_unless_correction(seeded, helios, tmp_path):
    mandates = str(SAMPLES / "mandats.json")
    first = demat("pes", "build", "--mandats", mandates, "--out", str(tmp_path))
    assert first.exit_code == 0, first.output
    again = demat("pes", "build", "--mandats", mandates, "--out", str(tmp_path))
    assert again.exit_code == 1
    assert "is already mandated (mandat 501, exercice 2026)" in again.output
    assert "entry 1, field invoice" in again.output
    assert len(_built(tmp_path)) == 1

    fixed = demat("pes", "build", "--mandats", mandates, "--out", str(tmp_path), "--correction")
    assert fixed.exit_code == 0, fixed.output
    assert len(_built(tmp_path)) == 2
    with open_store(seeded.url) as store, store.read() as session:
        files = session.scalars(select(PesFileRow).order_by(PesFileRow.id)).all()
        mandats = session.scalars(select(PesMandat).order_by(PesMandat.id)).all()
        ids = session.scalars(select(PesAttachment.id_unique)).all()
        actions = session.scalars(select(AuditRecord.action)).all()
        assert audit.verify(session).ok
    assert actions.count("pes.built") == 2 and actions.count("pes.mandated") == 6
    assert [f.correction for f in files] == [False, True]
    assert [m.replaced_by for m in mandats] == [files[1].id] * 3 + [None] * 3
    assert len(set(ids)) == 6  # a correction never reuses an IdUnique
    for path in _built(tmp_path):  # each file validates against what the store sent
        checked = demat("pes", "validate", str(path), "--db", seeded.url)
        assert checked.exit_code == 0, checked.output


def test_pj_only_file_attaches_by_refcompta(seeded, helios, tmp_path):
    args = ("--mandats", str(SAMPLES / "mandats.csv"), "--out", str(tmp_path / "pj.xml"))
    result = demat("pes", "build", *args, "--pj-only")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "pj.xml").read_bytes()
    assert validate_pes(data, "pj.xml").verdict == "valid"
    root = etree.fromstring(data)
    assert root.find("PES_DepenseAller") is None
    refs = [
        (r.find("Domaine").get("V"), r.find("Exercice").get("V"), r.find("Identifiant").get("V"))
        for r in root.iterfind("PES_PJ/PJ/RefCompta")
    ]
    assert refs == [("01", "2026", "501"), ("01", "2026", "502"), ("01", "2026", "503")]


def test_refused_rows_name_line_and_column_and_nothing_is_written(seeded, helios, tmp_path):
    bad = tmp_path / "bad.csv"
    ids = seeded.ids
    bad.write_text(
        "invoice,exercice,bordereau,mandat,ligne,nature,montant_ht,montant_tva\n"
        f"{ids['FD-2026-0003']},2026,1,1,1,60632,,\n"
        f"{ids['TM-2026-0001']},2026,1,2,1,2313,2000.00,400.00\n"
        f"{ids['TM-2026-0001']},2026,1,2,2,2313,200.00,44.03\n"
        "NOPE-1@40212345900016,2026,1,3,1,60632,,\n",
        encoding="utf-8",
    )
    result = demat("pes", "build", "--mandats", str(bad), "--out", str(tmp_path))
    assert result.exit_code == 1
    mismatch = "line 4, column montant_ht: the lines add up to 2200.00 instead of 2220.15"
    assert mismatch in result.output
    assert "(difference -20.15)" in result.output
    assert "line 5, column invoice: invoice 'NOPE-1@40212345900016' not found" in result.output
    assert "no PES was built" in result.output
    assert _built(tmp_path) == []
    with open_store(seeded.url) as store, store.read() as session:
        assert session.scalars(select(PesFileRow)).all() == []

    unknown = tmp_path / "unknown.csv"
    unknown.write_text("invoice;exercice;bordereau;mandat;nature;montant\n1;2026;1;1;6;1\n")
    result = demat("pes", "build", "--mandats", str(unknown), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "line 1, column montant: unknown column(s): montant" in result.output


def test_missing_settings_is_a_setup_error(seeded, tmp_path, monkeypatch):
    for name in ("ID_POST", "ID_COLL", "COD_COL", "COD_BUD", "LIBELLE_COL_BUD", "SIGLE"):
        monkeypatch.delenv(f"DEMAT_HELIOS_{name}", raising=False)
    result = demat("pes", "build", "--mandats", str(SAMPLES / "mandats.csv"))
    assert result.exit_code == 2
    assert "DEMAT_HELIOS_ID_POST" in result.output


def test_numbers_already_sent_are_refused_before_helios_does(seeded, helios, tmp_path):
    ids = seeded.ids
    header = "invoice;exercice;bordereau;mandat;nature\n"
    first = tmp_path / "first.csv"
    first.write_text(header + f"{ids['FD-2026-0003']};2026;7;70;60632\n")
    assert demat("pes", "build", "--mandats", str(first), "--out", str(tmp_path)).exit_code == 0
    second = tmp_path / "second.csv"
    second.write_text(
        header
        + f"{ids['TM-2026-0001']};2026;8;70;60632\n"
        + f"{ids['FD-2026-0001']};2026;7;71;60632\n"
    )
    result = demat("pes", "build", "--mandats", str(second), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "line 2, column mandat: mandat number 70 was already sent" in result.output
    assert "line 3, column bordereau: bordereau number 7 was already sent" in result.output
    assert len(_built(tmp_path)) == 1


def _acquit(elements: str) -> bytes:
    return f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<n:PES_ACQUIT xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour/v2">
<Enveloppe><Parametres><Version V="2"/><TypFic V="PESALR2"/><NomFic V="ACK"/></Parametres>
<Emetteur><Sigle V="HELIOS"/><Adresse V="HELIOS"/></Emetteur></Enveloppe>
<EnTetePES><DteStr V="2026-12-03"/><IdPost V="034000"/><IdColl V="21750011500019"/>
<CodCol V="123"/><CodBud V="01"/></EnTetePES>
<ACQUIT><EnTeteAcquit><IdVer V="2"/></EnTeteAcquit>{elements}</ACQUIT></n:PES_ACQUIT>
""".encode("latin-1")


def test_an_acquit_sets_each_mandat_and_pj_from_its_own_element(seeded, helios, tmp_path):
    from invoices.store.pes import apply_acquit
    from invoices.syntax.pes.acquit import read_acquit

    mandates = str(SAMPLES / "mandats.csv")
    result = demat("pes", "build", "--mandats", mandates, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    [path] = _built(tmp_path)
    with open_store(seeded.url) as store, store.read() as session:
        ids = session.scalars(select(PesAttachment.id_unique).order_by(PesAttachment.id)).all()
    bordereau = '<ElementACQUIT><DomaineAck V="5"/><EtatAck V="1"/><NumBord V="{}"/>'
    bordereau += '<ExerciceBord V="2026"/></ElementACQUIT>'
    pj = '<ElementACQUIT><DomaineAck V="4"/><EtatAck V="{}"/><IdUnique V="{}"/>{}</ElementACQUIT>'
    error = "<Erreur><NumAnoAck V='ERREUR_PJ'/><LibelleAnoAck V='Fichier illisible'/></Erreur>"
    data = _acquit(
        bordereau.format(41)
        + bordereau.format(42)
        + pj.format(1, ids[0], "")
        + pj.format(0, ids[1], error)
        + pj.format(1, ids[2], "")
        + pj.format(1, "ZZZ9", "")
    )
    assert validate_pes(data, "ack.xml").verdict == "valid"
    with open_store(seeded.url) as store, store.write() as session:
        applied = apply_acquit(session, path.name, read_acquit(data))
    assert applied.attachments == {ids[0]: "ok", ids[1]: "ko", ids[2]: "ok"}
    assert applied.mandats == {501: "ok", 502: "ok", 503: "ok"}
    assert applied.unknown == ("ZZZ9",)
    with open_store(seeded.url) as store, store.read() as session:
        states = dict(session.execute(select(PesAttachment.id_unique, PesAttachment.state)).all())
        assert states == applied.attachments
        assert audit.verify(session).ok
