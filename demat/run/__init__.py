"""The nightly run (``demat run``): receive, inbox, send, follow, report, in one command
a cron job can chain on (exit 0 / 1 / 2), resumable after a kill at any point."""

from demat.run.lock import LockHeld
from demat.run.night import run_night
from demat.run.report import RunReport
from demat.run.settings import STEPS, RunSettings, load_settings

__all__ = ["STEPS", "LockHeld", "RunReport", "RunSettings", "load_settings", "run_night"]
