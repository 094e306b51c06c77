"""Singletons kept on a class, a registry of objects, a WSGI middleware (the classes of
reach_singletons_registries)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods


class Worker:
    _instance = None

    def __init__(self):
        self.queue = []
        self.num = 0

    @classmethod
    def get_instance(cls):
        if cls._instance is None:
            cls._instance = Worker()
        return cls._instance

    @classmethod
    def add(cls, task):
        worker = cls.get_instance()
        worker.num += 1
        worker.queue.append(task)


class Server:
    def __init__(self):
        self.events = []
        Server.current = self


class Processor:
    def __init__(self, name):
        self.name = name
        self.errors = 0

    def fail(self):
        self.errors += 1


PROCESSORS = {}


def setup():
    for name in ("a", "b"):
        PROCESSORS[name] = Processor(name)


class ReverseProxied:
    def __init__(self, wsgi):
        self.wsgi = wsgi
        self.script_name = ""

    def __call__(self, environ, start_response):
        self.script_name = environ.get("HTTP_X_SCRIPT_NAME", "")
        return self.wsgi(environ, start_response)
