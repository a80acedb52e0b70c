# What a scanned ("target") account needs: the Terraform flavour of
# infra/cloudformation/target-account.yml (resource names are the template's logical ids
# in snake_case; infra/tests/test_parity.py keeps the two in step).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  partition    = data.aws_partition.current.partition
  register     = var.onboard_function_arn != ""
  forward      = var.real_time && var.scanner_event_bus_arn != ""
  forward_here = local.forward && var.forward_events_in_this_region
}

# Every action is a read. Exceptions to the Describe/Get/List verbs:
# iam:GenerateCredentialReport asks IAM to build the credential report (a snapshot of
# users' credential ages) that GetCredentialReport reads; it changes no configuration.
# cloudtrail:LookupEvents queries the management-event history.
data "aws_iam_policy_document" "scan_role" {
  # checkov:skip=CKV_AWS_356:Account-wide List and Describe calls take no resource ARN; every action is a read (infra/tests checks it).
  statement {
    sid       = "Collectors"
    resources = ["*"]
    actions = [
      # Generated from shared/data/resource_types.json by scripts/gen_role_actions.py.
      "access-analyzer:ListAnalyzers",
      "account:GetAlternateContact",
      "account:GetContactInformation",
      "acm:DescribeCertificate",
      "acm:ListCertificates",
      "appsync:ListGraphqlApis",
      "athena:GetWorkGroup",
      "athena:ListWorkGroups",
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeLaunchConfigurations",
      "backup:GetBackupSelection",
      "backup:GetBackupVaultAccessPolicy",
      "backup:ListBackupPlans",
      "backup:ListBackupSelections",
      "backup:ListBackupVaults",
      "backup:ListProtectedResources",
      "backup:ListRecoveryPointsByBackupVault",
      "bedrock:GetModelInvocationLoggingConfiguration",
      "cloudfront:GetDistributionConfig",
      "cloudfront:ListDistributions",
      "cloudtrail:DescribeTrails",
      "cloudtrail:GetEventSelectors",
      "cloudtrail:GetInsightSelectors",
      "cloudtrail:GetTrailStatus",
      "cloudtrail:LookupEvents",
      "cloudwatch:DescribeAlarms",
      "codebuild:BatchGetProjects",
      "codebuild:ListProjects",
      "config:DescribeConfigurationRecorderStatus",
      "config:DescribeConfigurationRecorders",
      "datasync:DescribeTask",
      "datasync:ListTasks",
      "dax:DescribeClusters",
      "dms:DescribeEndpoints",
      "dms:DescribeReplicationInstances",
      "dms:DescribeReplicationTasks",
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTable",
      "dynamodb:GetResourcePolicy",
      "dynamodb:ListTables",
      "dynamodb:ListTagsOfResource",
      "ec2:DescribeClientVpnEndpoints",
      "ec2:DescribeFlowLogs",
      "ec2:DescribeImages",
      "ec2:DescribeInstances",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:DescribeLaunchTemplates",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeRegions",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSnapshotAttribute",
      "ec2:DescribeSnapshots",
      "ec2:DescribeSubnets",
      "ec2:DescribeTransitGateways",
      "ec2:DescribeVolumes",
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribeVpcs",
      "ec2:DescribeVpnConnections",
      "ec2:GetEbsDefaultKmsKeyId",
      "ec2:GetEbsEncryptionByDefault",
      "ec2:GetSnapshotBlockPublicAccessState",
      "ecr:DescribeRepositories",
      "ecr:GetLifecyclePolicy",
      "ecr:GetRegistryPolicy",
      "ecr:GetRegistryScanningConfiguration",
      "ecr:GetRepositoryPolicy",
      "ecs:DescribeServices",
      "ecs:DescribeTaskDefinition",
      "ecs:ListClusters",
      "ecs:ListServices",
      "ecs:ListTaskDefinitions",
      "eks:DescribeCluster",
      "eks:ListClusters",
      "elasticache:DescribeCacheClusters",
      "elasticache:DescribeCacheSubnetGroups",
      "elasticache:DescribeReplicationGroups",
      "elasticbeanstalk:DescribeConfigurationSettings",
      "elasticbeanstalk:DescribeEnvironments",
      "elasticfilesystem:DescribeAccessPoints",
      "elasticfilesystem:DescribeBackupPolicy",
      "elasticfilesystem:DescribeFileSystemPolicy",
      "elasticfilesystem:DescribeFileSystems",
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticmapreduce:DescribeCluster",
      "elasticmapreduce:GetBlockPublicAccessConfiguration",
      "elasticmapreduce:ListClusters",
      "es:DescribeDomains",
      "es:ListDomainNames",
      "es:ListTags",
      "events:DescribeEventBus",
      "events:ListEventBuses",
      "fsx:DescribeFileSystems",
      "glacier:GetVaultAccessPolicy",
      "glacier:ListVaults",
      "glue:GetJobs",
      "glue:GetResourcePolicy",
      "glue:GetSecurityConfigurations",
      "guardduty:GetDetector",
      "guardduty:ListDetectors",
      "guardduty:ListFindings",
      "iam:GenerateCredentialReport",
      "iam:GenerateServiceLastAccessedDetails",
      "iam:GetAccountAuthorizationDetails",
      "iam:GetAccountPasswordPolicy",
      "iam:GetAccountSummary",
      "iam:GetCredentialReport",
      "iam:GetServiceLastAccessedDetails",
      "iam:ListEntitiesForPolicy",
      "iam:ListSAMLProviders",
      "iam:ListServerCertificates",
      "iam:ListVirtualMFADevices",
      "kafka:ListClustersV2",
      "kafkaconnect:ListConnectors",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetResourcePolicy",
      "kinesis:ListStreams",
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListAliases",
      "kms:ListKeys",
      "lambda:GetFunctionUrlConfig",
      "lambda:GetLayerVersionPolicy",
      "lambda:GetPolicy",
      "lambda:ListFunctions",
      "lambda:ListLayerVersions",
      "lambda:ListLayers",
      "logs:DescribeLogGroups",
      "logs:DescribeMetricFilters",
      "logs:DescribeResourcePolicies",
      "macie2:GetAutomatedDiscoveryConfiguration",
      "macie2:GetMacieSession",
      "mq:DescribeBroker",
      "mq:ListBrokers",
      "network-firewall:DescribeFirewall",
      "network-firewall:DescribeFirewallPolicy",
      "network-firewall:DescribeLoggingConfiguration",
      "network-firewall:ListFirewalls",
      "organizations:DescribeOrganization",
      "rds:DescribeDBClusterSnapshotAttributes",
      "rds:DescribeDBClusterSnapshots",
      "rds:DescribeDBClusters",
      "rds:DescribeDBInstances",
      "rds:DescribeDBSnapshotAttributes",
      "rds:DescribeDBSnapshots",
      "rds:DescribeEventSubscriptions",
      "redshift:DescribeClusterParameters",
      "redshift:DescribeClusters",
      "redshift:DescribeLoggingStatus",
      "route53:ListHostedZones",
      "route53:ListQueryLoggingConfigs",
      "s3:GetAccessPoint",
      "s3:GetAccountPublicAccessBlock",
      "s3:GetBucketAcl",
      "s3:GetBucketLocation",
      "s3:GetBucketLogging",
      "s3:GetBucketNotification",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketOwnershipControls",
      "s3:GetBucketPolicy",
      "s3:GetBucketPublicAccessBlock",
      "s3:GetBucketTagging",
      "s3:GetBucketVersioning",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
      "s3:ListAccessPoints",
      "s3:ListAllMyBuckets",
      "sagemaker:DescribeNotebookInstance",
      "sagemaker:ListNotebookInstances",
      "schemas:GetResourcePolicy",
      "schemas:ListRegistries",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:ListSecrets",
      "securityhub:DescribeHub",
      "servicecatalog:DescribePortfolioShares",
      "servicecatalog:ListPortfolios",
      "shield:DescribeSubscription",
      "shield:ListProtections",
      "sns:GetTopicAttributes",
      "sns:ListSubscriptionsByTopic",
      "sns:ListTopics",
      "sqs:GetQueueAttributes",
      "sqs:ListQueues",
      "ssm:DescribeDocumentPermission",
      "ssm:DescribeInstanceInformation",
      "ssm:ListDocuments",
      "ssm:ListResourceComplianceSummaries",
      "states:DescribeStateMachine",
      "states:ListStateMachines",
      "transfer:DescribeServer",
      "transfer:ListServers",
      "waf-regional:GetLoggingConfiguration",
      "waf-regional:GetRule",
      "waf-regional:GetWebACL",
      "waf-regional:ListActivatedRulesInRuleGroup",
      "waf-regional:ListRuleGroups",
      "waf-regional:ListRules",
      "waf-regional:ListWebACLs",
      "waf:GetLoggingConfiguration",
      "waf:GetRule",
      "waf:GetWebACL",
      "waf:ListActivatedRulesInRuleGroup",
      "waf:ListRuleGroups",
      "waf:ListRules",
      "waf:ListWebACLs",
      "wafv2:GetLoggingConfiguration",
      "wafv2:GetWebACL",
      "wafv2:GetWebACLForResource",
      "wafv2:ListWebACLs",
    ]
  }
  # API Gateway is authorised by HTTP verb and path: only the paths the collectors read
  # (REST APIs and their stages, domain names; HTTP and WebSocket APIs and their
  # stages), in every region.
  statement {
    sid     = "ApiGatewayConfiguration"
    actions = ["apigateway:GET"]
    resources = [
      "arn:${local.partition}:apigateway:*::/apis",
      "arn:${local.partition}:apigateway:*::/apis/*/stages",
      "arn:${local.partition}:apigateway:*::/domainnames",
      "arn:${local.partition}:apigateway:*::/restapis",
      "arn:${local.partition}:apigateway:*::/restapis/*/stages",
    ]
  }
}

