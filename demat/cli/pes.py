"""``demat pes build|validate``: PES V2 files for Hélios.

``build`` turns a mandate file into a ``PES_Aller`` (or a PJ-only file) for stored
invoices: every refused row is shown with its line and column and nothing is
written (exit 1).  ``validate`` checks any PES file and reports exactly like
``demat validate`` (same formats, same exit codes); with ``--db`` / ``DEMAT_DB`` it
also checks IdUniques and file names against what the store has already sent.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from demat.cli.command import EXIT_ENV, EXIT_OK, EXIT_REJECTED, DematGroup
from demat.cli.options import db_option, open_store
from demat.cli.validate_cmd import exit_code, write_report
from invoices.errors import SetupError
from invoices.i18n import help_text, t

if TYPE_CHECKING:
    from connectors.tdt.connector import Sent, TdtConnector
    from connectors.tdt.states import FileState
    from invoices.store import Store
    from invoices.store.pes_retours import RetourView


@click.group("pes", cls=DematGroup, help=help_text("pes.cli_help"))
def pes_group() -> None:
    pass


@pes_group.command("build", help=help_text("pes.cli_build_help"))
@click.option(
    "--mandats",
    "mandates",
    required=True,
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=help_text("pes.opt_mandats"),
)
@click.option(
    "--out", metavar="FILE", type=click.Path(path_type=Path), help=help_text("pes.opt_out")
)
@click.option("--pj-only", is_flag=True, help=help_text("pes.opt_pj_only"))
@click.option("--correction", is_flag=True, help=help_text("pes.opt_correction"))
@db_option
@click.pass_context
def build_cmd(
    ctx: click.Context,
    mandates: Path,
    out: Path | None,
    pj_only: bool,
    correction: bool,
    db_url: str | None,
) -> None:
    from invoices.store.pes import build
    from invoices.syntax.pes.mandates import MandatesRefused
    from invoices.syntax.pes.settings import load_settings

    settings = load_settings()
    try:
        data = mandates.read_bytes()
    except OSError as exc:
        raise SetupError("pes.file_unreadable", file=str(mandates), reason=exc.strerror) from None
    with open_store(db_url) as store:
        try:
            built = build(
                store,
                data,
                str(mandates),
                settings,
                out=out if out is not None else Path.cwd(),
                pj_only=pj_only,
                correction=correction,
            )
        except MandatesRefused as refused:
            where = "pes.entry_at" if refused.json_entries else "pes.row_at"
            for problem in refused.problems:
                reason = t(problem.key, **problem.params)
                line, column = problem.line, problem.column
                shown = t(where, file=mandates, line=line, column=column, reason=reason)
                click.echo(shown, err=True)
            click.echo(refused.message(), err=True)
            ctx.exit(EXIT_REJECTED)
    click.echo(
        t(
            "pes.built",
            file=built.path if built.path is not None else built.name,
            bordereaux=built.bordereaux,
            mandats=built.mandats,
            pjs=len(built.attachments),
        )
    )
    for id_unique, invoice, mandat in built.attachments:
        click.echo(t("pes.built_pj", id_unique=id_unique, invoice=invoice, mandat=mandat))
    ctx.exit(EXIT_OK)


def pes_files(paths: tuple[str, ...]) -> list[str]:
    """The files named, and the ``.xml`` files under the folders named; a missing path or
    a folder without one is a usage error (exit 2), as for ``demat validate``."""
    files: list[str] = []
    for raw in paths:
        if os.path.isdir(raw):
            found = sorted(str(p) for p in Path(raw).rglob("*.xml") if p.is_file())
            if not found:
                raise SetupError("validate_out.no_documents", file=raw)
            files.extend(found)
        elif os.path.isfile(raw):
            files.append(raw)
        else:
            raise SetupError("validate_out.path_not_found", file=raw)
    return files


@pes_group.command("validate", help=help_text("pes.cli_validate_help"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "html"]),
    default="text",
    show_default=True,
    help=help_text("validate_out.opt_format"),
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("validate_out.opt_output"),
)
@db_option
@click.pass_context
def validate_cmd(
    ctx: click.Context, paths: tuple[str, ...], fmt: str, output: str | None, db_url: str | None
) -> None:
    from invoices.validation.pes.check import validate_pes_file

    files = pes_files(paths)
    if db_url is None:
        reports = [validate_pes_file(path) for path in files]
    else:
        from invoices.store.pes import history

        with open_store(db_url) as store, store.read() as session:
            known = history(session)
            reports = [validate_pes_file(path, history=known) for path in files]
    write_report(reports, fmt, output)
    ctx.exit(exit_code(reports))


def _connector(store: Store) -> TdtConnector:
    """The TdT connector over the settings' mutual TLS (imported on use)."""
    from connectors.tdt.client import CallEvent, TdtClient
    from connectors.tdt.config import load_config
    from connectors.tdt.connector import TdtConnector

    config = load_config()

    def client(observer: Callable[[CallEvent], None]) -> TdtClient:
        return TdtClient(config, observer=observer)

    return TdtConnector(store, client, must_signed=config.must_signed)


