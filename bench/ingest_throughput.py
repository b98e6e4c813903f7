"""Ingest throughput (documents/second) and peak memory, SQLite and PostgreSQL.

Builds folders of N distinct invoices from the project's XML samples (``samples/``,
or the CEN CII examples of the shared corpus when samples are missing) by giving
each copy a new invoice number (BT-1), then runs ``invoices.pipeline.ingest`` on
each folder in a FRESH PROCESS per (database, size), so that each peak RSS belongs
to one run.  Two sizes show whether memory grows with the folder: it must not
(ingest streams the walk, one transaction and one session per file).

Usage::

    python bench/ingest_throughput.py                       # 1000 and 3000, both databases
    python bench/ingest_throughput.py --sizes 500 2000 --validate
    python bench/ingest_throughput.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/test

``--validate`` includes validation (SaxonC schematron per document: it dominates
the time, and its warm worker processes are not counted in the peak RSS shown);
by default the figures measure read + store + audit, the part this benchmark is for.
PostgreSQL comes from ``--pg`` or ``DEMAT_TEST_POSTGRES_URL``; a fresh schema is
created for each run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CII_NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def _templates() -> list[tuple[str, bytes]]:
    samples = sorted((ROOT / "samples").glob("*.xml"))
    if not samples:
        shared = Path(os.environ.get("DEMAT_SHARED_DIR", ROOT.parent / "shared"))
        samples = sorted((shared / "corpus" / "cen-en16931" / "cii" / "examples").glob("*.xml"))
    if not samples:
        sys.exit("no XML samples found (samples/ or the shared corpus)")
    return [(p.stem, p.read_bytes()) for p in samples]


def _renumber(data: bytes, number: str) -> bytes:
    """The same invoice with BT-1 replaced, parsed by the project's safe parser."""
    from lxml import etree

    from invoices import xmlsafe

    tree = xmlsafe.parse(data, "template")
    root = tree.getroot()
    node = root.find("rsm:ExchangedDocument/ram:ID", CII_NS)
    if node is None:
        node = root.find(f"{{{UBL_CBC}}}ID")
    if node is None:
        raise ValueError("no invoice number (BT-1) found in the template")
    node.text = number
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def make_folder(folder: Path, count: int) -> None:
    templates = _templates()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        stem, data = templates[i % len(templates)]
        sub = folder / f"batch-{i // 500:03d}"  # subfolders: the walk is recursive
        sub.mkdir(exist_ok=True)
        (sub / f"{stem}-{i:06d}.xml").write_bytes(_renumber(data, f"BENCH-{i:06d}"))


def _child(folder: str, url: str, documents: str, validate: bool) -> None:
    """One measured run, in its own process."""
    from invoices.errors import SetupError
    from invoices.pipeline import ingest
    from invoices.store import audit, open_store

    try:
        _measure(folder, url, documents, validate, ingest, audit, open_store)
    except SetupError as exc:  # e.g. --validate without the official artefacts installed
        sys.exit(exc.message())


def _measure(
    folder: str, url: str, documents: str, validate: bool, ingest: Any, audit: Any, open_store: Any
) -> None:
    with open_store(url, documents=documents) as store:
        start = time.perf_counter()
        count = 0
        kinds: dict[str, int] = {}
        for outcome in ingest([folder], store=store, validate=validate, source="bench"):
            count += 1
            kinds[outcome.kind.value] = kinds.get(outcome.kind.value, 0) + 1
        seconds = time.perf_counter() - start
        with store.read() as session:
            ok = audit.verify(session).ok
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "count": count,
                "seconds": seconds,
                "peak_rss_mb": peak_kb / 1024,
                "kinds": kinds,
                "chain_ok": ok,
            }
        )
    )


def _pg_schema(base: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"demat_bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def _drop_pg_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def run(
    db: str, size: int, folder: Path, work: Path, pg_base: str | None, validate: bool
) -> dict[str, object]:
    schema = None
    if db == "sqlite":
        url = f"sqlite:///{work / f'bench-{size}.sqlite3'}"
    else:
        assert pg_base is not None
        url, schema = _pg_schema(pg_base)
    try:
        cmd = [
            sys.executable,
            __file__,
            "--child",
            str(folder),
            url,
            str(work / f"documents-{db}-{size}"),
            "1" if validate else "0",
        ]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{db} run of {size} files failed:\n{out.stderr.strip()}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if schema is not None:
            _drop_pg_schema(pg_base, schema)  # type: ignore[arg-type]
    result.update(db=db, size=size, docs_per_s=result["count"] / result["seconds"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--pg", default=os.environ.get("DEMAT_TEST_POSTGRES_URL"))
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, url, documents, validate = args.child
        _child(folder, url, documents, validate == "1")
        return
    dbs = ["sqlite"] + (["postgresql"] if args.pg else [])
    if not args.pg:
        print("PostgreSQL skipped: give --pg URL or set DEMAT_TEST_POSTGRES_URL", file=sys.stderr)
    print(
        f"ingest {'with' if args.validate else 'without'} validation; "
        f"{os.cpu_count()} CPU(s); templates: {', '.join(s for s, _ in _templates())}"
    )
    print(f"{'database':<11} {'files':>6} {'seconds':>8} {'docs/s':>8} {'peak RSS MB':>12} chain")
    with tempfile.TemporaryDirectory(prefix="demat-bench-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            folder = work / f"inbox-{size}"
            make_folder(folder, size)
            for db in dbs:
                r = run(db, size, folder, work, args.pg, args.validate)
                print(
                    f"{db:<11} {r['count']:>6} {r['seconds']:>8.1f} {r['docs_per_s']:>8.1f} "
                    f"{r['peak_rss_mb']:>12.1f} {'ok' if r['chain_ok'] else 'BROKEN'}"
                    f"  {r['kinds']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
