#!/usr/bin/env python3
"""Seed an emulated AWS account (moto_server) for parapet's demo and integration tests.

    seed_account.py --endpoint-url http://127.0.0.1:5055 [--regions us-east-1,eu-west-1] [--scale N]
    seed_account.py --expected-findings tests/fixtures/expected_findings.tsv [--regions ...]

The first form creates a deterministic mix of compliant and non-compliant resources and
prints a one-line summary. It stops at the first failing API call, names it, and exits 1;
it also refuses (exit 1) an account that was already seeded (reset moto first:
`curl -X POST URL/moto-api/reset`). `--scale N` adds N filler resources (security groups,
volumes, buckets, IAM users, KMS keys and IAM policies, round-robin over the regions) named
`parapet-filler-*`; fillers are never named in the manifest. `--profile issue19` seeds
instead only the account of issue 19's side-by-side benchmark (bench/compare).

The second form needs no endpoint: it writes the manifest of what a correct scan must
report for the named resources, from the same tables the seeder uses. The committed
tests/fixtures/expected_findings.tsv is that output for the default regions. Naming
follows docs/resources.md; EC2/VPC resources, KMS keys and EFS file systems carry a
`Name` tag (KMS keys also an alias of the same name) and are named by it; account- and
region-level settings are named by the account id (123456789012), region `global` for
account-wide ones.

What moto 5.2.5 (the /tmp/motovenv install) could not emulate, or emulated differently,
found by running this script against moto_server and reading the state back:

- S3 MFA delete: PutBucketVersioning accepts MFADelete=Enabled (with the MFA header) but
  drops it; GetBucketVersioning never returns MFADelete. s3_bucket_no_mfa_delete can
  only FAIL, so even parapet-good-* buckets FAIL it.
- GetBucketVersioning answers with a <GetBucketVersioningResponse> root (real S3:
  <VersioningConfiguration>), and for a never-versioned bucket an empty one, which the
  Rust SDK cannot parse. Every seeded bucket gets an explicit Enabled or Suspended state.
- S3 Control (account public access block): the SDK puts the account id in front of the
  endpoint host (123456789012.127.0.0.1), which does not resolve. The seeder rewrites the
  URL back to the plain endpoint; a scanner needs the same treatment (or fails to read it).
- No AWS-managed IAM policies unless moto_server runs with
  MOTO_IAM_LOAD_MANAGED_POLICIES=true, so nothing attaches AdministratorAccess or
  AWSSupportAccess: iam_aws_attached_policy_no_administrative_privileges has no resource,
  and iam_support_role_created can only FAIL.
- The credential report has no <root_account> row and the account summary always says
  AccountMFAEnabled=0, AccountAccessKeysPresent=0: the root controls (1.4-1.7) are not
  asserted. password_last_used is never set, and nothing can back-date a key or password,
  so the 45/90-day controls (1.12) are not asserted and 1.14 can only PASS.
- Access keys: moto records "last used" when a request is signed with a key it knows, so
  the seeder uses one user's key once (STS GetCallerIdentity) to make it "used".
- Server certificates: moto ignores the certificate body and reports a fixed
  Expiration of 2012-05-08 (UploadDate 2010-05-08) for every certificate;
  iam_no_expired_server_certificates_stored can only FAIL.
- Access Analyzer is not implemented (HTTP 500 on every call): nothing is seeded and
  accessanalyzer_enabled is not asserted.
- Macie starts ENABLED in every region and has no UpdateMacieSession; the seeder calls
  EnableMacie(status=PAUSED) outside the first region to get a "not enabled" region.
- Account GetContactInformation is not implemented (404); alternate contacts are.
- EC2 default security groups have no ingress rule (real AWS: one allowing the group
  itself) but do have the allow-all egress rule; new custom NACLs have no entries at all
  (real AWS: the two catch-all deny entries). Instances launched without a security group
  report none. No CpuOptions/AmdSevSnp, so the confidential-workload controls are not
  asserted. FlowLogStatus is always ACTIVE (a missing log group only turns
  DeliverLogsStatus to FAILED), so no "inactive flow log" case.
- Encrypting an EBS volume without a KmsKeyId makes moto create a CUSTOMER-managed
  "default EBS key" with a random id (real AWS: the AWS-managed aws/ebs key) that would
  then fail key rotation; every encrypted volume/RDS/EFS here names its key explicitly.
- Asymmetric keys: GetKeyRotationStatus returns false and EnableKeyRotation succeeds
  (real AWS: UnsupportedOperationException for both). parapet-key-signing is not asserted.
- SNS email subscriptions are confirmed at once (real AWS: PendingConfirmation); the
  alarm topic's subscriber is an SQS queue, which is confirmed in both.
- Config: the started recorder's lastStatus stays PENDING (never SUCCESS).
- PutBucketLogging checks the target bucket's permissions and crashes (HTTP 500) on a
  statement with a plain-string Principal ("*") ahead of the logging one, so the log
  bucket's policy lists the logging statement first and uses {"AWS": "*"} principals.
- Handlers are not thread-safe: with the filler threads, a call can crash with HTTP 500
  (seen once at --scale 5000 on KMS CreateAlias); `Seeder.call` tries such a call again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

ACCOUNT_ID = "123456789012"
DEFAULT_REGIONS = ("us-east-1", "eu-west-1")
LOGIN_PASSWORD = "Parapet-Seed-Only-1!"  # throwaway, emulator only
SEED_TAG = ("Environment", "parapet-seed")
SENTINEL_USER = "parapet-user-console-mfa"

PASS, FAIL = "PASS", "FAIL"

# Control ids (controls/frameworks, CIS AWS 3.0).
C_MFA_CONSOLE = "iam_user_mfa_enabled_console_access"
C_NO_INITIAL_KEY = "iam_user_no_setup_initial_access_key"
C_TWO_KEYS = "iam_user_two_active_access_key"
C_ROTATE_90 = "iam_rotate_access_key_90_days"
C_POLICY_GROUPS_ROLES = "iam_policy_attached_only_to_group_or_roles"
C_CUSTOMER_ADMIN = "iam_customer_attached_policy_no_administrative_privileges"
C_SUPPORT_ROLE = "iam_support_role_created"
C_EXPIRED_CERTS = "iam_no_expired_server_certificates_stored"
C_PW_LENGTH = "iam_password_policy_minimum_length_14"
C_PW_REUSE = "iam_password_policy_reuse_24"
C_INSTANCE_PROFILE = "ec2_instance_profile_attached"
C_IMDSV2 = "ec2_instance_imdsv2_enabled"
C_S3_TLS = "s3_bucket_secure_transport_policy"
C_S3_MFA_DELETE = "s3_bucket_no_mfa_delete"
C_S3_BUCKET_PAB = "s3_bucket_level_public_access_block"
C_S3_ACCOUNT_PAB = "s3_account_level_public_access_blocks"
C_MACIE = "macie_is_enabled"
C_EBS = "ec2_ebs_volume_encryption"
C_RDS_ENC = "rds_instance_storage_encrypted"
C_RDS_MINOR = "rds_instance_minor_version_upgrade_enabled"
C_RDS_PUBLIC = "rds_instance_no_public_access"
C_EFS = "efs_encryption_at_rest_enabled"
C_TRAIL_MULTI = "cloudtrail_multi_region_enabled"
C_TRAIL_S3_WRITE = "cloudtrail_s3_dataevents_write_enabled"
C_TRAIL_S3_READ = "cloudtrail_s3_dataevents_read_enabled"
C_TRAIL_VALIDATION = "cloudtrail_log_file_validation_enabled"
C_TRAIL_KMS = "cloudtrail_kms_encryption_enabled"
C_TRAIL_BUCKET_LOGGING = "cloudtrail_logs_s3_bucket_access_logging_enabled"
C_CONFIG = "config_recorder_all_regions_enabled"
C_KMS_ROTATION = "kms_cmk_rotation_enabled"
C_FLOW_LOGS = "vpc_flow_logs_enabled"
C_SECURITYHUB = "securityhub_enabled"
C_NACL_ANY = "ec2_networkacl_allow_ingress_any_port"
C_NACL_22 = "ec2_networkacl_allow_ingress_tcp_port_22"
C_NACL_3389 = "ec2_networkacl_allow_ingress_tcp_port_3389"
C_SG_ALL = "ec2_securitygroup_allow_ingress_from_internet_to_all_ports"
C_SG_22 = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"
C_SG_3389 = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"
C_SG_DEFAULT = "ec2_securitygroup_default_restrict_traffic"

# --------------------------------------------------------------------------------------
# What gets seeded. Each entry's `expect` maps control id -> (status, why); those are the
# manifest rows. "{s}" in a bucket name is the region's short form (us-east-1 -> use1).
# --------------------------------------------------------------------------------------


def allow(*actions: str, resource: Any = "*") -> dict:
    return {"Effect": "Allow", "Action": list(actions) if len(actions) > 1 else actions[0], "Resource": resource}


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


MANAGED_POLICIES = [
    {
        "name": "parapet-admin-policy",
        "document": doc(allow("*")),
        "expect": {C_CUSTOMER_ADMIN: (FAIL, "allows * on * and is attached to group parapet-admins")},
    },
    {
        "name": "parapet-least-privilege",
        "document": doc(
            allow("s3:GetObject", "s3:ListBucket",
                  resource=["arn:aws:s3:::parapet-good-*-data", "arn:aws:s3:::parapet-good-*-data/*"])
        ),
        "expect": {C_CUSTOMER_ADMIN: (PASS, "attached policy allows only s3:GetObject/ListBucket on named buckets")},
    },
    {
        "name": "parapet-region-guardrail",
        "document": json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Deny", "Action": "*", "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": list(DEFAULT_REGIONS)}},
            }],
        }),
        "expect": {C_CUSTOMER_ADMIN: (PASS, "attached policy has * on * only in a Deny statement")},
    },
    # Not attached to anything: whether that is PASS or SKIPPED is the control's choice,
    # so it is seeded for realism but not asserted.
    {"name": "parapet-unattached-admin", "document": doc(allow("*")), "expect": {}},
]

GROUPS = [
    {"name": "parapet-admins", "policies": ["parapet-admin-policy"]},
    {"name": "parapet-readonly", "policies": ["parapet-least-privilege", "parapet-region-guardrail"]},
]

# keys: "unused" | "used" (signed one request) | "inactive"
USERS = [
    {
        "name": "parapet-user-console-mfa", "password": True, "mfa": True, "keys": [],
        "groups": ["parapet-readonly"],
        "expect": {
            C_MFA_CONSOLE: (PASS, "console password with a virtual MFA device"),
            C_NO_INITIAL_KEY: (PASS, "console user without access keys"),
            C_POLICY_GROUPS_ROLES: (PASS, "permissions only through group parapet-readonly"),
        },
    },
    {
        "name": "parapet-user-console-nomfa", "password": True, "mfa": False, "keys": ["unused"],
        "groups": ["parapet-admins"],
        "expect": {
            C_MFA_CONSOLE: (FAIL, "console password and no MFA device"),
            C_NO_INITIAL_KEY: (FAIL, "console user whose only access key was never used"),
            C_TWO_KEYS: (PASS, "one active access key"),
            C_ROTATE_90: (PASS, "access key created at seed time"),
            C_POLICY_GROUPS_ROLES: (PASS, "permissions only through group parapet-admins"),
        },
    },
    {
        "name": "parapet-user-console-usedkey", "password": True, "mfa": True, "keys": ["used"],
        "groups": ["parapet-readonly"],
        "expect": {
            C_MFA_CONSOLE: (PASS, "console password with a virtual MFA device"),
            C_NO_INITIAL_KEY: (PASS, "console user whose access key has been used"),
            C_TWO_KEYS: (PASS, "one active access key"),
            C_ROTATE_90: (PASS, "access key created at seed time"),
        },
    },
    {
        "name": "parapet-user-api-two-keys", "password": False, "mfa": False, "keys": ["unused", "unused"],
        "groups": [],
        "expect": {
            C_TWO_KEYS: (FAIL, "two active access keys"),
            C_ROTATE_90: (PASS, "both access keys created at seed time"),
            C_POLICY_GROUPS_ROLES: (PASS, "no policies attached to the user"),
        },
    },
    {
        "name": "parapet-user-api-rotated", "password": False, "mfa": False, "keys": ["inactive", "unused"],
        "groups": [],
        "expect": {
            C_TWO_KEYS: (PASS, "two access keys but the first is Inactive"),
            C_ROTATE_90: (PASS, "active access key created at seed time"),
        },
    },
    {
        "name": "parapet-user-api-direct", "password": False, "mfa": False, "keys": ["unused"],
        "groups": [], "attach": ["parapet-least-privilege"],
        "expect": {
            C_POLICY_GROUPS_ROLES: (FAIL, "managed policy parapet-least-privilege attached directly"),
            C_TWO_KEYS: (PASS, "one active access key"),
        },
    },
    {
        "name": "parapet-user-inline", "password": False, "mfa": False, "keys": [],
        "groups": [], "inline": {"parapet-inline-logs": doc(allow("logs:PutLogEvents"))},
        "expect": {C_POLICY_GROUPS_ROLES: (FAIL, "inline policy parapet-inline-logs on the user")},
    },
    {
        "name": "parapet-user-admin-member", "password": False, "mfa": False, "keys": [],
        "groups": ["parapet-admins"],
        "expect": {C_POLICY_GROUPS_ROLES: (PASS, "permissions only through group parapet-admins")},
    },
]


def trust(service: str) -> str:
    return doc({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})


ROLES = [
    ("parapet-ec2-role", "ec2.amazonaws.com"),
    ("parapet-flowlogs-role", "vpc-flow-logs.amazonaws.com"),
    ("parapet-trail-cwlogs-role", "cloudtrail.amazonaws.com"),
    ("parapet-config-role", "config.amazonaws.com"),
]
INSTANCE_PROFILE = "parapet-ec2-profile"
SERVER_CERT = "parapet-legacy-cert"
# Self-signed, expired 2020-01-01 (legacy.parapet.example). moto ignores the body anyway.
SERVER_CERT_BODY = """-----BEGIN CERTIFICATE-----
MIIBLzCB1qADAgECAgJe7TAKBggqhkjOPQQDAjAhMR8wHQYDVQQDDBZsZWdhY3ku
cGFyYXBldC5leGFtcGxlMB4XDTE5MDEwMTAwMDAwMFoXDTIwMDEwMTAwMDAwMFow
ITEfMB0GA1UEAwwWbGVnYWN5LnBhcmFwZXQuZXhhbXBsZTBZMBMGByqGSM49AgEG
CCqGSM49AwEHA0IABJkeZKSOLSIpX3KNPus2VB2fdVml2jqx4o65he/VGqTq8Wv7
HaHV1naroA5aW610KN2cb3edDteB/z8SjK+SEVcwCgYIKoZIzj0EAwIDSAAwRQIh
AN+Tw9bsQU5lUuBnAzQS/XBGP50ImLTe6dqsx7zSYLKkAiAPrrxZpLJiXxHs36KC
3Yv3/aru77YXQA35kwUET+p8tw==
-----END CERTIFICATE-----"""
# Not a key: moto does not parse it, real IAM would reject the upload.
SERVER_CERT_KEY_PLACEHOLDER = "-----BEGIN PRIVATE KEY-----\nbW90by1wbGFjZWhvbGRlcg==\n-----END PRIVATE KEY-----"

# --- per region ---------------------------------------------------------------------

KMS_KEYS = [
    {"name": "parapet-key-rotating", "spec": "SYMMETRIC_DEFAULT", "rotate": True,
     "expect": {C_KMS_ROTATION: (PASS, "customer key with automatic rotation enabled")}},
    {"name": "parapet-key-static", "spec": "SYMMETRIC_DEFAULT", "rotate": False,
     "expect": {C_KMS_ROTATION: (FAIL, "customer symmetric key without rotation")}},
    # Asymmetric keys cannot rotate: SKIPPED for a correct control, so not asserted.
    {"name": "parapet-key-signing", "spec": "RSA_2048", "usage": "SIGN_VERIFY", "rotate": False, "expect": {}},
]
TRAIL_KEY = {"name": "parapet-trail-key", "spec": "SYMMETRIC_DEFAULT", "rotate": True,
             "expect": {C_KMS_ROTATION: (PASS, "CloudTrail key with automatic rotation enabled")}}

ANY4, ANY6 = "0.0.0.0/0", "::/0"


def perm(proto: str, lo: int | None = None, hi: int | None = None, v4: tuple[str, ...] | list[str] = (),
         v6: tuple[str, ...] | list[str] = (),
         self_ref: bool = False) -> dict:
    p: dict[str, Any] = {"IpProtocol": proto}
    if lo is not None:
        p["FromPort"], p["ToPort"] = lo, hi if hi is not None else lo
    if v4:
        p["IpRanges"] = [{"CidrIp": c} for c in v4]
    if v6:
        p["Ipv6Ranges"] = [{"CidrIpv6": c} for c in v6]
    if self_ref:
        p["UserIdGroupPairs"] = [{"GroupId": "SELF"}]
    return p


SECURITY_GROUPS = [
    {"name": "parapet-sg-open-ssh", "ingress": [perm("tcp", 22, v4=[ANY4])],
     "expect": {C_SG_22: (FAIL, "tcp/22 open to 0.0.0.0/0"),
                C_SG_3389: (PASS, "only tcp/22 is open"),
                C_SG_ALL: (PASS, "only tcp/22 is open")}},
    {"name": "parapet-sg-open-rdp-v6", "ingress": [perm("tcp", 3389, v6=[ANY6])],
     "expect": {C_SG_3389: (FAIL, "tcp/3389 open to ::/0"),
                C_SG_22: (PASS, "only tcp/3389 is open"),
                C_SG_ALL: (PASS, "only tcp/3389 is open")}},
    {"name": "parapet-sg-open-all", "ingress": [perm("-1", v4=[ANY4])],
     "expect": {C_SG_ALL: (FAIL, "all protocols open to 0.0.0.0/0"),
                C_SG_22: (FAIL, "all protocols (so tcp/22) open to 0.0.0.0/0"),
                C_SG_3389: (FAIL, "all protocols (so tcp/3389) open to 0.0.0.0/0")}},
    {"name": "parapet-sg-open-all-v6", "ingress": [perm("-1", v6=[ANY6])],
     "expect": {C_SG_ALL: (FAIL, "all protocols open to ::/0"),
                C_SG_22: (FAIL, "all protocols (so tcp/22) open to ::/0"),
                C_SG_3389: (FAIL, "all protocols (so tcp/3389) open to ::/0")}},
    {"name": "parapet-sg-open-range", "ingress": [perm("tcp", 20, 3400, v4=[ANY4])],
     "expect": {C_SG_22: (FAIL, "tcp 20-3400 (includes 22) open to 0.0.0.0/0"),
                C_SG_3389: (FAIL, "tcp 20-3400 (includes 3389) open to 0.0.0.0/0"),
                C_SG_ALL: (PASS, "a tcp port range, not all ports")}},
    {"name": "parapet-sg-restricted",
     "ingress": [perm("tcp", 22, v4=["10.0.0.0/8"]), perm("tcp", 3389, v4=["192.168.0.0/16"]),
                 perm("tcp", 443, v4=[ANY4], v6=[ANY6]), perm("udp", 53, v4=[ANY4]),
                 perm("-1", self_ref=True)],
     "expect": {C_SG_22: (PASS, "tcp/22 only from 10.0.0.0/8"),
                C_SG_3389: (PASS, "tcp/3389 only from 192.168.0.0/16"),
                C_SG_ALL: (PASS, "all ports only from the group itself; internet gets tcp/443, udp/53")}},
]


def nacl_entry(rule: int, proto: str, action: str, cidr: str, ports: tuple[int, int] | None = None,
               egress: bool = False) -> dict:
    e: dict[str, Any] = {"RuleNumber": rule, "Protocol": proto, "RuleAction": action, "Egress": egress}
    e["Ipv6CidrBlock" if ":" in cidr else "CidrBlock"] = cidr
    if ports:
        e["PortRange"] = {"From": ports[0], "To": ports[1]}
    return e


EGRESS_ALL = nacl_entry(100, "-1", "allow", ANY4, egress=True)
NACLS = [
    {"name": "parapet-nacl-open-ssh",
     "entries": [nacl_entry(100, "6", "allow", ANY4, (22, 22)), nacl_entry(110, "6", "allow", ANY4, (443, 443)),
                 EGRESS_ALL],
     "expect": {C_NACL_22: (FAIL, "allows tcp/22 from 0.0.0.0/0"),
                C_NACL_3389: (PASS, "internet ingress only on tcp/22 and tcp/443"),
                C_NACL_ANY: (PASS, "internet ingress only on tcp/22 and tcp/443")}},
    {"name": "parapet-nacl-open-rdp-v6",
     "entries": [nacl_entry(100, "6", "allow", ANY6, (3389, 3389)), EGRESS_ALL],
     "expect": {C_NACL_3389: (FAIL, "allows tcp/3389 from ::/0"),
                C_NACL_22: (PASS, "internet ingress only on tcp/3389"),
                C_NACL_ANY: (PASS, "internet ingress only on tcp/3389")}},
    {"name": "parapet-nacl-open-all",
     "entries": [nacl_entry(100, "-1", "allow", ANY4), EGRESS_ALL],
     "expect": {C_NACL_ANY: (FAIL, "allows all traffic from 0.0.0.0/0"),
                C_NACL_22: (FAIL, "allows all traffic (so tcp/22) from 0.0.0.0/0"),
                C_NACL_3389: (FAIL, "allows all traffic (so tcp/3389) from 0.0.0.0/0")}},
    {"name": "parapet-nacl-restricted",
     "entries": [nacl_entry(90, "6", "deny", ANY4, (22, 22)), nacl_entry(100, "6", "allow", ANY4, (443, 443)),
                 nacl_entry(105, "17", "allow", ANY4, (53, 53)), nacl_entry(110, "6", "allow", "10.0.0.0/8", (22, 22)),
                 nacl_entry(120, "-1", "allow", "10.0.0.0/8"), EGRESS_ALL],
     "expect": {C_NACL_22: (PASS, "tcp/22 denied from 0.0.0.0/0, allowed only from 10.0.0.0/8"),
                C_NACL_3389: (PASS, "no internet ingress on tcp/3389"),
                C_NACL_ANY: (PASS, "all traffic only from 10.0.0.0/8; egress allow-all is not ingress")}},
]
DEFAULT_NACL_EXPECT = {
    C_NACL_ANY: (FAIL, "default NACL allows all traffic from 0.0.0.0/0"),
    C_NACL_22: (FAIL, "default NACL allows all traffic (so tcp/22) from 0.0.0.0/0"),
    C_NACL_3389: (FAIL, "default NACL allows all traffic (so tcp/3389) from 0.0.0.0/0"),
}

# default_sg: "strip" removes every rule, "self" adds the usual self-referencing ingress,
# "keep" leaves moto's (allow-all egress).
VPCS = [
    {"name": "parapet-vpc-flow", "cidr": "10.10.0.0/16", "flow_log": True, "default_sg": "strip",
     "expect": {C_FLOW_LOGS: (PASS, "ACTIVE flow log (ALL traffic to CloudWatch Logs)")},
     "default_sg_expect": {C_SG_DEFAULT: (PASS, "default security group has no inbound or outbound rules")}},
    {"name": "parapet-vpc-noflow", "cidr": "10.20.0.0/16", "flow_log": False, "default_sg": "self",
     "expect": {C_FLOW_LOGS: (FAIL, "no flow log")},
     "default_sg_expect": {C_SG_DEFAULT: (FAIL, "default security group allows ingress from itself and all egress")}},
]
DEFAULT_VPC = {
    "name": "parapet-default-vpc",
    "expect": {C_FLOW_LOGS: (FAIL, "default VPC without a flow log")},
    "default_sg_expect": {C_SG_DEFAULT: (FAIL, "default security group keeps its allow-all egress rule")},
}

INSTANCES = [
    {"name": "parapet-inst-hardened", "tokens": "required", "profile": True, "sg": "parapet-sg-restricted",
     "root_encrypted": True,
     "expect": {C_IMDSV2: (PASS, "HttpTokens required"), C_INSTANCE_PROFILE: (PASS, "instance profile parapet-ec2-profile")},
     "root_expect": {C_EBS: (PASS, "root volume encrypted with parapet-key-rotating")}},
    {"name": "parapet-inst-imdsv2-noprofile", "tokens": "required", "profile": False, "sg": "parapet-sg-restricted",
     "root_encrypted": True,
     "expect": {C_IMDSV2: (PASS, "HttpTokens required"), C_INSTANCE_PROFILE: (FAIL, "no instance profile")},
     "root_expect": {C_EBS: (PASS, "root volume encrypted with parapet-key-rotating")}},
    {"name": "parapet-inst-imdsv1-profile", "tokens": "optional", "profile": True, "sg": "parapet-sg-restricted",
     "root_encrypted": False,
     "expect": {C_IMDSV2: (FAIL, "HttpTokens optional (IMDSv1 allowed)"),
                C_INSTANCE_PROFILE: (PASS, "instance profile parapet-ec2-profile")},
     "root_expect": {C_EBS: (FAIL, "root volume not encrypted")}},
    {"name": "parapet-inst-legacy", "tokens": "optional", "profile": False, "sg": "parapet-sg-open-ssh",
     "root_encrypted": False,
     "expect": {C_IMDSV2: (FAIL, "HttpTokens optional (IMDSv1 allowed)"), C_INSTANCE_PROFILE: (FAIL, "no instance profile")},
     "root_expect": {C_EBS: (FAIL, "root volume not encrypted")}},
]

VOLUMES = [
    {"name": "parapet-vol-encrypted", "encrypted": True, "expect": {C_EBS: (PASS, "encrypted with parapet-key-rotating")}},
    {"name": "parapet-vol-plain", "encrypted": False, "expect": {C_EBS: (FAIL, "not encrypted")}},
]

DB_INSTANCES = [
    {"name": "parapet-db-private", "engine": "postgres", "encrypted": True, "public": False, "minor": True,
     "expect": {C_RDS_ENC: (PASS, "StorageEncrypted with parapet-key-rotating"),
                C_RDS_MINOR: (PASS, "AutoMinorVersionUpgrade on"),
                C_RDS_PUBLIC: (PASS, "not publicly accessible")}},
    {"name": "parapet-db-public", "engine": "mysql", "encrypted": False, "public": True, "minor": False,
     "expect": {C_RDS_ENC: (FAIL, "storage not encrypted"),
                C_RDS_MINOR: (FAIL, "AutoMinorVersionUpgrade off"),
                C_RDS_PUBLIC: (FAIL, "PubliclyAccessible")}},
]

FILE_SYSTEMS = [
    {"name": "parapet-efs-encrypted", "encrypted": True, "expect": {C_EFS: (PASS, "encrypted with parapet-key-rotating")}},
    {"name": "parapet-efs-plain", "encrypted": False, "expect": {C_EFS: (FAIL, "not encrypted")}},
]

MFA_DELETE_WHY = "moto drops MFADelete, so versioning reports no MFA delete"

# Buckets: "tls" picks the policy, "pab" the public access block, "mfa" asks for MFA delete.
# role: where it exists ("all" regions, "trail" = first region, "legacy" = legacy trail region)
BUCKETS = [
    {"name": "parapet-good-{s}-data", "role": "all", "tls": "deny", "pab": "all", "versioning": "Enabled", "mfa": True,
     "sse": "kms",
     "expect": {C_S3_TLS: (PASS, "policy denies s3:* to * when aws:SecureTransport is false"),
                C_S3_BUCKET_PAB: (PASS, "all four public access block flags on"),
                C_S3_MFA_DELETE: (FAIL, MFA_DELETE_WHY)}},
    {"name": "parapet-bad-{s}-data", "role": "all", "tls": None, "pab": None, "versioning": "Suspended", "mfa": False,
     "sse": "aes",
     "expect": {C_S3_TLS: (FAIL, "no bucket policy"),
                C_S3_BUCKET_PAB: (FAIL, "no public access block"),
                C_S3_MFA_DELETE: (FAIL, "versioning Suspended, no MFA delete")}},
    {"name": "parapet-bad-{s}-partial", "role": "all", "tls": "getobject-only", "pab": "three", "versioning": "Enabled",
     "mfa": False, "sse": "aes",
     "expect": {C_S3_TLS: (FAIL, "TLS deny covers only s3:GetObject, not s3:*"),
                C_S3_BUCKET_PAB: (FAIL, "RestrictPublicBuckets is off (3 of 4 flags)"),
                C_S3_MFA_DELETE: (FAIL, "versioning without MFA delete")}},
    {"name": "parapet-good-{s}-access-logs", "role": "trail", "tls": "deny+logging", "pab": "all",
     "versioning": "Enabled", "mfa": True, "sse": "aes",
     "expect": {C_S3_TLS: (PASS, "policy denies s3:* to * when aws:SecureTransport is false"),
                C_S3_BUCKET_PAB: (PASS, "all four public access block flags on"),
                C_S3_MFA_DELETE: (FAIL, MFA_DELETE_WHY)}},
    {"name": "parapet-good-{s}-trail-logs", "role": "trail", "tls": "deny+cloudtrail", "pab": "all",
     "versioning": "Enabled", "mfa": True, "sse": "kms", "logging": "parapet-good-{s}-access-logs",
     "expect": {C_S3_TLS: (PASS, "policy denies s3:* to * when aws:SecureTransport is false"),
                C_S3_BUCKET_PAB: (PASS, "all four public access block flags on"),
                C_S3_MFA_DELETE: (FAIL, MFA_DELETE_WHY)}},
    {"name": "parapet-bad-{s}-trail-logs", "role": "legacy", "tls": "cloudtrail-only", "pab": None,
     "versioning": "Suspended", "mfa": False, "sse": "aes",
     "expect": {C_S3_TLS: (FAIL, "policy only lets CloudTrail write; nothing denies plain HTTP"),
                C_S3_BUCKET_PAB: (FAIL, "no public access block"),
                C_S3_MFA_DELETE: (FAIL, "versioning Suspended, no MFA delete")}},
]

TRAIL_MAIN = "parapet-trail-main"
TRAIL_LEGACY = "parapet-trail-legacy"
TRAIL_LOG_GROUP = "parapet-cloudtrail"
ORPHAN_LOG_GROUP = "parapet-app-logs"
TOPIC_SUBSCRIBED = "parapet-security-alarms"
TOPIC_UNSUBSCRIBED = "parapet-unwatched-alarms"
ALARM_QUEUE = "parapet-alarm-sink"

# CIS AWS 3.0 section 4 filter patterns.
# mode: "alarm" (filter + alarm -> subscribed topic) | "unsubscribed" (alarm -> topic with no
# subscriber) | "filter-only" | "orphan" (filter + alarm on a log group no trail writes to) | None
MONITORING = [
    ("cloudwatch_log_metric_filter_unauthorized_api_calls", "UnauthorizedAPICalls", "alarm",
     '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && '
     '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'),
    ("cloudwatch_log_metric_filter_sign_in_without_mfa", "ConsoleSigninWithoutMFA", None,
     '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
     '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'),
    ("cloudwatch_log_metric_filter_root_usage", "RootAccountUsage", "alarm",
     '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'),
    ("cloudwatch_log_metric_filter_policy_changes", "IAMPolicyChanges", "unsubscribed",
     "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || "
     "($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || "
     "($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || "
     "($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || "
     "($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || "
     "($.eventName = DetachGroupPolicy) }"),
    ("cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled",
     "CloudTrailConfigChanges", "filter-only",
     "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || "
     "($.eventName = StartLogging) || ($.eventName = StopLogging) }"),
    ("cloudwatch_log_metric_filter_authentication_failures", "ConsoleAuthFailures", "orphan",
     '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'),
    ("cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk", "DisableOrDeleteCMK", None, ""),
    ("cloudwatch_log_metric_filter_for_s3_bucket_policy_changes", "S3BucketPolicyChanges", None, ""),
    ("cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled", "ConfigChanges", None, ""),
    ("cloudwatch_log_metric_filter_security_group_changes", "SecurityGroupChanges", "alarm",
     "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || "
     "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || "
     "($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"),
    ("cloudwatch_changes_to_network_acls_alarm_configured", "NACLChanges", None, ""),
    ("cloudwatch_changes_to_network_gateways_alarm_configured", "NetworkGatewayChanges", None, ""),
    ("cloudwatch_changes_to_network_route_tables_alarm_configured", "RouteTableChanges", None, ""),
    ("cloudwatch_changes_to_vpcs_alarm_configured", "VPCChanges", None, ""),
    ("cloudwatch_log_metric_filter_aws_organizations_changes", "OrganizationsChanges", None, ""),
]
MONITORING_WHY = {
    "alarm": (PASS, "metric filter on the multi-region trail's log group, alarm to an SNS topic with a subscriber"),
    "unsubscribed": (FAIL, "filter and alarm exist but the alarm's SNS topic has no subscriber"),
    "filter-only": (FAIL, "metric filter without an alarm"),
    "orphan": (FAIL, "filter and alarm are on log group parapet-app-logs, which no trail writes to"),
    None: (FAIL, "no metric filter for this event pattern"),
}


# --------------------------------------------------------------------------------------


def short_region(region: str) -> str:
    parts = region.split("-")
    return parts[0] + "".join(p[0] for p in parts[1:-1]) + parts[-1]


class Layout:
    """Which region plays which part."""

    def __init__(self, regions: list[str]):
        self.regions = regions
        self.primary = regions[0]                                   # trail, config, hub, macie
        self.legacy = regions[1] if len(regions) > 1 else regions[0]  # legacy trail

    def buckets_in(self, region: str) -> list[tuple[dict, str]]:
        out = []
        for b in BUCKETS:
            role = b["role"]
            if role == "all" or (role == "trail" and region == self.primary) or (role == "legacy" and region == self.legacy):
                out.append((b, b["name"].format(s=short_region(region))))
        return out


def expected_rows(regions: list[str]) -> list[tuple[str, str, str, str, str]]:
    lay = Layout(regions)
    rows: list[tuple[str, str, str, str, str]] = []

    def add(expect: dict, name: str, region: str) -> None:
        for control, (status, why) in expect.items():
            rows.append((control, name, region, status, why))

    for p in MANAGED_POLICIES:
        add(p["expect"], p["name"], "global")
    for u in USERS:
        add(u["expect"], u["name"], "global")
    add({C_EXPIRED_CERTS: (FAIL, "moto reports every server certificate as expired 2012-05-08")}, SERVER_CERT, "global")
    add({
        C_PW_LENGTH: (FAIL, "password policy MinimumPasswordLength is 8"),
        C_PW_REUSE: (FAIL, "password policy has no PasswordReusePrevention"),
        C_SUPPORT_ROLE: (FAIL, "no role, user or group has AWSSupportAccess attached"),
        C_S3_ACCOUNT_PAB: (FAIL, "account public access block has IgnorePublicAcls and RestrictPublicBuckets off"),
        C_TRAIL_MULTI: (PASS, f"{TRAIL_MAIN} is multi-region and logging"),
        C_TRAIL_S3_WRITE: (PASS, f"{TRAIL_MAIN} records S3 write data events for all buckets"),
        C_TRAIL_S3_READ: (FAIL, "no trail records S3 read data events"),
    }, ACCOUNT_ID, "global")
    for control, _metric, mode, _pattern in MONITORING:
        add({control: MONITORING_WHY[mode]}, ACCOUNT_ID, "global")

    add({C_TRAIL_VALIDATION: (PASS, "log file validation on"),
         C_TRAIL_KMS: (PASS, "encrypted with parapet-trail-key"),
         C_TRAIL_BUCKET_LOGGING: (PASS, f"bucket parapet-good-{short_region(lay.primary)}-trail-logs logs access to "
                                        f"parapet-good-{short_region(lay.primary)}-access-logs")}, TRAIL_MAIN, lay.primary)
    add({C_TRAIL_VALIDATION: (FAIL, "log file validation off"),
         C_TRAIL_KMS: (FAIL, "no KMS key (SSE-S3 only)"),
         C_TRAIL_BUCKET_LOGGING: (FAIL, f"bucket parapet-bad-{short_region(lay.legacy)}-trail-logs has no access logging")},
        TRAIL_LEGACY, lay.legacy)
    add(TRAIL_KEY["expect"], TRAIL_KEY["name"], lay.primary)

    for region in regions:
        on = region == lay.primary
        add({
            C_CONFIG: (PASS, "recorder records all supported types incl. global, and is recording") if on
            else (FAIL, "no configuration recorder in this region"),
            C_SECURITYHUB: (PASS, "Security Hub enabled") if on else (FAIL, "Security Hub not enabled"),
            C_MACIE: (PASS, "Macie session ENABLED") if on else (FAIL, "Macie session PAUSED"),
        }, ACCOUNT_ID, region)
        for spec_list in (KMS_KEYS, SECURITY_GROUPS, NACLS, VOLUMES, DB_INSTANCES, FILE_SYSTEMS):
            for item in spec_list:
                add(item["expect"], item["name"], region)
        for v in VPCS + [DEFAULT_VPC]:
            add(v["expect"], v["name"], region)
            add(v["default_sg_expect"], f"{v['name']}-default-sg", region)
            add(DEFAULT_NACL_EXPECT, f"{v['name']}-default-nacl", region)
        for i in INSTANCES:
            add(i["expect"], i["name"], region)
            add(i["root_expect"], f"{i['name']}-root", region)
        for b, name in lay.buckets_in(region):
            add(b["expect"], name, region)
    return sorted(moto_unreadable(r) for r in rows)


# Answers moto 5.2.5 gives that aws-sdk-rust cannot parse. A correct scanner reports these
# controls as ERROR (it could not see the data), never PASS or FAIL, whatever was seeded.
MOTO_UNREADABLE = {
    C_S3_MFA_DELETE: "moto's GetBucketVersioning answer has an XML root aws-sdk-s3 refuses",
    C_MACIE: "moto's GetMacieSession answer has a timestamp aws-sdk-macie2 cannot parse",
}


def moto_unreadable(row: tuple[str, str, str, str, str]) -> tuple[str, str, str, str, str]:
    control, name, region, status, why = row
    for prefix, reason in MOTO_UNREADABLE.items():
        if control.startswith(prefix):
            return (control, name, region, "ERROR", f"{reason} (seeded: {status}, {why})")
    return row


def write_manifest(path: str, regions: list[str]) -> int:
    rows = expected_rows(regions)
    lines = ["control_id\tresource_name\tregion\tstatus\twhy"]
    lines += ["\t".join(r) for r in rows]
    text = "\n".join(lines) + "\n"
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return len(rows)


# --------------------------------------------------------------------------------------


class SeedError(Exception):
    pass


class Seeder:
    def __init__(self, endpoint: str, regions: list[str], scale: int):
        self.endpoint = endpoint
        self.lay = Layout(regions)
        self.scale = scale
        self.counts: Counter[str] = Counter()
        self.counts_lock = threading.Lock()
        self.session = boto3.session.Session()
        self.config = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=60)
        self.clients: dict[tuple[str, str], Any] = {}
        # per region: name -> id
        self.ids: dict[str, dict[str, str]] = {r: {} for r in regions}

    # -- plumbing --
    def client(self, service: str, region: str) -> Any:
        key = (service, region)
        if key not in self.clients:
            c = self.session.client(service, region_name=region, endpoint_url=self.endpoint, config=self.config)
            if service == "s3control":
                # The SDK puts "<account>." in front of the endpoint host; moto serves it bare.
                def strip_account(request: Any, **_: Any) -> None:
                    request.url = request.url.replace(f"//{ACCOUNT_ID}.", "//", 1)
                c.meta.events.register("before-send.s3-control.*", strip_account)
            self.clients[key] = c
        return self.clients[key]

    def call(self, service: str, region: str, op: str, **kwargs: Any) -> dict:
        # SDK retries are off so a call moto refuses fails at once, naming it. The one
        # exception: moto's handlers are not thread-safe, and under the filler threads a
        # handler can crash (HTTP 500 with werkzeug's HTML page, e.g. KMS CreateAlias
        # reading its alias table while another thread adds a key); such a call is tried
        # again, twice at most.
        for attempt in range(3):
            try:
                return getattr(self.client(service, region), op)(**kwargs)
            except ClientError as e:
                crashed = (e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 500
                           and "Internal Server Error" in str(e))
                if not crashed or attempt == 2:
                    raise SeedError(f"{service}.{op} ({region}) failed: {e}") from e
                time.sleep(0.2 * (attempt + 1))
            except BotoCoreError as e:
                raise SeedError(f"{service}.{op} ({region}) failed: {e}") from e
        raise AssertionError("unreachable")

    def made(self, kind: str, n: int = 1) -> None:
        with self.counts_lock:
            self.counts[kind] += n

    def tags(self, name: str, key_field: str = "Key", value_field: str = "Value") -> list[dict]:
        return [{key_field: "Name", value_field: name}, {key_field: SEED_TAG[0], value_field: SEED_TAG[1]}]

    # -- run --
    def run(self) -> None:
        self.preflight()
        self.seed_iam()
        self.seed_account_public_access_block()
        for region in self.lay.regions:
            self.seed_kms(region)
            self.seed_network(region)
            self.seed_instances(region)
            self.seed_volumes(region)
            self.seed_buckets(region)
            self.seed_rds(region)
            self.seed_efs(region)
            self.seed_region_services(region)
        self.seed_trails()
        self.seed_monitoring()
        self.seed_fillers()

    def preflight(self) -> None:
        region = self.lay.primary
        try:
            self.client("iam", region).get_user(UserName=SENTINEL_USER)
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") == "NoSuchEntity":
                return
            raise SeedError(f"iam.get_user ({region}) failed: {e}") from e
        except BotoCoreError as e:
            raise SeedError(f"iam.get_user ({region}) failed: {e}") from e
        raise SeedError(f"iam.get_user: {SENTINEL_USER} exists, the account is already seeded "
                        f"(reset with: curl -X POST {self.endpoint}/moto-api/reset)")

    # -- IAM (global) --
    def seed_iam(self) -> None:
        r = self.lay.primary
        self.call("iam", r, "update_account_password_policy", MinimumPasswordLength=8, RequireSymbols=True,
                  RequireNumbers=True, RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                  AllowUsersToChangePassword=True, MaxPasswordAge=90)
        self.made("password_policy")
        for name, service in ROLES:
            self.call("iam", r, "create_role", RoleName=name, AssumeRolePolicyDocument=trust(service),
                      Tags=self.tags(name))
            self.made("iam_roles")
        self.call("iam", r, "create_instance_profile", InstanceProfileName=INSTANCE_PROFILE)
        self.call("iam", r, "add_role_to_instance_profile", InstanceProfileName=INSTANCE_PROFILE,
                  RoleName="parapet-ec2-role")
        self.made("instance_profiles")
        policy_arns = {}
        for p in MANAGED_POLICIES:
            resp = self.call("iam", r, "create_policy", PolicyName=p["name"], PolicyDocument=p["document"])
            policy_arns[p["name"]] = resp["Policy"]["Arn"]
            self.made("iam_policies")
        for g in GROUPS:
            self.call("iam", r, "create_group", GroupName=g["name"])
            for pname in g["policies"]:
                self.call("iam", r, "attach_group_policy", GroupName=g["name"], PolicyArn=policy_arns[pname])
            self.made("iam_groups")
        for u in USERS:
            self.seed_user(u, policy_arns)
        self.call("iam", r, "upload_server_certificate", ServerCertificateName=SERVER_CERT,
                  CertificateBody=SERVER_CERT_BODY, PrivateKey=SERVER_CERT_KEY_PLACEHOLDER)
        self.made("server_certificates")
        self.call("iam", r, "create_saml_provider", Name="parapet-corp-idp", SAMLMetadataDocument=saml_metadata())
        self.made("saml_providers")
        self.call("account", r, "put_alternate_contact", AlternateContactType="SECURITY", Name="Parapet Security",
                  Title="Security team", EmailAddress="security@parapet.example", PhoneNumber="+15555550100")
        self.made("alternate_contacts")

    def seed_user(self, u: dict, policy_arns: dict[str, str]) -> None:
        r = self.lay.primary
        name = u["name"]
        self.call("iam", r, "create_user", UserName=name, Tags=self.tags(name))
        self.made("iam_users")
        if u["password"]:
            self.call("iam", r, "create_login_profile", UserName=name, Password=LOGIN_PASSWORD,
                      PasswordResetRequired=False)
        if u["mfa"]:
            dev = self.call("iam", r, "create_virtual_mfa_device", VirtualMFADeviceName=name)["VirtualMFADevice"]
            self.call("iam", r, "enable_mfa_device", UserName=name, SerialNumber=dev["SerialNumber"],
                      AuthenticationCode1="123456", AuthenticationCode2="654321")
        for state in u["keys"]:
            key = self.call("iam", r, "create_access_key", UserName=name)["AccessKey"]
            self.made("access_keys")
            if state == "inactive":
                self.call("iam", r, "update_access_key", UserName=name, AccessKeyId=key["AccessKeyId"],
                          Status="Inactive")
            elif state == "used":
                sts = self.session.client("sts", region_name=r, endpoint_url=self.endpoint, config=self.config,
                                          aws_access_key_id=key["AccessKeyId"],
                                          aws_secret_access_key=key["SecretAccessKey"])
                try:
                    sts.get_caller_identity()
                except (ClientError, BotoCoreError) as e:
                    raise SeedError(f"sts.get_caller_identity ({r}, as {name}) failed: {e}") from e
        for g in u["groups"]:
            self.call("iam", r, "add_user_to_group", GroupName=g, UserName=name)
        for pname in u.get("attach", []):
            self.call("iam", r, "attach_user_policy", UserName=name, PolicyArn=policy_arns[pname])
        for pname, document in u.get("inline", {}).items():
            self.call("iam", r, "put_user_policy", UserName=name, PolicyName=pname, PolicyDocument=document)

    def seed_account_public_access_block(self) -> None:
        self.call("s3control", self.lay.primary, "put_public_access_block", AccountId=ACCOUNT_ID,
                  PublicAccessBlockConfiguration={"BlockPublicAcls": True, "IgnorePublicAcls": False,
                                                  "BlockPublicPolicy": True, "RestrictPublicBuckets": False})
        self.made("account_public_access_block")

    # -- KMS --
    def create_key(self, region: str, spec: dict, description: str = "", kind: str = "kms_keys") -> str:
        kwargs: dict[str, Any] = {"Description": description or spec["name"], "KeySpec": spec["spec"],
                                  "KeyUsage": spec.get("usage", "ENCRYPT_DECRYPT"),
                                  "Tags": self.tags(spec["name"], "TagKey", "TagValue")}
        if "policy" in spec:
            kwargs["Policy"] = spec["policy"]
        meta = self.call("kms", region, "create_key", **kwargs)["KeyMetadata"]
        self.call("kms", region, "create_alias", AliasName=f"alias/{spec['name']}", TargetKeyId=meta["KeyId"])
        if spec["rotate"]:
            self.call("kms", region, "enable_key_rotation", KeyId=meta["KeyId"])
        self.made(kind)
        self.ids[region][spec["name"]] = meta["Arn"]
        return meta["Arn"]

    def seed_kms(self, region: str) -> None:
        for spec in KMS_KEYS:
            self.create_key(region, spec)
        if region == self.lay.primary:
            spec = dict(TRAIL_KEY, policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [
                    {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"},
                     "Action": "kms:*", "Resource": "*"},
                    {"Sid": "CloudTrailEncrypt", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                     "Action": ["kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"},
                ],
            }))
            self.create_key(region, spec)

    # -- VPCs, security groups, NACLs --
    def tag(self, region: str, resource_id: str, name: str) -> None:
        self.call("ec2", region, "create_tags", Resources=[resource_id], Tags=self.tags(name))

    def seed_network(self, region: str) -> None:
        ids = self.ids[region]
        self.call("logs", region, "create_log_group", logGroupName="parapet-vpc-flow-logs")
        self.made("log_groups")
        vpcs = self.call("ec2", region, "describe_vpcs", Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
        if not vpcs:
            raise SeedError(f"ec2.describe_vpcs ({region}): no default VPC to tag {DEFAULT_VPC['name']}")
        ids[DEFAULT_VPC["name"]] = vpcs[0]["VpcId"]
        self.tag(region, vpcs[0]["VpcId"], DEFAULT_VPC["name"])
        for v in VPCS:
            vpc_id = self.call("ec2", region, "create_vpc", CidrBlock=v["cidr"], TagSpecifications=[
                {"ResourceType": "vpc", "Tags": self.tags(v["name"])}])["Vpc"]["VpcId"]
            ids[v["name"]] = vpc_id
            self.made("vpcs")
            subnet = self.call("ec2", region, "create_subnet", VpcId=vpc_id, AvailabilityZone=f"{region}a",
                               CidrBlock=v["cidr"].replace(".0.0/16", ".1.0/24"), TagSpecifications=[
                                   {"ResourceType": "subnet", "Tags": self.tags(f"{v['name']}-subnet-a")}])
            ids[f"{v['name']}-subnet-a"] = subnet["Subnet"]["SubnetId"]
            self.made("subnets")
            if v["flow_log"]:
                resp = self.call("ec2", region, "create_flow_logs", ResourceIds=[vpc_id], ResourceType="VPC",
                                 TrafficType="ALL", LogDestinationType="cloud-watch-logs",
                                 LogGroupName="parapet-vpc-flow-logs",
                                 DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT_ID}:role/parapet-flowlogs-role")
                if resp.get("Unsuccessful"):
                    raise SeedError(f"ec2.create_flow_logs ({region}) failed: {resp['Unsuccessful']}")
                self.made("flow_logs")
        for v in VPCS + [DEFAULT_VPC]:
            vpc_id = ids[v["name"]]
            sg = self.call("ec2", region, "describe_security_groups", Filters=[
                {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
            if len(sg) != 1:
                raise SeedError(f"ec2.describe_security_groups ({region}): {len(sg)} default groups in {v['name']}")
            sg = sg[0]
            self.tag(region, sg["GroupId"], f"{v['name']}-default-sg")
            mode = v.get("default_sg", "keep")
            if mode == "strip":
                if sg["IpPermissions"]:
                    self.call("ec2", region, "revoke_security_group_ingress", GroupId=sg["GroupId"],
                              IpPermissions=sg["IpPermissions"])
                if sg["IpPermissionsEgress"]:
                    self.call("ec2", region, "revoke_security_group_egress", GroupId=sg["GroupId"],
                              IpPermissions=sg["IpPermissionsEgress"])
            elif mode == "self" and not sg["IpPermissions"]:
                self.call("ec2", region, "authorize_security_group_ingress", GroupId=sg["GroupId"], IpPermissions=[
                    {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": sg["GroupId"]}]}])
            nacl = self.call("ec2", region, "describe_network_acls", Filters=[
                {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "default", "Values": ["true"]}])["NetworkAcls"]
            if len(nacl) != 1:
                raise SeedError(f"ec2.describe_network_acls ({region}): {len(nacl)} default NACLs in {v['name']}")
            self.tag(region, nacl[0]["NetworkAclId"], f"{v['name']}-default-nacl")

        sg_vpc = ids["parapet-vpc-flow"]
        for spec in SECURITY_GROUPS:
            gid = self.call("ec2", region, "create_security_group", GroupName=spec["name"], VpcId=sg_vpc,
                            Description=f"parapet seed: {spec['name']}", TagSpecifications=[
                                {"ResourceType": "security-group", "Tags": self.tags(spec["name"])}])["GroupId"]
            ids[spec["name"]] = gid
            perms = json.loads(json.dumps(spec["ingress"]).replace('"SELF"', json.dumps(gid)))
            self.call("ec2", region, "authorize_security_group_ingress", GroupId=gid, IpPermissions=perms)
            self.made("security_groups")

        nacl_vpc = ids["parapet-vpc-noflow"]
        for spec in NACLS:
            acl_id = self.call("ec2", region, "create_network_acl", VpcId=nacl_vpc, TagSpecifications=[
                {"ResourceType": "network-acl", "Tags": self.tags(spec["name"])}])["NetworkAcl"]["NetworkAclId"]
            for entry in spec["entries"]:
                self.call("ec2", region, "create_network_acl_entry", NetworkAclId=acl_id, **entry)
            self.made("network_acls")

    # -- EC2 instances and volumes --
    def seed_instances(self, region: str) -> None:
        ids = self.ids[region]
        images = self.call("ec2", region, "describe_images", Owners=["amazon"])["Images"]
        if not images:
            raise SeedError(f"ec2.describe_images ({region}): no AMI to launch")
        image = min(images, key=lambda i: i["ImageId"])
        root_device = image.get("RootDeviceName") or "/dev/xvda"
        for spec in INSTANCES:
            ebs: dict[str, Any] = {"VolumeSize": 8, "VolumeType": "gp3", "DeleteOnTermination": True,
                                   "Encrypted": spec["root_encrypted"]}
            if spec["root_encrypted"]:
                ebs["KmsKeyId"] = ids["parapet-key-rotating"]
            kwargs: dict[str, Any] = {
                "ImageId": image["ImageId"], "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1,
                "SubnetId": ids["parapet-vpc-flow-subnet-a"], "SecurityGroupIds": [ids[spec["sg"]]],
                "MetadataOptions": {"HttpTokens": spec["tokens"], "HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 1},
                "BlockDeviceMappings": [{"DeviceName": root_device, "Ebs": ebs}],
                "TagSpecifications": [{"ResourceType": "instance", "Tags": self.tags(spec["name"])}],
            }
            if spec["profile"]:
                kwargs["IamInstanceProfile"] = {"Name": INSTANCE_PROFILE}
            inst = self.call("ec2", region, "run_instances", **kwargs)["Instances"][0]
            self.made("instances")
            vols = [m["Ebs"]["VolumeId"] for m in inst.get("BlockDeviceMappings", []) if "Ebs" in m]
            if len(vols) != 1:
                raise SeedError(f"ec2.run_instances ({region}): {spec['name']} has {len(vols)} volumes, expected 1")
            self.tag(region, vols[0], f"{spec['name']}-root")
            self.made("volumes")

    def seed_volumes(self, region: str) -> None:
        for spec in VOLUMES:
            kwargs: dict[str, Any] = {"AvailabilityZone": f"{region}a", "Size": 10, "VolumeType": "gp3",
                                      "Encrypted": spec["encrypted"],
                                      "TagSpecifications": [{"ResourceType": "volume", "Tags": self.tags(spec["name"])}]}
            if spec["encrypted"]:
                kwargs["KmsKeyId"] = self.ids[region]["parapet-key-rotating"]
            self.call("ec2", region, "create_volume", **kwargs)
            self.made("volumes")

    # -- S3 --
    def bucket_policy(self, kind: str, bucket: str, region: str) -> dict | None:
        arn = f"arn:aws:s3:::{bucket}"
        statements: list[dict] = []
        if kind in ("deny+logging",):
            statements.append({"Sid": "S3ServerAccessLogs", "Effect": "Allow",
                               "Principal": {"Service": "logging.s3.amazonaws.com"},
                               "Action": "s3:PutObject", "Resource": f"{arn}/*",
                               "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT_ID}}})
        if kind in ("deny+cloudtrail", "cloudtrail-only"):
            statements += [
                {"Sid": "CloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                 "Action": "s3:GetBucketAcl", "Resource": arn},
                {"Sid": "CloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                 "Action": "s3:PutObject", "Resource": f"{arn}/AWSLogs/{ACCOUNT_ID}/*",
                 "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}},
            ]
        if kind.startswith("deny"):
            if region == self.lay.primary:
                statements.append({"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": {"AWS": "*"},
                                   "Action": "s3:*", "Resource": [arn, f"{arn}/*"],
                                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}})
            else:
                # The other spellings IAM accepts: principal "*", action list, JSON boolean.
                statements.append({"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*",
                                   "Action": ["s3:*"], "Resource": [arn, f"{arn}/*"],
                                   "Condition": {"Bool": {"aws:SecureTransport": False}}})
        if kind == "getobject-only":
            statements.append({"Sid": "DenyInsecureReads", "Effect": "Deny", "Principal": "*",
                               "Action": "s3:GetObject", "Resource": f"{arn}/*",
                               "Condition": {"Bool": {"aws:SecureTransport": "false"}}})
        return {"Version": "2012-10-17", "Statement": statements} if statements else None

    def seed_buckets(self, region: str) -> None:
        for spec, name in self.lay.buckets_in(region):
            self.create_bucket(region, name, spec["versioning"])
            if spec["mfa"]:
                self.call("s3", region, "put_bucket_versioning", Bucket=name,
                          MFA=f"arn:aws:iam::{ACCOUNT_ID}:mfa/root-account-mfa-device 123456",
                          VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
            policy = self.bucket_policy(spec["tls"] or "", name, region) if spec["tls"] else None
            if policy:
                self.call("s3", region, "put_bucket_policy", Bucket=name, Policy=json.dumps(policy))
            if spec["pab"]:
                self.call("s3", region, "put_public_access_block", Bucket=name, PublicAccessBlockConfiguration={
                    "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                    "RestrictPublicBuckets": spec["pab"] == "all"})
            rule: dict[str, Any] = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
            if spec["sse"] == "kms":
                rule = {"ApplyServerSideEncryptionByDefault": {
                    "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": self.ids[region]["parapet-key-rotating"]},
                    "BucketKeyEnabled": True}
            self.call("s3", region, "put_bucket_encryption", Bucket=name,
                      ServerSideEncryptionConfiguration={"Rules": [rule]})
            if spec.get("logging"):
                target = spec["logging"].format(s=short_region(region))
                self.call("s3", region, "put_bucket_logging", Bucket=name, BucketLoggingStatus={
                    "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": f"{name}/"}})

    def create_bucket(self, region: str, name: str, versioning: str, kind: str = "buckets") -> None:
        kwargs: dict[str, Any] = {"Bucket": name}
        if region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        self.call("s3", region, "create_bucket", **kwargs)
        # Never leave versioning unset: moto's empty GetBucketVersioning body breaks the Rust SDK.
        self.call("s3", region, "put_bucket_versioning", Bucket=name, VersioningConfiguration={"Status": versioning})
        if kind == "buckets":
            self.call("s3", region, "put_bucket_tagging", Bucket=name, Tagging={"TagSet": self.tags(name)})
        self.made(kind)

    # -- RDS, EFS --
    def seed_rds(self, region: str) -> None:
        for spec in DB_INSTANCES:
            kwargs: dict[str, Any] = {
                "DBInstanceIdentifier": spec["name"], "Engine": spec["engine"], "DBInstanceClass": "db.t3.micro",
                "AllocatedStorage": 20, "MasterUsername": "parapet", "MasterUserPassword": LOGIN_PASSWORD,
                "StorageEncrypted": spec["encrypted"], "PubliclyAccessible": spec["public"],
                "AutoMinorVersionUpgrade": spec["minor"], "BackupRetentionPeriod": 7 if spec["encrypted"] else 0,
                "Tags": self.tags(spec["name"]),
            }
            if spec["encrypted"]:
                kwargs["KmsKeyId"] = self.ids[region]["parapet-key-rotating"]
            self.call("rds", region, "create_db_instance", **kwargs)
            self.made("db_instances")

    def seed_efs(self, region: str) -> None:
        for spec in FILE_SYSTEMS:
            kwargs: dict[str, Any] = {"CreationToken": spec["name"], "Encrypted": spec["encrypted"],
                                      "PerformanceMode": "generalPurpose", "Tags": self.tags(spec["name"])}
            if spec["encrypted"]:
                kwargs["KmsKeyId"] = self.ids[region]["parapet-key-rotating"]
            self.call("efs", region, "create_file_system", **kwargs)
            self.made("file_systems")

    # -- Config, Security Hub, Macie (on in the first region only) --
    def seed_region_services(self, region: str) -> None:
        if region == self.lay.primary:
            self.call("config", region, "put_configuration_recorder", ConfigurationRecorder={
                "name": "default", "roleARN": f"arn:aws:iam::{ACCOUNT_ID}:role/parapet-config-role",
                "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
            self.call("config", region, "put_delivery_channel", DeliveryChannel={
                "name": "default", "s3BucketName": f"parapet-good-{short_region(region)}-trail-logs",
                "s3KeyPrefix": "config"})
            self.call("config", region, "start_configuration_recorder", ConfigurationRecorderName="default")
            self.made("config_recorders")
            self.call("securityhub", region, "enable_security_hub", EnableDefaultStandards=False)
            self.made("security_hubs")
            self.call("macie2", region, "enable_macie", status="ENABLED")
            self.made("macie_sessions")
        else:
            # moto starts every region ENABLED; PAUSED is the "not enabled" we can get.
            self.call("macie2", region, "enable_macie", status="PAUSED")

    # -- CloudTrail and CIS 4.x monitoring --
    def seed_trails(self) -> None:
        p, s = self.lay.primary, short_region(self.lay.primary)
        self.call("logs", p, "create_log_group", logGroupName=TRAIL_LOG_GROUP)
        self.made("log_groups")
        group_arn = f"arn:aws:logs:{p}:{ACCOUNT_ID}:log-group:{TRAIL_LOG_GROUP}:*"
        self.call("cloudtrail", p, "create_trail", Name=TRAIL_MAIN, S3BucketName=f"parapet-good-{s}-trail-logs",
                  IsMultiRegionTrail=True, IncludeGlobalServiceEvents=True, EnableLogFileValidation=True,
                  KmsKeyId=self.ids[p][TRAIL_KEY["name"]], CloudWatchLogsLogGroupArn=group_arn,
                  CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT_ID}:role/parapet-trail-cwlogs-role",
                  TagsList=self.tags(TRAIL_MAIN))
        self.call("cloudtrail", p, "put_event_selectors", TrailName=TRAIL_MAIN, EventSelectors=[
            {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []},
            {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": False,
             "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]},
        ])
        self.call("cloudtrail", p, "start_logging", Name=TRAIL_MAIN)
        self.made("trails")
        lr, ls = self.lay.legacy, short_region(self.lay.legacy)
        self.call("cloudtrail", lr, "create_trail", Name=TRAIL_LEGACY, S3BucketName=f"parapet-bad-{ls}-trail-logs",
                  IsMultiRegionTrail=False, IncludeGlobalServiceEvents=False, EnableLogFileValidation=False,
                  TagsList=self.tags(TRAIL_LEGACY))
        self.call("cloudtrail", lr, "start_logging", Name=TRAIL_LEGACY)
        self.made("trails")

    def seed_monitoring(self) -> None:
        p = self.lay.primary
        self.call("logs", p, "create_log_group", logGroupName=ORPHAN_LOG_GROUP)
        self.made("log_groups")
        topics = {}
        for name in (TOPIC_SUBSCRIBED, TOPIC_UNSUBSCRIBED):
            topics[name] = self.call("sns", p, "create_topic", Name=name, Tags=self.tags(name))["TopicArn"]
            self.made("sns_topics")
        queue_url = self.call("sqs", p, "create_queue", QueueName=ALARM_QUEUE)["QueueUrl"]
        queue_arn = self.call("sqs", p, "get_queue_attributes", QueueUrl=queue_url,
                              AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.made("sqs_queues")
        self.call("sns", p, "subscribe", TopicArn=topics[TOPIC_SUBSCRIBED], Protocol="sqs", Endpoint=queue_arn)
        self.made("sns_subscriptions")
        for _control, metric, mode, pattern in MONITORING:
            if mode is None:
                continue
            group = ORPHAN_LOG_GROUP if mode == "orphan" else TRAIL_LOG_GROUP
            self.call("logs", p, "put_metric_filter", logGroupName=group, filterName=f"parapet-cis-{metric}",
                      filterPattern=pattern, metricTransformations=[
                          {"metricName": metric, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
            self.made("metric_filters")
            if mode == "filter-only":
                continue
            topic = topics[TOPIC_UNSUBSCRIBED if mode == "unsubscribed" else TOPIC_SUBSCRIBED]
            self.call("cloudwatch", p, "put_metric_alarm", AlarmName=f"parapet-cis-{metric}-alarm",
                      MetricName=metric, Namespace="CISBenchmark", Statistic="Sum", Period=300,
                      EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanOrEqualToThreshold",
                      TreatMissingData="notBreaching", AlarmActions=[topic])
            self.made("alarms")

    # -- load-test fillers --
    def seed_fillers(self) -> None:
        kinds = ("security_group", "volume", "bucket", "iam_user", "kms_key", "iam_policy")
        regions = self.lay.regions
        # Clients are made up front: boto3 does not build them safely across threads, but
        # a built client may be shared. Several threads keep moto busy between one
        # thread's round trips.
        for region in regions:
            for service in ("ec2", "s3", "iam", "kms"):
                self.client(service, region)

        def filler(i: int) -> None:
            kind = kinds[i % len(kinds)]
            region = regions[(i // len(kinds)) % len(regions)]
            name = f"parapet-filler-{kind.replace('_', '-')}-{i:05d}"
            good = (i // len(kinds)) % 2 == 0
            if kind == "security_group":
                gid = self.call("ec2", region, "create_security_group", GroupName=name, Description="parapet filler",
                                VpcId=self.ids[region]["parapet-vpc-flow"], TagSpecifications=[
                                    {"ResourceType": "security-group", "Tags": self.tags(name)}])["GroupId"]
                rule = perm("tcp", 443, v4=["10.0.0.0/8"]) if good else perm("tcp", 22, v4=[ANY4])
                self.call("ec2", region, "authorize_security_group_ingress", GroupId=gid, IpPermissions=[rule])
                self.made("filler_security_groups")
            elif kind == "volume":
                kwargs: dict[str, Any] = {"AvailabilityZone": f"{region}a", "Size": 1, "Encrypted": good,
                                          "TagSpecifications": [{"ResourceType": "volume", "Tags": self.tags(name)}]}
                if good:
                    kwargs["KmsKeyId"] = self.ids[region]["parapet-key-rotating"]
                self.call("ec2", region, "create_volume", **kwargs)
                self.made("filler_volumes")
            elif kind == "bucket":
                self.create_bucket(region, f"{name}-{short_region(region)}", "Enabled" if good else "Suspended",
                                   kind="filler_buckets")
            elif kind == "iam_user":
                self.call("iam", region, "create_user", UserName=name)
                self.made("filler_iam_users")
            elif kind == "iam_policy":
                # Customer-managed, attached to nothing: half allow one read, half "*" on "*".
                action, resource = ("s3:GetObject", "arn:aws:s3:::parapet-filler/*") if good else ("*", "*")
                document = {"Version": "2012-10-17",
                            "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]}
                self.call("iam", region, "create_policy", PolicyName=name, PolicyDocument=json.dumps(document))
                self.made("filler_iam_policies")
            else:
                spec = {"name": name, "spec": "SYMMETRIC_DEFAULT", "rotate": good}
                self.create_key(region, spec, "parapet filler", kind="filler_kms_keys")

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(filler, range(self.scale)))  # list() re-raises a filler's SeedError


def saml_metadata() -> str:
    cert = "".join(SERVER_CERT_BODY.splitlines()[1:-1])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        'entityID="https://idp.parapet.example/saml/metadata">'
        '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
        f"<ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data>"
        "</ds:KeyInfo></md:KeyDescriptor>"
        "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://idp.parapet.example/saml/sso"/>'
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
        'Location="https://idp.parapet.example/saml/sso"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
    )


# --------------------------------------------------------------------------------------
# --profile issue19: the account of issue 19's side-by-side measurement (bench/compare),
# and only that: no demo resources, no manifest. Regional kinds are split evenly over the
# regions; even-numbered resources are configured well, odd-numbered badly, so every
# control has both outcomes to compute.
# --------------------------------------------------------------------------------------

ISSUE19_REGIONAL = {"security_groups": 600, "volumes": 300, "kms_keys": 150, "buckets": 300}
ISSUE19_GLOBAL = {"iam_users": 150, "iam_policies": 60}
ISSUE19_PREFIX = "parapet-i19"


class Issue19Profile:
    def __init__(self, seeder: Seeder):
        self.s = seeder
        self.regions = seeder.lay.regions
        for kind, total in ISSUE19_REGIONAL.items():
            if total % len(self.regions):
                raise SeedError(f"--profile issue19: {total} {kind} do not split evenly over {len(self.regions)} regions")

    def run(self) -> None:
        self.preflight()
        for region in self.regions:
            for service in ("ec2", "s3", "kms"):
                self.s.client(service, region)
        self.s.client("iam", self.regions[0])
        volume_keys, default_vpcs = {}, {}
        for region in self.regions:
            # One key first: the encrypted volumes name it (moto would otherwise invent one).
            volume_keys[region] = self.s.create_key(region, self.key_spec(region, 0))
            vpcs = self.s.call("ec2", region, "describe_vpcs", Filters=[{"Name": "is-default", "Values": ["true"]}])
            if not vpcs["Vpcs"]:
                raise SeedError(f"ec2.describe_vpcs ({region}): no default VPC for the security groups")
            default_vpcs[region] = vpcs["Vpcs"][0]["VpcId"]
        jobs: list[Callable[[], Any]] = []
        for region in self.regions:
            per = {kind: total // len(self.regions) for kind, total in ISSUE19_REGIONAL.items()}
            jobs += [lambda r=region, i=i: self.s.create_key(r, self.key_spec(r, i)) for i in range(1, per["kms_keys"])]
            jobs += [lambda r=region, i=i: self.volume(r, i, volume_keys[r]) for i in range(per["volumes"])]
            jobs += [lambda r=region, i=i: self.security_group(r, i, default_vpcs[r]) for i in range(per["security_groups"])]
            jobs += [lambda r=region, i=i: self.bucket(r, i) for i in range(per["buckets"])]
        policy_arns = [self.policy(i) for i in range(ISSUE19_GLOBAL["iam_policies"])]
        jobs += [lambda i=i: self.user(i, policy_arns) for i in range(ISSUE19_GLOBAL["iam_users"])]
        with ThreadPoolExecutor(max_workers=8) as pool:
            for future in [pool.submit(job) for job in jobs]:
                future.result()  # re-raises the first SeedError

    def preflight(self) -> None:
        name = f"{ISSUE19_PREFIX}-user-000"
        try:
            self.s.client("iam", self.regions[0]).get_user(UserName=name)
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") == "NoSuchEntity":
                return
            raise SeedError(f"iam.get_user ({self.regions[0]}) failed: {e}") from e
        except BotoCoreError as e:
            raise SeedError(f"iam.get_user ({self.regions[0]}) failed: {e}") from e
        raise SeedError(f"iam.get_user: {name} exists, the account is already seeded "
                        f"(reset with: curl -X POST {self.s.endpoint}/moto-api/reset)")

    @staticmethod
    def key_spec(region: str, i: int) -> dict:
        return {"name": f"{ISSUE19_PREFIX}-key-{short_region(region)}-{i:03d}", "spec": "SYMMETRIC_DEFAULT",
                "rotate": i % 2 == 0}

    def volume(self, region: str, i: int, key_arn: str) -> None:
        name = f"{ISSUE19_PREFIX}-vol-{short_region(region)}-{i:03d}"
        kwargs: dict[str, Any] = {"AvailabilityZone": f"{region}a", "Size": 1, "Encrypted": i % 2 == 0,
                                  "TagSpecifications": [{"ResourceType": "volume", "Tags": self.s.tags(name)}]}
        if i % 2 == 0:
            kwargs["KmsKeyId"] = key_arn
        self.s.call("ec2", region, "create_volume", **kwargs)
        self.s.made("volumes")

    def security_group(self, region: str, i: int, vpc_id: str) -> None:
        name = f"{ISSUE19_PREFIX}-sg-{short_region(region)}-{i:03d}"
        gid = self.s.call("ec2", region, "create_security_group", GroupName=name, Description="parapet issue 19",
                          VpcId=vpc_id, TagSpecifications=[
                              {"ResourceType": "security-group", "Tags": self.s.tags(name)}])["GroupId"]
        rule = perm("tcp", 443, v4=["10.0.0.0/8"]) if i % 2 == 0 else perm("tcp", 22, v4=[ANY4])
        self.s.call("ec2", region, "authorize_security_group_ingress", GroupId=gid, IpPermissions=[rule])
        self.s.made("security_groups")

    def bucket(self, region: str, i: int) -> None:
        name = f"{ISSUE19_PREFIX}-{short_region(region)}-{i:03d}"
        good = i % 2 == 0
        self.s.create_bucket(region, name, "Enabled" if good else "Suspended")
        if good:
            self.s.call("s3", region, "put_public_access_block", Bucket=name, PublicAccessBlockConfiguration={
                "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True})
            self.s.call("s3", region, "put_bucket_policy", Bucket=name,
                        Policy=json.dumps(self.s.bucket_policy("deny", name, self.regions[0])))

    def policy(self, i: int) -> str:
        name = f"{ISSUE19_PREFIX}-policy-{i:03d}"
        document = doc(allow("*")) if i % 3 == 0 else doc(allow("s3:GetObject", resource=f"arn:aws:s3:::{name}/*"))
        arn = self.s.call("iam", self.regions[0], "create_policy", PolicyName=name,
                          PolicyDocument=document)["Policy"]["Arn"]
        self.s.made("iam_policies")
        return arn

    def user(self, i: int, policy_arns: list[str]) -> None:
        r, name = self.regions[0], f"{ISSUE19_PREFIX}-user-{i:03d}"
        self.s.call("iam", r, "create_user", UserName=name, Tags=self.s.tags(name))
        if i % 3 == 0:
            self.s.call("iam", r, "create_login_profile", UserName=name, Password=LOGIN_PASSWORD,
                        PasswordResetRequired=False)
        elif i % 3 == 1:
            self.s.call("iam", r, "create_access_key", UserName=name)
        if i < len(policy_arns) and i % 2 == 0:
            self.s.call("iam", r, "attach_user_policy", UserName=name, PolicyArn=policy_arns[i])
        self.s.made("iam_users")



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Seed moto_server with parapet's demo account.")
    ap.add_argument("--endpoint-url", help="moto_server URL, e.g. http://127.0.0.1:5055")
    ap.add_argument("--regions", default=",".join(DEFAULT_REGIONS),
                    help="comma-separated; the first gets the trail, Config, Security Hub and Macie")
    ap.add_argument("--scale", type=int, default=0, help="extra filler resources for load benchmarks")
    ap.add_argument("--expected-findings", metavar="PATH",
                    help="write the expected-findings manifest for --regions to PATH ('-' = stdout) and exit")
    ap.add_argument("--profile", choices=["issue19"],
                    help="seed only this account shape instead of the demo account (issue19: bench/compare)")
    args = ap.parse_args(argv)
    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    if not regions or len(set(regions)) != len(regions):
        ap.error("--regions needs one or more distinct regions")
    if args.scale < 0:
        ap.error("--scale must be >= 0")
    if args.profile and (args.scale or args.expected_findings):
        ap.error("--profile seeds its own shape: no --scale, no --expected-findings")

    if args.expected_findings:
        n = write_manifest(args.expected_findings, regions)
        print(f"wrote {n} expected findings for {','.join(regions)}", file=sys.stderr)
        return 0
    if not args.endpoint_url:
        ap.error("--endpoint-url is required")

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_DEFAULT_REGION", regions[0])
    # The account is moto's default (123456789012) only when moto is not told otherwise.
    if os.environ.get("MOTO_ACCOUNT_ID", ACCOUNT_ID) != ACCOUNT_ID:
        print("seed_account: MOTO_ACCOUNT_ID is not 123456789012; the manifest assumes it is", file=sys.stderr)

    started = time.monotonic()
    seeder = Seeder(args.endpoint_url.rstrip("/"), regions, args.scale)
    try:
        Issue19Profile(seeder).run() if args.profile == "issue19" else seeder.run()
    except SeedError as e:
        done = sum(seeder.counts.values())
        print(f"seed_account: FAILED after {done} resources: {e}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    total = sum(seeder.counts.values())
    detail = " ".join(f"{k}={v}" for k, v in sorted(seeder.counts.items()) if v)
    print(f"seeded {total} resources in {','.join(regions)} ({args.profile or f'scale {args.scale}'}) in {elapsed:.1f}s: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
