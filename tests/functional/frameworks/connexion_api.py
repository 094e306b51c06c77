"""Operations of connexion_service's OpenAPI document: they are reported where ``add_api``
registers them, in connexion_service.py."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from connexion import request

pets = []
removed = []
decoded = {}


def list_pets():
    return pets


def add_pet(body):
    pets.append(body)  # reported at add_api in connexion_service.py
    return body, 201


def get_pet(pet_id):
    found = {}  # a local: fine
    found[pet_id] = request.headers.get("x-trace")
    return found


class Pets:
    @staticmethod
    def remove(pet_id):
        removed.append(pet_id)  # reported at add_api in connexion_service.py


def decode_token(token):
    decoded[token] = {"sub": token}  # reported at add_api in connexion_service.py
    return decoded[token]


def not_an_operation(pet):
    pets.append(pet)  # named by no operation: not an entry point
