"""Told when index rows are rewritten, so modules to the right of directory can keep their own derived rows.

Directory may not import what builds on it; matching stores a vector per listing (ADR 0047) and listens here.
Sent inside the refresh's transaction, so what the receivers write commits or rolls back with the index.
"""

from django.dispatch import Signal

# Arguments: service_hex (the services whose rows were rewritten or dropped, as 32-digit hex),
# everything (True when the whole index was rebuilt).
index_refreshed = Signal()
