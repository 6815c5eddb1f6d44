"""Who may do what to whose record: the one place that decides.

Every view and queryset asks here; nothing else compares roles. Two forms of
the same rules:

* `can(user, action, obj)` for one record (or none, for actions such as
  ``create_referral`` and ``view_aggregates``);
* `scope(user, kind)` returning a ``Q`` for querysets, so lists never hold a
  record that `can` would refuse (casework's ``visible_to`` uses it).

Records are read by duck typing (``scheme_id``, ``referrer_id``) because core
sits left of casework in the module line and may not import it. The full
role-by-action-by-record table is in docs/adr and tests/accounts/test_rules.py.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from connected.core.models.accounts import Role

PERSON_ACTIONS = {"view_person", "edit_person", "export_person", "erase_person"}
CASE_ACTIONS = {"view_case", "manage_case", "reassign_case"}

# Which roles may take each action on a record in their own scheme.
_SCHEME_ROLES: dict[str, set[str]] = {
    "view_person": {Role.LINK_WORKER, Role.SCHEME_MANAGER},
    "edit_person": {Role.LINK_WORKER, Role.SCHEME_MANAGER},
    "export_person": {Role.SCHEME_MANAGER},
    "erase_person": {Role.SCHEME_MANAGER},
    "view_case": {Role.LINK_WORKER, Role.SCHEME_MANAGER},
    "manage_case": {Role.LINK_WORKER, Role.SCHEME_MANAGER},
    # Give a case to another link worker of the scheme (the team view, ADR 0032).
    "reassign_case": {Role.SCHEME_MANAGER},
    "view_referral": {Role.LINK_WORKER, Role.SCHEME_MANAGER},
}
# Actions that need no record.
_GLOBAL_ROLES: dict[str, set[str]] = {
    "create_referral": {Role.REFERRER, Role.LINK_WORKER, Role.SCHEME_MANAGER},
    "view_aggregates": {Role.COMMISSIONER, Role.SCHEME_MANAGER, Role.ADMINISTRATOR},
    "view_audit": {Role.ADMINISTRATOR, Role.SCHEME_MANAGER},
    # Every event (ids only, never names): the administrator runs the system; others see their scheme's.
    "view_all_audit": {Role.ADMINISTRATOR},
    # Holds a caseload at all: a case-working role in a scheme.
    "work_cases": {Role.LINK_WORKER, Role.SCHEME_MANAGER},
    # The team view: each link worker's load, waits and overdue cases (ADR 0032).
    "manage_team": {Role.SCHEME_MANAGER},
    # Has an inbox of introductions and listings to keep true (which ones: PROVIDER_ACTIONS below).
    "answer_introductions": {Role.PROVIDER},
    # Approves or rejects providers' corrections to listings (no personal data in them).
    "review_corrections": {Role.DIRECTORY_MANAGER},
    # The evaluation extract and SROI sheet of one's own scheme (pseudonymised; ADR 0028).
    "export_evaluation": {Role.SCHEME_MANAGER},
    # A funds portfolio: a funder's grants made, a provider's grants received (aggregates only).
    "view_funds": {Role.FUNDER, Role.PROVIDER},
    # The unassigned queue: referrals no scheme covers, placed by hand (ADR 0035), and the register's coverage report.
    "place_referrals": {Role.ADMINISTRATOR},
    # The scheme's pseudonymous PRSB dataset (row level, so not commissioners; ADR 0025).
    "export_dataset": {Role.SCHEME_MANAGER},
    # The Loneliness Test and the commitments tracker (ADRs 0038, 0039): no personal data in either.
    "screen_policies": {Role.POLICY_LEAD, Role.ADMINISTRATOR},
    "track_commitments": {Role.POLICY_LEAD, Role.ADMINISTRATOR},
    # Befriending (ADR 0040): a coordinator's lists, a volunteer's own matches, the concerns list.
    "coordinate_befriending": {Role.BEFRIENDING_COORDINATOR},
    "befriend": {Role.VOLUNTEER},
    "view_concerns": {Role.BEFRIENDING_COORDINATOR, Role.SAFEGUARDING_LEAD},
}
# Scheme-bound global actions: the role must also belong to a scheme.
_NEEDS_SCHEME = {
    "work_cases",
    "export_evaluation",
    "export_dataset",
    "coordinate_befriending",
    "befriend",
    "view_concerns",
    "manage_team",
}
GRANT_ACTIONS = {"view_grant", "enter_grant_return"}
# A provider's actions on an introduction to, or a listing of, an organisation they are linked to (ADR 0026).
PROVIDER_ACTIONS = {"view_introduction", "answer_introduction", "propose_correction"}
# Befriending records (volunteers, referrals taken on, matches, concerns) of one's own scheme (ADR 0040): the
# coordinator runs them; a volunteer reaches only their own record and matches; concerns are for the
# coordinator and the safeguarding lead alone.
_COORDINATOR, _VOLUNTEER, _LEAD = Role.BEFRIENDING_COORDINATOR, Role.VOLUNTEER, Role.SAFEGUARDING_LEAD
_BEFRIENDING_ROLES: dict[str, set[str]] = {
    "view_volunteer": {_COORDINATOR, _VOLUNTEER},
    "review_volunteer": {_COORDINATOR},
    "take_on_referral": {_COORDINATOR},
    "view_match": {_COORDINATOR, _VOLUNTEER},
    "manage_match": {_COORDINATOR},
    "log_call": {_VOLUNTEER},
    "raise_concern": {_COORDINATOR, _VOLUNTEER},
    "view_concern": {_COORDINATOR, _LEAD},
    "act_on_concern": {_COORDINATOR, _LEAD},
}
ACTIONS = (
    PERSON_ACTIONS
    | CASE_ACTIONS
    | PROVIDER_ACTIONS
    | GRANT_ACTIONS
    | {"view_referral"}
    | set(_GLOBAL_ROLES)
    | set(_BEFRIENDING_ROLES)
)
NOTHING = Q(pk__in=[])


def membership_of(user: Any):
    """The user's membership, or None for anonymous, inactive or role-less users."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "membership", None) if hasattr(user, "membership") else None


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether `user` may take `action` on `obj` (a person, a referral, or None)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    membership = membership_of(user)
    if membership is None:
        return False
    role = membership.role
    if action in _NEEDS_SCHEME:
        return role in _GLOBAL_ROLES[action] and membership.scheme_id is not None
    if action in GRANT_ACTIONS:
        return obj is not None and _may_grant(membership, action, obj)
    if action in _GLOBAL_ROLES:
        return role in _GLOBAL_ROLES[action]
    if obj is None:
        return False
    if action in _BEFRIENDING_ROLES:
        return _may_befriend(membership, action, obj)
    if action in PROVIDER_ACTIONS:
        return role == Role.PROVIDER and _organisation_of(obj) in provider_organisations(user)
    if action == "view_referral" and role == Role.REFERRER:
        return getattr(obj, "referrer_id", None) == user.pk
    if role not in _SCHEME_ROLES[action]:
        return False
    return membership.scheme_id is not None and getattr(obj, "scheme_id", None) == membership.scheme_id


