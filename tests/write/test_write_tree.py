"""The generic spec-driven builder: emission rules every syntax spec relies on."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from invoices.syntax.builder import Builder, El


@dataclass
class Thing:
    name: str | None = None
    code: str | None = None
    parts: tuple[str, ...] = ()
    inner: Thing | None = None


NS = {"x": "urn:x"}


def build(root: El, obj: object, **kw: object) -> etree._Element:
    return etree.fromstring(Builder(NS, default="urn:test").build(root, obj, **kw))  # type: ignore[arg-type]


def tags(element: etree._Element) -> list[str]:
    return [etree.QName(e).localname for e in element.iter()][1:]


def test_constants_alone_do_not_make_a_group_appear() -> None:
    spec = El(
        "Doc",
        children=(
            El(
                "x:Tax",
                children=(
                    El("x:Scheme", children=(El("x:ID", const="VAT"),)),
                    El("x:Code", value="code"),
                ),
            ),
        ),
    )
    assert tags(build(spec, Thing())) == []
    assert tags(build(spec, Thing(code="S"))) == ["Tax", "Scheme", "ID", "Code"]


def test_empty_values_and_attributes_are_left_out() -> None:
    spec = El("Doc", children=(El("x:Name", value="name", attrs={"scheme": "code"}),))
    root = build(spec, Thing(name="A"))
    assert root[0].text == "A" and root[0].attrib == {}
    root = build(spec, Thing(name="A", code="0009"))
    assert root[0].get("scheme") == "0009"
    assert tags(build(spec, Thing(name=""))) == []


def test_profile_rank_and_document_kind_gate_elements() -> None:
    spec = El(
        "Doc",
        children=(
            El("x:Low", value="name"),
            El("x:High", value="name", min=3),
            El("x:CreditOnly", value="name", kinds=frozenset({"credit"})),
        ),
    )
    assert tags(build(spec, Thing(name="n"), rank=1)) == ["Low"]
    assert tags(build(spec, Thing(name="n"), rank=3)) == ["Low", "High"]
    assert tags(build(spec, Thing(name="n"), rank=3, kind="credit")) == [
        "Low",
        "High",
        "CreditOnly",
    ]


def test_each_at_and_always() -> None:
    spec = El(
        "Doc",
        children=(
            El("x:Part", each="parts", value=lambda item, _ctx: item.upper()),
            El("x:Inner", at="inner", children=(El("x:Name", value="name"),)),
            El("x:Required", always=True, children=(El("x:Name", value="/code"),)),
        ),
    )
    root = build(spec, Thing(parts=("a", "b"), code="c"))
    assert [e.text for e in root if etree.QName(e).localname == "Part"] == ["A", "B"]
    assert tags(root) == ["Part", "Part", "Required", "Name"]
    root = build(spec, Thing(inner=Thing(name="in")))
    assert tags(root) == ["Inner", "Name", "Required"]


def test_default_namespace_and_prefixes() -> None:
    root = build(El("Doc", children=(El("x:A", value="name"),)), Thing(name="v"))
    assert root.tag == "{urn:test}Doc" and root[0].tag == "{urn:x}A"
