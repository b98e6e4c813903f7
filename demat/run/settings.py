"""What a night's run works on: the ``[run]`` table of ``config.toml``, then the options.

The archive and rejected folders default to folders *beside* the (first) inbox,
never inside it: a folder inside the inbox would be ingested again every night.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invoices.errors import SetupError
from invoices.paths import data_dir

#: The steps, in the order they run.
STEPS = ("receive", "inbox", "send", "follow", "report")

_KNOWN = {"inbox", "archive", "rejected", "steps", "report", "settle", "lock_timeout", "anchors"}


@dataclass(frozen=True)
class RunSettings:
    inboxes: tuple[Path, ...] = ()
    archive: Path | None = None
    rejected: Path | None = None
    steps: tuple[str, ...] = STEPS
    report_html: Path | None = None
    #: Seconds a file's size and date must stay unchanged before it is taken.
    settle: float = 1.0
    #: Seconds without a heartbeat after which another host's lock is stale.
    lock_timeout: float = 600.0
    #: Where each run appends its audit chain anchor (outside the database).
    anchors: Path | None = None

    @property
    def anchors_file(self) -> Path:
        return self.anchors or data_dir() / "run-anchors.jsonl"

    @property
    def archive_dir(self) -> Path:
        return self.archive or _beside(self.inboxes, "archive")

    @property
    def rejected_dir(self) -> Path:
        return self.rejected or _beside(self.inboxes, "rejected")


def _beside(inboxes: Sequence[Path], name: str) -> Path:
    if not inboxes:
        raise SetupError("run.no_inbox")
    return inboxes[0].absolute().parent / name


def parse_steps(text: str | Sequence[str], origin: str) -> tuple[str, ...]:
    """``"inbox,send"`` (or a list) as steps in the run's order; an unknown one is exit 2."""
    names = text.split(",") if isinstance(text, str) else list(text)
    chosen = {str(n).strip() for n in names if str(n).strip()}
    unknown = sorted(chosen - set(STEPS))
    if unknown or not chosen:
        raise SetupError("run.bad_steps", origin=origin, steps=", ".join(unknown) or "-")
    return tuple(s for s in STEPS if s in chosen)


def read_table(path: Path) -> dict[str, Any]:
    """The ``[run]`` table of the configuration file (empty when there is no file)."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SetupError("run.config_invalid", file=str(path), reason=str(exc)) from None
    table = data.get("run", {})
    if not isinstance(table, dict):
        raise SetupError("run.config_invalid", file=str(path), reason="[run] must be a table")
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise SetupError(
            "run.config_invalid", file=str(path), reason="unknown keys: " + ", ".join(unknown)
        )
    return table


def _paths(value: Any, origin: str, name: str) -> tuple[Path, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise SetupError("run.config_invalid", file=origin, reason=f"{name}: a path or a list")
    return tuple(Path(i).expanduser() for i in items)


def _seconds(value: Any, origin: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise SetupError("run.config_invalid", file=origin, reason=f"{name}: a number >= 0")
    return float(value)


def load_settings(path: Path, options: Mapping[str, Any]) -> RunSettings:
    """The file's ``[run]`` table, with the options given (not ``None``) overriding it."""
    table = read_table(path)
    origin = str(path)
    inboxes = _paths(table.get("inbox", []), origin, "inbox")
    archive = _paths(table["archive"], origin, "archive")[0] if "archive" in table else None
    rejected = _paths(table["rejected"], origin, "rejected")[0] if "rejected" in table else None
    report = _paths(table["report"], origin, "report")[0] if "report" in table else None
    anchors = _paths(table["anchors"], origin, "anchors")[0] if "anchors" in table else None
    steps = parse_steps(table["steps"], origin) if "steps" in table else STEPS
    settle = _seconds(table.get("settle", 1.0), origin, "settle")
    timeout = _seconds(table.get("lock_timeout", 600.0), origin, "lock_timeout")

    if options.get("inboxes"):
        inboxes = tuple(Path(p) for p in options["inboxes"])
    if options.get("archive"):
        archive = Path(options["archive"])
    if options.get("rejected"):
        rejected = Path(options["rejected"])
    if options.get("report_html"):
        report = Path(options["report_html"])
    if options.get("steps"):
        steps = parse_steps(options["steps"], "--steps")
    if "inbox" in steps and not inboxes:
        raise SetupError("run.no_inbox")
    return RunSettings(
        inboxes=inboxes,
        archive=archive,
        rejected=rejected,
        steps=steps,
        report_html=report,
        settle=settle,
        lock_timeout=timeout,
        anchors=anchors,
    )