# Defence in depth: whatever else is ever attached to the scan role, it cannot read data.
# The list is infra/tests/data_reads.py's, where each entry says why.
data "aws_iam_policy_document" "scan_role_deny" {
  statement {
    sid       = "NoDataReads"
    effect    = "Deny"
    resources = ["*"]
    actions = [
      "athena:GetQueryResults",
      "athena:GetQueryResultsStream",
      "backup:GetRecoveryPointRestoreMetadata",
      "cloudformation:GetTemplate",
      "codecommit:GetBlob",
      "codecommit:GetFile",
      "codecommit:GetFolder",
      "codepipeline:GetJobDetails",
      "codepipeline:GetThirdPartyJobDetails",
      "cognito-idp:DescribeUserPoolClient",
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:GetRecords",
      "dynamodb:PartiQLSelect",
      "dynamodb:Query",
      "dynamodb:Scan",
      "ec2:GetConsoleOutput",
      "ec2:GetConsoleScreenshot",
      "ec2:GetPasswordData",
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
      "ecr:GetDownloadUrlForLayer",
      "glacier:GetJobOutput",
      "glue:GetConnection",
      "glue:GetConnections",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kms:Decrypt",
      "lambda:GetFunction",
      "lambda:GetLayerVersion",
      "logs:FilterLogEvents",
      "logs:GetLogEvents",
      "logs:GetLogRecord",
      "logs:GetQueryResults",
      "logs:StartLiveTail",
      "rds:DownloadCompleteDBLogFile",
      "rds:DownloadDBLogFilePortion",
      "redshift:GetClusterCredentials",
      "redshift-data:GetStatementResult",
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:GetObjectTorrent",
      "sagemaker:CreatePresignedNotebookInstanceUrl",
      "secretsmanager:GetSecretValue",
      "sqs:ReceiveMessage",
      "ssm:GetParameter",
      "ssm:GetParameterHistory",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
      "sts:GetFederationToken",
      "sts:GetSessionToken",
    ]
  }
  # API Gateway reads by HTTP verb: GET on API keys (and a usage plan's keys) returns
  # their values.
  statement {
    sid     = "NoApiKeyValues"
    effect  = "Deny"
    actions = ["apigateway:GET"]
    resources = [
      "arn:${local.partition}:apigateway:*::/apikeys",
      "arn:${local.partition}:apigateway:*::/apikeys/*",
      "arn:${local.partition}:apigateway:*::/usageplans/*/keys",
      "arn:${local.partition}:apigateway:*::/usageplans/*/keys/*",
    ]
  }
}

