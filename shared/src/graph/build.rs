//! `build`: a scan's resources and findings -> the graph. Pure: no I/O besides the
//! policy library's evaluation, so every case is a unit test on resource documents.

use super::identity::Identities;
use super::model::{
    Edge, EdgeKind, FindingRef, Graph, Node, NodeKind, ANY_AWS_PRINCIPAL, INTERNET,
};
use super::policy::Questions;
use crate::model::{Finding, Resource, Status};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The tag that makes a resource a path target.
pub const CROWN_JEWEL_TAG: &str = "parapet:crown-jewel";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--crown-jewel REGEX`: resources whose ARN or name matches are the targets,
    /// instead of the default kinds (tagged resources always are).
    pub crown_jewel: Option<Regex>,
}

impl Options {
    /// Options with `--crown-jewel PATTERN` (a regular expression; at most 1,000
    /// characters, as it comes from a command line or a configuration).
    pub fn with_crown_jewel(pattern: Option<&str>) -> anyhow::Result<Options> {
        let crown_jewel = match pattern {
            None => None,
            Some(p) if p.len() > 1000 => {
                anyhow::bail!("--crown-jewel: pattern longer than 1,000 characters")
            }
            Some(p) => {
                Some(Regex::new(p).map_err(|e| anyhow::anyhow!("--crown-jewel {p:?}: {e}"))?)
            }
        };
        Ok(Options { crown_jewel })
    }
}

/// A resource the internet reaches over the network (from `reachability`), in the form
/// the graph needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub resource_arn: String,
    /// instance, load_balancer, function_url, api, database, ...
    pub kind: String,
    pub ports: Vec<String>,
    pub sources: Vec<String>,
    /// The facts that make it reachable, for people.
    pub evidence: Vec<String>,
    /// Resources those facts come from (security groups, NACLs, route tables), whose
    /// findings enable the edge.
    pub related: Vec<String>,
}

/// The graph of a scan: network entries computed by `reachability`, identity edges by
/// the policy library.
pub fn build(
    resources: &[Resource],
    findings: &[Finding],
    options: &Options,
) -> anyhow::Result<Graph> {
    let (entries, notes) = super::entries(resources);
    let mut graph = build_with_entries(resources, findings, &entries, options)?;
    graph.notes.extend(notes);
    graph.notes.sort();
    graph.notes.dedup();
    Ok(graph)
}

/// `build` with the network entries given.
pub fn build_with_entries(
    resources: &[Resource],
    findings: &[Finding],
    entries: &[Entry],
    options: &Options,
) -> anyhow::Result<Graph> {
    let mut graph = Graph {
        nodes: nodes(resources),
        ..Default::default()
    };
    graph.edges.extend(entries.iter().map(reaches));
    graph.edges.extend(runs_as(resources));
    graph.edges.extend(encrypted_by(resources));
    let mut questions = Questions::default();
    let identities = Identities::gather(resources, &mut questions);
    let answers = questions.answer()?;
    identities.edges(&answers, &mut graph.edges);
    add_missing_nodes(&mut graph);
    mark_crown_jewels(&mut graph, resources, options);
    attach_findings(&mut graph, findings);
    graph.notes = attribute_notes(resources);
    graph.normalize();
    Ok(graph)
}

/// The attributes the graph reads, per resource type.
const READS: &[(&str, &[&str])] = &[
    (
        "AWS::EC2::Instance",
        &["IamInstanceProfile", "MetadataOptions"],
    ),
    (
        "AWS::IAM::Role",
        &[
            "AssumeRolePolicyDocument",
            "inline_policies",
            "attached_policies",
            "instance_profiles",
        ],
    ),
    (
        "AWS::IAM::User",
        &["inline_policies", "attached_policies", "groups"],
    ),
    ("AWS::Lambda::Function", &["Role", "function_url"]),
    (
        "AWS::S3::Bucket",
        &[
            "policy",
            "public_access_block",
            "account_public_access_block",
            "acl_grants",
            "encryption",
        ],
    ),
    ("AWS::KMS::Key", &["policy", "KeyManager"]),
    ("AWS::SecretsManager::Secret", &["policy"]),
];

/// What the graph could not see: an attribute it reads that the scan did not collect
/// (a scan of selected controls leaves out what they do not need) or could not read
/// (its `errors` entry). Edges may be missing there; saying so beats a silent gap.
fn attribute_notes(resources: &[Resource]) -> Vec<String> {
    let mut counts: BTreeMap<(&str, &str, bool), usize> = BTreeMap::new();
    for r in resources {
        let Some((ty, attrs)) = READS.iter().find(|(t, _)| *t == r.resource_type) else {
            continue;
        };
        for attr in *attrs {
            if r.attribute_error(attr).is_some() {
                *counts.entry((ty, attr, true)).or_default() += 1;
            } else if r.attributes.get(*attr).is_none() {
                *counts.entry((ty, attr, false)).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|((ty, attr, error), n)| {
            let what = if error {
                "could not be read"
            } else {
                "was not collected (scan with --all-attributes)"
            };
            format!("{ty} `{attr}` {what} for {n} resource(s): edges through them may be missing")
        })
        .collect()
}

fn node_kind(r: &Resource) -> Option<NodeKind> {
    Some(match r.resource_type.as_str() {
        "AWS::EC2::Instance" => NodeKind::Instance,
        "AWS::IAM::Role" => NodeKind::Role,
        "AWS::IAM::User" => NodeKind::User,
        "AWS::Lambda::Function" => NodeKind::Function,
        "AWS::ElasticLoadBalancingV2::LoadBalancer" | "AWS::ElasticLoadBalancing::LoadBalancer" => {
            NodeKind::LoadBalancer
        }
        "AWS::CloudFront::Distribution" => NodeKind::Distribution,
        "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage" => NodeKind::Api,
        "AWS::RDS::DBInstance"
        | "AWS::RDS::DBCluster"
        | "AWS::Redshift::Cluster"
        | "AWS::OpenSearchService::Domain"
        | "AWS::DynamoDB::Table" => NodeKind::Database,
        "AWS::S3::Bucket" => NodeKind::Bucket,
        "AWS::KMS::Key" => NodeKind::Key,
        "AWS::SecretsManager::Secret" => NodeKind::Secret,
        "Parapet::Account::Settings" => NodeKind::Account,
        _ => return None,
    })
}

fn nodes(resources: &[Resource]) -> Vec<Node> {
    let mut out = vec![
        Node {
            id: INTERNET.into(),
            kind: NodeKind::Internet,
            name: "internet".into(),
            crown_jewel: None,
        },
        Node {
            id: ANY_AWS_PRINCIPAL.into(),
            kind: NodeKind::AnyAwsPrincipal,
            name: "any AWS principal".into(),
            crown_jewel: None,
        },
    ];
    for r in resources {
        if let Some(kind) = node_kind(r) {
            out.push(Node {
                id: r.arn.clone(),
                kind,
                name: r.name.clone(),
                crown_jewel: None,
            });
        }
    }
    out
}

/// Nodes the edges name but no collected resource stands for: instance profiles (no
/// resource of their own) and the account when its settings were not collected.
fn add_missing_nodes(graph: &mut Graph) {
    let known: HashSet<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut missing: BTreeMap<String, NodeKind> = BTreeMap::new();
    for e in &graph.edges {
        for id in [&e.from, &e.to] {
            if known.contains(id.as_str()) {
                continue;
            }
            let kind = if id.contains(":instance-profile/") {
                NodeKind::InstanceProfile
            } else if id.ends_with(":root") {
                NodeKind::Account
            } else {
                continue;
            };
            missing.insert(id.clone(), kind);
        }
    }
    for (id, kind) in missing {
        let name = id.rsplit(['/', ':']).next().unwrap_or(&id).to_string();
        let name = if kind == NodeKind::Account {
            id.split(':').nth(4).unwrap_or(&id).to_string()
        } else {
            name
        };
        graph.nodes.push(Node {
            id,
            kind,
            name,
            crown_jewel: None,
        });
    }
    // Edges to resources outside the scan (a role of another account) cannot be walked.
    let known: HashSet<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    graph
        .edges
        .retain(|e| known.contains(e.from.as_str()) && known.contains(e.to.as_str()));
}

fn reaches(entry: &Entry) -> Edge {
    let mut e = Edge::new(INTERNET, &entry.resource_arn, EdgeKind::Reaches);
    e.entry = Some(entry.kind.clone());
    e.ports = entry.ports.clone();
    e.sources = entry.sources.clone();
    e.evidence = entry.evidence.clone();
    e.related = entry.related.iter().map(|r| r.as_str().into()).collect();
    e
}

/// instance -> instance profile -> role, function -> role.
fn runs_as(resources: &[Resource]) -> Vec<Edge> {
    let mut out = Vec::new();
    for r in resources {
        let a = &r.attributes;
        match r.resource_type.as_str() {
            "AWS::EC2::Instance" => {
                let Some(profile) = a["IamInstanceProfile"]["Arn"].as_str() else {
                    continue;
                };
                let mut e = Edge::new(&r.arn, profile, EdgeKind::RunsAs);
                let tokens = a["MetadataOptions"]["HttpTokens"].as_str().unwrap_or("");
                let endpoint = a["MetadataOptions"]["HttpEndpoint"]
                    .as_str()
                    .unwrap_or("enabled");
                // The metadata service hands out the role's credentials; without a
                // required session token a forged request (SSRF) is enough.
                e.imds = Some(
                    if endpoint == "disabled" {
                        "disabled"
                    } else if tokens == "required" {
                        "v2"
                    } else {
                        "v1"
                    }
                    .into(),
                );
                e.evidence.push(format!(
                    "instance profile {profile}, metadata HttpTokens {}",
                    if tokens.is_empty() { "unknown" } else { tokens }
                ));
                out.push(e);
            }
            "AWS::IAM::Role" => {
                for p in a["instance_profiles"].as_array().into_iter().flatten() {
                    if let Some(profile) = p.as_str() {
                        let mut e = Edge::new(profile, &r.arn, EdgeKind::RunsAs);
                        e.evidence
                            .push(format!("instance profile holds role {}", r.name));
                        out.push(e);
                    }
                }
            }
            "AWS::Lambda::Function" => {
                if let Some(role) = a["Role"].as_str() {
                    let mut e = Edge::new(&r.arn, role, EdgeKind::RunsAs);
                    e.evidence.push(format!("execution role {role}"));
                    out.push(e);
                }
            }
            _ => {}
        }
    }
    out
}

/// bucket / secret -> the customer key that encrypts it (by key ARN or id).
fn encrypted_by(resources: &[Resource]) -> Vec<Edge> {
    let keys: HashMap<&str, &str> = resources
        .iter()
        .filter(|r| r.resource_type == "AWS::KMS::Key")
        .flat_map(|r| {
            let id = r.attributes["KeyId"].as_str().unwrap_or("");
            [(r.arn.as_str(), r.arn.as_str()), (id, r.arn.as_str())]
        })
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let mut out = Vec::new();
    for r in resources {
        let a = &r.attributes;
        let named: Vec<&str> = match r.resource_type.as_str() {
            "AWS::S3::Bucket" => a["encryption"]["rules"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|rule| rule["KMSMasterKeyID"].as_str())
                .collect(),
            "AWS::SecretsManager::Secret" => a["KmsKeyId"].as_str().into_iter().collect(),
            _ => continue,
        };
        for k in named {
            if let Some(key) = keys.get(k) {
                out.push(Edge::new(&r.arn, key, EdgeKind::EncryptedBy));
            }
        }
    }
    out
}

fn mark_crown_jewels(graph: &mut Graph, resources: &[Resource], options: &Options) {
    let tagged: BTreeSet<&str> = resources
        .iter()
        .filter(|r| {
            r.tags
                .get(CROWN_JEWEL_TAG)
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        })
        .map(|r| r.arn.as_str())
        .collect();
    let customer_keys: BTreeSet<&str> = resources
        .iter()
        .filter(|r| r.resource_type == "AWS::KMS::Key" && r.attributes["KeyManager"] == "CUSTOMER")
        .map(|r| r.arn.as_str())
        .collect();
    for n in &mut graph.nodes {
        n.crown_jewel = if tagged.contains(n.id.as_str()) {
            Some(format!("tag {CROWN_JEWEL_TAG}=true"))
        } else if let Some(re) = &options.crown_jewel {
            (re.is_match(&n.id) || re.is_match(&n.name))
                .then(|| format!("--crown-jewel {}", re.as_str()))
        } else {
            match n.kind {
                NodeKind::Bucket | NodeKind::Database | NodeKind::Secret | NodeKind::Account => {
                    Some(format!("every {} by default", n.kind.as_str()))
                }
                NodeKind::Key if customer_keys.contains(n.id.as_str()) => {
                    Some("every customer-managed key by default".into())
                }
                _ => None,
            }
        };
        if matches!(n.kind, NodeKind::Internet | NodeKind::AnyAwsPrincipal) {
            n.crown_jewel = None;
        }
    }
}

/// Words of control ids that speak for an edge kind. A failing finding of such a control
/// on a resource the edge stands on enables it: fixing the finding removes the edge.
fn relevant(kind: EdgeKind, control_id: &str) -> bool {
    let words: &[&str] = match kind {
        EdgeKind::Reaches | EdgeKind::Fronts => &[
            "exposed_to_internet",
            "public_ip",
            "allow_ingress",
            "publicly_accessible",
            "function_url_public",
            "internet_facing",
        ],
        EdgeKind::AnonymousAccess => &["public", "acl"],
        EdgeKind::RunsAs => &["imdsv2"],
        EdgeKind::CanAssume
        | EdgeKind::CanAdmin
        | EdgeKind::CanWrite
        | EdgeKind::CanRead
        | EdgeKind::CanDecrypt => &[
            "administrative_privileges",
            "administrator_access",
            "full_access",
            "privilege_escalation",
            "cloudshell_admin",
            "public",
            "cross_account",
        ],
        EdgeKind::EncryptedBy => &[],
    };
    words.iter().any(|w| control_id.contains(w))
}

fn attach_findings(graph: &mut Graph, findings: &[Finding]) {
    let mut failing: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in findings.iter().filter(|f| f.status == Status::Fail) {
        failing
            .entry(f.resource_arn.as_str())
            .or_default()
            .push(f.control_id.as_str());
    }
    for e in &mut graph.edges {
        let mut on: Vec<&str> = e.related.iter().map(|r| &**r).collect();
        match e.kind {
            EdgeKind::Reaches | EdgeKind::Fronts | EdgeKind::AnonymousAccess => on.push(&e.to),
            EdgeKind::RunsAs => on.push(&e.from),
            _ => {}
        }
        let mut found = Vec::new();
        for arn in on {
            for c in failing.get(arn).into_iter().flatten() {
                if relevant(e.kind, c) {
                    found.push(FindingRef {
                        control_id: c.to_string(),
                        resource_arn: arn.to_string(),
                    });
                }
            }
        }
        e.findings.extend(found);
    }
}
