from .audit import AuditEvent
from .contact import ContactAttempt
from .pages import ProfessionalReferralPage, ReportPage
from .referral import Attachment, FollowUp, Referral, StaffNote

__all__ = [
    "Attachment",
    "AuditEvent",
    "ContactAttempt",
    "FollowUp",
    "ProfessionalReferralPage",
    "Referral",
    "ReportPage",
    "StaffNote",
]
