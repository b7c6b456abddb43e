"""A Python gRPC client of the clients API: grpcio for the calls and
grpcio-status for Google's rich error details, with stubs that grpcio-tools
generates from clients.proto. It knows nothing of the Rust crate.

Usage: grpc_client.py PROTO_DIR ADDRESS LIMITED_ADDRESS FAILING_ADDRESS
Prints one JSON object: each case's status code, message, request id and
decoded details.
"""

import importlib
import json
import os
import sys
import tempfile

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from grpc_tools import protoc

KEY = [("authorization", "Bearer sk_test_full")]
LIMITED_KEY = [("authorization", "Bearer sk_test_limited")]


def stubs(proto_dir):
    out = tempfile.mkdtemp()
    code = protoc.main(
        [
            "grpc_tools.protoc",
            f"-I{proto_dir}",
            f"--python_out={out}",
            f"--grpc_python_out={out}",
            os.path.join(proto_dir, "clients.proto"),
        ]
    )
    if code != 0:
        raise SystemExit(f"grpc_tools.protoc failed with {code}")
    sys.path.insert(0, out)
    return importlib.import_module("clients_pb2"), importlib.import_module("clients_pb2_grpc")


DETAILS = {
    "error_info": error_details_pb2.ErrorInfo,
    "bad_request": error_details_pb2.BadRequest,
    "retry_info": error_details_pb2.RetryInfo,
    "request_info": error_details_pb2.RequestInfo,
    "help": error_details_pb2.Help,
    "debug_info": error_details_pb2.DebugInfo,
    "localized_message": error_details_pb2.LocalizedMessage,
}


def detail(name, message):
    if name == "error_info":
        return {"reason": message.reason, "domain": message.domain, "metadata": dict(message.metadata)}
    if name == "bad_request":
        return [[v.field, v.description, v.reason] for v in message.field_violations]
    if name == "retry_info":
        return message.retry_delay.ToTimedelta().total_seconds()
    if name == "request_info":
        return message.request_id
    if name == "help":
        return [link.url for link in message.links]
    if name == "localized_message":
        return [message.locale, message.message]
    return {"stack_entries": list(message.stack_entries), "detail": message.detail}


def report(call):
    """What a failed call carried, read the way grpcio-status reads it."""
    try:
        call()
    except grpc.RpcError as error:
        # from_call checks that the details' code and message are the call's.
        status = rpc_status.from_call(error)
        metadata = dict(error.trailing_metadata() or ())
        metadata.update(dict(error.initial_metadata() or ()))
        details = {}
        for any_detail in status.details:
            for name, message_type in DETAILS.items():
                if any_detail.Is(message_type.DESCRIPTOR):
                    message = message_type()
                    any_detail.Unpack(message)
                    details[name] = detail(name, message)
        return {
            "code": error.code().name,
            "message": error.details(),
            "request_id": metadata.get("x-request-id"),
            "details": details,
        }
    raise SystemExit("the call succeeded")


def main():
    proto_dir, address, limited_address, failing_address = sys.argv[1:5]
    pb, pb_grpc = stubs(proto_dir)
    api = pb_grpc.ClientsStub(grpc.insecure_channel(address))
    limited = pb_grpc.ClientsStub(grpc.insecure_channel(limited_address))
    failing = pb_grpc.ClientsStub(grpc.insecure_channel(failing_address))

    client = api.CreateClient(pb.CreateClientRequest(email="ada@example.com", name="Ada"), metadata=KEY)
    invoice = api.CreateInvoice(pb.CreateInvoiceRequest(client_id=client.id, amount=100), metadata=KEY)
    api.SendInvoice(pb.SendInvoiceRequest(id=invoice.id), metadata=KEY)
    # The limited server allows one call; this one spends it.
    report(lambda: limited.GetClient(pb.GetClientRequest(id="cli_1"), metadata=KEY))
    debug = KEY + [("x-debug", "true")]

    cases = {
        "unauthorized": lambda: api.GetClient(pb.GetClientRequest(id=client.id)),
        "forbidden": lambda: api.GetClient(pb.GetClientRequest(id=client.id), metadata=LIMITED_KEY),
        "not_found": lambda: api.GetClient(
            pb.GetClientRequest(id="cli_404"), metadata=KEY + [("x-request-id", "req_python_1")]
        ),
        "not_found_in_french": lambda: api.GetClient(
            pb.GetClientRequest(id="cli_404"), metadata=KEY + [("accept-language", "fr-CA, en;q=0.5")]
        ),
        "invalid_request": lambda: api.CreateClient(pb.CreateClientRequest(name="Ada"), metadata=KEY),
        "invalid_request_in_french": lambda: api.CreateClient(
            pb.CreateClientRequest(name="Ada"), metadata=KEY + [("accept-language", "fr")]
        ),
        "invalid_parameter": lambda: api.CreateClient(
            pb.CreateClientRequest(email="bob@example.com", rate=-5), metadata=KEY
        ),
        "validation_error": lambda: api.CreateClient(
            pb.CreateClientRequest(email="bob", rate=-1), metadata=KEY
        ),
        "duplicate": lambda: api.CreateClient(pb.CreateClientRequest(email="ada@example.com"), metadata=KEY),
        "conflict": lambda: api.SendInvoice(pb.SendInvoiceRequest(id=invoice.id), metadata=debug),
        "rate_limit_exceeded": lambda: limited.GetClient(pb.GetClientRequest(id="cli_1"), metadata=KEY),
        "internal_error": lambda: failing.Export(pb.ExportRequest(), metadata=KEY),
    }
    print(json.dumps({name: report(call) for name, call in cases.items()}))


if __name__ == "__main__":
    main()
