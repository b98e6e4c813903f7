"""The readable invoice as one HTML file: for the screen, for printing on A4, for
a screen reader.

Self-contained (inline CSS; no script, font, image or link outside the file), so it
reads the same offline, attached to a mail or years later in an archive.  Every
text that comes from the invoice is escaped: an invoice is untrusted input.

Accessibility: ``lang`` on the page, one ``h1`` (the invoice), an ``h2`` per part
and an ``h3`` per party; every table has header cells with their ``scope``; text
contrast is at least 7:1 (WCAG AAA) on its background; what matters is said in
words and weight, never by colour alone (the totals to pay are bold and
labelled).  Nothing is wider than the page at any width down to a phone: long
identifiers wrap, amounts wrap only on narrow screens.  ``@page`` sets A4 with
margins; table headers repeat on every printed page.
"""

from __future__ import annotations

from html import escape

from invoices import __version__
from invoices.render.view import Block, InvoiceView, Row, Table, Total

_CSS = """
*{box-sizing:border-box}
html{background:#fff}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;
color:#1b1b1b;background:#fff;line-height:1.45;margin:0 auto;padding:1.5em 1.2em;
max-width:60em;overflow-wrap:anywhere}
h1{font-size:1.6em;margin:0 0 .15em}
h2{font-size:1.15em;margin:1.5em 0 .4em;padding-bottom:.15em;border-bottom:2px solid #1b1b1b}
h3{font-size:1em;margin:0 0 .3em}
.kind{margin:0 0 .8em;color:#3d3d3d}
.summary{background:#f4f5f7;table-layout:fixed}
.summary th{background:#f4f5f7;font-weight:normal;font-size:.85em;color:#3d3d3d;
border-bottom:none}
.summary td{font-weight:bold;font-size:1.1em;border-top:none}
.parties{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:1em}
.party{border:1px solid #8a8a8a;border-radius:4px;padding:.6em .8em}
table{border-collapse:collapse;width:100%;margin:.2em 0 .6em}
caption{text-align:left;color:#3d3d3d;font-size:.9em;padding:0 0 .3em}
th,td{border:1px solid #8a8a8a;padding:.3em .45em;text-align:left;vertical-align:top}
thead th{background:#e8eaed}
.facts th{width:40%;font-weight:600;background:#f4f5f7;overflow-wrap:normal}
.party .facts th{width:46%}
.party table{margin:0}
.num{text-align:right}
.detail{display:block;font-size:.88em;color:#3d3d3d}
.totals{width:auto;min-width:55%;margin-left:auto}
.totals th{text-align:left;font-weight:normal}
.totals .strong th,.totals .strong td{font-weight:bold;font-size:1.08em;
border-top:2px solid #1b1b1b}
ul.notes{padding-left:1.2em}
ul.notes li{white-space:pre-line;margin:.2em 0}
.value{white-space:pre-line}
footer{margin-top:2em;font-size:.85em;color:#3d3d3d;border-top:1px solid #8a8a8a;
padding-top:.5em}
@media (min-width:40em){.num{white-space:nowrap}}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{max-width:none;padding:0;font-size:9.5pt}
h2{break-after:avoid}
tr,.party{break-inside:avoid}
thead{display:table-header-group}
.num{white-space:nowrap}
}
""".strip()


def _text(value: str) -> str:
    return escape(value, quote=False)


def _cls(name: str, on: bool) -> str:
    return f' class="{name}"' if on else ""


def _cell(value: str, numeric: bool, tag: str = "td") -> str:
    """A cell whose first line is its main text and the next ones its details."""
    first, *rest = value.split("\n")
    details = "".join(f'<span class="detail">{_text(line)}</span>' for line in rest if line)
    return f"<{tag}{_cls('num', numeric)}>{_text(first)}{details}</{tag}>"


def _facts(rows: tuple[Row, ...], label: str) -> str:
    body = "".join(
        f'<tr><th scope="row">{_text(r.label)}</th><td class="value">{_text(r.value)}</td></tr>'
        for r in rows
    )
    return f'<table class="facts" aria-label="{escape(label)}"><tbody>{body}</tbody></table>'


