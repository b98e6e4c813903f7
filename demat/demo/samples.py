"""Which samples the demo shows: the repository's ``samples/`` folder, or another one.

The files are found by the project's one folder walker (:func:`invoices.files.iter_files`:
sorted, hidden files left out), then the demo keeps what is meant as an invoice
sample (not the generator script nor its notes) and puts the broken ones last, so
the table reads "what works" before "what is refused, and why".
"""

from __future__ import annotations

from pathlib import Path

from invoices.errors import SetupError
from invoices.files import iter_files

#: The samples folder of a source checkout (``samples/`` beside the package).
REPO_SAMPLES = Path(__file__).resolve().parents[2] / "samples"
#: Files of the samples folder that are not invoices.
NOT_SAMPLES = {".py", ".md", ".txt", ".pyc"}
#: Sub-folder of the samples whose files are broken on purpose.
BROKEN_DIR = "broken"
#: Sub-folders that hold other documents than invoices (the mandate files of PES V2).
OTHER_DIRS = {"pes"}


def samples_dir(directory: str | Path | None = None) -> Path:
    """The samples folder to show, or a :class:`SetupError` saying why there is none."""
    if directory is not None:
        path = Path(directory)
        if not path.is_dir():
            raise SetupError("demo.no_samples", file=str(path))
        return path
    # The repository's folder is recognised by its generator script, so an unrelated
    # "samples" folder beside an installed copy is never taken for it.
    if not (REPO_SAMPLES / "make_samples.py").is_file():
        raise SetupError("demo.no_samples", file=str(REPO_SAMPLES))
    return REPO_SAMPLES


def sample_files(directory: Path) -> list[Path]:
    """Every invoice-like file under ``directory``, good ones first, in name order."""
    files = [
        path
        for path in iter_files([directory])
        if path.suffix not in NOT_SAMPLES
        and path.relative_to(directory).parts[0] not in OTHER_DIRS
        and not any(part.startswith("__") for part in path.relative_to(directory).parts)
    ]
    return sorted(files, key=lambda p: (is_broken(p, directory), p.relative_to(directory)))


def is_broken(path: Path, directory: Path) -> bool:
    """Whether ``path`` is one of the samples meant to be rejected."""
    return path.relative_to(directory).parts[0] == BROKEN_DIR
