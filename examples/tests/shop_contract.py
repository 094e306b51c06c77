"""What the shop does, observed across requests; run against each implementation by
test_shop.py and test_shop_stateless.py (a ``client`` fixture each)."""

from fastapi.testclient import TestClient

LIMIT = 5  # requests a minute per client address, in both shops


class ShopContract:
    """The tests of both shops. Each request of a test may be served by another worker."""

    def test_login_opens_a_session(self, client: TestClient) -> None:
        client.post("/login/ann")
        assert client.get("/me").json() == {"user": "ann"}

    def test_cart_keeps_its_items(self, client: TestClient) -> None:
        client.post("/cart/bob/apple")
        client.post("/cart/bob/pear")
        assert client.get("/cart/bob").json() == ["apple", "pear"]

    def test_checkout_totals_the_cart(self, client: TestClient) -> None:
        client.post("/cart/cyd/apple")
        assert client.post("/checkout/cyd").json()["total"] == 3

    def test_receipt_of_an_order_is_sent(self, client: TestClient) -> None:
        order = client.post("/checkout/dan").json()
        assert client.get(f"/jobs/{order['id']}").json() == {"status": "sent"}

    def test_orders_are_remembered(self, client: TestClient) -> None:
        client.post("/checkout/eve")
        client.post("/checkout/eve")
        assert len(client.get("/orders/eve").json()) == 2

    def test_requests_over_the_limit_are_refused(self, client: TestClient) -> None:
        statuses = [client.get("/cart/fay").status_code for _ in range(LIMIT + 1)]
        assert statuses == [200] * LIMIT + [429]

    def test_dashboard_knows_how_many_are_connected(self, client: TestClient) -> None:
        with client.websocket_connect("/live") as first:
            assert first.receive_json() == {"listeners": 1}
            with client.websocket_connect("/live") as second:
                assert second.receive_json() == {"listeners": 2}
