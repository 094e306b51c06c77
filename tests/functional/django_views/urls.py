"""urlpatterns: views from ``views`` report themselves; others are reported here."""
from django.urls import path, re_path

import django_api
import views

urlpatterns = [
    path("visit/", views.visit),
    path("items/", views.Items.as_view()),
    re_path(r"^ping/$", django_api.ping),  # [request-mutates-module-state]
]
