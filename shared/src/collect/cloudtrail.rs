//! CloudTrail trails in every scanned region, with what CIS monitoring needs joined in:
//! status, event selectors, the trail bucket's access logging and exposure, and the metric filters,
//! alarms and SNS subscriptions on the trail's CloudWatch Logs group.

use super::cloudwatch::{self, monitoring};
use super::s3::{acl_grants, block_flags, bucket_policy, object_ownership};
use super::support::{ts, Errors};
use super::{Collected, Context};
use crate::aws::{describe, failure, is_code};
use aws_sdk_cloudtrail::types::{AdvancedEventSelector, EventSelector, Trail};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

const TRAIL: &str = "AWS::CloudTrail::Trail";
const ACCOUNT: &str = "Parapet::CloudTrail::AccountSettings";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let mut summaries = Vec::new();
    let mut account_errors = Errors::default();
    let mut alarms = AlarmIndex::default();
    let account_block = account_public_access_block(ctx).await;
    let trails = match list_trails(ctx, out).await {
        Ok(trails) => trails,
        // Without every region's trails, "no trail does X" cannot be claimed.
        Err(reason) => return out.fail(ACCOUNT, "global", reason),
    };
    for (home, t) in trails.values() {
        // A trail's status and selectors are read in its home region, where CloudTrail
        // answers for it (also for an organization trail of another account).
        let ct = ctx.clients.cloudtrail(home);
        let _permit = ctx.permit("cloudtrail", home).await;
        let (resource, summary) = trail(ctx, &ct, home, t, &mut alarms, &account_block).await;
        // A trail whose metric filters could not be read must not look like one without any.
        if let Some(reason) = resource.attribute_error("metric_filters") {
            account_errors.note(
                "metric_filters",
                format!("trail {}: {reason}", resource.name),
            );
        }
        // "No trail logs X" cannot be claimed while one trail's status or selectors are unknown.
        for attr in ["status", "event_selectors"] {
            if let Some(reason) = resource.attribute_error(attr) {
                account_errors.note("trails", format!("trail {}: {reason}", resource.name));
            }
        }
        out.resources.push(resource);
        summaries.push(summary);
    }
    let arn = format!("arn:aws:cloudtrail::{}:trails", ctx.account_id);
    out.resources.push(ctx.resource(
        arn,
        ACCOUNT,
        "global",
        ctx.account_id.to_string(),
        BTreeMap::new(),
        account_errors.attach(json!({"trails": summaries})),
    ));
}

/// Every trail that applies to the account, once each, by ARN, with its home region.
/// Shadow trails are included: an organization trail is seen by a member account only as
/// a shadow of the management account's trail, and a multi-region trail homed in a
/// region outside the scan is seen only through its shadows.
async fn list_trails(
    ctx: &Context<'_>,
    out: &mut Collected,
) -> Result<BTreeMap<String, (String, Trail)>, String> {
    let mut trails = BTreeMap::new();
    let mut listing_failed = None;
    for region in ctx.regions {
        let ct = ctx.clients.cloudtrail(region);
        let _permit = ctx.permit("cloudtrail", region).await;
        let listed = match ct
            .describe_trails()
            .include_shadow_trails(true)
            .send()
            .await
        {
            Ok(o) => o.trail_list().to_vec(),
            Err(e) => {
                let reason = failure("DescribeTrails", &e);
                out.fail(TRAIL, region, reason.clone());
                listing_failed = Some(reason);
                continue;
            }
        };
        for t in listed {
            let home = t.home_region().unwrap_or(region).to_string();
            let arn = trail_arn(&t, &home, ctx.account_id);
            trails.entry(arn).or_insert((home, t));
        }
    }
    match listing_failed {
        Some(reason) => Err(reason),
        None => Ok(trails),
    }
}

fn trail_arn(t: &Trail, home: &str, account_id: &str) -> String {
    t.trail_arn().map(str::to_string).unwrap_or_else(|| {
        let name = t.name().unwrap_or_default();
        format!("arn:aws:cloudtrail:{home}:{account_id}:trail/{name}")
    })
}

/// The account that owns a trail: the fifth field of its ARN.
fn owner_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

