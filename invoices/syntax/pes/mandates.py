"""The mandate file: what the finance software exports (or a clerk fills in).

One row per mandat line, CSV (UTF-8, ``;`` or ``,`` found from the header line) or
JSON (a list of objects).  Every row is checked before anything is built and every
problem names its line (CSV) or entry (JSON) and its column, because a clerk fixes
the whole file at once, not one error per run.  Unknown columns are refused by
name: a misspelt ``montant_ht`` silently ignored would pay the invoice's total.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from invoices.errors import InputError

REQUIRED = ("invoice", "exercice", "bordereau", "mandat", "nature")
OPTIONAL = ("ligne", "fonction", "operation", "montant_ht", "montant_tva", "objet")
COLUMNS = REQUIRED + OPTIONAL
#: Column -> (pattern, largest value) as the 5.30 XSD types them (Num7, Num8, Num6...).
_NUMBERS = {
    "exercice": (re.compile(r"20[0-9]{2}"), None),
    "bordereau": (re.compile(r"[0-9]{1,7}"), 9_999_999),
    "mandat": (re.compile(r"[0-9]{1,8}"), 99_999_999),
    "ligne": (re.compile(r"[0-9]{1,6}"), 999_999),
}
_CODES = {"nature": re.compile(r"[0-9]{1,12}"), "fonction": re.compile(r"[0-9]{1,10}")}
_CODES["operation"] = _CODES["fonction"]
_AMOUNT = re.compile(r"[0-9]{1,12}([.,][0-9]{1,2})?")


@dataclass(frozen=True, slots=True)
class Problem:
    """One refusal: where (line or entry, column) and why (a message key and its values)."""

    line: int
    column: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    invoice: str
    exercice: int
    bordereau: int
    mandat: int
    ligne: int
    nature: str
    fonction: str | None = None
    operation: str | None = None
    amount_ht: Decimal | None = None
    amount_tva: Decimal | None = None
    objet: str | None = None


class MandatesRefused(InputError):
    """The file (or some rows of it) cannot be used; nothing was built."""

    def __init__(self, file: str, problems: Iterable[Problem], *, json_entries: bool) -> None:
        self.problems = tuple(problems)
        self.json_entries = json_entries
        super().__init__("pes.mandates_refused", file=file, count=len(self.problems))


def parse(data: bytes, file: str) -> list[Row]:
    """Every row of the file, or :class:`MandatesRefused` listing every problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MandatesRefused(
            file, [Problem(1, "-", "pes.row_not_utf8")], json_entries=False
        ) from None
    stripped = text.lstrip()
    is_json = stripped.startswith(("[", "{"))
    records = _json_records(stripped) if is_json else _csv_records(text)
    problems: list[Problem] = []
    rows: list[Row] = []
    for line, record in records:
        if isinstance(record, Problem):
            problems.append(record)
            continue
        row = _row(line, record, problems)
        if row is not None:
            rows.append(row)
    if not problems:
        problems.extend(_consistency(rows))
    if not rows and not problems:
        problems.append(Problem(1, "-", "pes.row_none"))
    if problems:
        raise MandatesRefused(file, problems, json_entries=is_json)
    return rows


Record = tuple[int, "dict[str, str] | Problem"]


def _csv_records(text: str) -> list[Record]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    problem = _header_problem(header)
    if problem is not None:
        return [(1, problem)]
    records: list[Record] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            records.append((reader.line_num, Problem(reader.line_num, "-", "pes.row_too_long")))
            continue
        records.append((reader.line_num, dict(zip(header, cells, strict=False))))
    return records


