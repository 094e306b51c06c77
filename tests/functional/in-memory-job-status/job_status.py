"""Background work writing its status to process memory, beside a database-backed job."""
# pylint: disable=missing-function-docstring
import threading
import uuid

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()
processing_status = {}
results = {}
audit = []


def process_job(job_id: str):
    processing_status[job_id] = "completed"  # [in-memory-job-status]


def compute(job_id: str):
    results[job_id] = 42  # [in-memory-job-status]


class Database:
    """A stand-in for a database session."""

    def save(self, job_id, status):
        return job_id, status


def process_in_db(job_id: str, db: Database):
    db.save(job_id, "completed")


@app.post("/process/{job_id}")
async def start_processing(job_id: str, background_tasks: BackgroundTasks):
    processing_status[job_id] = "started"  # [in-memory-job-status]
    background_tasks.add_task(process_job, job_id)
    threading.Thread(target=compute, args=(job_id,)).start()
    background_tasks.add_task(process_in_db, job_id, Database())
    audit.append(job_id)  # [request-mutates-module-state]
    return {"id": str(uuid.uuid4())}


@app.get("/process/{job_id}")
async def get_status(job_id: str):
    return {"status": processing_status.get(job_id, "unknown"), "result": results.get(job_id)}
