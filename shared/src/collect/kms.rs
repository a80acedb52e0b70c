//! KMS keys (regional).

use super::support::{policy_document, ts, Errors};
use super::{Collected, Context};
use crate::aws::{describe, failure};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const KEY: &str = "AWS::KMS::Key";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let kms = ctx.clients.kms(ctx.region);
    let _permit = ctx.permit("kms", ctx.region).await;
    let keys = match kms
        .list_keys()
        .limit(1000)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(k) => k,
        Err(e) => return out.fail("AWS::KMS::Key", ctx.region, failure("ListKeys", &e)),
    };
    // Keys are named by their alias, which is how people refer to them.
    let mut aliases = std::collections::HashMap::new();
    match kms
        .list_aliases()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(list) => {
            for a in list {
                if let (Some(target), Some(name)) = (a.target_key_id(), a.alias_name()) {
                    aliases
                        .entry(target.to_string())
                        .or_insert_with(|| name.trim_start_matches("alias/").to_string());
                }
            }
        }
        Err(e) => {
            tracing::warn!(region = ctx.region, error = %describe(&e), "ListAliases failed; keys are named by id")
        }
    }
    // Three calls a key: a rescan reads only the keys it names, and a full scan reads
    // them in id order, so a task out of time leaves the rest to a continuation.
    let keys: Vec<(String, String)> = keys
        .iter()
        .map(|key| {
            let id = key.key_id().unwrap_or_default().to_string();
            let arn = key.key_arn().map(str::to_string).unwrap_or_else(|| {
                format!("arn:aws:kms:{}:{}:key/{id}", ctx.region, ctx.account_id)
            });
            (id, arn)
        })
        .filter(|(id, arn)| {
            ctx.wants(id, arn) || aliases.get(id).is_some_and(|alias| ctx.wants(alias, arn))
        })
        .collect();
    ctx
        .read_in_order(
            keys,
            |(id, _)| id.clone(),
            1,
            |(id, arn)| {
                let name = aliases.get(&id).cloned().unwrap_or_else(|| id.clone());
                read_key(ctx, &kms, id, arn, name)
            },
            out,
        )
        .await;
}

/// One key's metadata, rotation status and policy.
async fn read_key(
    ctx: &Context<'_>,
    kms: &aws_sdk_kms::Client,
    id: String,
    arn: String,
    name: String,
) -> crate::model::Resource {
    let mut errors = Errors::default();
    let meta = match kms.describe_key().key_id(&id).send().await {
        Ok(o) => o.key_metadata().cloned(),
        Err(e) => {
            // Without the metadata no control can tell what the key is: every field errors.
            for field in ["KeyManager", "KeyState", "KeySpec", "rotation_enabled"] {
                errors.record(field, "DescribeKey", &e);
            }
            None
        }
    };
    let manager = meta
        .as_ref()
        .and_then(|m| m.key_manager())
        .map(|m| m.as_str().to_string());
    let spec = meta
        .as_ref()
        .and_then(|m| m.key_spec())
        .map(|s| s.as_str().to_string());
    let state = meta
        .as_ref()
        .and_then(|m| m.key_state())
        .map(|s| s.as_str().to_string());
    let origin = meta
        .as_ref()
        .and_then(|m| m.origin())
        .map(|s| s.as_str().to_string());
    // Rotation status exists only for enabled symmetric customer keys with AWS key material.
    let rotatable = manager.as_deref() == Some("CUSTOMER")
        && spec.as_deref() == Some("SYMMETRIC_DEFAULT")
        && state.as_deref() == Some("Enabled")
        && origin.as_deref() == Some("AWS_KMS");
    let rotation_enabled = if rotatable && ctx.needs(KEY, "rotation_enabled") {
        match kms.get_key_rotation_status().key_id(&id).send().await {
            Ok(o) => Some(o.key_rotation_enabled()),
            Err(e) => {
                errors.record("rotation_enabled", "GetKeyRotationStatus", &e);
                None
            }
        }
    } else {
        None
    };
    // Customer-managed keys only: AWS-managed key policies are fixed by AWS.
    let policy = if manager.as_deref() == Some("CUSTOMER") && ctx.needs(KEY, "policy") {
        match kms
            .get_key_policy()
            .key_id(&id)
            .policy_name("default")
            .send()
            .await
        {
            Ok(o) => o.policy().map(policy_document).unwrap_or(Value::Null),
            Err(e) => {
                errors.record("policy", "GetKeyPolicy", &e);
                Value::Null
            }
        }
    } else {
        Value::Null
    };
    let mut attrs = json!({
        "KeyId": id, "Arn": arn, "KeyManager": manager, "KeyState": state, "KeySpec": spec,
        "KeyUsage": meta.as_ref().and_then(|m| m.key_usage()).map(|u| u.as_str()),
        "Origin": origin, "CreationDate": ts(meta.as_ref().and_then(|m| m.creation_date())),
        "Description": meta.as_ref().and_then(|m| m.description()),
        "rotation_enabled": rotation_enabled, "policy": policy,
    });
    // Read by calls of their own, made only when a selected control reads them.
    ctx.keep_planned(KEY, &mut attrs, &["rotation_enabled", "policy"]);
    ctx.resource(
        arn,
        "AWS::KMS::Key",
        ctx.region,
        name,
        BTreeMap::new(),
        errors.attach(attrs),
    )
}
