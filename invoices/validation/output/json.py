"""The report for programs: a JSON list with one object per file.

Each object is :meth:`Report.to_json` unchanged (``file``, ``sha256``, ``syntax``,
``profile``, ``valid``, ``findings``, ``artefacts``) so that the library, the CLI and
storage all expose the same shape; messages are in the language the validation ran
in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from invoices.validation.report import Report


def render(reports: Sequence[Report]) -> str:
    return json.dumps([report.to_json() for report in reports], ensure_ascii=False, indent=2) + "\n"
