"""Everything the application shows on a terminal, in one place.

The commands (:mod:`demat.cli`) and the demo (:mod:`demat.demo`) decide *what* to
show; these modules decide *how it reads*: tables, one line per outcome, the demo's
report.  Every word goes through :func:`invoices.i18n.t`; platform codes
(``MISE_A_DISPOSITION``, rule ids) are shown as their owners write them, because
that is what the clerk finds in the portal and its documentation.  The library keeps
the data (``invoices.store.views.document_view`` is the JSON of ``demat show``); how
it looks on a terminal is the application's business.
"""