def provider_organisations(user: Any) -> set:
    """The directory organisations a provider user is linked to (casework's ProviderLink, read by duck typing)."""
    links = getattr(user, "provider_links", None)
    return set(links.values_list("organization_id", flat=True)) if links is not None else set()


def _organisation_of(obj: Any):
    """The directory organisation behind an introduction (its service's) or a service; None when there is none."""
    service = getattr(obj, "service", None) if hasattr(obj, "service_id") else obj
    return getattr(service, "organization_id", None)


def _may_grant(membership: Any, action: str, grant: Any) -> bool:
    """A funder reads and returns on the grants their organisation made; a grantee's provider on theirs."""
    org = membership.organisation_id
    if membership.role == Role.FUNDER:
        return getattr(grant, "funder_id", None) == org
    return membership.role == Role.PROVIDER and getattr(grant, "grantee_account_id", None) == org


def _may_befriend(membership: Any, action: str, obj: Any) -> bool:
    """Own scheme only; a volunteer further only their own record (`user_id`) or match (`volunteer_user_id`)."""
    if membership.role not in _BEFRIENDING_ROLES[action] or membership.scheme_id is None:
        return False
    if getattr(obj, "scheme_id", None) != membership.scheme_id:
        return False
    if membership.role != Role.VOLUNTEER:
        return True
    owner = getattr(obj, "volunteer_user_id", None) if action != "view_volunteer" else getattr(obj, "user_id", None)
    return owner is not None and owner == membership.user_id


