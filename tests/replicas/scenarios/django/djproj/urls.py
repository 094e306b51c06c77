from django.urls import path

from djproj import views

urlpatterns = [
    path("count", views.count),
    path("echo", views.echo),
    path("login/<str:user>", views.login),
    path("whoami", views.whoami),
    path("stream", views.stream),
    path("boom", views.boom),
]
