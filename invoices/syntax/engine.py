"""The one generic engine that turns a declarative mapping table into the model.

Each syntax describes *where* every business term lives (``syntax/cii/paths.py``,
``syntax/ubl/paths.py``, ...): a table ``model field -> XPath`` with nested tables for
the groups.  *What* a value is comes from the model itself: the engine reads the
type hints of :mod:`invoices.model` (``Decimal``, ``date``, ``bytes``,
``Identifier``, ``tuple[Line, ...]``, ``Party | None``...) and converts
accordingly.  So a mapping is a reviewable list of paths, the conversions are
written once, and a field added to the model only needs its path per syntax.

Every XPath is compiled once, when the mapping module is imported
(``etree.XPath`` objects), which is what makes the readers fast.  Conversion
errors name the business term (``BT-119``) and the offending value, so the
user learns what is wrong in which file instead of seeing a traceback.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from invoices.errors import InputError
from invoices.model import Identifier, term_of

#: xs:decimal lexical space: no exponent, no NaN/Infinity (``Decimal`` would take them).
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")

Value = Any  # an XPath result item: element or attribute/text string


@dataclass(frozen=True, slots=True)
class Ident:
    """Where an :class:`~invoices.model.Identifier` lives: the node, then its value
    and scheme relative to that node (the scheme is an attribute in most places,
    a sibling element in a few, e.g. CII ``ReferenceTypeCode``)."""

    path: str
    value: str = "."
    scheme: str | None = "@schemeID"


@dataclass(frozen=True, slots=True)
class Custom:
    """A value that needs a syntax-specific conversion of its text (e.g. the UBL
    ``#SUBJECT#text`` note convention).  ``convert`` gets the stripped text."""

    path: str
    convert: Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Group:
    """A nested group (BG-n): the node(s) that hold it and its own table."""

    path: str
    table: Mapping[str, Spec]


Spec = str | Ident | Custom | Group
Table = Mapping[str, Spec]
DateParser = Callable[[Value], date | None]


Finder = Callable[..., Any]
_STEP = re.compile(r"(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)")


class _NoVariables:
    """An XPath that uses no variable: not paying for binding them on every call."""

    __slots__ = ("xpath",)

    def __init__(self, xpath: etree.XPath) -> None:
        self.xpath = xpath

    def __call__(self, node: etree._Element, **_variables: str) -> Any:
        return self.xpath(node)


class _Steps:
    """A plain child path (``ram:A/ram:B``, ``../cac:X``, ``ram:A/@unitCode``, ``.``)
    walked with ``iterchildren``: the bulk of every mapping, several times faster than
    evaluating an XPath.  Anything else (predicates, unions) stays an ``etree.XPath``."""

    __slots__ = ("attribute", "steps")

    def __init__(self, steps: tuple[str | None, ...], attribute: str | None) -> None:
        self.steps = steps  # a Clark name, or None for ".."
        self.attribute = attribute

    @classmethod
    def compile(cls, path: str, namespaces: Mapping[str, str]) -> _Steps | None:
        parts = path.strip().split("/")
        attribute = None
        if parts and parts[-1].startswith("@"):
            match = _STEP.fullmatch(parts.pop()[1:])
            if match is None or match.group(1):
                return None
            attribute = match.group(2)
        steps: list[str | None] = []
        for part in parts:
            if part == ".":
                continue
            if part == "..":
                steps.append(None)
                continue
            match = _STEP.fullmatch(part)
            if match is None or match.group(1) not in namespaces:
                return None
            steps.append(f"{{{namespaces[match.group(1)]}}}{match.group(2)}")
        return cls(tuple(steps), attribute)

    def __call__(self, node: etree._Element, **_variables: str) -> list[Any]:
        return self.walk(node, {})

    def walk(self, node: etree._Element, cache: dict[Any, list[Any]]) -> list[Any]:
        """The nodes reached; ``cache`` shares the walks of common prefixes between the
        fields of one document (the header paths all start with the same three steps,
        and each step over a transaction with many lines scans every line)."""
        current = [node]
        for index, step in enumerate(self.steps):
            key = (node, self.steps[: index + 1])
            cached = cache.get(key)
            if cached is None:
                if step is None:  # "..": each parent once, as XPath would
                    parents = (n.getparent() for n in current)
                    cached = list({id(p): p for p in parents if p is not None}.values())
                else:
                    cached = [child for n in current for child in n.iterchildren(step)]
                cache[key] = cached
            current = cached
            if not current:
                return current
        if self.attribute is not None:
            return [v for v in (n.get(self.attribute) for n in current) if v is not None]
        return current


class _Context:
    """What a conversion needs to report an error: the file and the variables."""

    __slots__ = ("cache", "file", "variables")

    def __init__(self, file: str | None, variables: dict[str, str]) -> None:
        self.file = file
        self.variables = variables
        #: Shared walks of plain paths (see :meth:`_Steps.walk`); it holds the nodes
        #: it is keyed by, so their identity stays valid for the whole build.
        self.cache: dict[Any, list[Any]] = {}


def _text(item: Value) -> str | None:
    text = item if isinstance(item, str) else item.text
    if text is None:
        return None
    text = text.strip()
    return text or None


def _resolve_hint(hint: Any) -> tuple[Any, bool]:
    """``(base type, is a tuple of them)`` for a model field type hint."""
    many = False
    origin = typing.get_origin(hint)
    if origin is tuple:
        hint = typing.get_args(hint)[0]
        many = True
    elif origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0]
    return hint, many


