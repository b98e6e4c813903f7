"""The demo's report: step headings, the table of samples, the table of invoices sent,
and the lines that mark a surprise.

The demo (:mod:`demat.demo`) decides what is expected; these functions only say it.
A surprise always carries the same mark (``demo.unexpected_crash``), so a reader, or a
test, finds every one of them with a single search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from demat.views.table import clip, table
from invoices.i18n import t, word

if TYPE_CHECKING:
    from connectors.base import ReceivedInvoice, StatusDecision
    from connectors.chorus.mandatee import Outcome as MandateeOutcome
    from connectors.tdt.states import FileState
    from invoices.pipeline import Outcome
    from invoices.store.audit import Verdict

#: How many steps the demo has (headings say "Step n/6").
STEPS = 6
#: Widths of the clipped columns.
RESULT_WIDTH = 70
SELLER_WIDTH = 28
RECIPIENT_WIDTH = 40
HISTORY_WIDTH = 160


class CheckedSample(Protocol):
    """What the table of step 1 shows of a sample (:class:`demat.demo.check.DemoRow`)."""

    @property
    def file(self) -> str: ...
    @property
    def syntax(self) -> str: ...
    @property
    def profile(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def seller(self) -> str: ...
    @property
    def total(self) -> str: ...
    @property
    def valid(self) -> bool: ...
    @property
    def result(self) -> str: ...
    @property
    def expected_broken(self) -> bool: ...
    @property
    def crashed(self) -> bool: ...
    @property
    def unchecked(self) -> bool: ...
    @property
    def as_expected(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class SentRow:
    """One invoice of step 3 as the platform sees it after the clock has moved."""

    number: str
    recipient: str
    flow: str
    #: The platform's status, else our transmission state ("" when nothing came back).
    status: str
    #: The status history, followed by the problems when the invoice is a surprise.
    history: str
    unexpected: bool


def mark() -> str:
    """The mark of every surprise."""
    return t("demo.unexpected_crash")


def unexpected(line: str) -> str:
    return f"{line}  {mark()}"


def heading(number: int, key: str, **params: str) -> str:
    """``=== Step n/5: ...``, set off by blank lines from the step before and after."""
    text = t("demo.step", number=number, total=STEPS, title=t(key, **params)) + "\n"
    return "\n" + text if number > 1 else text


def _result(row: CheckedSample) -> str:
    if row.crashed:
        flag = mark()
    elif row.unchecked:
        flag = ""
    elif row.expected_broken:
        flag = t("demo.expected_broken") if row.as_expected else t("demo.unexpected_valid")
    else:
        flag = "" if row.as_expected else t("demo.unexpected_invalid")
    return f"{flag} {row.result}".strip() if flag else row.result


def check_table(rows: Sequence[CheckedSample], *, result_width: int = RESULT_WIDTH) -> str:
    """Step 1: one row per sample, headers and outcome words translated."""
    names = ("file", "syntax", "profile", "number", "seller", "total", "result")
    body = [
        [
            row.file,
            row.syntax,
            row.profile,
            row.number,
            clip(row.seller, SELLER_WIDTH),
            row.total,
            clip(_result(row), result_width),
        ]
        for row in rows
    ]
    return table([t(f"demo.col_{name}") for name in names], body, right={5})


def check_summary(rows: Sequence[CheckedSample]) -> str:
    """One line; samples not checked (artefacts missing) are counted out and named."""
    checked = [r for r in rows if not r.unchecked]
    good = sum(1 for r in checked if not r.expected_broken)
    surprises = sum(1 for r in rows if not r.as_expected)
    line = t(
        "demo.summary_ok" if not surprises else "demo.summary_surprises",
        total=len(rows),
        good=good,
        valid=sum(1 for r in checked if r.valid and not r.expected_broken),
        broken=len(checked) - good,
        rejected=sum(1 for r in checked if r.expected_broken and not r.valid),
        surprises=surprises,
    )
    unchecked = [r.file for r in rows if r.unchecked]
    if unchecked:
        line += "\n" + t("demo.summary_unchecked", count=len(unchecked), files=", ".join(unchecked))
    return line


def stored_line(outcome: Outcome, file: str, *, surprise: bool) -> str:
    """Step 2: what ingest did with one sample, the file named as in the table."""
    from dataclasses import replace

    from invoices.pipeline import OutcomeKind

    if outcome.kind is OutcomeKind.REJECTED:  # the line names the file once
        line = t(
            "store.outcome_rejected",
            file=file,
            id=outcome.document_id or "-",
            reason=outcome.reason() or "",
        )
    else:
        line = replace(outcome, file=file).message().rstrip()
    return unexpected(line) if surprise else line


def send_table(rows: Sequence[SentRow]) -> str:
    """Step 3: every invoice sent, its flow number, its status and how it got there."""
    if not rows:
        return t("demo.nothing_to_send")
    names = ("number", "recipient", "flow", "platform_status", "history")
    body = [
        [
            row.number,
            clip(row.recipient, RECIPIENT_WIDTH),
            row.flow,
            f"{word('state', row.status)} {mark()}".strip()
            if row.unexpected
            else word("state", row.status),
            clip(row.history, HISTORY_WIDTH),
        ]
        for row in rows
    ]
    return table([t(f"demo.col_{name}") for name in names], body)


def received_line(item: ReceivedInvoice) -> str:
    """Step 4: one invoice received from a supplier, stored (valid or not)."""
    return t(
        "demo.received_line" if item.valid else "demo.received_invalid",
        number=item.number,
        supplier=item.supplier,
        status=item.status,
        id=item.document_id if item.document_id is not None else "-",
    )


def decision_line(done: StatusDecision, motif: str | None) -> str:
    return t(
        "demo.decided", number=done.number, status=done.status, motif=f" ({motif})" if motif else ""
    )


def _acquit_word(shown: dict[str, object]) -> str:
    state, message = shown.get("acquit"), shown.get("message")
    word_ = t("tdt.acquit_none") if state is None else t(f"tdt.acquit_{state}")
    return t("tdt.acquit_said", acquit=word_, message=message) if message else word_


def acquit_lines(state: FileState) -> list[tuple[str, bool]]:
    """Step 5: the PES file at the TdT, then Hélios's word on each mandat and PJ; each
    line with whether it is what the demo expects (acknowledged, accepted)."""
    from connectors.tdt.states import STATUS_NAMES

    status = "-"
    if state.status is not None:
        status = t(f"tdt.status_{STATUS_NAMES.get(state.status, 'unknown')}")
    shown = t("tdt.not_sent") if state.state is None else word("state", state.state)
    head = t(
        "tdt.status_file",
        file=state.name,
        state=shown,
        transaction=state.transaction or "-",
        status=status,
    )
    lines = [(head, state.status in (4, 5, 8))]
    for m in state.mandats:
        lines.append(
            (t("tdt.status_mandat", **{**m, "acquit": _acquit_word(m)}), m["acquit"] == "ok")
        )
    for a in state.attachments:
        lines.append((t("tdt.status_pj", **{**a, "acquit": _acquit_word(a)}), a["acquit"] == "ok"))
    return lines


def mandatee_text(outcome: MandateeOutcome) -> str:
    """Step 5: the invoice set MANDATEE on Chorus Pro (or why not)."""
    from demat.views.show import mandatee_line

    return mandatee_line(outcome)


def audit_text(verdict: Verdict) -> str:
    """Step 5: the chain verified up to its head, or where it breaks."""
    if verdict.ok:
        return t("demo.audit_ok", count=verdict.count, seq=verdict.head_seq, hash=verdict.head_hash)
    return t(
        "demo.audit_broken",
        problem=t(f"store.audit_problem_{verdict.problem.value.replace('-', '_')}")
        if verdict.problem is not None
        else "-",
        seq=verdict.seq or "-",
        detail=verdict.detail,
    )


def closing_lines(
    surprises: int, unchecked: Sequence[str], kept: str | None, url: str
) -> list[str]:
    """The end of the demo: everything as expected or how many surprises, what was left
    out for want of artefacts, where the kept database is."""
    lines = [t("demo.done_ok") if not surprises else t("demo.done_surprises", count=surprises)]
    if unchecked:
        lines.append(t("demo.done_unchecked", count=len(unchecked), files=", ".join(unchecked)))
    if kept is not None:
        lines.append(t("demo.kept", path=kept, url=url))
    return lines
