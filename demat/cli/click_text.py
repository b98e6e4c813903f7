"""click's own texts (usage line, section titles, error messages) in our language.

click builds its texts in English through :func:`gettext.gettext`; installing a
translation for that global domain would change every other program using click in
the process.  Instead, our context uses a help formatter that translates what it
writes, and our commands show errors themselves (:func:`error_lines`): an English
click message is matched against the click templates below and rebuilt from our
catalogue (``cli.click.*`` in :mod:`invoices.messages.cli`).  A message no template
matches is shown as click wrote it, which a test over every error path catches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import click

from invoices.i18n import t

#: click's English templates (as in its sources) and the key of our own text.
#: Placeholders named ``message`` or ``choice`` hold another click text.
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("Invalid value for {param_hint}: {message}", "cli.click.invalid_value_for"),
    ("Invalid value: {message}", "cli.click.invalid_value"),
    ("{message} Did you mean {possibility}?", "cli.click.did_you_mean"),
    ("{message} (Did you mean one of: {possibilities}?)", "cli.click.did_you_mean_one_of"),
    ("Missing argument {param_hint}.", "cli.click.missing_argument"),
    ("Missing option {param_hint}.", "cli.click.missing_option"),
    ("Missing parameter {param_hint}.", "cli.click.missing_parameter"),
    ("Missing argument.", "cli.click.missing_argument_bare"),
    ("Missing command.", "cli.click.missing_command"),
    ("No such command {name!r}.", "cli.click.no_such_command"),
    ("No such option {name!r}.", "cli.click.no_such_option"),
    ("Option {name!r} requires an argument.", "cli.click.option_needs_value"),
    ("Option {name!r} requires {nargs} arguments.", "cli.click.option_needs_values"),
    ("Option {name!r} does not take a value.", "cli.click.option_takes_no_value"),
    ("Argument {name!r} takes {nargs} values.", "cli.click.argument_takes_values"),
    ("Got unexpected extra argument ({args})", "cli.click.extra_argument"),
    ("Got unexpected extra arguments ({args})", "cli.click.extra_arguments"),
    ("{name} {filename!r} does not exist.", "cli.click.path_missing"),
    ("{name} {filename!r} is a file.", "cli.click.path_is_file"),
    ("{name} {filename!r} is a directory.", "cli.click.path_is_directory"),
    ("{name} {filename!r} is not readable.", "cli.click.path_unreadable"),
    ("{name} {filename!r} is not writable.", "cli.click.path_unwritable"),
    ("{name} {filename!r} is not executable.", "cli.click.path_not_executable"),
    ("Could not open file {filename!r}: {message}", "cli.click.cannot_open"),
    ("{value!r} is not one of {choices}.", "cli.click.not_one_of"),
    ("{value!r} is not a valid integer.", "cli.click.not_integer"),
    ("{value!r} is not a valid float.", "cli.click.not_float"),
    ("{value!r} is not a valid {number_type}.", "cli.click.not_number"),
    ("{value!r} is not a valid boolean. Recognized values: {states}", "cli.click.not_boolean"),
    ("{value!r} is not a valid UUID.", "cli.click.not_uuid"),
    ("{value} is not in the range {range}.", "cli.click.out_of_range"),
    ("{value!r} is not {choice}.", "cli.click.not_choice"),
    ("{value!r} does not match the format {format}.", "cli.click.bad_format"),
    ("{value!r} does not match the formats {formats}.", "cli.click.bad_formats"),
)

#: click's words inside other texts: the kind of path, section titles, help extras.
WORDS = {
    "Path": "cli.click.word_path",
    "File": "cli.click.word_file",
    "Directory": "cli.click.word_directory",
    "Usage": "cli.click.usage",
    "Options": "cli.click.options",
    "Commands": "cli.click.commands",
    "Positional arguments": "cli.click.arguments",
}

#: Help extras (``[default: text]``, ``[required]``, ``[env var: X]``) and their keys.
_EXTRAS = (
    (re.compile(r"default: "), "cli.click.extra_default"),
    (re.compile(r"env var: "), "cli.click.extra_env"),
    (re.compile(r"\brequired\b"), "cli.click.extra_required"),
)

_FIELD = re.compile(r"\{(\w+)(![rs])?\}")
_NESTED = {"message", "choice"}


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression that recognises the text click formats from ``template``."""
    regex, pos = "", 0
    for match in _FIELD.finditer(template):
        regex += re.escape(template[pos : match.start()])
        name = match.group(1)
        if match.group(2) == "!r":
            regex += f"(?P<q_{name}>['\"])(?P<{name}>.*?)(?P=q_{name})"
        else:
            regex += f"(?P<{name}>.+?)"
        pos = match.end()
    return re.compile(regex + re.escape(template[pos:]) + r"\Z", re.DOTALL)


def _word(word: str) -> str:
    key = WORDS.get(word)
    return t(key) if key else word


def translate(message: str) -> str:
    """``message`` (a text click wrote in English) in the current language."""
    message = message.strip()
    for template, key in TEMPLATES:
        match = _pattern(template).match(message)
        if match is None:
            continue
        params = {k: v for k, v in match.groupdict().items() if not k.startswith("q_")}
        for name in _NESTED & params.keys():
            params[name] = translate(params[name])
        if "name" in params and "filename" in params:
            params["name"] = _word(params["name"])
        return t(key, **params)
    return message


def error_lines(exc: click.ClickException) -> list[str]:
    """What ``exc.show()`` prints, in our language: usage and hint first for a usage error."""
    lines: list[str] = []
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        ctx = exc.ctx
        lines.append(ctx.get_usage())
        names = ctx.command.get_help_option_names(ctx)
        if ctx.command.get_help_option(ctx) is not None and names:
            lines.append(t("cli.click.try_help", command=ctx.command_path, option=max(names)))
        lines.append("")
    lines.append(t("cli.click.error", message=translate(exc.format_message())))
    return lines


class DematFormatter(click.HelpFormatter):
    """click's help layout, with its own words (usage, section titles, extras) translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = t("cli.click.usage") + " "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        title = t("cli.click.heading", name=_word(heading))
        self.write(f"{'':>{self.current_indent}}{title}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, _extras(text)) for term, text in rows], col_max, col_spacing)


def _extras(text: str) -> str:
    """The ``[...]`` extras at the end of an option's help, translated."""
    start = text.rfind("[")
    if start < 0 or not text.endswith("]"):
        return text
    inner = text[start + 1 : -1]
    for pattern, key in _EXTRAS:
        inner = pattern.sub(t(key), inner)
    return f"{text[:start]}[{inner}]"


class DematContext(click.Context):
    """The context of every ``demat`` command: its help goes through :class:`DematFormatter`."""

    formatter_class = DematFormatter
