"""AWS Lambda Powertools: the routes of an event-handler resolver, served by the handler."""
# pylint: disable=missing-function-docstring
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

app = APIGatewayRestResolver()
todos = {}


@app.get("/todos/<todo_id>")
def get_todo(todo_id: str):
    return todos.get(todo_id, {})


@app.post("/todos")
def create_todo():
    body = app.current_event.json_body
    todos[body["id"]] = body  # [request-mutates-module-state]
    return body


def lambda_handler(event, context):
    return app.resolve(event, context)
