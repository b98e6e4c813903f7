"""How folders are walked by validate, ingest and the batch."""

from __future__ import annotations

from pathlib import Path

from invoices.files import iter_files


def test_folders_are_walked_recursively_in_a_stable_order(tmp_path: Path) -> None:
    for rel in ("b/2.xml", "b/1.xml", "a/z/9.xml", "a/0.xml", "c.xml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"<x/>")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["c.xml", "a/0.xml", "a/z/9.xml", "b/1.xml", "b/2.xml"]
    assert list(iter_files([tmp_path / "c.xml", tmp_path / "b"])) == [
        tmp_path / "c.xml",
        tmp_path / "b" / "1.xml",
        tmp_path / "b" / "2.xml",
    ]


def test_hidden_files_are_left_out_and_validation_keeps_invoices(tmp_path: Path) -> None:
    for rel in (
        "F.PDF",
        "g.Xml",
        "notes.txt",
        ".hidden.xml",
        ".git/x.xml",
        "sub/.tmp.pdf",
        "sub/h.pdf",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    every = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert every == ["F.PDF", "g.Xml", "notes.txt", "sub/h.pdf"]
    invoices = [
        p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path], invoices_only=True)
    ]
    assert invoices == ["F.PDF", "g.Xml", "sub/h.pdf"]


def test_a_named_file_is_always_taken(tmp_path: Path) -> None:
    named = tmp_path / "facture.txt"
    named.write_bytes(b"x")
    missing = tmp_path / "absent.xml"
    assert list(iter_files([named, missing])) == [named, missing]
