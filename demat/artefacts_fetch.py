"""Installing the CEN EN 16931 artefacts: from the official release archives, or a local folder.

factur-x does not ship the CEN CII stylesheet nor the CII D16B schema, and the project
must not redistribute them in its repository; a user's machine downloads the official
archives once (``demat artefacts fetch``), a machine without internet installs them
from a folder (``demat artefacts install PATH``).  Either way every file kept is
checked against its pin in :mod:`schemas.catalogue` before it is installed, and files
are written to a temporary folder first and moved into place, so a failed or tampered
download never leaves a half-installed release behind.  This is the application's
work, not the catalogue's: ``schemas`` only pins and locates.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import httpx

from invoices.artefacts import artefacts_dir
from invoices.errors import SetupError
from schemas.catalogue import (
    CEN_DIRNAME,
    CEN_URLS,
    PES_DIRNAME,
    PES_RELEASE,
    cen_pins,
    forget_verified,
    matches_pin,
    pes_pins,
)

#: Largest archive we accept (the official ones are a few MB).
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Installed:
    target: Path
    files: int


def _check(name: str, data: bytes, source: str, origin: str = "cen") -> None:
    if not matches_pin(origin, name, data):
        raise SetupError("validate.artefact_bad_hash", file=source, name=name)


def _commit(files: Mapping[str, bytes], dirname: str = CEN_DIRNAME) -> Installed:
    """Write the checked files to a temporary folder, then swap it in place."""
    base = artefacts_dir()
    base.mkdir(parents=True, exist_ok=True)
    target = base / dirname
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=base))
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if target.exists():
            old = base / f".old-{dirname}"
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    forget_verified()
    return Installed(target, len(files))


def install_from_folder(folder: str | Path) -> Installed:
    """Install from a folder laid out like the release (``cii/xslt/...``, ``cii/schema/...``).

    ``folder`` may be the release folder itself or its parent holding
    ``cen-en16931-<release>/``.
    """
    root = Path(folder)
    if not root.is_dir():
        raise SetupError("validate.artefact_folder_missing", file=str(root))
    pes = _pes_bundle(root)
    if pes is not None:
        return _install_pes(pes)
    if (root / CEN_DIRNAME).is_dir():
        root = root / CEN_DIRNAME
    files: dict[str, bytes] = {}
    for name in cen_pins():
        path = root / name
        if not path.is_file():
            raise SetupError("validate.artefact_file_missing", file=str(root), name=name)
        data = path.read_bytes()
        _check(name, data, str(path))
        files[name] = data
    return _commit(files)


_PES_MAIN = "PES_V2/Rev0/PES_Aller.xsd"


def _pes_bundle(root: Path) -> Path | None:
    """The PES V2 bundle folder in ``root`` (the bundle itself, ``v5.30/``, ``schemas/v5.30/``
    or an installed ``pes-v5.30/``), or ``None`` when ``root`` is not a PES bundle."""
    version = f"v{PES_RELEASE}"
    for candidate in (root, root / version, root / "schemas" / version, root / PES_DIRNAME):
        if (candidate / _PES_MAIN).is_file():
            return candidate
    return None


def _install_pes(root: Path) -> Installed:
    """Every pinned file of the PES bundle, checked, then installed as one folder."""
    files: dict[str, bytes] = {}
    for name in pes_pins():
        path = root / name
        if not path.is_file():
            raise SetupError("validate.artefact_file_missing", file=str(root), name=name)
        data = path.read_bytes()
        _check(name, data, str(path), "pes")
        files[name] = data
    return _commit(files, PES_DIRNAME)


def _members(archive: zipfile.ZipFile, part: str, source: str) -> dict[str, bytes]:
    """The pinned files of ``part`` (cii/ubl) found in one release archive.

    The official archives hold ``xslt/...`` and ``schema/...`` at their top (some
    releases nest them in one folder), so members are matched by path suffix.
    """
    wanted = {name: name[len(part) + 1 :] for name in cen_pins() if name.startswith(part + "/")}
    by_suffix: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        member = PurePosixPath(info.filename)
        if member.is_absolute() or ".." in member.parts:
            continue  # never trust paths from an archive
        for name, suffix in wanted.items():
            if info.filename == suffix or info.filename.endswith("/" + suffix):
                by_suffix[name] = info
    found: dict[str, bytes] = {}
    for name in wanted:
        entry = by_suffix.get(name)
        if entry is None:
            raise SetupError("validate.artefact_file_missing", file=source, name=name)
        if entry.file_size > MAX_ARCHIVE_BYTES:
            raise SetupError("validate.artefact_archive_bad", file=source, reason="too large")
        data = archive.read(entry)
        _check(name, data, source)
        found[name] = data
    return found


def fetch(
    urls: Mapping[str, str] | None = None,
    *,
    client: httpx.Client | None = None,
    timeout: float = 60.0,
) -> Installed:
    """Download the official archives, keep the pinned files, check them, install them."""
    urls = dict(urls or CEN_URLS)
    own = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=True)
    files: dict[str, bytes] = {}
    try:
        for part, url in urls.items():
            data = _download(http, url)
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile as exc:
                raise SetupError(
                    "validate.artefact_archive_bad", file=url, reason=str(exc)
                ) from None
            with archive:
                files.update(_members(archive, part, url))
    finally:
        if own:
            http.close()
    missing = sorted(set(cen_pins()) - set(files))
    if missing:
        raise SetupError(
            "validate.artefact_file_missing", file=", ".join(urls.values()), name=missing[0]
        )
    return _commit(files)


def _download(http: httpx.Client, url: str) -> bytes:
    try:
        with http.stream("GET", url) as response:
            if response.status_code != 200:
                raise SetupError(
                    "validate.artefact_download_failed",
                    file=url,
                    reason=f"HTTP {response.status_code}",
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_ARCHIVE_BYTES:
                    raise SetupError("validate.artefact_archive_bad", file=url, reason="too large")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError as exc:
        raise SetupError(
            "validate.artefact_download_failed", file=url, reason=str(exc) or type(exc).__name__
        ) from None
