"""Invoices for the inbox, ``demat run`` in this process or as a subprocess, and the
checks every crash test ends with (stored once, moved once, deposited once)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "chorus"))

from chorus_helpers import make_invoice, write_invoice  # noqa: E402

from demat.cli import main  # noqa: E402

DEPOSIT = "factures/v1/deposer/flux"
COMMAND = [sys.executable, "-c", "from demat.cli import main; main()", "--lang", "en", "run"]

__all__ = ["DEPOSIT", "make_invoice", "write_invoice"]


def run(*args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(main, ["--lang", lang, "run", *args], catch_exceptions=False)


def fill_inbox(inbox: Path, numbers: list[str], syntax: str = "ubl") -> list[Path]:
    base = make_invoice(numbers[0])
    return [write_invoice(make_invoice(n, base=base), syntax, inbox) for n in numbers]


def write_invalid(inbox: Path, number: str) -> Path:
    """A UBL invoice whose total with VAT is wrong (BR-CO-15): read, stored, invalid."""
    path = write_invoice(make_invoice(number), "ubl", inbox)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(<cbc:TaxInclusiveAmount[^>]*>)[^<]*(<)", r"\g<1>99999.00\g<2>", text, count=1)
    path.write_text(text, encoding="utf-8")
    return path


def spawn(*args: str, env: dict[str, str] | None = None, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        **kw,
    )


def files_under(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".reason.txt")
    )


def assert_each_once(store: Any, night: Path, names: list[str]) -> None:
    """Every file: one document in the store, one copy in archive/ or rejected/, none left."""
    from sqlalchemy import func, select

    from invoices.store import audit
    from invoices.store.tables import Document

    assert files_under(night / "inbox") == []
    placed = Counter(
        p.name for p in files_under(night / "archive") + files_under(night / "rejected")
    )
    assert placed == Counter({n: 1 for n in names})
    with store.read() as session:
        per_name = Counter(
            Path(n).name for n in session.scalars(select(Document.original_name)).all()
        )
        assert session.scalar(select(func.count()).select_from(Document)) == len(names)
        assert audit.verify(session).ok
    assert per_name == Counter({n: 1 for n in names})
    verified = CliRunner().invoke(main, ["--lang", "en", "audit", "verify"])
    assert verified.exit_code == 0, verified.output
