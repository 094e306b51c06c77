"""An import with a fallback (``try: import queue`` / ``except ImportError: import Queue``):
the import the ``try`` makes says what the name is."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
try:
    import queue
except ImportError:
    import Queue as queue  # type: ignore[no-redef]
try:
    import simplejson as json
except ImportError:
    import json  # type: ignore[no-redef]

from flask import Flask

app = Flask(__name__)


class JobQueue(queue.Queue):
    def snapshot(self):
        with self.mutex:
            return list(self.queue)


JOBS = JobQueue()
SETTINGS = {"indent": 2}


@app.route("/jobs", methods=["POST"])
def submit():
    JOBS.put("convert")  # [in-memory-job-status]
    return json.dumps(JOBS.snapshot(), **SETTINGS)  # look-alike: only reads