def _show_sent(sent: Sent) -> int:
    """Print one file's outcome; its exit code."""
    from invoices.store import TransmissionState

    name = sent.name
    if sent.dry_run:
        click.echo(t("tdt.would_send", file=name))
    elif sent.already_sent:
        state = str(sent.state)
        click.echo(t("tdt.already_sent", file=name, state=state, transaction=sent.transaction))
    elif sent.state is TransmissionState.REJECTED:
        click.echo(t("tdt.refused", file=name, message=sent.message), err=True)
        return EXIT_REJECTED
    elif sent.state is TransmissionState.UNKNOWN:
        click.echo(t("tdt.outcome_unknown", file=name, reason=sent.message), err=True)
        return EXIT_ENV
    elif sent.reconciled:
        click.echo(t("tdt.reconciled", file=name, transaction=sent.transaction))
    else:
        click.echo(t("tdt.sent", file=name, transaction=sent.transaction))
    return EXIT_OK


@pes_group.command("send", help=help_text("tdt.cli_send_help"))
@click.argument("file", required=False, type=click.Path(path_type=str))
@click.option("--all", "send_all", is_flag=True, help=help_text("tdt.opt_all"))
@click.option("--dry-run", is_flag=True, help=help_text("tdt.opt_dry_run"))
@db_option
@click.pass_context
def send_cmd(
    ctx: click.Context, file: str | None, send_all: bool, dry_run: bool, db_url: str | None
) -> None:
    if (file is None) != send_all:
        raise SetupError("tdt.send_usage")
    codes = [EXIT_OK]
    with open_store(db_url) as store:
        connector = _connector(store)
        names = connector.unsent() if file is None else [Path(file).name]
        if not names:
            click.echo(t("tdt.nothing_to_send"))
        for name in names:
            try:
                codes.append(_show_sent(connector.send(name, dry_run=dry_run)))
            except SetupError as exc:
                click.echo(t("tdt.file_failed", file=name, reason=exc.message()), err=True)
                codes.append(EXIT_ENV)
    ctx.exit(max(codes))


def _acquit_word(shown: dict[str, object]) -> str:
    state, message = shown.get("acquit"), shown.get("message")
    word = t("tdt.acquit_none") if state is None else t(f"tdt.acquit_{state}")
    return t("tdt.acquit_said", acquit=word, message=message) if message else word


#: Kind of Hélios's answer -> the root element it came as (shown to the clerk).
ANSWER_ROOTS = {"non-acquit": "PES_NonAcquit", "acquit-retour": "PES_ACQUIT_RETOUR"}


def _show_state(state: FileState) -> None:
    from connectors.tdt.states import STATUS_NAMES, TO_SIGN

    status = "-"
    if state.status is not None:
        status = t(f"tdt.status_{STATUS_NAMES.get(state.status, 'unknown')}")
    shown = t("tdt.not_sent") if state.state is None else state.state
    transaction = state.transaction or "-"
    click.echo(
        t("tdt.status_file", file=state.name, state=shown, transaction=transaction, status=status)
    )
    if state.status == TO_SIGN:
        click.echo(t("tdt.to_sign_hint"))
    if state.answer is not None and state.answer["kind"] != "acquit":
        click.echo(t("tdt.acquit_kind", kind=ANSWER_ROOTS.get(state.answer["kind"], "?")))
    for m in state.mandats:
        click.echo(t("tdt.status_mandat", **{**m, "acquit": _acquit_word(m)}))
    for a in state.attachments:
        click.echo(t("tdt.status_pj", **{**a, "acquit": _acquit_word(a)}))


