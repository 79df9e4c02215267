"""The admin sign-in's throttle (django-axes, internal role only; config/settings/base.py).

Failures are counted per username: five wrong passwords lock that account's sign-in for
AXES_COOLOFF_TIME, the right password included. Axes wants an address for each attempt; it gets
a keyed pseudonym instead, so its tables never hold where staff (or anyone guessing) connect
from: HMAC-SHA256 of the address (IPv6 by its /64), written as an IPv6 address in the range
reserved for documentation (2001:db8::/32), since the column is an address column."""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from referrals.intake.ratelimit import client_address

PSEUDONYM_NETWORK = ipaddress.IPv6Network("2001:db8::/32")


def _key():
    if settings.RATE_LIMIT_KEY:
        return settings.RATE_LIMIT_KEY.encode("utf-8")
    return salted_hmac("users.sign_in", "key", algorithm="sha256").digest()


def client_pseudonym(request):
    """AXES_CLIENT_IP_CALLABLE: the same client gives the same value, which reveals nothing of
    its address without the key."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6:
        address = str(ipaddress.IPv6Network((parsed, 64), strict=False).network_address)
    digest = hmac.new(_key(), address.encode(), hashlib.sha256).digest()
    host_bits = int.from_bytes(digest[:12], "big")  # the 96 bits after the /32 prefix
    return str(PSEUDONYM_NETWORK[host_bits])


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a plain page in the language of the sign-in page, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "users/sign_in_locked.html", {"minutes": minutes}, status=429)
