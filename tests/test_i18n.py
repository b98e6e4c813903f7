"""Every message exists in French and English, and every key used in the code exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from invoices.i18n import catalogue, set_language, t

ROOT = Path(__file__).resolve().parents[1]

KEY_USE = re.compile(
    r"""(?:\bt|help_text|InputError|SetupError|DematError)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']"""
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    for key, (fr, en) in catalogue().items():
        assert fr.strip() and en.strip(), key
        assert _fields(fr) == _fields(en), key


def test_every_key_used_in_the_code_is_in_the_catalogue() -> None:
    known = catalogue()
    missing = []
    for path in [
        *(ROOT / "demat").rglob("*.py"),
        *(ROOT / "invoices").rglob("*.py"),
        *(ROOT / "platforms").rglob("*.py"),
        *(ROOT / "emulators").rglob("*.py"),
        *(ROOT / "connectors").rglob("*.py"),
        *(ROOT / "schemas").rglob("*.py"),
    ]:
        for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
            if key not in known:
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, missing


def test_language_choice() -> None:
    set_language("fr")
    assert t("xml.empty", file="a.xml") == "a.xml : document XML vide"
    set_language("en")
    assert t("xml.empty", file="a.xml") == "a.xml: empty XML document"
    set_language(None)


def test_unknown_key_never_raises() -> None:
    assert t("no.such_key", file="x") == "no.such_key(file=x)"
