"""One generic builder that turns a declarative element spec into an XML tree.

Each syntax (CII, UBL) is described once as a tree of :class:`El` nodes, in the
schema's element order: which model value fills an element, which attributes it
carries, over which collection it repeats, from which Factur-X profile on it is
allowed, and in which kind of document it exists.  The builder walks that spec
against an :class:`~invoices.model.Invoice`; nothing here knows about any syntax.
Keeping the structure as data means the order and the profile gating can be
read (and reviewed against the schema) in one place per syntax, instead of being
scattered through hand-written tree code.

Emission rule: an element is written when it has a value, or when one of its
children carries a value (or when marked ``always``: structural elements the
schema requires).  Constant subtrees (``const=``, e.g. ``cac:TaxScheme/cbc:ID``
= ``VAT``) are written with their parent but never make it appear on their own,
so an absent group stays absent instead of leaving an empty shell that the
schema (or PEPPOL-EN16931-R008, "no empty elements") would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

#: A value source: a dotted attribute path ("seller.address.city"; a leading "/"
#: starts from the invoice instead of the current item) or a function of the
#: current item and the build context.
Source = str | Callable[[Any, "Context"], Any]


@dataclass(frozen=True, slots=True)
class Context:
    """What a value source may need besides the current item."""

    invoice: Any
    #: The profile rank being written (see ``El.min``); 0 when the syntax has none.
    rank: int = 0
    #: The kind of document ("invoice", "credit"): some syntaxes differ by kind.
    kind: str = "invoice"


@dataclass(frozen=True, slots=True)
class El:
    """One element of a syntax: its tag, where its content comes from, its children."""

    tag: str
    value: Source | None = None
    children: tuple[El, ...] = ()
    #: Repeat this element once per item of this collection; the children then
    #: read from that item.
    each: Source | None = None
    #: Move the context to this object for the children (``None`` drops the element).
    at: Source | None = None
    attrs: Mapping[str, Source] = field(default_factory=dict)
    #: A fixed text; does not by itself make the parent appear.
    const: str | None = None
    #: Lowest profile rank that allows this element (CII Factur-X profiles).
    min: int = 0
    #: Only in documents of these kinds (``None``: all kinds).
    kinds: frozenset[str] | None = None
    #: Turns the value into text (``str`` by default).
    fmt: Callable[[Any], str] | None = None
    #: Written even when nothing fills it (structural elements the schema requires,
    #: or an element whose attributes say something even without a value).
    always: bool = False


def get(source: Source | None, item: Any, ctx: Context) -> Any:
    """Resolve a value source; a missing link anywhere in a path gives ``None``."""
    if source is None:
        return None
    if callable(source):
        return source(item, ctx)
    obj = item
    path = source
    if path.startswith("/"):
        obj, path = ctx.invoice, path[1:]
    for part in path.split(".") if path else ():
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _qname(tag: str, nsmap: Mapping[str | None, str]) -> str:
    prefix, _, local = tag.rpartition(":")
    namespace = nsmap.get(prefix or None)
    return f"{{{namespace}}}{local}" if namespace else local


class Builder:
    """Builds a document from a spec; one instance per syntax (holds the namespaces).

    ``namespaces``: prefix -> namespace, in the order the root declares them;
    ``default``: the namespace of unprefixed tags (UBL's document namespace).
    """

    def __init__(self, namespaces: Mapping[str, str], *, default: str | None = None) -> None:
        self.nsmap: dict[str | None, str] = {} if default is None else {None: default}
        self.nsmap.update((prefix, uri) for prefix, uri in namespaces.items())

    def build(self, root: El, invoice: Any, *, rank: int = 0, kind: str = "invoice") -> bytes:
        ctx = Context(invoice=invoice, rank=rank, kind=kind)
        top = etree.Element(_qname(root.tag, self.nsmap), nsmap=self.nsmap)
        for child in root.children:
            self._fill(child, top, invoice, ctx)
        text: bytes = etree.tostring(top, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return text

    def _fill(self, spec: El, parent: etree._Element, item: Any, ctx: Context) -> bool:
        """Append what ``spec`` gives for ``item`` to ``parent``; True if it held content."""
        if spec.min > ctx.rank or (spec.kinds is not None and ctx.kind not in spec.kinds):
            return False
        if spec.each is not None:
            filled = False
            for sub in get(spec.each, item, ctx) or ():
                filled = self._one(spec, parent, sub, ctx) or filled
            return filled
        return self._one(spec, parent, item, ctx)

    def _one(self, spec: El, parent: etree._Element, item: Any, ctx: Context) -> bool:
        if spec.at is not None:
            item = get(spec.at, item, ctx)
            if item is None:
                return False
        text: str | None = spec.const
        if spec.value is not None:
            value = get(spec.value, item, ctx)
            if not _empty(value):
                text = (spec.fmt or str)(value)
            elif not spec.always:
                return False
        element = etree.SubElement(parent, _qname(spec.tag, self.nsmap))
        element.text = text
        for name, source in spec.attrs.items():
            value = get(source, item, ctx)
            if not _empty(value):
                element.set(name, str(value))
        filled = spec.value is not None
        for child in spec.children:
            filled = self._fill(child, element, item, ctx) or filled
        if _constant(spec):
            return False  # kept (its parent decides), but is no content by itself
        if not (filled or spec.always):
            parent.remove(element)
            return False
        return True


def _constant(spec: El) -> bool:
    """A fixed subtree (``cac:TaxScheme/cbc:ID = VAT``): written whenever its parent is."""
    if spec.value is not None or spec.each is not None or spec.at is not None:
        return False
    if not spec.children:
        return spec.const is not None
    return all(_constant(child) for child in spec.children)
