"""The published Open Referral UK read API (HSDS 3.0, UK profile), mounted at /api/.

`views` holds the endpoints; `filters` answers their filters through the public search's own SQL; `paging` the
page envelope; `serializers` (flat forms) and `nested` (nested forms) the bodies; `cors` the CORS middleware.
"""
