"""Message catalogues, one module per area; see :mod:`invoices.i18n`."""
