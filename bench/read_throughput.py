"""Reading throughput: ``invoices.read`` against the ``factur-x`` package's parser.

Both read the same corpus files from memory (disk time excluded): every file of
``corpus/MANIFEST.tsv`` that both can read.  For PDFs the peer extracts the XML
with its own ``get_xml_from_pdf`` and parses it with ``parse_ubl_cii_xml``; we
call ``invoices.reading.read`` on the PDF bytes.  The XSD check of the peer is off
(``check_xsd=False``): reading is measured, not validation.

Usage:  python bench/read_throughput.py [--rounds N] [--shared DIR]
Prints files/second for each reader, per kind of file, and the ratio.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import facturx  # noqa: E402

from invoices.errors import InputError  # noqa: E402
from invoices.reading import read, read_document  # noqa: E402
from invoices.syntax import Syntax  # noqa: E402

logging.getLogger("factur-x").setLevel(logging.CRITICAL)
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def facturx_read(data: bytes, is_pdf: bool) -> object:
    if is_pdf:
        _name, data = facturx.get_xml_from_pdf(data, check_xsd=False)
        if not data:
            raise ValueError("no XML in PDF")
    return facturx.parse_ubl_cii_xml(data, check_xsd=False)


def corpus_files(shared: Path) -> dict[str, list[bytes]]:
    """XML and PDF corpus files that both readers can read, as bytes."""
    corpus = shared / "corpus"
    with (corpus / "MANIFEST.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    files: dict[str, list[bytes]] = {"xml": [], "pdf": []}
    for row in rows:
        data = (corpus / row["path"]).read_bytes()
        try:
            result = read_document(data, row["path"])
        except InputError:
            continue
        syntax = result.detection.syntax
        if syntax not in (
            Syntax.CII,
            Syntax.UBL_INVOICE,
            Syntax.UBL_CREDITNOTE,
            Syntax.FACTURX_PDF,
        ):
            continue
        is_pdf = syntax is Syntax.FACTURX_PDF
        try:
            facturx_read(data, is_pdf)
        except Exception:
            continue
        files["pdf" if is_pdf else "xml"].append(data)
    return files


def rate(fn: Callable[[bytes], object], files: list[bytes], rounds: int) -> float:
    """Files per second, best of ``rounds`` passes over ``files``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for data in files:
            fn(data)
        best = min(best, time.perf_counter() - start)
    return len(files) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("DEMAT_SHARED_DIR", ROOT.parent / "shared")),
    )
    args = parser.parse_args()
    files = corpus_files(args.shared)
    print(f"{'files':<6} {'count':>5} {'invoices.read':>15} {'facturx':>12} {'ratio':>7}")
    for kind in ("xml", "pdf"):
        batch = files[kind]
        ours = rate(read, batch, args.rounds)
        theirs = rate(lambda d, pdf=(kind == "pdf"): facturx_read(d, pdf), batch, args.rounds)
        print(
            f"{kind:<6} {len(batch):>5} {ours:>11.1f} f/s {theirs:>8.1f} f/s {ours / theirs:>6.2f}x"
        )
    both = files["xml"] + files["pdf"]
    pdf_set = {id(d) for d in files["pdf"]}
    ours = rate(read, both, args.rounds)
    theirs = rate(lambda d: facturx_read(d, id(d) in pdf_set), both, args.rounds)
    print(f"{'all':<6} {len(both):>5} {ours:>11.1f} f/s {theirs:>8.1f} f/s {ours / theirs:>6.2f}x")


if __name__ == "__main__":
    main()
