"""What the commune's counterparts do on the platform, driven by a test (``/__emulator``).

The commune's side is the API; its suppliers and its maître d'oeuvre act on their own
portal.  These controls let a test play them: a supplier completes a suspended
invoice (with new supporting documents) or recycles one, joins documents to an
invoice, a maître d'oeuvre sends a works invoice on.  Each step goes through the
status table (``transitions.json``) exactly as the platform would apply it.

=======  ==============  =================================================================
POST     /supplier       ``{"idFacture", "action": "completer"|"recycler", "commentaire"?,
                         "attachments"?: [{"name", "mime"?, "content" (base64)}]}``
POST     /attachments    ``{"idFacture", "attachments": [...]}``: joined to the invoice
POST     /moe            ``{"idFacture", "action": "prendre_en_compte"|"transmettre"|
                         "refuser", "commentaire"?}``
=======  ==============  =================================================================
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from emulators.chorus.entities import Attachment, Invoice
from emulators.chorus.platform import data
from emulators.chorus.works import moe_action
from emulators.chorus.world import World

ROUTES = ("/supplier", "/attachments", "/moe")


def dispatch(world: World, path: str, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    with world.lock:
        world.tick()
        invoice = world.invoices.get(int(body.get("idFacture") or 0))
        if invoice is None:
            return 404, {"error": f"no invoice {body.get('idFacture')}"}
        now = world.clock.now()
        comment = body.get("commentaire")
        comment = comment if isinstance(comment, str) else None
        if path == "/attachments":
            added = _attach(world, invoice, body.get("attachments"))
            return 200, {"idFacture": invoice.id, "attachments": added}
        if path == "/moe":
            status = moe_action(world, invoice, str(body.get("action")), now, comment)
            return 200, {"idFacture": invoice.id, "statut": status}
        action = str(body.get("action"))
        target = world.lifecycle.supplier_action(invoice.status, action)
        if target is None:
            return 409, {"error": f"{action} refused from {invoice.status}"}
        added = _attach(world, invoice, body.get("attachments") or [])
        world.set_status(invoice, target, now, comment=comment, user=invoice.depositor)
        if world.lifecycle.next_system(target):
            world.schedule_routing(invoice, now)
        return 200, {"idFacture": invoice.id, "statut": invoice.status, "attachments": added}


def _attach(world: World, invoice: Invoice, items: Any) -> list[int]:
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise ValueError("attachments must be a list of objects")
    limit = int(data("limits")["max_attachment_bytes"])
    made = []
    for item in items:
        try:
            content = base64.b64decode(str(item.get("content") or ""), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("attachment content must be base64") from None
        name = str(item.get("name") or "")
        if not content or not name or len(content) > limit:
            raise ValueError("an attachment needs a name and 1 byte to 10 MB of content")
        mime = str(item.get("mime") or "application/octet-stream")
        ident = world.new_attachment_id()
        invoice.attachments.append(Attachment(ident, name, mime, content))
        made.append(ident)
    return made
