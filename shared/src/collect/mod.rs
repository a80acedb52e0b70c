//! Collectors: one module per AWS service, turning API answers into `Resource` documents
//! shaped as `docs/resources.md` describes. The collector table and the CloudTrail event
//! handling (`events`, `event_intake`) build without the `aws` feature, for the fuzz
//! targets; the collectors themselves need it.

pub mod call_plan;
pub mod event_intake;
pub mod events;
pub mod redact;

/// Items that need the AWS SDK.
macro_rules! with_aws {
    ($($item:item)*) => { $( #[cfg(feature = "aws")] $item )* };
}

with_aws! {
    mod accessanalyzer;
    mod acm;
    mod api_support;
    mod apigateway;
    mod apigatewayv2;
    mod appsync;
    mod athena;
    mod autoscaling;
    mod awslambda;
    mod backup;
    mod backup_protection;
    mod bedrock;
    mod cloudfront;
    mod cloudtrail;
    mod cloudtrail_activity;
    mod cloudwatch;
    mod codebuild;
    mod config;
    mod datasync;
    mod dms;
    mod dynamodb;
    mod ec2;
    mod ecr;
    mod ecs;
    mod efs;
    mod eks;
    mod elasticache;
    mod elasticbeanstalk;
    mod elb;
    mod elbv2;
    mod emr;
    mod eventbridge;
    mod fsx;
    mod glacier;
    mod glue;
    mod guardduty;
    mod iam;
    mod iam_last_accessed;
    mod kafka;
    mod kinesis;
    mod kms;
    mod logs;
    mod macie;
    mod mq;
    mod networkfirewall;
    mod opensearch;
    mod organizations;
    mod rds;
    mod redshift;
    #[cfg(test)]
    mod replay;
    #[cfg(test)]
    mod replay_tests;
    mod route53;
    mod s3;
    mod sagemaker;
    // The installation reads its ExternalId key through the same service description.
    pub(crate) mod secretsmanager;
    mod securityhub;
    mod servicecatalog;
    mod shield;
    mod sns;
    mod sqs;
    mod ssm;
    mod stepfunctions;
    mod support;
    mod transfer;
    mod waf;
    mod wafv2;

    use crate::aws::Clients;
    use crate::model::Resource;
    use chrono::{DateTime, Utc};
    use serde_json::Value;
    use std::collections::BTreeMap;

    pub use support::{ts, Errors};
    pub use ec2::EC2;
    // The organization scan of the CLI lists the accounts through the same description.
    pub use organizations::ORGANIZATIONS;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Planned once per account (IAM, S3 bucket list, account settings).
    Global,
    /// Planned once per account and enabled region.
    Regional,
}

#[derive(Debug, Clone, Copy)]
pub struct CollectorSpec {
    pub name: &'static str,
    pub scope: Scope,
    pub resource_types: &'static [&'static str],
}

/// Every collector, in the order tasks are planned (slow global ones first).
pub const COLLECTORS: &[CollectorSpec] = &[
    CollectorSpec {
        name: "iam",
        scope: Scope::Global,
        resource_types: &[
            "Parapet::Account::Settings",
            "AWS::IAM::User",
            "AWS::IAM::Role",
            "AWS::IAM::Group",
            "AWS::IAM::Policy",
            "AWS::IAM::ServerCertificate",
            "Parapet::IAM::InlinePolicy",
        ],
    },
    CollectorSpec {
        name: "s3",
        scope: Scope::Global,
        resource_types: &[
            "AWS::S3::Bucket",
            "Parapet::S3::AccountSettings",
            "AWS::S3::AccessPoint",
        ],
    },
    CollectorSpec {
        name: "cloudtrail",
        scope: Scope::Global,
        resource_types: &[
            "AWS::CloudTrail::Trail",
            "Parapet::CloudTrail::AccountSettings",
        ],
    },
    CollectorSpec {
        name: "ec2",
        scope: Scope::Regional,
        resource_types: &[
            "AWS::EC2::SecurityGroup",
            "AWS::EC2::NetworkAcl",
            "AWS::EC2::Volume",
            "AWS::EC2::Snapshot",
            "AWS::EC2::Instance",
            "AWS::EC2::VPC",
            "AWS::EC2::RouteTable",
            "AWS::EC2::Subnet",
            "AWS::EC2::Image",
            "AWS::EC2::TransitGateway",
            "AWS::EC2::VPNConnection",
            "AWS::EC2::LaunchTemplate",
            "Parapet::EC2::RegionSettings",
        ],
    },
    CollectorSpec {
        name: "kms",
        scope: Scope::Regional,
        resource_types: &["AWS::KMS::Key"],
    },
    CollectorSpec {
        name: "rds",
        scope: Scope::Regional,
        resource_types: &[
            "AWS::RDS::DBInstance",
            "AWS::RDS::DBCluster",
            "AWS::RDS::DBSnapshot",
            "AWS::RDS::DBClusterSnapshot",
            "AWS::Neptune::DBCluster",
            "AWS::Neptune::DBClusterSnapshot",
            "AWS::DocDB::DBCluster",
            "AWS::DocDB::DBClusterSnapshot",
            "Parapet::RDS::RegionSettings",
        ],
    },
    CollectorSpec {
        name: "efs",
        scope: Scope::Regional,
        resource_types: &["AWS::EFS::FileSystem", "AWS::EFS::AccessPoint"],
    },
    CollectorSpec {
        name: "logs",
        scope: Scope::Regional,
        resource_types: &["AWS::Logs::LogGroup"],
    },
    CollectorSpec {
        name: "cloudwatch",
        scope: Scope::Regional,
        resource_types: &["AWS::CloudWatch::Alarm"],
    },
    CollectorSpec {
        name: "sns",
        scope: Scope::Regional,
        resource_types: &["AWS::SNS::Topic"],
    },
    CollectorSpec {
        name: "sqs",
        scope: Scope::Regional,
        resource_types: &["AWS::SQS::Queue"],
    },
    CollectorSpec {
        name: "glacier",
        scope: Scope::Regional,
        resource_types: &["AWS::Glacier::Vault"],
    },
    CollectorSpec {
        name: "config",
        scope: Scope::Regional,
        resource_types: &["Parapet::Config::RegionSettings"],
    },
    CollectorSpec {
        name: "accessanalyzer",
        scope: Scope::Regional,
        resource_types: &["Parapet::AccessAnalyzer::RegionSettings"],
    },
    CollectorSpec {
        name: "securityhub",
        scope: Scope::Regional,
        resource_types: &["Parapet::SecurityHub::RegionSettings"],
    },
    CollectorSpec {
        name: "macie",
        scope: Scope::Regional,
        resource_types: &["Parapet::Macie::RegionSettings"],
    },
    CollectorSpec {
        name: "clientvpn",
        scope: Scope::Regional,
        resource_types: &["AWS::EC2::ClientVpnEndpoint"],
    },
    CollectorSpec {
        name: "cloudfront",
        scope: Scope::Global,
        resource_types: &["AWS::CloudFront::Distribution"],
    },
    CollectorSpec {
        name: "elb",
        scope: Scope::Regional,
        resource_types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
    },
    CollectorSpec {
        name: "elbv2",
        scope: Scope::Regional,
        resource_types: &["AWS::ElasticLoadBalancingV2::LoadBalancer"],
    },
    CollectorSpec {
        name: "networkfirewall",
        scope: Scope::Regional,
        resource_types: &["AWS::NetworkFirewall::Firewall"],
    },
    CollectorSpec {
        name: "route53",
        scope: Scope::Global,
        resource_types: &["AWS::Route53::HostedZone"],
    },
    CollectorSpec {
        name: "waf",
        scope: Scope::Global,
        resource_types: &["AWS::WAF::WebACL", "AWS::WAF::Rule", "AWS::WAF::RuleGroup"],
    },
    CollectorSpec {
        name: "wafregional",
        scope: Scope::Regional,
        resource_types: &[
            "AWS::WAFRegional::WebACL",
            "AWS::WAFRegional::Rule",
            "AWS::WAFRegional::RuleGroup",
        ],
    },
    CollectorSpec {
        name: "wafv2",
        scope: Scope::Regional,
        resource_types: &["AWS::WAFv2::WebACL"],
    },
    CollectorSpec {
        name: "apigateway",
        scope: Scope::Regional,
        resource_types: &["AWS::ApiGateway::Stage", "AWS::ApiGateway::DomainName"],
    },
    CollectorSpec {
        name: "apigatewayv2",
        scope: Scope::Regional,
        resource_types: &["AWS::ApiGatewayV2::Stage"],
    },
    CollectorSpec {
        name: "appsync",
        scope: Scope::Regional,
        resource_types: &["AWS::AppSync::GraphQLApi"],
    },
    CollectorSpec {
        name: "awslambda",
        scope: Scope::Regional,
        resource_types: &["AWS::Lambda::Function"],
    },
    CollectorSpec {
        name: "ecs",
        scope: Scope::Regional,
        resource_types: &["AWS::ECS::Service", "AWS::ECS::TaskDefinition"],
    },
    CollectorSpec {
        name: "eks",
        scope: Scope::Regional,
        resource_types: &["AWS::EKS::Cluster"],
    },
    CollectorSpec {
        name: "codebuild",
        scope: Scope::Regional,
        resource_types: &["AWS::CodeBuild::Project"],
    },
    CollectorSpec {
        name: "sagemaker",
        scope: Scope::Regional,
        resource_types: &["AWS::SageMaker::NotebookInstance"],
    },
    CollectorSpec {
        name: "ecr",
        scope: Scope::Regional,
        resource_types: &["AWS::ECR::Repository"],
    },
    CollectorSpec {
        name: "glue",
        scope: Scope::Regional,
        resource_types: &["AWS::Glue::Job"],
    },
    CollectorSpec {
        name: "bedrock",
        scope: Scope::Regional,
        resource_types: &["Parapet::Bedrock::RegionSettings"],
    },
    CollectorSpec {
        name: "kinesis",
        scope: Scope::Regional,
        resource_types: &["AWS::Kinesis::Stream"],
    },
    CollectorSpec {
        name: "kafka",
        scope: Scope::Regional,
        resource_types: &["AWS::MSK::Cluster", "AWS::KafkaConnect::Connector"],
    },
    CollectorSpec {
        name: "emr",
        scope: Scope::Regional,
        resource_types: &["AWS::EMR::Cluster", "Parapet::EMR::RegionSettings"],
    },
    CollectorSpec {
        name: "elasticbeanstalk",
        scope: Scope::Regional,
        resource_types: &["AWS::ElasticBeanstalk::Environment"],
    },
    CollectorSpec {
        name: "transfer",
        scope: Scope::Regional,
        resource_types: &["AWS::Transfer::Server"],
    },
    CollectorSpec {
        name: "athena",
        scope: Scope::Regional,
        resource_types: &["AWS::Athena::WorkGroup"],
    },
    CollectorSpec {
        name: "ssm",
        scope: Scope::Regional,
        resource_types: &["AWS::SSM::Document", "Parapet::SSM::PatchCompliance"],
    },
    CollectorSpec {
        name: "stepfunctions",
        scope: Scope::Regional,
        resource_types: &["AWS::StepFunctions::StateMachine"],
    },
    CollectorSpec {
        name: "eventbridge",
        scope: Scope::Regional,
        resource_types: &["AWS::EventSchemas::Registry", "AWS::Events::EventBus"],
    },
    CollectorSpec {
        name: "autoscaling",
        scope: Scope::Regional,
        resource_types: &["AWS::AutoScaling::AutoScalingGroup"],
    },
    CollectorSpec {
        name: "datasync",
        scope: Scope::Regional,
        resource_types: &["AWS::DataSync::Task"],
    },
    CollectorSpec {
        name: "mq",
        scope: Scope::Regional,
        resource_types: &["AWS::AmazonMQ::Broker"],
    },
    CollectorSpec {
        name: "redshift",
        scope: Scope::Regional,
        resource_types: &["AWS::Redshift::Cluster"],
    },
    CollectorSpec {
        name: "opensearch",
        scope: Scope::Regional,
        resource_types: &["AWS::OpenSearchService::Domain"],
    },
    CollectorSpec {
        name: "elasticache",
        scope: Scope::Regional,
        resource_types: &[
            "AWS::ElastiCache::CacheCluster",
            "AWS::ElastiCache::ReplicationGroup",
        ],
    },
    CollectorSpec {
        name: "dms",
        scope: Scope::Regional,
        resource_types: &[
            "AWS::DMS::ReplicationInstance",
            "AWS::DMS::Endpoint",
            "AWS::DMS::ReplicationTask",
        ],
    },
    CollectorSpec {
        name: "backup",
        scope: Scope::Regional,
        resource_types: &[
            "AWS::Backup::BackupVault",
            "AWS::Backup::RecoveryPoint",
            "Parapet::Backup::RegionSettings",
        ],
    },
    CollectorSpec {
        name: "dynamodb",
        scope: Scope::Regional,
        resource_types: &["AWS::DynamoDB::Table", "AWS::DAX::Cluster"],
    },
    CollectorSpec {
        name: "secretsmanager",
        scope: Scope::Regional,
        resource_types: &["AWS::SecretsManager::Secret"],
    },
    CollectorSpec {
        name: "acm",
        scope: Scope::Regional,
        resource_types: &["AWS::CertificateManager::Certificate"],
    },
    CollectorSpec {
        name: "guardduty",
        scope: Scope::Regional,
        resource_types: &["Parapet::GuardDuty::RegionSettings"],
    },
    CollectorSpec {
        name: "organizations",
        scope: Scope::Global,
        resource_types: &["Parapet::Organizations::AccountSettings"],
    },
    CollectorSpec {
        name: "servicecatalog",
        scope: Scope::Regional,
        resource_types: &["AWS::ServiceCatalog::Portfolio"],
    },
    CollectorSpec {
        name: "fsx",
        scope: Scope::Regional,
        resource_types: &["AWS::FSx::FileSystem"],
    },
    CollectorSpec {
        name: "cloudtrail_activity",
        scope: Scope::Regional,
        resource_types: &["Parapet::CloudTrail::RegionActivity"],
    },
];

pub fn spec(name: &str) -> Option<&'static CollectorSpec> {
    COLLECTORS.iter().find(|c| c.name == name)
}

