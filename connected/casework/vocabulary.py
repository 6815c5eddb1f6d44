"""Fixed lists for casework: codes stored in the database, with the words shown on pages.

SNOMED CT codes are the ones the PRSB Social Prescribing standard and NHS BaRS use.
"""

from __future__ import annotations

from django.db import models

SNOMED = "http://snomed.info/sct"
SNOMED_REFERRAL = ("871731000000106", "Referral to social prescribing service")
SNOMED_DECLINED = ("871711000000103", "Social prescribing declined")
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class DigitalAccess(models.TextChoices):
    YES = "yes", "Uses the internet without help"
    WITH_HELP = "with_help", "Uses the internet with help"
    NO = "no", "Does not use the internet"


class RiskCircumstance(models.TextChoices):
    BEREAVED = "bereaved", "Recently bereaved"
    DISABILITY = "disability", "Disability or long-term condition"
    NEW_PARENT = "new_parent", "New parent"
    CARE_LEAVER = "care_leaver", "Care leaver"
    MOVED = "moved", "Recently moved to the area"
    REFUGEE = "refugee", "Asylum seeker or refugee"
    UNEMPLOYED = "unemployed", "Unemployed"
    YOUNG_ADULT = "young_adult", "Young adult (16 to 24)"
    CARER = "carer", "Unpaid carer"


class Gender(models.TextChoices):
    """FHIR administrative gender, as clinical systems send it (Patient.gender)."""

    MALE = "male", "Male"
    FEMALE = "female", "Female"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


class EthnicCategory(models.TextChoices):
    """NHS Data Dictionary ETHNIC CATEGORY (2001 census categories), the codes UK Core's
    Extension-UKCore-EthnicCategory carries (CodeSystem UKCore-EthnicCategory)."""

    WHITE_BRITISH = "A", "White: British"
    WHITE_IRISH = "B", "White: Irish"
    WHITE_OTHER = "C", "White: any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "D", "Mixed: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "E", "Mixed: White and Black African"
    MIXED_WHITE_ASIAN = "F", "Mixed: White and Asian"
    MIXED_OTHER = "G", "Mixed: any other mixed background"
    ASIAN_INDIAN = "H", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "J", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "K", "Asian or Asian British: Bangladeshi"
    ASIAN_OTHER = "L", "Asian or Asian British: any other Asian background"
    BLACK_CARIBBEAN = "M", "Black or Black British: Caribbean"
    BLACK_AFRICAN = "N", "Black or Black British: African"
    BLACK_OTHER = "P", "Black or Black British: any other Black background"
    CHINESE = "R", "Other ethnic groups: Chinese"
    OTHER = "S", "Other ethnic groups: any other ethnic group"
    NOT_STATED = "Z", "Not stated"
    NOT_KNOWN = "99", "Not known"


ETHNIC_CATEGORY_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory"
ODS_ORGANISATION_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"


class Source(models.TextChoices):
    GP = "gp", "GP"
    NURSE = "nurse", "Nurse"
    SOCIAL_WORKER = "social_worker", "Social worker"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    MIDWIFE = "midwife", "Midwife"
    PHARMACIST = "pharmacist", "Pharmacist"
    JOBCENTRE = "jobcentre", "Jobcentre work coach"
    VOLUNTARY = "voluntary", "Voluntary or community group"
    SELF = "self", "Self-referral"
    FHIR = "fhir", "Clinical system (FHIR)"
    OTHER = "other", "Other"


class Need(models.TextChoices):
    LONELINESS = "loneliness", "Loneliness or isolation"
    MENTAL_HEALTH = "mental_health", "Low mood, anxiety or stress"
    PHYSICAL_ACTIVITY = "physical_activity", "Wants to be more active"
    LONG_TERM_CONDITION = "long_term_condition", "Living with a long-term condition"
    MONEY = "money", "Money, debt or benefits"
    HOUSING = "housing", "Housing"
    EMPLOYMENT = "employment", "Work, training or volunteering"
    CARING = "caring", "Caring for someone"
    BEREAVEMENT = "bereavement", "Bereavement"
    OTHER = "other", "Something else"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine (within 2 weeks)"
    SOON = "soon", "Soon (within a week)"
    URGENT = "urgent", "Urgent (within 2 working days)"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"
    CONTACTED = "contacted", "Contacted"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Declined"


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS)
# Which status each may move to; anything else is refused by services.referral_set_status.
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.ACCEPTED, Status.DECLINED},
    Status.ACCEPTED: {Status.CONTACTED, Status.IN_PROGRESS, Status.CLOSED, Status.DECLINED},
    Status.CONTACTED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.IN_PROGRESS: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.DECLINED: set(),
}


class Outcome(models.TextChoices):
    CONNECTED = "connected", "Connected to activities or support"
    GOALS_MET = "goals_met", "Goals met"
    NO_LONGER_WANTED = "no_longer_wanted", "Person no longer wanted support"
    UNABLE_TO_CONTACT = "unable_to_contact", "Unable to contact"
    REFERRED_ON = "referred_on", "Referred to another service"
    MOVED = "moved", "Moved away"
    DIED = "died", "Died"
    CANCELLED = "cancelled", "Cancelled by the referrer"
    OTHER = "other", "Other"


class DeclineReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", "Not eligible for this scheme"
    PERSON_DECLINED = "person_declined", "The person did not want social prescribing"
    NO_CONSENT = "no_consent", "No consent to be contacted"
    DUPLICATE = "duplicate", "Duplicate of an open referral"
    OUT_OF_AREA = "out_of_area", "Lives outside the scheme's area"
    BETTER_ELSEWHERE = "better_elsewhere", "Another service is better placed"


class ContactMode(models.TextChoices):
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    HOME_VISIT = "home_visit", "Home visit"
    VIDEO = "video", "Video call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    ATTEMPT = "attempt", "Tried to contact, no answer"


class IntroductionStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    ACCEPTED = "accepted", "Accepted"
    ATTENDED = "attended", "Attended"
    STILL_GOING = "still_going", "Still going"
    STOPPED = "stopped", "Stopped"
