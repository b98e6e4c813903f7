"""``demat demo``: the whole pipeline on the samples the project ships, end to end.

The demo is what a newcomer runs first, right after ``pip install -e .``.  It shows
on real files what the project does, one step after the other:

1. read and check every sample (syntax, profile, the invoice, the official
   validation), broken ones included: a clear rejection is part of the show
   (:mod:`.check`);
2. ingest them into a *fresh* store in a temporary folder (never the clerk's real
   database; ``--keep DIR`` keeps it for ``demat list --db ...``) (:mod:`.ingest`);
3. start the Chorus Pro emulator in-process on loopback, send every valid invoice
   through the real connector, move the emulator clock until they are made
   available to their recipient, and show their status history (:mod:`.send`);
4. play the recipient: invoices addressed to the commune are received into the
   store, one is declared "service done", one rejected with a motif (:mod:`.receive`);
5. pay the one declared "service done" through Hélios: a mandate file, a PES built,
   sent over mutual TLS to the tiers de télétransmission emulator, acknowledged by
   Hélios, then set MANDATEE on Chorus Pro with its mandat number (:mod:`.helios`);
6. verify the tamper-evident audit chain of everything above (:mod:`.audit`).

On a fresh machine the official CEN artefacts for stand-alone CII may be missing;
the demo tries to fetch them (:mod:`.artefacts`), and without network says once how
to install them, shows the affected samples as "not checked" and runs the rest.

It is a thin orchestration over library calls (readers, validation, the pipeline,
the connector, the emulator, the audit chain): each step can only show what the
library really does, and any surprise makes the exit code 1.  How the report reads
is in :mod:`demat.views.demo`.
"""

from demat.demo.check import DemoRow, check_sample, run_demo
from demat.demo.pipeline import DemoOutcome, run_pipeline
from demat.demo.samples import sample_files, samples_dir

__all__ = [
    "DemoOutcome",
    "DemoRow",
    "check_sample",
    "run_demo",
    "run_pipeline",
    "sample_files",
    "samples_dir",
]
