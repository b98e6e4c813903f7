"""The mandate file: CSV with either separator or JSON; every problem with its line
(or entry) and column; nothing accepted when one row is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from invoices.syntax.pes.mandates import MandatesRefused, parse

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "pes"


def problems(data: bytes) -> list[tuple[int, str, str]]:
    with pytest.raises(MandatesRefused) as caught:
        parse(data, "m.csv")
    return [(p.line, p.column, p.key) for p in caught.value.problems]


def test_csv_and_json_samples_say_the_same():
    csv_rows = parse((SAMPLES / "mandats.csv").read_bytes(), "mandats.csv")
    json_rows = parse((SAMPLES / "mandats.json").read_bytes(), "mandats.json")
    strip = [(r.invoice, r.bordereau, r.mandat, r.ligne, r.amount_ht) for r in csv_rows]
    assert strip == [(r.invoice, r.bordereau, r.mandat, r.ligne, r.amount_ht) for r in json_rows]
    assert csv_rows[1].amount_tva == Decimal("400.00") and csv_rows[0].amount_ht is None
    assert [r.line for r in csv_rows] == [2, 3, 4, 5]


def test_comma_separator_and_french_decimal():
    data = 'invoice,exercice,bordereau,mandat,nature,montant_ht\n7,2026,1,1,60632,"12,50"\n'
    [row] = parse(data.encode(), "m.csv")
    assert (row.invoice, row.ligne, row.amount_ht) == ("7", 1, Decimal("12.50"))


def test_every_bad_row_is_named_by_line_and_column():
    data = (
        "invoice;exercice;bordereau;mandat;ligne;nature;montant_ht\n"
        "1;2026;1;1;1;60632;10.00\n"
        ";26;1;0;1;6063A;10.001\n"
        "2;2026;1;2;1;60632;abc\n"
    )
    assert problems(data.encode()) == [
        (3, "invoice", "pes.row_empty"),
        (3, "exercice", "pes.row_bad_number"),
        (3, "mandat", "pes.row_bad_number"),
        (3, "nature", "pes.row_bad_code"),
        (3, "montant_ht", "pes.row_bad_amount"),
        (4, "montant_ht", "pes.row_bad_amount"),
    ]


def test_unknown_and_missing_columns_are_refused_by_name():
    assert problems(b"invoice;exercice;bordereau;mandat;nature;compte\n") == [
        (1, "compte", "pes.row_unknown_column")
    ]
    assert problems(b"invoice;exercice;mandat\n1;2026;1\n") == [
        (1, "bordereau", "pes.row_missing_column")
    ]
    assert problems(
        b'[{"invoice": 1, "exercice": 2026, "bordereau": 1, "mandat": 1, "nature": 6,'
        b' "Montant": 1}]'
    ) == [(1, "montant", "pes.row_unknown_column")]


def test_rows_that_contradict_each_other():
    data = (
        "invoice;exercice;bordereau;mandat;ligne;nature\n"
        "1;2026;1;1;1;6\n"
        "1;2026;1;1;1;6\n"
        "2;2026;2;1;2;6\n"
        "3;2026;1;1;3;6\n"
        "1;2026;1;9;1;6\n"
    )
    assert problems(data.encode()) == [
        (3, "ligne", "pes.row_line_twice"),
        (4, "bordereau", "pes.row_two_bordereaux"),
        (5, "invoice", "pes.row_mandat_two_invoices"),
        (6, "invoice", "pes.row_invoice_twice"),
    ]


def test_unreadable_files():
    assert problems(b"\xff\xfe") == [(1, "-", "pes.row_not_utf8")]
    assert problems(b"[1,")[0][2] == "pes.row_bad_json"
    assert problems(b"invoice;exercice;bordereau;mandat;nature\n") == [(1, "-", "pes.row_none")]
