"""Production settings with the mail server on the port the fault tests listen on: in production
mail goes to the SMTP server on localhost:25 (docs/deploy.md, "Mail"), which a test cannot take."""

import os

from config.settings.production import *  # noqa: F403

EMAIL_PORT = int(os.environ["FAULTS_SMTP_PORT"])