async fn trail(
    ctx: &Context<'_>,
    ct: &aws_sdk_cloudtrail::Client,
    region: &str,
    t: &Trail,
    alarms: &mut AlarmIndex,
    account_block: &Result<Value, String>,
) -> (crate::model::Resource, Value) {
    let mut errors = Errors::default();
    let name = t.name().unwrap_or_default().to_string();
    let arn = trail_arn(t, region, ctx.account_id);
    let owner = owner_account(&arn).unwrap_or(ctx.account_id).to_string();
    let status = match ct.get_trail_status().name(&arn).send().await {
        Ok(o) => Some(
            json!({"IsLogging": o.is_logging(), "LatestDeliveryTime": ts(o.latest_delivery_time()), "LatestDeliveryError": o.latest_delivery_error(),
                   "LatestCloudWatchLogsDeliveryTime": ts(o.latest_cloud_watch_logs_delivery_time()),
                   "LatestCloudWatchLogsDeliveryError": o.latest_cloud_watch_logs_delivery_error()}),
        ),
        Err(e) => {
            errors.note("status", failure("GetTrailStatus", &e));
            None
        }
    };
    let (selectors, advanced) = match ct.get_event_selectors().trail_name(&arn).send().await {
        Ok(o) => (
            Some(o.event_selectors().to_vec()),
            o.advanced_event_selectors().to_vec(),
        ),
        Err(e) => {
            errors.note("event_selectors", failure("GetEventSelectors", &e));
            (None, Vec::new())
        }
    };
    // InsightNotEnabledException is how CloudTrail says the trail has no Insights.
    let insight_types: Option<Vec<String>> =
        match ct.get_insight_selectors().trail_name(&arn).send().await {
            Ok(o) => Some(
                o.insight_selectors()
                    .iter()
                    .filter_map(|i| i.insight_type().map(|t| t.as_str().to_string()))
                    .collect(),
            ),
            Err(e) if is_code(&e, "InsightNotEnabledException") => Some(Vec::new()),
            Err(e) => {
                errors.note("insight_types", failure("GetInsightSelectors", &e));
                None
            }
        };
    // The log bucket's own reads, only when a selected control reads them.
    let bucket_logging = match t
        .s3_bucket_name()
        .filter(|_| ctx.needs(TRAIL, "bucket_logging"))
    {
        Some(bucket) => match ctx
            .clients
            .s3(region)
            .get_bucket_logging()
            .bucket(bucket)
            .send()
            .await
        {
            Ok(o) => o.logging_enabled().map(
                |l| json!({"TargetBucket": l.target_bucket(), "TargetPrefix": l.target_prefix()}),
            ),
            Err(e) => {
                errors.record("bucket_logging", "GetBucketLogging", &e);
                None
            }
        },
        None => None,
    };
    let bucket_exposure = match t
        .s3_bucket_name()
        .filter(|_| ctx.needs(TRAIL, "bucket_exposure"))
    {
        Some(bucket) => match bucket_exposure(ctx, region, bucket, account_block).await {
            Ok(v) => Some(v),
            Err(reason) => {
                errors.note("bucket_exposure", reason);
                None
            }
        },
        None => None,
    };
    let log_group = t.cloud_watch_logs_log_group_arn();
    let metric_filters = match log_group.and_then(parse_log_group_arn) {
        Some((lg_region, lg_name)) => {
            match alarms.filters_with_alarms(ctx, &lg_region, &lg_name).await {
                Ok(f) => Some(f),
                Err(reason) => {
                    errors.note("metric_filters", reason);
                    None
                }
            }
        }
        None => Some(Vec::new()),
    };
    // Null where the call failed: the account resource carries the error (see `collect`).
    let logging = status
        .as_ref()
        .map(|s| s["IsLogging"].as_bool().unwrap_or(false));
    let s3 = selectors.as_deref().map(|s| s3_data_events(s, &advanced));
    let organization_trail = t.is_organization_trail().unwrap_or(false);
    let summary = json!({
        "name": name, "arn": arn, "home_region": region,
        "owner_account": owner, "organization_trail": organization_trail,
        "multi_region": t.is_multi_region_trail().unwrap_or(false),
        "logging": logging,
        "management_events": selectors.as_deref().map(|s| management_events(s, &advanced)),
        "s3_data_events": {"read": s3.map(|x| x.0), "write": s3.map(|x| x.1)},
        "log_group_arn": log_group,
        "metric_filters": metric_filters.clone().unwrap_or_default(),
        "insight_types": insight_types,
        "bedrock_data_events": selectors.as_deref().map(|_| bedrock_data_events(&advanced)),
        "lambda_data_events": selectors.as_deref().map(|s| lambda_data_events(s, &advanced)),
    });
    let mut attrs = json!({
        "Name": name, "TrailARN": arn, "HomeRegion": t.home_region().unwrap_or(region),
        "IsMultiRegionTrail": t.is_multi_region_trail(), "IsOrganizationTrail": t.is_organization_trail(),
        "owner_account": owner,
        "LogFileValidationEnabled": t.log_file_validation_enabled(), "KmsKeyId": t.kms_key_id(),
        "S3BucketName": t.s3_bucket_name(), "CloudWatchLogsLogGroupArn": log_group,
        "status": status,
        "event_selectors": selectors.as_ref().map(|s| json!({
            "EventSelectors": s.iter().map(selector_json).collect::<Vec<_>>(),
            "AdvancedEventSelectors": advanced.iter().map(advanced_json).collect::<Vec<_>>(),
        })),
        "bucket_logging": bucket_logging,
        "bucket_exposure": bucket_exposure,
        "metric_filters": metric_filters,
        "insight_types": insight_types,
    });
    ctx.keep_planned(TRAIL, &mut attrs, &["bucket_logging", "bucket_exposure"]);
    let resource = ctx.resource(
        arn,
        TRAIL,
        region,
        name,
        BTreeMap::new(),
        errors.attach(attrs),
    );
    (resource, summary)
}