def _json_records(text: str) -> list[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [(exc.lineno, Problem(exc.lineno, "-", "pes.row_bad_json", {"reason": exc.msg}))]
    if isinstance(data, dict) and isinstance(data.get("mandats"), list):
        data = data["mandats"]
    if not isinstance(data, list):
        return [(1, Problem(1, "-", "pes.row_bad_json", {"reason": "[...]"}))]
    records: list[Record] = []
    for index, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            records.append((index, Problem(index, "-", "pes.row_not_object")))
            continue
        keys = [str(k).strip().lower() for k in entry]
        problem = _header_problem(keys, index, json_entry=True)
        if problem is not None:
            records.append((index, problem))
            continue
        values = {str(k).strip().lower(): "" if v is None else str(v) for k, v in entry.items()}
        records.append((index, values))
    return records


def _header_problem(names: list[str], line: int = 1, *, json_entry: bool = False) -> Problem | None:
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        return Problem(line, unknown[0], "pes.row_unknown_column", {"names": ", ".join(unknown)})
    if not json_entry:
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            names_text = ", ".join(missing)
            return Problem(line, missing[0], "pes.row_missing_column", {"names": names_text})
    return None


def _row(line: int, record: Mapping[str, str], problems: list[Problem]) -> Row | None:
    before = len(problems)
    cell = {name: (record.get(name) or "").strip() for name in COLUMNS}
    for name in REQUIRED:
        if not cell[name]:
            problems.append(Problem(line, name, "pes.row_empty"))
    numbers: dict[str, int] = {}
    for name, (pattern, _top) in _NUMBERS.items():
        raw = cell[name] or ("1" if name == "ligne" else "")
        if not raw:
            continue
        if not pattern.fullmatch(raw) or int(raw) == 0:
            problems.append(Problem(line, name, "pes.row_bad_number", {"value": raw}))
        else:
            numbers[name] = int(raw)
    for name, pattern in _CODES.items():
        if cell[name] and not pattern.fullmatch(cell[name]):
            problems.append(Problem(line, name, "pes.row_bad_code", {"value": cell[name]}))
    amounts: dict[str, Decimal | None] = {}
    for name in ("montant_ht", "montant_tva"):
        raw = cell[name]
        amounts[name] = None
        if raw and not _AMOUNT.fullmatch(raw):
            problems.append(Problem(line, name, "pes.row_bad_amount", {"value": raw}))
        elif raw:
            try:
                amounts[name] = Decimal(raw.replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the pattern admits decimals only
                problems.append(Problem(line, name, "pes.row_bad_amount", {"value": raw}))
    if len(problems) > before:
        return None
    return Row(
        line=line,
        invoice=cell["invoice"],
        exercice=numbers["exercice"],
        bordereau=numbers["bordereau"],
        mandat=numbers["mandat"],
        ligne=numbers["ligne"],
        nature=cell["nature"],
        fonction=cell["fonction"] or None,
        operation=cell["operation"] or None,
        amount_ht=amounts["montant_ht"],
        amount_tva=amounts["montant_tva"],
        objet=cell["objet"] or None,
    )


def _consistency(rows: list[Row]) -> list[Problem]:
    """What no single row shows: a line twice, a mandat in two bordereaux or paying two
    invoices, an invoice in two mandats."""
    problems: list[Problem] = []
    lines: set[tuple[int, int, int]] = set()
    mandat_of: dict[tuple[int, int], tuple[int, str]] = {}
    invoice_in: dict[str, tuple[int, int]] = {}
    for row in rows:
        key = (row.exercice, row.mandat, row.ligne)
        if key in lines:
            problems.append(Problem(row.line, "ligne", "pes.row_line_twice", {"mandat": key[1]}))
        lines.add(key)
        seen = mandat_of.setdefault((row.exercice, row.mandat), (row.bordereau, row.invoice))
        if seen[0] != row.bordereau:
            problems.append(
                Problem(row.line, "bordereau", "pes.row_two_bordereaux", {"mandat": row.mandat})
            )
        elif seen[1] != row.invoice:
            problems.append(
                Problem(row.line, "invoice", "pes.row_mandat_two_invoices", {"mandat": row.mandat})
            )
        placed = invoice_in.setdefault(row.invoice, (row.exercice, row.mandat))
        if placed != (row.exercice, row.mandat):
            problems.append(
                Problem(row.line, "invoice", "pes.row_invoice_twice", {"mandat": placed[1]})
            )
    return problems


def mandats(rows: Iterable[Row]) -> dict[tuple[int, int, int], list[Row]]:
    """(exercice, bordereau, mandat) -> its rows by line number, in the file's order."""
    grouped: dict[tuple[int, int, int], list[Row]] = {}
    for row in rows:
        grouped.setdefault((row.exercice, row.bordereau, row.mandat), []).append(row)
    return {key: sorted(group, key=lambda r: r.ligne) for key, group in grouped.items()}
