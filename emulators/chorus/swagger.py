"""The emulator's check of its own ``factures`` answers against the official Swagger.

``platforms/chorus/swagger-factures.json`` is the AIFE's published Swagger 2.0 (shared
with our client, which checks its requests with it).  Every HTTP 200 answer of a
``factures`` operation is validated here in strict mode: the published models are open,
so every modelled object is closed first, which is what catches an invented or misspelt
member.  ``format`` is not enforced: the Swagger says ``date-time`` where the platform
answers ``YYYY-MM-DD`` (API.md 5.3).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from emulators.chorus.platform import DATA_PACKAGE

SPEC_FILE = "swagger-factures.json"
SPEC_URI = "urn:chorus-pro:swagger-factures:emulator"


@cache
def spec() -> dict[str, Any]:
    """The published Swagger document, parsed once."""
    text = resources.files(DATA_PACKAGE).joinpath(SPEC_FILE).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def answer_models() -> dict[str, str]:
    """Path after ``/cpro/`` (``factures/v1/deposer/flux``) -> definition of its 200 answer."""
    document = spec()
    base = str(document.get("basePath", "")).removeprefix("/cpro/").strip("/")
    models: dict[str, str] = {}
    for path, methods in document["paths"].items():
        for operation in methods.values():
            schema = operation.get("responses", {}).get("200", {}).get("schema") or {}
            if "$ref" in schema:
                models[f"{base}/{path.strip('/')}"] = str(schema["$ref"]).rsplit("/", 1)[-1]
    return models


@cache
def _validator(definition: str) -> Draft4Validator:
    document = json.loads(json.dumps(spec()))
    for model in document["definitions"].values():
        if "properties" in model:
            model.setdefault("additionalProperties", False)
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(document, default_specification=DRAFT4)
    )
    return Draft4Validator({"$ref": f"{SPEC_URI}#/definitions/{definition}"}, registry=registry)


def answer_errors(operation: str, body: Any) -> list[str]:
    """How an answer of ``operation`` departs from its official model (empty = it conforms;
    also empty for an operation the Swagger does not describe)."""
    definition = answer_models().get(operation)
    if definition is None:
        return []
    errors = sorted(_validator(definition).iter_errors(body), key=lambda e: list(e.path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]
