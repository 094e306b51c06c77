"""gRPC: one servicer instance registered with the server serves every call."""
# pylint: disable=missing-function-docstring,missing-class-docstring,import-error
import grpc
import greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self):
        self.greeted = []  # set up once: fine

    def SayHello(self, request, context):  # pylint: disable=invalid-name
        self.greeted.append(request.name)  # [request-mutates-shared-instance]
        return context


def serve():
    server = grpc.server(None)
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    return server
