vcl 4.1;

# Varnish between nginx and the public tier's gunicorn (docs/operations.md, "Scale-out
# switches"; docs/deploy.md, "Varnish"). Off unless installed: nginx then goes to gunicorn
# directly. Install as /etc/varnish/default.vcl and start varnishd with two listeners:
#   -a 127.0.0.1:6081            what nginx's upstream cpvht_public points at
#   -a purge=127.0.0.1:6082      FRONTEND_CACHE_PURGE_URL of the internal tier
# Change 127.0.0.1:8001 below if PUBLIC_BIND is another address.
#
# What is kept: what the application itself marks as shareable for a time (Cache-Control with
# max-age, which the public tier's page cache sets on anonymous pages), asked for without a
# cookie. Never kept: POSTs, anything with a cookie either way (the forms set the CSRF cookie and
# say no-store; a visitor who has one is passed through), private or no-store answers.

backend public_tier {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may empty the cache: the internal tier, on this machine, on the purge listener only. nginx
# forwards every method and connects from 127.0.0.1 too, so the address alone proves nothing.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(405, "Method Not Allowed"));
        }
        # A publish can change every page (the menu, the lists on the home page, the footer's
        # numbers), as the page cache's frame version says (core/frame_cache.py): the whole cache
        # goes, whatever URL was named. Only obj.* in the expression: the ban lurker can then
        # clear old objects without waiting for requests.
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    # Only the purge listener takes purges, and nothing else.
    if (local.socket == "purge") {
        return (synth(404, "Not Found"));
    }
    # nginx replaced whatever the client sent with the address it saw; Varnish has appended
    # nginx's own (127.0.0.1). Take it off again: the application counts one proxy
    # (INTAKE_TRUSTED_PROXY_COUNT=1) for the intake's rate limits.
    if (req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",[^,]*$", "");
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Monitoring wants the live answer.
    if (req.url ~ "^/healthz") {
        return (pass);
    }
    # The language is in the path (/, /sr-latn/, /en/); Django adds Vary: Accept-Language to the
    # Cyrillic pages all the same. Dropping the header keeps one copy of each page instead of
    # one per browser's language list.
    unset req.http.Accept-Language;
    # Then Varnish's built-in rules: a request with a Cookie or Authorization is passed.
}

sub vcl_backend_response {
    # Kept only when the application says for how long: an answer without max-age (an error
    # page, a view that forgot) is not kept for Varnish's default two minutes.
    if (!bereq.uncacheable && beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=[1-9]") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Then the built-in rules: Set-Cookie, private, no-cache or no-store are never kept.
}
