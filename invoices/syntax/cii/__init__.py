"""UN/CEFACT CII D16B / D22B (Factur-X, ZUGFeRD 2 XML): names, paths, reader, writer."""
