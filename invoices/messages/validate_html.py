"""Words of the HTML validation report's summary table and folded official texts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "validate_html.summary_title": ("Récapitulatif", "Summary"),
    "validate_html.number": ("N° de facture", "Invoice number"),
    "validate_html.supplier": ("Fournisseur", "Supplier"),
    "validate_html.issue_date": ("Date", "Date"),
    "validate_html.total": ("Montant TTC (BT-112)", "Total incl. VAT (BT-112)"),
    "validate_html.verdict_valid": ("valide", "valid"),
    "validate_html.verdict_invalid": ("invalide", "invalid"),
    "validate_html.verdict_not_checked": ("contrôle impossible", "could not be checked"),
    "validate_html.details_title": ("Détail par facture", "Details by invoice"),
    "validate_html.where": ("Où", "Where"),
    "validate_html.official": (
        "Texte officiel de la règle et emplacement technique",
        "Official rule text and technical location",
    ),
    "validate_html.official_text": ("Texte officiel", "Official text"),
    "validate_html.xpath": ("Emplacement technique (XPath)", "Technical location (XPath)"),
    "validate_html.no_finding": ("Aucune remarque.", "No finding."),
    "validate_html.caption": (
        "Chaque ligne renvoie au détail de la facture.",
        "Each row links to the invoice's details.",
    ),
}
