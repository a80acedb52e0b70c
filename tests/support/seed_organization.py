#!/usr/bin/env python3
"""Seed an emulated AWS Organization (moto_server) for tests/organization_moto.rs.

    seed_organization.py --endpoint-url http://127.0.0.1:5055

With the emulator's default credentials (moto's account 123456789012, the management
account) it creates an organization and four member accounts: `open` and `closed-off`
get one S3 bucket each (without and with a public access block), `denied` gets nothing
(the test's proxy refuses its role), and `closed` is closed (SUSPENDED). The management
account gets a bucket with a public access block, and the installation's ExternalId key
secret. Members are seeded through AssumeRole into their OrganizationAccountAccessRole:
moto does not check that the role exists or trusts anyone, and maps the credentials it
returns to the role's account. Prints one JSON object: the account ids, the key secret's
ARN and each member's ExternalId, computed here with Python's hmac as the installation
derives them (lowercase hex HMAC-SHA256 of the account id under the key).
"""

import argparse
import hashlib
import hmac
import json

import boto3

REGION = "us-east-1"
KEY = "parapet-org-test-key-0123456789abcdefghijklmnopqrstuvwxyz"
FULL_BLOCK = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def client(service, endpoint, credentials=None):
    extra = {}
    if credentials:
        extra = {
            "aws_access_key_id": credentials["AccessKeyId"],
            "aws_secret_access_key": credentials["SecretAccessKey"],
            "aws_session_token": credentials["SessionToken"],
        }
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint, **extra)


def bucket(s3, name, blocked):
    s3.create_bucket(Bucket=name)
    if blocked:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=FULL_BLOCK)


def member_credentials(endpoint, account_id):
    sts = client("sts", endpoint)
    role = f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole"
    return sts.assume_role(RoleArn=role, RoleSessionName="seed")["Credentials"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint-url", required=True)
    endpoint = parser.parse_args().endpoint_url

    org = client("organizations", endpoint)
    org.create_organization(FeatureSet="ALL")
    ids = {}
    for name in ["open", "closed-off", "denied", "closed"]:
        status = org.create_account(AccountName=name, Email=f"{name}@example.com")
        ids[name] = status["CreateAccountStatus"]["AccountId"]
    org.close_account(AccountId=ids["closed"])
    management = client("sts", endpoint).get_caller_identity()["Account"]

    bucket(client("s3", endpoint), "org-management-bucket", blocked=True)
    for name, blocked in [("open", False), ("closed-off", True)]:
        creds = member_credentials(endpoint, ids[name])
        bucket(client("s3", endpoint, creds), f"org-{name}-bucket", blocked)

    secret = client("secretsmanager", endpoint).create_secret(
        Name="parapet-external-id-key", SecretString=KEY
    )
    external_ids = {
        i: hmac.new(KEY.encode(), i.encode(), hashlib.sha256).hexdigest() for i in ids.values()
    }
    print(json.dumps({
        "management": management,
        "accounts": ids,
        "key_secret_arn": secret["ARN"],
        "external_ids": external_ids,
    }))


if __name__ == "__main__":
    main()
