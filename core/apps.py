from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.signals import page_published, page_unpublished

        from . import checks, frame_cache, latin, renditions  # noqa: F401 (checks registers)
        from .admin import notifications

        frame_cache.connect()
        notifications.connect()

        page_published.connect(latin.on_publish, dispatch_uid="core.latin.publish")
        page_published.connect(renditions.on_publish, dispatch_uid="core.renditions.publish")
        page_unpublished.connect(latin.on_unpublish, dispatch_uid="core.latin.unpublish")
        pre_delete.connect(latin.on_delete, dispatch_uid="core.latin.delete")
