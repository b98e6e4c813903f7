"""Validation of PES V2 files: the 5.30 XSD and the Hélios rules the XSD cannot say.

PES is a syntax (:mod:`invoices.syntax.pes`); checking it is validation, with the
same report, layers and outputs as an invoice.
"""
