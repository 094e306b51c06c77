"""Task queues: a task runs in a worker process; its writes never reach the web process."""
# pylint: disable=missing-function-docstring
import dramatiq
from celery import Celery, shared_task

celery_app = Celery("shop")
job_results = {}
sent = []


@celery_app.task
def resize(image_id):
    job_results[image_id] = "resized"  # [in-memory-job-status]


@celery_app.task(bind=True)
def thumbnail(self, image_id):
    job_results[image_id] = self.request.id  # [in-memory-job-status]


@shared_task
def notify(user):
    sent.append(user)  # [request-mutates-module-state]


@dramatiq.actor
def index(doc):
    sent.append(doc)  # [request-mutates-module-state]
