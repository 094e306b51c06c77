"""AWS Lambda: a module-level handler(event, context); its module lives per warm container."""
# pylint: disable=missing-function-docstring,global-statement
import json
import os

import boto3

s3 = boto3.client("s3")  # a client at import time, reused while warm: fine
_object_cache = {}
_table = None
invocations = 0


def lambda_handler(event, context):
    global invocations, _table
    invocations += 1  # [request-rebinds-global]
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE"])  # lazy client: fine
    key = event["key"]
    if key not in _object_cache:
        _object_cache[key] = s3.get_object(Bucket="b", Key=key)["Body"].read()  # [process-local-cache]
    seen = {}  # per invocation: fine
    seen[key] = context.aws_request_id
    return {"statusCode": 200, "body": json.dumps(len(seen))}


def on_signal(signum, frame):
    """Not a handler: its name and parameters say so."""
    _object_cache.clear()
    return signum, frame


def handler(request):
    """One parameter: not Lambda's handler(event, context)."""
    _object_cache.clear()
    return request
