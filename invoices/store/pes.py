"""PES files from the store: resolve a mandate file's invoices, allocate IdUniques,
record what was built, answer what was already sent.

Everything happens in one :meth:`Store.write` transaction: the rows of the file,
its mandats and PJ, the audit records and the written file stand or fall together.
IdUniques are ``<IdColl><exercice>D<sequence>`` (letters and digits only, 29
characters), the sequence following the largest one the database holds; the
unique constraint of ``pes_attachments`` is what makes a second use impossible.
A second mandat for an invoice already mandated is refused unless the build is a
*correction*: the earlier mandat is then marked replaced, never deleted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from invoices.errors import SetupError
from invoices.reading import read_document
from invoices.store import audit
from invoices.store.blobs import sha256_hex
from invoices.store.store import Store
from invoices.store.tables import (
    Document,
    Invoice,
    PesAttachment,
    PesFileRow,
    PesMandat,
    utcnow,
)
from invoices.syntax.pes.acquit import Acquit
from invoices.syntax.pes.compose import Planned, Source, amounts, compose
from invoices.syntax.pes.mandates import MandatesRefused, Problem, Row, mandats, parse
from invoices.syntax.pes.model import Header
from invoices.syntax.pes.settings import HeliosSettings, software
from invoices.syntax.pes.write import write_pes
from invoices.validation.pes.rules import History

#: Statuses whose invoice must not be paid as it stands.
UNPAYABLE = frozenset({"invalid", "unvalidated", "suspected-duplicate", "held"})


@dataclass(frozen=True, slots=True)
class Built:
    name: str
    path: Path | None
    data: bytes
    bordereaux: int
    mandats: int
    #: (IdUnique, invoice id, mandat number), in the file's order.
    attachments: tuple[tuple[str, int, int], ...]


def _find_invoice(session: Session, ref: str) -> list[Invoice]:
    if ref.isdigit():
        row = session.get(Invoice, int(ref))
        return [] if row is None else [row]
    number, _, siret = ref.rpartition("@")
    if not number:
        return []
    stmt = select(Invoice).where(Invoice.number == number, Invoice.seller_siret == siret)
    return list(session.scalars(stmt))


def _current_mandat(session: Session, invoice_id: int) -> PesMandat | None:
    stmt = select(PesMandat).where(
        PesMandat.invoice_id == invoice_id, PesMandat.replaced_by.is_(None)
    )
    return session.scalars(stmt.order_by(PesMandat.id.desc())).first()


def _numbers_used(session: Session, row: Row) -> Problem | None:
    """Hélios refuses a bordereau or mandat number it already has for the exercice
    (ERREUR_DOUBLON_BORDEREAU / _PIECE): say so now, on the row, not in the acquit."""
    sent = select(PesMandat).join(PesFileRow, PesFileRow.id == PesMandat.pes_file_id)
    sent = sent.where(PesFileRow.kind == "aller", PesMandat.exercice == row.exercice)
    if session.scalars(sent.where(PesMandat.mandat == row.mandat)).first() is not None:
        return Problem(row.line, "mandat", "pes.row_mandat_used", {"mandat": row.mandat})
    if session.scalars(sent.where(PesMandat.bordereau == row.bordereau)).first() is not None:
        params = {"bordereau": row.bordereau}
        return Problem(row.line, "bordereau", "pes.row_bordereau_used", params)
    return None


def _source(session: Session, store: Store, row: Invoice) -> Source:
    doc = session.get(Document, row.id)
    assert doc is not None  # an invoice row is its document's id
    data = store.blobs.get(session, doc.sha256)
    model = read_document(data, doc.original_name, sha256=doc.sha256).invoice
    if model is None:  # stored invoices were read once already
        raise SetupError("pes.invoice_unreadable", file=doc.original_name)
    return Source(row.id, model, data, doc.original_name, doc.media_type, row.seller_siret)


def _resolve(
    session: Session, store: Store, groups: dict[tuple[int, int, int], list[Row]], correction: bool
) -> tuple[list[tuple[list[Row], Source]], list[Problem]]:
    problems: list[Problem] = []
    resolved: list[tuple[list[Row], Source]] = []
    for rows in groups.values():
        first = rows[0]
        found = _find_invoice(session, first.invoice)
        if len(found) != 1:
            key = "pes.row_unknown_invoice" if not found else "pes.row_ambiguous_invoice"
            problems.append(Problem(first.line, "invoice", key, {"value": first.invoice}))
            continue
        invoice = found[0]
        if invoice.status in UNPAYABLE:
            params = {"id": invoice.id, "status": invoice.status}
            problems.append(Problem(first.line, "invoice", "pes.row_unpayable", params))
            continue
        earlier = _current_mandat(session, invoice.id)
        if earlier is not None and not correction:
            params = {"id": invoice.id, "mandat": earlier.mandat, "exercice": earlier.exercice}
            problems.append(Problem(first.line, "invoice", "pes.row_already_mandated", params))
            continue
        reused = None if correction else _numbers_used(session, first)
        if reused is not None:
            problems.append(reused)
            continue
        resolved.append((rows, _source(session, store, invoice)))
    return resolved, problems


def _plans(
    session: Session,
    store: Store,
    groups: dict[tuple[int, int, int], list[Row]],
    settings: HeliosSettings,
    correction: bool,
    file: str,
    data: bytes,
) -> list[Planned]:
    """Every mandat with its invoice, amounts and new IdUnique, or every refusal."""
    resolved, problems = _resolve(session, store, groups, correction)
    plans: list[Planned] = []
    sequence = _next_sequence(session)
    for rows, source in resolved:
        lines = amounts(rows, source)
        if isinstance(lines, Problem):
            problems.append(lines)
            continue
        id_unique = f"{settings.id_coll}{rows[0].exercice}D{sequence:010d}"
        sequence += 1
        plans.append(Planned(tuple(rows), source, lines, id_unique))
    if problems:
        is_json = data.decode("utf-8-sig", "replace").lstrip()[:1] in ("[", "{")
        raise MandatesRefused(file, problems, json_entries=is_json)
    return plans


def _next_sequence(session: Session) -> int:
    return int(session.scalar(select(func.count(PesAttachment.id))) or 0) + 1


def _file_name(session: Session, settings: HeliosSettings, today: date) -> str:
    count = int(session.scalar(select(func.count(PesFileRow.id))) or 0) + 1
    return f"PESALR2_{settings.id_coll}_{today:%y%m%d}_{count:04d}.xml"


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` beside ``path`` under a temporary name (moved in after the commit)."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SetupError("pes.write_failed", file=str(path), reason=exc.strerror) from None
    return tmp


def _publish(staged: Path, path: Path) -> None:
    try:
        os.replace(staged, path)
    except OSError as exc:  # recorded and kept in the blob store: only the copy failed
        staged.unlink(missing_ok=True)
        raise SetupError("pes.write_failed", file=str(path), reason=exc.strerror) from None


def build(
    store: Store,
    data: bytes,
    file: str,
    settings: HeliosSettings,
    *,
    out: Path | None = None,
    pj_only: bool = False,
    correction: bool = False,
    today: date | None = None,
) -> Built:
    """Build the PES for the mandate file ``data``; :class:`MandatesRefused` lists every
    refused row (nothing recorded, nothing written).  ``out``: a file path, or a folder
    to put the file in under its ``NomFic``."""
    rows = parse(data, file)
    day = today or datetime.now(UTC).date()
    groups = mandats(rows)
    target: Path | None = None
    staged: Path | None = None
    try:
        with store.write() as session:
            plans = _plans(session, store, groups, settings, correction, file, data)
            name = _file_name(session, settings, day)
            header = Header(
                file_name=name,
                created=day,
                id_post=settings.id_post,
                id_coll=settings.id_coll,
                cod_col=settings.cod_col,
                cod_bud=settings.cod_bud,
                libelle_col_bud=settings.libelle_col_bud,
                sigle=settings.sigle,
                software=software(),
            )
            pes = compose(header, plans, pj_only=pj_only, today=day)
            content = write_pes(pes)
            _record(session, store, name, content, settings, plans, pj_only, correction)
            if out is not None:
                target = out / name if out.is_dir() else out
                staged = _stage(target, content)
    except BaseException:
        if staged is not None:
            staged.unlink(missing_ok=True)
        raise
    if staged is not None and target is not None:
        _publish(staged, target)
    return Built(
        name=name,
        path=target,
        data=content,
        bordereaux=len(pes.bordereaux),
        mandats=len(plans),
        attachments=tuple((p.id_unique, p.source.invoice_id, p.first.mandat) for p in plans),
    )


def _record(
    session: Session,
    store: Store,
    name: str,
    content: bytes,
    settings: HeliosSettings,
    plans: list[Planned],
    pj_only: bool,
    correction: bool,
) -> None:
    now = utcnow()
    digest = sha256_hex(content)
    row = PesFileRow(
        name=name,
        kind="pj-only" if pj_only else "aller",
        sha256=digest,
        size=len(content),
        id_coll=settings.id_coll,
        cod_col=settings.cod_col,
        correction=correction,
        created_at=now,
    )
    session.add(row)
    session.flush()
    store.blobs.put(session, digest, content)
    for plan in plans:
        earlier = _current_mandat(session, plan.source.invoice_id)
        if earlier is not None:
            earlier.replaced_by = row.id
        first = plan.first
        mandat = PesMandat(
            pes_file_id=row.id,
            invoice_id=plan.source.invoice_id,
            exercice=first.exercice,
            bordereau=first.bordereau,
            mandat=first.mandat,
            lines=len(plan.rows),
            amount_ht=sum((ht for ht, _ in plan.amounts), Decimal("0")),
            amount_tva=sum((tva for _, tva in plan.amounts), Decimal("0")),
            created_at=now,
        )
        session.add(mandat)
        session.flush()
        session.add(
            PesAttachment(
                id_unique=plan.id_unique,
                id_coll=settings.id_coll,
                invoice_id=plan.source.invoice_id,
                pes_file_id=row.id,
                pes_mandat_id=mandat.id,
                document_sha256=sha256_hex(plan.source.content),
                name=plan.source.file_name[:100],
                media_type=plan.source.media_type,
                created_at=now,
            )
        )
        audit.append(
            session,
            "pes.mandated",
            object_type="pes_mandat",
            object_id=mandat.id,
            invoice_id=plan.source.invoice_id,
            details={
                "file": name,
                "exercice": first.exercice,
                "bordereau": first.bordereau,
                "mandat": first.mandat,
                "id_unique": plan.id_unique,
                "correction": correction,
            },
        )
    session.flush()
    audit.append(
        session,
        "pes.built",
        object_type="pes_file",
        object_id=row.id,
        details={"name": name, "kind": row.kind, "sha256": digest, "mandats": len(plans)},
    )


def history(session: Session) -> History:
    """What the store knows was sent, for the Hélios rules of the validation."""

    def id_unique_elsewhere(id_unique: str, nom_fic: str) -> bool:
        stmt = (
            select(PesFileRow.name)
            .join(PesAttachment, PesAttachment.pes_file_id == PesFileRow.id)
            .where(PesAttachment.id_unique == id_unique)
        )
        return any(found != nom_fic for found in session.scalars(stmt))

    def file_name_taken(nom_fic: str, sha256: str) -> bool:
        stmt = select(PesFileRow.sha256).where(PesFileRow.name == nom_fic)
        return any(found != sha256 for found in session.scalars(stmt))

    return History(id_unique_elsewhere, file_name_taken)


@dataclass(frozen=True, slots=True)
class Applied:
    """What an acquit changed: mandats and PJ set OK or KO, and what it named that we
    never sent (shown, never guessed at)."""

    mandats: dict[int, str]
    attachments: dict[str, str]
    unknown: tuple[str, ...]


def apply_acquit(session: Session, pes_file: str, acquit: Acquit) -> Applied:
    """Set the state of each mandat and PJ of ``pes_file`` from Hélios's acquit, each
    from its own element (a KO PJ leaves the others as Hélios said), with audit records."""
    row = session.scalars(select(PesFileRow).where(PesFileRow.name == pes_file)).first()
    if row is None:
        raise SetupError("pes.acquit_no_file", file=pes_file)
    mandats: dict[int, str] = {}
    for mandat in session.scalars(select(PesMandat).where(PesMandat.pes_file_id == row.id)):
        state = acquit.mandat_state(mandat.exercice, mandat.bordereau, mandat.mandat)
        if row.kind == "aller" and state is not None:
            mandat.state = str(state)
            mandats[mandat.mandat] = mandat.state
    attachments: dict[str, str] = {}
    ours = session.scalars(select(PesAttachment).where(PesAttachment.pes_file_id == row.id))
    for pj in ours:
        state = acquit.pj_state(pj.id_unique)
        if state is not None:
            pj.state = str(state)
            attachments[pj.id_unique] = pj.state
    unknown = tuple(sorted(set(acquit.pj_states()) - set(attachments)))
    audit.append(
        session,
        "pes.acknowledged",
        object_type="pes_file",
        object_id=row.id,
        details={
            "name": pes_file,
            "kind": str(acquit.kind),
            "mandats": {str(k): v for k, v in mandats.items()},
            "attachments": attachments,
            "unknown": list(unknown),
        },
    )
    return Applied(mandats, attachments, unknown)
