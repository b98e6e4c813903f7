"""The caller's side of the XSLT workers: start, talk to, time out, kill and restart them.

Official stylesheets run in a persistent worker process (:mod:`invoices.validate.worker`)
that stays warm between documents.  Everything that can go wrong there -- a Saxon
dynamic error, a run-away document, a crash of the native engine, a worker killed
by the OS -- comes back here as an :class:`Outcome` with a failure kind, which the
layers turn into a fatal technical finding: a document is never declared valid
because its checks did not run.  After a timeout or a crash the worker is replaced
on the next request; the caller never sees an exception.

Workers are fresh interpreters (``python -m invoices.validate.worker``) talking over
a socket pair: never a fork of the caller (forking a process that may already hold
native threads is not safe), and unlike multiprocessing's ``spawn`` it does not re-run
the caller's main script, so a plain script using the library needs no
``if __name__ == "__main__"`` guard.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

#: Longest a single document may keep a worker busy (all its stylesheets together).
DEFAULT_TIMEOUT = 120.0
#: Time allowed for a fresh worker to start and answer (Saxon start-up included).
START_TIMEOUT = 60.0


class Failure:
    """Kinds of technical failure (also the suffix of the finding's rule id)."""

    ENGINE_ERROR = "ENGINE-ERROR"  # Saxon raised (XPTY0004, FORG0001, compile error...)
    TIMEOUT = "ENGINE-TIMEOUT"
    CRASH = "ENGINE-CRASH"  # the worker died (native crash, SIGKILL, out of memory)
    START = "ENGINE-START"  # the worker could not be started


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one stylesheet on one document."""

    svrl: bytes | None = None
    failure: str | None = None
    code: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.failure is None


class Engine:
    """One worker process, used by one thread at a time (a lock makes sure of it)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        #: How many workers this engine has started (restarts included).
        self.starts = 0

    # -- lifecycle ---------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        # The worker imports this very package, wherever the caller found it.
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "invoices.validate.worker", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # never mixed into the caller's output (JSON...)
                close_fds=True, env=env)
        finally:
            theirs.close()
        self._process = process
        self._connection = Connection(ours.detach())
        self.starts += 1

    def _kill(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            if process.poll() is None:
                process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self.alive():
                with contextlib.suppress(OSError):
                    self._connection.send(("stop",))
                assert self._process is not None
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._process.wait(5)
            self._kill()

    def ensure_started(self) -> None:
        """Start the worker now (instead of on the first document) and wait until it answers."""
        with self._lock:
            if not self.alive():
                self._kill()
                self._start()
            assert self._connection is not None
            try:
                self._connection.send(("ping",))
                if not self._connection.poll(START_TIMEOUT):
                    raise TimeoutError("no answer")
                self._connection.recv()
            except (OSError, EOFError) as exc:
                self._kill()
                raise RuntimeError(f"the XSLT worker did not start: {exc}") from None

    def stats(self) -> dict[str, object] | None:
        """What the live worker holds: pid, compiled stylesheets, peak memory; None if none."""
        with self._lock:
            if not self.alive() or self._connection is None:
                return None
            try:
                self._connection.send(("stats",))
                if not self._connection.poll(START_TIMEOUT):
                    return None
                reply = self._connection.recv()
            except (OSError, EOFError):
                return None
            return dict(reply[1])

    @contextlib.contextmanager
    def lease(self) -> Iterator[Engine]:
        """An engine is its own lender (see :class:`Lender`)."""
        yield self

    # -- work --------------------------------------------------------------------
    def run(self, stylesheets: Sequence[Path | tuple[Path, Path | None]], xml_text: str
            ) -> list[Outcome]:
        """Run each stylesheet on the document; one outcome per stylesheet, never raises.

        A stylesheet may come with its priming document (see :mod:`.worker`), run
        right after the stylesheet is compiled.
        """
        with self.running(stylesheets, xml_text) as outcomes:
            return outcomes()

    @contextlib.contextmanager
    def running(self, stylesheets: Sequence[Path | tuple[Path, Path | None]], xml_text: str
                ) -> Iterator[Callable[[], list[Outcome]]]:
        """Send the document now, collect the outcomes later: the caller works meanwhile.

        Inside the block the engine is reserved; calling the yielded function waits
        for the outcomes (within the timeout).  Leaving the block without calling it
        still collects the reply, so the next document never reads a stale one.
        """
        paths = [(str(p[0]), str(p[1]) if p[1] else None) if isinstance(p, tuple)
                 else (str(p), None) for p in stylesheets]
        with self._lock:
            state: dict[str, list[Outcome] | None] = {"outcomes": self._send(paths, xml_text)}

            def outcomes() -> list[Outcome]:
                if state["outcomes"] is None:
                    state["outcomes"] = self._receive(len(paths))
                return state["outcomes"]

            try:
                yield outcomes
            finally:
                outcomes()

    def _send(self, paths: list[tuple[str, str | None]], xml_text: str
              ) -> list[Outcome] | None:
        """Send a request (starting the worker if needed); outcomes only on failure."""
        try:
            if not self.alive():
                self._kill()
                self._start()
            assert self._connection is not None
            self._connection.send(("run", paths, xml_text))
        except Exception as exc:  # could not start or reach the worker
            self._kill()
            return [Outcome(failure=Failure.START, detail=str(exc))] * len(paths)
        return None

    def _receive(self, count: int) -> list[Outcome]:
        connection = self._connection
        if connection is None:
            return [Outcome(failure=Failure.CRASH, detail="no worker")] * count
        try:
            ready = connection.poll(self.timeout)
        except (EOFError, OSError):
            ready = True  # recv below reports the crash
        if not ready:
            self._kill()
            return [Outcome(failure=Failure.TIMEOUT, detail=f"{self.timeout:g} s")] * count
        try:
            reply = connection.recv()
        except (EOFError, OSError):
            exitcode = None
            if self._process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    exitcode = self._process.wait(5)
            self._kill()
            return [Outcome(failure=Failure.CRASH, detail=f"exit code {exitcode}")] * count
        outcomes: list[Outcome] = []
        for status, payload in reply[1]:
            if status == "svrl":
                outcomes.append(Outcome(svrl=payload))
            else:
                code, message = payload
                outcomes.append(Outcome(failure=Failure.ENGINE_ERROR, code=code,
                                        detail=message))
        return outcomes


class EnginePool:
    """Warm engines kept for the life of the process, handed out one per thread."""

    @contextlib.contextmanager
    def lease(self, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Engine]:
        engine = self.acquire(timeout)
        try:
            yield engine
        finally:
            self.release(engine)

    def __init__(self) -> None:
        self._free: list[Engine] = []
        self._all: list[Engine] = []
        self._lock = threading.Lock()

    def acquire(self, timeout: float = DEFAULT_TIMEOUT) -> Engine:
        with self._lock:
            engine = self._free.pop() if self._free else None
            if engine is None:
                engine = Engine(timeout)
                self._all.append(engine)
        engine.timeout = timeout
        return engine

    def release(self, engine: Engine) -> None:
        with self._lock:
            self._free.append(engine)

    def engines(self) -> list[Engine]:
        with self._lock:
            return list(self._all)

    def close(self) -> None:
        with self._lock:
            engines, self._all, self._free = self._all, [], []
        for engine in engines:
            engine.close()


class Lender:
    """At most ``size`` engines of a pool, shared by more threads than engines.

    A batch keeps its workers busy by letting the next documents be read, parsed
    and XSD-checked in the caller while the worker runs the stylesheets of the
    current one: threads only hold an engine for the stylesheet step.
    """

    def __init__(self, pool: EnginePool, size: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.pool = pool
        self._free: queue.Queue[Engine] = queue.Queue()
        self._taken = [pool.acquire(timeout) for _ in range(max(1, size))]
        for engine in self._taken:
            self._free.put(engine)

    @contextlib.contextmanager
    def lease(self) -> Iterator[Engine]:
        engine = self._free.get()
        try:
            yield engine
        finally:
            self._free.put(engine)

    def close(self) -> None:
        for engine in self._taken:
            self.pool.release(engine)
        self._taken = []


#: The process-wide pool used by :mod:`invoices.validate.run`.
POOL = EnginePool()
atexit.register(POOL.close)
