"""Per-client rate limits in Django's cache (Redis in production).

The client is named by HMAC-SHA256(RATE_LIMIT_KEY, address): the cache never holds an address,
and nothing here logs one. A fixed window per key: simple, and atomic on Redis (INCR).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def _key():
    if settings.RATE_LIMIT_KEY:
        return settings.RATE_LIMIT_KEY.encode("utf-8")
    return salted_hmac("referrals.ratelimit", "key", algorithm="sha256").digest()


def client_address(request):
    """The address the request came from: REMOTE_ADDR, or the one the trusted proxies saw."""
    hops = settings.INTAKE_TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def parse_rate(rate):
    count, _sep, seconds = str(rate).partition("/")
    return int(count), int(seconds)


class Limit:
    """`scope` names what is counted; `subject` whom (an address, or a reference). Only the
    keyed hash of the subject reaches the cache."""

    def __init__(self, scope, subject, rate):
        self.count, self.window = parse_rate(rate)
        digest = hmac.new(_key(), subject.encode(), hashlib.sha256).hexdigest()[:32]
        self.cache_key = f"rl:{scope}:{digest}"

    def exceeded(self):
        return (cache.get(self.cache_key) or 0) >= self.count

    def over(self):
        """Count one more and say whether that goes past the limit (one cache call)."""
        return self.hit() > self.count

    def hit(self):
        if cache.add(self.cache_key, 1, self.window):
            return 1
        try:
            return cache.incr(self.cache_key)
        except ValueError:  # expired between add and incr
            cache.add(self.cache_key, 1, self.window)
            return 1


def submissions(request):
    return Limit("submit", client_address(request), settings.INTAKE_SUBMIT_RATE)


def followup_attempts(request):
    return Limit("followup", client_address(request), settings.INTAKE_FOLLOWUP_RATE)


def followup_reference(reference):
    # A distributed guesser is held back per referral too (ten times the per-client rate).
    count, window = parse_rate(settings.INTAKE_FOLLOWUP_RATE)
    return Limit("followup-ref", reference, f"{count * 10}/{window}")
