//! AWS Backup vaults, recovery points and plans (regional), read through `aws::api`
//! (REST-JSON); and which plans select a given resource, for the collectors of the
//! resources AWS Backup protects (RDS, DynamoDB).

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{
    api::{Method, Protocol},
    Api, ApiError, Service,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const BACKUP: Service = Service {
    signing_name: "backup",
    endpoint_prefix: "backup",
    protocol: Protocol::RestJson,
    global: None,
};

const VAULT: &str = "AWS::Backup::BackupVault";
const RECOVERY_POINT: &str = "AWS::Backup::RecoveryPoint";
const SETTINGS: &str = "Parapet::Backup::RegionSettings";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&BACKUP, ctx.region);
    let _permit = ctx.permit(BACKUP.signing_name, ctx.region).await;
    match api
        .rest_list(
            "ListBackupPlans",
            "/backup/plans/",
            &[("maxResults", "100".into())],
            "nextToken",
            "NextToken",
            "BackupPlansList",
        )
        .await
    {
        Ok(plans) => out.resources.push(ctx.region_settings(
            SETTINGS,
            "backup",
            "plans",
            json!({ "plans": plans }),
        )),
        Err(e) => out.fail(SETTINGS, ctx.region, e.to_string()),
    }
    let vaults = match api
        .rest_list(
            "ListBackupVaults",
            "/backup-vaults/",
            &[("maxResults", "100".into())],
            "nextToken",
            "NextToken",
            "BackupVaultList",
        )
        .await
    {
        Ok(v) => v,
        Err(e) => {
            let reason = e.to_string();
            out.fail(VAULT, ctx.region, reason.clone());
            return out.fail(RECOVERY_POINT, ctx.region, reason);
        }
    };
    for vault in vaults {
        let name = vault["BackupVaultName"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let arn = vault["BackupVaultArn"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        match api
            .rest_list(
                "ListRecoveryPointsByBackupVault",
                &format!("/backup-vaults/{}/recovery-points/", path_segment(&name)),
                &[("maxResults", "100".into())],
                "nextToken",
                "NextToken",
                "RecoveryPoints",
            )
            .await
        {
            Ok(points) => {
                for p in points {
                    let arn = p["RecoveryPointArn"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    let id = arn.rsplit(':').next().unwrap_or(&arn).to_string();
                    out.resources.push(ctx.resource(
                        arn,
                        RECOVERY_POINT,
                        ctx.region,
                        id,
                        BTreeMap::new(),
                        p,
                    ));
                }
            }
            Err(e) => out.fail(RECOVERY_POINT, ctx.region, format!("{e} (vault {name})")),
        }
        let attrs = with_access_policy(ctx, &api, &name, vault).await;
        out.resources
            .push(ctx.resource(arn, VAULT, ctx.region, name, BTreeMap::new(), attrs));
    }
}

/// Adds the vault's access policy (`policy`: decoded, null when the vault has none, which
/// the API answers with ResourceNotFoundException) when a control reads it.
async fn with_access_policy(ctx: &Context<'_>, api: &Api, name: &str, mut vault: Value) -> Value {
    if !ctx.needs(VAULT, "policy") {
        return vault;
    }
    let mut errors = Errors::default();
    let path = format!("/backup-vaults/{}/access-policy", path_segment(name));
    let policy = match api
        .rest("GetBackupVaultAccessPolicy", Method::GET, &path, &[], None)
        .await
    {
        Ok(answer) => answer["Policy"]
            .as_str()
            .map_or(Value::Null, super::support::policy_document),
        Err(e) if e.code == "ResourceNotFoundException" => Value::Null,
        Err(e) => {
            errors.record_api("policy", &e);
            Value::Null
        }
    };
    if let Some(obj) = vault.as_object_mut() {
        obj.insert("policy".into(), policy);
    }
    errors.attach(vault)
}

/// Everything but RFC 3986's unreserved characters is escaped in a path segment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A name as one percent-encoded URL path segment.
fn path_segment(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, SEGMENT).to_string()
}

/// One backup selection with the name of the plan it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    plan: String,
    selection: Value,
}

/// Every backup selection of every plan in the region (ListBackupPlans,
/// ListBackupSelections and GetBackupSelection). Collectors of protectable resources read
/// it once per task and match each resource with `plans_selecting`.
pub(crate) async fn selections(ctx: &Context<'_>) -> Result<Vec<Selection>, ApiError> {
    let api = ctx.clients.api(&BACKUP, ctx.region);
    let plans = api
        .rest_list(
            "ListBackupPlans",
            "/backup/plans/",
            &[("maxResults", "100".into())],
            "nextToken",
            "NextToken",
            "BackupPlansList",
        )
        .await?;
    let mut out = Vec::new();
    for plan in plans {
        let (Some(id), name) = (
            plan["BackupPlanId"].as_str(),
            plan["BackupPlanName"].as_str().unwrap_or_default(),
        ) else {
            continue;
        };
        let listed = selection_ids(&api, id).await?;
        for selection_id in listed {
            let got = api
                .rest(
                    "GetBackupSelection",
                    crate::aws::api::Method::GET,
                    &format!(
                        "/backup/plans/{}/selections/{}",
                        path_segment(id),
                        path_segment(&selection_id)
                    ),
                    &[],
                    None,
                )
                .await?;
            out.push(Selection {
                plan: name.to_string(),
                selection: got["BackupSelection"].clone(),
            });
        }
    }
    Ok(out)
}

