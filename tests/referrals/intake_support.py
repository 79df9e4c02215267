"""What the intake form tests share: a form sent the way a browser sends it, with its token."""

from tests.referrals.support import form_token


def submit(client, url, data, **extra):
    token = form_token(client.get(url))
    return client.post(url, {"token": token, **data}, **extra)
