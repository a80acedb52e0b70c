//! The resource-type manifest: every fact about a resource type declared once, in
//! `shared/data/resource_types.json` — which collector lists it and where (scope), how
//! it is named (id field, ARN template), the API calls and IAM actions reading it, and
//! the CloudTrail events that change it (real-time rescans, see `collect::events`).
//! Collector plans, role permissions and control triggers are derived from it.
//! Builds without the `aws` feature: the events function's fuzz targets use it.

use crate::collect::Scope;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const MANIFEST_JSON: &str = include_str!("../data/resource_types.json");

/// The id path that names the account itself (the id of its settings resources).
pub const ACCOUNT_ID: &str = "$account";
/// The id path for events that change resources of a type without naming them (an
/// account-wide setting, a resource another one depends on): every resource of the
/// type's collector in the event's region is rescanned.
pub const EVERY_RESOURCE: &str = "$all";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub resource_types: Vec<ResourceTypeEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceTypeEntry {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub collector: String,
    #[serde(deserialize_with = "scope")]
    pub scope: Scope,
    /// The field of the API's answer that identifies one resource.
    pub id: String,
    /// The resource's ARN, with `{region}`, `{account}` and `{id}` placeholders.
    pub arn: String,
    pub operations: Vec<Operation>,
    pub events: Vec<EventRule>,
    /// Why the type has no events (it changes through no API call of its own); a type
    /// with neither events nor this reason fails the manifest's checks.
    #[serde(default)]
    pub events_exempt: Option<String>,
}

/// One API call a collector makes, and the IAM action that authorises it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// `<api service>:<Operation>`, as AWS names the operation.
    pub call: String,
    pub action: String,
    /// For list calls: where the listed items sit in the answer.
    #[serde(default)]
    pub items: Option<String>,
    #[serde(default)]
    pub paginated: bool,
    /// The IAM resource the action is granted on, for actions authorised by resource
    /// path (API Gateway's `apigateway:GET`, which on `*` would also read API keys);
    /// absent means `*`.
    #[serde(default)]
    pub resource: Option<String>,
}

/// CloudTrail management events that change resources of a type, and where their ids
/// are: dotted paths into the event, `[]` stepping into every array element, or
/// `$account` for the account itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRule {
    pub source: String,
    pub names: Vec<String>,
    pub ids: Vec<String>,
}

impl ResourceTypeEntry {
    /// The events that rescan resources of this type, as `<source>:<EventName>`, sorted.
    pub fn triggers(&self) -> Vec<String> {
        let all: BTreeSet<String> = self
            .events
            .iter()
            .flat_map(|r| r.names.iter().map(move |n| format!("{}:{n}", r.source)))
            .collect();
        all.into_iter().collect()
    }

    /// The service of the type's ARNs (`ec2` of `arn:aws:ec2:...`).
    pub fn arn_service(&self) -> Option<&str> {
        let mut parts = self.arn.split(':');
        (parts.next() == Some("arn") && parts.next().is_some())
            .then(|| parts.next())
            .flatten()
            .filter(|s| !s.is_empty())
    }
}

impl EventRule {
    pub fn matches(&self, source: &str, name: &str) -> bool {
        self.source == source && self.names.iter().any(|n| n == name)
    }
}

/// A collector as the planner sees it: its scope and the types it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectorEntry {
    pub name: &'static str,
    pub scope: Scope,
    pub resource_types: Vec<&'static str>,
}

fn scope<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Scope, D::Error> {
    match String::deserialize(d)?.as_str() {
        "global" => Ok(Scope::Global),
        "regional" => Ok(Scope::Regional),
        other => Err(serde::de::Error::custom(format!(
            "scope {other:?} is neither global nor regional"
        ))),
    }
}

/// The manifest embedded in the library, parsed and checked once.
pub fn manifest() -> &'static Manifest {
    static MANIFEST: OnceLock<Manifest> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        // The file is part of the build: a broken one fails its unit test first.
        parse(MANIFEST_JSON).unwrap_or_else(|e| panic!("shared/data/resource_types.json: {e}"))
    })
}

