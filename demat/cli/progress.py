"""One-line progress notes on stderr, for a clerk at a terminal; cron and pipes stay quiet."""

from __future__ import annotations

import sys

import click

#: Back to the start of the line and erase it.
_ERASE = "\r\033[K"


def on_terminal() -> bool:
    """Whether progress notes are shown (stderr is a terminal)."""
    return sys.stderr.isatty()


def show_note(text: str) -> None:
    """Replace the current progress note with ``text`` (the caller keeps it short)."""
    click.echo(_ERASE + text, err=True, nl=False)


def clear_note() -> None:
    """Erase the progress note before a result line is printed."""
    click.echo(_ERASE, err=True, nl=False)
