//! Which resources a CloudTrail write event changed: the table the events function uses
//! to turn an API call into a real-time rescan. It sits beside the collectors because
//! every row names one of them and the ids their resources answer to
//! (`Resource::matches_id`: ARN, name, or the ARN's last part).

use super::{spec, Scope};
use crate::model::GLOBAL_REGION;
use serde_json::Value;

/// One CloudTrail management event, as EventBridge's "AWS API Call via CloudTrail"
/// `detail` or one record of a CloudTrail log file.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCall {
    pub account_id: String,
    pub region: String,
    pub event_source: String,
    pub event_name: String,
    pub event_time: String,
    pub read_only: bool,
    pub error_code: Option<String>,
    pub detail: Value,
}

impl ApiCall {
    /// Reads the fields the mapping needs, naming the first one missing.
    pub fn from_detail(detail: &Value) -> Result<Self, String> {
        let text = |name: &str| -> Result<String, String> {
            detail
                .get(name)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .ok_or_else(|| format!("CloudTrail event has no {name}"))
        };
        let event_name = text("eventName")?;
        let account_id = text("recipientAccountId").or_else(|_| {
            detail
                .pointer("/userIdentity/accountId")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| "CloudTrail event has no recipientAccountId".to_string())
        })?;
        if !(account_id.len() == 12 && account_id.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!("CloudTrail event names account {account_id:?}"));
        }
        let read_only = match detail.get("readOnly") {
            Some(Value::Bool(b)) => *b,
            // Older events lack the flag; fall back to the verb.
            _ => READ_VERBS.iter().any(|v| event_name.starts_with(v)),
        };
        Ok(ApiCall {
            account_id,
            region: text("awsRegion")?,
            event_source: text("eventSource")?,
            event_time: text("eventTime").unwrap_or_default(),
            read_only,
            error_code: detail
                .get("errorCode")
                .and_then(Value::as_str)
                .map(str::to_string),
            event_name,
            detail: detail.clone(),
        })
    }
}

const READ_VERBS: &[&str] = &[
    "Get", "List", "Describe", "Head", "Lookup", "BatchGet", "Search", "Select",
];

/// A resource to rescan: which collector lists it, in which task region, and its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RescanTarget {
    pub collector: &'static str,
    /// The task region: the event's region, or `global` for global collectors.
    pub region: String,
    pub resource_id: String,
}

/// Where a resource id sits in the event. `[]` steps into every element of an array;
/// `$account` is the account itself (the id of its settings resources).
struct Rule {
    source: &'static str,
    names: &'static [&'static str],
    collector: &'static str,
    paths: &'static [&'static str],
}

const ACCOUNT: &str = "$account";

// WAF Classic logs the same calls under its global and its regional event source.
const WAF_CLASSIC_CREATES: &[&str] = &["CreateWebACL", "CreateRule", "CreateRuleGroup"];
const WAF_CLASSIC_CREATED_IDS: &[&str] = &[
    "responseElements.webACL.webACLId",
    "responseElements.rule.ruleId",
    "responseElements.ruleGroup.ruleGroupId",
];
const WAF_CLASSIC_CHANGES: &[&str] = &[
    "UpdateWebACL",
    "DeleteWebACL",
    "UpdateRule",
    "DeleteRule",
    "UpdateRuleGroup",
    "DeleteRuleGroup",
    "PutLoggingConfiguration",
    "DeleteLoggingConfiguration",
];
const WAF_CLASSIC_CHANGED_IDS: &[&str] = &[
    "requestParameters.webACLId",
    "requestParameters.ruleId",
    "requestParameters.ruleGroupId",
    "requestParameters.loggingConfiguration.resourceArn",
    "requestParameters.resourceArn",
];