# EventBridge needs a role to put events on a bus of another account when that account
# grants access by Organization rather than by account id; it may do that one thing, on
# the scanner's bus only.
data "aws_iam_policy_document" "forward_role_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "forward_role" {
  statement {
    actions   = ["events:PutEvents"]
    resources = [var.scanner_event_bus_arn]
  }
}

resource "aws_iam_role" "forward_role" {
  count              = local.forward ? 1 : 0
  name               = "${var.role_name}-forward-events"
  description        = "EventBridge forwards CloudTrail write events to the parapet scanner bus"
  assume_role_policy = data.aws_iam_policy_document.forward_role_trust.json
}

resource "aws_iam_role_policy" "forward_role" {
  count  = local.forward ? 1 : 0
  name   = "put-on-scanner-bus"
  role   = aws_iam_role.forward_role[0].id
  policy = data.aws_iam_policy_document.forward_role.json
}

# This region's forwarding rule, the same as the target-account-region module's.
module "forward_rule" {
  source                = "../target-account-region"
  count                 = local.forward_here ? 1 : 0
  scanner_event_bus_arn = var.scanner_event_bus_arn
  role_name             = var.role_name
  depends_on            = [aws_iam_role.forward_role]
}


# The scan role, this account's ExternalId and the registration live in one CloudFormation
# stack: the ExternalId comes from the scanner's onboard function as a custom resource
# (Custom::ParapetExternalId), answered only to the stack that asks and NoEcho, so it can
# be used in the role's trust policy but never reaches Terraform (not in its state, not
# in a stack output). Resources, trust and custom resources are those of
# infra/cloudformation/target-account.yml (infra/tests/test_parity.py compares them); the
# permissions are the policy documents above.
# Without onboard_function_arn (an account registered another way), var.external_id is
# the ExternalId: read it with `parapet accounts external-id ACCOUNT_ID --key-secret-arn
# <external_id_key_arn of the scanner>` in the scanner account. With it, read an account's
# ExternalId the same way, or from the trust policy of its scan role.
locals {
  scan_role_stack_template = {
    AWSTemplateFormatVersion = "2010-09-09"
    Description              = "parapet read-only scan role, its ExternalId and the registration of this account"
    Parameters = {
      ScannerAccountId   = { Type = "String" }
      ScannerNamePrefix  = { Type = "String" }
      RoleName           = { Type = "String" }
      ExternalId         = { Type = "String", NoEcho = true, Default = "" }
      OnboardFunctionArn = { Type = "String", Default = "" }
    }
    Conditions = {
      Register = { "Fn::Not" = [{ "Fn::Equals" = [{ Ref = "OnboardFunctionArn" }, ""] }] }
    }
    Resources = {
      ExternalIdSource = {
        Type      = "Custom::ParapetExternalId"
        Condition = "Register"
        Properties = {
          ServiceToken = { Ref = "OnboardFunctionArn" }
        }
      }
      ScanRole = {
        Type = "AWS::IAM::Role"
        Properties = {
          RoleName           = { Ref = "RoleName" }
          Description        = "parapet read-only security scan"
          MaxSessionDuration = 3600
          AssumeRolePolicyDocument = {
            Version = "2012-10-17"
            Statement = [
              {
                Effect    = "Allow"
                Principal = { AWS = { "Fn::Sub" = "arn:$${AWS::Partition}:iam::$${ScannerAccountId}:root" } }
                Action    = "sts:AssumeRole"
                Condition = {
                  StringEquals = {
                    "sts:ExternalId" = { "Fn::If" = ["Register", { "Fn::GetAtt" = ["ExternalIdSource", "ExternalId"] }, { Ref = "ExternalId" }] }
                  }
                  ArnLike = {
                    "aws:PrincipalArn" = [
                      { "Fn::Sub" = "arn:$${AWS::Partition}:iam::$${ScannerAccountId}:role/$${ScannerNamePrefix}parapet-worker-*" },
                      { "Fn::Sub" = "arn:$${AWS::Partition}:iam::$${ScannerAccountId}:role/$${ScannerNamePrefix}parapet-scheduler-*" },
                      { "Fn::Sub" = "arn:$${AWS::Partition}:iam::$${ScannerAccountId}:role/$${ScannerNamePrefix}parapet-onboard-*" },
                    ]
                  }
                }
              },
            ]
          }
          Policies = [
            { PolicyName = "parapet-deny-data-reads", PolicyDocument = jsondecode(data.aws_iam_policy_document.scan_role_deny.json) },
            { PolicyName = "parapet-read", PolicyDocument = jsondecode(data.aws_iam_policy_document.scan_role.json) },
          ]
        }
      }
      Registration = {
        Type      = "AWS::CloudFormation::CustomResource"
        Condition = "Register"
        Properties = merge(
          {
            ServiceToken = { Ref = "OnboardFunctionArn" }
            AccountId    = { Ref = "AWS::AccountId" }
            RoleArn      = { "Fn::GetAtt" = ["ScanRole", "Arn"] }
            RealTime     = local.forward ? "true" : "false"
            Enabled      = var.enabled ? "true" : "false"
          },
          length(var.regions) > 0 ? { Regions = var.regions } : {},
          length(var.excluded_regions) > 0 ? { ExcludedRegions = var.excluded_regions } : {},
          length(var.excluded_resource_types) > 0 ? { ExcludedResourceTypes = var.excluded_resource_types } : {},
          length(var.excluded_resource_regexes) > 0 ? { ExcludedResourceRegexes = var.excluded_resource_regexes } : {},
        )
      }
    }
    Outputs = {
      ScanRoleArn = { Value = { "Fn::GetAtt" = ["ScanRole", "Arn"] } }
    }
  }
}

resource "aws_cloudformation_stack" "scan_role" {
  # checkov:skip=CKV_AWS_124:A stack whose outcome terraform apply reports; a topic would add nothing.
  name          = var.role_name
  capabilities  = ["CAPABILITY_NAMED_IAM"]
  template_body = jsonencode(local.scan_role_stack_template)
  parameters = {
    ScannerAccountId   = var.scanner_account_id
    ScannerNamePrefix  = var.scanner_name_prefix
    RoleName           = var.role_name
    ExternalId         = var.external_id
    OnboardFunctionArn = var.onboard_function_arn
  }
  lifecycle {
    precondition {
      condition     = local.register || var.external_id != ""
      error_message = "external_id is required when onboard_function_arn is empty (nothing else derives it)."
    }
  }
}
