"""TypBord / TypPce / NatPce: the builder writes the triplet of an ordinary mandat
(fonctionnement or investissement), and the Hélios rules flag each combination the
5.30 annotations rule out, in any PES_Aller (here: the shared synthetic sample with
its triplet and RattachPiece changed)."""

from __future__ import annotations

import pytest
from lxml import etree

from invoices.validation.pes.check import validate_pes

SYNTHETIC = "synthetic_pes_aller_depense_pj.xml"


def _variant(
    pes_shared,
    triplet: tuple[str, str, str],
    rattach: tuple[str, str, str, str | None] | None = None,
) -> bytes:
    """The sample with ``triplet`` and, on its line, ``RattachPiece`` (NatPceOrig,
    ExerRat, IdPceOrig, IdLigneOrig)."""
    root = etree.fromstring((pes_shared / "samples" / SYNTHETIC).read_bytes())
    bordereau = root.find("PES_DepenseAller/Bordereau")
    bordereau.find("BlocBordereau/TypBord").set("V", triplet[0])
    info = bordereau.find("Piece/BlocPiece/InfoPce")
    info.find("TypPce").set("V", triplet[1])
    info.find("NatPce").set("V", triplet[2])
    if rattach is not None:
        bloc = bordereau.find("Piece/LigneDePiece/BlocLignePiece")
        block = etree.Element("RattachPiece")
        tags = ("NatPceOrig", "ExerRat", "IdPceOrig", "IdLigneOrig")
        for tag, value in zip(tags, rattach, strict=True):
            if value is not None:
                etree.SubElement(block, tag, V=value)
        bloc.find("InfoLignePce").addnext(block)
    return etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1")


def _rules(data: bytes) -> dict[str, str]:
    report = validate_pes(data, "variant.xml")
    return {f.rule: str(f.severity) for f in report.findings if f.rule.startswith("HELIOS-")}


ORIGIN_MANDAT = ("01", "2025", "700", "1")


@pytest.mark.parametrize(
    ("triplet", "rattach", "expected"),
    [
        (("01", "01", "01"), None, {}),
        (("01", "01", "02"), None, {}),
        (("01", "01", "01"), ("05", "2025", "12", "1"), {}),
        (("01", "01", "01"), ("01", "2025", "12", "1"), {"HELIOS-RATTACH-NATURE": "fatal"}),
        (("04", "01", "01"), None, {"HELIOS-TYPBORD-04": "fatal"}),
        (("02", "02", "06"), ORIGIN_MANDAT, {}),
        (("02", "02", "10"), ("02", "2025", "9", "1"), {}),
        (("01", "02", "09"), ("02", "2024", "9", "1"), {}),
        (("02", "02", "06"), None, {"HELIOS-RATTACH-MISSING": "fatal"}),
        (("01", "13", "01"), None, {"HELIOS-RATTACH-MISSING": "fatal"}),
        (("02", "02", "06"), ("03", "2025", "12", None), {"HELIOS-RATTACH-NATURE": "fatal"}),
        (("02", "02", "06"), ("01", "2025", "700", None), {"HELIOS-RATTACH-LINE": "fatal"}),
        (("02", "02", "06"), ("01", "2024", "700", "1"), {"HELIOS-RATTACH-EXERCICE": "fatal"}),
        (("01", "02", "09"), ("02", "2025", "9", "1"), {"HELIOS-RATTACH-EXERCICE": "fatal"}),
        (("02", "01", "01"), None, {"HELIOS-TRIPLET-ANNULATION": "fatal"}),
        (("01", "02", "06"), ORIGIN_MANDAT, {"HELIOS-TRIPLET-CORRECTIF": "fatal"}),
        (("02", "02", "09"), ORIGIN_MANDAT, {"HELIOS-TRIPLET-CORRECTIF": "fatal"}),
        (("01", "02", "01"), None, {"HELIOS-TRIPLET-CORRECTIF": "fatal"}),
        (("01", "01", "06"), None, {"HELIOS-TRIPLET-NATURE": "warning"}),
        (("01", "11", "01"), None, {"HELIOS-TRIPLET-ORDRE": "warning"}),
        (("03", "01", "01"), None, {"HELIOS-TRIPLET-ORDRE": "warning"}),
        (("03", "11", "01"), None, {}),
        (("01", "05", "01"), ("03", "2025", "55", None), {}),
        (("01", "05", "01"), ("05", "2025", "55", "1"), {"HELIOS-RATTACH-NATURE": "fatal"}),
        (("01", "07", "01"), ("04", "2025", "3", "0"), {}),
        (("01", "07", "01"), ("04", "2025", "3", "2"), {"HELIOS-RATTACH-LINE": "fatal"}),
        (("01", "07", "01"), ("01", "2025", "3", "2"), {"HELIOS-RATTACH-NATURE": "fatal"}),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) and len(value) == 3 else None,
)
def test_each_combination(pes_shared, pes_artefacts, triplet, rattach, expected):
    found = _rules(_variant(pes_shared, triplet, rattach))
    triplet_rules = {k: v for k, v in found.items() if k.startswith(("HELIOS-TR", "HELIOS-RA"))}
    triplet_rules |= {k: v for k, v in found.items() if k == "HELIOS-TYPBORD-04"}
    assert triplet_rules == expected, found


