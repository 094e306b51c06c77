"""A memo of files shipped with the code cannot go stale; a cache of database rows can."""
# pylint: disable=missing-function-docstring
import json
import os

from flask import Flask

app = Flask(__name__)
HERE = os.path.dirname(__file__)
TRANSLATIONS = {}
PROFILE_CACHE = {}


def load_translation(language):
    with open(os.path.join(HERE, "i18n", f"{language}.json"), encoding="utf-8") as handle:
        return json.load(handle)


def fetch_profile_from_db(user):
    return {"user": user}


@app.get("/i18n/<language>")
def translation(language):
    if language not in TRANSLATIONS:
        data = load_translation(language)
        TRANSLATIONS[language] = data  # a memo of a shipped file
    return TRANSLATIONS[language]


@app.get("/profiles/<user>")
def profile(user):
    if user not in PROFILE_CACHE:
        PROFILE_CACHE[user] = fetch_profile_from_db(user)  # [process-local-cache]
    return PROFILE_CACHE[user]
