"""The identifier modules: what the model, the store and the validation ask of a number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from invoices.identifiers import siren, siret
from invoices.identifiers.seller_key import seller_key
from invoices.model import Identifier, Party

numbers = st.text(alphabet="0123456789", min_size=9, max_size=9)
nics = st.text(alphabet="0123456789", min_size=5, max_size=5)


def _luhn(body: str) -> str:
    return body + luhn.calc_check_digit(body)


@given(numbers, nics)
def test_a_siret_belongs_to_the_siren_it_starts_with(unit: str, nic: str) -> None:
    number = unit + nic
    assert siret.siren_of(number) == unit
    assert siret.belongs_to(number, unit)
    assert siret.belongs_to(f"{unit[:3]} {unit[3:6]} {unit[6:]} {nic}", unit)
    other = f"{(int(unit[0]) + 1) % 10}{unit[1:]}"
    assert not siret.belongs_to(number, other)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_checksums_hold_and_one_changed_digit_breaks_them(body: str) -> None:
    unit = _luhn(body)
    assert siren.is_valid(unit)
    number = _luhn(unit + "0001")
    if not number.startswith("356000000"):  # La Poste follows a digit-sum rule
        assert siret.is_valid(number)
        changed = number[:-1] + str((int(number[-1]) + 1) % 10)
        assert not siret.is_valid(changed)
    assert not siren.is_valid(unit[:-1] + str((int(unit[-1]) + 1) % 10))


def test_la_poste_establishments_are_valid_sirets() -> None:
    assert siret.is_valid("35600000000048")  # the head office: Luhn
    assert siret.is_valid("35600000049837")  # an office: digit sum a multiple of 5


def test_party_siren_comes_from_the_siren_or_else_the_siret() -> None:
    by_siret = Party(legal_id=Identifier("12345678200010", siret.SCHEME))
    assert by_siret.siret == "12345678200010" and by_siret.siren == "123456782"
    both = Party(
        legal_id=Identifier("987654321", siren.SCHEME),
        identifiers=(Identifier("12345678200010", siret.SCHEME),),
    )
    assert both.siren == "987654321" and both.siret == "12345678200010"
    assert Party(name="X").siren is None


def test_seller_key_prefers_the_siret_and_keeps_the_kind() -> None:
    siret_party = Party(legal_id=Identifier("12345678200010", siret.SCHEME), vat_id="FR32123456782")
    assert seller_key(siret_party) == "0009:12345678200010"
    assert seller_key(Party(legal_id=Identifier("123456782", siren.SCHEME))) == "0002:123456782"
    assert seller_key(Party(legal_id=Identifier("HRB 1234"))) == "legal:HRB 1234"
    assert seller_key(Party(vat_id="DE123456789")) == "vat:DE123456789"
    assert seller_key(Party(identifiers=(Identifier("42"),))) == "id:42"
    assert seller_key(Party(name="  Mairie de Lyon ")) == "name:mairie de lyon"
    assert seller_key(Party()) is None
