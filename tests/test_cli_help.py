"""The command line's help follows --lang, for every command, whatever LANG says."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from demat.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(main))
def test_every_help_is_in_the_chosen_language(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    french = runner.invoke(main, ["--lang", "fr", *path, "--help"])
    assert french.exit_code == 0, french.output
    assert "Affiche cette aide et quitte." in french.output
    assert "Show this message and exit." not in french.output
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    english = runner.invoke(main, ["--lang", "en", *path, "--help"])
    assert english.exit_code == 0, english.output
    assert "Show this message and exit." in english.output
    assert "Affiche cette aide et quitte." not in english.output
    assert french.output != english.output


def test_option_help_follows_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = CliRunner().invoke(main, ["--lang", "fr", "validate", "--help"])
    assert "Ajoute les règles françaises BR-FR." in result.output
