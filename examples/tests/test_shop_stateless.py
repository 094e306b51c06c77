"""The shop backed by SQLite: passes with one process, with copies and with restarts.
The database file is made in a temporary directory for these tests; every copy calls
``create_app`` with its path, so every copy opens the same file."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from shop_contract import ShopContract
from shop_stateless.app import create_app


@pytest.fixture(name="app", scope="module")
def _app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(tmp_path_factory.mktemp("shop") / "shop.db")


class TestStatelessShop(ShopContract):
    @pytest.fixture(name="client")
    def _client(self, app: FastAPI, address: str) -> Iterator[TestClient]:
        with TestClient(app, client=(address, 50000)) as client:
            yield client
