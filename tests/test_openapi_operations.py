"""Connexion's operations, named in an OpenAPI document: how the document is read, how an
operation names its function, and that the messages do not depend on how the modules are
shared among ``-j`` workers."""

from __future__ import annotations

import json
from pathlib import Path

import astroid
import pytest
import yaml
from astroid import nodes

from pylint_stateless.frameworks import connexion

from helpers import ROOT, messages

CASE = ROOT / "tests" / "functional" / "frameworks"
SPEC = CASE / "connexion_spec" / "openapi.yaml"
# What openapi-generator's python-flask servers declare, with what else a document holds.
GENERATED = """\
openapi: 3.0.1
info:
  description: "A pet store: {{ title }}"
  title: {{ title }}
servers:
- url: http://petstore.example/v2
paths:
  /pet:
    put:
      operationId: update_pet
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Pet'
        required: true
      x-codegen-request-body-name: body
      x-openapi-router-controller: openapi_server.controllers.pet_controller
    post:
      tags: [pet]
      summary: >
        Add a new pet: a folded
        block scalar
      operationId: add_pet   # a comment
      x-openapi-router-controller: openapi_server.controllers.pet_controller
  "/pet/{petId}":
    get:
      operationId: "get_pet_by_id"
      security:
      - api_key: []
      x-openapi-router-controller: 'openapi_server.controllers.pet_controller'
components:
  securitySchemes:
    petstore_auth:
      type: oauth2
      x-tokenInfoFunc: openapi_server.controllers.security_controller.info_from_petstore_auth
      x-scopeValidateFunc: openapi_server.controllers.security_controller.validate_scope
"""


def _add_api(source: str, path: Path) -> nodes.Call:
    module = astroid.parse(source, module_name="app", path=str(path))
    return next(
        call for call in module.nodes_of_class(nodes.Call)
        if isinstance(call.func, nodes.Attribute) and call.func.attrname == "add_api"
    )


def test_the_reader_without_pyyaml_agrees_with_pyyaml() -> None:
    """The small reader used when PyYAML is missing reads the keys Connexion reads as
    PyYAML does (the document with Jinja placeholders is read by the small reader only)."""
    spec = SPEC.read_text(encoding="utf-8")
    ours, theirs = connexion.read_mappings(spec), yaml.safe_load(spec)
    assert ours["paths"].keys() == theirs["paths"].keys()
    for path, item in theirs["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                assert ours["paths"][path][method]["operationId"] == operation["operationId"]
    assert ours["components"] == {"securitySchemes": theirs["components"]["securitySchemes"]}
    generated = connexion.read_mappings(GENERATED)
    assert {
        (path, method, operation["operationId"], operation["x-openapi-router-controller"])
        for path, item in generated["paths"].items() for method, operation in item.items()
    } == {
        ("/pet", "put", "update_pet", "openapi_server.controllers.pet_controller"),
        ("/pet", "post", "add_pet", "openapi_server.controllers.pet_controller"),
        ("/pet/{petId}", "get", "get_pet_by_id", "openapi_server.controllers.pet_controller"),
    }
    assert generated["components"]["securitySchemes"]["petstore_auth"]["x-tokenInfoFunc"] == (
        "openapi_server.controllers.security_controller.info_from_petstore_auth"
    )


def test_operations_of_a_generated_server(tmp_path: Path) -> None:
    """``specification_dir`` from the application, a document PyYAML cannot read, the
    controllers of openapi-generator, the security functions."""
    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / "openapi.yaml").write_text(GENERATED, encoding="utf-8")
    call = _add_api(
        "import connexion\n"
        "def main():\n"
        "    app = connexion.App(__name__, specification_dir='./openapi/')\n"
        "    app.add_api('openapi.yaml', arguments={'title': 'Store'}, pythonic_params=True)\n",
        tmp_path / "__main__.py",
    )
    controller = "openapi_server.controllers"
    assert [(h.name, h.label) for h in connexion._operations(call)] == [
        (f"{controller}.pet_controller.update_pet", "PUT /pet"),
        (f"{controller}.pet_controller.add_pet", "POST /pet"),
        (f"{controller}.pet_controller.get_pet_by_id", "GET /pet/{petId}"),
        (f"{controller}.security_controller.info_from_petstore_auth", "security handler"),
        (f"{controller}.security_controller.validate_scope", "security handler"),
    ]


