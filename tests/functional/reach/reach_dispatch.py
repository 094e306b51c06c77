"""Calls through a dispatch table, or by a name known at run time."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tornado.web

BANNED = []
LABELS = {"add": "Add", "clear": "Clear"}


class Scheduler:
    def __init__(self):
        self.tasks = {}

    def add_task(self, task_id):
        self.tasks[task_id] = "pending"  # [request-mutates-shared-instance]

    def _internal(self):
        self.tasks.clear()


SCHEDULER = Scheduler()


class BanHandler(tornado.web.RequestHandler):
    def post(self, action):
        handlers = {"add": self.ban_add, "clear": self.ban_clear}
        handlers[action]()
        labels = {"add": LABELS["add"]}  # look-alike: a table of strings
        self.write(labels.get(action, ""))

    def ban_add(self):
        BANNED.append(self.request.remote_ip)  # [request-mutates-module-state]

    def ban_clear(self):
        BANNED.clear()  # [request-mutates-module-state]


class RPCHandler(tornado.web.RequestHandler):
    def get(self, method):
        getattr(SCHEDULER, method)(self.get_argument("id"))
        getattr(self, "get_argument")("x")  # look-alike: a literal name on the handler
