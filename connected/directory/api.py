"""The Open Referral UK read API (HSDS 3.0, UK profile)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Connected: Open Referral UK API", version="HSDS-UK-3.0", urls_namespace="oruk", docs_url="/docs")
