"""An application that cannot start in a copy: its import fails outside the test
process (as when it needs something only the test process set up)."""

import multiprocessing

from flask import Flask

if multiprocessing.parent_process() is not None:
    raise RuntimeError("the configuration only the test process has is missing")

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"
