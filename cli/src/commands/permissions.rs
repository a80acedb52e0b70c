//! `parapet permissions`: the IAM actions the scan role needs, per collector, from the
//! resource-type manifest (`shared/data/resource_types.json`), which the installation's
//! templates are generated from too (`scripts/gen_role_actions.py`).

use clap::Args;
use parapet::collect::{Scope, COLLECTORS};
use parapet::manifest::manifest;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

#[derive(Args)]
pub struct PermissionsArgs {
    /// Only this collector's actions.
    #[arg(long)]
    collector: Option<String>,
    /// `table` per collector, `json`, or `policy`: an IAM policy document for a role
    /// parapet assumes (partition `aws`). It fits a role's inline policies (10,240
    /// characters), not one managed policy (6,144). The templates also deny data reads.
    #[arg(long, value_enum, default_value = "table")]
    format: PermissionsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PermissionsFormat {
    Table,
    Json,
    Policy,
}

/// One collector's permissions: each IAM action with the resources it is granted on
/// (empty for `*`).
struct CollectorActions {
    name: &'static str,
    scope: Scope,
    actions: BTreeMap<&'static str, BTreeSet<&'static str>>,
}

fn collector_actions(name: &'static str, scope: Scope) -> CollectorActions {
    let mut actions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for entry in manifest()
        .resource_types
        .iter()
        .filter(|e| e.collector == name)
    {
        for op in &entry.operations {
            let resources = actions.entry(op.action.as_str()).or_default();
            resources.extend(op.resource.as_deref());
        }
    }
    CollectorActions {
        name,
        scope,
        actions,
    }
}

fn selected(collector: Option<&str>) -> anyhow::Result<Vec<CollectorActions>> {
    let all = COLLECTORS
        .iter()
        .map(|c| collector_actions(c.name, c.scope));
    match collector {
        None => Ok(all.collect()),
        Some(name) => match all.into_iter().find(|c| c.name == name) {
            Some(c) => Ok(vec![c]),
            None => {
                let names: Vec<&str> = COLLECTORS.iter().map(|c| c.name).collect();
                anyhow::bail!(
                    "unknown collector {name:?}; the collectors are: {}",
                    names.join(", ")
                )
            }
        },
    }
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "global",
        Scope::Regional => "regional",
    }
}

fn table(collectors: &[CollectorActions]) -> String {
    let mut out = String::new();
    for c in collectors {
        out.push_str(&format!(
            "{} ({}): {} action(s)\n",
            c.name,
            scope_name(c.scope),
            c.actions.len()
        ));
        for (action, resources) in &c.actions {
            match resources.is_empty() {
                true => out.push_str(&format!("  {action}\n")),
                false => {
                    let on: Vec<&str> = resources.iter().copied().collect();
                    out.push_str(&format!("  {action} on {}\n", on.join(", ")));
                }
            }
        }
    }
    out
}

fn as_json(collectors: &[CollectorActions]) -> Value {
    let list: Vec<Value> = collectors
        .iter()
        .map(|c| {
            let actions: Vec<Value> = c
                .actions
                .iter()
                .map(|(action, resources)| match resources.is_empty() {
                    true => json!({"action": action, "resources": ["*"]}),
                    false => json!({"action": action, "resources": resources}),
                })
                .collect();
            json!({"collector": c.name, "scope": scope_name(c.scope), "actions": actions})
        })
        .collect();
    json!({ "collectors": list })
}

/// One statement of every action granted on `*`, and one per action granted only on
/// some resources (API Gateway's GET, by path: on `*` it would also read API keys).
fn policy(collectors: &[CollectorActions]) -> Value {
    let mut everywhere: BTreeSet<&str> = BTreeSet::new();
    let mut scoped: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in collectors {
        for (action, resources) in &c.actions {
            match resources.is_empty() {
                true => everywhere.insert(action),
                false => {
                    scoped.entry(action).or_default().extend(resources);
                    true
                }
            };
        }
    }
    // An action some operation grants on `*` and another only on paths stays scoped.
    everywhere.retain(|a| !scoped.contains_key(a));
    let mut statements = vec![json!({
        "Sid": "ParapetRead",
        "Effect": "Allow",
        "Action": everywhere,
        "Resource": "*",
    })];
    for (action, resources) in scoped {
        // `apigateway:GET` -> `ApigatewayGET`.
        let sid: String = action
            .split([':', '-'])
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        statements.push(json!({
            "Sid": format!("ParapetRead{sid}"),
            "Effect": "Allow",
            "Action": action,
            "Resource": resources,
        }));
    }
    json!({"Version": "2012-10-17", "Statement": statements})
}

pub fn run(args: PermissionsArgs) -> anyhow::Result<ExitCode> {
    let collectors = selected(args.collector.as_deref())?;
    match args.format {
        PermissionsFormat::Table => print!("{}", table(&collectors)),
        PermissionsFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&as_json(&collectors))?)
        }
        PermissionsFormat::Policy => {
            println!("{}", serde_json::to_string_pretty(&policy(&collectors))?)
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions_in(policy: &Value) -> BTreeSet<String> {
        policy["Statement"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|st| match &st["Action"] {
                Value::String(a) => vec![a.clone()],
                list => list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn the_policy_grants_the_manifests_actions_and_api_gateway_by_path() {
        let doc = policy(&selected(None).unwrap());
        assert_eq!(actions_in(&doc), manifest().iam_actions());
        let statements = doc["Statement"].as_array().unwrap();
        let everywhere = &statements[0];
        assert_eq!(everywhere["Resource"], "*");
        let on_everything = everywhere["Action"].as_array().unwrap();
        assert!(!on_everything.contains(&json!("apigateway:GET")));
        let api = statements
            .iter()
            .find(|st| st["Action"] == "apigateway:GET")
            .expect("a statement for apigateway:GET");
        let paths: Vec<&str> = api["Resource"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(
            paths.contains(&"arn:aws:apigateway:*::/restapis"),
            "{paths:?}"
        );
        assert!(paths.iter().all(|p| !p.contains("apikeys")));
        assert_eq!(api["Sid"], "ParapetReadApigatewayGET");
        // IAM's quota on a role's inline policies, whitespace not counted.
        assert!(serde_json::to_string(&doc).unwrap().len() < 10_240);
    }

    #[test]
    fn one_collector_shows_only_its_actions() {
        let s3 = selected(Some("s3")).unwrap();
        let doc = as_json(&s3);
        assert_eq!(doc["collectors"].as_array().unwrap().len(), 1);
        let actions: BTreeSet<String> = actions_in(&policy(&s3));
        assert_eq!(actions, manifest().iam_actions_of("s3"));
        assert!(actions.contains("s3:ListAllMyBuckets"));
        assert!(!actions.iter().any(|a| a.starts_with("ec2:")));
        let text = table(&s3);
        assert!(text.starts_with("s3 (global): "), "{text}");
        assert!(text.contains("\n  s3:GetBucketPolicy\n"), "{text}");
    }

    #[test]
    fn an_unknown_collector_is_named_with_the_known_ones() {
        let err = selected(Some("nope")).err().unwrap().to_string();
        assert!(err.contains("\"nope\"") && err.contains("iam, s3"), "{err}");
    }
}
