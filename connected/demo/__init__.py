"""Seeded, synthetic demo data for every module, and `manage.py demo`: never real people's data.

The top of the module line: it may use any module, and no product module imports it (import-linter holds this).
`directory` (with `activities`, `councils`, `sessions`) makes ORUK listings; `casework` schemes, logins, people and
referrals; `measures` answers to the instruments.
"""
