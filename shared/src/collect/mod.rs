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

// Modules that help collectors but are none themselves.
with_aws! {
    mod api_support;
    mod backup_protection;
    mod iam_last_accessed;
    #[cfg(test)]
    mod replay;
    #[cfg(test)]
    mod replay_tests;
    #[cfg(test)]
    mod replay_tests_control_plane;
    #[cfg(test)]
    mod replay_tests_data_services;
    mod shield;
    mod support;
}

/// Declares every collector once: its module, and for each collector the module runs,
/// the name the manifest (`shared/data/resource_types.json`) gives it and the function
/// that runs it. Generates the module declarations, `DECLARED_COLLECTORS` and the
/// dispatch of `collect`; a test holds the names equal to the manifest's collectors (a
/// JSON file cannot name Rust functions without code generation).
macro_rules! collectors {
    ($($vis:vis $module:ident { $($name:literal => $function:ident),+ $(,)? })*) => {
        $( #[cfg(feature = "aws")] $vis mod $module; )*

        /// The collectors this build can run, by name.
        pub const DECLARED_COLLECTORS: &[&str] = &[$($($name),+),*];

        #[cfg(feature = "aws")]
        /// Runs the named collector.
        pub async fn collect(name: &str, ctx: &Context<'_>) -> anyhow::Result<Collected> {
            let mut out = Collected::default();
            match name {
                $($($name => $module::$function(ctx, &mut out).await,)+)*
                other => anyhow::bail!("unknown collector {other:?}"),
            }
            Ok(out)
        }
    };
}

collectors! {
    accessanalyzer { "accessanalyzer" => collect }
    acm { "acm" => collect }
    apigateway { "apigateway" => collect }
    apigatewayv2 { "apigatewayv2" => collect }
    appsync { "appsync" => collect }
    athena { "athena" => collect }
    autoscaling { "autoscaling" => collect }
    awslambda { "awslambda" => collect }
    backup { "backup" => collect }
    bedrock { "bedrock" => collect }
    cloudfront { "cloudfront" => collect }
    cloudtrail { "cloudtrail" => collect }
    cloudtrail_activity { "cloudtrail_activity" => collect }
    cloudwatch { "cloudwatch" => collect }
    codebuild { "codebuild" => collect }
    config { "config" => collect }
    datasync { "datasync" => collect }
    dms { "dms" => collect }
    dynamodb { "dynamodb" => collect }
    ec2 { "ec2" => collect, "clientvpn" => collect_client_vpn }
    ecr { "ecr" => collect }
    ecs { "ecs" => collect }
    efs { "efs" => collect }
    eks { "eks" => collect }
    elasticache { "elasticache" => collect }
    elasticbeanstalk { "elasticbeanstalk" => collect }
    elb { "elb" => collect }
    elbv2 { "elbv2" => collect }
    emr { "emr" => collect }
    eventbridge { "eventbridge" => collect }
    fsx { "fsx" => collect }
    glacier { "glacier" => collect }
    glue { "glue" => collect }
    guardduty { "guardduty" => collect }
    iam { "iam" => collect }
    kafka { "kafka" => collect }
    kinesis { "kinesis" => collect }
    kms { "kms" => collect }
    logs { "logs" => collect }
    macie { "macie" => collect }
    mq { "mq" => collect }
    networkfirewall { "networkfirewall" => collect }
    opensearch { "opensearch" => collect }
    organizations { "organizations" => collect }
    rds { "rds" => collect }
    redshift { "redshift" => collect }
    route53 { "route53" => collect }
    s3 { "s3" => collect }
    sagemaker { "sagemaker" => collect }
    // The installation reads its ExternalId key through the same service description.
    pub(crate) secretsmanager { "secretsmanager" => collect }
    securityhub { "securityhub" => collect }
    servicecatalog { "servicecatalog" => collect }
    sns { "sns" => collect }
    sqs { "sqs" => collect }
    ssm { "ssm" => collect }
    stepfunctions { "stepfunctions" => collect }
    transfer { "transfer" => collect }
    waf { "waf" => collect_global, "wafregional" => collect_regional }
    wafv2 { "wafv2" => collect }
}

with_aws! {
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

/// A collector as the manifest declares it: its name, scope and resource types.
pub type CollectorSpec = crate::manifest::CollectorEntry;

/// Every collector, in the order tasks are planned (slow global ones first): the
/// manifest's (`shared/data/resource_types.json`), read once.
pub static COLLECTORS: std::sync::LazyLock<Vec<CollectorSpec>> =
    std::sync::LazyLock::new(|| crate::manifest::manifest().collectors());

pub fn spec(name: &str) -> Option<&'static CollectorSpec> {
    COLLECTORS.iter().find(|c| c.name == name)
}

/// The collector that produces a resource type.
pub fn collector_of(resource_type: &str) -> Option<&'static CollectorSpec> {
    COLLECTORS
        .iter()
        .find(|c| c.resource_types.contains(&resource_type))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_declared_collectors_are_the_manifests() {
        let declared: BTreeSet<&str> = DECLARED_COLLECTORS.iter().copied().collect();
        assert_eq!(
            declared.len(),
            DECLARED_COLLECTORS.len(),
            "a collector declared twice"
        );
        let in_manifest: BTreeSet<&str> = COLLECTORS.iter().map(|c| c.name).collect();
        let missing: Vec<_> = in_manifest.difference(&declared).collect();
        let extra: Vec<_> = declared.difference(&in_manifest).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "in the manifest but not in `collectors!`: {missing:?}; \
             in `collectors!` but not in the manifest: {extra:?}"
        );
    }

    /// The table of resource types in docs/resources.md, as the manifest declares them.
    fn resource_types_block() -> String {
        let mut out = String::from(DOC_BLOCK_START);
        out.push_str("\n| resource type | collector | scope |\n|---|---|---|\n");
        for c in COLLECTORS.iter() {
            let scope = match c.scope {
                Scope::Global => "global",
                Scope::Regional => "regional",
            };
            for t in &c.resource_types {
                out.push_str(&format!("| `{t}` | `{}` | {scope} |\n", c.name));
            }
        }
        out.push_str(DOC_BLOCK_END);
        out
    }

    const DOC_BLOCK_START: &str =
        "<!-- resource types: from shared/data/resource_types.json, checked by a test -->";
    const DOC_BLOCK_END: &str = "<!-- end of resource types -->";

    #[test]
    fn the_docs_list_of_resource_types_is_the_manifests() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/resources.md");
        let doc = std::fs::read_to_string(path).expect("docs/resources.md");
        let expected = resource_types_block();
        let found = doc.find(DOC_BLOCK_START).and_then(|start| {
            let end = doc[start..].find(DOC_BLOCK_END)? + start + DOC_BLOCK_END.len();
            Some(&doc[start..end])
        });
        assert!(
            found == Some(expected.as_str()),
            "docs/resources.md's list of resource types differs from the manifest; \
             replace it with:\n\n{expected}\n"
        );
    }

    #[test]
    fn types_and_collectors_are_found_both_ways() {
        let ec2 = spec("ec2").expect("the ec2 collector");
        assert_eq!(ec2.scope, Scope::Regional);
        assert!(ec2.resource_types.contains(&"AWS::EC2::SecurityGroup"));
        assert_eq!(collector_of("AWS::IAM::Role").map(|c| c.name), Some("iam"));
        assert_eq!(
            collector_of("AWS::EC2::ClientVpnEndpoint").map(|c| c.name),
            Some("clientvpn")
        );
        assert!(collector_of("AWS::Nothing::Here").is_none() && spec("nothing").is_none());
        // Plan order: the slow global collectors first.
        assert_eq!(COLLECTORS[0].name, "iam");
    }
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
    /// Where a full task's resources go as they are read (`Collected::hand_over`);
    /// `None` keeps them all in `Collected` (rescans, tests).
    pub sink: Option<ResourceSink>,
}

