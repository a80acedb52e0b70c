//! Recent API activity per identity (regional), from CloudTrail LookupEvents: which of a
//! few watched event names each identity called in the last day, for the threat
//! detection controls (enumeration, privilege escalation, LLM jacking). Regional, unlike
//! the `cloudtrail` collector, because LookupEvents answers for one region and allows two
//! calls a second there: regions are read in parallel tasks.

use super::{Collected, Context};
use crate::aws::failure;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const TYPE: &str = "Parapet::CloudTrail::RegionActivity";

/// How far back the lookups reach.
const WINDOW_HOURS: i64 = 24;

/// LookupEvents allows 2 calls a second per account and region.
const CALL_SPACING: Duration = Duration::from_millis(500);

/// Discovery calls an intruder makes to map an account.
const ENUMERATION: &[&str] = &[
    "GetCallerIdentity",
    "GetAccountAuthorizationDetails",
    "ListUsers",
    "ListRoles",
    "ListPolicies",
    "ListAccessKeys",
    "ListGroups",
    "ListAttachedUserPolicies",
    "ListBuckets",
    "DescribeInstances",
    "DescribeSecurityGroups",
    "DescribeVpcs",
    "DescribeSnapshots",
    "ListFunctions20150331",
    "ListSecrets",
    "ListKeys",
    "DescribeDBInstances",
    "ListAccounts",
    "DescribeTrails",
    "ListDetectors",
    "ListTables",
];

/// Calls that give an identity more power than it had.
const PRIVILEGE_ESCALATION: &[&str] = &[
    "CreateAccessKey",
    "CreateLoginProfile",
    "UpdateLoginProfile",
    "AttachUserPolicy",
    "AttachRolePolicy",
    "AttachGroupPolicy",
    "PutUserPolicy",
    "PutRolePolicy",
    "PutGroupPolicy",
    "CreatePolicyVersion",
    "SetDefaultPolicyVersion",
    "AddUserToGroup",
    "UpdateAssumeRolePolicy",
    "CreateFunction20150331",
    "UpdateFunctionCode20150331v2",
    "RunInstances",
    "CreateStack",
];

/// Calls made when stolen credentials are used to run paid foundation models.
const LLM_JACKING: &[&str] = &[
    "InvokeModel",
    "InvokeModelWithResponseStream",
    "Converse",
    "ConverseStream",
    "GetFoundationModelAvailability",
    "ListFoundationModels",
    "PutUseCaseForModelAccess",
    "CreateFoundationModelAgreement",
    "PutFoundationModelEntitlement",
    "GetModelInvocationLoggingConfiguration",
    "DeleteModelInvocationLoggingConfiguration",
];

const CATEGORIES: [(&str, &[&str]); 3] = [
    ("enumeration", ENUMERATION),
    ("privilege_escalation", PRIVILEGE_ESCALATION),
    ("llm_jacking", LLM_JACKING),
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let ct = ctx.clients.cloudtrail(ctx.region);
    let _permit = ctx.permit("cloudtrail", ctx.region).await;
    let start = ctx.now - chrono::Duration::hours(WINDOW_HOURS);
    let names: BTreeSet<&str> = CATEGORIES
        .iter()
        .flat_map(|(_, n)| n.iter().copied())
        .collect();
    let mut calls: Vec<(String, String)> = Vec::new();
    for name in names {
        let attribute = LookupAttribute::builder()
            .attribute_key(LookupAttributeKey::EventName)
            .attribute_value(name)
            .build();
        let attribute = match attribute {
            Ok(a) => a,
            Err(e) => return out.fail(TYPE, ctx.region, format!("LookupEvents: {e}")),
        };
        let mut pages = ct
            .lookup_events()
            .lookup_attributes(attribute)
            .start_time(aws_smithy_types::DateTime::from_secs(start.timestamp()))
            .end_time(aws_smithy_types::DateTime::from_secs(ctx.now.timestamp()))
            .max_results(50)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            match page {
                Ok(p) => {
                    for e in p.events() {
                        let identity = identity_of(e.cloud_trail_event(), e.username());
                        calls.push((identity, e.event_name().unwrap_or(name).to_string()));
                    }
                }
                Err(e) => {
                    return out.fail(
                        TYPE,
                        ctx.region,
                        format!("{} (event {name})", failure("LookupEvents", &e)),
                    )
                }
            }
            tokio::time::sleep(CALL_SPACING).await;
        }
    }
    out.resources
        .push(ctx.region_settings(TYPE, "cloudtrail", "activity", activity(&calls)));
}

/// Who made a call: the event's userIdentity ARN, else the user name LookupEvents gives.
fn identity_of(event_json: Option<&str>, username: Option<&str>) -> String {
    event_json
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| {
            v.pointer("/userIdentity/arn")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .or_else(|| username.map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// The `activity` attribute: for each category, how many event names it watches and,
/// per identity, which of them it called (sorted, once each).
fn activity(calls: &[(String, String)]) -> Value {
    let mut categories = Map::new();
    for (category, names) in CATEGORIES {
        let mut identities: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (identity, name) in calls {
            if names.contains(&name.as_str()) {
                identities.entry(identity).or_default().insert(name);
            }
        }
        categories.insert(
            category.into(),
            json!({"watched": names.len(), "identities": identities}),
        );
    }
    categories.insert("window_hours".into(), json!(WINDOW_HOURS));
    Value::Object(categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_grouped_by_identity_and_category() {
        // CloudTrailEvent as LookupEvents returns it (a JSON string), abridged.
        let event = r#"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/mallory","userName":"mallory"},"eventName":"ListUsers"}"#;
        let who = identity_of(Some(event), Some("mallory"));
        assert_eq!(who, "arn:aws:iam::111122223333:user/mallory");
        assert_eq!(identity_of(None, Some("bob")), "bob");
        let calls = vec![
            (who.clone(), "ListUsers".to_string()),
            (who.clone(), "ListUsers".to_string()),
            (who.clone(), "ListRoles".to_string()),
            (who.clone(), "AttachUserPolicy".to_string()),
            ("bob".to_string(), "InvokeModel".to_string()),
        ];
        let a = activity(&calls);
        let e = &a["enumeration"];
        assert_eq!(e["watched"], ENUMERATION.len());
        assert_eq!(e["identities"][&who], json!(["ListRoles", "ListUsers"]));
        assert_eq!(
            a["privilege_escalation"]["identities"][&who],
            json!(["AttachUserPolicy"])
        );
        assert_eq!(
            a["llm_jacking"]["identities"]["bob"],
            json!(["InvokeModel"])
        );
        assert_eq!(a["window_hours"], 24);
    }
}
