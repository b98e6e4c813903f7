"""One fixed-width table formatter for every table the application prints."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def clip(text: str, width: int) -> str:
    """``text`` on one line and at most ``width`` characters (an ellipsis says it was cut)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(
    headers: Sequence[str], body: Sequence[Sequence[str]], *, right: Collection[int] = ()
) -> str:
    """Columns as wide as their widest cell, two spaces apart, a rule under the headers.

    Columns whose index is in ``right`` (amounts) are right-aligned in the body; the
    headers stay left-aligned so that they line up with the rule.  Trailing blanks are
    cut so that a copied table does not carry them.
    """
    rows = [headers, *body]
    widths = [max(len(line[i]) for line in rows) for i in range(len(headers))]
    lines = []
    for index, line in enumerate(rows):
        cells = [
            cell.rjust(width) if column in right and index else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