/// Parses and checks a manifest text.
pub fn parse(text: &str) -> Result<Manifest, String> {
    let m: Manifest = serde_json::from_str(text).map_err(|e| e.to_string())?;
    m.validate()?;
    Ok(m)
}

impl Manifest {
    pub fn entry(&self, resource_type: &str) -> Option<&ResourceTypeEntry> {
        self.resource_types
            .iter()
            .find(|e| e.resource_type == resource_type)
    }

    /// Every collector, in plan order (the order of its first type in the file).
    pub fn collectors(&'static self) -> Vec<CollectorEntry> {
        let mut out: Vec<CollectorEntry> = Vec::new();
        for e in &self.resource_types {
            match out.iter_mut().find(|c| c.name == e.collector) {
                Some(c) => c.resource_types.push(&e.resource_type),
                None => out.push(CollectorEntry {
                    name: &e.collector,
                    scope: e.scope,
                    resource_types: vec![&e.resource_type],
                }),
            }
        }
        out
    }

    /// Every IAM action the collectors need.
    pub fn iam_actions(&self) -> BTreeSet<String> {
        self.resource_types
            .iter()
            .flat_map(|e| e.operations.iter().map(|o| o.action.clone()))
            .collect()
    }

    /// The IAM actions one collector needs.
    pub fn iam_actions_of(&self, collector: &str) -> BTreeSet<String> {
        self.resource_types
            .iter()
            .filter(|e| e.collector == collector)
            .flat_map(|e| e.operations.iter().map(|o| o.action.clone()))
            .collect()
    }

    /// The types whose events include `source`/`name`, with the rule that says so.
    pub fn types_changed_by(
        &self,
        source: &str,
        name: &str,
    ) -> Vec<(&ResourceTypeEntry, &EventRule)> {
        self.resource_types
            .iter()
            .flat_map(|e| e.events.iter().map(move |r| (e, r)))
            .filter(|(_, r)| r.matches(source, name))
            .collect()
    }