const RULES: &[Rule] = &[
    // EC2 and VPC
    Rule {
        source: "ec2.amazonaws.com",
        names: &[
            "AuthorizeSecurityGroupIngress",
            "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroupIngress",
            "RevokeSecurityGroupEgress",
            "ModifySecurityGroupRules",
            "UpdateSecurityGroupRuleDescriptionsIngress",
            "UpdateSecurityGroupRuleDescriptionsEgress",
            "DeleteSecurityGroup",
        ],
        collector: "ec2",
        paths: &["requestParameters.groupId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["CreateSecurityGroup"],
        collector: "ec2",
        paths: &["responseElements.groupId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["CreateNetworkAcl"],
        collector: "ec2",
        paths: &["responseElements.networkAcl.networkAclId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &[
            "CreateNetworkAclEntry",
            "ReplaceNetworkAclEntry",
            "DeleteNetworkAclEntry",
            "DeleteNetworkAcl",
        ],
        collector: "ec2",
        paths: &["requestParameters.networkAclId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["CreateVolume"],
        collector: "ec2",
        paths: &["responseElements.volumeId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &[
            "DeleteVolume",
            "ModifyVolume",
            "AttachVolume",
            "DetachVolume",
        ],
        collector: "ec2",
        paths: &["requestParameters.volumeId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["RunInstances"],
        collector: "ec2",
        paths: &["responseElements.instancesSet.items[].instanceId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &[
            "TerminateInstances",
            "StartInstances",
            "StopInstances",
            "ModifyInstanceMetadataOptions",
            "ModifyInstanceAttribute",
        ],
        collector: "ec2",
        paths: &[
            "requestParameters.instancesSet.items[].instanceId",
            "requestParameters.instanceId",
        ],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["CreateVpc"],
        collector: "ec2",
        paths: &["responseElements.vpc.vpcId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["DeleteVpc", "ModifyVpcAttribute"],
        collector: "ec2",
        paths: &["requestParameters.vpcId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &["CreateFlowLogs"],
        collector: "ec2",
        paths: &[
            "requestParameters.CreateFlowLogsRequest.ResourceId.content",
            "requestParameters.CreateFlowLogsRequest.ResourceId[].content",
            "requestParameters.resourceIdSet.items[].resourceId",
        ],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &[
            "CreateRoute",
            "ReplaceRoute",
            "DeleteRoute",
            "DeleteRouteTable",
            "AssociateRouteTable",
        ],
        collector: "ec2",
        paths: &["requestParameters.routeTableId"],
    },
    Rule {
        source: "ec2.amazonaws.com",
        names: &[
            "EnableEbsEncryptionByDefault",
            "DisableEbsEncryptionByDefault",
        ],
        collector: "ec2",
        paths: &[ACCOUNT],
    },
    // S3
    Rule {
        source: "s3.amazonaws.com",
        names: &[
            "CreateBucket",
            "DeleteBucket",
            "PutBucketPolicy",
            "DeleteBucketPolicy",
            "PutBucketPublicAccessBlock",
            "DeleteBucketPublicAccessBlock",
            "PutBucketEncryption",
            "DeleteBucketEncryption",
            "PutBucketVersioning",
            "PutBucketLogging",
            "PutBucketAcl",
            "PutBucketTagging",
            "DeleteBucketTagging",
            "PutBucketOwnershipControls",
        ],
        collector: "s3",
        paths: &["requestParameters.bucketName"],
    },
    Rule {
        source: "s3.amazonaws.com",
        names: &[
            "PutAccountPublicAccessBlock",
            "DeleteAccountPublicAccessBlock",
        ],
        collector: "s3",
        paths: &[ACCOUNT],
    },
    // IAM
    Rule {
        source: "iam.amazonaws.com",
        names: &[
            "CreateUser",
            "DeleteUser",
            "UpdateUser",
            "AttachUserPolicy",
            "DetachUserPolicy",
            "PutUserPolicy",
            "DeleteUserPolicy",
            "AddUserToGroup",
            "RemoveUserFromGroup",
            "CreateLoginProfile",
            "UpdateLoginProfile",
            "DeleteLoginProfile",
            "EnableMFADevice",
            "DeactivateMFADevice",
            "TagUser",
            "UntagUser",
        ],
        collector: "iam",
        paths: &["requestParameters.userName"],
    },
    Rule {
        source: "iam.amazonaws.com",
        // Without a userName these act on the caller's own user.
        names: &["CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey"],
        collector: "iam",
        paths: &["requestParameters.userName", "userIdentity.userName"],
    },
    Rule {
        source: "iam.amazonaws.com",
        names: &[
            "CreateRole",
            "DeleteRole",
            "UpdateRole",
            "UpdateAssumeRolePolicy",
            "AttachRolePolicy",
            "DetachRolePolicy",
            "PutRolePolicy",
            "DeleteRolePolicy",
        ],
        collector: "iam",
        paths: &["requestParameters.roleName"],
    },
    Rule {
        source: "iam.amazonaws.com",
        names: &[
            "CreateGroup",
            "DeleteGroup",
            "AttachGroupPolicy",
            "DetachGroupPolicy",
            "PutGroupPolicy",
            "DeleteGroupPolicy",
        ],
        collector: "iam",
        paths: &["requestParameters.groupName"],
    },
    Rule {
        source: "iam.amazonaws.com",
        names: &["CreatePolicy"],
        collector: "iam",
        paths: &["responseElements.policy.arn"],
    },
    Rule {
        source: "iam.amazonaws.com",
        names: &[
            "DeletePolicy",
            "CreatePolicyVersion",
            "DeletePolicyVersion",
            "SetDefaultPolicyVersion",
        ],
        collector: "iam",
        paths: &["requestParameters.policyArn"],
    },
    Rule {
        source: "iam.amazonaws.com",
        names: &[
            "UpdateAccountPasswordPolicy",
            "DeleteAccountPasswordPolicy",
            "CreateVirtualMFADevice",
            "CreateSAMLProvider",
            "DeleteSAMLProvider",
            "UploadServerCertificate",
            "DeleteServerCertificate",
        ],
        collector: "iam",
        paths: &[ACCOUNT],
    },
    // KMS
    Rule {
        source: "kms.amazonaws.com",
        names: &["CreateKey"],
        collector: "kms",
        paths: &["responseElements.keyMetadata.keyId"],
    },
    Rule {
        source: "kms.amazonaws.com",
        names: &[
            "EnableKeyRotation",
            "DisableKeyRotation",
            "ScheduleKeyDeletion",
            "CancelKeyDeletion",
            "PutKeyPolicy",
            "EnableKey",
            "DisableKey",
        ],
        collector: "kms",
        paths: &["requestParameters.keyId"],
    },
    Rule {
        source: "kms.amazonaws.com",
        names: &["CreateAlias", "UpdateAlias"],
        collector: "kms",
        paths: &["requestParameters.targetKeyId"],
    },
    // CloudTrail and what its CIS monitoring controls read (filters, alarms, topics)
    Rule {
        source: "cloudtrail.amazonaws.com",
        names: &[
            "CreateTrail",
            "UpdateTrail",
            "DeleteTrail",
            "StartLogging",
            "StopLogging",
            "PutEventSelectors",
            "PutInsightSelectors",
        ],
        collector: "cloudtrail",
        paths: &[
            "requestParameters.name",
            "requestParameters.trailName",
            ACCOUNT,
        ],
    },
    Rule {
        source: "logs.amazonaws.com",
        names: &["PutMetricFilter", "DeleteMetricFilter"],
        collector: "cloudtrail",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "monitoring.amazonaws.com",
        names: &["PutMetricAlarm", "DeleteAlarms"],
        collector: "cloudtrail",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "sns.amazonaws.com",
        names: &["Subscribe", "Unsubscribe", "DeleteTopic"],
        collector: "cloudtrail",
        paths: &[ACCOUNT],
    },
    // SNS topics and SQS queues: their attributes hold the access policy.
    Rule {
        source: "sns.amazonaws.com",
        names: &["CreateTopic"],
        collector: "sns",
        paths: &["responseElements.topicArn"],
    },
    Rule {
        source: "sns.amazonaws.com",
        names: &[
            "SetTopicAttributes",
            "AddPermission",
            "RemovePermission",
            "DeleteTopic",
        ],
        collector: "sns",
        paths: &["requestParameters.topicArn"],
    },
    Rule {
        // Queues answer to their name, the last segment of the URL events carry.
        source: "sqs.amazonaws.com",
        names: &["CreateQueue"],
        collector: "sqs",
        paths: &["responseElements.queueUrl"],
    },
    Rule {
        source: "sqs.amazonaws.com",
        names: &[
            "SetQueueAttributes",
            "AddPermission",
            "RemovePermission",
            "DeleteQueue",
        ],
        collector: "sqs",
        paths: &["requestParameters.queueUrl"],
    },
    // RDS, EFS
    Rule {
        source: "rds.amazonaws.com",
        names: &[
            "CreateDBInstance",
            "ModifyDBInstance",
            "DeleteDBInstance",
            "RestoreDBInstanceFromDBSnapshot",
        ],
        collector: "rds",
        paths: &["requestParameters.dBInstanceIdentifier"],
    },
    // DB clusters of every engine: Aurora, Neptune and DocumentDB all log as RDS calls.
    Rule {
        source: "rds.amazonaws.com",
        names: &[
            "CreateDBCluster",
            "ModifyDBCluster",
            "DeleteDBCluster",
            "RestoreDBClusterFromSnapshot",
            "RestoreDBClusterToPointInTime",
        ],
        collector: "rds",
        paths: &["requestParameters.dBClusterIdentifier"],
    },
    Rule {
        source: "rds.amazonaws.com",
        names: &[
            "CreateDBClusterSnapshot",
            "DeleteDBClusterSnapshot",
            "ModifyDBClusterSnapshotAttribute",
        ],
        collector: "rds",
        paths: &["requestParameters.dBClusterSnapshotIdentifier"],
    },
    Rule {
        source: "rds.amazonaws.com",
        names: &["CopyDBClusterSnapshot"],
        collector: "rds",
        paths: &["requestParameters.targetDBClusterSnapshotIdentifier"],
    },
    Rule {
        source: "elasticfilesystem.amazonaws.com",
        names: &["CreateFileSystem"],
        collector: "efs",
        paths: &["responseElements.fileSystemId"],
    },
    Rule {
        source: "elasticfilesystem.amazonaws.com",
        names: &[
            "DeleteFileSystem",
            "UpdateFileSystem",
            "PutFileSystemPolicy",
            "DeleteFileSystemPolicy",
            "PutBackupPolicy",
        ],
        collector: "efs",
        paths: &["requestParameters.fileSystemId"],
    },
    // Region settings
    Rule {
        source: "config.amazonaws.com",
        names: &[
            "PutConfigurationRecorder",
            "StartConfigurationRecorder",
            "StopConfigurationRecorder",
            "DeleteConfigurationRecorder",
            "PutDeliveryChannel",
            "DeleteDeliveryChannel",
        ],
        collector: "config",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "securityhub.amazonaws.com",
        names: &["EnableSecurityHub", "DisableSecurityHub"],
        collector: "securityhub",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "access-analyzer.amazonaws.com",
        names: &["CreateAnalyzer", "DeleteAnalyzer"],
        collector: "accessanalyzer",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "macie2.amazonaws.com",
        names: &["EnableMacie", "DisableMacie", "UpdateMacieSession"],
        collector: "macie",
        paths: &[ACCOUNT],
    },
    // Newer EC2 APIs log their parameters wrapped in <Operation>Request/Response.
    Rule {
        source: "ec2.amazonaws.com",
        names: &["CreateClientVpnEndpoint", "ModifyClientVpnEndpoint"],
        collector: "clientvpn",
        paths: &[
            "responseElements.CreateClientVpnEndpointResponse.clientVpnEndpointId",
            "responseElements.clientVpnEndpointId",
            "requestParameters.ModifyClientVpnEndpointRequest.ClientVpnEndpointId",
            "requestParameters.clientVpnEndpointId",
        ],
    },
    Rule {
        source: "cloudfront.amazonaws.com",
        names: &["CreateDistribution", "CreateDistributionWithTags"],
        collector: "cloudfront",
        paths: &["responseElements.distribution.id"],
    },
    Rule {
        source: "cloudfront.amazonaws.com",
        names: &["UpdateDistribution", "DeleteDistribution"],
        collector: "cloudfront",
        paths: &["requestParameters.id"],
    },
    // Load balancers: Classic calls name the load balancer, v2 calls its ARN, under
    // the same event source and event names.
    Rule {
        source: "elasticloadbalancing.amazonaws.com",
        names: &[
            "CreateLoadBalancer",
            "DeleteLoadBalancer",
            "ModifyLoadBalancerAttributes",
            "CreateLoadBalancerListeners",
            "DeleteLoadBalancerListeners",
            "SetLoadBalancerListenerSSLCertificate",
            "SetLoadBalancerPoliciesOfListener",
        ],
        collector: "elb",
        paths: &["requestParameters.loadBalancerName"],
    },
    Rule {
        source: "elasticloadbalancing.amazonaws.com",
        names: &[
            "CreateLoadBalancer",
            "DeleteLoadBalancer",
            "ModifyLoadBalancerAttributes",
            "CreateListener",
            "ModifyListener",
        ],
        collector: "elbv2",
        paths: &[
            "requestParameters.loadBalancerArn",
            "responseElements.loadBalancers[].loadBalancerArn",
            "responseElements.listeners[].loadBalancerArn",
        ],
    },
    Rule {
        source: "wafv2.amazonaws.com",
        names: &["AssociateWebACL", "DisassociateWebACL"],
        collector: "elbv2",
        paths: &["requestParameters.resourceArn"],
    },
    Rule {
        source: "shield.amazonaws.com",
        names: &["CreateProtection"],
        collector: "elbv2",
        paths: &["requestParameters.resourceArn"],
    },
    Rule {
        source: "network-firewall.amazonaws.com",
        names: &[
            "CreateFirewall",
            "DeleteFirewall",
            "AssociateFirewallPolicy",
            "UpdateLoggingConfiguration",
        ],
        collector: "networkfirewall",
        paths: &[
            "requestParameters.firewallArn",
            "requestParameters.firewallName",
        ],
    },
    Rule {
        source: "route53.amazonaws.com",
        names: &["CreateHostedZone"],
        collector: "route53",
        paths: &["responseElements.hostedZone.id"],
    },
    Rule {
        source: "route53.amazonaws.com",
        names: &["DeleteHostedZone", "CreateQueryLoggingConfig"],
        collector: "route53",
        paths: &["requestParameters.id", "requestParameters.hostedZoneId"],
    },
    Rule {
        source: "waf.amazonaws.com",
        names: WAF_CLASSIC_CREATES,
        collector: "waf",
        paths: WAF_CLASSIC_CREATED_IDS,
    },
    Rule {
        source: "waf.amazonaws.com",
        names: WAF_CLASSIC_CHANGES,
        collector: "waf",
        paths: WAF_CLASSIC_CHANGED_IDS,
    },
    Rule {
        source: "waf-regional.amazonaws.com",
        names: WAF_CLASSIC_CREATES,
        collector: "wafregional",
        paths: WAF_CLASSIC_CREATED_IDS,
    },
    Rule {
        source: "waf-regional.amazonaws.com",
        names: WAF_CLASSIC_CHANGES,
        collector: "wafregional",
        paths: WAF_CLASSIC_CHANGED_IDS,
    },
    Rule {
        source: "wafv2.amazonaws.com",
        names: &["CreateWebACL", "UpdateWebACL", "DeleteWebACL"],
        collector: "wafv2",
        paths: &["requestParameters.name"],
    },
    Rule {
        source: "wafv2.amazonaws.com",
        names: &["PutLoggingConfiguration", "DeleteLoggingConfiguration"],
        collector: "wafv2",
        paths: &[
            "requestParameters.loggingConfiguration.resourceArn",
            "requestParameters.resourceArn",
        ],
    },
    // Compute and application services (collectors reading through aws::api)
    Rule {
        // REST and HTTP/WebSocket APIs share the event source; stages answer to their name.
        source: "apigateway.amazonaws.com",
        names: &["CreateStage", "UpdateStage", "DeleteStage"],
        collector: "apigateway",
        paths: &[
            "requestParameters.stageName",
            "requestParameters.createStageInput.stageName",
        ],
    },
    Rule {
        source: "apigateway.amazonaws.com",
        names: &["CreateStage", "UpdateStage", "DeleteStage"],
        collector: "apigatewayv2",
        paths: &["requestParameters.stageName"],
    },
    Rule {
        source: "apigateway.amazonaws.com",
        names: &["CreateDomainName", "UpdateDomainName", "DeleteDomainName"],
        collector: "apigateway",
        paths: &[
            "requestParameters.domainName",
            "requestParameters.createDomainNameInput.domainName",
        ],
    },
    Rule {
        source: "wafv2.amazonaws.com",
        names: &["AssociateWebACL", "DisassociateWebACL"],
        collector: "apigateway",
        paths: &["requestParameters.resourceArn"],
    },
    Rule {
        source: "appsync.amazonaws.com",
        names: &["CreateGraphqlApi"],
        collector: "appsync",
        paths: &["responseElements.graphqlApi.arn"],
    },
    Rule {
        source: "appsync.amazonaws.com",
        names: &["UpdateGraphqlApi", "DeleteGraphqlApi"],
        collector: "appsync",
        paths: &["requestParameters.apiId"],
    },
    Rule {
        // Lambda's CloudTrail event names carry the API version.
        source: "lambda.amazonaws.com",
        names: &[
            "CreateFunction20150331",
            "DeleteFunction20150331",
            "UpdateFunctionConfiguration20150331v2",
            "AddPermission20150331v2",
            "RemovePermission20150331v2",
            "CreateFunctionUrlConfig20211031",
            "UpdateFunctionUrlConfig20211031",
            "DeleteFunctionUrlConfig20211031",
        ],
        collector: "awslambda",
        paths: &["requestParameters.functionName"],
    },
    Rule {
        source: "bedrock.amazonaws.com",
        names: &[
            "PutModelInvocationLoggingConfiguration",
            "DeleteModelInvocationLoggingConfiguration",
        ],
        collector: "bedrock",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "codebuild.amazonaws.com",
        names: &["CreateProject", "UpdateProject", "DeleteProject"],
        collector: "codebuild",
        paths: &["requestParameters.name"],
    },
    Rule {
        source: "ecr.amazonaws.com",
        names: &[
            "CreateRepository",
            "DeleteRepository",
            "PutImageScanningConfiguration",
            "PutLifecyclePolicy",
            "DeleteLifecyclePolicy",
            "SetRepositoryPolicy",
            "DeleteRepositoryPolicy",
        ],
        collector: "ecr",
        paths: &["requestParameters.repositoryName"],
    },
    Rule {
        // Registry rules change what every repository of the region is scanned by.
        source: "ecr.amazonaws.com",
        names: &["PutRegistryScanningConfiguration"],
        collector: "ecr",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "ecs.amazonaws.com",
        names: &["RegisterTaskDefinition"],
        collector: "ecs",
        paths: &["responseElements.taskDefinition.taskDefinitionArn"],
    },
    Rule {
        source: "ecs.amazonaws.com",
        names: &["DeregisterTaskDefinition"],
        collector: "ecs",
        paths: &["requestParameters.taskDefinition"],
    },
    Rule {
        source: "ecs.amazonaws.com",
        names: &["CreateService"],
        collector: "ecs",
        paths: &["responseElements.service.serviceArn"],
    },
    Rule {
        source: "ecs.amazonaws.com",
        names: &["UpdateService", "DeleteService"],
        collector: "ecs",
        paths: &["requestParameters.service"],
    },
    Rule {
        source: "eks.amazonaws.com",
        names: &[
            "CreateCluster",
            "DeleteCluster",
            "UpdateClusterConfig",
            "UpdateClusterVersion",
            "AssociateEncryptionConfig",
        ],
        collector: "eks",
        paths: &["requestParameters.name", "requestParameters.clusterName"],
    },
    Rule {
        source: "glue.amazonaws.com",
        names: &["CreateJob", "DeleteJob"],
        collector: "glue",
        paths: &["requestParameters.name", "requestParameters.jobName"],
    },
    Rule {
        source: "glue.amazonaws.com",
        names: &["UpdateJob"],
        collector: "glue",
        paths: &["requestParameters.jobName"],
    },
    Rule {
        source: "sagemaker.amazonaws.com",
        names: &[
            "CreateNotebookInstance",
            "UpdateNotebookInstance",
            "DeleteNotebookInstance",
        ],
        collector: "sagemaker",
        paths: &["requestParameters.notebookInstanceName"],
    },
    Rule {
        source: "athena.amazonaws.com",
        names: &["CreateWorkGroup", "UpdateWorkGroup", "DeleteWorkGroup"],
        collector: "athena",
        paths: &["requestParameters.name", "requestParameters.workGroup"],
    },
    Rule {
        source: "autoscaling.amazonaws.com",
        names: &[
            "CreateAutoScalingGroup",
            "UpdateAutoScalingGroup",
            "DeleteAutoScalingGroup",
        ],
        collector: "autoscaling",
        paths: &["requestParameters.autoScalingGroupName"],
    },
    Rule {
        source: "datasync.amazonaws.com",
        names: &["CreateTask"],
        collector: "datasync",
        paths: &["responseElements.taskArn"],
    },
    Rule {
        source: "datasync.amazonaws.com",
        names: &["UpdateTask", "DeleteTask"],
        collector: "datasync",
        paths: &["requestParameters.taskArn"],
    },
    Rule {
        source: "elasticbeanstalk.amazonaws.com",
        names: &[
            "CreateEnvironment",
            "UpdateEnvironment",
            "TerminateEnvironment",
        ],
        collector: "elasticbeanstalk",
        paths: &["requestParameters.environmentName"],
    },
    Rule {
        source: "elasticmapreduce.amazonaws.com",
        names: &["PutBlockPublicAccessConfiguration"],
        collector: "emr",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "elasticmapreduce.amazonaws.com",
        names: &["RunJobFlow"],
        collector: "emr",
        paths: &["responseElements.jobFlowId"],
    },
    Rule {
        source: "elasticmapreduce.amazonaws.com",
        names: &["TerminateJobFlows"],
        collector: "emr",
        paths: &["requestParameters.jobFlowIds[]"],
    },
    Rule {
        source: "kafka.amazonaws.com",
        names: &["CreateCluster", "CreateClusterV2"],
        collector: "kafka",
        paths: &["responseElements.clusterArn"],
    },
    Rule {
        source: "kafka.amazonaws.com",
        names: &["UpdateSecurity", "DeleteCluster"],
        collector: "kafka",
        paths: &["requestParameters.clusterArn"],
    },
    Rule {
        source: "kafkaconnect.amazonaws.com",
        names: &["CreateConnector"],
        collector: "kafka",
        paths: &["responseElements.connectorArn"],
    },
    Rule {
        source: "kafkaconnect.amazonaws.com",
        names: &["DeleteConnector"],
        collector: "kafka",
        paths: &["requestParameters.connectorArn"],
    },
    Rule {
        source: "kinesis.amazonaws.com",
        names: &[
            "CreateStream",
            "DeleteStream",
            "IncreaseStreamRetentionPeriod",
            "DecreaseStreamRetentionPeriod",
            "StartStreamEncryption",
            "StopStreamEncryption",
        ],
        collector: "kinesis",
        paths: &[
            "requestParameters.streamName",
            "requestParameters.streamARN",
        ],
    },
    Rule {
        source: "mq.amazonaws.com",
        names: &["CreateBroker"],
        collector: "mq",
        paths: &["responseElements.brokerId"],
    },
    Rule {
        source: "mq.amazonaws.com",
        names: &["UpdateBroker", "DeleteBroker"],
        collector: "mq",
        paths: &["requestParameters.brokerId"],
    },
    Rule {
        // PutPermission and RemovePermission without eventBusName change the default bus,
        // which the event does not name: it is rescanned with the next full scan.
        source: "events.amazonaws.com",
        names: &[
            "CreateEventBus",
            "UpdateEventBus",
            "DeleteEventBus",
            "PutPermission",
            "RemovePermission",
        ],
        collector: "eventbridge",
        paths: &["requestParameters.name", "requestParameters.eventBusName"],
    },
    Rule {
        source: "schemas.amazonaws.com",
        names: &[
            "CreateRegistry",
            "DeleteRegistry",
            "PutResourcePolicy",
            "DeleteResourcePolicy",
        ],
        collector: "eventbridge",
        paths: &["requestParameters.registryName"],
    },
    Rule {
        source: "ssm.amazonaws.com",
        names: &[
            "CreateDocument",
            "DeleteDocument",
            "ModifyDocumentPermission",
        ],
        collector: "ssm",
        paths: &["requestParameters.name"],
    },
    Rule {
        source: "ssm.amazonaws.com",
        names: &["PutComplianceItems"],
        collector: "ssm",
        paths: &["requestParameters.resourceId"],
    },
    Rule {
        source: "states.amazonaws.com",
        names: &["CreateStateMachine"],
        collector: "stepfunctions",
        paths: &["responseElements.stateMachineArn"],
    },
    Rule {
        source: "states.amazonaws.com",
        names: &["UpdateStateMachine", "DeleteStateMachine"],
        collector: "stepfunctions",
        paths: &["requestParameters.stateMachineArn"],
    },
    Rule {
        source: "transfer.amazonaws.com",
        names: &["CreateServer"],
        collector: "transfer",
        paths: &["responseElements.serverId"],
    },
    Rule {
        source: "transfer.amazonaws.com",
        names: &["UpdateServer", "DeleteServer"],
        collector: "transfer",
        paths: &["requestParameters.serverId"],
    },
    // Redshift
    Rule {
        source: "redshift.amazonaws.com",
        names: &[
            "CreateCluster",
            "ModifyCluster",
            "DeleteCluster",
            "RestoreFromClusterSnapshot",
            "EnableLogging",
            "DisableLogging",
            "RebootCluster",
        ],
        collector: "redshift",
        paths: &["requestParameters.clusterIdentifier"],
    },
    // OpenSearch
    Rule {
        source: "es.amazonaws.com",
        names: &[
            "CreateDomain",
            "UpdateDomainConfig",
            "DeleteDomain",
            "StartServiceSoftwareUpdate",
            "CreateElasticsearchDomain",
            "UpdateElasticsearchDomainConfig",
            "DeleteElasticsearchDomain",
        ],
        collector: "opensearch",
        paths: &["requestParameters.domainName"],
    },
    // ElastiCache
    Rule {
        source: "elasticache.amazonaws.com",
        names: &[
            "CreateReplicationGroup",
            "ModifyReplicationGroup",
            "DeleteReplicationGroup",
        ],
        collector: "elasticache",
        paths: &["requestParameters.replicationGroupId"],
    },
    Rule {
        source: "elasticache.amazonaws.com",
        names: &[
            "CreateCacheCluster",
            "ModifyCacheCluster",
            "DeleteCacheCluster",
        ],
        collector: "elasticache",
        paths: &["requestParameters.cacheClusterId"],
    },
    // DMS
    Rule {
        source: "dms.amazonaws.com",
        names: &["CreateReplicationInstance"],
        collector: "dms",
        paths: &["requestParameters.replicationInstanceIdentifier"],
    },
    Rule {
        source: "dms.amazonaws.com",
        names: &["ModifyReplicationInstance", "DeleteReplicationInstance"],
        collector: "dms",
        paths: &["requestParameters.replicationInstanceArn"],
    },
    Rule {
        source: "dms.amazonaws.com",
        names: &["CreateEndpoint"],
        collector: "dms",
        paths: &["requestParameters.endpointIdentifier"],
    },
    Rule {
        source: "dms.amazonaws.com",
        names: &["ModifyEndpoint", "DeleteEndpoint"],
        collector: "dms",
        paths: &["requestParameters.endpointArn"],
    },
    Rule {
        source: "dms.amazonaws.com",
        names: &["CreateReplicationTask"],
        collector: "dms",
        paths: &["requestParameters.replicationTaskIdentifier"],
    },
    Rule {
        source: "dms.amazonaws.com",
        names: &["ModifyReplicationTask", "DeleteReplicationTask"],
        collector: "dms",
        paths: &["requestParameters.replicationTaskArn"],
    },
    // DynamoDB, DAX, AWS Backup
    Rule {
        source: "dynamodb.amazonaws.com",
        names: &[
            "CreateTable",
            "UpdateTable",
            "DeleteTable",
            "UpdateContinuousBackups",
        ],
        collector: "dynamodb",
        paths: &["requestParameters.tableName"],
    },
    Rule {
        source: "dynamodb.amazonaws.com",
        names: &["TagResource", "UntagResource"],
        collector: "dynamodb",
        paths: &["requestParameters.resourceArn"],
    },
    Rule {
        source: "dax.amazonaws.com",
        names: &["CreateCluster", "DeleteCluster"],
        collector: "dynamodb",
        paths: &["requestParameters.clusterName"],
    },
    Rule {
        source: "backup.amazonaws.com",
        names: &["CreateBackupPlan", "UpdateBackupPlan", "DeleteBackupPlan"],
        collector: "backup",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "backup.amazonaws.com",
        names: &[
            "CreateBackupVault",
            "DeleteBackupVault",
            "PutBackupVaultAccessPolicy",
            "DeleteBackupVaultAccessPolicy",
        ],
        collector: "backup",
        paths: &["requestParameters.backupVaultName"],
    },
    // Secrets Manager, ACM, GuardDuty, Organizations, Service Catalog, FSx
    Rule {
        source: "secretsmanager.amazonaws.com",
        names: &["CreateSecret"],
        collector: "secretsmanager",
        paths: &["requestParameters.name"],
    },
    Rule {
        source: "secretsmanager.amazonaws.com",
        names: &[
            "UpdateSecret",
            "DeleteSecret",
            "RestoreSecret",
            "RotateSecret",
            "CancelRotateSecret",
            "PutResourcePolicy",
            "DeleteResourcePolicy",
        ],
        collector: "secretsmanager",
        paths: &["requestParameters.secretId"],
    },
    Rule {
        source: "acm.amazonaws.com",
        names: &["ImportCertificate", "RequestCertificate"],
        collector: "acm",
        paths: &["responseElements.certificateArn"],
    },
    Rule {
        source: "acm.amazonaws.com",
        names: &["DeleteCertificate", "RenewCertificate"],
        collector: "acm",
        paths: &["requestParameters.certificateArn"],
    },
    Rule {
        source: "guardduty.amazonaws.com",
        names: &[
            "CreateDetector",
            "UpdateDetector",
            "DeleteDetector",
            "ArchiveFindings",
            "UnarchiveFindings",
        ],
        collector: "guardduty",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "organizations.amazonaws.com",
        names: &[
            "CreateOrganization",
            "DeleteOrganization",
            "AcceptHandshake",
            "LeaveOrganization",
            "RemoveAccountFromOrganization",
        ],
        collector: "organizations",
        paths: &[ACCOUNT],
    },
    Rule {
        source: "servicecatalog.amazonaws.com",
        names: &[
            "CreatePortfolioShare",
            "DeletePortfolioShare",
            "UpdatePortfolio",
            "DeletePortfolio",
        ],
        collector: "servicecatalog",
        paths: &["requestParameters.portfolioId"],
    },
    Rule {
        source: "glacier.amazonaws.com",
        names: &[
            "CreateVault",
            "DeleteVault",
            "SetVaultAccessPolicy",
            "DeleteVaultAccessPolicy",
        ],
        collector: "glacier",
        paths: &["requestParameters.vaultName"],
    },
    Rule {
        source: "fsx.amazonaws.com",
        names: &["CreateFileSystem"],
        collector: "fsx",
        paths: &["responseElements.fileSystem.fileSystemId"],
    },
    Rule {
        source: "fsx.amazonaws.com",
        names: &["UpdateFileSystem", "DeleteFileSystem"],
        collector: "fsx",
        paths: &["requestParameters.fileSystemId"],
    },
];

/// Every string at a dotted path; `[]` fans out over an array.
fn values_at<'a>(v: &'a Value, path: &str, out: &mut Vec<&'a str>) {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let (field, fan_out) = match head.strip_suffix("[]") {
        Some(f) => (f, true),
        None => (head, false),
    };
    let Some(next) = v.get(field) else {
        return;
    };
    let children: Vec<&Value> = match (fan_out, next) {
        (true, Value::Array(items)) => items.iter().collect(),
        (true, _) => return,
        (false, n) => vec![n],
    };
    for child in children {
        if rest.is_empty() {
            if let Some(s) = child.as_str() {
                out.push(s);
            }
        } else {
            values_at(child, rest, out);
        }
    }
}

/// The resources a write call changed. Empty for calls the table does not cover.
/// The ARN service of the resources some collectors read, for events that name a resource
/// of any of several services (WAF and Shield attach to load balancers, API stages, ...):
/// such an ARN goes only to the collector of its service.
const ARN_SERVICES: &[(&str, &str)] = &[
    ("apigateway", "apigateway"),
    ("appsync", "appsync"),
    ("cloudfront", "cloudfront"),
    ("elb", "elasticloadbalancing"),
    ("elbv2", "elasticloadbalancing"),
    ("route53", "route53"),
];

/// The id a collector's resources answer to, from the value an event carries: SQS events
/// name a queue by its URL, whose last segment is the queue's name.
fn resource_id<'a>(collector: &str, value: &'a str) -> &'a str {
    match collector {
        "sqs" => value
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(value),
        _ => value,
    }
}

fn arn_fits(collector: &str, id: &str) -> bool {
    let Some(service) = id.strip_prefix("arn:").and_then(|r| r.split(':').nth(1)) else {
        return true;
    };
    ARN_SERVICES
        .iter()
        .find(|(c, _)| *c == collector)
        .is_none_or(|(_, s)| *s == service)
}

pub fn rescan_targets(call: &ApiCall) -> Vec<RescanTarget> {
    let mut targets = Vec::new();
    for rule in RULES
        .iter()
        .filter(|r| r.source == call.event_source && r.names.contains(&call.event_name.as_str()))
    {
        let region = match spec(rule.collector).map(|s| s.scope) {
            Some(Scope::Global) => GLOBAL_REGION.to_string(),
            _ => call.region.clone(),
        };
        let mut ids = Vec::new();
        for path in rule.paths {
            if *path == ACCOUNT {
                ids.push(call.account_id.as_str());
            } else {
                values_at(&call.detail, path, &mut ids);
            }
        }
        // The first path that names something wins for user fallbacks (access keys).
        if rule.paths.contains(&"userIdentity.userName") && ids.len() > 1 {
            ids.truncate(1);
        }
        for id in ids
            .into_iter()
            .map(|i| resource_id(rule.collector, i))
            .filter(|i| !i.is_empty() && arn_fits(rule.collector, i))
        {
            targets.push(RescanTarget {
                collector: rule.collector,
                region: region.clone(),
                resource_id: id.to_string(),
            });
        }
    }
    targets.sort();
    targets.dedup();
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::COLLECTORS;
    use serde_json::json;

    fn call(source: &str, name: &str, request: Value, response: Value) -> ApiCall {
        ApiCall::from_detail(&json!({
            "eventVersion": "1.08",
            "userIdentity": {"type": "IAMUser", "accountId": "111122223333", "userName": "alice"},
            "eventTime": "2026-11-24T10:00:00Z",
            "eventSource": source,
            "eventName": name,
            "awsRegion": "eu-west-1",
            "requestParameters": request,
            "responseElements": response,
            "readOnly": false,
            "eventType": "AwsApiCall",
            "recipientAccountId": "111122223333"
        }))
        .unwrap()
    }

    fn ids(targets: &[RescanTarget]) -> Vec<(&str, &str, &str)> {
        targets
            .iter()
            .map(|t| (t.collector, t.region.as_str(), t.resource_id.as_str()))
            .collect()
    }

    #[test]
    fn every_rule_names_a_real_collector() {
        for r in RULES {
            assert!(
                COLLECTORS.iter().any(|c| c.name == r.collector),
                "{} names no collector",
                r.collector
            );
        }
    }

    #[test]
    fn security_group_ingress_rescans_the_group_in_its_region() {
        let c = call(
            "ec2.amazonaws.com",
            "AuthorizeSecurityGroupIngress",
            json!({"groupId": "sg-0123", "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}}),
            json!({"requestId": "r", "_return": true}),
        );
        assert_eq!(ids(&rescan_targets(&c)), [("ec2", "eu-west-1", "sg-0123")]);
    }

    #[test]
    fn run_instances_rescans_every_launched_instance() {
        let c = call(
            "ec2.amazonaws.com",
            "RunInstances",
            json!({"instancesSet": {"items": [{"imageId": "ami-1", "minCount": 2, "maxCount": 2}]}}),
            json!({"instancesSet": {"items": [{"instanceId": "i-1"}, {"instanceId": "i-2"}]}}),
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("ec2", "eu-west-1", "i-1"), ("ec2", "eu-west-1", "i-2")]
        );
    }

    #[test]
    fn bucket_and_iam_calls_map_to_global_tasks() {
        let c = call(
            "s3.amazonaws.com",
            "PutBucketPolicy",
            json!({"bucketName": "logs", "Host": "logs.s3.amazonaws.com", "bucketPolicy": {}}),
            Value::Null,
        );
        assert_eq!(ids(&rescan_targets(&c)), [("s3", "global", "logs")]);
        let c = call(
            "s3.amazonaws.com",
            "DeleteBucket",
            json!({"bucketName": "old"}),
            Value::Null,
        );
        assert_eq!(ids(&rescan_targets(&c)), [("s3", "global", "old")]);
        // CreateAccessKey without userName acts on the caller.
        let c = call(
            "iam.amazonaws.com",
            "CreateAccessKey",
            json!({}),
            json!({"accessKey": {"accessKeyId": "AKIA", "status": "Active", "userName": "alice"}}),
        );
        assert_eq!(ids(&rescan_targets(&c)), [("iam", "global", "alice")]);
        let c = call(
            "iam.amazonaws.com",
            "CreateAccessKey",
            json!({"userName": "bob"}),
            Value::Null,
        );
        assert_eq!(ids(&rescan_targets(&c)), [("iam", "global", "bob")]);
        let c = call(
            "iam.amazonaws.com",
            "UpdateAccountPasswordPolicy",
            json!({"minimumPasswordLength": 8}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("iam", "global", "111122223333")]
        );
    }

    #[test]
    fn kms_trail_and_settings_calls() {
        let c = call(
            "kms.amazonaws.com",
            "DisableKeyRotation",
            json!({"keyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("kms", "eu-west-1", "1234abcd-12ab-34cd-56ef-1234567890ab")]
        );
        let c = call(
            "cloudtrail.amazonaws.com",
            "StopLogging",
            json!({"name": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [
                ("cloudtrail", "global", "111122223333"),
                (
                    "cloudtrail",
                    "global",
                    "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"
                )
            ]
        );
        let c = call(
            "config.amazonaws.com",
            "StopConfigurationRecorder",
            json!({"configurationRecorderName": "default"}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("config", "eu-west-1", "111122223333")]
        );
    }

    #[test]
    fn edge_and_network_calls_rescan_their_resource() {
        let lb = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
        let acl = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1";
        // (event source, event name, request, response, the one expected target)
        let cases = [
            // Classic and v2 share the source and names: the parameters decide.
            (
                "elasticloadbalancing.amazonaws.com",
                "ModifyLoadBalancerAttributes",
                json!({"loadBalancerName": "legacy", "loadBalancerAttributes": {}}),
                Value::Null,
                ("elb", "eu-west-1", "legacy"),
            ),
            (
                "elasticloadbalancing.amazonaws.com",
                "CreateLoadBalancer",
                json!({"name": "web", "subnets": ["subnet-1"]}),
                json!({"loadBalancers": [{"loadBalancerArn": lb, "type": "application"}]}),
                ("elbv2", "eu-west-1", lb),
            ),
            (
                "elasticloadbalancing.amazonaws.com",
                "ModifyListener",
                json!({"listenerArn": format!("{lb}/f2f7dc8efc522ab2").replace(":loadbalancer/", ":listener/"), "sslPolicy": "ELBSecurityPolicy-2016-08"}),
                json!({"listeners": [{"loadBalancerArn": lb}]}),
                ("elbv2", "eu-west-1", lb),
            ),
            (
                "wafv2.amazonaws.com",
                "AssociateWebACL",
                json!({"webACLArn": acl, "resourceArn": lb}),
                Value::Null,
                ("elbv2", "eu-west-1", lb),
            ),
            (
                "wafv2.amazonaws.com",
                "PutLoggingConfiguration",
                json!({"loggingConfiguration": {"resourceArn": acl}}),
                Value::Null,
                ("wafv2", "eu-west-1", acl),
            ),
            (
                "waf-regional.amazonaws.com",
                "UpdateRule",
                json!({"ruleId": "WAFRule-1-Example", "changeToken": "abc", "updates": []}),
                Value::Null,
                ("wafregional", "eu-west-1", "WAFRule-1-Example"),
            ),
            (
                "route53.amazonaws.com",
                "CreateQueryLoggingConfig",
                json!({"hostedZoneId": "Z1D633PJN98FT9", "cloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/example.com"}),
                Value::Null,
                ("route53", "global", "Z1D633PJN98FT9"),
            ),
            (
                "cloudfront.amazonaws.com",
                "UpdateDistribution",
                json!({"id": "EDFDVBD6EXAMPLE", "ifMatch": "E2QWRUHEXAMPLE"}),
                Value::Null,
                ("cloudfront", "global", "EDFDVBD6EXAMPLE"),
            ),
            (
                "network-firewall.amazonaws.com",
                "UpdateLoggingConfiguration",
                json!({"firewallName": "egress", "loggingConfiguration": {}}),
                Value::Null,
                ("networkfirewall", "eu-west-1", "egress"),
            ),
        ];
        for (source, name, request, response, expected) in cases {
            let targets = rescan_targets(&call(source, name, request, response));
            assert_eq!(ids(&targets), [expected], "{source} {name}");
        }
    }

    #[test]
    fn compute_and_application_calls() {
        // Lambda's event names carry the API version; the function is named in the request.
        let c = call(
            "lambda.amazonaws.com",
            "AddPermission20150331v2",
            json!({"functionName": "resize", "statementId": "s3", "principal": "s3.amazonaws.com"}),
            json!({"statement": "{}"}),
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("awslambda", "eu-west-1", "resize")]
        );
        let c = call(
            "ecs.amazonaws.com",
            "RegisterTaskDefinition",
            json!({"family": "web"}),
            json!({"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:4", "revision": 4}}),
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [(
                "ecs",
                "eu-west-1",
                "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:4"
            )]
        );
        // REST and HTTP API stages share the event source: both collectors rescan.
        let c = call(
            "apigateway.amazonaws.com",
            "UpdateStage",
            json!({"restApiId": "a1b2", "stageName": "prod", "patchOperations": []}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [
                ("apigateway", "eu-west-1", "prod"),
                ("apigatewayv2", "eu-west-1", "prod")
            ]
        );
        let c = call(
            "elasticmapreduce.amazonaws.com",
            "PutBlockPublicAccessConfiguration",
            json!({"blockPublicAccessConfiguration": {"blockPublicSecurityGroupRules": false}}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("emr", "eu-west-1", "111122223333")]
        );
        let c = call(
            "mq.amazonaws.com",
            "CreateBroker",
            json!({"brokerName": "orders"}),
            json!({"brokerId": "b-1234", "brokerArn": "arn:aws:mq:eu-west-1:111122223333:broker:orders:b-1234"}),
        );
        assert_eq!(ids(&rescan_targets(&c)), [("mq", "eu-west-1", "b-1234")]);
    }

    #[test]
    fn data_service_calls_rescan_their_resources() {
        // requestParameters / responseElements as CloudTrail records them.
        let cases = [
            (
                call(
                    "rds.amazonaws.com",
                    "ModifyDBCluster",
                    json!({"dBClusterIdentifier": "graph"}),
                    Value::Null,
                ),
                ("rds", "eu-west-1", "graph"),
            ),
            (
                call(
                    "rds.amazonaws.com",
                    "CopyDBClusterSnapshot",
                    json!({"sourceDBClusterSnapshotIdentifier": "a", "targetDBClusterSnapshotIdentifier": "b"}),
                    Value::Null,
                ),
                ("rds", "eu-west-1", "b"),
            ),
            (
                call(
                    "redshift.amazonaws.com",
                    "ModifyCluster",
                    json!({"clusterIdentifier": "wh"}),
                    Value::Null,
                ),
                ("redshift", "eu-west-1", "wh"),
            ),
            (
                call(
                    "es.amazonaws.com",
                    "UpdateDomainConfig",
                    json!({"domainName": "search"}),
                    Value::Null,
                ),
                ("opensearch", "eu-west-1", "search"),
            ),
            (
                call(
                    "dms.amazonaws.com",
                    "ModifyEndpoint",
                    json!({"endpointArn": "arn:aws:dms:eu-west-1:111122223333:endpoint:ABC"}),
                    Value::Null,
                ),
                (
                    "dms",
                    "eu-west-1",
                    "arn:aws:dms:eu-west-1:111122223333:endpoint:ABC",
                ),
            ),
            (
                call(
                    "dynamodb.amazonaws.com",
                    "UpdateContinuousBackups",
                    json!({"tableName": "orders"}),
                    Value::Null,
                ),
                ("dynamodb", "eu-west-1", "orders"),
            ),
            (
                call(
                    "acm.amazonaws.com",
                    "ImportCertificate",
                    json!({}),
                    json!({"certificateArn": "arn:aws:acm:eu-west-1:111122223333:certificate/1"}),
                ),
                (
                    "acm",
                    "eu-west-1",
                    "arn:aws:acm:eu-west-1:111122223333:certificate/1",
                ),
            ),
            (
                call(
                    "fsx.amazonaws.com",
                    "CreateFileSystem",
                    json!({}),
                    json!({"fileSystem": {"fileSystemId": "fs-1"}}),
                ),
                ("fsx", "eu-west-1", "fs-1"),
            ),
            (
                call(
                    "guardduty.amazonaws.com",
                    "DeleteDetector",
                    json!({"detectorId": "d"}),
                    Value::Null,
                ),
                ("guardduty", "eu-west-1", "111122223333"),
            ),
            (
                call(
                    "organizations.amazonaws.com",
                    "LeaveOrganization",
                    json!({}),
                    Value::Null,
                ),
                ("organizations", "global", "111122223333"),
            ),
        ];
        for (c, expected) in cases {
            assert_eq!(ids(&rescan_targets(&c)), [expected], "{}", c.event_name);
        }
    }

    #[test]
    fn resource_policy_changes_rescan_the_resource() {
        // requestParameters / responseElements as CloudTrail records them.
        let queue = "https://sqs.eu-west-1.amazonaws.com/111122223333/orders";
        let topic = "arn:aws:sns:eu-west-1:111122223333:alerts";
        let cases = [
            (
                call(
                    "sqs.amazonaws.com",
                    "SetQueueAttributes",
                    json!({"queueUrl": queue, "attributes": {"Policy": "{}"}}),
                    Value::Null,
                ),
                ("sqs", "orders"),
            ),
            (
                call(
                    "sqs.amazonaws.com",
                    "CreateQueue",
                    json!({"queueName": "orders"}),
                    json!({"queueUrl": queue}),
                ),
                ("sqs", "orders"),
            ),
            (
                call(
                    "sns.amazonaws.com",
                    "AddPermission",
                    json!({"topicArn": topic, "label": "x"}),
                    Value::Null,
                ),
                ("sns", topic),
            ),
            (
                call(
                    "sns.amazonaws.com",
                    "CreateTopic",
                    json!({"name": "alerts"}),
                    json!({"topicArn": topic}),
                ),
                ("sns", topic),
            ),
            (
                call(
                    "ecr.amazonaws.com",
                    "SetRepositoryPolicy",
                    json!({"repositoryName": "app", "policyText": "{}"}),
                    Value::Null,
                ),
                ("ecr", "app"),
            ),
            (
                call(
                    "elasticfilesystem.amazonaws.com",
                    "DeleteFileSystemPolicy",
                    json!({"fileSystemId": "fs-0123"}),
                    Value::Null,
                ),
                ("efs", "fs-0123"),
            ),
            (
                call(
                    "secretsmanager.amazonaws.com",
                    "PutResourcePolicy",
                    json!({"secretId": "db", "resourcePolicy": "{}"}),
                    Value::Null,
                ),
                ("secretsmanager", "db"),
            ),
            (
                call(
                    "backup.amazonaws.com",
                    "PutBackupVaultAccessPolicy",
                    json!({"backupVaultName": "central", "policy": "{}"}),
                    Value::Null,
                ),
                ("backup", "central"),
            ),
            (
                call(
                    "events.amazonaws.com",
                    "PutPermission",
                    json!({"eventBusName": "orders", "action": "events:PutEvents", "principal": "*"}),
                    Value::Null,
                ),
                ("eventbridge", "orders"),
            ),
            (
                call(
                    "glacier.amazonaws.com",
                    "SetVaultAccessPolicy",
                    json!({"accountId": "-", "vaultName": "archive", "policy": {}}),
                    Value::Null,
                ),
                ("glacier", "archive"),
            ),
        ];
        for (c, (collector, id)) in cases {
            assert_eq!(
                ids(&rescan_targets(&c)),
                [(collector, "eu-west-1", id)],
                "{}",
                c.event_name
            );
        }
    }

    #[test]
    fn unknown_calls_map_to_nothing_and_bad_events_are_named() {
        let c = call(
            "ec2.amazonaws.com",
            "CreateTags",
            json!({"resourcesSet": {}}),
            Value::Null,
        );
        assert!(rescan_targets(&c).is_empty());
        let err = ApiCall::from_detail(&json!({"eventName": "X"})).unwrap_err();
        assert!(err.contains("recipientAccountId"), "{err}");
        let err = ApiCall::from_detail(
            &json!({"eventName": "X", "recipientAccountId": "1", "awsRegion": "r", "eventSource": "s"}),
        )
        .unwrap_err();
        assert!(err.contains("account"), "{err}");
        let read = ApiCall::from_detail(&json!({
            "eventName": "DescribeInstances", "recipientAccountId": "111122223333",
            "awsRegion": "us-east-1", "eventSource": "ec2.amazonaws.com"
        }))
        .unwrap();
        assert!(read.read_only, "the verb decides when readOnly is absent");
    }
}
