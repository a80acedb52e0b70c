"""What the target account's scan role may be allowed to do: reads only."""

import fnmatch
import re

import data_reads

# Verbs whose calls only read configuration.
READ_VERBS = ("Describe", "Get", "List")

# Reads that do not start with those verbs, each with why it is a read.
READ_EXCEPTIONS = {
    # Asks IAM to build the credential report (users' password and key ages) that
    # iam:GetCredentialReport then reads; it changes no user, key or setting.
    "iam:GenerateCredentialReport": "builds the report GetCredentialReport reads",
    # Searches the last 90 days of management events; no side effect.
    "cloudtrail:LookupEvents": "queries event history",
    # API Gateway's management API is authorised by HTTP verb; GET only reads the
    # configuration of APIs, stages and domain names (invoking an API is execute-api:*).
    "apigateway:GET": "reads API Gateway configuration",
    # The batch form of a project read: returns project definitions, changes nothing.
    "codebuild:BatchGetProjects": "reads CodeBuild project definitions",
    # Starts IAM's report of which services a principal used and when, which
    # iam:GetServiceLastAccessedDetails reads; like the credential report it changes
    # no principal, policy or setting.
    "iam:GenerateServiceLastAccessedDetails": "builds the report GetServiceLastAccessedDetails reads",
}

# Read verbs that reach data rather than configuration, or mint credentials: a posture
# scanner needs none of them, whatever their verb says.
DATA_READS = [
    "s3:GetObject*",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter*",
    "kms:GetParametersForImport",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "lambda:GetFunction",
    "ec2:GetPasswordData",
    "ec2:GetConsoleOutput",
    "ec2:GetConsoleScreenshot",
    "ecr:GetAuthorizationToken",
    "sts:GetFederationToken",
    "sts:GetSessionToken",
    "codecommit:GetFile",
    "logs:GetLogEvents",
    "logs:GetQueryResults",
    "sqs:ReceiveMessage",
] + [action for action, _, _ in data_reads.DATA_READS if action != "apigateway:GET"]
# (apigateway:GET reads configuration or API keys depending on the path: the scan role
# allows it on the collectors' paths only, which test_security checks.)


def problems(action):
    """Why an action may not be on the scan role, or None when it may."""
    if not isinstance(action, str) or not re.fullmatch(r"[a-z0-9-]+:[A-Za-z0-9]+", action):
        return f"{action!r} is not one explicit action (no wildcards, no functions)"
    service, name = action.split(":")
    for pattern in DATA_READS:
        if fnmatch.fnmatchcase(action.lower(), pattern.lower()):
            return f"{action} reads data or mints credentials"
    if action in READ_EXCEPTIONS:
        return None
    if not name.startswith(READ_VERBS):
        return f"{action} is not a read verb (Describe, Get, List) nor a justified exception"
    return None