class _Field:
    """One compiled field of a compiled table."""

    __slots__ = (
        "convert",
        "kind",
        "many",
        "name",
        "owner",
        "role",
        "scheme_xp",
        "sub",
        "value_xp",
        "xpath",
    )

    def __init__(
        self, name: str, kind: Any, many: bool, xpath: Finder, owner: type, role: str | None
    ) -> None:
        self.name = name
        self.kind = kind
        self.many = many
        self.xpath = xpath
        self.owner = owner
        self.role = role
        self.sub: _Compiled | None = None
        self.value_xp: Finder | None = None
        self.scheme_xp: Finder | None = None
        self.convert: Callable[[str], Any] | None = None

    def term(self) -> str:
        return term_of(self.owner, self.name, self.role) or self.name


class _Compiled:
    """A table compiled against one model class in one role."""

    __slots__ = ("cls", "dates", "fields")

    def __init__(self, cls: type, fields: list[_Field], dates: DateParser) -> None:
        self.cls = cls
        self.fields = fields
        self.dates = dates


class CompiledMapping:
    """A compiled mapping: a model class, its table, namespaces, date format."""

    def __init__(
        self,
        model: type,
        table: Table,
        *,
        namespaces: Mapping[str, str],
        dates: DateParser,
        variables: Mapping[str, str] | None = None,
        fast: bool = True,
    ) -> None:
        self._ns = dict(namespaces)
        self._fast = fast  # False: every path is an etree.XPath (the reference for tests)
        self._dates = dates
        self._variables = {name: self._xpath(path) for name, path in (variables or {}).items()}
        self.root = self._compile(model, table, None)

    def _xpath(self, path: str) -> Finder:
        simple = _Steps.compile(path, self._ns) if self._fast else None
        if simple is not None:
            return simple
        try:
            xpath = etree.XPath(path, namespaces=self._ns, smart_strings=False)
        except etree.XPathSyntaxError as exc:  # a bug in a mapping table: fail at import
            raise ValueError(f"bad XPath in mapping: {path!r}: {exc}") from exc
        finder: Finder = xpath if "$" in path else _NoVariables(xpath)
        return finder

    def _compile(self, cls: type, table: Table, role: str | None) -> _Compiled:
        hints = typing.get_type_hints(cls)
        meta = {f.name: f for f in dataclasses.fields(cls)}
        fields = []
        for name, spec in table.items():
            if name not in meta:
                raise ValueError(f"{cls.__name__} has no field {name!r}")
            kind, many = _resolve_hint(hints[name])
            path = spec if isinstance(spec, str) else spec.path
            field = _Field(name, kind, many, self._xpath(path), cls, role)
            if isinstance(spec, Group):
                child_role = meta[name].metadata.get("role")
                if child_role == "*":
                    child_role = role
                field.sub = self._compile(kind, spec.table, child_role or role)
            elif isinstance(spec, Ident) or kind is Identifier:
                ident = spec if isinstance(spec, Ident) else Ident(path)
                field.kind = Identifier
                field.value_xp = self._xpath(ident.value)
                field.scheme_xp = self._xpath(ident.scheme) if ident.scheme else None
            elif isinstance(spec, Custom):
                field.convert = spec.convert
            fields.append(field)
        return _Compiled(cls, fields, self._dates)

    def build(self, root: etree._Element, file: str | None = None) -> Any:
        """The model instance described by ``root`` (raises :class:`InputError`)."""
        variables: dict[str, str] = {}
        for name, xp in self._variables.items():
            found = [t for t in (_text(v) for v in xp(root)) if t]
            variables[name] = found[0] if found else ""
        ctx = _Context(file, variables)
        result = _build(self.root, root, ctx)
        return result if result is not None else self.root.cls()


