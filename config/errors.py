"""Django's error report (the mail to ADMINS, the log) for requests that carry what is sealed.

The intake and the staff's case view mark their requests with sensitive_post_parameters and
their frames with sensitive_variables; Django then hides the POST values and the variables, but
still lists the uploaded files by name, and a file's name ("passport-of-<name>.jpg") is as
personal as the answers. This reporter leaves the files out of such a request's report.
"""

from django.views.debug import ExceptionReporter


class PrivateExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None and getattr(self.request, "sensitive_post_parameters", None):
            data["request_FILES_items"] = [
                (name, self.filter.cleansed_substitute) for name in self.request.FILES
            ]
        return data
