"""What the demo runs with: a frozen emulator clock it moves itself, short client waits.

Kept apart from the steps so that a reader sees at once what the demo changes from
the defaults a clerk gets (and why the demo never touches the clerk's own settings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from invoices.syntax.pes.settings import HeliosSettings

#: Emulator settings of the demo: a frozen clock the demo moves itself, integration on
#: the first poll, routing and availability when the clock is moved (each step shows).
EMULATOR_SETTINGS: dict[str, Any] = {
    "clock_scale": 0,
    "delays": {"reception": 0, "integration": 0, "routing": 60, "availability": 120},
}
#: Client settings for a loopback emulator: short polls, short waits.
CLIENT_SETTINGS = {
    "DEMAT_CHORUS_POLL_INTERVAL": "0.05",
    "DEMAT_CHORUS_POLL_TIMEOUT": "20",
    "DEMAT_CHORUS_TIMEOUT": "10",
    "DEMAT_CHORUS_RECONCILE_GRACE": "30",
}
#: How many invoices other suppliers "deposit" for the commune in step 4.
RECEIVED_COUNT = 3
#: The commune's Hélios identity in the demo (the emulator's commune, a test poste comptable).
HELIOS_SETTINGS = HeliosSettings(
    id_post="034000",
    id_coll="21750011500019",
    cod_col="123",
    cod_bud="01",
    libelle_col_bud="COMMUNE DE SAINT-EXEMPLE",
)
#: Emulator seconds the demo moves the TdT clock by: posted -> transmitted -> acknowledged.
TDT_ADVANCE = 180
#: Status every invoice sent in step 3 must reach.
AVAILABLE = "MISE_A_DISPOSITION"
#: The database file of the demo's own store (a temporary folder, or ``--keep DIR``).
DB_FILE = "demat.sqlite3"

#: Where the demo writes its report, one line at a time (``click.echo`` in the CLI).
Echo = Callable[[str], None]
#: Where short progress texts go (a terminal only; ``None`` for silence).
Note = Callable[[str], None]
