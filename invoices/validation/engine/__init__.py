"""The official stylesheets' engine: SaxonC-HE in warm worker processes.

:mod:`.worker` is the only code that loads SaxonC, in a process of its own, so that
a native crash costs a worker, never the caller; :mod:`.pool` starts, feeds, times
out, kills and lends those workers.
"""

from invoices.validation.engine.pool import (
    DEFAULT_TIMEOUT,
    PIPELINE_DEPTH,
    POOL,
    Engine,
    EnginePool,
    Failure,
    Lender,
    Outcome,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "PIPELINE_DEPTH",
    "POOL",
    "Engine",
    "EnginePool",
    "Failure",
    "Lender",
    "Outcome",
]
