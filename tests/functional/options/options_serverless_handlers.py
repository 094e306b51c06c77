"""stateless-serverless-handlers: functions a platform's configuration names."""
# pylint: disable=missing-function-docstring
visits = []
orders = {}
drafts = {}


def process(event, context):  # named as Lambda's setting names it, with its folders
    visits.append(event)  # [request-mutates-module-state]
    return context


def hello_http(request):  # named by its name alone, as a Cloud Function's entry point
    orders[request.args["id"]] = request.get_json()  # [request-mutates-module-state]
    return "ok"


def prepare(event):  # not named: not an entry point
    drafts[event["id"]] = event
    return event
