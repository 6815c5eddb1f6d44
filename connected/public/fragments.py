"""Memoised NHS.UK macro calls for the finder's form.

The design system's macros are pure functions of their params, but each call
includes and renders a template through many nested macros (a checkbox is a
label is a heading...): the finder's filter panel alone cost ~15 ms a request.
The panel's inputs take few distinct values (the same choices, a handful of
selections), so caching the rendered HTML by the params' exact value gives the
same bytes for a fraction of the time. Params holding anything but plain data
are rendered afresh, never cached, so a key can never confuse two inputs.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

from markupsafe import Markup

CACHE_SIZE = 512

_cache: OrderedDict[tuple, Markup] = OrderedDict()
_lock = Lock()


class _Unkeyable(Exception):
    """Params hold a value whose identity we cannot capture exactly."""


def _key(value: Any) -> Any:
    """An exact, hashable stand-in for plain data; Markup is told apart from str because it renders unescaped."""
    if value is None or type(value) in (bool, int, float):
        return (type(value).__name__, value)
    if type(value) is str:
        return ("s", value)
    if type(value) is Markup:
        return ("m", str(value))
    if type(value) is dict:
        return ("d", tuple((_key(k), _key(v)) for k, v in value.items()))
    if type(value) in (list, tuple):
        return ("l", tuple(_key(v) for v in value))
    raise _Unkeyable


def render_macro(macro: Any, params: dict[str, Any]) -> Markup:
    """`macro(params)`, remembered by macro and params (see the module docstring for why that is safe)."""
    try:
        # The macro object itself, not its name: a recompiled template gives a new one, so no stale HTML.
        key = (macro, _key(params))
    except _Unkeyable:
        return macro(params)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    html = macro(params)  # the macro already returns Markup (autoescaped)
    with _lock:
        _cache[key] = html
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return html
