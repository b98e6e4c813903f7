"""Messages of the safe XML parser."""

MESSAGES = {
    "xml.empty": (
        "{file} : document XML vide",
        "{file}: empty XML document",
    ),
    "xml.doctype_refused": (
        "{file} : document refusé, il déclare un DOCTYPE (aucune facture n'en a besoin ; "
        "c'est le vecteur des attaques XXE et « billion laughs »)",
        "{file}: document refused, it declares a DOCTYPE (no invoice needs one; it is how "
        "XXE and 'billion laughs' attacks are carried)",
    ),
    "xml.malformed": (
        "{file} : XML mal formé : {reason}",
        "{file}: malformed XML: {reason}",
    ),
}
