//! Which resources a CloudTrail write event changed, read from the event rules of the
//! resource-type manifest (`crate::manifest`): the events function turns an API call
//! into a real-time rescan of those resources by their collectors. The ids are those the
//! resources answer to (`Resource::matches_id`: ARN, name, or the ARN's last part).

use super::Scope;
use crate::manifest::{manifest, EventRule, ResourceTypeEntry, ACCOUNT_ID, EVERY_RESOURCE};
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

/// The `resource_id` of a target that stands for every resource of its collector in its
/// region (an event rule's `$all`): the events function turns it into a collector-wide
/// rescan.
pub const ALL_RESOURCES: &str = "*";

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

/// A template of braced paths (`{requestParameters.roleName}/{requestParameters.policyName}`)
/// filled with the first value at each; `None` when one of them is missing.
fn fill_template(detail: &Value, template: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        let (path, tail) = after.split_once('}')?;
        let mut found = Vec::new();
        values_at(detail, path, &mut found);
        out.push_str(before);
        out.push_str(found.first().filter(|v| !v.is_empty())?);
        rest = tail;
    }
    out.push_str(rest);
    Some(out)
}

/// The ids an event rule finds in a call. Paths into `userIdentity` name the caller and
/// count only when the paths before them named nothing (an access key call without a
/// user name acts on the caller's own user).
fn ids_in(rule: &EventRule, call: &ApiCall) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for path in &rule.ids {
        if path.starts_with("userIdentity.") && !ids.is_empty() {
            continue;
        }
        match path.as_str() {
            ACCOUNT_ID => ids.push(call.account_id.clone()),
            EVERY_RESOURCE => ids.push(ALL_RESOURCES.to_string()),
            p if p.contains('{') => ids.extend(fill_template(&call.detail, p)),
            p => {
                let mut found = Vec::new();
                values_at(&call.detail, p, &mut found);
                ids.extend(found.into_iter().map(resource_id));
            }
        }
    }
    ids
}

/// The id a resource answers to, from the value an event carries: SQS events name a
/// queue by its URL, whose last segment is the queue's name.
fn resource_id(value: &str) -> String {
    match value.strip_prefix("https://") {
        Some(url) => url.trim_end_matches('/').rsplit('/').next().unwrap_or(url),
        None => value,
    }
    .to_string()
}

/// Whether an id can name a resource of the type: an ARN must be of the type's service
/// (WAF and Shield events name resources of any of several services, and only the
/// collector of that service can rescan one).
fn arn_fits(entry: &ResourceTypeEntry, id: &str) -> bool {
    match id.strip_prefix("arn:").and_then(|r| r.split(':').nth(1)) {
        Some(service) => entry.arn_service() == Some(service),
        None => true,
    }
}

