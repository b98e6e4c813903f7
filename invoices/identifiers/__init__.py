"""French business identifiers, one small module each, on python-stdnum.

:mod:`.siren` and :mod:`.siret` say what the number is, which EN 16931 scheme
(ISO 6523 ICD) announces it, and whether its checksum holds (stdnum knows La
Poste's exception); :mod:`.seller_key` is the seller identity a duplicate invoice
must share.  The model, the validation and the store all ask here, so a rule about
an identifier is written once.
"""
