"""moto's Lambda without Docker, for `parapet scan --remote`: moto then runs no function
code; an invocation answers the next result queued for it, or echoes its payload.

  lambda_function.py URL create NAME     switch moto to that mode and create function NAME
  lambda_function.py URL answer JSON     queue JSON as the next invocation's answer
"""
import io
import json
import sys
import urllib.request
import zipfile

import boto3

URL, ACTION, ARG = sys.argv[1], sys.argv[2], sys.argv[3]


def moto_api(path, body):
    request = urllib.request.Request(f"{URL}/moto-api/{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()


if ACTION == "create":
    moto_api("config", {"lambda": {"use_docker": False}})
    iam = boto3.client("iam", endpoint_url=URL, region_name="us-east-1")
    role = iam.create_role(RoleName=f"{ARG}-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\n")
    boto3.client("lambda", endpoint_url=URL, region_name="us-east-1").create_function(
        FunctionName=ARG, Runtime="provided.al2023", Role=role, Handler="bootstrap",
        Code={"ZipFile": code.getvalue()})
elif ACTION == "answer":
    moto_api("static/lambda-simple/response", {"results": [ARG], "region": "us-east-1"})
else:
    sys.exit(f"unknown action {ACTION}")
