"""The stateful shop: passes with one process; with two copies, or a restart between
requests, every behaviour that keeps state in the process breaks."""

import pytest
from fastapi.testclient import TestClient
from shop.main import app
from shop_contract import ShopContract


class TestShop(ShopContract):
    @pytest.fixture(name="client")
    def _client(self, address: str) -> TestClient:
        return TestClient(app, client=(address, 50000))
