"""The caller's side of the XSLT workers: start, talk to, time out, kill and restart them.

Official stylesheets run in a persistent worker process (:mod:`invoices.validation.engine.worker`)
that stays warm between documents.  Everything that can go wrong there -- a Saxon
dynamic error, a run-away document, a crash of the native engine, a worker killed
by the OS -- comes back here as an :class:`Outcome` with a failure kind, which the
layers turn into a fatal technical finding: a document is never declared valid
because its checks did not run.  After a timeout or a crash the worker is replaced
on the next request; the caller never sees an exception.

Workers are fresh interpreters (``python -m invoices.validation.engine.worker``) talking over
a socket pair: never a fork of the caller (forking a process that may already hold
native threads is not safe), and unlike multiprocessing's ``spawn`` it does not re-run
the caller's main script, so a plain script using the library needs no
``if __name__ == "__main__"`` guard.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import queue
import socket
import subprocess
import sys
import threading
import time
from collections import deque
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


#: Requests one worker holds at once: the document it runs and the next one, sent ahead.
#: Without it the worker waits, between two documents, for a caller thread to wake up,
#: take the GIL (held for milliseconds by the threads reading the next files), read the
#: reply and send the next document: measured, 10-15% of a batch's time.
PIPELINE_DEPTH = 2
#: Socket buffer asked for on our side (the kernel may give less: ``net.core.wmem_max``).
SEND_BUFFER = 1 << 20


class _Request:
    """One document sent to the worker, until its reply is read."""

    __slots__ = ("count", "message", "outcomes", "sent")

    def __init__(self, paths: list[tuple[str, str | None]], xml_text: str) -> None:
        # Pickled here, by the calling thread, not while the engine's lock is held.
        self.message = pickle.dumps(("run", paths, xml_text), pickle.HIGHEST_PROTOCOL)
        self.count = len(paths)
        self.outcomes: list[Outcome] | None = None
        self.sent = 0.0


class Engine:
    """One worker process, shared by the threads of a batch.

    Requests reach the worker in order and their replies come back in the same order;
    up to :data:`PIPELINE_DEPTH` are in flight, so the worker always has its next
    document at hand.  Whichever waiting thread is first reads the next reply and hands
    it to the request it belongs to.  A timeout or a crash is the failure of the
    request the worker was running (the first in flight): the requests behind it had
    not started, and are sent again to a fresh worker.
    """

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        #: Requests sent whose reply is not read yet, in the order the worker takes them.
        self._queue: deque[_Request] = deque()
        #: A thread is reading a reply (without holding the lock).
        self._reading = False
        #: When the worker got to the first request of the queue (its timeout starts there).
        self._head_since = 0.0
        #: Largest request sent ahead (bytes).  It waits in the socket buffer until the
        #: worker is done with the current document, so it must fit there: sending it
        #: must never block on a busy worker.  A larger document waits until the worker
        #: is idle -- it runs long enough for that wait not to matter.
        self._ahead_limit = 0
        #: How many workers this engine has started (restarts included).
        self.starts = 0

    # -- lifecycle ---------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def busy(self) -> bool:
        """Whether documents are in flight."""
        with self._lock:
            return bool(self._queue)

    def _idle(self) -> bool:
        return not self._queue and not self._reading

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        with contextlib.suppress(OSError):
            ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        self._ahead_limit = ours.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) // 2
        # The worker imports this very package, wherever the caller found it.
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "invoices.validation.engine.worker", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # never mixed into the caller's output (JSON...)
                close_fds=True,
                env=env,
            )
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
            self._changed.wait_for(self._idle)
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
            self._changed.wait_for(self._idle)
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
        """What the live worker holds: pid, compiled stylesheets, peak memory, time spent
        running documents; None if no worker is running."""
        with self._lock:
            self._changed.wait_for(self._idle)
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
    def run(
        self, stylesheets: Sequence[Path | tuple[Path, Path | None]], xml_text: str
    ) -> list[Outcome]:
        """Run each stylesheet on the document; one outcome per stylesheet, never raises.

        A stylesheet may come with its priming document (see :mod:`.worker`), run
        right after the stylesheet is compiled.
        """
        with self.running(stylesheets, xml_text) as outcomes:
            return outcomes()

    @contextlib.contextmanager
    def running(
        self, stylesheets: Sequence[Path | tuple[Path, Path | None]], xml_text: str
    ) -> Iterator[Callable[[], list[Outcome]]]:
        """Send the document now, collect the outcomes later: the caller works meanwhile.

        Calling the yielded function waits for the outcomes (within the timeout).
        Leaving the block without calling it still collects the reply, so a later
        document never reads a stale one.
        """
        paths = [
            (str(p[0]), str(p[1]) if p[1] else None) if isinstance(p, tuple) else (str(p), None)
            for p in stylesheets
        ]
        request = self._submit(_Request(paths, xml_text))
        try:
            yield lambda: self._collect(request)
        finally:
            self._collect(request)

    def _submit(self, request: _Request) -> _Request:
        with self._lock:
            while self._queue and (
                len(self._queue) >= PIPELINE_DEPTH or len(request.message) > self._ahead_limit
            ):
                self._changed.wait()
            if not self._queue:  # the worker is idle (or gone)
                self._send_first(request)
                return request
            # Sent ahead: the worker takes it as soon as it is done with the current one.
            request.sent = time.monotonic()
            self._queue.append(request)
            assert self._connection is not None
            with contextlib.suppress(OSError):
                # If the worker died meanwhile, whoever reads the reply of the request it
                # was running finds out, and sends this one again to a fresh worker.
                self._connection.send_bytes(request.message)
            return request

    def _send_first(self, request: _Request) -> None:
        """Send to an idle worker, starting one if needed (called with the lock held)."""
        try:
            if not self.alive():
                self._kill()
                self._start()
            assert self._connection is not None
            self._connection.send_bytes(request.message)
        except Exception as exc:  # could not start or reach the worker
            self._kill()
            request.outcomes = [Outcome(failure=Failure.START, detail=str(exc))] * request.count
            return
        request.sent = self._head_since = time.monotonic()
        self._queue.append(request)

    def _collect(self, request: _Request) -> list[Outcome]:
        with self._lock:
            while request.outcomes is None:
                if self._reading:  # another thread reads the next reply: wait for it
                    self._changed.wait()
                    continue
                head = self._queue[0]  # ``request`` is in the queue, so it is not empty
                connection = self._connection
                deadline = max(head.sent, self._head_since) + self.timeout
                self._reading = True
                self._lock.release()
                try:
                    reply = _read_reply(connection, deadline)
                finally:
                    self._lock.acquire()
                    self._reading = False
                self._settle(head, reply)
                self._changed.notify_all()
            return request.outcomes

    def _settle(self, head: _Request, reply: tuple[str, object]) -> None:
        """Give ``head`` its outcomes (called with the lock held)."""
        assert self._queue and self._queue[0] is head
        self._queue.popleft()
        kind, payload = reply
        if kind == "reply":
            head.outcomes = _outcomes(payload, head.count)
            self._head_since = time.monotonic()
            return
        if kind == "timeout":
            self._kill()
            failure = Outcome(failure=Failure.TIMEOUT, detail=f"{self.timeout:g} s")
        else:
            exitcode = None
            if self._process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    exitcode = self._process.wait(5)
            self._kill()
            failure = Outcome(failure=Failure.CRASH, detail=f"exit code {exitcode}")
        head.outcomes = [failure] * head.count
        # The requests behind it had not started: a fresh worker runs them.
        waiting = list(self._queue)
        self._queue.clear()
        for request in waiting:
            if not self._queue:
                self._send_first(request)
            else:
                request.sent = time.monotonic()
                self._queue.append(request)
                assert self._connection is not None
                with contextlib.suppress(OSError):
                    self._connection.send_bytes(request.message)


def _read_reply(connection: Connection | None, deadline: float) -> tuple[str, object]:
    """``("reply", message)``, ``("timeout", None)`` or ``("crash", None)``; never raises."""
    if connection is None:
        return ("crash", None)
    try:
        ready = connection.poll(max(0.0, deadline - time.monotonic()))
    except (EOFError, OSError):
        ready = True  # recv below reports the crash
    if not ready:
        return ("timeout", None)
    try:
        return ("reply", connection.recv())
    except (EOFError, OSError):
        return ("crash", None)


def _outcomes(reply: object, count: int) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for status, payload in reply[1]:  # type: ignore[index]
        if status == "svrl":
            outcomes.append(Outcome(svrl=payload))
        else:
            code, message = payload
            outcomes.append(Outcome(failure=Failure.ENGINE_ERROR, code=code, detail=message))
    if len(outcomes) != count:  # a protocol bug: never a silent pass
        return [
            Outcome(failure=Failure.ENGINE_ERROR, detail="reply does not match the request")
        ] * count
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
    current one: threads only hold an engine for the stylesheet step, and each
    engine is lent to :data:`PIPELINE_DEPTH` threads at once, so that the next
    document is already waiting in the worker when it finishes the current one.
    """

    def __init__(self, pool: EnginePool, size: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.pool = pool
        self._free: queue.Queue[Engine] = queue.Queue()
        self._taken = [pool.acquire(timeout) for _ in range(max(1, size))]
        for _ in range(PIPELINE_DEPTH):
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


#: The process-wide pool used by :mod:`invoices.validation.run`.
POOL = EnginePool()
atexit.register(POOL.close)
