"""Core models, one module per concern; each is imported here so Django finds it."""

from .geography import LocalAuthority, LsoaCentroid, OutcodeCentroid, Postcode  # noqa: F401
