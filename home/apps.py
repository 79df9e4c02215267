from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.signals import page_published, page_unpublished

        from . import frame, latin, notifications, renditions

        frame.connect()
        notifications.connect()

        page_published.connect(latin.on_publish, dispatch_uid="home.latin.publish")
        page_published.connect(renditions.on_publish, dispatch_uid="home.renditions.publish")
        page_unpublished.connect(latin.on_unpublish, dispatch_uid="home.latin.unpublish")
        pre_delete.connect(latin.on_delete, dispatch_uid="home.latin.delete")
