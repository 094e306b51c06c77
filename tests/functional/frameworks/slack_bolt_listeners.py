"""Slack Bolt: listeners registered by calls, as the Slack samples and FaaS apps do."""
# pylint: disable=missing-function-docstring
from slack_bolt import App

threads = {}
reports = []
drafts = {}


def on_mention(event, say):
    threads[event["ts"]] = event["text"]  # [request-mutates-module-state]
    say("on it")


def acknowledge(ack):
    ack()


def run_report(body, respond):
    reports.append(body["text"])  # [request-mutates-module-state]
    respond("done")


def draft(event):
    """Registered nowhere: not a listener."""
    drafts[event["ts"]] = event


def register(app: App):
    """``app.event("x")(listener)`` on an app passed in, typed by its annotation."""
    app.event("app_mention")(on_mention)
    # Lazy listeners (FaaS): ``ack`` answers within 3 seconds, ``lazy`` runs after.
    app.command("/report")(ack=acknowledge, lazy=[run_report])
