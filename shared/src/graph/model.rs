//! The Threat Graph's nodes and edges, and the findings each edge carries.

use serde::Serialize;
use std::sync::Arc;

/// Pseudo-node: anyone on the internet, without credentials.
pub const INTERNET: &str = "internet";
/// Pseudo-node: any principal of any AWS account (signed requests, no trust in it).
pub const ANY_AWS_PRINCIPAL: &str = "any_aws_principal";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Internet,
    AnyAwsPrincipal,
    Instance,
    InstanceProfile,
    Role,
    User,
    Function,
    LoadBalancer,
    Api,
    Distribution,
    Database,
    Bucket,
    Key,
    Secret,
    /// The account's administration (`arn:aws:iam::<account>:root`): the target of
    /// `can_admin` edges.
    Account,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Internet => "internet",
            NodeKind::AnyAwsPrincipal => "any_aws_principal",
            NodeKind::Instance => "instance",
            NodeKind::InstanceProfile => "instance_profile",
            NodeKind::Role => "role",
            NodeKind::User => "user",
            NodeKind::Function => "function",
            NodeKind::LoadBalancer => "load_balancer",
            NodeKind::Api => "api",
            NodeKind::Distribution => "distribution",
            NodeKind::Database => "database",
            NodeKind::Bucket => "bucket",
            NodeKind::Key => "key",
            NodeKind::Secret => "secret",
            NodeKind::Account => "account",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The resource's ARN, or `internet` / `any_aws_principal`.
    pub id: String,
    pub kind: NodeKind,
    pub name: String,
    /// Why the node is a path target (a tag, `--crown-jewel`, its kind), when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crown_jewel: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// internet -> resource, over the network.
    Reaches,
    /// load balancer / distribution / API -> what it forwards to.
    Fronts,
    /// internet -> resource whose policy or ACL grants anyone access.
    AnonymousAccess,
    /// instance -> instance profile -> role, function -> role.
    RunsAs,
    CanAssume,
    CanAdmin,
    CanWrite,
    CanRead,
    CanDecrypt,
    /// data -> the key that encrypts it (information: paths do not walk it).
    EncryptedBy,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Reaches => "reaches",
            EdgeKind::Fronts => "fronts",
            EdgeKind::AnonymousAccess => "anonymous_access",
            EdgeKind::RunsAs => "runs_as",
            EdgeKind::CanAssume => "can_assume",
            EdgeKind::CanAdmin => "can_admin",
            EdgeKind::CanWrite => "can_write",
            EdgeKind::CanRead => "can_read",
            EdgeKind::CanDecrypt => "can_decrypt",
            EdgeKind::EncryptedBy => "encrypted_by",
        }
    }
}

/// A finding that enables an edge: fixing it removes the edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FindingRef {
    pub control_id: String,
    pub resource_arn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// `reaches`: the entry's kind (instance, function_url, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The actions that give a `can_*` or `anonymous_access` edge.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Every statement giving it has a Condition: it holds for some requests only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// `runs_as` from an instance: "v1" when the metadata service answers without a
    /// session token (HttpTokens optional), "v2" when it requires one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imds: Option<String>,
    /// The facts that make the edge (statements, rules, settings), for people.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The failing findings that enable it (sorted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingRef>,
    /// Resources whose findings may enable it besides its two ends (security groups,
    /// policies): filled while building, not output.
    #[serde(skip)]
    pub(crate) related: Vec<Arc<str>>,
}

impl Edge {
    pub fn new(from: &str, to: &str, kind: EdgeKind) -> Self {
        Edge {
            from: from.to_string(),
            to: to.to_string(),
            kind,
            entry: None,
            ports: Vec::new(),
            sources: Vec::new(),
            actions: Vec::new(),
            conditional: false,
            imds: None,
            evidence: Vec::new(),
            findings: Vec::new(),
            related: Vec::new(),
        }
    }

    /// The sort key that makes the output deterministic.
    fn key(&self) -> (&str, &str, EdgeKind) {
        (&self.from, &self.to, self.kind)
    }
}

/// The graph of one scan: nodes sorted by id, edges by (from, to, kind), one edge per
/// (from, to, kind).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// What could not be judged (a resource whose reachability lacks collected facts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Graph {
    /// Sorts nodes and edges and merges duplicate edges (their evidence, actions and
    /// findings united; conditional only when both were), in place.
    pub(crate) fn normalize(&mut self) {
        self.nodes.sort_by(|a, b| a.id.cmp(&b.id));
        self.nodes.dedup_by(|a, b| a.id == b.id);
        self.edges.sort_by(|a, b| a.key().cmp(&b.key()));
        // `later` is dropped when it merges into the `kept` edge before it.
        self.edges.dedup_by(|later, kept| {
            if later.key() != kept.key() {
                return false;
            }
            kept.conditional &= later.conditional;
            kept.ports.append(&mut later.ports);
            kept.sources.append(&mut later.sources);
            kept.actions.append(&mut later.actions);
            kept.evidence.append(&mut later.evidence);
            kept.findings.append(&mut later.findings);
            if kept.entry.is_none() {
                kept.entry = later.entry.take();
            }
            true
        });
        for e in &mut self.edges {
            for v in [
                &mut e.ports,
                &mut e.sources,
                &mut e.actions,
                &mut e.evidence,
            ] {
                v.sort();
                v.dedup();
            }
            e.findings.sort();
            e.findings.dedup();
            // Only needed to find the findings, which are attached by now.
            e.related = Vec::new();
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.nodes[i])
    }
}
