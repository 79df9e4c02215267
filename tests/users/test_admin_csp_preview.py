"""Wagtail renders a page preview through the whole middleware chain with a request for the
page's own address, so the preview comes back with the public policy (frame-ancestors 'none'):
the admin's preview panel, which frames it, showed "127.0.0.1 is blocked" (found by
tests/browser/test_publication_import.py). Under /admin/, a response Wagtail marks as framable
by the admin (X-Frame-Options: SAMEORIGIN) keeps its policy but may be framed by the admin."""

from django.http import HttpResponse
from django.test import RequestFactory

from users.admin_csp import AdminContentSecurityPolicyMiddleware

PUBLIC = "default-src 'none'; script-src 'self'; frame-ancestors 'none'"


def served(path, frame_options):
    def view(request):
        response = HttpResponse("<h1>План рада</h1>")
        response["Content-Security-Policy"] = PUBLIC
        response["X-Frame-Options"] = frame_options
        return response

    middleware = AdminContentSecurityPolicyMiddleware(view)
    return middleware(RequestFactory().get(path))["Content-Security-Policy"]


def directives(policy):
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_a_preview_may_be_framed_by_the_admin_and_keeps_the_public_policy_otherwise():
    policy = directives(served("/admin/pages/3/edit/preview/", "SAMEORIGIN"))
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'none'"]


def test_nothing_else_may_be_framed():
    assert directives(served("/admin/pages/3/edit/", "DENY"))["frame-ancestors"] == ["'none'"]
    assert directives(served("/plans-and-reports/", "SAMEORIGIN"))["frame-ancestors"] == ["'none'"]