def test_a_fatal_combination_makes_the_file_invalid_and_names_it(pes_shared, pes_artefacts):
    data = _variant(pes_shared, ("02", "01", "01"))
    report = validate_pes(data, "annulation.xml")
    assert report.verdict == "invalid" and report.file == "annulation.xml"
    [finding] = [f for f in report.findings if f.rule == "HELIOS-TRIPLET-ANNULATION"]
    assert "TypPce 01 NatPce 01" in finding.message
    assert finding.location and finding.location.endswith("Bordereau/Piece")
    warned = validate_pes(_variant(pes_shared, ("01", "01", "06")), "nature.xml")
    assert warned.verdict == "valid"  # a warning, never a refusal


MANDATS = (
    "invoice;exercice;bordereau;mandat;ligne;nature;fonction;montant_ht;montant_tva\n"
    "FD-2026-0003@40212345900016;2026;61;601;1;2183;020;;\n"
    "TM-2026-0001@51234567900025;2026;61;602;1;2313;020;2000.00;400.00\n"
    "TM-2026-0001@51234567900025;2026;61;602;2;615221;020;220.15;44.03\n"
    "FD-2026-0001@40212345900016;2026;61;603;1;60632;020;;\n"
)


def test_the_builder_writes_the_ordinary_triplets(seeded, helios, tmp_path):
    from click.testing import CliRunner

    from demat.cli import main

    mandats = tmp_path / "mandats.csv"
    mandats.write_text(MANDATS, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = ["--lang", "en", "pes", "build", "--mandats", str(mandats), "--out", str(out)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [path] = out.glob("PESALR2_*.xml")
    root = etree.fromstring(path.read_bytes())
    triplets = {
        piece.find("BlocPiece/InfoPce/IdPce").get("V"): (
            piece.getparent().find("BlocBordereau/TypBord").get("V"),
            piece.find("BlocPiece/InfoPce/TypPce").get("V"),
            piece.find("BlocPiece/InfoPce/NatPce").get("V"),
        )
        for piece in root.iter("Piece")
    }
    # 601 on an equipment account (2183): investissement; 602 mixes 2313 and 615221:
    # not all investment, fonctionnement; 603 supplies (60632): fonctionnement.
    assert triplets == {
        "601": ("01", "01", "02"),
        "602": ("01", "01", "01"),
        "603": ("01", "01", "01"),
    }
    report = validate_pes(path.read_bytes(), str(path))
    assert report.verdict == "valid", [(f.rule, f.message) for f in report.findings]


def _recette(typbord: str, typpce: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='ISO-8859-1'?>\n"
        '<n:PES_Aller xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller">'
        '<Enveloppe><Parametres><NomFic V="R.xml"/></Parametres></Enveloppe><EnTetePES/>'
        "<PES_RecetteAller><Bordereau><BlocBordereau>"
        f'<TypBord V="{typbord}"/></BlocBordereau><Piece><BlocPiece>'
        f'<TypPce V="{typpce}"/></BlocPiece></Piece></Bordereau></PES_RecetteAller>'
        "</n:PES_Aller>"
    ).encode("iso-8859-1")


@pytest.mark.parametrize(
    ("typbord", "typpce", "expected"),
    [
        ("01", "01", set()),
        ("06", "15", set()),
        ("04", "01", {"HELIOS-RECETTE-TYPBORD"}),
        ("05", "01", {"HELIOS-RECETTE-TYPBORD"}),
        ("01", "08", {"HELIOS-RECETTE-TYPPCE"}),
        ("02", "13", {"HELIOS-RECETTE-TYPPCE"}),
    ],
)
def test_recette_values_kept_for_returns(pes_artefacts, typbord, typpce, expected):
    found = {r for r in _rules(_recette(typbord, typpce)) if r.startswith("HELIOS-RECETTE")}
    assert found == expected
