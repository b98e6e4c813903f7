"""Validation reports for people and programs: ``render(reports, fmt)``.

One module per format (text, json, junit, html); they all read the same
:class:`~invoices.validation.report.Report` objects and speak the current language
of :mod:`invoices.i18n`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from invoices.validation.report import Report

FORMATS = ("text", "json", "junit", "html")


def _renderer(fmt: str) -> Callable[..., str]:
    if fmt == "text":
        from invoices.validation.output.text import render as text

        return text
    if fmt == "json":
        from invoices.validation.output.json import render as json_

        return json_
    if fmt == "junit":
        from invoices.validation.output.junit import render as junit

        return junit
    if fmt == "html":
        from invoices.validation.output.html import render as html

        return html
    raise ValueError(f"unknown report format {fmt!r}; expected one of {FORMATS}")


def render(reports: Sequence[Report], fmt: str, *, color: bool = False) -> str:
    """The reports in format ``fmt``; ``color`` (text only) adds terminal colours."""
    if fmt == "text":
        return _renderer(fmt)(reports, color=color)
    return _renderer(fmt)(reports)


__all__ = ["FORMATS", "render"]
