"""Every term of the model has a French and an English plain name."""

from __future__ import annotations

import dataclasses
import typing

from invoices import model
from invoices.i18n import set_language
from invoices.terms import TERMS, describe, label, terms_in


def _model_terms() -> set[str]:
    found: set[str] = set()
    for cls in vars(model).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            for f in dataclasses.fields(cls):
                term = f.metadata.get("term")
                if isinstance(term, str):
                    found.add(term)
                elif isinstance(term, typing.Mapping):
                    found.update(term.values())
    return found


def test_every_model_term_is_named() -> None:
    missing = sorted(_model_terms() - set(TERMS))
    assert not missing
    assert len(_model_terms()) > 150  # the walk really saw the model


def test_labels_in_both_languages() -> None:
    for term, (fr, en) in TERMS.items():
        assert fr.strip() and en.strip() and fr != term, term
    assert label("BT-10", "fr") == "Référence acheteur (code service Chorus Pro)"
    assert label("BT-10", "en") == "Buyer reference (Chorus Pro service code)"
    set_language("fr")
    assert describe("BT-13").startswith("BT-13 Référence du bon de commande")
    set_language("en")
    assert describe("BT-999") == "BT-999"


def test_terms_in_official_messages() -> None:
    text = "[BR-CO-10]-Sum of Invoice line net amount (BT-106) = Σ (BT-131), BG-25, BT-106"
    assert terms_in(text) == ["BT-106", "BT-131", "BG-25"]
