"""The XSLT worker's technical failures: each one is a fatal finding, and the caller survives.

Failures are provoked for real: a stylesheet that never ends (timeout), SIGKILL sent
to the worker process while it works (crash), official stylesheets raising Saxon
dynamic errors on real corpus files (XPTY0004, FORG0001).  After each, the same
engine validates the next document.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from invoices.validation.engine import Engine, Failure, Outcome
from invoices.validation.layers.schematron import SchematronLayers, _Job
from invoices.validation.plan import plan_for
from invoices.validation.report import Layer, Report
from invoices.validation.run import validate
from schemas.catalogue import locate

# A stylesheet that never finishes: tail recursion that Saxon runs as a loop.
FOREVER = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:f="urn:forever">
  <xsl:function name="f:spin" as="xs:integer">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n lt 0) then $n else f:spin($n + 1)"/>
  </xsl:function>
  <xsl:template match="/"><out><xsl:value-of select="f:spin(0)"/></out></xsl:template>
</xsl:stylesheet>
"""

BASIC = "akretion-facturx/tests/fixtures/xml/factur-x-basic.xml"
XPTY0004 = "mustangproject/library/src/test/resources/line-total-4-decimals.xml"
FORG0001 = "horstoeko-zugferd/tests/assets/issues/xml_issue_206.xml"


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = Engine(timeout=60)
    yield engine
    engine.close()


@pytest.fixture
def forever(tmp_path: Path) -> Path:
    path = tmp_path / "forever.xsl"
    path.write_text(FOREVER, encoding="utf-8")
    return path


def _xml(corpus: Path, name: str) -> str:
    return etree.tostring(etree.parse(str(corpus / name)), encoding="unicode")


def _check_basic(engine: Engine, corpus: Path) -> None:
    """The engine still validates a real document correctly."""
    [outcome] = engine.run([locate("fx-basic")], _xml(corpus, BASIC))
    assert outcome.ok and outcome.svrl and b"schematron-output" in outcome.svrl


def test_a_run_away_document_times_out_and_the_worker_is_replaced(
    engine: Engine, forever: Path, corpus: Path
) -> None:
    engine.ensure_started()
    first_pid = engine.pid
    engine.timeout = 2
    [outcome] = engine.run([forever], "<doc/>")
    assert outcome.failure == Failure.TIMEOUT
    assert not outcome.ok
    assert not engine.alive()  # killed, not left spinning
    engine.timeout = 60
    _check_basic(engine, corpus)
    assert engine.pid != first_pid


def test_a_killed_worker_is_a_crash_and_the_next_document_validates(
    engine: Engine, forever: Path, corpus: Path
) -> None:
    engine.ensure_started()
    pid = engine.pid
    assert pid is not None
    outcomes: list[Outcome] = []
    runner = threading.Thread(target=lambda: outcomes.extend(engine.run([forever], "<doc/>")))
    runner.start()
    deadline = time.monotonic() + 30
    while not engine.busy() and time.monotonic() < deadline:  # the run has begun
        time.sleep(0.01)
    time.sleep(0.5)  # request sent; the stylesheet spins
    os.kill(pid, signal.SIGKILL)
    runner.join(60)
    assert not runner.is_alive()
    [outcome] = outcomes
    assert outcome.failure == Failure.CRASH
    assert "-9" in outcome.detail  # killed by signal 9
    _check_basic(engine, corpus)
    assert engine.pid != pid


def test_a_worker_killed_while_idle_is_restarted_transparently(
    engine: Engine, corpus: Path
) -> None:
    engine.ensure_started()
    pid = engine.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while engine.alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    _check_basic(engine, corpus)


@pytest.mark.parametrize(
    "failure", [Failure.CRASH, Failure.TIMEOUT, Failure.ENGINE_ERROR, Failure.START]
)
def test_every_technical_failure_is_a_fatal_finding(failure: str) -> None:
    report = Report(file="x.xml", sha256="0" * 64)
    plan = plan_for("ubl-invoice", "en16931")
    assert plan is not None
    SchematronLayers(plan, fr=False)._collect(
        report,
        _Job(Layer.EN16931, "cen-ubl", Path("EN16931-UBL-validation.xslt")),
        Outcome(failure=failure, code="XPTY0004", detail="boom"),
    )
    [finding] = report.findings
    assert finding.fatal and finding.rule == f"DEMAT-{failure}"
    assert "EN16931-UBL-validation.xslt" in finding.message
    assert Layer.EN16931 not in report.layers_run
    report.layers_run.append(Layer.SYNTAX)
    assert not report.valid
    # Only the document's own data can make the official rules fail with a verdict.
    caused_by_the_document = failure == Failure.ENGINE_ERROR
    assert report.checked is caused_by_the_document
    assert str(report.verdict) == ("invalid" if caused_by_the_document else "not-checked")


def test_saxon_type_error_in_an_official_stylesheet_is_fatal(artefacts: Path, corpus: Path) -> None:
    report = validate(corpus / XPTY0004)
    [technical] = [f for f in report.findings if f.rule == "DEMAT-ENGINE-ERROR"]
    assert technical.fatal and technical.layer is Layer.EN16931
    assert "XPTY0004" in technical.message
    assert "EN16931-CII-validation.xslt" in technical.message
    assert not report.valid