/// The resources a write call changed, from the manifest's event rules: for every type
/// whose events include the call, the ids its rule finds, as targets of the type's
/// collector. Empty for calls the manifest does not cover.
pub fn rescan_targets(call: &ApiCall) -> Vec<RescanTarget> {
    let mut targets = Vec::new();
    for (entry, rule) in manifest().types_changed_by(&call.event_source, &call.event_name) {
        let region = match entry.scope {
            Scope::Global => GLOBAL_REGION.to_string(),
            Scope::Regional => call.region.clone(),
        };
        for id in ids_in(rule, call) {
            if !id.is_empty() && arn_fits(entry, &id) {
                targets.push(RescanTarget {
                    collector: entry.collector.as_str(),
                    region: region.clone(),
                    resource_id: id,
                });
            }
        }
    }
    targets.sort();
    targets.dedup();
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
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
        // CreateAccessKey without userName acts on the caller. Access keys also rescan
        // the account's settings, which hold the root user's keys.
        let c = call(
            "iam.amazonaws.com",
            "CreateAccessKey",
            json!({}),
            json!({"accessKey": {"accessKeyId": "AKIA", "status": "Active", "userName": "alice"}}),
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [
                ("iam", "global", "111122223333"),
                ("iam", "global", "alice")
            ]
        );
        let c = call(
            "iam.amazonaws.com",
            "CreateAccessKey",
            json!({"userName": "bob"}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("iam", "global", "111122223333"), ("iam", "global", "bob")]
        );
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
    fn events_that_had_no_rule_rescan_their_resources() {
        // requestParameters / responseElements as CloudTrail records them.
        let cases = [
            (
                call(
                    "ec2.amazonaws.com",
                    "ModifySnapshotAttribute",
                    json!({"snapshotId": "snap-1", "attributeType": "CREATE_VOLUME_PERMISSION",
                           "createVolumePermission": {"add": {"items": [{"group": "all"}]}}}),
                    json!({"_return": true}),
                ),
                vec![("ec2", "eu-west-1", "snap-1")],
            ),
            (
                call(
                    "rds.amazonaws.com",
                    "ModifyDBSnapshotAttribute",
                    json!({"dBSnapshotIdentifier": "nightly", "attributeName": "restore", "valuesToAdd": ["all"]}),
                    Value::Null,
                ),
                vec![("rds", "eu-west-1", "nightly")],
            ),
            (
                call(
                    "ec2.amazonaws.com",
                    "AssociateIamInstanceProfile",
                    json!({"AssociateIamInstanceProfileRequest": {"InstanceId": "i-9", "IamInstanceProfile": {"Name": "web"}}}),
                    Value::Null,
                ),
                vec![("ec2", "eu-west-1", "i-9")],
            ),
            (
                call(
                    "ec2.amazonaws.com",
                    "CreateLaunchTemplate",
                    json!({"CreateLaunchTemplateRequest": {"LaunchTemplateName": "web"}}),
                    json!({"CreateLaunchTemplateResponse": {"launchTemplate": {"launchTemplateId": "lt-1"}}}),
                ),
                vec![("ec2", "eu-west-1", "lt-1")],
            ),
            (
                // Neptune and DocumentDB clusters log as RDS calls: one rds target.
                call(
                    "rds.amazonaws.com",
                    "ModifyDBCluster",
                    json!({"dBClusterIdentifier": "graph"}),
                    Value::Null,
                ),
                vec![("rds", "eu-west-1", "graph")],
            ),
        ];
        for (c, expected) in cases {
            assert_eq!(ids(&rescan_targets(&c)), expected, "{}", c.event_name);
        }
    }

    #[test]
    fn inline_policies_are_named_by_owner_and_policy() {
        let c = call(
            "iam.amazonaws.com",
            "PutRolePolicy",
            json!({"roleName": "deploy", "policyName": "s3", "policyDocument": "{}"}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("iam", "global", "deploy"), ("iam", "global", "deploy/s3")]
        );
        // A template with a missing part names nothing.
        let c = call(
            "iam.amazonaws.com",
            "DeleteUserPolicy",
            json!({"userName": "bob"}),
            Value::Null,
        );
        assert_eq!(ids(&rescan_targets(&c)), [("iam", "global", "bob")]);
    }

    #[test]
    fn changes_that_name_no_resource_rescan_the_whole_collector() {
        // The account's public access block changes every bucket's exposure: the bucket
        // list is read again, with the account's settings.
        let c = call(
            "s3.amazonaws.com",
            "PutAccountPublicAccessBlock",
            json!({"publicAccessBlock": "", "PublicAccessBlockConfiguration": {"BlockPublicAcls": false}}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [
                ("s3", "global", ALL_RESOURCES),
                ("s3", "global", "111122223333")
            ]
        );
    }

    #[test]
    fn an_arn_goes_only_to_types_of_its_service() {
        // WAF associations name API Gateway stages, load balancers, AppSync APIs...
        let stage = "arn:aws:apigateway:eu-west-1::/restapis/a1b2/stages/prod";
        let c = call(
            "wafv2.amazonaws.com",
            "AssociateWebACL",
            json!({"webACLArn": "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/x/1", "resourceArn": stage}),
            Value::Null,
        );
        assert_eq!(
            ids(&rescan_targets(&c)),
            [("apigateway", "eu-west-1", stage)]
        );
    }

    #[test]
    fn every_event_rule_finds_ids_where_the_manifest_says() {
        // Each rule's first id path, filled in a synthetic event, yields a target of the
        // rule's collector: paths and names are spelled so the lookup can find them.
        for entry in &manifest().resource_types {
            for rule in &entry.events {
                let path = &rule.ids[0];
                let filled: Vec<&str> = if path.contains('{') {
                    path.split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}'))
                        .map(|(p, _)| p)
                        .collect()
                } else if path.starts_with('$') {
                    vec![]
                } else {
                    vec![path.as_str()]
                };
                let mut detail = json!({});
                for path in filled {
                    let mut node = &mut detail;
                    for part in path.split('.') {
                        let (field, fan_out) = match part.strip_suffix("[]") {
                            Some(f) => (f, true),
                            None => (part, false),
                        };
                        node = &mut node[field];
                        if fan_out {
                            *node = json!([{}]);
                            node = &mut node[0];
                        }
                    }
                    *node = json!("x-1");
                }
                let (request, response) = (
                    detail
                        .get("requestParameters")
                        .cloned()
                        .unwrap_or(Value::Null),
                    detail
                        .get("responseElements")
                        .cloned()
                        .unwrap_or(Value::Null),
                );
                let c = call(&rule.source, &rule.names[0], request, response);
                let targets = rescan_targets(&c);
                assert!(
                    targets.iter().any(|t| t.collector == entry.collector),
                    "{} {} {path}: {targets:?}",
                    rule.source,
                    rule.names[0]
                );
            }
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
