"""Messages of the Chorus Pro emulator command (``demat emulator serve``)."""

MESSAGES = {
    "emulator.cli_group_help": (
        "Émulateur local de l'API Chorus Pro (tests, démonstrations, formation).",
        "Local emulator of the Chorus Pro API (tests, demos, training).",
    ),
    "emulator.cli_serve_help": (
        "Lance l'émulateur Chorus Pro sur 127.0.0.1 jusqu'à Ctrl-C.",
        "Run the Chorus Pro emulator on 127.0.0.1 until Ctrl-C.",
    ),
    "emulator.opt_port": (
        "Port d'écoute (0 : un port libre au hasard).",
        "Port to listen on (0: any free port).",
    ),
    "emulator.opt_seed": (
        "Fichier JSON du monde initial (structures, comptes...) à la place du monde par défaut.",
        "JSON file of the initial world (structures, accounts...) instead of the default one.",
    ),
    "emulator.opt_token_ttl": (
        "Durée de vie des jetons OAuth en secondes (3600 par défaut).",
        "Lifetime of OAuth tokens in seconds (default 3600).",
    ),
    "emulator.opt_clock_scale": (
        "Vitesse de l'horloge de l'émulateur (1 : temps réel ; 0 : figée).",
        "Speed of the emulator clock (1: real time; 0: frozen).",
    ),
    "emulator.listening": (
        "Émulateur Chorus Pro à l'écoute sur {url} (contrôles : {url}/__emulator/). "
        "Pour y diriger demat :",
        "Chorus Pro emulator listening on {url} (controls: {url}/__emulator/). "
        "To point demat at it:",
    ),
    "emulator.stop_hint": (
        "Ctrl-C pour arrêter.",
        "Press Ctrl-C to stop.",
    ),
    "emulator.stopped": (
        "Émulateur arrêté.",
        "Emulator stopped.",
    ),
    "emulator.seed_invalid": (
        "{file} : monde initial inutilisable : {reason}",
        "{file}: unusable seed world: {reason}",
    ),
    "emulator.port_unavailable": (
        "Impossible d'écouter sur 127.0.0.1:{port} : {reason}",
        "Cannot listen on 127.0.0.1:{port}: {reason}",
    ),
}
