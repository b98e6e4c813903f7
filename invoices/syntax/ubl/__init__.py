"""UBL 2.1 Invoice and CreditNote (EN 16931 binding): names, paths, reader, writer."""
