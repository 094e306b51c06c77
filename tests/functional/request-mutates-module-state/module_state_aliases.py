"""State reached through aliases, elements, helpers and arguments; per-request look-alikes."""
# pylint: disable=missing-function-docstring
from flask import Flask

app = Flask(__name__)
registry = {}
profiles = {}
queue = []


def _put(target, key, value):
    target[key] = value  # [request-mutates-module-state]


def _put_local(target, key, value):
    target[key] = value


class Index:
    """A helper class whose method receives the state as an argument."""

    @staticmethod
    def add(bucket, value):
        bucket.append(value)  # [request-mutates-module-state]


@app.route("/alias/<key>")
def alias(key):
    store = registry
    store[key] = 1  # [request-mutates-module-state]
    if (other := profiles) is not None:
        other.pop(key, None)  # [request-mutates-module-state]
    return "ok"


@app.route("/element/<key>")
def element(key):
    profile = profiles[key]
    profile["name"] = key  # [request-mutates-module-state]
    found = profiles.get(key)
    found.update(seen=True)  # [request-mutates-module-state]
    for entry in profiles.values():
        entry.clear()  # [request-mutates-module-state]
    _ = [item.append(key) for item in registry.values()]  # [request-mutates-module-state]
    return "ok"


@app.post("/helper/<key>")
def helper(key):
    _put(registry, key, 1)
    _put(target=registry, key=key, value=2)
    _put_local({}, key, 3)
    Index.add(queue, key)
    return "ok"


@app.get("/local/<key>")
def local_only(key):
    mine = {}
    _put_local(mine, key, 1)
    snapshot = dict(registry)
    snapshot[key] = 2
    entries = list(queue)
    entries.append(key)
    return snapshot


tasks = [{"id": 1, "done": False}]


@app.put("/tasks/<int:task_id>")
def update_task(task_id):
    task = [t for t in tasks if t["id"] == task_id]
    task[0]["done"] = True  # [request-mutates-module-state]
    first = next(t for t in tasks if t["id"] == task_id)
    first["title"] = "x"  # [request-mutates-module-state]
    ordered = sorted(tasks, key=len)
    ordered.append({})  # a new list: fine
    task.append({})  # a new list: fine
    from module_state_registry import late  # pylint: disable=import-outside-toplevel
    late.append(task_id)  # [request-mutates-module-state]
    return "ok"