def _build(compiled: _Compiled, node: etree._Element, ctx: _Context) -> Any:
    values: dict[str, Any] = {}
    for field in compiled.fields:
        xpath = field.xpath
        if type(xpath) is _Steps:
            found = xpath.walk(node, ctx.cache)
        else:
            found = xpath(node, **ctx.variables)
        if not isinstance(found, list):  # a scalar XPath (string(), count()...)
            found = [found]
        if field.sub is not None:
            built = [
                b
                for b in (
                    _build(field.sub, el, ctx) for el in found if isinstance(el, etree._Element)
                )
                if b is not None
            ]
            if built:
                values[field.name] = tuple(built) if field.many else built[0]
            continue
        converted = []
        for item in found:
            value = _convert(field, compiled, item, ctx)
            if value is not None:
                converted.append(value)
                if not field.many:
                    break
        if converted:
            values[field.name] = tuple(converted) if field.many else converted[0]
    if not values:
        return None
    return compiled.cls(**values)


def _convert(field: _Field, compiled: _Compiled, item: Value, ctx: _Context) -> Any:
    kind = field.kind
    if kind is Identifier:
        return _identifier(field, item, ctx)
    if kind is date:
        try:
            return compiled.dates(item)
        except ValueError as exc:
            raise InputError(
                "read.bad_date",
                file=ctx.file,
                term=field.term(),
                value=_text(item) or "",
                reason=str(exc),
            ) from None
    text = _text(item)
    if text is None:
        return None
    if field.convert is not None:
        return field.convert(text)
    if kind is str:
        return text
    if kind is Decimal:
        return _decimal(text, field, ctx)
    if kind is bytes:
        try:
            return base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise InputError("read.bad_base64", file=ctx.file, term=field.term()) from None
    raise TypeError(f"no conversion for {kind!r} ({field.owner.__name__}.{field.name})")


def _decimal(text: str, field: _Field, ctx: _Context) -> Decimal:
    if _DECIMAL.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            pass
    raise InputError("read.bad_decimal", file=ctx.file, term=field.term(), value=text[:40])


def _identifier(field: _Field, item: Value, ctx: _Context) -> Identifier | None:
    if isinstance(item, str):
        value = _text(item)
        return Identifier(value) if value else None
    assert field.value_xp is not None
    values = [t for t in (_text(v) for v in _as_list(field.value_xp(item, **ctx.variables))) if t]
    if not values:
        return None
    scheme = None
    if field.scheme_xp is not None:
        schemes = [
            t for t in (_text(v) for v in _as_list(field.scheme_xp(item, **ctx.variables))) if t
        ]
        scheme = schemes[0] if schemes else None
    return Identifier(values[0], scheme)


def _as_list(found: Any) -> list[Any]:
    return found if isinstance(found, list) else [found]
