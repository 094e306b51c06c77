"""Rebinding a name of another project module, by attribute or setattr."""
# pylint: disable=missing-function-docstring
from flask import Flask

import rebinds_global_settings as settings

app = Flask(__name__)


@app.route("/debug/on")
def debug_on():
    settings.DEBUG = True  # [request-rebinds-global]
    setattr(settings, "LEVEL", "debug")  # [request-rebinds-global]
    return "ok"


@app.route("/debug")
def debug_state():
    return str(settings.DEBUG)
