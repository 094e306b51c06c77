"""Handlers in this module; state, helpers and services in others."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI

import cross_module_state as state
from cross_module_helpers import lookup, remember, unregistered_handler
from cross_module_services import cart_service
from cross_module_state import carts

app = FastAPI()


@app.post("/cart/{uid}")
def add(uid: str, item: str):
    carts.setdefault(uid, []).append(item)  # [request-mutates-module-state]
    state.counters[uid] = 1  # [request-mutates-module-state]
    state.LAST_UID = uid  # [request-rebinds-global]
    remember(uid, item)  # [request-mutates-module-state]
    cart_service.add(uid, item)  # [request-mutates-shared-instance]
    return lookup(uid)


app.add_api_route("/registered", unregistered_handler)  # [request-mutates-module-state]