def _block(block: Block) -> str:
    return (
        f'<section class="party"><h3>{_text(block.heading)}</h3>'
        f"{_facts(block.rows, block.heading)}</section>"
    )


def _table(table: Table, label: str) -> str:
    caption = f"<caption>{_text(table.caption)}</caption>" if table.caption else ""
    head = "".join(
        f'<th scope="col"{_cls("num", numeric)}>{_text(header)}</th>'
        for header, numeric in zip(table.headers, table.numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(_cell(value, numeric) for value, numeric in zip(row, table.numeric, strict=True))
        + "</tr>"
        for row in table.rows
    )
    aria = "" if table.caption else f' aria-label="{escape(label)}"'
    return f"<table{aria}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _totals(totals: tuple[Total, ...], label: str) -> str:
    rows = "".join(
        f"<tr{_cls('strong', total.strong)}>"
        f'<th scope="row">{_text(total.label)}</th>'
        f'<td class="num">{_text(total.value)}</td></tr>'
        for total in totals
    )
    return f'<table class="totals" aria-label="{escape(label)}"><tbody>{rows}</tbody></table>'


def _summary(view: InvoiceView) -> str:
    """The figures a clerk looks for first, as a one-row table under the title."""
    if not view.summary:
        return ""
    head = "".join(f'<th scope="col">{_text(r.label)}</th>' for r in view.summary)
    cells = "".join(f"<td>{_text(r.value)}</td>" for r in view.summary)
    return (
        f'<table class="summary" aria-label="{escape(view.heading("summary"))}">'
        f"<thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
    )


def _section(key: str, title: str, body: str) -> str:
    return (
        f'<section aria-labelledby="h-{key}"><h2 id="h-{key}">{_text(title)}</h2>{body}</section>'
    )


def render_html(view: InvoiceView) -> str:
    """The page of ``view``: a complete HTML5 document."""
    lang = "fr-FR" if view.lang == "fr" else "en-GB"
    page_title = view.title if not view.seller else f"{view.title} — {view.seller}"
    parts = [
        f'<header><h1>{_text(view.title)}</h1><p class="kind">'
        + " · ".join(_text(x) for x in (view.issued, view.kind) if x)
        + "</p></header>",
        _summary(view),
        _section(
            "parties",
            view.heading("parties"),
            '<div class="parties">' + "".join(_block(b) for b in view.parties) + "</div>",
        ),
    ]
    if view.references:
        parts.append(
            _section(
                "references",
                view.heading("references"),
                _facts(view.references, view.heading("references")),
            )
        )
    if view.dates:
        parts.append(
            _section("dates", view.heading("dates"), _facts(view.dates, view.heading("dates")))
        )
    parts.append(
        _section("lines", view.heading("lines"), _table(view.lines, view.heading("lines")))
    )
    if view.allowances is not None:
        parts.append(
            _section(
                "allowances",
                view.heading("allowances"),
                _table(view.allowances, view.heading("allowances")),
            )
        )
    parts.append(_section("vat", view.heading("vat"), _table(view.vat, view.heading("vat"))))
    parts.append(
        _section("totals", view.heading("totals"), _totals(view.totals, view.heading("totals")))
    )
    if view.payment:
        parts.append(
            _section(
                "payment", view.heading("payment"), _facts(view.payment, view.heading("payment"))
            )
        )
    for key, items in (("notes", view.notes), ("attachments", view.attachments)):
        if items:
            listed = "".join(f"<li>{_text(item)}</li>" for item in items)
            parts.append(_section(key, view.heading(key), f'<ul class="notes">{listed}</ul>'))
    footer = f"<footer><p>{_text(view.source)}</p></footer>" if view.source else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="mairie-demat {escape(__version__)}">\n'
        f"<title>{_text(page_title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        f"<main>\n{chr(10).join(parts)}\n</main>\n{footer}\n</body>\n</html>\n"
    )
