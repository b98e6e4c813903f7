"""``demat show``: the whole life of one invoice, readable by the clerk.

From the view the library gives (:func:`invoices.store.views.document_view`, the
Hélios part of :func:`invoices.store.mandatee.helios_life`, the stored files) this
module writes: the document and its invoice, then its life as dated steps (received,
checked, the platform's statuses, mandat and PES file, TdT transaction, Hélios's
acquit, MANDATEE), the stored files, the validation report and the audit history,
every date in the clerk's time zone and every event in words.  ``--json`` is the raw
view, untouched.  The lines of the MANDATEE loop (:func:`mandatee_line`) are here too:
they are the last step of that life.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from demat.views.table import clip, table
from invoices.display import day, moment, money
from invoices.i18n import t, word

if TYPE_CHECKING:
    from connectors.chorus.mandatee import Outcome


def _dash(value: Any) -> Any:
    return "-" if value is None or value == "" else value


def _yes_no(value: bool | None) -> str:
    return {True: t("core.yes"), False: t("core.no"), None: "?"}[value]


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def mandatee_line(outcome: Outcome) -> str:
    """One invoice of the MANDATEE loop, in words."""
    message = outcome.message
    if outcome.result == "helios_ko" and not message:
        message = t("mandatee.helios_ko_silent")
    return t(
        f"mandatee.{outcome.result}",
        number=outcome.number,
        id=outcome.invoice_id,
        mandat=outcome.mandat,
        message=message,
    ).rstrip()


def document_json(view: Mapping[str, Any]) -> str:
    """``demat show --json``: the raw view, audit details as JSON objects."""
    history = [{**rec, "details": json.loads(rec["details"])} for rec in view["history"]]
    return json.dumps({**view, "history": history}, ensure_ascii=False, indent=1)


#: The fields of ``store.show_document``.
_DOCUMENT_FIELDS = (
    "id",
    "name",
    "received_at",
    "source",
    "size",
    "media_type",
    "syntax",
    "profile",
    "sha256",
    "status",
)
_VERDICT_KEYS = {
    "valid": "store.verdict_valid",
    "invalid": "store.verdict_invalid",
    "not-checked": "store.verdict_not_checked",
}


def _money(inv: Mapping[str, Any], name: str) -> str:
    return money(inv[name], inv["currency"]) or "-"


def document_text(view: Mapping[str, Any]) -> str:
    """``demat show``: the document, its invoice, its life, its files, the latest
    report and the audit history."""
    fields = {k: _dash(view[k]) for k in _DOCUMENT_FIELDS}
    fields["status"] = word("status", view["status"])
    fields["profile"] = word("profile", view["profile"])
    fields["received_at"] = moment(_when(view["received_at"]))
    out = [t("store.show_document", **fields)]
    if view["rejection_text"]:
        out.append(t("store.show_refusal", reason=view["rejection_text"]))
    inv = view["invoice"]
    if inv is not None:
        amounts = {k: _money(inv, k) for k in ("tax_exclusive", "vat_total", "tax_inclusive")}
        plain = {k: _dash(v) for k, v in inv.items() if k != "valid"}
        plain["status"] = word("status", inv["status"])
        plain["issue_date"] = _dash(day(_day(inv["issue_date"])))
        out.append(
            t(
                "store.show_invoice",
                **{**plain, **amounts, "payable": _money(inv, "payable")},
                valid=_yes_no(inv["valid"]),
            )
        )
        if inv["duplicate_of"] is not None:
            out.append(t("store.show_duplicate", original=inv["duplicate_of"]))
    out.append(t("show.life"))
    out.extend(_life(view))
    out.append(t("show.files"))
    out.extend(_files(view))
    out.extend(_report_lines(view["report"]))
    out.append(t("store.show_history"))
    out.extend("  " + line for line in history_table(view["history"]).splitlines())
    return "\n".join(out)


def _files(view: Mapping[str, Any]) -> list[str]:
    files = view.get("files")
    if files is None:
        return [t("show.files_note")]
    return [
        t(
            "show.file_line",
            kind=t(f"show.kind_{f['kind']}") if f["kind"] in _KINDS else f["kind"],
            name=f["name"],
            media_type=f["media_type"],
            size=f["size"],
            sha256=f["sha256"],
        )
        for f in files
    ]


_KINDS = ("original", "pivot", "attachment")


def _received(view: Mapping[str, Any]) -> str:
    source = view["source"] or ""
    if source.startswith("chorus:"):
        return t("show.received_chorus", remote=source[len("chorus:") :], name=view["name"])
    return t("show.received_file", source=_dash(source), name=view["name"])


def _life(view: Mapping[str, Any]) -> list[str]:
    """Dated steps, oldest first; a step without a date follows the one before it."""
    steps: list[tuple[datetime | None, str]] = [(_when(view["received_at"]), _received(view))]
    report = view["report"]
    if report is not None:
        verdict = t(_VERDICT_KEYS.get(report["verdict"], "store.verdict_invalid"))
        steps.append((_when(report["created_at"]), t("show.checked", verdict=verdict)))
    inv = view["invoice"]
    for ev in inv["status_events"] if inv is not None else []:
        if ev["source"] != "chorus":
            continue
        steps.append((_when(ev["at"]), _platform_step(ev)))
    helios = view.get("helios") or {}
    for m in helios.get("mandats", []):
        steps.extend(_mandat_steps(m, inv["currency"] if inv else None))
    mandatee = helios.get("mandatee")
    if mandatee is not None and mandatee["state"] != "done":
        steps.append((_when(mandatee["updated_at"]), _mandatee_step(mandatee)))
    ordered = _in_order(steps)
    return [f"  {moment(at) if at else '':<16}  {text}" for at, text in ordered]


def _in_order(steps: list[tuple[datetime | None, str]]) -> list[tuple[datetime | None, str]]:
    last: datetime | None = None
    keyed = []
    for index, (at, text) in enumerate(steps):
        last = at or last
        keyed.append(((last.timestamp() if last else 0.0), index, at, text))
    keyed.sort()
    return [(at, text) for _, _, at, text in keyed]


def _platform_step(ev: Mapping[str, Any]) -> str:
    details = ev.get("details") or {}
    by = t("show.platform_status_by_us") if details.get("set_by") == "us" else ""
    extra = ""
    if details.get("comment"):
        extra += t("show.platform_motif", motif=details["comment"])
    if details.get("mandate"):
        extra += t("show.platform_mandate", mandate=details["mandate"])
    status = word("status", ev["status_code"])
    return t("show.platform_status", status=status, by=by, motif=extra)


def _acquit_word(state: str | None, message: str | None) -> str:
    shown = t("tdt.acquit_none") if state is None else t(f"tdt.acquit_{state}")
    return t("tdt.acquit_said", acquit=shown, message=message) if message else shown


def _mandat_steps(m: Mapping[str, Any], currency: str | None) -> list[tuple[datetime | None, str]]:
    from connectors.tdt.states import STATUS_NAMES

    file = m["file"]
    text = t(
        "show.mandated",
        mandat=m["mandat"],
        bordereau=m["bordereau"],
        exercice=m["exercice"],
        lines=m["lines"],
        ht=money(m["amount_ht"], currency),
        tva=money(m["amount_tva"], currency),
        file=file["name"],
    )
    for pj in m["attachments"]:
        text += "\n" + " " * 18 + t("show.pj", id_unique=pj["id_unique"], name=pj["name"])
    if m["replaced_by"]:
        text += "\n" + " " * 18 + t("show.replaced", file=m["replaced_by"])
    steps: list[tuple[datetime | None, str]] = [(_when(m["created_at"]), text)]
    if file["transaction"]:
        code = file["status"]
        status = "-" if code is None else t(f"tdt.status_{STATUS_NAMES.get(code, 'unknown')}")
        sent = t("show.sent_tdt", file=file["name"], transaction=file["transaction"], status=status)
        steps.append((_when(file.get("sent_at")), sent))
    else:
        steps.append((None, t("show.not_sent_tdt", file=file["name"])))
    if file["acquit_at"]:
        pj_words = ", ".join(
            f"{pj['id_unique']} {_acquit_word(pj['acquit'], pj['message'])}"
            for pj in m["attachments"]
        )
        acquit = t(
            "show.acquit",
            mandat=m["mandat"],
            mandat_acquit=_acquit_word(m["acquit"], m["message"]),
            pj_acquit=pj_words or "-",
        )
        steps.append((_when(file["acquit_at"]), acquit))
    return steps


def _mandatee_step(row: Mapping[str, Any]) -> str:
    error = f" ({row['error']})" if row["error"] else ""
    if row["state"] == "refused":
        return t("show.mandatee_refused", mandat=row["mandat"], error=row["error"] or "-")
    state = t(f"show.mandatee_state_{row['state']}")
    return t("show.mandatee_open", mandat=row["mandat"], state=state, error=error)


def _report_lines(report: Mapping[str, Any] | None) -> list[str]:
    if report is None:
        return [t("store.show_no_report")]
    verdict = t(_VERDICT_KEYS.get(report["verdict"], "store.verdict_invalid"))
    lines = [
        t(
            "store.show_report",
            created_at=moment(_when(report["created_at"])),
            verdict=verdict,
            layers=", ".join(word("layer", layer) for layer in report["layers_run"]) or "-",
        )
    ]
    for f in report["findings"]:
        where = f" [{f['location']}]" if f["location"] else ""
        severity, layer = word("severity", f["severity"]), word("layer", f["layer"])
        lines.append(f"  {severity:<13} {layer:<10} {f['rule']}: {f['message']}{where}")
    return lines


def _details(raw: str) -> str:
    """An audit record's details on one line, machine values in words."""
    try:
        details = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(details, dict):
        return str(details)
    shown = []
    for key, value in details.items():
        if isinstance(value, dict | list) or value is None or value == "":
            continue  # nested records and empty values: in ``--json``
        if isinstance(value, bool):
            text = _yes_no(value)
        elif key in ("from", "to", "status", "status_code"):
            text = word("status", str(value))
        elif key == "state":
            text = word("state", str(value))
        else:
            text = str(value)
        shown.append(f"{key}={text}")
    return ", ".join(shown)


def history_table(records: Iterable[Mapping[str, Any]]) -> str:
    """The audit history: dates in the clerk's time zone, events in words."""
    body = []
    for rec in records:
        kind = rec["object_type"]
        obj = f"{word('object', kind)} {rec['object_id']}" if kind else "-"
        body.append(
            [
                str(rec["seq"]),
                moment(_when(str(rec["at"]))),
                clip(str(rec["actor"]), 20),
                word("event", rec["action"]),
                obj,
                clip(_details(rec["details"]), 60),
            ]
        )
    if not body:
        return ""
    headers = [
        t("store.col_seq"),
        t("show.col_at"),
        t("store.col_actor"),
        t("store.col_event"),
        t("store.col_object"),
        t("store.col_details"),
    ]
    return table(headers, body, right={0})
