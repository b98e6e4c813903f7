"""Check request and response bodies against the official Swagger of the ``factures`` API.

The operator (AIFE) publishes ``swagger-factures.json`` (Swagger 2.0).  One copy of that
published file ships in ``platforms/chorus`` so that the emulator can prove its answers
have the official shapes and the client can prove its requests do, without any network.

Swagger 2.0 ``definitions`` are JSON Schema draft 4 plus a few keywords of its own, so
they are checked with ``jsonschema``'s draft 4 validator over the whole spec document
(every ``#/definitions/...`` reference resolves inside it).

One deliberate leniency: the ``format`` keyword is not enforced.  The Swagger declares
``date-time`` for fields that the real platform fills with ``YYYY-MM-DD`` or
``YYYY-MM-DD HH:MM`` (section 5.3 of our API notes, seen in production clients), so
enforcing it would fail the platform itself.  Types, enums, required members and
structure are enforced.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_FILE = "swagger-factures.json"
SPEC_URI = "urn:chorus-pro:swagger-factures"


@dataclass(frozen=True)
class Operation:
    """One ``factures`` operation: where it lives and which definitions it uses."""

    operation_id: str
    path: str  # as called: ``/cpro/factures/v1/deposer/flux``
    request: str | None  # definition name of the body
    response: str  # definition name of the HTTP 200 answer


@cache
def spec() -> Mapping[str, Any]:
    """The official Swagger document (loaded once)."""
    text = resources.files("platforms.chorus").joinpath(SPEC_FILE).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _definition_name(schema: Mapping[str, Any] | None) -> str | None:
    if not schema or "$ref" not in schema:
        return None
    return str(schema["$ref"]).rsplit("/", 1)[-1]


@cache
def operations() -> dict[str, Operation]:
    """Every operation of the spec, keyed by the full path a client calls."""
    document = spec()
    base = document.get("basePath", "")
    found: dict[str, Operation] = {}
    for path, methods in document["paths"].items():
        for _method, op in methods.items():
            body = next((p for p in op.get("parameters", []) if p.get("in") == "body"), None)
            response = _definition_name(op.get("responses", {}).get("200", {}).get("schema"))
            if response is None:
                continue
            full = base + path
            found[full] = Operation(
                operation_id=op["operationId"],
                path=full,
                request=_definition_name(body.get("schema") if body else None),
                response=response,
            )
    return found


def operation(path_or_id: str) -> Operation:
    """Look an operation up by its path (with or without ``/cpro``) or its operationId."""
    ops = operations()
    key = path_or_id.split("?", 1)[0].rstrip("/")
    if not key.startswith("/"):
        key = "/" + key
    for candidate in (key, "/cpro" + key):
        if candidate in ops:
            return ops[candidate]
    for op in ops.values():
        if op.operation_id == path_or_id:
            return op
    raise KeyError(f"no operation {path_or_id!r} in {SPEC_FILE}")


def _closed(document: Mapping[str, Any]) -> dict[str, Any]:
    """The spec with every modelled object closed (``additionalProperties: false``)."""
    copy: dict[str, Any] = json.loads(json.dumps(document))
    for definition in copy["definitions"].values():
        if "properties" in definition:
            definition.setdefault("additionalProperties", False)
    return copy


@cache
def _validator(definition: str, strict: bool = False) -> Draft4Validator:
    document = _closed(spec()) if strict else dict(spec())
    if definition not in document["definitions"]:
        raise KeyError(f"no definition {definition!r} in {SPEC_FILE}")
    registry: Registry = Registry().with_resource(
        SPEC_URI, Resource.from_contents(document, default_specification=DRAFT4)
    )
    schema = {"$ref": f"{SPEC_URI}#/definitions/{definition}"}
    return Draft4Validator(schema, registry=registry)


def errors(definition: str, body: Any, *, strict: bool = False) -> list[str]:
    """Every way ``body`` departs from the definition, as readable one-liners (empty = valid).

    ``strict`` also refuses members the model does not declare: the published models are
    open, so only this mode catches an invented or misspelt field name.
    """
    found = []
    validator = _validator(definition, strict)
    for error in sorted(validator.iter_errors(body), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        found.append(f"{where}: {error.message}")
    return found


def response_errors(path_or_id: str, body: Any, *, strict: bool = False) -> list[str]:
    """Departures of an HTTP 200 answer of a ``factures`` operation from the official model."""
    return errors(operation(path_or_id).response, body, strict=strict)


def request_errors(path_or_id: str, body: Any, *, strict: bool = False) -> list[str]:
    """Departures of a request body from the official model (for the client's own checks)."""
    op = operation(path_or_id)
    if op.request is None:
        return []
    return errors(op.request, body, strict=strict)