/// The collector that produces a resource type.
pub fn collector_of(resource_type: &str) -> Option<&'static CollectorSpec> {
    COLLECTORS
        .iter()
        .find(|c| c.resource_types.contains(&resource_type))
}

#[cfg(feature = "aws")]
/// What one collection task sees and where it writes.
pub struct Context<'a> {
    pub clients: &'a Clients,
    pub account_id: &'a str,
    /// The task's region, or `global`.
    pub region: &'a str,
    /// The account's enabled regions being scanned (global collectors read all of them).
    pub regions: &'a [String],
    /// The region used for global APIs.
    pub home_region: &'a str,
    pub scan_id: &'a str,
    pub now: DateTime<Utc>,
    /// A real-time rescan's resource ids; `None` collects everything.
    pub only: Option<&'a [String]>,
    /// A continuation's page token: collectors that read resources one by one resume
    /// after this id (see `read_in_order`).
    pub resume_after: Option<&'a str>,
    /// When collectors that read resources one by one stop and leave the rest to a
    /// continuation task (a Lambda's time is bounded); `None` runs to the end.
    pub stop_at: Option<std::time::Instant>,
    /// The attributes the scan's controls read (`call_plan`).
    pub plan: &'a call_plan::AttributePlan,
}

#[cfg(feature = "aws")]
impl Context<'_> {
    /// Whether a resource (by id or ARN) is wanted: always in a full scan, and in a
    /// rescan when the rescan names it. Lets a collector skip reads only some of its
    /// resources need.
    pub fn wants(&self, id: &str, arn: &str) -> bool {
        self.only
            .is_none_or(|ids| ids.iter().any(|x| x == id || x == arn))
    }

    /// Whether the account's (or region's) settings are to be read: always in a full
    /// scan, and in a rescan only when it names the account (the settings' events map
    /// to the account id). A rescan of one security group then skips them.
    pub fn reads_account_settings(&self) -> bool {
        self.only
            .is_none_or(|ids| ids.iter().any(|id| id == self.account_id))
    }

    /// Whether some control of the scan reads `attribute` of `resource_type`: a
    /// collector makes the call that reads it only then.
    pub fn needs(&self, resource_type: &str, attribute: &str) -> bool {
        self.plan.needs(resource_type, attribute)
    }

    /// Whether some control of the scan evaluates `resource_type` at all.
    pub fn needs_type(&self, resource_type: &str) -> bool {
        self.plan.needs_type(resource_type)
    }

    /// Removes from `attributes` those of `gated` (read by a call of their own) that
    /// the plan skipped: absent, not null, so nobody mistakes them for an empty answer.
    pub fn keep_planned(&self, resource_type: &str, attributes: &mut Value, gated: &[&str]) {
        if let Some(map) = attributes.as_object_mut() {
            for name in gated {
                if !self.needs(resource_type, name) {
                    map.remove(*name);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn resource(
        &self,
        arn: String,
        resource_type: &str,
        region: &str,
        name: String,
        tags: BTreeMap<String, String>,
        mut attributes: Value,
    ) -> Resource {
        // Every collector builds its resources here: secret values go before anything
        // stores, evaluates or exports them.
        redact::redact(resource_type, &mut attributes);
        Resource {
            arn,
            resource_type: resource_type.to_string(),
            account_id: self.account_id.to_string(),
            region: region.to_string(),
            name,
            tags,
            attributes,
            collected_at: self.now,
            scan_id: self.scan_id.to_string(),
        }
    }

    /// A settings resource of this task's region: one per account and region, named by
    /// the account, at `arn:aws:<service>:<region>:<account>:<suffix>`.
    pub fn region_settings(
        &self,
        resource_type: &str,
        service: &str,
        suffix: &str,
        attributes: Value,
    ) -> Resource {
        let arn = format!(
            "arn:aws:{service}:{}:{}:{suffix}",
            self.region, self.account_id
        );
        self.resource(
            arn,
            resource_type,
            self.region,
            self.account_id.to_string(),
            BTreeMap::new(),
            attributes,
        )
    }

    pub async fn permit(&self, service: &str, region: &str) -> tokio::sync::OwnedSemaphorePermit {
        self.clients.limiter.acquire(service, region).await
    }

    /// Reads `items` in the order of their ids, `concurrency` at a time, skipping those a
    /// previous part of this task already read (ids up to `resume_after`). Once
    /// `stop_at` has passed it stops, keeping what it read (always at least one item, so
    /// a chain of continuations always advances) and recording in `out` the id to resume
    /// after.
    pub async fn read_in_order<T, R, Fut>(
        &self,
        mut items: Vec<T>,
        id: impl Fn(&T) -> String,
        concurrency: usize,
        read: impl FnMut(T) -> Fut,
        out: &mut Collected,
    ) -> Vec<R>
    where
        Fut: std::future::Future<Output = R>,
    {
        use futures::StreamExt;
        items.sort_by_key(|item| id(item));
        if let Some(after) = self.resume_after {
            items.retain(|item| id(item).as_str() > after);
        }
        let ids: Vec<String> = items.iter().map(&id).collect();
        let mut reads = std::pin::pin!(futures::stream::iter(items)
            .map(read)
            .buffered(concurrency.max(1)));
        let mut done = Vec::new();
        while let Some(r) = reads.next().await {
            done.push(r);
            let out_of_time = self.stop_at.is_some_and(|t| std::time::Instant::now() >= t);
            if out_of_time && done.len() < ids.len() {
                out.continue_after = Some(ids[done.len() - 1].clone());
                break;
            }
        }
        done
    }
}

#[cfg(feature = "aws")]
/// A resource type a collector could not list at all: its controls report ERROR.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectFailure {
    pub resource_type: String,
    pub region: String,
    pub reason: String,
}

#[cfg(feature = "aws")]
#[derive(Debug, Default)]
pub struct Collected {
    pub resources: Vec<Resource>,
    pub failures: Vec<CollectFailure>,
    /// Set when the collector stopped at `Context::stop_at`: the id its continuation
    /// resumes after.
    pub continue_after: Option<String>,
}

#[cfg(feature = "aws")]
impl Collected {
    pub fn fail(&mut self, resource_type: &str, region: &str, reason: String) {
        // One line, whatever the endpoint answered (reasons are shown and stored).
        let reason = crate::aws::one_line(&reason, 2 * crate::aws::REASON_MAX_CHARS);
        tracing::warn!(resource_type, region, %reason, "collection failed");
        self.failures.push(CollectFailure {
            resource_type: resource_type.into(),
            region: region.into(),
            reason,
        });
    }
}

#[cfg(feature = "aws")]
/// Runs the named collector.
pub async fn collect(name: &str, ctx: &Context<'_>) -> anyhow::Result<Collected> {
    let mut out = Collected::default();
    match name {
        "iam" => iam::collect(ctx, &mut out).await,
        "s3" => s3::collect(ctx, &mut out).await,
        "cloudtrail" => cloudtrail::collect(ctx, &mut out).await,
        "ec2" => ec2::collect(ctx, &mut out).await,
        "kms" => kms::collect(ctx, &mut out).await,
        "rds" => rds::collect(ctx, &mut out).await,
        "efs" => efs::collect(ctx, &mut out).await,
        "logs" => logs::collect(ctx, &mut out).await,
        "cloudwatch" => cloudwatch::collect(ctx, &mut out).await,
        "sns" => sns::collect(ctx, &mut out).await,
        "sqs" => sqs::collect(ctx, &mut out).await,
        "glacier" => glacier::collect(ctx, &mut out).await,
        "config" => config::collect(ctx, &mut out).await,
        "accessanalyzer" => accessanalyzer::collect(ctx, &mut out).await,
        "securityhub" => securityhub::collect(ctx, &mut out).await,
        "macie" => macie::collect(ctx, &mut out).await,
        "redshift" => redshift::collect(ctx, &mut out).await,
        "opensearch" => opensearch::collect(ctx, &mut out).await,
        "elasticache" => elasticache::collect(ctx, &mut out).await,
        "dms" => dms::collect(ctx, &mut out).await,
        "backup" => backup::collect(ctx, &mut out).await,
        "dynamodb" => dynamodb::collect(ctx, &mut out).await,
        "secretsmanager" => secretsmanager::collect(ctx, &mut out).await,
        "acm" => acm::collect(ctx, &mut out).await,
        "guardduty" => guardduty::collect(ctx, &mut out).await,
        "organizations" => organizations::collect(ctx, &mut out).await,
        "servicecatalog" => servicecatalog::collect(ctx, &mut out).await,
        "fsx" => fsx::collect(ctx, &mut out).await,
        "cloudtrail_activity" => cloudtrail_activity::collect(ctx, &mut out).await,
        "apigateway" => apigateway::collect(ctx, &mut out).await,
        "apigatewayv2" => apigatewayv2::collect(ctx, &mut out).await,
        "appsync" => appsync::collect(ctx, &mut out).await,
        "awslambda" => awslambda::collect(ctx, &mut out).await,
        "ecs" => ecs::collect(ctx, &mut out).await,
        "eks" => eks::collect(ctx, &mut out).await,
        "codebuild" => codebuild::collect(ctx, &mut out).await,
        "sagemaker" => sagemaker::collect(ctx, &mut out).await,
        "ecr" => ecr::collect(ctx, &mut out).await,
        "glue" => glue::collect(ctx, &mut out).await,
        "bedrock" => bedrock::collect(ctx, &mut out).await,
        "kinesis" => kinesis::collect(ctx, &mut out).await,
        "kafka" => kafka::collect(ctx, &mut out).await,
        "emr" => emr::collect(ctx, &mut out).await,
        "elasticbeanstalk" => elasticbeanstalk::collect(ctx, &mut out).await,
        "transfer" => transfer::collect(ctx, &mut out).await,
        "athena" => athena::collect(ctx, &mut out).await,
        "ssm" => ssm::collect(ctx, &mut out).await,
        "stepfunctions" => stepfunctions::collect(ctx, &mut out).await,
        "eventbridge" => eventbridge::collect(ctx, &mut out).await,
        "autoscaling" => autoscaling::collect(ctx, &mut out).await,
        "datasync" => datasync::collect(ctx, &mut out).await,
        "mq" => mq::collect(ctx, &mut out).await,
        "clientvpn" => ec2::collect_client_vpn(ctx, &mut out).await,
        "cloudfront" => cloudfront::collect(ctx, &mut out).await,
        "elb" => elb::collect(ctx, &mut out).await,
        "elbv2" => elbv2::collect(ctx, &mut out).await,
        "networkfirewall" => networkfirewall::collect(ctx, &mut out).await,
        "route53" => route53::collect(ctx, &mut out).await,
        "waf" => waf::collect_global(ctx, &mut out).await,
        "wafregional" => waf::collect_regional(ctx, &mut out).await,
        "wafv2" => wafv2::collect(ctx, &mut out).await,
        other => anyhow::bail!("unknown collector {other:?}"),
    }
    Ok(out)
}
