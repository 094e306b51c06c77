"""A Django ``views`` module: function views are recognised by convention and decorators."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from django.contrib import admin
from django.dispatch import receiver
from django.core.signals import request_finished
from django.test.signals import setting_changed
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import ViewSet

visits = []
likes = {}
finished = []


def visit(request):
    visits.append(request.path)  # [request-mutates-module-state]
    return JsonResponse({"n": len(visits)})


@require_POST
def like(request, pk):
    likes[pk] = request.user.pk  # [request-mutates-module-state]
    return JsonResponse({})


def _helper(request):
    """Private helpers are not views by themselves; views that call them are."""
    return request


@api_view(["POST"])
def api_like(request):
    likes["api"] = request.data  # [request-mutates-module-state]
    return Response({})


class Items(APIView):
    def post(self, request):
        self.data = request.data  # one view instance per request: fine
        visits.append(self.data)  # [request-mutates-module-state]
        return Response({})


class Things(ViewSet):
    def list(self, request):
        self.items = []  # per request: fine
        return Response(self.items)


class Counter:
    """Django middleware: created once, then called for every request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.count = 0  # setup: fine

    def __call__(self, request):
        self.count += 1  # [request-mutates-shared-instance]
        return self.get_response(request)


class ThingAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        self.last_saved = obj  # [request-mutates-shared-instance]
        super().save_model(request, obj, form, change)


@receiver(request_finished)
def on_finished(sender, **kwargs):
    finished.append(sender)  # [request-mutates-module-state]


@receiver(setting_changed)
def on_setting(sender, **kwargs):
    finished.append(kwargs)  # only tests send this signal: fine
