"""ZUGFeRD 1.0 CrossIndustryDocument: names, paths and reader (we do not write it)."""
