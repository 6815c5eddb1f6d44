"""Issue a bearer token for a clinical system sending BaRS referrals to /fhir/ (docs/integration.md).

The token is printed once and only its SHA-256 digest is stored; issue a new
one if it is lost, and revoke the old one in the admin (API tokens).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from connected.core import audit, rules
from connected.core.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for USER (a referrer account); the token is shown once."

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="USER", help="The account the clinical system refers as")
        parser.add_argument("--name", required=True, help="Which system uses it, e.g. 'EMIS at Park Surgery'")

    def handle(self, *args, **options):
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("--name must be 1 to 100 characters, e.g. 'EMIS at Park Surgery'")
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active user named {options['username']!r}")
        if not rules.can(user, "create_referral"):
            raise CommandError(f"{user.get_username()} may not make referrals; give them the referrer role first")
        token, plain = ApiToken.issue(user=user, name=name)
        audit.record(actor="issue_api_token", action="create", obj=token, why="api token issued")
        self.stdout.write(f"Token for {name} (user {user.get_username()}). It is shown once; store it now:")
        self.stdout.write(plain)
