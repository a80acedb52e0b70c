"""Calls that read data (object contents, secret values, table items, log events, ...)
or mint credentials, rather than configuration. A posture scanner needs none of them,
and the target account's scan role must not be able to make any (infra/tests checks the
role's effective permissions against this list, and that the collectors call none).

Each entry: (IAM action, an example resource ARN the call reaches, why it is a data read).
The resource matters where the action is also a configuration read on other resources
(API Gateway authorises every read as apigateway:GET on a path)."""

ANY = "arn:aws:example:us-east-1:111122223333:anything/example"

DATA_READS = [
    ("s3:GetObject", "arn:aws:s3:::bucket/key", "object contents"),
    ("s3:GetObjectVersion", "arn:aws:s3:::bucket/key", "object contents (older version)"),
    ("s3:GetObjectTorrent", "arn:aws:s3:::bucket/key", "object contents as a torrent"),
    ("secretsmanager:GetSecretValue", ANY, "secret values"),
    ("ssm:GetParameter", ANY, "parameter values, SecureString decrypted"),
    ("ssm:GetParameters", ANY, "parameter values"),
    ("ssm:GetParametersByPath", ANY, "parameter values"),
    ("ssm:GetParameterHistory", ANY, "every past value of a parameter"),
    ("kms:Decrypt", ANY, "plaintext of anything encrypted"),
    ("dynamodb:GetItem", ANY, "table items"),
    ("dynamodb:BatchGetItem", ANY, "table items"),
    ("dynamodb:Query", ANY, "table items"),
    ("dynamodb:Scan", ANY, "table items"),
    ("dynamodb:PartiQLSelect", ANY, "table items"),
    ("dynamodb:GetRecords", ANY, "stream records (item images)"),
    ("lambda:GetFunction", ANY, "a presigned URL of the function's code"),
    ("lambda:GetLayerVersion", ANY, "a presigned URL of the layer's code"),
    ("logs:GetLogEvents", ANY, "log events"),
    ("logs:FilterLogEvents", ANY, "log events"),
    ("logs:GetLogRecord", ANY, "a log event"),
    ("logs:GetQueryResults", ANY, "log events matched by a Logs Insights query"),
    ("logs:StartLiveTail", ANY, "log events as they arrive"),
    ("ecr:GetDownloadUrlForLayer", ANY, "image layer contents"),
    ("ecr:BatchGetImage", ANY, "image manifests"),
    ("ecr:GetAuthorizationToken", ANY, "a registry login token"),
    ("athena:GetQueryResults", ANY, "query result rows"),
    ("athena:GetQueryResultsStream", ANY, "query result rows"),
    ("rds:DownloadDBLogFilePortion", ANY, "database log files (queries, parameters)"),
    ("rds:DownloadCompleteDBLogFile", ANY, "database log files"),
    ("codepipeline:GetJobDetails", ANY, "job details with artifact store credentials"),
    ("codepipeline:GetThirdPartyJobDetails", ANY, "job details with artifact store credentials"),
    ("cloudformation:GetTemplate", ANY, "templates, often with embedded values"),
    ("cognito-idp:DescribeUserPoolClient", ANY, "the app client's secret"),
    ("codecommit:GetFile", ANY, "repository contents"),
    ("codecommit:GetBlob", ANY, "repository contents"),
    ("codecommit:GetFolder", ANY, "repository contents"),
    ("glue:GetConnection", ANY, "connection passwords"),
    ("glue:GetConnections", ANY, "connection passwords"),
    ("kinesis:GetRecords", ANY, "stream records"),
    ("kinesis:GetShardIterator", ANY, "the handle GetRecords reads with"),
    ("ec2:GetPasswordData", ANY, "an instance's encrypted Windows password"),
    ("ec2:GetConsoleOutput", ANY, "an instance's console output"),
    ("ec2:GetConsoleScreenshot", ANY, "an instance's screen"),
    ("redshift:GetClusterCredentials", ANY, "database credentials"),
    ("redshift-data:GetStatementResult", ANY, "query result rows"),
    ("sagemaker:CreatePresignedNotebookInstanceUrl", ANY, "a signed-in notebook session"),
    ("backup:GetRecoveryPointRestoreMetadata", ANY, "restore metadata of backed-up resources"),
    ("sqs:ReceiveMessage", ANY, "queue messages"),
    ("glacier:GetJobOutput", ANY, "archive contents and vault inventories"),
    ("sts:GetFederationToken", ANY, "new credentials"),
    ("sts:GetSessionToken", ANY, "new credentials"),
    # API Gateway's management API is authorised by HTTP verb and path; these paths
    # return API key values (GetApiKeys with includeValues, GetApiKey, a usage plan's keys).
    ("apigateway:GET", "arn:aws:apigateway:us-east-1::/apikeys", "API key values"),
    ("apigateway:GET", "arn:aws:apigateway:eu-west-1::/apikeys/abc123", "an API key's value"),
    ("apigateway:GET", "arn:aws:apigateway:us-east-1::/usageplans/plan1/keys", "usage plan keys with values"),
    ("apigateway:GET", "arn:aws:apigateway:us-east-1::/usageplans/plan1/keys/key1", "a usage plan key's value"),
]

# AWS managed policies whose contents are known not to include a data read: none. An AWS
# managed policy changes without notice and cannot be read offline, so attaching one to
# the scan role fails the check (SecurityAudit, attached before, includes several of the
# reads above).
KNOWN_MANAGED_POLICIES = {}
