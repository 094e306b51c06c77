"""Class attributes changed per request, beside instance attributes and read-only tables."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from typing import ClassVar

from fastapi import FastAPI

app = FastAPI()


class Registry:
    items = []
    annotated: ClassVar[list[str]] = []
    count = 0
    ROLES = ("admin", "user")

    def __init__(self):
        self.mine = []

    def add(self, name):
        self.items.append(name)  # [request-mutates-class-state]
        self.mine.append(name)  # per instance: fine
        return name in self.ROLES

    @classmethod
    def bump(cls):
        cls.count += 1  # [request-mutates-class-state]


class Shadowed:
    items = []

    def __init__(self):
        self.items = []

    def add(self, name):
        self.items.append(name)  # the instance attribute shadows the class one


@app.post("/items/{name}")
async def add(name: str):
    Registry.items.append(name)  # [request-mutates-class-state]
    Registry.annotated.append(name)  # [request-mutates-class-state]
    Registry.count = len(Registry.items)  # [request-mutates-class-state]
    Registry.bump()
    Registry().add(name)
    Shadowed().add(name)
    return {"n": len(Registry.items)}
