"""``demat emulator serve``: the local Chorus Pro emulator, for tests, demos and training."""

from __future__ import annotations

import click

from demat.cli.command import DematGroup
from invoices.errors import SetupError
from invoices.i18n import help_text, t


@click.group("emulator", cls=DematGroup, help=help_text("emulator.cli_group_help"))
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
@click.option("--tdt", is_flag=True, help=help_text("tdt.opt_serve_tdt"))
def emulator_serve_cmd(
    port: int, seed_file: str | None, token_ttl: int | None, clock_scale: float | None, tdt: bool
) -> None:
    """Serve until Ctrl-C; the ``export`` lines on stdout point ``demat`` at it."""
    import shlex

    if tdt:
        from demat.cli.pes import serve_tdt_emulator

        serve_tdt_emulator(port, clock_scale)
        return

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
