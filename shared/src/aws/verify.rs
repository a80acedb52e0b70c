//! `accounts verify`: one cheap read per collector and region, and what its answer says
//! about the scan role (readable, denied which action, service or region not enabled).
//!
//! Each probe is one of its collector's own manifest operations (so the IAM action named
//! on a denial is the one the role lacks), chosen because it takes no input and answers
//! a small page; `infra/tests/test_verify_probes.py` checks "takes no input" against
//! botocore's models, and the unit tests below check every probe is in the manifest.

use super::api::{Method, Protocol, Service};
use super::{ApiError, Clients};
use crate::manifest::manifest;
use serde_json::{json, Value};

/// What one probe found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    /// The role may not make the call: the IAM action it lacks.
    Denied {
        action: String,
    },
    /// The account has not enabled or subscribed to the service here.
    ServiceNotEnabled {
        reason: String,
    },
    /// The region is an opt-in region the account has not enabled.
    RegionNotEnabled {
        reason: String,
    },
    /// Anything else, as one line.
    Error {
        reason: String,
    },
}

impl Verdict {
    /// Whether a scan would lose data: denials and unexplained errors do; a service or
    /// region the account does not use does not.
    pub fn fails(&self) -> bool {
        matches!(self, Verdict::Denied { .. } | Verdict::Error { .. })
    }

    /// The table's cell.
    pub fn text(&self) -> String {
        match self {
            Verdict::Ok => "OK".into(),
            Verdict::Denied { action } => format!("denied ({action})"),
            Verdict::ServiceNotEnabled { .. } => "service not enabled".into(),
            Verdict::RegionNotEnabled { .. } => "opt-in region not enabled".into(),
            Verdict::Error { reason } => format!("error: {reason}"),
        }
    }
}

/// Error codes meaning the service is not enabled or not subscribed in the account.
const NOT_ENABLED_CODES: &[&str] = &[
    "OptInRequired",
    "SubscriptionRequiredException",
    "NotSubscribed",
    "NotSubscribedException",
    "ServiceNotEnabledException",
    "AWSOrganizationsNotInUseException",
    // Security Hub's answer in an account not subscribed to it.
    "InvalidAccessException",
];

/// Error codes AWS answers in a region the account has not opted in to: the region's
/// STS and services do not know the credentials.
const REGION_NOT_ENABLED_CODES: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "AuthFailure",
];

/// The verdict of a failed probe, from AWS's error code. `opt_in_region` tells whether
/// the region is an opt-in one (only there do unknown credentials mean "not enabled").
pub fn classify(err: &ApiError, action: &str, opt_in_region: bool) -> Verdict {
    let code = err.code.as_str();
    let reason = err.to_string();
    if super::ErrorKind::of_code(code) == super::ErrorKind::AccessDenied {
        return Verdict::Denied {
            action: action.to_string(),
        };
    }
    if NOT_ENABLED_CODES.contains(&code) {
        return Verdict::ServiceNotEnabled { reason };
    }
    if REGION_NOT_ENABLED_CODES.contains(&code) && opt_in_region {
        return Verdict::RegionNotEnabled { reason };
    }
    Verdict::Error { reason }
}

/// One probe: a collector's operation, called with a small page and no other input.
pub struct Probe {
    pub collector: &'static str,
    /// `<api service>:<Operation>`, as in the manifest.
    pub call: &'static str,
    /// For REST services: the operation's path (a `GET`).
    pub rest_path: Option<&'static str>,
    pub service: Service,
    /// The smallest page the operation accepts, when it has a page size.
    pub input: fn() -> Value,
}

const fn json(
    signing: &'static str,
    endpoint: &'static str,
    version: &'static str,
    target_prefix: &'static str,
) -> Service {
    Service {
        signing_name: signing,
        endpoint_prefix: endpoint,
        protocol: Protocol::Json {
            version,
            target_prefix,
        },
        global: None,
    }
}

const fn query(name: &'static str, version: &'static str) -> Service {
    Service {
        signing_name: name,
        endpoint_prefix: name,
        protocol: Protocol::Query { version },
        global: None,
    }
}

const fn rest(signing: &'static str, endpoint: &'static str, protocol: Protocol) -> Service {
    Service {
        signing_name: signing,
        endpoint_prefix: endpoint,
        protocol,
        global: None,
    }
}

/// A service with one endpoint for every region, signed for us-east-1.
const fn global(service: Service, host: &'static str) -> Service {
    Service {
        global: Some((host, "us-east-1")),
        ..service
    }
}

