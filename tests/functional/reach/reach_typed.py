"""Objects the framework holds, typed by the code: properties, ``cast``, per-instance
declarations (dataclass fields), ``super()`` calls and method aliases."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
# pylint: disable=abstract-method
from dataclasses import dataclass, field
from typing import cast

import tornado.web


@dataclass
class KernelRegistry:
    kernels: dict = field(default_factory=dict)
    name: str = "kernels"

    def _start(self, kernel_id):
        self.kernels[kernel_id] = "starting"  # [request-mutates-shared-instance, request-mutates-shared-instance]

    start = _start


class AsyncKernelRegistry(KernelRegistry):
    def start(self, kernel_id):
        return super().start(kernel_id)


class BaseHandler(tornado.web.RequestHandler):
    @property
    def kernels(self) -> AsyncKernelRegistry:
        return self.settings["kernels"]

    @property
    def sessions(self):
        return cast("KernelRegistry", self.settings["sessions"])


class KernelHandler(BaseHandler):
    def post(self, kernel_id):
        self.kernels.start(kernel_id)
        self.sessions.start(kernel_id)
        local = KernelRegistry()  # look-alike: made per request
        local.start(kernel_id)
