//! S3 buckets (global listing; each bucket read in its own region) and the account-level
//! public access block.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{failure, is_code};
use aws_sdk_s3::operation::get_bucket_ownership_controls::GetBucketOwnershipControlsOutput;
use aws_sdk_s3::types::{Grant, ObjectLockConfiguration, ServerSideEncryptionConfiguration};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::future::Future;

const BUCKET: &str = "AWS::S3::Bucket";

/// The bucket attributes read by a call of their own, made only when a selected control
/// reads them (`Context::needs`). Tags and the region are always read (mutes use tags).
const BUCKET_READS: &[&str] = &[
    "policy",
    "public_access_block",
    "encryption",
    "versioning",
    "logging",
    "ownership_controls",
    "acl_grants",
    "object_lock",
    "lifecycle_rules",
    "notifications",
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    // Each bucket also carries the account-level block: whether a public bucket policy
    // takes effect depends on both.
    let account_block = account_public_access_block(ctx, out).await;
    let s3 = ctx.clients.s3(ctx.home_region);
    let mut buckets = Vec::new();
    let mut pages = s3.list_buckets().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => buckets.extend(p.buckets().iter().filter_map(|b| {
                b.name()
                    .map(|n| (n.to_string(), b.bucket_region().map(str::to_string)))
            })),
            Err(e) => {
                out.fail("AWS::S3::Bucket", "global", failure("ListBuckets", &e));
                return;
            }
        }
    }
    // About ten calls a bucket: a rescan reads only the buckets it names, and a full
    // scan reads them in name order, so a task out of time leaves the rest to a
    // continuation.
    buckets.retain(|(name, _)| ctx.wants(name, &format!("arn:aws:s3:::{name}")));
    ctx
        .read_in_order(
            buckets,
            |(name, _)| name.clone(),
            8,
            |(name, region)| bucket(ctx, name, region, &account_block),
            out,
        )
        .await;
    // Access points once per chain of continuations, by its first part.
    if ctx.resume_after.is_none() && ctx.needs_type("AWS::S3::AccessPoint") {
        for region in ctx.regions {
            access_points(ctx, region, out).await;
        }
    }
}

/// S3 access points of one region (S3 Control ListAccessPoints, then GetAccessPoint each
/// for its own Block Public Access settings).
async fn access_points(ctx: &Context<'_>, region: &str, out: &mut Collected) {
    const TYPE: &str = "AWS::S3::AccessPoint";
    let control = ctx.clients.s3control(region);
    let _p = ctx.permit("s3control", region).await;
    let points = match control
        .list_access_points()
        .account_id(ctx.account_id)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(pages) => pages
            .iter()
            .flat_map(|p| p.access_point_list().to_vec())
            .collect::<Vec<_>>(),
        Err(e) => return out.fail(TYPE, region, failure("ListAccessPoints", &e)),
    };
    for ap in points {
        let name = ap.name().to_string();
        let arn = ap
            .access_point_arn()
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!("arn:aws:s3:{region}:{}:accesspoint/{name}", ctx.account_id)
            });
        let mut errors = Errors::default();
        let block = gated_read(
            ctx,
            &mut errors,
            (TYPE, "public_access_block", "GetAccessPoint"),
            None,
            control
                .get_access_point()
                .account_id(ctx.account_id)
                .name(&name)
                .send(),
            |o| {
                json!(o
                    .public_access_block_configuration()
                    .map(|c| block_flags!(c)))
            },
        )
        .await;
        let mut attrs = json!({
            "Name": name, "Bucket": ap.bucket(), "NetworkOrigin": ap.network_origin().as_str(),
            "public_access_block": block,
        });
        ctx.keep_planned(TYPE, &mut attrs, &["public_access_block"]);
        let attrs = errors.attach(attrs);
        out.resources
            .push(ctx.resource(arn, TYPE, region, name, BTreeMap::new(), attrs));
    }
}