def test_saxon_conversion_error_in_brfr_is_fatal_only_when_brfr_is_asked(
    artefacts: Path, corpus: Path
) -> None:
    assert validate(corpus / FORG0001).valid  # official layers: valid (as the reference)
    report = validate(corpus / FORG0001, fr=True)
    [technical] = [f for f in report.findings if f.rule == "DEMAT-ENGINE-ERROR"]
    assert technical.layer is Layer.FR and "FORG0001" in technical.message
    assert not report.valid


def test_a_timeout_in_validate_is_a_fatal_finding_and_the_next_validates(
    artefacts: Path, corpus: Path
) -> None:
    # No worker can start, compile the EXTENDED stylesheet and run it in a millisecond.
    report = validate(
        corpus / "akretion-facturx/tests/fixtures/xml/factur-x-extended.xml", timeout=0.001
    )
    rules = [f.rule for f in report.findings if f.fatal]
    assert "DEMAT-ENGINE-TIMEOUT" in rules
    assert not report.valid
    assert validate(corpus / BASIC).valid


def test_a_single_validation_compiles_only_the_stylesheets_it_needs(
    engine: Engine, corpus: Path, artefacts: Path
) -> None:
    from invoices.reading import read_document
    from invoices.validation.run import check_document

    report = check_document(read_document(corpus / BASIC), engine=engine)
    assert report.valid
    stats = engine.stats()
    assert stats is not None
    assert [Path(p).name for p in stats["compiled"]] == ["Factur-X_1.09_BASIC.xsl"]
    check_document(read_document(corpus / BASIC), engine=engine, fr=True)
    stats = engine.stats()
    assert stats is not None
    assert sorted(Path(p).name for p in stats["compiled"]) == [
        "BR-FR-Flux2-Schematron-CII.xslt",
        "Factur-X_1.09_BASIC.xsl",
    ]


def test_the_worker_refuses_network_uris(engine: Engine, tmp_path: Path) -> None:
    """Saxon is confined to file: URIs; an http document() is an engine error, not a fetch."""
    sheet = tmp_path / "net.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><r><xsl:copy-of select="document(\'http://127.0.0.1:9/x\')"/>'
        "</r></xsl:template></xsl:stylesheet>",
        encoding="utf-8",
    )
    [outcome] = engine.run([sheet], "<doc/>")
    assert outcome.failure == Failure.ENGINE_ERROR
    assert "http" in outcome.detail.lower() or "protocol" in outcome.detail.lower()


DATA_001 = "facturx-cas-limites/cas/DATA-001/factur-x.xml"


@pytest.mark.parametrize("order", [(FORG0001, DATA_001), (DATA_001, FORG0001)])
def test_a_verdict_does_not_depend_on_what_the_worker_saw_before(
    order: tuple[str, str], corpus: Path
) -> None:
    """Saxon switches variables from lazy to eager after ten evaluations; the priming
    runs settle that before the first real document, so a fresh worker and a worker
    that validated thousands of files give the same answer."""
    from invoices.reading import read_document
    from invoices.validation.run import check_document

    expected = {FORG0001: "DEMAT-ENGINE-ERROR", DATA_001: "BR-FR-03_BT-2"}
    engine = Engine(timeout=60)
    try:
        for name in order:
            report = check_document(read_document(corpus / name), fr=True, engine=engine)
            fr_fatal = {f.rule for f in report.findings if f.fatal and f.layer is Layer.FR}
            assert expected[name] in fr_fatal, (name, fr_fatal)
    finally:
        engine.close()


def test_leaving_a_run_early_never_leaves_a_stale_reply(engine: Engine, corpus: Path) -> None:
    """The caller runs the XSD while the worker works; if it fails meanwhile, the reply
    is still collected, so the next document never reads the previous one's result."""
    with pytest.raises(RuntimeError), engine.running([locate("fx-basic")], _xml(corpus, BASIC)):
        raise RuntimeError("the caller failed while the worker was busy")
    ubl = _xml(corpus, "cen-en16931/ubl/examples/ubl-tc434-example1.xml")
    [outcome] = engine.run([locate("cen-ubl")], ubl)
    assert outcome.ok and outcome.svrl is not None
    assert b"Factur-X" not in outcome.svrl and b"schematron-output" in outcome.svrl


@pytest.mark.parametrize("failure", [Failure.TIMEOUT, Failure.CRASH])
def test_a_document_sent_ahead_survives_the_failure_of_the_one_before(
    engine: Engine, forever: Path, corpus: Path, failure: str
) -> None:
    """The next document waits in the worker while it runs the current one; when the
    current one times out or kills the worker, only it fails: the next one had not
    started, and a fresh worker runs it."""
    engine.ensure_started()
    pid = engine.pid
    assert pid is not None
    engine.timeout = 3 if failure == Failure.TIMEOUT else 60
    first: list[Outcome] = []
    runner = threading.Thread(target=lambda: first.extend(engine.run([forever], "<doc/>")))
    runner.start()
    deadline = time.monotonic() + 30
    while not engine.busy() and time.monotonic() < deadline:
        time.sleep(0.01)
    with engine.running([locate("fx-basic")], _xml(corpus, BASIC)) as outcomes:
        assert len(engine._queue) == 2  # sent ahead, behind the spinning one
        if failure == Failure.CRASH:
            time.sleep(0.5)
            os.kill(pid, signal.SIGKILL)
        [second] = outcomes()
    runner.join(60)
    [outcome] = first
    assert outcome.failure == failure
    assert second.ok and second.svrl and b"schematron-output" in second.svrl
    assert engine.pid != pid
