"""Django Ninja: operations on the API and its routers are entry points; the
authentication, throttle and pagination objects serve every request; a Ninja Extra
controller is built per request."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from ninja import NinjaAPI, Router
from ninja.pagination import PaginationBase
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle
from ninja_extra import ControllerBase, api_controller, route

api = NinjaAPI()
router = Router()
votes = {}
audit = []
added = []


class BearerAuth(HttpBearer):
    def __init__(self):
        super().__init__()
        self.checked = 0  # set up once: fine

    def authenticate(self, request, token):
        self.checked += 1  # [request-mutates-shared-instance]
        return token


class Throttle(BaseThrottle):
    def allow_request(self, request):
        self.last_path = request.path  # [request-mutates-shared-instance]
        return True


class Pagination(PaginationBase):
    def paginate_queryset(self, queryset, pagination, **params):
        self.total = len(queryset)  # [request-mutates-shared-instance]
        return {"items": queryset, "count": self.total}


@api.post("/polls/{poll_id}/vote", auth=BearerAuth())
def vote(request, poll_id: int):
    votes[poll_id] = votes.get(poll_id, 0) + 1  # [request-mutates-module-state]
    request.session["voted"] = poll_id  # the request's own: fine
    return {"votes": votes[poll_id]}


@router.api_operation(["POST", "PATCH"], "/items")
def upsert_item(request):
    audit.append(request.body)  # [request-mutates-module-state]
    return {}


@router.get("/items")
def list_items(request):
    seen = {}  # a local: fine
    seen[request.path] = 1
    return list(seen)


@api_controller("/carts")
class CartController(ControllerBase):
    @route.post("/{cart_id}")
    def add(self, cart_id: int):
        self.cart_id = cart_id  # a controller is built per request: fine
        added.append(cart_id)  # [request-mutates-module-state]
        return {}


api.add_router("/items", router)