@pes_group.command("status", help=help_text("tdt.cli_status_help"))
@click.option("--refresh", is_flag=True, help=help_text("tdt.opt_refresh"))
@click.option("--json", "as_json", is_flag=True, help=help_text("tdt.opt_json"))
@db_option
@click.pass_context
def status_cmd(ctx: click.Context, refresh: bool, as_json: bool, db_url: str | None) -> None:
    import json

    from connectors.tdt.outbox import file_names
    from connectors.tdt.states import file_state

    codes = [EXIT_OK]
    with open_store(db_url) as store:
        with store.read() as session:
            states = [file_state(session, name) for name in file_names(session)]
        if refresh:
            connector = _connector(store)
            for index, state in enumerate(states):
                try:
                    states[index] = connector.refresh(state.name)
                except SetupError as exc:
                    reason = exc.message()
                    click.echo(t("tdt.file_failed", file=state.name, reason=reason), err=True)
                    codes.append(EXIT_ENV)
            from demat.cli.show import close_the_loop  # MANDATEE on Chorus Pro (opt-in)

            codes.append(close_the_loop(store, err=as_json))
    if as_json:
        click.echo(json.dumps([s.to_json() for s in states], ensure_ascii=False, indent=2))
    else:
        for state in states:
            _show_state(state)
    ctx.exit(max(codes))


def _show_retour(view: RetourView, key: str) -> None:
    from invoices.syntax.pes.retour import KNOWN

    kind = view.kind if view.kind in KNOWN else t("tdt.retour_kind_other", root=view.kind)
    click.echo(
        t(
            key,
            name=view.name,
            remote_id=view.remote_id,
            date=view.date or "-",
            kind=kind,
            size=view.size,
            read=t("tdt.retour_read") if view.read else t("tdt.retour_unread"),
        )
    )


@pes_group.command("retours", help=help_text("tdt.cli_retours_help"))
@click.option("--list", "only_list", is_flag=True, help=help_text("tdt.opt_retours_list"))
@click.option("--json", "as_json", is_flag=True, help=help_text("tdt.opt_retours_json"))
@db_option
@click.pass_context
def retours_cmd(ctx: click.Context, only_list: bool, as_json: bool, db_url: str | None) -> None:
    import json

    from invoices.store import pes_retours

    code = EXIT_OK
    with open_store(db_url) as store:
        fetched = None
        if not only_list:
            from connectors.tdt.retours import fetch_retours

            fetched = fetch_retours(_connector(store))
        with store.read() as session:
            stored = pes_retours.listing(session)
    if fetched is not None and fetched.problems:
        code = EXIT_ENV
    if as_json:
        data: dict[str, object] = {"retours": [v.to_json() for v in stored]}
        if fetched is not None:
            data["fetched"] = [v.remote_id for v in fetched.fetched]
            data["already_stored"] = [v.remote_id for v in fetched.already]
            data["problems"] = [
                {"remote_id": p.remote_id, "name": p.name, "reason": p.reason}
                for p in fetched.problems
            ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        ctx.exit(code)
    if fetched is not None:
        for view in fetched.fetched:
            _show_retour(view, "tdt.retour_fetched")
        for view in fetched.already:
            _show_retour(view, "tdt.retour_already")
        for problem in fetched.problems:
            shown = t("tdt.retour_failed", name=problem.name or problem.remote_id)
            click.echo(f"{shown}: {problem.reason}", err=True)
        if not fetched.fetched and not fetched.already and not fetched.problems:
            click.echo(t("tdt.retours_none"))
    else:
        for view in stored:
            _show_retour(view, "tdt.retour_stored")
        if not stored:
            click.echo(t("tdt.retours_none_stored"))
    ctx.exit(code)


def serve_tdt_emulator(port: int, clock_scale: float | None) -> None:
    """``demat emulator serve --tdt``: the S²LOW emulator with a CA of its own, in a
    temporary folder removed at the end; the ``export`` lines point ``demat`` at it."""
    import shlex
    import shutil
    import tempfile

    from emulators.tdt import Config, Emulator
    from invoices import artefacts

    try:  # Hélios checks the schema when the PES bundle is installed
        schema: Path | None = artefacts.locate("pes-aller.xsd")
    except (artefacts.ArtefactMissing, artefacts.ArtefactTampered):
        schema = None
    folder = Path(tempfile.mkdtemp(prefix="demat-tdt-"))
    scale = 1.0 if clock_scale is None else clock_scale
    config = Config(clock_scale=scale, aller_schema=schema)
    try:
        try:
            emulator, env = Emulator.start_with_own_ca(folder / "certs", config, port)
        except OSError as exc:
            raise SetupError(
                "emulator.port_unavailable", port=port, reason=exc.strerror or str(exc)
            ) from None
        click.echo(t("tdt.emulator_listening", url=emulator.base_url), err=True)
        for name, value in env.items():
            click.echo(f"export {name}={shlex.quote(value)}")
        click.echo(t("emulator.stop_hint"), err=True)
        emulator.serve_until_interrupted()
        click.echo(t("emulator.stopped"), err=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
