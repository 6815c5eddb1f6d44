"""Memoised macro calls must give exactly what the macro gives, and never mix up two different params."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from connected.public import fragments


def _checkboxes() -> Any:
    env = engines["jinja2"].env
    return env.get_template("nhsuk/components/checkboxes/macro.jinja").module.checkboxes


def _params(values: list[str], label: Any = "Days") -> dict[str, Any]:
    return {
        "idPrefix": "day",
        "name": "day",
        "small": True,
        "values": values,
        "fieldset": {"legend": {"text": label, "size": "s"}},
        "items": [{"value": "MO", "text": "Monday"}, {"value": "TU", "text": "Tuesday"}],
    }


@settings(deadline=None)  # the first render compiles the templates
@given(st.lists(st.sampled_from(["MO", "TU", "WE", "<b>"]), max_size=3))
def test_cached_html_is_the_macro_html_for_any_selection(values: list[str]):
    macro = _checkboxes()
    first = fragments.render_macro(macro, _params(values))
    again = fragments.render_macro(macro, _params(values))
    assert first == again == macro(_params(values))


def test_a_different_selection_is_not_served_from_another_selections_entry():
    macro = _checkboxes()
    monday = fragments.render_macro(macro, _params(["MO"]))
    tuesday = fragments.render_macro(macro, _params(["TU"]))
    assert 'value="MO" checked' in monday and 'value="MO" checked' not in tuesday
    assert 'value="TU" checked' in tuesday


def test_markup_and_plain_text_with_the_same_characters_are_kept_apart():
    macro = _checkboxes()
    plain = fragments.render_macro(macro, _params([], label="<i>Days</i>"))
    marked = fragments.render_macro(macro, _params([], label=Markup("<i>Days</i>")))
    assert "&lt;i&gt;Days&lt;/i&gt;" in plain
    assert "<i>Days</i>" in marked


def test_params_with_other_objects_are_rendered_but_not_cached():
    class Label(str):
        pass

    macro = _checkboxes()
    before = len(fragments._cache)
    html = fragments.render_macro(macro, _params([], label=Label("Days")))
    assert "Days" in html
    assert len(fragments._cache) == before


def test_the_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(fragments, "CACHE_SIZE", 5)
    monkeypatch.setattr(fragments, "_cache", OrderedDict())
    macro = _checkboxes()
    for n in range(8):
        fragments.render_macro(macro, _params([], label=f"Days {n}"))
    assert len(fragments._cache) == 5
    assert fragments.render_macro(macro, _params([], label="Days 7")) == macro(_params([], label="Days 7"))