async fn bucket(
    ctx: &Context<'_>,
    name: String,
    listed_region: Option<String>,
    account_block: &AccountBlock,
) -> crate::model::Resource {
    let mut errors = Errors::default();
    if let Err(reason) = account_block {
        errors.note("account_public_access_block", reason.clone());
    }
    let region = match listed_region {
        Some(r) => r,
        None => {
            let _p = ctx.permit("s3", ctx.home_region).await;
            match ctx
                .clients
                .s3(ctx.home_region)
                .get_bucket_location()
                .bucket(&name)
                .send()
                .await
            {
                // An empty location constraint is us-east-1's historical answer.
                Ok(o) => o
                    .location_constraint()
                    .map(|c| c.as_str().to_string())
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| "us-east-1".into()),
                Err(e) => {
                    errors.record("region", "GetBucketLocation", &e);
                    ctx.home_region.to_string()
                }
            }
        }
    };
    let s3 = ctx.clients.s3(&region);
    let _p = ctx.permit("s3", &region).await;

    let policy = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "policy", "GetBucketPolicy"),
        Some(("NoSuchBucketPolicy", Value::Null)),
        s3.get_bucket_policy().bucket(&name).send(),
        |o| bucket_policy(o.policy()),
    )
    .await;
    let public_access_block = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "public_access_block", "GetPublicAccessBlock"),
        Some(("NoSuchPublicAccessBlockConfiguration", Value::Null)),
        s3.get_public_access_block().bucket(&name).send(),
        |o| {
            json!(o
                .public_access_block_configuration()
                .map(|c| block_flags!(c)))
        },
    )
    .await;
    let encryption = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "encryption", "GetBucketEncryption"),
        Some((
            "ServerSideEncryptionConfigurationNotFoundError",
            Value::Null,
        )),
        s3.get_bucket_encryption().bucket(&name).send(),
        |o| {
            json!(o
                .server_side_encryption_configuration()
                .map(encryption_rules))
        },
    )
    .await;
    // A bucket never versioned has neither field; the API answers an empty document.
    let versioning = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "versioning", "GetBucketVersioning"),
        None,
        s3.get_bucket_versioning().bucket(&name).send(),
        |o| {
            json!({
                "Status": o.status().map(|s| s.as_str()),
                "MFADelete": o.mfa_delete().map(|s| s.as_str()),
            })
        },
    )
    .await;
    let logging = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "logging", "GetBucketLogging"),
        None,
        s3.get_bucket_logging().bucket(&name).send(),
        |o| {
            json!(o.logging_enabled().map(
                |l| json!({"TargetBucket": l.target_bucket(), "TargetPrefix": l.target_prefix()})
            ))
        },
    )
    .await;
    // Ownership controls: BucketOwnerEnforced turns ACLs off entirely.
    let ownership = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "ownership_controls", "GetBucketOwnershipControls"),
        Some(("OwnershipControlsNotFoundError", Value::Null)),
        s3.get_bucket_ownership_controls().bucket(&name).send(),
        |o| object_ownership(&o),
    )
    .await;
    let acl_grants = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "acl_grants", "GetBucketAcl"),
        None,
        s3.get_bucket_acl().bucket(&name).send(),
        |o| Value::Array(acl_grants(o.grants())),
    )
    .await;
    let object_lock = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "object_lock", "GetObjectLockConfiguration"),
        Some(("ObjectLockConfigurationNotFoundError", Value::Null)),
        s3.get_object_lock_configuration().bucket(&name).send(),
        |o| json!(o.object_lock_configuration().map(object_lock_settings)),
    )
    .await;
    let lifecycle_rules = gated_read(
        ctx,
        &mut errors,
        (BUCKET, "lifecycle_rules", "GetBucketLifecycleConfiguration"),
        Some(("NoSuchLifecycleConfiguration", json!([]))),
        s3.get_bucket_lifecycle_configuration().bucket(&name).send(),
        |o| {
            o.rules()
                .iter()
                .map(|r| json!({"ID": r.id(), "Status": r.status().as_str()}))
                .collect()
        },
    )
    .await;
    let notifications = gated_read(
        ctx,
        &mut errors,
        (
            BUCKET,
            "notifications",
            "GetBucketNotificationConfiguration",
        ),
        None,
        s3.get_bucket_notification_configuration()
            .bucket(&name)
            .send(),
        |o| {
            json!({
                "topics": o.topic_configurations().len(),
                "queues": o.queue_configurations().len(),
                "lambda_functions": o.lambda_function_configurations().len(),
                "eventbridge": o.event_bridge_configuration().is_some(),
            })
        },
    )
    .await;
    let tags: BTreeMap<String, String> = match s3.get_bucket_tagging().bucket(&name).send().await {
        Ok(o) => o
            .tag_set()
            .iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect(),
        Err(e) => {
            if !is_code(&e, "NoSuchTagSet") {
                errors.record("tags", "GetBucketTagging", &e);
            }
            BTreeMap::new()
        }
    };
    let mut attrs = json!({
        "policy": policy,
        "public_access_block": public_access_block,
        "encryption": encryption,
        "versioning": versioning,
        "logging": logging,
        "account_public_access_block": account_block.as_ref().ok().cloned().flatten(),
        "ownership_controls": ownership,
        "acl_grants": acl_grants,
        "object_lock": object_lock,
        "lifecycle_rules": lifecycle_rules,
        "notifications": notifications,
    });
    ctx.keep_planned(BUCKET, &mut attrs, BUCKET_READS);
    ctx.resource(
        format!("arn:aws:s3:::{name}"),
        "AWS::S3::Bucket",
        &region,
        name,
        tags,
        errors.attach(attrs),
    )
}

