from django.urls import path

from .views import CreateDraftView, ImportProgressView, ImportView

urlpatterns = [
    path("publications/import/", ImportView.as_view(), name="publications_import"),
    path(
        "publications/import/<uuid:pk>/",
        ImportProgressView.as_view(),
        name="publications_import_progress",
    ),
    path(
        "publications/import/create/",
        CreateDraftView.as_view(),
        name="publications_import_create",
    ),
]
