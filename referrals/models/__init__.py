from .audit import AuditEvent
from .contact import ContactAttempt
from .messages import ReporterMessage
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
    "ReporterMessage",
    "StaffNote",
]
