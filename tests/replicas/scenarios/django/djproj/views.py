"""Views with one piece of process state (``counts``)."""

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

counts = {"count": 0}


@csrf_exempt
def count(request):
    counts["count"] += 1
    return JsonResponse({"count": counts["count"]})


@csrf_exempt
def echo(request):
    response = JsonResponse({"body": request.body.decode(), "token": request.headers.get("X-Token"),
                             "q": request.GET.get("q")}, status=201)
    response["X-Served-By"] = "echo"
    return response


@csrf_exempt
def login(request, user):
    response = JsonResponse({})
    response.set_cookie("sid", user)
    return response


def whoami(request):
    return JsonResponse({"user": request.COOKIES.get("sid")})


def stream(request):
    return StreamingHttpResponse(iter([b"a;", b"b;", b"c;"]), content_type="text/plain")


def boom(request):
    raise LookupError("no such thing")


def plain(request):
    return HttpResponse("plain")
