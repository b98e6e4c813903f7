"""The one table formatter of the application (``demat.views.table``): both tables of
the demo and any later one line up the same way."""

from __future__ import annotations

from demat.views.table import clip, table


def test_columns_are_as_wide_as_their_widest_cell_amounts_right_aligned() -> None:
    text = table(
        ["File", "Total", "Result"],
        [["a.xml", "9.00 EUR", "valid"], ["bb.pdf", "12.50 EUR", ""]],
        right={1},
    )
    assert text.splitlines() == [
        "File    Total      Result",
        "------  ---------  ------",
        "a.xml    9.00 EUR  valid",
        "bb.pdf  12.50 EUR",
    ]


def test_clip_keeps_one_line_and_marks_the_cut() -> None:
    assert clip("Centre  communal\nd'action sociale", 40) == "Centre communal d'action sociale"
    assert clip("Centre communal d'action sociale", 10) == "Centre co…"
    assert len(clip("x" * 200, 160)) == 160
