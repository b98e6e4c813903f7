"""Messages of the MANDATEE loop: Hélios's acquit closed on Chorus Pro."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "mandatee.setting_bad": (
        "Réglage {name} invalide : « {value} » (attendu : true ou false).",
        "Setting {name} is invalid: '{value}' (expected true or false).",
    ),
    "mandatee.done": (
        "Facture {number} (n° {id}) : MANDATEE sur Chorus Pro, mandat {mandat}.",
        "Invoice {number} (id {id}): MANDATEE on Chorus Pro, mandat {mandat}.",
    ),
    "mandatee.reconciled": (
        "Facture {number} (n° {id}) : déjà MANDATEE sur Chorus Pro (mandat {mandat}), "
        "rien n'est renvoyé.",
        "Invoice {number} (id {id}): already MANDATEE on Chorus Pro (mandat {mandat}), "
        "nothing sent again.",
    ),
    "mandatee.unknown": (
        "Facture {number} (n° {id}) : résultat inconnu de la mise à MANDATEE (mandat "
        "{mandat}) ; le statut sera relu sur Chorus Pro au prochain suivi, sans renvoi. {message}",
        "Invoice {number} (id {id}): outcome of MANDATEE unknown (mandat {mandat}); the "
        "status will be read back from Chorus Pro at the next follow-up, not re-sent. {message}",
    ),
    "mandatee.refused": (
        "Facture {number} (n° {id}) : Chorus Pro refuse MANDATEE (mandat {mandat}) : {message}",
        "Invoice {number} (id {id}): Chorus Pro refuses MANDATEE (mandat {mandat}): {message}",
    ),
    "mandatee.held": (
        "Facture {number} (n° {id}) : non mise à MANDATEE : {message}",
        "Invoice {number} (id {id}): not set MANDATEE: {message}",
    ),
    "mandatee.unavailable": (
        "Facture {number} (n° {id}) : Chorus Pro injoignable, MANDATEE sera envoyé au "
        "prochain suivi : {message}",
        "Invoice {number} (id {id}): Chorus Pro unreachable, MANDATEE will be sent at the "
        "next follow-up: {message}",
    ),
    "mandatee.helios_ko": (
        "Facture {number} (n° {id}) : mandat {mandat} refusé par Hélios ({message}) ; la "
        "facture reste où elle était sur Chorus Pro.",
        "Invoice {number} (id {id}): mandat {mandat} refused by Hélios ({message}); the "
        "invoice stays where it was on Chorus Pro.",
    ),
    "mandatee.helios_ko_silent": (
        "sans motif donné",
        "no reason given",
    ),
    "demo.helios_step": (
        "paiement par Hélios : mandat, PES, tiers de télétransmission, acquit, MANDATEE",
        "payment through Hélios: mandat, PES, tiers de télétransmission, acquit, MANDATEE",
    ),
    "demo.helios_objet": ("Facture reçue de Chorus Pro", "Invoice received from Chorus Pro"),
    "demo.helios_mandates": (
        "fichier de mandats {file} : {count} mandat(s), comme l'exporterait le logiciel financier",
        "mandate file {file}: {count} mandat(s), as the finance software would export it",
    ),
    "demo.helios_tdt": (
        "tiers de télétransmission (émulateur S²LOW local, TLS mutuel) : {url}",
        "tiers de télétransmission (local S²LOW emulator, mutual TLS): {url}",
    ),
    "demo.helios_nothing": (
        "aucune facture au service fait : rien à mandater",
        "no invoice with service fait: nothing to mandate",
    ),
}
