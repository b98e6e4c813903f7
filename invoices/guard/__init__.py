"""Guarding the payments: the supplier register and the bank-detail gate.

An invoice the commune pays whose payee IBAN (BT-84) is not an account of its seller
confirmed by a person is stored ``held``: it cannot be declared service fait,
mandated or put in a PES file until someone confirms the account out of band.
Not Chorus-specific: every receive path goes through :mod:`invoices.pipeline`.
"""

from invoices.guard.gate import HeldInvoice, apply_gate, refuse_if_held
from invoices.guard.register import Confirmed, Forged, confirm_iban, verify_register
from invoices.guard.settings import GuardSettings, load_guard

__all__ = [
    "Confirmed",
    "Forged",
    "GuardSettings",
    "HeldInvoice",
    "apply_gate",
    "confirm_iban",
    "load_guard",
    "refuse_if_held",
    "verify_register",
]
