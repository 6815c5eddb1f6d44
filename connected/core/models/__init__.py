"""Core models, one module per concern; each is imported here so Django finds it."""

from .accounts import ApiToken, Membership, Organisation, Role, Scheme  # noqa: F401
from .audit import AuditEvent  # noqa: F401
from .geography import LocalAuthority, LsoaCentroid, OutcodeCentroid, Postcode  # noqa: F401
from .throttle import RateLimitHit  # noqa: F401
