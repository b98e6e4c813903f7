"""Step 5 of the demo: the invoice declared "service fait" is paid through Hélios.

A mandate file as the finance software would export it, the ``PES_Aller`` built from
it (the invoice's original file as its PJ), sent over mutual TLS to the tiers de
télétransmission emulator (S²LOW, with a test CA of its own, in-process), whose clock
the demo moves until Hélios acknowledges it; then the MANDATEE loop sets the invoice
``MANDATEE`` on Chorus Pro with the mandat number (on in the demo).  Every step is
the real library and connector code a clerk's ``demat pes ...`` runs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from demat.demo.settings import HELIOS_SETTINGS, TDT_ADVANCE, Echo
from demat.views import demo as view
from invoices.errors import DematError
from invoices.i18n import t

if TYPE_CHECKING:
    from connectors.chorus.connector import ChorusConnector
    from connectors.tdt.connector import TdtConnector
    from emulators.tdt import Emulator as TdtEmulator
    from invoices.store import Store


def _mandate_file(work: Path, served: list[int]) -> Path:
    """One mandat per invoice, one bordereau, the amounts taken from the invoices."""
    year = datetime.now(UTC).year
    rows = ["invoice;exercice;bordereau;mandat;ligne;nature;fonction;objet"]
    for index, invoice_id in enumerate(served, start=1):
        rows.append(f"{invoice_id};{year};1;{index};1;60632;020;{t('demo.helios_objet')}")
    path = work / "mandats.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _tdt(stack: ExitStack, work: Path, store: Store) -> tuple[TdtConnector, TdtEmulator]:
    """The TdT emulator with its own CA, and the real connector pointed at it."""
    from connectors.tdt.client import CallEvent, TdtClient
    from connectors.tdt.config import load_config
    from connectors.tdt.connector import TdtConnector
    from emulators.tdt import Config, Emulator
    from invoices import artefacts

    try:  # Hélios checks the schema when the PES bundle is installed
        schema: Path | None = artefacts.locate("pes-aller.xsd")
    except (artefacts.ArtefactMissing, artefacts.ArtefactTampered):
        schema = None
    emulator, env = Emulator.start_with_own_ca(work / "tdt-certs", Config(aller_schema=schema))
    stack.enter_context(emulator)
    config = load_config(env, path=work / "no-helios-config.toml")

    def client(observer: Callable[[CallEvent], None]) -> TdtClient:
        return TdtClient(config, observer=observer)

    return TdtConnector(store, client), emulator


def helios_step(
    store: Store,
    chorus: ChorusConnector,
    served: list[int],
    work: Path,
    echo: Echo,
    surprises: list[str],
) -> None:
    from connectors.chorus.mandatee import push_mandatee
    from invoices.store.pes import build

    if not served:
        echo(view.unexpected(t("demo.helios_nothing")))
        surprises.append("helios")
        return
    mandates = _mandate_file(work, served)
    echo(t("demo.helios_mandates", file=mandates.name, count=len(served)))
    with ExitStack() as stack:
        try:
            built = build(store, mandates.read_bytes(), str(mandates), HELIOS_SETTINGS, out=work)
            echo(
                t(
                    "pes.built",
                    file=built.name,
                    bordereaux=built.bordereaux,
                    mandats=built.mandats,
                    pjs=len(built.attachments),
                )
            )
            for id_unique, invoice, mandat in built.attachments:
                echo(t("pes.built_pj", id_unique=id_unique, invoice=invoice, mandat=mandat))
            tdt, emulator = _tdt(stack, work, store)
            echo(t("demo.helios_tdt", url=emulator.base_url))
            sent = tdt.send(built.name)
            echo(t("tdt.sent", file=built.name, transaction=sent.transaction))
            emulator.advance(TDT_ADVANCE)
            state = tdt.refresh(built.name)
        except DematError as exc:
            echo(view.unexpected(exc.message()))
            surprises.append("helios")
            return
    for line, ok in view.acquit_lines(state):
        echo(line if ok else view.unexpected(line))
        if not ok:
            surprises.append("acquit")
    for outcome in push_mandatee(chorus):
        line = view.mandatee_text(outcome)
        echo(line if outcome.result == "done" else view.unexpected(line))
        if outcome.result != "done":
            surprises.append(f"mandatee:{outcome.invoice_id}")
