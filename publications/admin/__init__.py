"""Publications → Import in the Wagtail admin: editors turn a plan or report (PDF, Word or text)
into a draft publication page without a developer.

extract.py reads the upload (checked by content, never by name) into text; staging.py keeps the
file between the preview and the creation; prepare.py runs the parser (publications/importer/)
on the text, outline.py counts what it found for the preview and diff.py compares it with the
page it updates; drafts.py saves the draft; forms.py, views.py and urls.py are the two screens
(upload → preview, then create or update), publications/wagtail_hooks.py their menu."""
