"""French everywhere, English complete: every documented command and error path
(the scenario of ``tests/test_exit_codes.py``) under ``LANG=fr_FR.UTF-8`` shows no
English word of the list below, and under ``LANG=C`` no French word; neither shows
a traceback or Python bytes.  ``--json`` output is the raw form and is not read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_exit_codes import scenario

#: Words that must not reach a French clerk (click's texts, raw statuses and states).
ENGLISH = (
    "Usage",
    "Error",
    "Invalid value",
    "Missing argument",
    "No such",
    "Try",
    "received",
    "invalid",
    "unvalidated",
    "refused",
    "rejected",
    "pending",
    "integrated",
    "unknown",
    "not found",
    "directory",
)
#: Words that must not reach an English reader.
FRENCH = (
    "Utilisation",
    "Erreur",
    "Fichier",
    "fichier",
    "erreur",
    "aucun",
    "aucune",
    "introuvable",
    "reçue",
    "refusé",
    "valeur",
    "rejetée",
    "contrôle",
)
#: Commands whose texts their owners are still putting into words (remove when done).
NOT_YET: dict[str, str] = {}
#: In any language: a traceback, a Python bytes literal.
NEVER = (re.compile(r"Traceback"), re.compile(r"\bb'"))


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def _stray(lang: str, words: tuple[str, ...], tmp: Path, patch: pytest.MonkeyPatch) -> list[str]:
    found = []
    banned = [_pattern(words), *NEVER]
    for step in scenario(tmp, patch, lang):
        if step.raw or step.args[0] in NOT_YET:
            continue
        for number, line in enumerate(step.output.splitlines(), start=1):
            for pattern in banned:
                match = pattern.search(line)
                if match:
                    found.append(f"demat {' '.join(step.args)} (line {number}): {line.strip()}")
    return found


def test_french_clerk_sees_no_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, artefacts: Path
) -> None:
    stray = _stray("fr_FR.UTF-8", ENGLISH, tmp_path, monkeypatch)
    assert not stray, "\n".join(stray)


def test_english_reader_sees_no_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, artefacts: Path
) -> None:
    stray = _stray("C", FRENCH, tmp_path, monkeypatch)
    assert not stray, "\n".join(stray)
