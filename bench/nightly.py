"""The nightly run end to end: documents/s, peak memory of every process, and the ratio
to eu-einvoice's validation alone on the same files.  A script, never a timed test.

What it does, for each database (SQLite, and PostgreSQL when ``--pg`` or
``DEMAT_TEST_POSTGRES_URL`` is given; a fresh file / schema each time):

1. builds once an inbox of ``--count`` distinct small invoices (UBL, CII and Factur-X
   mixed 2:2:1), written by the project's own writers from ``samples/ubl-invoice.xml``
   with new numbers, addressed to the Chorus Pro emulator's seed world;
2. runs ``demat run`` (every step: receive, inbox, send, follow, report) as a
   subprocess against the Chorus Pro emulator started in this process, sampling
   ``/proc`` every 0.1 s for the resident memory of the whole process tree (the
   Saxon workers included): the peak of the sum, and each process's own ``VmHWM``;
3. measures read + store + audit without validation on the same files (goal: 500/s);
4. installs eu-einvoice (PyPI) into ``bench/.venv-euinvoice`` (git-ignored), points
   its rule cache at the CEN XSLT of the artefacts folder (``--artefacts``, default
   ``/work/shared/artefacts`` or ``DEMAT_SHARED_DIR/artefacts``), and times its
   ``validate()`` in a loop over the same files, in one warm process (its best case).

Usage::

    python bench/nightly.py                  # 10,000 files
    python bench/nightly.py --count 1000 --pg postgresql+psycopg://postgres@127.0.0.1:5432/test

Goals (issue #9, on the 2-core machine): end to end >= 1.5 x eu-einvoice validate-only;
read + store + audit >= 500 documents/s; peak RSS of all processes <= 1.2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from procmem import TreeSampler  # noqa: E402
from rivals import eu_einvoice_rate  # noqa: E402

SYNDICAT = "21690123100011"  # a structure of the emulator's seed world, no requirement
#: The night in two timed runs, so the inbox step's own rate shows beside the total.
PHASES = ("receive,inbox", "send,follow,report")
FAST = {"delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120}}


def make_inbox(folder: Path, count: int) -> dict[str, int]:
    """``count`` distinct invoices, UBL / CII / Factur-X in turns (2:2:1)."""
    import dataclasses

    from invoices.model import Identifier
    from invoices.reading import read
    from invoices.syntax import Profile
    from invoices.write import to_cii, to_facturx_pdf, to_ubl

    base = read(ROOT / "samples" / "ubl-invoice.xml")
    buyer = dataclasses.replace(
        base.buyer,
        name="Syndicat des eaux du Val",
        legal_id=Identifier(SYNDICAT, "0009"),
        vat_id=None,
        electronic_address=Identifier(SYNDICAT, "0009"),
        identifiers=(),
    )
    base = dataclasses.replace(base, buyer=buyer, buyer_reference=None, purchase_order=None)
    kinds = {"ubl": 0, "cii": 0, "facturx": 0}
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        invoice = dataclasses.replace(base, number=f"NUIT-{i:06d}")
        kind = ("ubl", "cii", "ubl", "cii", "facturx")[i % 5]
        sub = folder / f"lot-{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        if kind == "ubl":
            (sub / f"{invoice.number}.xml").write_bytes(to_ubl(invoice))
        elif kind == "cii":
            (sub / f"{invoice.number}-cii.xml").write_bytes(to_cii(invoice, Profile.EN16931))
        else:
            data = to_facturx_pdf(invoice, Profile.EN16931)
            (sub / f"{invoice.number}.pdf").write_bytes(data)
        kinds[kind] += 1
    return kinds


def _fresh_db(kind: str, work: Path, pg: str | None) -> tuple[str, Any]:
    """A URL to a new database, and how to drop it afterwards."""
    if kind == "sqlite":
        return f"sqlite:///{work / 'night.sqlite3'}", lambda: None
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert pg is not None
    schema = f"demat_night_{uuid.uuid4().hex[:10]}"
    engine = create_engine(pg)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    url = make_url(pg).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


def _env(work: Path, url: str, artefacts_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        **extra,
        "DEMAT_DB": url,
        "DEMAT_DOCUMENTS": str(work / "documents"),
        "DEMAT_DATA_DIR": str(work / "data"),
        "DEMAT_CONFIG_DIR": str(work / "config"),
        "DEMAT_ARTEFACTS_DIR": str(artefacts_dir),
        "DEMAT_GUARD": "off",  # the payment guard concerns received invoices, not this
        "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
        "DEMAT_CHORUS_TIMEOUT": "30",
        "LANG": "C",
    }


def night(
    kind: str, pristine: Path, work: Path, pg: str | None, artefacts_dir: Path
) -> dict[str, Any]:
    """One ``demat run`` end to end on a copy of the inbox, with the emulator."""
    from emulators.chorus import Emulator

    inbox = work / "night" / "inbox"
    shutil.copytree(pristine, inbox)
    (work / "config").mkdir(parents=True)
    config = work / "config" / "config.toml"
    config.write_text(f'[run]\ninbox = "{inbox}"\nsettle = 0\n', encoding="utf-8")
    config.chmod(0o600)
    url, drop = _fresh_db(kind, work, pg)
    phases: dict[str, float] = {}
    steps: dict[str, Any] = {}
    errors: list[str] = []
    try:
        with Emulator.start(config=FAST) as emulator:
            env = _env(work, url, artefacts_dir, emulator.env())
            cmd = [sys.executable, "-c", "from demat.cli import main; main()"]
            cmd += ["--lang", "en", "run", "--quiet", "--json", "--steps"]
            sampler = TreeSampler(os.getpid())  # this process and every child
            thread = threading.Thread(target=sampler.run, daemon=True)
            thread.start()
            for phase in PHASES:
                start = time.perf_counter()
                proc = subprocess.run(
                    [*cmd, phase], env=env, cwd=ROOT, capture_output=True, text=True
                )
                phases[phase] = time.perf_counter() - start
                try:
                    report = json.loads(proc.stdout)
                except json.JSONDecodeError:
                    sys.exit(f"demat run --steps {phase} on {kind}: no report\n{proc.stderr}")
                steps.update({s["step"]: s["counts"] for s in report["steps"] if s.get("ran")})
                errors += report.get("errors", [])[:3]
                errors += [a["reason"] for a in report.get("needs_attention", [])[:2]]
            sampler.stop()
            thread.join()
            deposits = len(emulator.journal.entries("factures/v1/deposer/flux"))
    finally:
        drop()
    return {
        "db": kind,
        "phases": phases,
        "seconds": sum(phases.values()),
        "steps": steps,
        "deposits": deposits,
        "peak_sum_mb": sampler.peak_sum_kb / 1024,
        "peak_each_mb": {k: v / 1024 for k, v in sampler.hwm_by_name().items()},
        "processes": sampler.seen,
        "errors": errors,
    }


def _store_only_child(folder: str, url: str, documents: str) -> None:
    """Read + store + audit without validation, in its own process."""
    from invoices.pipeline import ingest
    from invoices.store import open_store

    with open_store(url, documents=documents) as store:
        start = time.perf_counter()
        count = sum(1 for _ in ingest([folder], store=store, validate=False, source="bench"))
        seconds = time.perf_counter() - start
    print(json.dumps({"count": count, "seconds": seconds}))


def store_only(kind: str, pristine: Path, work: Path, pg: str | None) -> dict[str, Any]:
    url, drop = _fresh_db(kind, work, pg)
    try:
        cmd = [sys.executable, __file__, "--store-only", str(pristine), url, str(work / "docs")]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    finally:
        drop()
    if out.returncode != 0:
        sys.exit(f"store-only run on {kind} failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _artefacts_source(given: str | None) -> Path:
    if given:
        return Path(given)
    shared = Path(os.environ.get("DEMAT_SHARED_DIR", ROOT.parent / "shared"))
    return shared / "artefacts"


def _install_artefacts(source: Path, target: Path) -> None:
    """Our own installer, checking every SHA-256, into a private folder."""
    os.environ["DEMAT_ARTEFACTS_DIR"] = str(target)
    from demat.artefacts_fetch import install_from_folder

    install_from_folder(source)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("DEMAT_TEST_POSTGRES_URL"))
    parser.add_argument("--artefacts", help="folder of the official artefacts")
    parser.add_argument("--skip-rival", action="store_true", help="no eu-einvoice run")
    parser.add_argument("--store-only", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_only:
        _store_only_child(*args.store_only)
        return
    source = _artefacts_source(args.artefacts)
    dbs = ["sqlite"] + (["postgresql"] if args.pg else [])
    print(f"{args.count} files; {os.cpu_count()} CPU(s); databases: {', '.join(dbs)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="demat-night-") as tmp:
        base = Path(tmp)
        artefacts_dir = base / "artefacts"
        _install_artefacts(source, artefacts_dir)
        pristine = base / "pristine"
        t0 = time.perf_counter()
        kinds = make_inbox(pristine, args.count)
        print(f"inbox built in {time.perf_counter() - t0:.0f} s: {kinds}", flush=True)
        rival = None
        if not args.skip_rival:
            rival = eu_einvoice_rate(pristine, source, ROOT / "bench" / ".venv-euinvoice")
            print(f"eu-einvoice validate-only: {rival['text']}", flush=True)
        for kind in dbs:
            plain = store_only(kind, pristine, base / f"plain-{kind}", args.pg)
            rate = plain["count"] / plain["seconds"]
            print(
                f"[{kind}] read + store + audit, no validation: {rate:.0f} documents/s", flush=True
            )
            r = night(kind, pristine, base / f"night-{kind}", args.pg, artefacts_dir)
            docs = args.count / r["seconds"]
            inbox_rate = args.count / r["phases"][PHASES[0]]
            print(
                f"[{kind}] demat run --steps {PHASES[0]}: {r['phases'][PHASES[0]]:.1f} s = "
                f"{inbox_rate:.1f} documents/s; --steps {PHASES[1]}: "
                f"{r['phases'][PHASES[1]]:.1f} s",
                flush=True,
            )
            print(
                f"[{kind}] demat run end to end: {args.count} files in {r['seconds']:.1f} s = "
                f"{docs:.1f} documents/s, {r['deposits']} deposits; "
                f"peak RSS of all processes {r['peak_sum_mb']:.0f} MB "
                f"(per process peak: {_each(r['peak_each_mb'])}; {r['processes']} processes)",
                flush=True,
            )
            print(f"[{kind}] steps: {json.dumps(r['steps'])}", flush=True)
            if r["errors"]:
                print(f"[{kind}] first errors: {r['errors'][:4]}", flush=True)
            if rival is not None and rival.get("rate"):
                print(
                    f"[{kind}] ratio to eu-einvoice validate-only: end to end "
                    f"{docs / rival['rate']:.2f}, inbox step {inbox_rate / rival['rate']:.2f}",
                    flush=True,
                )


def _each(peaks: dict[str, float]) -> str:
    return ", ".join(f"{name} {mb:.0f} MB" for name, mb in sorted(peaks.items()))


if __name__ == "__main__":
    main()