#[cfg(feature = "aws")]
/// The task's writer, which evaluates and stores the resources it is handed.
pub type ResourceSink = tokio::sync::mpsc::Sender<Vec<Resource>>;

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

    /// Reads `items` in the order of their ids, `concurrency` at a time, into `out`
    /// (handing them over as they come), skipping those a previous part of this task
    /// already read (ids up to `resume_after`). Once `stop_at` has passed it stops,
    /// keeping what it read (always at least one item, so a chain of continuations
    /// always advances) and recording in `out` the id to resume after.
    pub async fn read_in_order<T, Fut>(
        &self,
        mut items: Vec<T>,
        id: impl Fn(&T) -> String,
        concurrency: usize,
        read: impl FnMut(T) -> Fut,
        out: &mut Collected,
    ) where
        Fut: std::future::Future<Output = Resource>,
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
        let mut done = 0;
        while let Some(resource) = reads.next().await {
            out.resources.push(resource);
            out.hand_over(self).await;
            done += 1;
            let out_of_time = self.stop_at.is_some_and(|t| std::time::Instant::now() >= t);
            if out_of_time && done < ids.len() {
                out.continue_after = Some(ids[done - 1].clone());
                break;
            }
        }
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
    /// Resources held before `hand_over` passes them on.
    const HAND_OVER: usize = 250;

    /// Passes the resources read so far to the task's writer once there are enough, so
    /// a collector of thousands of resources (IAM's users and policies) does not hold
    /// them all. Collectors call it between pages; without a sink it keeps them.
    pub async fn hand_over(&mut self, ctx: &Context<'_>) {
        let Some(sink) = &ctx.sink else { return };
        if self.resources.len() < Self::HAND_OVER {
            return;
        }
        // A writer that stopped has failed the task; keep the batch, which goes nowhere.
        if let Err(unsent) = sink.send(std::mem::take(&mut self.resources)).await {
            self.resources = unsent.0;
        }
    }

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
