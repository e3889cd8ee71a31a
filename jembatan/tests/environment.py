"""The environment of the project's tools, set before they load Django's settings.

The settings refuse to start with DEBUG off and no SECRET_KEY. The tests run with DEBUG off, as
production does, and the type checker's Django plugin loads the settings to learn the models: both
get a throwaway key, new for every run (one set outside wins). pytest loads this module with `-p`
and mypy as a plugin (both in pyproject.toml), each before Django reads its settings.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "tools-" + secrets.token_urlsafe(50))


def plugin(version: str):  # mypy's entry point: this plugin changes no types
    from mypy.plugin import Plugin

    return Plugin
