"""The project's own ``samples/`` are addressed to the seed world: they must integrate."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _samples() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*") if p.suffix in (".xml", ".pdf"))


def _syntax(path: Path) -> str:
    if path.suffix == ".pdf":
        return "facturx"
    head = path.read_bytes()[:4000]
    return "cii" if b"CrossIndustryInvoice" in head else "ubl"


def test_there_are_samples():
    assert len(_samples()) >= 3, f"no samples found in {SAMPLES}"


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_sample_integrates(api, path):
    cr = api.integrate(path.read_bytes(), _syntax(path))
    assert cr["etatCourantDepotFlux"] == "IN_INTEGRE", (
        cr["listeErreurDP"],
        cr["listeErreurTechnique"],
    )
    [row] = api.invoices_of(cr["numeroFluxDepot"])
    assert row["statut"] == "MISE_A_DISPOSITION"
