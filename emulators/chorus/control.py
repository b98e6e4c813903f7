"""Test controls under ``/__emulator/`` (not part of Chorus Pro; no authentication).

The server binds 127.0.0.1 only; these endpoints let a test or a trainer drive the
platform: read the journal, reset or reseed the world, move the clock, force a status,
inject faults, place received invoices in bulk, change settings, dump the state.

=======  ========================  ==================================================
method   path                      body / answer
=======  ========================  ==================================================
GET      /journal                  ``?operation=&since=`` -> ``{"entries": [...]}``
DELETE   /journal                  clear it
POST     /reset                    back to the start seed (or ``{"seed": {...}}``);
                                   journal and faults cleared, config kept
POST     /seed                     ``{...seed world...}``: replace the world
GET      /clock                    ``{"now": iso, "scale": x}``
POST     /clock                    ``{"advance": seconds}`` and/or ``{"scale": x}``
POST     /process                  run every pending step now (clock moved forward)
POST     /force                    ``{"idFacture", "statut", "commentaire"?}`` or
                                   ``{"numeroFluxDepot", "etat"}`` (flow then frozen)
GET      /faults                   the rules and their counters
POST     /faults                   one rule ``{"operation", "kind", ...}`` or
                                   ``{"rules": [...]}``
DELETE   /faults                   remove every rule
POST     /script                   ``{"numeroFacture"|"idFacture", "statut", "after",
                                   "motif"?, "numeroDPMandat"?}`` or ``{"steps": [...]}``:
                                   a recipient decision taken ``after`` emulator seconds
                                   once legal (GET lists the steps and when they applied)
POST     /invoices                 ``{"count", "recipient", "suppliers"?, "service"?,
                                   "engagement"?, "status"?}`` -> ids created
GET      /config                   settings;  POST /config: partial update
GET      /state                    dump (structures, flows, invoices, counters)
POST     /supplier, /attachments,  the commune's counterparts acting (see
         /moe                      :mod:`emulators.chorus.parties`)
=======  ========================  ==================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from emulators.chorus import bulk, parties
from emulators.chorus.clock import iso_ms
from emulators.chorus.entities import FLOW_TERMINAL, SeedError
from emulators.chorus.seed import load_seed
from emulators.chorus.views import money
from emulators.chorus.world import World


def process_now(server: Any) -> None:
    """Advance the clock until nothing planned is left (scripted chains take a few rounds)."""
    world: World = server.world
    with world.lock:
        world.tick()
        for _round in range(100):
            until = world.pending_until()
            now = world.clock.now()
            if until is None:
                return
            if until > now:
                world.clock.advance((until - now).total_seconds() + 0.001)
            world.tick()


def dump(world: World) -> dict[str, Any]:
    return {
        "now": iso_ms(world.clock.now()),
        "counters": {"flow": world.next_flow, "invoice": world.next_invoice},
        "structures": [
            {
                "idStructureCPP": s.id,
                "siret": s.siret,
                "designation": s.designation,
                "active": s.active,
                "public": s.public,
                "services": [sv.code for sv in s.services],
            }
            for s in world.structures.values()
        ],
        "flows": [
            {
                "numeroFluxDepot": f.numero,
                "nomFichier": f.nom_fichier,
                "syntaxeFlux": f.syntaxe,
                "etat": f.state,
                "deposited": iso_ms(f.deposited_at),
                "depositor": f.depositor,
                "sha256": f.sha256,
                "invoices": list(f.invoices),
                "listeErreurDP": f.errors_dp,
                "listeErreurTechnique": f.errors_tech,
            }
            for f in world.flows.values()
        ],
        "invoices": [
            {
                "idFacture": i.id,
                "numeroFacture": i.number,
                "statut": i.status,
                "flow": i.flow,
                "supplier": i.supplier.siret,
                "recipient": i.recipient.siret,
                "service": i.service.code if i.service else None,
                "engagement": i.engagement,
                "montantTTC": money(i.total_ttc),
                "downloaded": i.downloaded,
                "history": [h.code for h in i.history],
            }
            for i in world.invoices.values()
        ],
        "scripts": list(world.scripts),
    }


def _list(body: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    """``body[name]`` when given (a list of objects), else the body itself as one item."""
    if name not in body:
        return [body]
    items = body[name]
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise ValueError(f"{name} must be a list of objects")
    return items


def dispatch(
    server: Any, method: str, path: str, body: Mapping[str, Any], query: Mapping[str, list[str]]
) -> tuple[int, dict[str, Any]]:
    world: World = server.world
    route = (method, path.rstrip("/"))
    if route == ("GET", "/journal"):
        operation = (query.get("operation") or [""])[0] or None
        since = int((query.get("since") or ["0"])[0])
        return 200, {"entries": server.journal.entries(operation, since)}
    if route == ("DELETE", "/journal"):
        server.journal.clear()
        return 200, {"cleared": True}
    if route == ("POST", "/reset"):
        seed = load_seed(body["seed"]) if "seed" in body else server.initial_seed
        return _reseed(server, seed)
    if route == ("POST", "/seed"):
        return _reseed(server, load_seed(body))
    if route == ("GET", "/clock"):
        return 200, {"now": iso_ms(world.clock.now()), "scale": world.config.clock_scale}
    if route == ("POST", "/clock"):
        with world.lock:
            if "scale" in body:
                world.clock.set_scale(float(body["scale"]))
                world.config.clock_scale = float(body["scale"])
            if "advance" in body:
                world.clock.advance(float(body["advance"]))
            world.tick()
            return 200, {"now": iso_ms(world.clock.now())}
    if route == ("POST", "/process"):
        process_now(server)
        return 200, {"now": iso_ms(world.clock.now())}
    if route == ("POST", "/force"):
        return _force(world, body)
    if route == ("GET", "/faults"):
        return 200, {"rules": server.faults.rules()}
    if route == ("POST", "/faults"):
        rules = _list(body, "rules")
        added = [server.faults.add(rule).as_dict() for rule in rules]
        return 200, {"added": added}
    if route == ("DELETE", "/faults"):
        server.faults.clear()
        return 200, {"cleared": True}
    if route == ("POST", "/invoices"):
        with world.lock:
            world.tick()
            made = bulk.add_received(
                world,
                count=int(body.get("count", 1)),
                recipient=str(body["recipient"]),
                suppliers=body.get("suppliers"),
                service=body.get("service"),
                engagement=body.get("engagement"),
                status=str(body.get("status", "MISE_A_DISPOSITION")),
                prefix=str(body.get("prefix", "EMU")),
                works_type=body.get("works_type"),
                moe=body.get("moe"),
            )
        return 200, {"idFacture": [i.id for i in made], "numeroFacture": [i.number for i in made]}
    if route == ("POST", "/script"):
        steps = _list(body, "steps")
        with world.lock:
            added = [world.add_script(step) for step in steps]
            world.tick()
        return 200, {"added": added}
    if route == ("GET", "/script"):
        with world.lock:
            world.tick()
            return 200, {"steps": list(world.scripts)}
    if method == "POST" and route[1] in parties.ROUTES:
        return parties.dispatch(world, route[1], body)
    if route == ("GET", "/config"):
        return 200, world.config.as_dict()
    if route == ("POST", "/config"):
        with world.lock:
            world.config.update(body)
            if "clock_scale" in body:
                world.clock.set_scale(float(body["clock_scale"]))
        return 200, world.config.as_dict()
    if route == ("GET", "/state"):
        with world.lock:
            world.tick()
            return 200, dump(world)
    return 404, {"error": f"no emulator control {method} {path}"}


def _reseed(server: Any, seed: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    world: World = server.world
    with world.lock:
        try:
            world.load(seed)
        except SeedError as exc:
            return 400, {"error": str(exc)}
        world.seed = seed
    server.journal.clear()
    server.faults.clear()
    return 200, {"structures": len(world.structures), "accounts": len(world.accounts)}


def _force(world: World, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    with world.lock:
        world.tick()
        now = world.clock.now()
        if "idFacture" in body:
            invoice = world.invoices.get(int(body["idFacture"]))
            if invoice is None:
                return 404, {"error": f"no invoice {body['idFacture']}"}
            status = str(body["statut"])
            invoice.schedule.clear()
            world.set_status(invoice, status, now, comment=body.get("commentaire"))
            if world.lifecycle.next_system(status):
                world.schedule_routing(invoice, now)
            return 200, {"idFacture": invoice.id, "statut": invoice.status}
        flow = world.flows.get(str(body.get("numeroFluxDepot")))
        if flow is None:
            return 404, {"error": f"no flow {body.get('numeroFluxDepot')}"}
        state = str(body["etat"])
        flow.state, flow.state_at = state, now
        flow.frozen = state not in FLOW_TERMINAL or bool(body.get("freeze", True))
        return 200, {"numeroFluxDepot": flow.numero, "etat": flow.state}