def shared_with(user: Any, match: Any, fields: set[str]) -> set[str]:
    """Which of a person's details (`fields`) the user may read on a match: the coordinator all of them, the
    match's own volunteer only those the person agreed to share (`match.request.shared`), anyone else none."""
    if not can(user, "view_match", match):
        return set()
    if membership_of(user).role == Role.VOLUNTEER:
        return fields & set(match.request.shared or [])
    return set(fields)


def _counted(membership: Any, to_scheme: str) -> Q:
    """Whose records a role counts: a scheme manager their scheme, a commissioner the schemes their
    organisation commissions, the administrator every scheme. `to_scheme` is the lookup from the records
    filtered to their scheme: "scheme__" for referrals and people, "" for schemes themselves."""
    role = membership.role
    if role == Role.SCHEME_MANAGER and membership.scheme_id is not None:
        return Q(**{f"{to_scheme}pk": membership.scheme_id})
    if role == Role.COMMISSIONER:
        return Q(**{f"{to_scheme}commissioned_by": membership.organisation_id})
    if role == Role.ADMINISTRATOR:
        return Q()
    return NOTHING


def scope(user: Any, kind: str) -> Q:
    """A filter for the records of `kind` that the user may see: "person", "referral" or "case" one by
    one, "introduction" (a provider's inbox) or "service" (a provider's listings), "grant" for funds,
    "counted" for referrals the user may count in aggregates (never listed), or "counted_scheme" for the
    schemes whose aggregates they may read (the evidence reports)."""
    membership = membership_of(user)
    if membership is None:
        return NOTHING
    role = membership.role
    if kind == "counted":
        return _counted(membership, "scheme__")
    if kind == "counted_scheme":
        return _counted(membership, "")
    if kind in ("introduction", "service"):
        if role != Role.PROVIDER:
            return NOTHING
        path = (
            "service__organization__provider_links__user"
            if kind == "introduction"
            else "organization__provider_links__user"
        )
        return Q(**{path: user.pk})
    if kind == "grant":
        if role == Role.FUNDER:
            return Q(funder_id=membership.organisation_id)
        return Q(grantee_account_id=membership.organisation_id) if role == Role.PROVIDER else NOTHING
    if kind == "referral" and role == Role.REFERRER:
        return Q(referrer_id=user.pk)
    if kind in _BEFRIENDING_SCOPES:
        return _befriending_scope(membership, kind)
    action = {"person": "view_person", "referral": "view_referral", "case": "view_case"}[kind]
    if role in _SCHEME_ROLES[action] and membership.scheme_id is not None:
        return Q(scheme_id=membership.scheme_id)
    return NOTHING


# scope() kinds for befriending lists: the action a row needs, and the lookup to the volunteer's account.
_BEFRIENDING_SCOPES = {
    "volunteer": ("view_volunteer", "user_id"),
    "match": ("view_match", "volunteer__user_id"),
    "concern": ("view_concern", ""),
}


def _befriending_scope(membership: Any, kind: str) -> Q:
    action, own = _BEFRIENDING_SCOPES[kind]
    if membership.role not in _BEFRIENDING_ROLES[action] or membership.scheme_id is None:
        return NOTHING
    if membership.role == Role.VOLUNTEER:
        return Q(scheme_id=membership.scheme_id, **{own: membership.user_id})
    return Q(scheme_id=membership.scheme_id)