@pytest.mark.parametrize(
    ("resolver", "names"),
    [
        ("RestyResolver('api')", ["api.pets.search", "api.pets.post", "api.pets.get",
                                  "api.pets.delete", "api.get"]),
        ("connexion.resolver.RelativeResolver('api')", ["api.find", "api.add", "api.get"]),
        ("Resolver()", ["find", "add", "get"]),
    ],
)
def test_operation_ids_as_the_resolver_makes_them(
    tmp_path: Path, resolver: str, names: list[str]
) -> None:
    """Connexion's resolvers: operationIds as they are, under a root module, or made from
    the path and the verb (``RestyResolver``) when an operation has none."""
    paths = {
        "/pets": {"get": {"operationId": "find"}, "post": {"operationId": "add"}},
        "/pets/{id}": {"get": {"operationId": "get"}, "delete": {}},
        "/": {"get": {}},
    }
    resty = "Resty" in resolver
    if resty:
        paths = {path: {m: {} for m in item} for path, item in paths.items()}
    (tmp_path / "spec.json").write_text(json.dumps({"paths": paths}), encoding="utf-8")
    call = _add_api(
        f"import connexion\napp = connexion.AsyncApp(__name__)\n"
        f"app.add_api(specification='spec.json', resolver={resolver})\n",
        tmp_path / "app.py",
    )
    assert [h.name for h in connexion._operations(call)] == names


def test_a_document_built_by_the_module_in_a_folder_above(tmp_path: Path) -> None:
    """The path spelled through names and calls (``parser.specification``, a constant
    joined with a folder), and the document found above the application's package, where
    a relative ``specification_dir`` starts when the application runs from the root."""
    (tmp_path / "swagger").mkdir()
    (tmp_path / "swagger" / "openapi.json").write_text(
        json.dumps({"paths": {"/hosts": {"get": {"operationId": "api.host.get_host_list"}}}}),
        encoding="utf-8",
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    call = _add_api(
        "import connexion\nfrom os.path import join\n"
        "SPECIFICATION_FILE = join('./swagger/', 'openapi.json')\n"
        "def create_app():\n"
        "    app = connexion.FlaskApp('inventory', specification_dir='./swagger/')\n"
        "    parser = TranslatingParser(SPECIFICATION_FILE)\n"
        "    app.add_api(parser.specification, resolver=RestyResolver('api'))\n",
        tmp_path / "app" / "__init__.py",
    )
    assert [(h.name, h.label) for h in connexion._operations(call)] == [
        ("api.host.get_host_list", "GET /hosts")
    ]


def test_no_document_no_operations(tmp_path: Path) -> None:
    call = _add_api("import connexion\napp = connexion.App(__name__)\n"
                    "app.add_api('missing.yaml')\napp.add_api(SPEC)\n", tmp_path / "app.py")
    assert not list(connexion._operations(call))
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    call = _add_api("import connexion\nconnexion.App(__name__).add_api('broken.json')\n",
                    tmp_path / "app.py")
    assert not list(connexion._operations(call))


def _key(message: dict) -> tuple:
    return (message["path"], message["line"], message["symbol"], message["message"],
            message["confidence"])


def test_the_same_messages_whichever_module_a_worker_lints() -> None:
    """The operations are reported where ``add_api`` registers them, whether the module
    that defines them is linted in the same process, in another worker, or not at all."""
    files = [str((CASE / name).relative_to(ROOT))
             for name in ("connexion_api.py", "connexion_service.py")]
    serial = sorted(map(_key, messages("-j", "1", *files)))
    assert len(serial) == 4
    assert {Path(k[0]).name for k in serial} == {"connexion_service.py"}
    assert serial == sorted(map(_key, messages("-j", "2", *files)))
    assert serial == sorted(map(_key, messages("-j", "1", *reversed(files))))
    assert serial == sorted(map(_key, messages(files[1])))
    assert not messages(files[0])
