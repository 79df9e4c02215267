"""Scores response headers by the Mozilla HTTP Observatory's published rules (its scoring
table: a baseline of 100, penalties per test, bonuses only when the score is 90 or more).

Only what headers and the HTML show is scored; HSTS preloading (a list kept by browsers) is
never claimed."""

import re
from http.cookies import SimpleCookie

UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "*", "https:")


def parse_csp(header):
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *values = directive.split()
        policy.setdefault(name.lower(), values)
    return policy


def score_csp(header):
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    default = policy.get("default-src", ["*"])
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    objects = policy.get("object-src", default)
    if any(v in ("'unsafe-inline'",) for v in script) and "'strict-dynamic'" not in script:
        return "csp-implemented-with-unsafe-inline", -20
    if any(v in ("http:", "*", "https:", "data:") for v in script + objects):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if "'unsafe-inline'" in style:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(set_cookie_headers, hsts):
    if not set_cookie_headers:
        return "cookies-not-found", 0
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for header in set_cookie_headers:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            session = "session" in name.lower() or "csrf" in name.lower()
            samesite = morsel["samesite"].lower()
            if samesite and samesite not in ("lax", "strict", "none"):
                return "cookies-samesite-flag-invalid", -20
            if not morsel["secure"]:
                if session:
                    return "cookies-session-without-secure-flag", -40
                worst = min(
                    worst,
                    ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                    if hsts
                    else ("cookies-without-secure-flag", -20),
                    key=lambda w: w[1],
                )
            if session and not morsel["httponly"] and "sessionid" in name.lower():
                worst = min(
                    worst, ("cookies-session-without-httponly-flag", -10), key=lambda w: w[1]
                )
            if not samesite:
                worst = min(worst, ("cookies-secure-with-httponly-sessions", 0), key=lambda w: w[1])
    return worst


def score_referrer(value):
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    if not value:
        return "referrer-policy-not-implemented", 0
    policies = [p.strip().lower() for p in value.split(",")]
    if policies[-1] in private:
        return "referrer-policy-private", 5
    if policies[-1] in ("origin", "origin-when-cross-origin", "no-referrer-when-downgrade"):
        return "referrer-policy-no-referrer-when-downgrade", 0
    return "referrer-policy-unsafe", -5


def score_hsts(value):
    if not value:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=(\d+)", value)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < 15768000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def score_sri(html, host):
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [
        s
        for s in scripts
        if s.startswith(("http:", "https:", "//")) and not s.split("//", 1)[1].startswith(host)
    ]
    if not external:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50


def score_nosniff(value):
    if (value or "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def score_frame(xfo, csp):
    if "frame-ancestors" in parse_csp(csp or ""):
        return "x-frame-options-implemented-via-csp", 5
    if (xfo or "").upper() in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def score_cors(value):
    if value == "*":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-not-implemented", 0


def score(headers, set_cookies, html, host, redirects_to_https):
    """Returns (total, {test: (result, modifier)})."""
    results = {
        "content-security-policy": score_csp(headers.get("Content-Security-Policy")),
        "cookies": score_cookies(set_cookies, bool(headers.get("Strict-Transport-Security"))),
        "cross-origin-resource-sharing": score_cors(headers.get("Access-Control-Allow-Origin")),
        "redirection": ("redirection-to-https", 0)
        if redirects_to_https
        else ("redirection-not-to-https", -20),
        "referrer-policy": score_referrer(headers.get("Referrer-Policy")),
        "strict-transport-security": score_hsts(headers.get("Strict-Transport-Security")),
        "subresource-integrity": score_sri(html, host),
        "x-content-type-options": score_nosniff(headers.get("X-Content-Type-Options")),
        "x-frame-options": score_frame(
            headers.get("X-Frame-Options"), headers.get("Content-Security-Policy")
        ),
    }
    penalties = sum(m for _r, m in results.values() if m < 0)
    bonuses = sum(m for _r, m in results.values() if m > 0)
    total = 100 + penalties
    if total >= 90:
        total += bonuses
    return total, results
