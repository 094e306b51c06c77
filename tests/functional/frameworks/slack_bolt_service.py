"""Slack Bolt: listeners of a sync App and an AsyncApp."""
# pylint: disable=missing-function-docstring
import os

from slack_bolt import App
from slack_bolt.async_app import AsyncApp

app = App(token=os.environ.get("SLACK_BOT_TOKEN"))
async_app = AsyncApp()
votes = {}
tickets = []
approvals = set()
HELP = {"hello": "Say hello"}  # read-only: fine


@app.event("app_mention")
def on_mention(event, say):
    votes[event["user"]] = votes.get(event["user"], 0) + 1  # [request-mutates-module-state]
    say(HELP["hello"])


@app.command("/ticket")
def open_ticket(ack, body, respond):
    ack()
    tickets.append(body["text"])  # [request-mutates-module-state]
    respond("noted")


@app.message("hello")
def greet(message, say):
    seen = {}  # per request: fine
    seen[message["user"]] = True
    say(f"hi <@{message['user']}>")


@app.middleware
def log_request(context, next):  # pylint: disable=redefined-builtin
    context["started"] = True  # the request's context: fine
    next()


@async_app.action("approve")
async def approve(ack, body):
    await ack()
    approvals.add(body["user"]["id"])  # [request-mutates-module-state]


@async_app.view("ticket_modal")
async def submit(ack, view):
    await ack()
    return {"text": view["state"]["values"]}