async fn selection_ids(api: &Api, plan_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(api
        .rest_list(
            "ListBackupSelections",
            &format!("/backup/plans/{}/selections/", path_segment(plan_id)),
            &[("maxResults", "100".into())],
            "nextToken",
            "NextToken",
            "BackupSelectionsList",
        )
        .await?
        .iter()
        .filter_map(|s| s["SelectionId"].as_str().map(str::to_string))
        .collect())
}

/// The `backup_plans` attribute of a protectable resource: the names of the plans whose
/// selections pick it, or an `errors` entry when the selections could not be read.
pub(crate) fn backup_plans_attribute(
    selections: &Result<Vec<Selection>, ApiError>,
    arn: &str,
    tags: &BTreeMap<String, String>,
    errors: &mut Errors,
) -> Value {
    match selections {
        Ok(s) => json!(plans_selecting(s, arn, tags)),
        Err(e) => {
            errors.record_api("backup_plans", e);
            Value::Null
        }
    }
}

/// The plans (sorted, once each) with a selection that picks the resource: its ARN
/// matches a `Resources` pattern or its tags match a `ListOfTags` entry, every
/// `Conditions` test holds, and no `NotResources` pattern matches.
pub(crate) fn plans_selecting(
    selections: &[Selection],
    arn: &str,
    tags: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut plans: Vec<String> = selections
        .iter()
        .filter(|s| selects(&s.selection, arn, tags))
        .map(|s| s.plan.clone())
        .collect();
    plans.sort();
    plans.dedup();
    plans
}

fn strings(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

fn selects(sel: &Value, arn: &str, tags: &BTreeMap<String, String>) -> bool {
    let by_arn = strings(&sel["Resources"]).any(|p| glob(p, arn));
    let by_tag = sel["ListOfTags"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|t| tag_test(t, "STRINGEQUALS", tags));
    let conditions = &sel["Conditions"];
    let all_hold = [
        ("StringEquals", "STRINGEQUALS"),
        ("StringNotEquals", "STRINGNOTEQUALS"),
        ("StringLike", "STRINGLIKE"),
        ("StringNotLike", "STRINGNOTLIKE"),
    ]
    .iter()
    .all(|(key, op)| {
        conditions[*key]
            .as_array()
            .into_iter()
            .flatten()
            .all(|c| tag_test(c, op, tags))
    });
    let excluded = strings(&sel["NotResources"]).any(|p| glob(p, arn));
    (by_arn || by_tag) && all_hold && !excluded
}

/// One tag test of a selection: `ConditionKey` is a tag key (ListOfTags) or
/// `aws:ResourceTag/<key>` (Conditions).
fn tag_test(test: &Value, op: &str, tags: &BTreeMap<String, String>) -> bool {
    let key = test["ConditionKey"].as_str().unwrap_or_default();
    let key = key.strip_prefix("aws:ResourceTag/").unwrap_or(key);
    let want = test["ConditionValue"].as_str().unwrap_or_default();
    let op = test["ConditionType"].as_str().unwrap_or(op);
    let have = tags.get(key);
    match op {
        "STRINGEQUALS" => have.is_some_and(|v| v == want),
        "STRINGNOTEQUALS" => have.is_none_or(|v| v != want),
        "STRINGLIKE" => have.is_some_and(|v| glob(want, v)),
        "STRINGNOTLIKE" => have.is_none_or(|v| !glob(want, v)),
        _ => false,
    }
}

/// `*` matches any run of characters (AWS Backup's resource and tag patterns).
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &text[first.len()..];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(plan: &str, selection: Value) -> Selection {
        Selection {
            plan: plan.into(),
            selection,
        }
    }

    #[test]
    fn selections_match_by_arn_pattern_tag_and_condition() {
        let table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
        let tags: BTreeMap<String, String> = [("backup".to_string(), "daily".to_string())].into();
        let selections = vec![
            // GetBackupSelection shapes, as in the API reference.
            sel(
                "every-table",
                json!({"Resources": ["arn:aws:dynamodb:*:*:table/*"]}),
            ),
            sel(
                "tagged",
                json!({"Resources": [], "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]}),
            ),
            sel(
                "all-but-orders",
                json!({"Resources": ["*"], "NotResources": ["arn:aws:dynamodb:*:*:table/orders"]}),
            ),
            sel(
                "prod-only",
                json!({"Resources": ["*"], "Conditions": {"StringEquals": [{"ConditionKey": "aws:ResourceTag/env", "ConditionValue": "prod"}]}}),
            ),
            sel("databases", json!({"Resources": ["arn:aws:rds:*:*:db:*"]})),
        ];
        assert_eq!(
            plans_selecting(&selections, table, &tags),
            ["every-table", "tagged"]
        );
        let prod: BTreeMap<String, String> = [("env".to_string(), "prod".to_string())].into();
        assert_eq!(
            plans_selecting(&selections, table, &prod),
            ["every-table", "prod-only"]
        );
        assert_eq!(
            plans_selecting(
                &selections,
                "arn:aws:rds:us-east-1:111122223333:db:app",
                &BTreeMap::new()
            ),
            ["all-but-orders", "databases"]
        );
    }

    #[test]
    fn glob_patterns() {
        assert!(glob("*", "anything"));
        assert!(glob("arn:aws:rds:*:*:db:*", "arn:aws:rds:eu-west-1:1:db:x"));
        assert!(!glob(
            "arn:aws:rds:*:*:db:*",
            "arn:aws:rds:eu-west-1:1:cluster:x"
        ));
        assert!(glob("exact", "exact"));
        assert!(!glob("exact", "exactly"));
        assert!(glob("a*b*c", "abc"));
        assert!(!glob("a*b*c", "acb"));
    }
}
