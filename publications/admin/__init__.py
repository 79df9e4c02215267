"""Publications → Import in the Wagtail admin: editors turn a plan or report (PDF, Word or text)
into a draft publication page without a developer.

extract.py reads the upload (checked by content, never by name) into text; staging.py keeps the
file between the preview and the creation; outline.py counts what the parser found for the
preview; diff.py compares a new revision with the page it updates; drafts.py saves the draft;
forms.py and views.py are the two screens (upload → preview, then create or update)."""
