"""One run at a time per database: a row in ``run_locks``, not a file.

A row holds across machines that share one PostgreSQL server, where a lock file
would not.  Taking it is an INSERT (the primary key lets only one succeed); a
stale row is taken over by a compare-and-swap on its token, and only when its
holder is provably gone: a process that no longer exists on this very host, or
a holder (any host) whose heartbeat is older than the timeout.  A live holder's
lock is never taken, however old its start.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from invoices.errors import SetupError
from invoices.store import Store
from invoices.store.tables import RunLock, utcnow

NAME = "nightly"


class LockHeld(SetupError):
    """Another run holds the lock: this one must not start (exit 2)."""


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started_at: datetime
    heartbeat_at: datetime


def _alive_here(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def is_stale(holder: Holder, *, timeout: float, now: datetime, host: str) -> bool:
    """Whether the holder is provably gone (see the module's docstring)."""
    if holder.host == host and not _alive_here(holder.pid):
        return True
    return now - holder.heartbeat_at > timedelta(seconds=timeout)


class RunLockGuard:
    """The lock, held from :meth:`acquire` to :meth:`release`, with a heartbeat thread."""

    def __init__(self, store: Store, *, timeout: float, beat: float | None = None) -> None:
        self.store = store
        self.timeout = timeout
        self.beat = beat if beat is not None else max(min(timeout / 4, 30.0), 0.1)
        self.token = secrets.token_hex(16)
        self.host = socket.gethostname()
        self.taken_over: Holder | None = None
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`LockHeld` naming the holder."""
        now = utcnow()
        row = RunLock(
            name=NAME,
            token=self.token,
            pid=os.getpid(),
            host=self.host,
            started_at=now,
            heartbeat_at=now,
        )
        try:
            with self.store.write() as session:
                session.add(row)
                session.flush()
        except IntegrityError:
            self._take_over(now)
        self._thread = threading.Thread(target=self._heartbeat, name="run-lock", daemon=True)
        self._thread.start()

    def _take_over(self, now: datetime) -> None:
        with self.store.write() as session:
            held = session.scalars(select(RunLock).where(RunLock.name == NAME)).one_or_none()
            if held is None:  # released in between: take it normally
                session.add(
                    RunLock(
                        name=NAME,
                        token=self.token,
                        pid=os.getpid(),
                        host=self.host,
                        started_at=now,
                        heartbeat_at=now,
                    )
                )
                return
            holder = Holder(held.pid, held.host, held.started_at, held.heartbeat_at)
            if not is_stale(holder, timeout=self.timeout, now=now, host=self.host):
                raise LockHeld(
                    "run.lock_held",
                    pid=holder.pid,
                    host=holder.host,
                    since=holder.started_at.isoformat(timespec="seconds"),
                )
            swapped = session.execute(
                update(RunLock)
                .where(RunLock.name == NAME, RunLock.token == held.token)
                .values(
                    token=self.token,
                    pid=os.getpid(),
                    host=self.host,
                    started_at=now,
                    heartbeat_at=now,
                )
            )
            if swapped.rowcount != 1:  # type: ignore[attr-defined]
                raise LockHeld("run.lock_raced")
            self.taken_over = holder

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.beat):
            try:
                with self.store.write() as session:
                    beat = session.execute(
                        update(RunLock)
                        .where(RunLock.name == NAME, RunLock.token == self.token)
                        .values(heartbeat_at=utcnow())
                    )
            except Exception:  # a missed beat is retried; the run goes on
                continue
            if beat.rowcount == 0:  # type: ignore[attr-defined]
                self._lost.set()
                return

    def ensure(self) -> None:
        """Raise :class:`LockHeld` if another run took the lock over (this one was
        silent past the timeout): two runs must never work at once."""
        if self._lost.is_set():
            raise LockHeld("run.lock_lost")

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self.store.write() as session:
            session.execute(
                delete(RunLock).where(RunLock.name == NAME, RunLock.token == self.token)
            )
