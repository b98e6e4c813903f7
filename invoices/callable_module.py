"""Let a subpackage be called like the library function of the same name.

``invoices.read(path)`` and ``invoices.validate(path)`` are the library's entry
points, and ``invoices/read/`` and ``invoices/validate/`` are its subpackages.
Python sets the package attribute to the submodule as soon as the submodule is
imported, which would shadow the function; making the submodule itself callable
keeps both spellings working whatever was imported first.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, target: Callable[[], Callable[..., Any]]) -> None:
    """Calling module ``module_name`` calls the function ``target()`` returns.

    ``target`` is resolved at call time, so the module's heavy imports stay lazy.
    """

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return target()(*args, **kwargs)

    sys.modules[module_name].__class__ = CallableModule
