"""Facts about the platforms we send to, kept as data files shared by client and emulator.

Each subpackage holds the tables one platform imposes (syntaxes, codes, limits,
statuses) as JSON, read by our client and validation through a small typed loader and,
independently, by the emulator of that platform: one copy, so the two cannot drift.
"""
