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
    "xml.malformed_at": (
        "{file} : XML mal formé, ligne {line}, colonne {column} : {what}",
        "{file}: malformed XML, line {line}, column {column}: {what}",
    ),
    "xml.problem_mismatch": (
        "une balise de fin ne correspond pas à la balise ouverte",
        "an end tag does not match the open tag",
    ),
    "xml.problem_truncated": (
        "le fichier s'arrête au milieu d'un élément (fichier tronqué ?)",
        "the file stops in the middle of an element (truncated file?)",
    ),
    "xml.problem_extra": (
        "du contenu suit la fin du document",
        "content follows the end of the document",
    ),
    "xml.problem_char": ("caractère interdit en XML", "a character XML does not allow"),
    "xml.problem_encoding": (
        "octets hors de l'encodage que le fichier déclare",
        "bytes not in the encoding the file declares",
    ),
    "xml.problem_entity": ("entité non déclarée", "an undeclared entity"),
    "xml.problem_attribute": ("attribut mal écrit", "a badly written attribute"),
    "xml.problem_name": ("nom d'élément incorrect", "an incorrect element name"),
    "xml.problem_not_xml": (
        "ce n'est pas du XML (« < » attendu)",
        "this is not XML ('<' expected)",
    ),
    "xml.problem_other": ("structure XML incorrecte", "incorrect XML structure"),
}
