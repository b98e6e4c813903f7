"""The six steps of ``demat demo`` in order, on a store and an emulator of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from demat.demo.artefacts import ensure_cen_artefacts
from demat.demo.audit import audit_step
from demat.demo.check import DemoRow, check_sample, run_demo
from demat.demo.helios import helios_step
from demat.demo.ingest import ingest_step
from demat.demo.receive import receive_step
from demat.demo.samples import samples_dir
from demat.demo.send import demo_connector, send_step
from demat.demo.settings import DB_FILE, EMULATOR_SETTINGS, Echo, Note
from demat.views import demo as view
from invoices.errors import SetupError
from invoices.i18n import t


@dataclass(slots=True)
class DemoOutcome:
    """What the whole demo found: the table rows and the surprises of every step."""

    rows: list[DemoRow]
    surprises: list[str]
    db_url: str
    kept: Path | None

    @property
    def ok(self) -> bool:
        return not self.surprises and all(row.as_expected for row in self.rows)


def prepare_keep(keep: str | Path) -> Path:
    """A folder for a store that must start empty: never mix the demo with other data."""
    folder = Path(keep)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SetupError("demo.keep_not_empty", file=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SetupError(
            "demo.keep_unusable", file=str(folder), reason=exc.strerror or type(exc).__name__
        ) from None
    return folder


def check_step(folder: Path, echo: Echo, note: Note | None, mirror: str | None) -> list[DemoRow]:
    """Step 1, with the official artefacts fetched first when a sample needs them."""

    def checking(path: Path) -> None:
        if note is not None:
            note(t("demo.checking", file=path.name))

    rows = list(run_demo(folder, progress=checking))
    if note is not None:
        note("")
    if any(row.unchecked for row in rows):
        # Only when a sample needs them: a folder without stand-alone CII never fetches.
        if ensure_cen_artefacts(echo, mirror=mirror):
            rows = [
                check_sample(folder / row.file, folder) if row.unchecked else row for row in rows
            ]
        echo("")
    echo(view.heading(1, "demo.step_check"))
    echo(view.check_table(rows))
    echo("")
    echo(view.check_summary(rows))
    return rows


def run_pipeline(
    directory: str | Path | None = None,
    *,
    echo: Echo,
    note: Note | None = None,
    keep: str | Path | None = None,
    mirror: str | None = None,
) -> DemoOutcome:
    """Run the six steps, writing what happens through ``echo`` as it goes.

    ``note`` gets short progress texts (the CLI shows them on a terminal only).
    Raises :class:`SetupError` for what stops the demo entirely (no samples, the
    ``--keep`` folder unusable, the database or the emulator failing to start).
    """
    import tempfile
    from contextlib import ExitStack

    from emulators.chorus import Emulator
    from invoices.store import open_store

    folder = samples_dir(directory)
    target = prepare_keep(keep) if keep is not None else None
    rows = check_step(folder, echo, note, mirror)
    surprises: list[str] = []
    with ExitStack() as stack:
        if target is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="demat-demo-")))
        else:
            work = target.resolve()
        db_url = f"sqlite:///{work / DB_FILE}"
        store = stack.enter_context(open_store(db_url, documents=work / "documents"))

        echo(view.heading(2, "demo.step_store", url=db_url))
        stored = ingest_step(rows, folder, store, echo, note, surprises)

        emulator = stack.enter_context(Emulator.start(port=0, config=EMULATOR_SETTINGS))
        connector = stack.enter_context(demo_connector(store, emulator, work))
        echo(view.heading(3, "demo.step_send", url=emulator.base_url))
        send_step(stored, connector, emulator, echo, note, surprises)

        echo(view.heading(4, "demo.step_receive", siret=connector.config.siret))
        served = receive_step(connector, emulator, echo, surprises)

        echo(view.heading(5, "demo.helios_step"))
        helios_step(store, connector, served, work, echo, surprises)

        echo(view.heading(6, "demo.step_audit"))
        audit_step(store, echo, surprises)

    outcome = DemoOutcome(rows, surprises, db_url, target)
    echo("")
    bad = len(surprises) + sum(1 for r in rows if not r.as_expected)
    unchecked = [r.file for r in rows if r.unchecked]
    kept = str(target) if target is not None else None
    for line in view.closing_lines(bad, unchecked, kept, db_url):
        echo(line)
    return outcome