/// Reads one attribute that has a call of its own. Without a call, null when no selected
/// control reads `attribute` of `resource_type` (`keep_planned` then drops it); the
/// `absent` value when AWS answers its error code (the setting is not configured); null
/// with the reason, naming `operation`, in `errors` when the call fails. `call` is not
/// started unless awaited here.
async fn gated_read<O, E>(
    ctx: &Context<'_>,
    errors: &mut Errors,
    (resource_type, attribute, operation): (&str, &str, &str),
    absent: Option<(&str, Value)>,
    call: impl Future<Output = Result<O, SdkError<E, HttpResponse>>>,
    shape: impl FnOnce(O) -> Value,
) -> Value
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    if !ctx.needs(resource_type, attribute) {
        return Value::Null;
    }
    match call.await {
        Ok(output) => shape(output),
        Err(e) => match absent {
            Some((code, value)) if is_code(&e, code) => value,
            _ => {
                // Not `record`: the operation's literal is at each call site, where the
                // collectors' source test checks it.
                errors.note(attribute, failure(operation, &e));
                Value::Null
            }
        },
    }
}

/// The four Block Public Access flags of an S3 or S3 Control configuration (two SDK
/// types with the same getters).
macro_rules! block_flags {
    ($c:expr) => {{
        let c = $c;
        serde_json::json!({
            "BlockPublicAcls": c.block_public_acls(), "IgnorePublicAcls": c.ignore_public_acls(),
            "BlockPublicPolicy": c.block_public_policy(), "RestrictPublicBuckets": c.restrict_public_buckets(),
        })
    }};
}
pub(super) use block_flags;

/// A bucket policy as JSON, or its text when it does not parse; null when there is none.
pub(super) fn bucket_policy(text: Option<&str>) -> Value {
    text.map(|p| serde_json::from_str(p).unwrap_or_else(|_| Value::String(p.to_string())))
        .unwrap_or(Value::Null)
}

/// The bucket's object ownership setting (`BucketOwnerEnforced`, ...), or null.
pub(super) fn object_ownership(o: &GetBucketOwnershipControlsOutput) -> Value {
    json!(o
        .ownership_controls()
        .and_then(|c| c.rules().first())
        .map(|r| r.object_ownership().as_str()))
}

/// Each ACL grant's grantee (URI or canonical ID) and permission.
pub(super) fn acl_grants(grants: &[Grant]) -> Vec<Value> {
    grants
        .iter()
        .map(|g| {
            json!({
                "Grantee": {"URI": g.grantee().and_then(|x| x.uri()), "ID": g.grantee().and_then(|x| x.id())},
                "Permission": g.permission().map(|p| p.as_str()),
            })
        })
        .collect()
}

fn encryption_rules(c: &ServerSideEncryptionConfiguration) -> Value {
    let rules: Vec<Value> = c
        .rules()
        .iter()
        .map(|r| {
            let d = r.apply_server_side_encryption_by_default();
            json!({
                "SSEAlgorithm": d.map(|d| d.sse_algorithm().as_str()),
                "KMSMasterKeyID": d.and_then(|d| d.kms_master_key_id()),
                "BucketKeyEnabled": r.bucket_key_enabled(),
            })
        })
        .collect();
    json!({ "rules": rules })
}

fn object_lock_settings(c: &ObjectLockConfiguration) -> Value {
    let retention = c.rule().and_then(|r| r.default_retention());
    json!({
        "ObjectLockEnabled": c.object_lock_enabled().map(|v| v.as_str()),
        "DefaultRetention": retention.map(|d| json!({
            "Mode": d.mode().map(|m| m.as_str()), "Days": d.days(), "Years": d.years(),
        })),
    })
}

/// The account-level block (`None` when not configured), or why it could not be read.
type AccountBlock = Result<Option<Value>, String>;

async fn account_public_access_block(ctx: &Context<'_>, out: &mut Collected) -> AccountBlock {
    let mut errors = Errors::default();
    let mut failure = None;
    let control = ctx.clients.s3control(ctx.home_region);
    let block = match control
        .get_public_access_block()
        .account_id(ctx.account_id)
        .send()
        .await
    {
        Ok(o) => o
            .public_access_block_configuration()
            .map(|c| block_flags!(c)),
        Err(e) if is_code(&e, "NoSuchPublicAccessBlockConfiguration") => None,
        Err(e) => {
            failure = Some(crate::aws::failure("GetPublicAccessBlock (account)", &e));
            errors.record("public_access_block", "GetPublicAccessBlock", &e);
            None
        }
    };
    let arn = format!("arn:aws:s3::{}:account", ctx.account_id);
    let result = match failure {
        Some(reason) => Err(reason),
        None => Ok(block.clone()),
    };
    let attrs = errors.attach(json!({"public_access_block": block}));
    out.resources.push(ctx.resource(
        arn,
        "Parapet::S3::AccountSettings",
        "global",
        ctx.account_id.to_string(),
        BTreeMap::new(),
        attrs,
    ));
    result
}
