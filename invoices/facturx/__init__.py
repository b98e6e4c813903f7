"""The Factur-X / ZUGFeRD PDF container: the readable PDF/A-3 that carries the XML.

Reading: :mod:`.extract` finds the invoice XML attached to a PDF, safely (bounded
sizes, a wall-clock bound from :mod:`.deadline`; the pypdf walk is
:mod:`.attachments`, the result :mod:`.content`), and :mod:`.xmp` the profile the
XMP metadata announces.  Writing: :mod:`.render` draws the readable pages,
:mod:`.embed` attaches the CII and writes the PDF/A-3 metadata.  :mod:`.profiles`
names the five Factur-X profiles for both directions.
"""