/// `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` -> (REGION, NAME).
fn parse_log_group_arn(arn: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    if parts.len() < 7 || parts[5] != "log-group" {
        return None;
    }
    let name = parts[6].strip_suffix(":*").unwrap_or(parts[6]);
    Some((parts[3].to_string(), name.to_string()))
}

fn selector_json(s: &EventSelector) -> Value {
    json!({
        "ReadWriteType": s.read_write_type().map(|r| r.as_str()),
        "IncludeManagementEvents": s.include_management_events(),
        "DataResources": s.data_resources().iter().map(|d| json!({"Type": d.r#type(), "Values": d.values()})).collect::<Vec<_>>(),
    })
}

fn advanced_json(s: &AdvancedEventSelector) -> Value {
    json!({
        "Name": s.name(),
        "FieldSelectors": s.field_selectors().iter().map(|f| json!({
            "Field": f.field(), "Equals": f.equals(), "StartsWith": f.starts_with(), "NotEquals": f.not_equals(),
        })).collect::<Vec<_>>(),
    })
}

fn reads(rw: Option<&aws_sdk_cloudtrail::types::ReadWriteType>) -> (bool, bool) {
    match rw.map(|r| r.as_str()) {
        Some("ReadOnly") => (true, false),
        Some("WriteOnly") => (false, true),
        _ => (true, true),
    }
}

/// Whether read and write management events are both recorded.
fn management_events(basic: &[EventSelector], advanced: &[AdvancedEventSelector]) -> bool {
    let basic_all = basic.iter().any(|s| {
        s.include_management_events().unwrap_or(true) && reads(s.read_write_type()) == (true, true)
    });
    let advanced_all = advanced.iter().any(|s| {
        let fs = s.field_selectors();
        fs.iter()
            .any(|f| f.field() == "eventCategory" && f.equals().iter().any(|v| v == "Management"))
            && !fs.iter().any(|f| f.field() == "readOnly")
    });
    basic_all || advanced_all
}

/// (read, write): whether S3 object-level events for all buckets are recorded.
/// Bedrock's data events (agent, knowledge base, flow, guardrail, prompt invocations)
/// are only available through advanced selectors: one selecting eventCategory Data for
/// some `AWS::Bedrock::*` resource type counts, even if narrowed to cut cost.
fn bedrock_data_events(advanced: &[AdvancedEventSelector]) -> bool {
    advanced.iter().any(|s| {
        let fs = s.field_selectors();
        let data = fs
            .iter()
            .any(|f| f.field() == "eventCategory" && f.equals().iter().any(|v| v == "Data"));
        let bedrock = fs.iter().any(|f| {
            f.field() == "resources.type"
                && (f.equals().iter().any(|v| v.starts_with("AWS::Bedrock::"))
                    || f.starts_with()
                        .iter()
                        .any(|v| v.starts_with("AWS::Bedrock")))
        });
        data && bedrock
    })
}

/// Whether invocations of every Lambda function are recorded: a basic selector on
/// `AWS::Lambda::Function` for all functions (`arn:aws:lambda`), or an advanced Data
/// selector on that type not narrowed to some ARNs.
fn lambda_data_events(basic: &[EventSelector], advanced: &[AdvancedEventSelector]) -> bool {
    let basic_all = basic.iter().any(|s| {
        reads(s.read_write_type()).1
            && s.data_resources().iter().any(|d| {
                d.r#type() == Some("AWS::Lambda::Function")
                    && d.values().iter().any(|v| v == "arn:aws:lambda")
            })
    });
    let advanced_all = advanced.iter().any(|s| {
        let fs = s.field_selectors();
        let has = |field: &str, value: &str| {
            fs.iter()
                .any(|f| f.field() == field && f.equals().iter().any(|v| v == value))
        };
        has("eventCategory", "Data")
            && has("resources.type", "AWS::Lambda::Function")
            && !fs.iter().any(|f| f.field() == "resources.ARN")
            && !has("readOnly", "true")
    });
    basic_all || advanced_all
}

fn s3_data_events(basic: &[EventSelector], advanced: &[AdvancedEventSelector]) -> (bool, bool) {
    let mut read = false;
    let mut write = false;
    for s in basic {
        let all_buckets = s.data_resources().iter().any(|d| {
            d.r#type() == Some("AWS::S3::Object")
                && d.values()
                    .iter()
                    .any(|v| v == "arn:aws:s3" || v == "arn:aws:s3:::")
        });
        if all_buckets {
            let (r, w) = reads(s.read_write_type());
            read |= r;
            write |= w;
        }
    }
    for s in advanced {
        let fs = s.field_selectors();
        let has = |field: &str, value: &str| {
            fs.iter()
                .any(|f| f.field() == field && f.equals().iter().any(|v| v == value))
        };
        let narrowed = fs.iter().any(|f| f.field() == "resources.ARN");
        if has("eventCategory", "Data") && has("resources.type", "AWS::S3::Object") && !narrowed {
            let ro = fs
                .iter()
                .find(|f| f.field() == "readOnly")
                .map(|f| f.equals().to_vec());
            match ro.as_deref() {
                Some([v]) if v == "true" => read = true,
                Some([v]) if v == "false" => write = true,
                _ => {
                    read = true;
                    write = true;
                }
            }
        }
    }
    (read, write)
}

/// Alarms and SNS subscriptions, fetched once per region and topic.
#[derive(Default)]
struct AlarmIndex {
    alarms: HashMap<String, Vec<Value>>,
    subscribed: HashMap<String, bool>,
}

impl AlarmIndex {
    /// The metric filters of a log group, each with the CIS event classes its pattern
    /// matches and the alarms on its metrics.
    async fn filters_with_alarms(
        &mut self,
        ctx: &Context<'_>,
        region: &str,
        log_group: &str,
    ) -> Result<Vec<Value>, String> {
        let logs = ctx.clients.logs(region);
        let filters = logs
            .describe_metric_filters()
            .log_group_name(log_group)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .map_err(|e| {
                format!(
                    "DescribeMetricFilters on {log_group} failed: {}",
                    describe(&e)
                )
            })?;
        if !self.alarms.contains_key(region) {
            let all = cloudwatch::metric_alarms(ctx, region)
                .await
                .map_err(|e| e.to_string())?;
            self.alarms.insert(region.to_string(), all);
        }
        let mut out = Vec::new();
        for f in &filters {
            let metrics: Vec<(String, String)> = f
                .metric_transformations()
                .iter()
                .map(|m| {
                    (
                        m.metric_namespace().to_string(),
                        m.metric_name().to_string(),
                    )
                })
                .collect();
            let on_metric: Vec<Value> = self.alarms[region]
                .iter()
                .filter(|a| {
                    cloudwatch::watched_metrics(a)
                        .iter()
                        .any(|m| metrics.contains(m))
                })
                .cloned()
                .collect();
            let mut alarms_json = Vec::new();
            for a in &on_metric {
                alarms_json.push(self.alarm_json(ctx, a).await?);
            }
            let pattern = f.filter_pattern().unwrap_or_default();
            let mut filter =
                json!({"name": f.filter_name(), "pattern": pattern, "alarms": alarms_json});
            match monitoring::classes_matched(pattern) {
                Ok(classes) => filter["monitors"] = json!(classes),
                Err(e) => {
                    filter["monitors"] = json!([]);
                    filter["pattern_error"] = json!(e);
                }
            }
            out.push(filter);
        }
        Ok(out)
    }

    /// An alarm as the controls see it: how many of its SNS topics have a confirmed
    /// subscriber, counting none when its actions are disabled.
    async fn alarm_json(&mut self, ctx: &Context<'_>, alarm: &Value) -> Result<Value, String> {
        let enabled = cloudwatch::actions_enabled(alarm);
        let mut subscribed = 0;
        if enabled {
            for topic in cloudwatch::sns_actions(alarm) {
                if self.topic_subscribed(ctx, &topic).await? {
                    subscribed += 1;
                }
            }
        }
        Ok(json!({
            "name": alarm["AlarmName"], "actions_enabled": enabled,
            "subscribed_topics": subscribed,
        }))
    }

    async fn topic_subscribed(&mut self, ctx: &Context<'_>, topic: &str) -> Result<bool, String> {
        if let Some(&s) = self.subscribed.get(topic) {
            return Ok(s);
        }
        let region = topic.split(':').nth(3).unwrap_or(ctx.home_region);
        let subs = ctx
            .clients
            .sns(region)
            .list_subscriptions_by_topic()
            .topic_arn(topic)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .map_err(|e| {
                format!(
                    "ListSubscriptionsByTopic on {topic} failed: {}",
                    describe(&e)
                )
            })?;
        // A subscription still waiting for confirmation delivers nothing.
        let confirmed = subs
            .iter()
            .any(|s| s.subscription_arn().is_some_and(|a| a.starts_with("arn:")));
        self.subscribed.insert(topic.to_string(), confirmed);
        Ok(confirmed)
    }
}

/// The account-level S3 Block Public Access, read once for every trail bucket.
async fn account_public_access_block(ctx: &Context<'_>) -> Result<Value, String> {
    let control = ctx.clients.s3control(ctx.home_region);
    match control
        .get_public_access_block()
        .account_id(ctx.account_id)
        .send()
        .await
    {
        Ok(o) => Ok(json!(o
            .public_access_block_configuration()
            .map(|c| block_flags!(c)))),
        Err(e) if is_code(&e, "NoSuchPublicAccessBlockConfiguration") => Ok(Value::Null),
        Err(e) => Err(failure("GetPublicAccessBlock (account)", &e)),
    }
}

/// What decides whether the trail's bucket is public, in the shape of the S3 bucket
/// attributes of the same names (docs/resources.md), so controls/lib/s3.rego judges it.
/// Any read that fails makes the whole exposure unknown: a partial view could pass a
/// public bucket.
async fn bucket_exposure(
    ctx: &Context<'_>,
    region: &str,
    bucket: &str,
    account_block: &Result<Value, String>,
) -> Result<Value, String> {
    let s3 = ctx.clients.s3(region);
    let account_block = account_block.clone()?;
    let fail = |op: &str, e: String| format!("{op} on trail bucket {bucket}: {e}");
    let policy = match s3.get_bucket_policy().bucket(bucket).send().await {
        Ok(o) => bucket_policy(o.policy()),
        Err(e) if is_code(&e, "NoSuchBucketPolicy") => Value::Null,
        Err(e) => return Err(fail("GetBucketPolicy", describe(&e))),
    };
    let block = match s3.get_public_access_block().bucket(bucket).send().await {
        Ok(o) => json!(o
            .public_access_block_configuration()
            .map(|c| block_flags!(c))),
        Err(e) if is_code(&e, "NoSuchPublicAccessBlockConfiguration") => Value::Null,
        Err(e) => return Err(fail("GetPublicAccessBlock", describe(&e))),
    };
    let ownership = match s3
        .get_bucket_ownership_controls()
        .bucket(bucket)
        .send()
        .await
    {
        Ok(o) => object_ownership(&o),
        Err(e) if is_code(&e, "OwnershipControlsNotFoundError") => Value::Null,
        Err(e) => return Err(fail("GetBucketOwnershipControls", describe(&e))),
    };
    let grants: Vec<Value> = match s3.get_bucket_acl().bucket(bucket).send().await {
        Ok(o) => acl_grants(o.grants()),
        Err(e) => return Err(fail("GetBucketAcl", describe(&e))),
    };
    Ok(json!({
        "bucket": bucket, "policy": policy, "public_access_block": block,
        "ownership_controls": ownership, "acl_grants": grants,
        "account_public_access_block": account_block,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudtrail::types::{AdvancedFieldSelector, DataResource, ReadWriteType};

    /// An organization trail as a member account's DescribeTrails (shadow trails
    /// included) shows it: the management account's ARN and home region.
    #[test]
    fn an_organization_trail_keeps_its_owner_and_home_region() {
        let org = Trail::builder()
            .name("org-trail")
            .trail_arn("arn:aws:cloudtrail:eu-west-1:999988887777:trail/org-trail")
            .home_region("eu-west-1")
            .is_organization_trail(true)
            .is_multi_region_trail(true)
            .build();
        let arn = trail_arn(&org, "eu-west-1", "111122223333");
        assert_eq!(owner_account(&arn), Some("999988887777"));
        let own = Trail::builder().name("local").build();
        let arn = trail_arn(&own, "us-east-1", "111122223333");
        assert_eq!(arn, "arn:aws:cloudtrail:us-east-1:111122223333:trail/local");
        assert_eq!(owner_account(&arn), Some("111122223333"));
        assert_eq!(owner_account("not-an-arn"), None);
    }

    /// An advanced selector field that equals one value.
    fn field(name: &str, value: &str) -> AdvancedFieldSelector {
        AdvancedFieldSelector::builder()
            .field(name)
            .equals(value)
            .build()
            .unwrap()
    }

    #[test]
    fn parses_log_group_arns() {
        assert_eq!(
            parse_log_group_arn("arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs:*"),
            Some(("eu-west-1".into(), "trail-logs".into()))
        );
        assert_eq!(parse_log_group_arn("arn:aws:s3:::bucket"), None);
    }

    #[test]
    fn reads_s3_data_events_from_basic_and_advanced_selectors() {
        let basic = EventSelector::builder()
            .read_write_type(ReadWriteType::WriteOnly)
            .data_resources(
                DataResource::builder()
                    .r#type("AWS::S3::Object")
                    .values("arn:aws:s3")
                    .build(),
            )
            .build();
        assert_eq!(s3_data_events(&[basic], &[]), (false, true));
        let one_bucket = EventSelector::builder()
            .data_resources(
                DataResource::builder()
                    .r#type("AWS::S3::Object")
                    .values("arn:aws:s3:::only-this/")
                    .build(),
            )
            .build();
        assert_eq!(s3_data_events(&[one_bucket], &[]), (false, false));
        let adv = AdvancedEventSelector::builder()
            .field_selectors(field("eventCategory", "Data"))
            .field_selectors(field("resources.type", "AWS::S3::Object"))
            .field_selectors(field("readOnly", "true"))
            .build()
            .unwrap();
        assert_eq!(s3_data_events(&[], &[adv]), (true, false));
    }

    #[test]
    fn management_events_need_read_and_write() {
        let ro = EventSelector::builder()
            .read_write_type(ReadWriteType::ReadOnly)
            .include_management_events(true)
            .build();
        assert!(!management_events(std::slice::from_ref(&ro), &[]));
        let all = EventSelector::builder()
            .read_write_type(ReadWriteType::All)
            .include_management_events(true)
            .build();
        assert!(management_events(&[ro, all], &[]));
    }

    #[test]
    fn lambda_data_events_need_every_function_and_invocations() {
        let on = |rw: ReadWriteType, value: &str| {
            EventSelector::builder()
                .read_write_type(rw)
                .data_resources(
                    DataResource::builder()
                        .r#type("AWS::Lambda::Function")
                        .values(value)
                        .build(),
                )
                .build()
        };
        assert!(lambda_data_events(
            &[on(ReadWriteType::All, "arn:aws:lambda")],
            &[]
        ));
        // Invoke is a write event; one function is not every function.
        assert!(!lambda_data_events(
            &[on(ReadWriteType::ReadOnly, "arn:aws:lambda")],
            &[]
        ));
        let one = "arn:aws:lambda:us-east-1:111122223333:function:f";
        assert!(!lambda_data_events(&[on(ReadWriteType::All, one)], &[]));
        let adv = AdvancedEventSelector::builder()
            .field_selectors(field("eventCategory", "Data"))
            .field_selectors(field("resources.type", "AWS::Lambda::Function"))
            .build()
            .unwrap();
        assert!(lambda_data_events(&[], &[adv]));
    }
}
