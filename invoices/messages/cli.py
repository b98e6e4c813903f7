"""Messages of the command line itself (help texts, generic outcomes)."""

MESSAGES = {
    "cli.help": (
        "mairie-demat : factures électroniques des collectivités (lecture, contrôle, "
        "envoi à Chorus Pro, piste d'audit).",
        "mairie-demat: electronic invoices of French public bodies (read, check, send to "
        "Chorus Pro, audit trail).",
    ),
    "cli.opt_lang": (
        "Langue des messages (fr ou en) ; par défaut selon LANG.",
        "Language of the messages (fr or en); from LANG by default.",
    ),
    "cli.opt_help": (
        "Affiche cette aide et quitte.",
        "Show this message and exit.",
    ),
    "cli.opt_version": (
        "Affiche la version et quitte.",
        "Show the version and exit.",
    ),
    "cli.internal_error": (
        "Erreur interne inattendue : {reason}",
        "Unexpected internal error: {reason}",
    ),
}

#: click's own texts (see :mod:`demat.cli.click_text`).
MESSAGES |= {
    "cli.click.usage": ("Utilisation :", "Usage:"),
    "cli.click.heading": ("{name} :", "{name}:"),
    "cli.click.options": ("Options", "Options"),
    "cli.click.commands": ("Commandes", "Commands"),
    "cli.click.arguments": ("Arguments", "Positional arguments"),
    "cli.click.try_help": (
        "Aide : « {command} {option} ».",
        "Try '{command} {option}' for help.",
    ),
    "cli.click.error": ("Erreur : {message}", "Error: {message}"),
    "cli.click.aborted": ("Interrompu.", "Aborted!"),
    "cli.click.extra_default": ("par défaut : ", "default: "),
    "cli.click.extra_env": ("variable d'environnement : ", "env var: "),
    "cli.click.extra_required": ("obligatoire", "required"),
    "cli.click.word_path": ("le chemin", "Path"),
    "cli.click.word_file": ("le fichier", "File"),
    "cli.click.word_directory": ("le dossier", "Directory"),
    "cli.click.subcommand_metavar": ("COMMANDE [ARGUMENTS]...", "COMMAND [ARGS]..."),
    "cli.click.invalid_value_for": (
        "valeur incorrecte pour {param_hint} : {message}",
        "Invalid value for {param_hint}: {message}",
    ),
    "cli.click.invalid_value": ("valeur incorrecte : {message}", "Invalid value: {message}"),
    "cli.click.did_you_mean": (
        "{message} Vouliez-vous dire {possibility} ?",
        "{message} Did you mean {possibility}?",
    ),
    "cli.click.did_you_mean_one_of": (
        "{message} (Vouliez-vous dire l'un de : {possibilities} ?)",
        "{message} (Did you mean one of: {possibilities}?)",
    ),
    "cli.click.missing_argument": (
        "il manque l'argument {param_hint}.",
        "Missing argument {param_hint}.",
    ),
    "cli.click.missing_option": (
        "il manque l'option {param_hint}.",
        "Missing option {param_hint}.",
    ),
    "cli.click.missing_parameter": (
        "il manque le paramètre {param_hint}.",
        "Missing parameter {param_hint}.",
    ),
    "cli.click.missing_argument_bare": ("il manque un argument.", "Missing argument."),
    "cli.click.missing_command": ("il manque la commande.", "Missing command."),
    "cli.click.no_such_command": (
        "la commande « {name} » n'existe pas.",
        "No such command '{name}'.",
    ),
    "cli.click.no_such_option": (
        "l'option « {name} » n'existe pas.",
        "No such option '{name}'.",
    ),
    "cli.click.option_needs_value": (
        "l'option « {name} » attend une valeur.",
        "Option '{name}' requires an argument.",
    ),
    "cli.click.option_needs_values": (
        "l'option « {name} » attend {nargs} valeurs.",
        "Option '{name}' requires {nargs} arguments.",
    ),
    "cli.click.option_takes_no_value": (
        "l'option « {name} » ne prend pas de valeur.",
        "Option '{name}' does not take a value.",
    ),
    "cli.click.argument_takes_values": (
        "l'argument « {name} » attend {nargs} valeurs.",
        "Argument '{name}' takes {nargs} values.",
    ),
    "cli.click.extra_argument": (
        "argument en trop ({args})",
        "Got unexpected extra argument ({args})",
    ),
    "cli.click.extra_arguments": (
        "arguments en trop ({args})",
        "Got unexpected extra arguments ({args})",
    ),
    "cli.click.path_missing": (
        "{name} « {filename} » n'existe pas.",
        "{name} '{filename}' does not exist.",
    ),
    "cli.click.path_is_file": (
        "{name} « {filename} » est un fichier (un dossier est attendu).",
        "{name} '{filename}' is a file.",
    ),
    "cli.click.path_is_directory": (
        "{name} « {filename} » est un dossier (un fichier est attendu).",
        "{name} '{filename}' is a directory.",
    ),
    "cli.click.path_unreadable": (
        "{name} « {filename} » ne peut pas être lu.",
        "{name} '{filename}' is not readable.",
    ),
    "cli.click.path_unwritable": (
        "{name} « {filename} » ne peut pas être écrit.",
        "{name} '{filename}' is not writable.",
    ),
    "cli.click.path_not_executable": (
        "{name} « {filename} » n'est pas exécutable.",
        "{name} '{filename}' is not executable.",
    ),
    "cli.click.cannot_open": (
        "ouverture impossible de « {filename} » : {message}",
        "Could not open file '{filename}': {message}",
    ),
    "cli.click.not_one_of": (
        "« {value} » n'est pas l'une des valeurs permises : {choices}.",
        "'{value}' is not one of {choices}.",
    ),
    "cli.click.not_choice": ("« {value} » n'est pas {choice}.", "'{value}' is not {choice}."),
    "cli.click.not_integer": (
        "« {value} » n'est pas un nombre entier.",
        "'{value}' is not a valid integer.",
    ),
    "cli.click.not_float": (
        "« {value} » n'est pas un nombre.",
        "'{value}' is not a valid float.",
    ),
    "cli.click.not_number": (
        "« {value} » n'est pas un nombre valable ({number_type}).",
        "'{value}' is not a valid {number_type}.",
    ),
    "cli.click.not_boolean": (
        "« {value} » n'est pas oui ou non ; valeurs reconnues : {states}",
        "'{value}' is not a valid boolean. Recognized values: {states}",
    ),
    "cli.click.not_uuid": (
        "« {value} » n'est pas un UUID.",
        "'{value}' is not a valid UUID.",
    ),
    "cli.click.out_of_range": (
        "{value} est hors de l'intervalle permis ({range}).",
        "{value} is not in the range {range}.",
    ),
    "cli.click.bad_format": (
        "« {value} » ne suit pas le format {format}.",
        "'{value}' does not match the format {format}.",
    ),
    "cli.click.bad_formats": (
        "« {value} » ne suit aucun des formats {formats}.",
        "'{value}' does not match the formats {formats}.",
    ),
    "cli.opt_debug": (
        "En cas d'erreur, affiche aussi le détail technique (pour le support).",
        "On an error, also show the technical detail (for support).",
    ),
    "cli.internal_error_short": (
        "Erreur interne inattendue ; relancez avec --debug pour le détail technique.",
        "Unexpected internal error; run again with --debug for the technical detail.",
    ),
}
