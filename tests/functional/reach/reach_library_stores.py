"""Library objects that keep per-request state in process memory, by type: a rate limiter
or a scheduler with the default memory storage, a queue of pending work."""
# pylint: disable=missing-function-docstring
import queue

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)
shared_limiter = Limiter(get_remote_address, app=app, storage_uri="redis://cache:6379")
scheduler = BackgroundScheduler()
pending = queue.Queue()


def send_report():
    return None


@app.post("/login")
@limiter.limit("5/minute")  # [in-memory-rate-limiter]
def login():
    return "ok"


@app.post("/signup")
@shared_limiter.limit("5/minute")  # look-alike: counted in Redis
def signup():
    return "ok"


@app.post("/reports")
def schedule_report():
    scheduler.add_job(send_report, "interval", minutes=5)  # [in-memory-job-status]
    pending.put("report")  # [request-mutates-module-state]
    return "ok"
