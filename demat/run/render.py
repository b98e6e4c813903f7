"""A run's report as the clerk reads it: text lines, JSON, and an HTML page to keep."""

from __future__ import annotations

import json
from html import escape

from demat.run.report import Attention, RunReport, StepReport
from invoices.i18n import catalogue, t


def step_word(name: str) -> str:
    """A step's name in the reader's language."""
    key = f"word.run_step.{name}"
    return t(key) if key in catalogue() else name


def count_word(step: str, key: str) -> str:
    """A counter or item kind in words (``word.run.STEP.KEY``, then ``word.run.KEY``);
    a key without a word of its own (a platform code) is shown as it is."""
    for name in (f"word.run.{step}.{key}", f"word.run.{key}"):
        if name in catalogue():
            return t(name)
    return key


def counts_text(step: StepReport) -> str:
    return ", ".join(
        f"{count_word(step.name, k)} {v}" for k, v in sorted(step.counts.items())
    ) or t("run.none")


def _item(a: Attention) -> str:
    reason = f" — {a.reason}" if a.reason else ""
    return t(
        "run.item",
        step=step_word(a.step),
        kind=count_word(a.step, a.kind),
        label=a.label,
        reason=reason,
    )


def summary_lines(report: RunReport) -> list[str]:
    lines = []
    for step in report.steps.values():
        if not step.ran:
            continue
        lines.append(t("run.step_line", step=step_word(step.name), counts=counts_text(step)))
    if report.attention:
        lines.append(t("run.attention_title", count=len(report.attention)))
        lines += ["  " + _item(a) for a in report.attention]
    if report.still_waiting:
        lines.append(t("run.waiting_title", count=len(report.still_waiting)))
        lines += ["  " + _item(a) for a in report.still_waiting]
    if report.left:
        lines.append(t("run.left_title", count=len(report.left)))
    if report.chain:
        lines.append(report.chain)
    if report.guard:
        lines.append(report.guard)
    if report.audit_seq is not None:
        lines.append(t("run.anchor_line", seq=report.audit_seq, hash=report.audit_hash or "-"))
    lines.append(t(f"run.verdict_{report.exit_code}"))
    return lines


def detail_lines(report: RunReport) -> list[str]:
    """The per-file lines a non-quiet run prints before its summary."""
    return [line for step in report.steps.values() for line in step.lines]


def as_json(report: RunReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)


def as_html(report: RunReport) -> str:
    def items(title: str, rows: list[Attention]) -> str:
        if not rows:
            return ""
        body = "".join(
            f"<tr><td>{escape(step_word(a.step))}</td>"
            f"<td>{escape(count_word(a.step, a.kind))}</td>"
            f"<td>{escape(a.label)}</td><td>{escape(a.reason)}</td></tr>"
            for a in rows
        )
        return f"<h2>{escape(title)}</h2><table>{body}</table>"

    steps = "".join(
        f"<tr><th>{escape(step_word(s.name))}</th><td>{escape(counts_text(s))}</td></tr>"
        for s in report.steps.values()
        if s.ran
    )
    errors = "".join(f"<li>{escape(e)}</li>" for e in report.errors)
    title = t("run.html_title", at=report.started_at)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(t(f'run.verdict_{report.exit_code}'))}</p>"
        f"<table>{steps}</table>"
        f"<p>{escape(report.chain)}</p>"
        + (f"<p><strong>{escape(report.guard)}</strong></p>" if report.guard else "")
        + f"<p>{escape(t('run.anchor_line', seq=report.audit_seq, hash=report.audit_hash))}</p>"
        + items(t("run.attention_title", count=len(report.attention)), report.attention)
        + items(t("run.waiting_title", count=len(report.still_waiting)), report.still_waiting)
        + (f"<h2>{escape(t('run.errors_title'))}</h2><ul>{errors}</ul>" if errors else "")
        + "</body></html>\n"
    )
