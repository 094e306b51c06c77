"""Google Cloud Functions (Functions Framework): HTTP and CloudEvent functions."""
# pylint: disable=missing-function-docstring
import functions_framework
from google.cloud import storage  # pylint: disable=import-error,no-name-in-module

client = storage.Client()  # created at import time, reused while warm: fine
hits = {}
thumbnails = []


@functions_framework.http
def count(request):
    hits[request.path] = hits.get(request.path, 0) + 1  # [request-mutates-module-state]
    totals = {}  # per request: fine
    totals[request.path] = 1
    return str(totals)


@functions_framework.cloud_event
def on_upload(cloud_event):
    thumbnails.append(cloud_event.data["name"])  # [request-mutates-module-state]
    client.bucket("thumbs")