const EC2: Service = Service {
    signing_name: "ec2",
    endpoint_prefix: "ec2",
    protocol: Protocol::Ec2 {
        version: "2016-11-15",
    },
    global: None,
};

/// The probes, one per collector covered. A collector whose every operation needs input
/// (wafv2's need a scope, glacier's an account) or whose "not enabled" answer is an
/// AccessDenied (Macie) has none: `accounts verify` names it "not checked".
pub const PROBES: &[Probe] = &[
    Probe {
        collector: "iam",
        call: "iam:GetAccountSummary",
        rest_path: None,
        service: global(query("iam", "2010-05-08"), "iam.amazonaws.com"),
        input: || json!({}),
    },
    Probe {
        collector: "ec2",
        call: "ec2:DescribeSecurityGroups",
        rest_path: None,
        service: EC2,
        input: || json!({"MaxResults": 5}),
    },
    Probe {
        collector: "kms",
        call: "kms:ListKeys",
        rest_path: None,
        service: json("kms", "kms", "1.1", "TrentService"),
        input: || json!({"Limit": 1}),
    },
    Probe {
        collector: "cloudtrail",
        call: "cloudtrail:DescribeTrails",
        rest_path: None,
        service: json(
            "cloudtrail",
            "cloudtrail",
            "1.1",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
        ),
        input: || json!({}),
    },
    Probe {
        collector: "cloudtrail_activity",
        call: "cloudtrail:LookupEvents",
        rest_path: None,
        service: json(
            "cloudtrail",
            "cloudtrail",
            "1.1",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
        ),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "logs",
        call: "logs:DescribeLogGroups",
        rest_path: None,
        service: json("logs", "logs", "1.1", "Logs_20140328"),
        input: || json!({"limit": 1}),
    },
    Probe {
        collector: "cloudwatch",
        call: "monitoring:DescribeAlarms",
        rest_path: None,
        service: query("monitoring", "2010-08-01"),
        input: || json!({"MaxRecords": 1}),
    },
    Probe {
        collector: "sns",
        call: "sns:ListTopics",
        rest_path: None,
        service: query("sns", "2010-03-31"),
        input: || json!({}),
    },
    Probe {
        collector: "sqs",
        call: "sqs:ListQueues",
        rest_path: None,
        service: json("sqs", "sqs", "1.0", "AmazonSQS"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "rds",
        call: "rds:DescribeDBInstances",
        rest_path: None,
        service: query("rds", "2014-10-31"),
        input: || json!({"MaxRecords": 20}),
    },
    Probe {
        collector: "dynamodb",
        call: "dynamodb:ListTables",
        rest_path: None,
        service: json("dynamodb", "dynamodb", "1.0", "DynamoDB_20120810"),
        input: || json!({"Limit": 1}),
    },
    Probe {
        collector: "secretsmanager",
        call: "secretsmanager:ListSecrets",
        rest_path: None,
        service: json("secretsmanager", "secretsmanager", "1.1", "secretsmanager"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "config",
        call: "config:DescribeConfigurationRecorders",
        rest_path: None,
        service: json("config", "config", "1.1", "StarlingDoveService"),
        input: || json!({}),
    },
    Probe {
        collector: "clientvpn",
        call: "ec2:DescribeClientVpnEndpoints",
        rest_path: None,
        service: EC2,
        input: || json!({"MaxResults": 5}),
    },
    Probe {
        collector: "elb",
        call: "elasticloadbalancing:DescribeLoadBalancers",
        rest_path: None,
        service: query("elasticloadbalancing", "2012-06-01"),
        input: || json!({"PageSize": 1}),
    },
    Probe {
        collector: "elbv2",
        call: "elasticloadbalancing:DescribeLoadBalancers",
        rest_path: None,
        service: query("elasticloadbalancing", "2015-12-01"),
        input: || json!({"PageSize": 1}),
    },
    Probe {
        collector: "networkfirewall",
        call: "network-firewall:ListFirewalls",
        rest_path: None,
        service: json(
            "network-firewall",
            "network-firewall",
            "1.0",
            "NetworkFirewall_20201112",
        ),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "waf",
        call: "waf:ListWebACLs",
        rest_path: None,
        service: global(
            json("waf", "waf", "1.1", "AWSWAF_20150824"),
            "waf.amazonaws.com",
        ),
        input: || json!({"Limit": 1}),
    },
    Probe {
        collector: "wafregional",
        call: "waf-regional:ListWebACLs",
        rest_path: None,
        service: json(
            "waf-regional",
            "waf-regional",
            "1.1",
            "AWSWAF_Regional_20161128",
        ),
        input: || json!({"Limit": 1}),
    },
    Probe {
        collector: "ecs",
        call: "ecs:ListClusters",
        rest_path: None,
        service: json("ecs", "ecs", "1.1", "AmazonEC2ContainerServiceV20141113"),
        input: || json!({"maxResults": 1}),
    },
    Probe {
        collector: "codebuild",
        call: "codebuild:ListProjects",
        rest_path: None,
        service: json("codebuild", "codebuild", "1.1", "CodeBuild_20161006"),
        input: || json!({}),
    },
    Probe {
        collector: "sagemaker",
        call: "sagemaker:ListNotebookInstances",
        rest_path: None,
        service: json("sagemaker", "api.sagemaker", "1.1", "SageMaker"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "ecr",
        call: "ecr:DescribeRepositories",
        rest_path: None,
        service: json(
            "ecr",
            "api.ecr",
            "1.1",
            "AmazonEC2ContainerRegistry_V20150921",
        ),
        input: || json!({"maxResults": 1}),
    },
    Probe {
        collector: "glue",
        call: "glue:GetJobs",
        rest_path: None,
        service: json("glue", "glue", "1.1", "AWSGlue"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "kinesis",
        call: "kinesis:ListStreams",
        rest_path: None,
        service: json("kinesis", "kinesis", "1.1", "Kinesis_20131202"),
        input: || json!({"Limit": 1}),
    },
    Probe {
        collector: "emr",
        call: "elasticmapreduce:ListClusters",
        rest_path: None,
        service: json(
            "elasticmapreduce",
            "elasticmapreduce",
            "1.1",
            "ElasticMapReduce",
        ),
        input: || json!({}),
    },
    Probe {
        collector: "elasticbeanstalk",
        call: "elasticbeanstalk:DescribeEnvironments",
        rest_path: None,
        service: query("elasticbeanstalk", "2010-12-01"),
        input: || json!({"MaxRecords": 1}),
    },
    Probe {
        collector: "transfer",
        call: "transfer:ListServers",
        rest_path: None,
        service: json("transfer", "transfer", "1.1", "TransferService"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "athena",
        call: "athena:ListWorkGroups",
        rest_path: None,
        service: json("athena", "athena", "1.1", "AmazonAthena"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "ssm",
        call: "ssm:ListDocuments",
        rest_path: None,
        service: json("ssm", "ssm", "1.1", "AmazonSSM"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "stepfunctions",
        call: "states:ListStateMachines",
        rest_path: None,
        service: json("states", "states", "1.0", "AWSStepFunctions"),
        input: || json!({"maxResults": 1}),
    },
    Probe {
        collector: "eventbridge",
        call: "events:ListEventBuses",
        rest_path: None,
        service: json("events", "events", "1.1", "AWSEvents"),
        input: || json!({"Limit": 1}),
    },
    Probe {
        collector: "autoscaling",
        call: "autoscaling:DescribeAutoScalingGroups",
        rest_path: None,
        service: query("autoscaling", "2011-01-01"),
        input: || json!({"MaxRecords": 1}),
    },
    Probe {
        collector: "datasync",
        call: "datasync:ListTasks",
        rest_path: None,
        service: json("datasync", "datasync", "1.1", "FmrsService"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "redshift",
        call: "redshift:DescribeClusters",
        rest_path: None,
        service: query("redshift", "2012-12-01"),
        input: || json!({"MaxRecords": 20}),
    },
    Probe {
        collector: "elasticache",
        call: "elasticache:DescribeCacheClusters",
        rest_path: None,
        service: query("elasticache", "2015-02-02"),
        input: || json!({"MaxRecords": 20}),
    },
    Probe {
        collector: "dms",
        call: "dms:DescribeReplicationInstances",
        rest_path: None,
        service: json("dms", "dms", "1.1", "AmazonDMSv20160101"),
        input: || json!({"MaxRecords": 20}),
    },
    Probe {
        collector: "acm",
        call: "acm:ListCertificates",
        rest_path: None,
        service: json("acm", "acm", "1.1", "CertificateManager"),
        input: || json!({"MaxItems": 1}),
    },
    Probe {
        collector: "organizations",
        call: "organizations:DescribeOrganization",
        rest_path: None,
        service: global(
            json(
                "organizations",
                "organizations",
                "1.1",
                "AWSOrganizationsV20161128",
            ),
            "organizations.us-east-1.amazonaws.com",
        ),
        input: || json!({}),
    },
    Probe {
        collector: "servicecatalog",
        call: "servicecatalog:ListPortfolios",
        rest_path: None,
        service: json(
            "servicecatalog",
            "servicecatalog",
            "1.1",
            "AWS242ServiceCatalogService",
        ),
        input: || json!({"PageSize": 1}),
    },
    Probe {
        collector: "fsx",
        call: "fsx:DescribeFileSystems",
        rest_path: None,
        service: json("fsx", "fsx", "1.1", "AWSSimbaAPIService_v20180301"),
        input: || json!({"MaxResults": 1}),
    },
    Probe {
        collector: "s3",
        call: "s3:ListBuckets",
        rest_path: Some("/"),
        service: rest("s3", "s3", Protocol::RestXml),
        input: || json!({}),
    },
    Probe {
        collector: "efs",
        call: "elasticfilesystem:DescribeFileSystems",
        rest_path: Some("/2015-02-01/file-systems"),
        service: rest("elasticfilesystem", "elasticfilesystem", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "accessanalyzer",
        call: "access-analyzer:ListAnalyzers",
        rest_path: Some("/analyzer"),
        service: rest("access-analyzer", "access-analyzer", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "securityhub",
        call: "securityhub:DescribeHub",
        rest_path: Some("/accounts"),
        service: rest("securityhub", "securityhub", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "cloudfront",
        call: "cloudfront:ListDistributions",
        rest_path: Some("/2020-05-31/distribution"),
        service: global(
            rest("cloudfront", "cloudfront", Protocol::RestXml),
            "cloudfront.amazonaws.com",
        ),
        input: || json!({}),
    },
    Probe {
        collector: "route53",
        call: "route53:ListHostedZones",
        rest_path: Some("/2013-04-01/hostedzone"),
        service: global(
            rest("route53", "route53", Protocol::RestXml),
            "route53.amazonaws.com",
        ),
        input: || json!({}),
    },
    Probe {
        collector: "apigateway",
        call: "apigateway:GetRestApis",
        rest_path: Some("/restapis"),
        service: rest("apigateway", "apigateway", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "apigatewayv2",
        call: "apigateway:GetApis",
        rest_path: Some("/v2/apis"),
        service: rest("apigateway", "apigateway", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "appsync",
        call: "appsync:ListGraphqlApis",
        rest_path: Some("/v1/apis"),
        service: rest("appsync", "appsync", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "awslambda",
        call: "lambda:ListFunctions",
        rest_path: Some("/2015-03-31/functions/"),
        service: rest("lambda", "lambda", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "eks",
        call: "eks:ListClusters",
        rest_path: Some("/clusters"),
        service: rest("eks", "eks", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "bedrock",
        call: "bedrock:GetModelInvocationLoggingConfiguration",
        rest_path: Some("/logging/modelinvocations"),
        service: rest("bedrock", "bedrock", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "kafka",
        call: "kafka:ListClustersV2",
        rest_path: Some("/api/v2/clusters"),
        service: rest("kafka", "kafka", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "mq",
        call: "mq:ListBrokers",
        rest_path: Some("/v1/brokers"),
        service: rest("mq", "mq", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "opensearch",
        call: "es:ListDomainNames",
        rest_path: Some("/2021-01-01/domain"),
        service: rest("es", "es", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "guardduty",
        call: "guardduty:ListDetectors",
        rest_path: Some("/detector"),
        service: rest("guardduty", "guardduty", Protocol::RestJson),
        input: || json!({}),
    },
    Probe {
        collector: "backup",
        call: "backup:ListBackupVaults",
        rest_path: Some("/backup-vaults/"),
        service: rest("backup", "backup", Protocol::RestJson),
        input: || json!({}),
    },
];

/// The probe of a collector, if it has one.
pub fn probe_for(collector: &str) -> Option<&'static Probe> {
    PROBES.iter().find(|p| p.collector == collector)
}

/// The IAM action the manifest names for a collector's call.
pub fn action_of(collector: &str, call: &str) -> Option<&'static str> {
    manifest()
        .resource_types
        .iter()
        .filter(|t| t.collector == collector)
        .flat_map(|t| &t.operations)
        .find(|o| o.call == call)
        .map(|o| o.action.as_str())
}

impl Probe {
    /// Makes the call once in `region` and says what its answer means.
    pub async fn run(
        &'static self,
        clients: &Clients,
        region: &str,
        opt_in_region: bool,
    ) -> Verdict {
        let operation = self.call.split_once(':').map_or(self.call, |(_, op)| op);
        let action = action_of(self.collector, self.call).unwrap_or(self.call);
        if self.call == S3_LIST_BUCKETS {
            return match list_one_bucket(clients, region).await {
                Ok(()) => Verdict::Ok,
                Err(e) => classify(&e, action, opt_in_region),
            };
        }
        let api = clients.api(&self.service, region);
        let answer = match self.rest_path {
            Some(path) => api.rest(operation, Method::GET, path, &[], None).await,
            None => api.call(operation, &(self.input)()).await,
        };
        match answer {
            Ok(_) => Verdict::Ok,
            Err(e) => classify(&e, action, opt_in_region),
        }
    }
}

/// S3's probe goes through its SDK client: `aws::api` does not sign S3's requests (S3
/// wants its own payload header), and the collector reads S3 through the SDK too.
const S3_LIST_BUCKETS: &str = "s3:ListBuckets";

async fn list_one_bucket(clients: &Clients, region: &str) -> Result<(), ApiError> {
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;
    match clients
        .s3(region)
        .list_buckets()
        .max_buckets(1)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(e) => Err(ApiError {
            operation: "ListBuckets".into(),
            code: e.code().unwrap_or_default().to_string(),
            message: e
                .message()
                .map_or_else(|| super::describe(&e), str::to_string),
            status: e.raw_response().map_or(0, |r| r.status().as_u16()),
        }),
    }
}

/// The account and principal ARN the configuration's credentials reach.
pub async fn caller_identity(config: &aws_config::SdkConfig) -> anyhow::Result<(String, String)> {
    let out = aws_sdk_sts::Client::new(config)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("STS GetCallerIdentity: {}", super::describe(&e)))?;
    match (out.account, out.arn) {
        (Some(account), Some(arn)) => Ok((account, arn)),
        _ => anyhow::bail!("STS GetCallerIdentity answered without an account or ARN"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str) -> ApiError {
        ApiError {
            operation: "ListKeys".into(),
            code: code.into(),
            message: "no".into(),
            status: 400,
        }
    }

    #[test]
    fn denials_name_the_manifest_action() {
        for code in [
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
        ] {
            assert_eq!(
                classify(&error(code), "kms:ListKeys", false),
                Verdict::Denied {
                    action: "kms:ListKeys".into()
                },
                "{code}"
            );
        }
        assert!(classify(&error("AccessDenied"), "kms:ListKeys", false).fails());
    }

    #[test]
    fn services_not_enabled_do_not_fail() {
        for code in ["OptInRequired", "SubscriptionRequiredException"] {
            let v = classify(&error(code), "a:B", false);
            assert!(
                matches!(v, Verdict::ServiceNotEnabled { .. }),
                "{code}: {v:?}"
            );
            assert!(!v.fails());
        }
    }

    #[test]
    fn unknown_credentials_mean_a_region_not_enabled_only_in_opt_in_regions() {
        let v = classify(&error("UnrecognizedClientException"), "a:B", true);
        assert!(matches!(v, Verdict::RegionNotEnabled { .. }), "{v:?}");
        assert!(!v.fails());
        let v = classify(&error("InvalidClientTokenId"), "a:B", false);
        assert!(matches!(v, Verdict::Error { .. }), "{v:?}");
        assert!(v.fails());
    }

    #[test]
    fn other_errors_keep_one_line_naming_the_call() {
        let mut e = error("InternalFailure");
        e.message = "first\nsecond".into();
        let Verdict::Error { reason } = classify(&e, "a:B", false) else {
            panic!("not an error")
        };
        assert!(
            reason.starts_with("ListKeys: HTTP 400 InternalFailure"),
            "{reason}"
        );
        assert!(!reason.contains('\n'), "{reason}");
    }

    #[test]
    fn every_probe_is_an_operation_of_its_collector_in_the_manifest() {
        for p in PROBES {
            assert!(
                action_of(p.collector, p.call).is_some(),
                "{} is not an operation of collector {}",
                p.call,
                p.collector
            );
        }
        let names: std::collections::HashSet<_> = PROBES.iter().map(|p| p.collector).collect();
        assert_eq!(names.len(), PROBES.len(), "one probe per collector");
    }
}
