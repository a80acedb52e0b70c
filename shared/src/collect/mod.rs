//! Collectors: one module per AWS service, turning API answers into `Resource` documents
//! shaped as `docs/resources.md` describes. The collector table and the CloudTrail event
//! handling (`events`, `event_intake`) build without the `aws` feature, for the fuzz
//! targets; the collectors themselves need it.

pub mod event_intake;
pub mod events;

/// Items that need the AWS SDK.
macro_rules! with_aws {
    ($($item:item)*) => { $( #[cfg(feature = "aws")] $item )* };
}

with_aws! {
    mod accessanalyzer;
    mod cloudtrail;
    mod cloudwatch;
    mod config;
    mod ec2;
    mod efs;
    mod iam;
    mod kms;
    mod logs;
    mod macie;
    mod rds;
    mod s3;
    mod securityhub;
    mod sns;
    mod support;

    use crate::aws::Clients;
    use crate::model::Resource;
    use chrono::{DateTime, Utc};
    use serde_json::Value;
    use std::collections::BTreeMap;

    pub use support::{ts, Errors};
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
}

#[cfg(feature = "aws")]
impl Context<'_> {
    #[allow(clippy::too_many_arguments)]
    pub fn resource(
        &self,
        arn: String,
        resource_type: &str,
        region: &str,
        name: String,
        tags: BTreeMap<String, String>,
        attributes: Value,
    ) -> Resource {
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
}

#[cfg(feature = "aws")]
impl Collected {
    pub fn fail(&mut self, resource_type: &str, region: &str, reason: String) {
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
        "config" => config::collect(ctx, &mut out).await,
        "accessanalyzer" => accessanalyzer::collect(ctx, &mut out).await,
        "securityhub" => securityhub::collect(ctx, &mut out).await,
        "macie" => macie::collect(ctx, &mut out).await,
        other => anyhow::bail!("unknown collector {other:?}"),
    }
    Ok(out)
}
