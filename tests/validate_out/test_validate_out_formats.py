"""Each report format on reports built by hand, in French and in English."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from invoices.i18n import set_language, t
from invoices.validation.output import FORMATS, render
from invoices.validation.report import Finding, Layer, Report, Severity

HERE = Path(__file__).resolve().parent
CEN_LOC = (
    "/*:CrossIndustryInvoice[namespace-uri()='urn:un:unece:uncefact:data:standard:"
    "CrossIndustryInvoice:100'][1]/*:SupplyChainTradeTransaction[1]"
)
HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png">'


def _reports() -> list[Report]:
    good = Report(
        file="factures/bonne.xml",
        sha256="a" * 64,
        syntax="cii",
        profile="en16931",
        layers_run=[Layer.SAFETY, Layer.SYNTAX, Layer.EN16931, Layer.CHORUS],
        artefacts={"CEN EN16931 CII": "1.3.14", "factur-x": "7.8"},
        findings=[
            Finding(
                Layer.CHORUS,
                "CPRO-SELLER-02",
                Severity.WARNING,
                "The seller is identified only by its SIREN 402123459",
                terms=("BT-30", "BT-29"),
            )
        ],
    )
    bad = Report(
        file=f"factures/{HOSTILE}.xml",
        sha256="b" * 64,
        syntax="cii",
        profile="en16931",
        layers_run=[Layer.SAFETY, Layer.SYNTAX, Layer.EN16931, Layer.CHORUS],
        artefacts={"CEN EN16931 CII": "1.3.14"},
        findings=[
            Finding(
                Layer.EN16931,
                "BR-CO-10",
                Severity.FATAL,
                "[BR-CO-10]-Sum of Invoice line net amount (BT-106) = Σ Invoice "
                "line net amount (BT-131).",
                location=CEN_LOC,
                terms=("BT-106", "BT-131"),
            ),
            Finding(
                Layer.EN16931,
                "BR-CL-24",
                Severity.WARNING,
                f"Mime code {HOSTILE} is not allowed",
                location=CEN_LOC,
            ),
            Finding(
                Layer.CHORUS,
                "CPRO-SERVICE-01",
                Severity.FATAL,
                "Service code missing: recipient 21440109300015 requires one",
                location="/rsm:CrossIndustryInvoice/ram:BuyerReference",
                terms=("BT-10",),
            ),
        ],
    )
    unchecked = Report(
        file="factures/illisible.pdf",
        sha256="c" * 64,
        syntax="pdf",
        findings=[Finding(Layer.SAFETY, "SAFETY-PDF-01", Severity.FATAL, "broken PDF \x01 stream")],
    )
    return [good, bad, unchecked]


@pytest.fixture(params=["fr", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    set_language(request.param)
    return request.param


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        render(_reports(), "pdf")


def test_every_format_renders_an_empty_list(lang: str) -> None:
    for fmt in FORMATS:
        assert render([], fmt)


# ------------------------------------------------------------------ json


def test_json_is_one_object_per_file_with_the_documented_keys(lang: str) -> None:
    data = json.loads(render(_reports(), "json"))
    assert [d["file"] for d in data] == [r.file for r in _reports()]
    for item in data:
        assert set(item) == {
            "file",
            "sha256",
            "syntax",
            "profile",
            "valid",
            "verdict",
            "not_checked",
            "findings",
            "artefacts",
            "invoice",
        }
        for finding in item["findings"]:
            assert set(finding) == {"layer", "rule", "severity", "location", "message", "terms"}
    assert [d["valid"] for d in data] == [True, False, False]
    assert [d["verdict"] for d in data] == ["valid", "invalid", "invalid"]
    assert data[1]["findings"][0] == {
        "layer": "en16931",
        "rule": "BR-CO-10",
        "severity": "fatal",
        "location": CEN_LOC,
        "message": _reports()[1].findings[0].message,
        "terms": ["BT-106", "BT-131"],
    }
    assert data[0]["artefacts"] == {"CEN EN16931 CII": "1.3.14", "factur-x": "7.8"}


# ------------------------------------------------------------------ text


def test_text_groups_by_layer_with_terms_and_explanations(lang: str) -> None:
    text = render(_reports(), "text")
    assert "\x1b[" not in text  # no colour unless asked
    bad = text.split("\n\n")[1]
    assert (
        bad.index(t("validate_out.layer_en16931"))  # the layer in words, not its code
        < bad.index("BR-CO-10")
        < bad.index(t("validate_out.layer_chorus"))
        < bad.index("CPRO-SERVICE-01")
    )
    assert bad.index("BR-CO-10") < bad.index("BR-CL-24")  # worst first within a layer
    assert CEN_LOC in bad
    if lang == "fr":
        assert "NON VALIDE" in bad and "ERREUR  BR-CO-10" in bad
        assert "BT-106 Somme des montants nets des lignes" in bad
        assert "BT-10 Référence acheteur (code service Chorus Pro)" in bad
        assert "En clair : Règle de cohérence" in bad
        assert "3 document(s) : 1 valide(s), 2 non valide(s)" in text
        assert "Aucune couche de contrôle" in text
    else:
        assert "INVALID" in bad and "FATAL  BR-CO-10" in bad
        assert "BT-106 Sum of invoice line net amount" in bad
        assert "In plain words: Consistency rule" in bad
        assert "3 document(s): 1 valid, 2 invalid; 3 fatal finding(s), 2 warning(s)." in text
        assert "No validation layer could run" in text
    good = text.split("\n\n")[0]
    assert f"{t('validate_out.layer_syntax')} — " in good  # a layer that ran clean is shown
    assert "CEN EN16931 CII 1.3.14" in good
    assert "broken PDF \\x01 stream" in text  # control characters never reach the terminal


def test_text_terms_from_the_message_when_the_finding_has_none(lang: str) -> None:
    report = Report(
        file="f.xml",
        sha256="d" * 64,
        layers_run=[Layer.EN16931],
        findings=[
            Finding(
                Layer.EN16931,
                "BR-16",
                Severity.FATAL,
                "An Invoice shall have at least one Invoice line (BG-25)",
            )
        ],
    )
    assert "BG-25 " in render([report], "text")


def test_text_colour_only_when_asked() -> None:
    coloured = render(_reports(), "text", color=True)
    assert "\x1b[31" in coloured and "\x1b[32" in coloured


# ------------------------------------------------------------------ junit


def test_junit_has_the_shape_ci_servers_read(lang: str) -> None:
    xml = render(_reports(), "junit").encode("utf-8")
    schema = etree.XMLSchema(etree.parse(str(HERE / "junit.xsd")))
    root = etree.fromstring(xml)
    schema.assertValid(root)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.file for r in _reports()]
    good, bad, unchecked = suites
    assert good.get("failures") == "0" and good.get("tests") == "4"
    assert [c.get("name").split(":")[0] for c in bad.findall("testcase")] == [
        "safety",
        "syntax",
        "en16931",
        "chorus",
    ]
    assert bad.get("failures") == "2"
    en = bad.findall("testcase")[2]
    assert en.find("failure").get("type") == "BR-CO-10"
    assert "BT-106" in en.find("failure").text
    assert "BR-CL-24" in en.find("system-out").text  # a warning is not a failure
    assert good.find("testcase[4]/system-out") is not None
    props = {p.get("name"): p.get("value") for p in bad.iter("property")}
    assert props["sha256"] == "b" * 64 and props["valid"] == "false"
    assert props["artefact:CEN EN16931 CII"] == "1.3.14"
    # A document no layer checked fails the build, and control characters are dropped.
    assert unchecked.get("failures") == "2"
    assert unchecked.find("testcase").get("name") == "validation"
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites))
    assert root.get("failures") == "4"


# ------------------------------------------------------------------ html


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if tag == "html" and name == "lang":
                self.lang = value
            if name in ("src", "href", "action", "data", "srcset") and value:
                if name == "href" and value.startswith("#"):
                    continue  # an anchor inside the page
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_escaped_and_translated(lang: str) -> None:
    page = render(_reports(), "html")
    parsed = _Collector()
    parsed.feed(page)
    parsed.close()
    assert parsed.lang == lang
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert parsed.urls == []
    assert not re.search(
        r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.replace("http://evil.example", "")
    )  # the only URL is the hostile one, as inert text
    assert "@import" not in page and "url(" not in page
    text = "".join(parsed.text)
    assert HOSTILE in text  # shown to the reader, as text
    assert "<style>" in page
    # it also parses as XML-ish HTML with lxml (well-formed enough for mail clients)
    tree = etree.HTML(page)
    assert tree.find(".//title").text
    if lang == "fr":
        assert "Rapport de validation des factures" in text and "NON VALIDE" in text
        assert "Référence acheteur (code service Chorus Pro)" in text
    else:
        assert "Invoice validation report" in text and "INVALID" in text
        assert "Buyer reference (Chorus Pro service code)" in text
