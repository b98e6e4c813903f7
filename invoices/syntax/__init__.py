"""The invoice syntaxes: one folder per syntax (:mod:`.cii`, :mod:`.ubl`, :mod:`.zugferd1`).

Each folder holds where every business term lives in that syntax (``paths``: the
table the reader follows), the reader (``read``) and, where we write the syntax,
the element tree the writer follows (``elements``) and the writer (``write``).
Each folder's ``names`` says what makes a document of that syntax (namespaces,
root element, where BT-24 is), for the detection, the reader and the writer alike.
What they share sits here: the vocabulary (:mod:`.kinds`), the detection of what
a file is (:mod:`.detect`, and :mod:`.specification` for the profile BT-24 names),
the codes spelled differently per syntax (:mod:`.codes`), the generic reading
engine (:mod:`.engine`, :mod:`.dates`) and the generic writing builder
(:mod:`.builder`, :mod:`.formats`, :mod:`.sources`).  The PDF container is
:mod:`invoices.facturx`.
"""

from invoices.syntax.kinds import Detection, Profile, Syntax
from invoices.syntax.pes.acquit import Acquit, Anomaly, read_acquit

__all__ = ["Acquit", "Anomaly", "Detection", "Profile", "Syntax", "read_acquit"]
