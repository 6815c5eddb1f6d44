"""The Jinja2 environment for pages: Django's url/static helpers plus the NHS.UK macros."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    # The NHS.UK macros read optional params as params.a.b without checks.
    options["undefined"] = ChainableUndefined
    env = Environment(
        autoescape=True,
        loader=ChoiceLoader(
            [
                loader,
                PackageLoader("nhsuk_frontend_jinja", "templates"),
                # The package's page template extends "template.jinja" by its bare name.
                PackageLoader("nhsuk_frontend_jinja", "templates/nhsuk"),
            ]
        ),
        extensions=["jinja2.ext.do"],
        **{k: v for k, v in options.items() if k != "autoescape"},
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            # The design system's favicons and logos by folder: a folder has no entry in the static manifest.
            "asset_path": f"{settings.STATIC_URL}vendor/assets",
            "csrf_token": get_token,
            "get_messages": get_messages,
            # The NHS logo only where the deployment is run by an NHS organisation (ADR 0033).
            "nhs_organisation": bool(getattr(settings, "NHS_ORGANISATION", False)),
        }
    )
    return env