    fn validate(&self) -> Result<(), String> {
        let mut types = BTreeSet::new();
        let mut scopes: BTreeMap<&str, Scope> = BTreeMap::new();
        for e in &self.resource_types {
            let t = &e.resource_type;
            if !types.insert(t.as_str()) {
                return Err(format!("{t} is declared twice"));
            }
            if t.split("::").count() != 3 || e.collector.is_empty() {
                return Err(format!(
                    "{t:?}: a type is Vendor::Service::Kind and names its collector"
                ));
            }
            if *scopes.entry(&e.collector).or_insert(e.scope) != e.scope {
                return Err(format!(
                    "{t}: collector {} has types of both scopes",
                    e.collector
                ));
            }
            if e.id.trim().is_empty() {
                return Err(format!("{t}: empty id"));
            }
            if !e.arn.starts_with("arn:") && e.arn != "{id}" {
                return Err(format!(
                    "{t}: arn {:?} is neither an ARN template nor {{id}}",
                    e.arn
                ));
            }
            for o in &e.operations {
                for (what, v) in [("call", &o.call), ("action", &o.action)] {
                    if !looks_like_action(v) {
                        return Err(format!("{t}: operation {what} {v:?} is not `prefix:Name`"));
                    }
                }
            }
            for r in &e.events {
                check_event_rule(t, r)?;
            }
            match &e.events_exempt {
                Some(_) if !e.events.is_empty() => {
                    return Err(format!("{t}: has events and is exempt from them"))
                }
                Some(reason) if reason.trim().is_empty() => {
                    return Err(format!("{t}: events_exempt gives no reason"))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn looks_like_action(v: &str) -> bool {
    v.split_once(':').is_some_and(|(prefix, name)| {
        !prefix.is_empty()
            && prefix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// `$account`, `$all`, a dotted path under one of `roots`, or a template joining such
/// paths in braces (`{requestParameters.userName}/{requestParameters.policyName}`).
fn is_id_path(p: &str, roots: &[&str]) -> bool {
    let under_root = |p: &str| roots.iter().any(|root| p.starts_with(root));
    if p == ACCOUNT_ID || p == EVERY_RESOURCE {
        return true;
    }
    if !p.contains('{') {
        return under_root(p) && !p.contains(['}', '/']);
    }
    let parts: Vec<&str> = p.split('{').skip(1).collect();
    !p.starts_with('}')
        && !parts.is_empty()
        && parts.iter().all(|part| {
            part.split_once('}')
                .is_some_and(|(path, rest)| under_root(path) && !rest.contains('}'))
        })
}

fn check_event_rule(t: &str, r: &EventRule) -> Result<(), String> {
    if !r.source.ends_with(".amazonaws.com") || r.names.is_empty() || r.ids.is_empty() {
        return Err(format!(
            "{t}: an event rule needs a `<service>.amazonaws.com` source, names and ids ({})",
            r.source
        ));
    }
    if let Some(n) = r
        .names
        .iter()
        .find(|n| !looks_like_action(&format!("x:{n}")))
    {
        return Err(format!("{t}: event name {n:?} of {}", r.source));
    }
    let roots = ["requestParameters.", "responseElements.", "userIdentity."];
    if let Some(p) = r.ids.iter().find(|p| !is_id_path(p, &roots)) {
        return Err(format!(
            "{t}: id path {p:?} of {} is not under requestParameters, responseElements or userIdentity",
            r.source
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_manifest_loads_and_checks() {
        let m = manifest();
        assert!(m.resource_types.len() > 100);
        let sg = m.entry("AWS::EC2::SecurityGroup").unwrap();
        assert_eq!((sg.collector.as_str(), sg.scope), ("ec2", Scope::Regional));
        // Plan order: slow global collectors first.
        let names: Vec<&str> = m.collectors().iter().map(|c| c.name).collect();
        assert_eq!(&names[..3], ["iam", "s3", "cloudtrail"]);
        assert!(m.iam_actions().contains("ec2:DescribeSecurityGroups"));
        assert!(m.iam_actions_of("s3").contains("s3:ListAllMyBuckets"));
        assert!(!m
            .iam_actions_of("s3")
            .contains("ec2:DescribeSecurityGroups"));
    }

    #[test]
    fn broken_manifests_are_named() {
        let entry = |ty: &str, collector: &str, scope: &str, action: &str, path: &str| {
            format!(
                r#"{{"type": "{ty}", "collector": "{collector}", "scope": "{scope}", "id": "Id",
                "arn": "arn:aws:x:{{region}}:{{account}}:thing/{{id}}",
                "operations": [{{"call": "x:ListThings", "action": "{action}"}}],
                "events": [{{"source": "x.amazonaws.com", "names": ["PutThing"], "ids": ["{path}"]}}]}}"#
            )
        };
        let doc = |entries: &[String]| format!(r#"{{"resource_types": [{}]}}"#, entries.join(","));
        let good = entry(
            "AWS::X::Thing",
            "x",
            "regional",
            "x:ListThings",
            "requestParameters.id",
        );
        assert!(parse(&doc(std::slice::from_ref(&good))).is_ok());
        let cases = [
            (doc(&[good.clone(), good.clone()]), "declared twice"),
            (
                doc(&[
                    good.clone(),
                    entry("AWS::X::Other", "x", "global", "x:ListThings", "$account"),
                ]),
                "both scopes",
            ),
            (
                doc(&[entry(
                    "AWS::X::Thing",
                    "x",
                    "regional",
                    "ListThings",
                    "$account",
                )]),
                "prefix:Name",
            ),
            (
                doc(&[entry(
                    "AWS::X::Thing",
                    "x",
                    "regional",
                    "x:ListThings",
                    "detail.id",
                )]),
                "id path",
            ),
            (
                doc(&[entry(
                    "AWS::X::Thing",
                    "x",
                    "sideways",
                    "x:ListThings",
                    "$account",
                )]),
                "scope",
            ),
        ];
        for (text, expected) in cases {
            let err = parse(&text).unwrap_err();
            assert!(err.contains(expected), "{expected}: {err}");
        }
    }
}
