"""The ``demat`` command line: parse arguments, call the library, print.

Kept thin on purpose: every behaviour lives in the library so that the nightly
batch and accounting software get exactly what the clerk gets.  Exit codes are
part of the interface: 0 all good, 1 some documents rejected, 2 usage or
environment error.  Every text shown goes through :func:`invoices.i18n.t`.
"""

from __future__ import annotations

import sys

import click

from invoices import __version__
from invoices.errors import SetupError
from invoices.i18n import HelpText, help_text, set_language, t

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_ENV = 2


def _retranslate(command: click.Command) -> None:
    """Translate the help texts of ``command`` and its subcommands into the current language."""
    command.help = HelpText.again(command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            param.help = HelpText.again(param.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _retranslate(sub)


class _Translated(click.Command):
    """Help that follows ``--lang`` (texts are built at import time), ``--help`` included."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _retranslate(self)
        super().format_help(ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.opt_help")
        return option


class DematCommand(_Translated):
    """Every ``demat`` subcommand."""


class DematGroup(_Translated, click.Group):
    """Turns environment errors into exit code 2 with a translated message; its
    subcommands and subgroups get the same classes."""

    command_class = DematCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SetupError as exc:
            click.echo(exc.message(), err=True)
            ctx.exit(EXIT_ENV)


def _choose_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    set_language(value)


@click.group(cls=DematGroup, help=help_text("cli.help"))
@click.version_option(__version__, prog_name="demat", help=help_text("cli.opt_version"))
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    callback=_choose_language,
    expose_value=False,
    is_eager=True,
    help=help_text("cli.opt_lang"),
)
def main() -> None:
    pass


# ---------------------------------------------------------------- reading (inspect, demo)


@main.command("demo", help=help_text("demo.help"))
@click.option(
    "--samples",
    "samples",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help=help_text("demo.opt_samples"),
)
@click.option(
    "--keep",
    "keep",
    metavar="DIR",
    type=click.Path(path_type=str),
    default=None,
    help=help_text("demo.opt_keep"),
)
@click.option("--mirror", metavar="URL", default=None, help=help_text("demo.opt_mirror"))
def demo_command(samples: str | None, keep: str | None, mirror: str | None) -> None:
    from demat.demo import run_pipeline

    def note(text: str) -> None:
        if sys.stderr.isatty():  # a clerk at a terminal sees it; cron stays quiet
            click.echo("\r\033[K" + text[:100], err=True, nl=False)

    outcome = run_pipeline(samples, echo=click.echo, note=note, keep=keep, mirror=mirror)
    sys.exit(EXIT_OK if outcome.ok else EXIT_REJECTED)


@main.command("inspect", help=help_text("read.inspect.help"))
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help=help_text("read.inspect.opt_json"))
def inspect_cmd(file: str, as_json: bool) -> None:
    import json

    from invoices.errors import InputError
    from invoices.reading import read_document
    from invoices.reading import summary as read_summary

    try:
        result = read_document(file)
    except InputError as exc:
        click.echo(exc.message(), err=True)
        sys.exit(EXIT_REJECTED)
    if as_json:
        click.echo(json.dumps(read_summary.as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(read_summary.summary_lines(result)))


# ---------------------------------------------------------------- validation


@main.group("artefacts", help=help_text("validate.cli_artefacts_help"))
def artefacts_group() -> None:
    pass


@artefacts_group.command("fetch", help=help_text("validate.cli_fetch_help"))
@click.option("--mirror", metavar="URL", help=help_text("validate.cli_mirror_help"))
def artefacts_fetch_cmd(mirror: str | None) -> None:
    from demat.artefacts_fetch import fetch
    from schemas.catalogue import cen_urls

    urls = cen_urls(mirror)
    for url in urls.values():
        click.echo(t("validate.fetching", url=url), err=True)
    done = fetch(urls)
    click.echo(t("validate.installed", count=done.files, path=done.target))


@artefacts_group.command("install", help=help_text("validate.cli_install_help"))
@click.argument("folder", type=click.Path(file_okay=False))
def artefacts_install_cmd(folder: str) -> None:
    from demat.artefacts_fetch import install_from_folder

    done = install_from_folder(folder)
    click.echo(t("validate.installed", count=done.files, path=done.target))


@artefacts_group.command("list", help=help_text("validate.cli_list_help"))
def artefacts_list_cmd() -> None:
    from invoices import artefacts as catalogue
    from invoices.validation.plan import usage

    click.echo(
        t(
            "validate.list_header",
            facturx=catalogue.facturx_installed_version() or "-",
            pinned=catalogue.FACTURX_VERSION,
            path=catalogue.cen_root(),
        )
    )
    uses = usage()
    missing = False
    for key, artefact in catalogue.ARTEFACTS.items():
        status = catalogue.status(key)
        missing = missing or status != "ok"
        click.echo(
            t(
                "validate.list_row",
                key=key,
                status=t(f"validate.status_{status}"),
                version=artefact.version,
                layers="; ".join(uses.get(key, [])),
            )
        )
    if missing:
        click.echo(t("validate.list_fix"))
        sys.exit(EXIT_ENV)


#: What ``demat validate`` picks up when walking a folder (a file named on the
#: command line is always taken, whatever its name).


def _invoice_files(paths: tuple[str, ...]) -> list[str]:
    """The files to validate (:func:`invoices.files.iter_files`); a missing path or a
    folder with no document is a usage error (exit 2), not a silently shorter report."""
    import os

    from invoices.files import iter_files

    files: list[str] = []
    for raw in paths:
        if not os.path.exists(raw):
            raise SetupError("validate_out.path_not_found", file=raw)
        found = [str(path) for path in iter_files([raw], invoices_only=True)]
        if not found:
            raise SetupError("validate_out.no_documents", file=raw)
        files.extend(found)
    return files


@main.command("validate", help=help_text("validate_out.help"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "html"]),
    default="text",
    show_default=True,
    help=help_text("validate_out.opt_format"),
)
@click.option("--fr", is_flag=True, help=help_text("validate_out.opt_fr"))
@click.option("--chorus", is_flag=True, help=help_text("validate_out.opt_chorus"))
@click.option(
    "--structures",
    "structures_file",
    envvar="DEMAT_STRUCTURES",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("validate_out.opt_structures"),
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help=help_text("validate_out.opt_jobs"),
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("validate_out.opt_output"),
)
@click.pass_context
def validate_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    fr: bool,
    chorus: bool,
    structures_file: str | None,
    jobs: int,
    output: str | None,
) -> None:
    from click.core import ParameterSource

    from invoices.errors import DematError
    from invoices.validation.output import render
    from invoices.validation.run import validate_many
    from invoices.validation.structures import Structures, configured

    files = _invoice_files(paths)
    if ctx.get_parameter_source("structures_file") is ParameterSource.COMMANDLINE:
        chorus = True  # naming a structures file on the command line asks for the layer
    structures = None
    if chorus:  # load before any work: a broken file is exit 2, not a finding per invoice
        structures = Structures.load(structures_file) if structures_file else configured()
    reports = validate_many(files, jobs=jobs, fr=fr, chorus=chorus, structures=structures)
    try:
        if len(files) > 1 and sys.stderr.isatty():
            with click.progressbar(
                reports, length=len(files), file=sys.stderr, label=t("validate_out.progress")
            ) as bar:
                collected = list(bar)
        else:
            collected = list(reports)
    except DematError:
        raise
    except Exception as exc:  # an engine bug: a message and exit 2, never a traceback
        click.echo(t("cli.internal_error", reason=f"{type(exc).__name__}: {exc}"), err=True)
        ctx.exit(EXIT_ENV)
    if output:
        text = render(collected, fmt)
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise SetupError(
                "validate_out.output_unwritable", file=output, reason=exc.strerror or str(exc)
            ) from None
        from invoices.validation.output.common import summary

        click.echo(summary(collected))
        click.echo(t("validate_out.written", file=output))
    else:
        click.echo(render(collected, fmt, color=fmt == "text" and sys.stdout.isatty()), nl=False)
    ctx.exit(EXIT_OK if all(report.valid for report in collected) else EXIT_REJECTED)


# ---------------------------------------------------------------- storage and audit

_db_option = click.option(
    "--db", "db_url", envvar="DEMAT_DB", metavar="URL", help=help_text("store.opt_db")
)


def _open_store(db_url: str | None) -> object:
    from invoices.store import open_store

    return open_store(db_url)


@main.command("ingest", help=help_text("store.help_ingest"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@_db_option
@click.option("--fr", is_flag=True, help=help_text("store.opt_fr"))
@click.option("--chorus", is_flag=True, help=help_text("store.opt_chorus"))
@click.option(
    "--structures",
    envvar="DEMAT_STRUCTURES",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=str),
    help=help_text("store.opt_structures"),
)
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    db_url: str | None,
    fr: bool,
    chorus: bool,
    structures: str | None,
    as_json: bool,
) -> None:
    import json as _json
    from collections import Counter

    from click.core import ParameterSource

    from invoices.pipeline import OutcomeKind, ingest

    if ctx.get_parameter_source("structures") is ParameterSource.COMMANDLINE:
        chorus = True  # as for `demat validate`: naming the file asks for the Chorus layer
    loaded = None
    if chorus:  # loaded before any work: a broken file is exit 2, not a refusal per file
        from invoices.validation.structures import Structures, configured

        loaded = Structures.load(structures) if structures else configured()
    tty = sys.stderr.isatty()

    def progress(count: int, file: str) -> None:
        click.echo(
            "\r\033[K" + t("store.progress", count=count, file=file)[-100:], err=True, nl=False
        )

    counts: Counter[OutcomeKind] = Counter()
    refused = 0
    with _open_store(db_url) as store:  # type: ignore[attr-defined]
        for outcome in ingest(
            paths,
            store=store,
            fr=fr,
            chorus=chorus,
            structures=loaded,
            source="cli",
            progress=progress if tty else None,
        ):
            counts[outcome.kind] += 1
            refused += outcome.refused
            if tty:
                click.echo("\r\033[K", err=True, nl=False)
            click.echo(
                _json.dumps(outcome.to_json(), ensure_ascii=False)
                if as_json
                else outcome.message().rstrip()
            )
    if not as_json:
        click.echo(
            t(
                "store.summary",
                total=sum(counts.values()),
                **{k.value: counts[k] for k in OutcomeKind},
            ),
            err=True,
        )
    sys.exit(EXIT_REJECTED if refused else EXIT_OK)


@main.command("list", help=help_text("store.help_list"))
@_db_option
@click.option("--status", "statuses", multiple=True, help=help_text("store.opt_status"))
@click.option("--limit", type=click.IntRange(min=1), help=help_text("store.opt_limit"))
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def list_cmd(
    db_url: str | None, statuses: tuple[str, ...], limit: int | None, as_json: bool
) -> None:
    import json as _json

    from invoices.store import records
    from invoices.store.views import list_text

    with _open_store(db_url) as store, store.read() as session:  # type: ignore[attr-defined]
        items = records.list_items(session, statuses=statuses, limit=limit)
    click.echo(
        _json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1)
        if as_json
        else list_text(items)
    )


@main.command("show", help=help_text("store.help_show"))
@click.argument("document_id", type=int)
@_db_option
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def show_cmd(document_id: int, db_url: str | None, as_json: bool) -> None:
    import json as _json

    from invoices.store.views import document_text, document_view

    with _open_store(db_url) as store, store.read() as session:  # type: ignore[attr-defined]
        view = document_view(session, document_id)
    if view is None:
        click.echo(t("store.not_found", id=document_id), err=True)
        sys.exit(EXIT_ENV)
    if as_json:
        view["history"] = [{**r, "details": _json.loads(r["details"])} for r in view["history"]]
        click.echo(_json.dumps(view, ensure_ascii=False, indent=1))
    else:
        click.echo(document_text(view))


@main.group("audit", help=help_text("store.help_audit"))
def audit_group() -> None:
    pass


@audit_group.command("verify", help=help_text("store.help_audit_verify"))
@_db_option
@click.option(
    "--export", "export_file", type=click.Path(dir_okay=False), help=help_text("store.opt_export")
)
def audit_verify_cmd(db_url: str | None, export_file: str | None) -> None:
    from invoices.store import audit
    from invoices.store.views import verdict_text

    if export_file:
        try:
            with open(export_file, encoding="utf-8") as lines:
                verdict = audit.verify_export(lines)
        except (OSError, UnicodeDecodeError) as exc:
            raise SetupError(
                "store.audit_export_unreadable", file=export_file, reason=str(exc)
            ) from exc
    else:
        with _open_store(db_url) as store, store.read() as session:  # type: ignore[attr-defined]
            verdict = audit.verify(session)
    click.echo(verdict_text(verdict), err=not verdict.ok)
    sys.exit(EXIT_OK if verdict.ok else EXIT_REJECTED)


def _parse_since(value: str | None) -> object:
    from datetime import UTC, datetime

    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise SetupError("store.bad_date", value=value) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@audit_group.command("log", help=help_text("store.help_audit_log"))
@_db_option
@click.option("--invoice", "invoice_id", type=int, help=help_text("store.opt_invoice"))
@click.option("--since", help=help_text("store.opt_since"))
@click.option("--json", "as_json", is_flag=True, help=help_text("store.opt_json"))
def audit_log_cmd(
    db_url: str | None, invoice_id: int | None, since: str | None, as_json: bool
) -> None:
    from invoices.store import audit
    from invoices.store.views import audit_json, audit_line

    moment = _parse_since(since)
    shown = 0
    with _open_store(db_url) as store, store.read() as session:  # type: ignore[attr-defined]
        for rec in audit.history(session, invoice_id=invoice_id, since=moment):  # type: ignore[arg-type]
            click.echo(audit_json(rec) if as_json else audit_line(rec))
            shown += 1
    if not shown and not as_json:
        click.echo(t("store.audit_empty"), err=True)


@audit_group.command("export", help=help_text("store.help_audit_export"))
@click.argument("file", type=click.Path(dir_okay=False))
@_db_option
def audit_export_cmd(file: str, db_url: str | None) -> None:
    with _open_store(db_url) as store:  # type: ignore[attr-defined]
        verdict = store.export_audit(file)
    click.echo(
        t(
            "store.audit_exported",
            count=verdict.count,
            file=file,
            seq=verdict.head_seq,
            hash=verdict.head_hash,
        )
    )


@main.group("db", help=help_text("store.help_db"))
def db_group() -> None:
    pass


@db_group.command("upgrade", help=help_text("store.help_db_upgrade"))
@_db_option
def db_upgrade_cmd(db_url: str | None) -> None:
    from invoices.store import db

    resolved = db.resolve_url(db_url)
    engine = db.make_engine(resolved)
    try:
        before, after = db.upgrade(engine)
        url = engine.url.render_as_string(hide_password=True)
    finally:
        engine.dispose()
    key = "store.up_to_date" if before == after else "store.upgraded"
    click.echo(t(key, url=url, before=before or "-", after=after or "-"))


# ---------------------------------------------------------------- Chorus Pro


def _chorus(store: object) -> object:
    from connectors.chorus.connector import ChorusConnector

    return ChorusConnector(store)  # type: ignore[arg-type]


def _document_error(exc: Exception) -> None:
    """A refused document or a platform "no" (not an environment problem): exit 1."""
    click.echo(exc.message(), err=True)  # type: ignore[attr-defined]
    sys.exit(EXIT_REJECTED)


@main.command("send", help=help_text("chorus.cli_send_help"))
@click.argument("targets", nargs=-1)
@click.option("--all", "send_all", is_flag=True, help=help_text("chorus.cli_all"))
@click.option("--dry-run", is_flag=True, help=help_text("chorus.cli_dry_run"))
@_db_option
def send_cmd(targets: tuple[str, ...], send_all: bool, dry_run: bool, db_url: str | None) -> None:
    from connectors.chorus import views
    from invoices.errors import DematError

    if not targets and not send_all:
        raise SetupError("chorus.cli_usage_send")
    failed = 0

    def show(result: object) -> None:
        nonlocal failed
        if tty:
            click.echo("\r\033[K", err=True, nl=False)
        for line in views.submit_lines(result, dry_run=dry_run):  # type: ignore[arg-type]
            click.echo(line)
        failed += views.failed(result) or any(f.fatal for f in result.findings)  # type: ignore[attr-defined]

    def refused(_invoice_id: int, exc: DematError) -> None:
        nonlocal failed
        click.echo(exc.message())
        failed += 1

    tty = sys.stderr.isatty()

    def progress(count: int, invoice_id: str) -> None:
        click.echo(
            "\r\033[K" + t("store.progress", count=f"{count}/{len(ids)}", file=invoice_id),
            err=True,
            nl=False,
        )

    with _open_store(db_url) as store:  # type: ignore[attr-defined]
        ids = [int(x) for x in targets if x.isdigit()]
        files = [x for x in targets if not x.isdigit()]
        if files:
            from invoices.pipeline import ingest

            for outcome in ingest(files, store=store, chorus=True, source="cli"):
                if outcome.document_id is None or outcome.valid is not True:
                    click.echo(outcome.message().rstrip())
                    failed += 1
                else:
                    ids.append(outcome.document_id)
        with _chorus(store) as connector:  # type: ignore[attr-defined]
            if send_all:
                ids += [i for i in connector.unsent() if i not in ids]
            if not ids:
                click.echo(t("chorus.cli_nothing"), err=True)
            try:
                connector.submit_many(
                    ids,
                    dry_run=dry_run,
                    on_result=show,
                    on_error=refused,
                    progress=progress if tty else None,
                )
            except DematError as exc:
                if isinstance(exc, SetupError):
                    raise
                _document_error(exc)
    sys.exit(EXIT_REJECTED if failed else EXIT_OK)


@main.command("status", help=help_text("chorus.cli_status_help"))
@click.argument("invoice_ids", nargs=-1, type=int)
@click.option("--refresh", is_flag=True, help=help_text("chorus.cli_refresh"))
@click.option("--json", "as_json", is_flag=True, help=help_text("chorus.cli_json"))
@_db_option
def status_cmd(
    invoice_ids: tuple[int, ...], refresh: bool, as_json: bool, db_url: str | None
) -> None:
    import json as _json

    from connectors.chorus import views
    from invoices.errors import DematError

    with _open_store(db_url) as store, _chorus(store) as connector:  # type: ignore[attr-defined]
        ids = list(invoice_ids) or connector.transmitted()
        try:
            items = [
                connector.follow(i, refresh=True) if refresh else connector.status_of(i)
                for i in ids
            ]
        except DematError as exc:
            if isinstance(exc, SetupError):
                raise
            _document_error(exc)
    if as_json:
        click.echo(_json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1))
        return
    for item in items:
        for line in views.status_lines(item):
            click.echo(line)


@main.command("receive", help=help_text("chorus.cli_receive_help"))
@click.option("--json", "as_json", is_flag=True, help=help_text("chorus.cli_json"))
@_db_option
def receive_cmd(as_json: bool, db_url: str | None) -> None:
    import json as _json

    from connectors.chorus import views
    from invoices.errors import DematError

    tty = sys.stderr.isatty()

    def progress(count: int, number: str) -> None:
        click.echo(
            "\r\033[K" + t("store.progress", count=count, file=number)[-100:], err=True, nl=False
        )

    with _open_store(db_url) as store, _chorus(store) as connector:  # type: ignore[attr-defined]
        try:
            result = connector.fetch_received(progress=progress if tty else None)
        except DematError as exc:
            if isinstance(exc, SetupError):
                raise
            _document_error(exc)
    if tty:
        click.echo("\r\033[K", err=True, nl=False)
    if as_json:
        click.echo(_json.dumps(views.receive_json(result), ensure_ascii=False, indent=1))
    else:
        for line in views.receive_lines(result):
            click.echo(line)
        click.echo(
            t("chorus.cli_received", count=len(result.received), known=result.already_known),
            err=True,
        )
    bad = result.errors or any(r.valid is False for r in result.received)
    sys.exit(EXIT_REJECTED if bad else EXIT_OK)


@main.command("set-status", help=help_text("chorus.cli_set_status_help"))
@click.argument("document_id", type=int)
@click.argument("status")
@click.option("--motif", help=help_text("chorus.cli_motif"))
@click.option("--mandat", "mandate", help=help_text("chorus.cli_mandat"))
@_db_option
def set_status_cmd(
    document_id: int, status: str, motif: str | None, mandate: str | None, db_url: str | None
) -> None:
    from invoices.errors import DematError

    with _open_store(db_url) as store, _chorus(store) as connector:  # type: ignore[attr-defined]
        try:
            decision = connector.set_status(document_id, status, motif=motif, mandate=mandate)
        except DematError as exc:
            if isinstance(exc, SetupError):
                raise
            _document_error(exc)
    click.echo(
        t(
            "chorus.cli_status_set",
            number=decision.number,
            id=decision.remote_id,
            status=decision.status,
        )
    )


@main.command("config", help=help_text("chorus.cli_config_help"))
def config_cmd() -> None:
    from connectors.chorus.config import config_path, load_config

    config = load_config()
    click.echo(f"# {config_path()}")
    for name, value in config.shown().items():
        click.echo(
            t(
                "chorus.cli_config_line",
                name=name,
                value=value or "-",
                origin=config.origins.get(name, "default"),
            )
        )


@main.group("emulator", help=help_text("emulator.cli_group_help"))
def emulator_group() -> None:
    pass


@emulator_group.command("serve", help=help_text("emulator.cli_serve_help"))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8090,
    show_default=True,
    help=help_text("emulator.opt_port"),
)
@click.option(
    "--seed",
    "seed_file",
    type=click.Path(dir_okay=False),
    default=None,
    help=help_text("emulator.opt_seed"),
)
@click.option(
    "--token-ttl", type=click.IntRange(1), default=None, help=help_text("emulator.opt_token_ttl")
)
@click.option(
    "--clock-scale",
    type=click.FloatRange(0),
    default=None,
    help=help_text("emulator.opt_clock_scale"),
)
def emulator_serve_cmd(
    port: int, seed_file: str | None, token_ttl: int | None, clock_scale: float | None
) -> None:
    import shlex

    from emulators.chorus import Emulator, SeedError

    settings: dict[str, object] = {}
    if token_ttl is not None:
        settings["token_expires_in"] = token_ttl
    if clock_scale is not None:
        settings["clock_scale"] = clock_scale
    try:
        emulator = Emulator.start(port=port, seed=seed_file, config=settings)
    except SeedError as exc:
        raise SetupError("emulator.seed_invalid", file=seed_file, reason=str(exc)) from None
    except OSError as exc:
        raise SetupError(
            "emulator.port_unavailable", port=port, reason=exc.strerror or str(exc)
        ) from None
    click.echo(t("emulator.listening", url=emulator.base_url), err=True)
    for name, value in emulator.env().items():
        click.echo(f"export {name}={shlex.quote(value)}")
    click.echo(t("emulator.stop_hint"), err=True)
    emulator.serve_until_interrupted()
    click.echo(t("emulator.stopped"), err=True)


if __name__ == "__main__":
    sys.exit(main())
