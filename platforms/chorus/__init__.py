"""Chorus Pro facts as JSON data files (see :mod:`platforms.chorus.tables` to read them).

This package deliberately imports nothing: the emulator locates the JSON files through
:func:`importlib.resources.files` on this package without running any project code.
"""
