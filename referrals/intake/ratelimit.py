"""Per-client rate limits in Django's cache (Redis in production).

The client is named by HMAC-SHA256(RATE_LIMIT_KEY, address): the cache never holds an address,
and nothing here logs one. A fixed window per key: simple, and atomic on Redis (INCR).
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from django.utils.crypto import salted_hmac

from ..models.referral import normalise_reference

# The counters' own cache alias (config/cache.py): page traffic cannot evict them, and with
# Redis down they are counted in this process's memory instead.
cache = ConnectionProxy(caches, "limits")


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


def client_bucket(request):
    """Whom a per-client limit counts: the IPv4 address, or the /64 of an IPv6 one. One
    subscriber gets a whole /64, so counting single IPv6 addresses would let anyone take a
    fresh one for every request."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


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

    def hit(self, amount=1):
        # One round trip to Redis (config/cache.py), the window starting at the first hit.
        return cache.count(self.cache_key, amount, self.window)

    def take(self, amount):
        """Count `amount` if it still fits under the limit and say whether it did; what does
        not fit is given back, so a refused request costs the others nothing."""
        if self.hit(amount) <= self.count:
            return True
        try:
            cache.decr(self.cache_key, amount)
        except ValueError:  # expired meanwhile: nothing to give back
            pass
        return False


def submissions(request):
    return Limit("submit", client_bucket(request), settings.INTAKE_SUBMIT_RATE)


def followup_attempts(request):
    return Limit("followup", client_bucket(request), settings.INTAKE_FOLLOWUP_RATE)


def followup_reference(reference):
    # A distributed guesser is held back per referral too (ten times the per-client rate),
    # counted on the reference as stored, so another spelling of it is the same bucket.
    count, window = parse_rate(settings.INTAKE_FOLLOWUP_RATE)
    subject = normalise_reference(reference) or str(reference).strip().upper()
    return Limit("followup-ref", subject, f"{count * 10}/{window}")


def followup_adds(request):
    """Follow-ups a client has added: every stored one counts, not only failed look-ups."""
    return Limit("followup-add", client_bucket(request), settings.INTAKE_FOLLOWUP_ADD_RATE)


def intake_bytes():
    """One budget of bytes an hour for everything the public tier accepts (reports and
    follow-ups from every client together): it bounds what a crowd of addresses can fill the
    database with before anyone notices."""
    return Limit("intake-bytes", "all", f"{settings.INTAKE_BYTES_PER_HOUR}/3600")
