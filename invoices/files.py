"""Which files of a folder are documents to process.

``demat validate`` and ``demat ingest`` (and so the nightly batch) walk folders the
same way: recursively, in sorted order so that two runs see the files in the same
order (the first of two duplicates is always the same one, a progress count means
something), leaving out hidden files and folders (editor and sync leftovers, files
still being copied in under a temporary dot-name). A file named explicitly is
always taken, whatever its name: the user asked for it.

Validation keeps only the files an invoice can be (``.xml``, ``.pdf``, any case):
a report on a folder's README helps nobody. Ingest takes every other file too: a
supplier's ``facture.docx`` dropped in the inbox must come out as "received and
refused, because...", never be silently left behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

#: What an invoice file can be called: XML (CII, UBL) or PDF (Factur-X).
INVOICE_SUFFIXES = (".xml", ".pdf")


def iter_files(
    paths: Iterable[str | os.PathLike[str]], *, invoices_only: bool = False
) -> Iterator[Path]:
    """Every file under ``paths`` (with ``invoices_only``, only ``.xml`` / ``.pdf``).

    A generator, so a huge folder costs no memory up front. A path that is neither
    a folder nor a file is yielded as it is, for the caller to report.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                if invoices_only and not name.lower().endswith(INVOICE_SUFFIXES):
                    continue
                yield Path(root) / name
