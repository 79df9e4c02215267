"""The admin's own Content-Security-Policy (settings.ADMIN_CONTENT_SECURITY_POLICY).

django-csp's policy is for the public pages and leaves /admin/ out (EXCLUDE_URL_PREFIXES): the
admin needs more than they do (docs/triage.md, "Admin Content-Security-Policy"). This sets the
admin's policy on every response under /admin/ instead.

Wagtail's form widgets (date pickers, choosers) start from an inline <script>, so the admin's
policy allows inline script. The views below have no such widget and show what an attacker
would most like to run script in (a password being typed, a decrypted referral), so on them
inline script is refused: a script smuggled into a referral could not run there even if some
escaping failed. Wagtail's preview views are the one page the admin frames itself (they send
X-Frame-Options: SAMEORIGIN): those may be framed by the admin ('self'), every other admin
page by nobody."""

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings

ADMIN_PREFIX = "/admin/"
UNSAFE_INLINE = "'unsafe-inline'"
NO_INLINE_SCRIPT_VIEWS = {
    "wagtailadmin_login",
    "two_factor_verify",
    "two_factor_setup",
    "two_factor_devices",
    "two_factor_recovery",
    "referral:case",
    "referral:attachment",
    "referrals_statistics",
    "publications_import",
    "publications_import_create",
    "publications_import_progress",
}


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        framed = response.headers.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        if request.path_info.startswith(ADMIN_PREFIX) and HEADER in response and framed:
            # A preview renders the page through the whole middleware chain with a request for
            # the page's own address (Wagtail's dummy request), so it comes back with the public
            # policy, which lets nobody frame it: the admin's preview panel showed an error.
            response[HEADER] = framed_by_self(response[HEADER])
        if request.path_info.startswith(ADMIN_PREFIX) and HEADER not in response:
            directives = dict(settings.ADMIN_CONTENT_SECURITY_POLICY)
            match = getattr(request, "resolver_match", None)
            if match is not None and match.view_name in NO_INLINE_SCRIPT_VIEWS:
                directives["script-src"] = [
                    source for source in directives["script-src"] if source != UNSAFE_INLINE
                ]
            if response.headers.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
                directives["frame-ancestors"] = ["'self'"]
            response[HEADER] = build_policy(config=directives)
        return response


def framed_by_self(policy: str) -> str:
    """``policy`` with frame-ancestors 'self' instead of whatever it had."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    kept = [d for d in directives if d.split()[0] != "frame-ancestors"]
    return "; ".join([*kept, "frame-ancestors 'self'"])
