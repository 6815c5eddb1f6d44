"""Evidence models, one module per concern (the reports, exports and funds each keep their own)."""

from .funds_models import Grant, GrantReturn  # noqa: F401
from .sroi_models import SroiProxy  # noqa: F401
