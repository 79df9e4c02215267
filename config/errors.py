"""Django's error report (the mail to ADMINS, the log) for requests that carry what is sealed,
and the error page when the database is away.

The intake and the staff's case view mark their requests with sensitive_post_parameters and
their frames with sensitive_variables; Django then hides the POST values and the variables, but
still lists the uploaded files by name, and a file's name ("passport-of-<name>.jpg") is as
personal as the answers. This reporter leaves the files out of such a request's report.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.debug import ExceptionReporter


class PrivateExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None and getattr(self.request, "sensitive_post_parameters", None):
            data["request_FILES_items"] = [
                (name, self.filter.cleansed_substitute) for name in self.request.FILES
            ]
        return data


def server_error(request, template_name="500.html"):
    """Django's 500 page, except when the database cannot be reached or refused the write (a
    restart, a full disk): then 503 with Retry-After and 503.html, which says in the reader's
    language that a report sent now got no reference and gives the phone numbers. Django calls
    this handler while the exception is being handled, so sys.exc_info() names it. Neither
    page needs the database (core/templatetags/site_tags.py, error_page_settings)."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        add_never_cache_headers(response)
        return response
    return defaults.server_error(request, template_name)
