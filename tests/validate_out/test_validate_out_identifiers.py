"""SIRET / SIREN checksums: any stdnum-valid number passes, one changed digit fails."""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from invoices.model import Identifier
from invoices.validation import chorus

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def _complete(body: str) -> str:
    return body + luhn.calc_check_digit(body)


@st.composite
def sirens(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    assume(not body.startswith("35600000"))  # La Poste's establishments follow another rule
    return _complete(body)


@st.composite
def sirets(draw: st.DrawFn) -> str:
    nic = draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    return _complete(draw(sirens()) + nic)


def _changed(number: str, position: int, digit: str) -> str:
    position %= len(number)
    assume(number[position] != digit)
    return number[:position] + digit + number[position + 1 :]


def _seller_rules(doc, invoice, ident: Identifier, where: str = "legal") -> set[str]:
    inv = invoice()
    if where == "legal":
        seller = dataclasses.replace(inv.seller, legal_id=ident)
    else:
        seller = dataclasses.replace(inv.seller, identifiers=(ident,))
    findings = chorus.check(doc(dataclasses.replace(inv, seller=seller)), None)
    return {f.rule for f in findings if f.fatal}


@given(sirets())
def test_valid_siret_passes(doc, invoice, siret: str) -> None:
    assert std_siret.is_valid(siret)
    assert _seller_rules(doc, invoice, Identifier(siret, "0009")) == set()


@given(sirets(), st.integers(0, 13), digits)
def test_siret_with_one_digit_changed_fails(
    doc, invoice, siret: str, position: int, digit: str
) -> None:
    wrong = _changed(siret, position, digit)
    assert _seller_rules(doc, invoice, Identifier(wrong, "0009")) == {"CPRO-SIRET-01"}


@given(sirens())
def test_valid_siren_passes(doc, invoice, siren: str) -> None:
    assert std_siren.is_valid(siren)
    # A SIREN alone identifies the seller (with a warning); as an extra identifier too.
    assert _seller_rules(doc, invoice, Identifier(siren, "0002")) == set()


@given(sirens(), st.integers(0, 8), digits)
def test_siren_with_one_digit_changed_fails(
    doc, invoice, siren: str, position: int, digit: str
) -> None:
    wrong = _changed(siren, position, digit)
    assert _seller_rules(doc, invoice, Identifier(wrong, "0002")) == {"CPRO-SIREN-01"}


@given(st.text(alphabet="0123456789 ", min_size=0, max_size=16))
def test_siret_rule_agrees_with_stdnum_on_any_input(doc, invoice, value: str) -> None:
    fired = "CPRO-SIRET-01" in _seller_rules(doc, invoice, Identifier(value, "0009"), "other")
    assert fired is not std_siret.is_valid(value)


def test_the_seed_world_sirets_are_valid() -> None:
    for siret in (
        "21750011500019",
        "21690123100011",
        "21130055300016",
        "21330063500017",
        "21310555400017",
        "21440109300015",
        "21670482500019",
        "40212345900016",
        "51234567900025",
        "80298765100014",
    ):
        assert std_siret.is_valid(siret), siret


def test_la_poste_establishments(doc, invoice) -> None:
    # stdnum knows La Poste's exception (digit sum a multiple of 5); we must not reject it.
    assert _seller_rules(doc, invoice, Identifier("35600000000048", "0009")) == set()
