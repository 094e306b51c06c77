"""Django class-based views: one instance per request; module state is still shared."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView

visits = []


class Counter(View):
    def get(self, request):
        self.user = request.user  # one view instance per request: fine
        visits.append(request.path)  # [request-mutates-module-state]
        return JsonResponse({"n": len(visits)})


class Home(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["n"] = len(visits)
        visits.append("home")  # [request-mutates-module-state]
        return context
