//! Identity edges: who can assume which role, and who can administer the account or
//! read, write or decrypt which data, from identity, trust and resource policies as the
//! policy library judges them (`policy.rs`).
//!
//! AWS's rules for combining the two kinds of policy, within one account:
//! - a role's trust policy that names the principal's ARN lets it assume the role; one
//!   that names the principal's account (its id, its root, an open principal pinned to
//!   it) lets it in only when its identity policies also allow `sts:AssumeRole` on the
//!   role; one open to everyone admits any AWS principal;
//! - KMS key policies work the same way (naming the account delegates to IAM);
//! - for buckets and secrets either kind of policy is enough.

use super::model::{Edge, EdgeKind, ANY_AWS_PRINCIPAL, INTERNET};
use super::policy::{Answers, CompiledScope, IdentityGrant, PrincipalGrant, Questions};
use crate::model::Resource;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Where a statement of a merged identity document came from.
struct Source {
    label: String,
    /// The resource whose findings speak for it (inline policy, managed policy).
    related: Arc<str>,
}

struct Principal<'a> {
    resource: &'a Resource,
    /// Its ARN, shared by the edges whose findings it may carry.
    arn: Arc<str>,
    /// The answers making up its merged document: (question, position of its first
    /// statement in the document).
    parts: Vec<(usize, usize)>,
    sources: Vec<Source>,
}

/// One Allow statement of a principal's merged document, as judged by the library.
struct Grant<'g> {
    grant: &'g IdentityGrant,
    /// Its position in the merged document (`Principal::sources`).
    statement: usize,
    scope: &'g CompiledScope,
}

/// The policy-bearing resources of a graph and the question each asked.
pub(super) struct Identities<'a> {
    principals: Vec<Principal<'a>>,
    /// Role ARN -> (role, its trust policy's question).
    roles: Vec<(&'a Resource, Option<usize>)>,
    /// (bucket, its policy's question, its public-exposure question).
    buckets: Vec<(&'a Resource, Option<usize>, Option<usize>)>,
    /// Bucket ARN -> the collected customer-managed key of its default encryption
    /// (reading an SSE-KMS object also takes kms:Decrypt on it).
    bucket_keys: HashMap<&'a str, &'a str>,
    keys: Vec<(&'a Resource, Option<usize>)>,
    secrets: Vec<(&'a Resource, Option<usize>)>,
}

fn statements_of(doc: &Value) -> Vec<Value> {
    match doc.get("Statement") {
        Some(Value::Array(v)) => v.clone(),
        Some(st @ Value::Object(_)) => vec![st.clone()],
        _ => Vec::new(),
    }
}

fn policy_of(r: &Resource) -> Option<Value> {
    r.attributes
        .get("policy")
        .filter(|p| p.is_object())
        .cloned()
}

/// Appends the statements of a principal's (or group's) inline and attached policies.
fn add_policies(
    owner: &Resource,
    managed: &HashMap<&str, &Resource>,
    statements: &mut Vec<Value>,
    sources: &mut Vec<Source>,
) {
    let a = &owner.attributes;
    for p in a["inline_policies"].as_array().into_iter().flatten() {
        let name = p["PolicyName"].as_str().unwrap_or("?");
        for (k, st) in statements_of(&p["PolicyDocument"]).into_iter().enumerate() {
            statements.push(st);
            sources.push(Source {
                label: format!(
                    "inline policy {name} of {}, statement #{}",
                    owner.name,
                    k + 1
                ),
                related: format!("{}/inline-policy/{name}", owner.arn).into(),
            });
        }
    }
    for p in a["attached_policies"].as_array().into_iter().flatten() {
        let Some(arn) = p["PolicyArn"].as_str() else {
            continue;
        };
        let Some(policy) = managed.get(arn) else {
            continue;
        };
        let name = p["PolicyName"].as_str().unwrap_or(arn);
        let related: Arc<str> = arn.into();
        for (k, st) in statements_of(&policy.attributes["document"])
            .into_iter()
            .enumerate()
        {
            statements.push(st);
            sources.push(Source {
                label: format!("managed policy {name}, statement #{}", k + 1),
                related: related.clone(),
            });
        }
    }
}

impl<'a> Identities<'a> {
    /// Gathers every document to judge and asks for it in `questions`.
    pub(super) fn gather(resources: &'a [Resource], questions: &mut Questions) -> Self {
        let by_type = |t: &'static str| resources.iter().filter(move |r| r.resource_type == t);
        let managed: HashMap<&str, &Resource> = by_type("AWS::IAM::Policy")
            .map(|r| (r.arn.as_str(), r))
            .collect();
        let groups: HashMap<(&str, &str), &Resource> = by_type("AWS::IAM::Group")
            .map(|r| ((r.account_id.as_str(), r.name.as_str()), r))
            .collect();
        let mut principals = Vec::new();
        for r in resources.iter().filter(|r| {
            matches!(
                r.resource_type.as_str(),
                "AWS::IAM::Role" | "AWS::IAM::User"
            )
        }) {
            let (mut statements, mut sources) = (Vec::new(), Vec::new());
            add_policies(r, &managed, &mut statements, &mut sources);
            for g in r.attributes["groups"].as_array().into_iter().flatten() {
                if let Some(group) = g.as_str().and_then(|g| groups.get(&(&r.account_id, g))) {
                    add_policies(group, &managed, &mut statements, &mut sources);
                }
            }
            let parts = questions.identity_statements(statements);
            principals.push(Principal {
                resource: r,
                arn: r.arn.as_str().into(),
                parts,
                sources,
            });
        }
        let mut ask = |doc: Option<Value>| doc.map(|d| questions.principal(d));
        let roles = by_type("AWS::IAM::Role")
            .map(|r| {
                let trust = r.attributes.get("AssumeRolePolicyDocument").cloned();
                (r, ask(trust.filter(Value::is_object)))
            })
            .collect();
        let keys = by_type("AWS::KMS::Key")
            .map(|r| (r, ask(policy_of(r))))
            .collect();
        let secrets = by_type("AWS::SecretsManager::Secret")
            .map(|r| (r, ask(policy_of(r))))
            .collect();
        let buckets: Vec<_> = by_type("AWS::S3::Bucket")
            .map(|r| (r, ask(policy_of(r))))
            .collect();
        let buckets = buckets
            .into_iter()
            .map(|(r, q)| {
                let a = &r.attributes;
                // Without a policy or an ACL grant nothing can make it public.
                let acl = a.get("acl_grants").and_then(Value::as_array).is_some_and(|g| !g.is_empty());
                if q.is_none() && !acl {
                    return (r, q, None);
                }
                questions.buckets.push(serde_json::json!({
                    "policy": a.get("policy").cloned().unwrap_or(Value::Null),
                    "public_access_block": a.get("public_access_block").cloned().unwrap_or(Value::Null),
                    "account_public_access_block": a.get("account_public_access_block").cloned().unwrap_or(Value::Null),
                    "ownership_controls": a.get("ownership_controls").cloned().unwrap_or(Value::Null),
                    "acl_grants": a.get("acl_grants").cloned().unwrap_or(Value::Null),
                }));
                (r, q, Some(questions.buckets.len() - 1))
            })
            .collect();
        let bucket_keys = bucket_keys(resources);
        Identities {
            principals,
            roles,
            buckets,
            bucket_keys,
            keys,
            secrets,
        }
    }

    /// Every identity, trust and resource-policy edge, appended to `out`.
    pub(super) fn edges(&self, answers: &Answers, out: &mut Vec<Edge>) {
        self.public_edges(answers, out);
        let targets = Targets::new(self, answers);
        // Each distinct statement's scope compiled once (principals share policies).
        let scopes: Vec<Vec<CompiledScope>> = answers
            .identity
            .iter()
            .map(|grants| {
                grants
                    .iter()
                    .map(|g| CompiledScope::new(&g.scope))
                    .collect()
            })
            .collect();
        for p in &self.principals {
            let grants: Vec<Grant> = p
                .parts
                .iter()
                .flat_map(|&(question, first)| {
                    answers.identity[question]
                        .iter()
                        .zip(&scopes[question])
                        .map(move |(grant, scope)| Grant {
                            grant,
                            statement: first + grant.statement,
                            scope,
                        })
                })
                .collect();
            self.principal_edges(p, &grants, &targets, out);
        }
    }

    fn principal_edges(
        &self,
        p: &Principal,
        grants: &[Grant],
        targets: &Targets,
        out: &mut Vec<Edge>,
    ) {
        let me = p.resource;
        let mut best = Best::default();
        let account_root = format!("arn:aws:iam::{}:root", me.account_id);
        for g in grants
            .iter()
            .filter(|g| g.grant.capabilities.contains_key("admin"))
        {
            best.offer(&account_root, EdgeKind::CanAdmin, g, p, "admin");
        }
        // An unconditional administrator reaches the top impact directly: its other edges
        // add nothing to a path, and leaving them out keeps the graph linear in size.
        if best.unconditional(&account_root) {
            best.into_edges(&me.arn, out);
            return;
        }
        // Resource and trust policies that name the principal: enough by themselves.
        for &(class, pos, g) in targets.direct.get(me.arn.as_str()).into_iter().flatten() {
            let target = self.arn(class, pos);
            if target == me.arn {
                continue;
            }
            for &(cap, kind) in class.wanted() {
                if let Some(actions) = g.capabilities.get(cap) {
                    let label = format!(
                        "{} statement #{} names {}",
                        class.policy(),
                        g.statement + 1,
                        me.name
                    );
                    let (label, related) = (label.into(), target.into());
                    best.offer_raw(target, kind, actions, g.conditional, label, related);
                }
            }
        }
        for g in grants {
            let caps = &g.grant.capabilities;
            for &class in Class::ALL {
                if !class
                    .wanted()
                    .iter()
                    .any(|(cap, _)| caps.contains_key(*cap))
                {
                    continue;
                }
                for pos in targets.candidates(class, g.scope) {
                    let target = self.arn(class, pos);
                    // Keys and roles whose policy hands the decision to this account's
                    // IAM policies.
                    let delegating = matches!(class, Class::Key | Class::Role);
                    if target == me.arn
                        || (delegating && !targets.delegates_to(&me.account_id, class, pos))
                    {
                        continue;
                    }
                    let scope = g.scope;
                    let covered = |cap: &str| match cap {
                        "s3:read" => scope.covers_objects_of(target),
                        "s3:write" => scope.covers(target) || scope.covers_objects_of(target),
                        _ => scope.covers(target),
                    };
                    for &(cap, kind) in class.wanted() {
                        if caps.contains_key(cap) && covered(cap) {
                            best.offer(target, kind, g, p, cap);
                        }
                    }
                }
            }
        }
        best.require_decrypt_for_reads(&self.bucket_keys);
        best.into_edges(&me.arn, out);
    }

    fn arn(&self, class: Class, pos: usize) -> &'a str {
        let r: &'a Resource = match class {
            Class::Role => self.roles[pos].0,
            Class::Key => self.keys[pos].0,
            Class::Bucket => self.buckets[pos].0,
            Class::Secret => self.secrets[pos].0,
        };
        &r.arn
    }

    fn policy(&self, class: Class, pos: usize) -> Option<usize> {
        match class {
            Class::Role => self.roles[pos].1,
            Class::Key => self.keys[pos].1,
            Class::Bucket => self.buckets[pos].1,
            Class::Secret => self.secrets[pos].1,
        }
    }

    fn len(&self, class: Class) -> usize {
        match class {
            Class::Role => self.roles.len(),
            Class::Key => self.keys.len(),
            Class::Bucket => self.buckets.len(),
            Class::Secret => self.secrets.len(),
        }
    }

    /// Edges from `internet` (anonymous S3 access) and `any_aws_principal` (open trust,
    /// key and secret policies).
    fn public_edges(&self, answers: &Answers, out: &mut Vec<Edge>) {
        for &(bucket, _, exposure) in &self.buckets {
            let Some(exposure) = exposure.map(|q| &answers.buckets[q]) else {
                continue;
            };
            let mut actions: Vec<String> = exposure.policy.clone();
            actions.extend(exposure.acl.iter().map(|p| format!("acl:{p}")));
            if actions.is_empty() {
                continue;
            }
            let mut e = Edge::new(INTERNET, &bucket.arn, EdgeKind::AnonymousAccess);
            if !exposure.policy.is_empty() {
                e.evidence.push(
                    "bucket policy open to everyone, not restricted by Block Public Access".into(),
                );
            }
            if !exposure.acl.is_empty() {
                e.evidence
                    .push("ACL grant to everyone, ACLs in force".into());
            }
            e.actions = actions;
            out.push(e);
        }
        let public = |policy: Option<usize>| -> Vec<&PrincipalGrant> {
            policy
                .map(|q| answers.principal[q].iter().filter(|g| g.public).collect())
                .unwrap_or_default()
        };
        // Buckets are open to anyone through `anonymous_access` above; keys, secrets and
        // roles still need a signed request.
        for class in [Class::Role, Class::Key, Class::Secret] {
            for pos in 0..self.len(class) {
                let target = self.arn(class, pos);
                let mut best = Best::default();
                for g in public(self.policy(class, pos)) {
                    for &(cap, kind) in class.wanted() {
                        if let Some(actions) = g.capabilities.get(cap) {
                            let label = format!(
                                "{} statement #{} open to everyone",
                                class.policy(),
                                g.statement + 1
                            );
                            let (label, related) = (label.into(), target.into());
                            best.offer_raw(target, kind, actions, g.conditional, label, related);
                        }
                    }
                }
                best.into_edges(ANY_AWS_PRINCIPAL, out);
            }
        }
    }
}

/// The account a principal value names as a whole (`123456789012`,
/// `arn:<partition>:iam::123456789012:root`), if it does.
fn account_named(value: &str) -> Option<&str> {
    let is_account = |a: &str| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit());
    if is_account(value) {
        return Some(value);
    }
    let parts: Vec<&str> = value.split(':').collect();
    (parts.len() == 6
        && parts[0] == "arn"
        && parts[2] == "iam"
        && parts[5] == "root"
        && is_account(parts[4]))
    .then(|| parts[4])
}

/// The kinds of target a principal can reach through a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Class {
    Role,
    Key,
    Bucket,
    Secret,
}

impl Class {
    const ALL: &'static [Class] = &[Class::Role, Class::Key, Class::Bucket, Class::Secret];

    /// Capabilities that give an edge to this kind of target, strongest first.
    fn wanted(self) -> &'static [(&'static str, EdgeKind)] {
        match self {
            Class::Role => &[("sts:assume", EdgeKind::CanAssume)],
            Class::Key => &[("kms:decrypt", EdgeKind::CanDecrypt)],
            Class::Bucket => &[
                ("s3:write", EdgeKind::CanWrite),
                ("s3:read", EdgeKind::CanRead),
            ],
            Class::Secret => &[
                ("secretsmanager:write", EdgeKind::CanWrite),
                ("secretsmanager:read", EdgeKind::CanRead),
            ],
        }
    }

    fn policy(self) -> &'static str {
        match self {
            Class::Role => "trust policy",
            Class::Key => "key policy",
            Class::Bucket => "bucket policy",
            Class::Secret => "secret policy",
        }
    }
}

/// The targets of a graph indexed once: by ARN (sorted, so a statement's Resource
/// patterns select candidates by their literal prefix instead of every target being
/// tried), and the grants of their policies by the principal or account they name.
struct Targets<'a> {
    sorted: BTreeMap<Class, Vec<(&'a str, usize)>>,
    /// Principal ARN -> grants naming it.
    direct: HashMap<&'a str, Vec<(Class, usize, &'a PrincipalGrant)>>,
    /// Account id (or `*`: anyone) -> keys and roles whose policy delegates to it.
    delegating: HashMap<&'a str, HashSet<(Class, usize)>>,
}

impl<'a> Targets<'a> {
    fn new(ids: &Identities<'a>, answers: &'a Answers) -> Self {
        let mut sorted = BTreeMap::new();
        let mut direct: HashMap<&str, Vec<_>> = HashMap::new();
        let mut delegating: HashMap<&str, HashSet<_>> = HashMap::new();
        for &class in Class::ALL {
            let mut arns: Vec<(&str, usize)> = (0..ids.len(class))
                .map(|pos| (ids.arn(class, pos), pos))
                .collect();
            arns.sort();
            sorted.insert(class, arns);
            for pos in 0..ids.len(class) {
                let Some(q) = ids.policy(class, pos) else {
                    continue;
                };
                for g in &answers.principal[q] {
                    if !class
                        .wanted()
                        .iter()
                        .any(|(cap, _)| g.capabilities.contains_key(*cap))
                    {
                        continue;
                    }
                    let mut accounts: Vec<&str> = g.accounts.iter().map(String::as_str).collect();
                    if g.public {
                        accounts.push("*");
                    }
                    for v in &g.principals {
                        match account_named(v) {
                            Some(a) => accounts.push(a),
                            None => direct.entry(v.as_str()).or_default().push((class, pos, g)),
                        }
                    }
                    if matches!(class, Class::Key | Class::Role) {
                        for a in accounts {
                            delegating.entry(a).or_default().insert((class, pos));
                        }
                    }
                }
            }
        }
        Targets {
            sorted,
            direct,
            delegating,
        }
    }

    /// The policy of this key or role hands the decision to the IAM policies of
    /// `account` (by naming it, or anyone).
    fn delegates_to(&self, account: &str, class: Class, pos: usize) -> bool {
        [account, "*"].iter().any(|a| {
            self.delegating
                .get(a)
                .is_some_and(|targets| targets.contains(&(class, pos)))
        })
    }

    /// Positions of the targets of `class` a statement may cover: those whose ARN starts
    /// with the literal part of one of its patterns (cut at the first `/`, so a bucket
    /// is found by its objects' pattern); every target for `*` or NotResource.
    fn candidates(&self, class: Class, scope: &CompiledScope) -> Vec<usize> {
        let arns = &self.sorted[&class];
        let Some(patterns) = scope.literal_prefixes() else {
            return arns.iter().map(|(_, pos)| *pos).collect();
        };
        let mut out = Vec::new();
        for prefix in patterns {
            let start = arns.partition_point(|(a, _)| *a < prefix);
            out.extend(
                arns[start..]
                    .iter()
                    .take_while(|(a, _)| a.starts_with(prefix))
                    .map(|(_, pos)| *pos),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// What gives an edge to one target, gathered while offers come in.
struct Offer<'s> {
    kind: EdgeKind,
    conditional: bool,
    actions: Vec<&'s str>,
    evidence: Vec<Cow<'s, str>>,
    related: Vec<Arc<str>>,
}

/// The strongest edge kind per target, with what gives it.
#[derive(Default)]
struct Best<'s> {
    by_target: BTreeMap<&'s str, Offer<'s>>,
}

impl<'s> Best<'s> {
    fn offer(
        &mut self,
        target: &'s str,
        kind: EdgeKind,
        g: &Grant<'s>,
        p: &'s Principal,
        cap: &str,
    ) {
        let Some(actions) = g.grant.capabilities.get(cap) else {
            return;
        };
        let source = &p.sources[g.statement];
        let label = Cow::Borrowed(source.label.as_str());
        let conditional = g.grant.conditional;
        self.offer_raw(
            target,
            kind,
            actions,
            conditional,
            label,
            source.related.clone(),
        );
        if let Some(o) = self.by_target.get_mut(target) {
            o.related.push(p.arn.clone());
        }
    }

    fn offer_raw(
        &mut self,
        target: &'s str,
        kind: EdgeKind,
        actions: &'s [String],
        conditional: bool,
        evidence: Cow<'s, str>,
        related: Arc<str>,
    ) {
        let fresh = || Offer {
            kind,
            conditional,
            actions: Vec::new(),
            evidence: Vec::new(),
            related: Vec::new(),
        };
        let o = self.by_target.entry(target).or_insert_with(fresh);
        // Smaller kinds are stronger (admin < write < read < decrypt).
        if kind < o.kind {
            *o = fresh();
        } else if kind > o.kind {
            return;
        } else {
            o.conditional &= conditional;
        }
        o.actions.extend(actions.iter().map(String::as_str));
        o.evidence.push(evidence);
        o.related.push(related);
    }

    /// Drops each read of a bucket encrypted by a customer key unless the principal can
    /// also decrypt with the key (`bucket_keys`: bucket ARN -> key ARN).
    fn require_decrypt_for_reads(&mut self, bucket_keys: &HashMap<&str, &str>) {
        let reads: Vec<(&'s str, &str)> = self
            .by_target
            .iter()
            .filter(|(_, o)| o.kind == EdgeKind::CanRead)
            .filter_map(|(target, _)| Some((*target, *bucket_keys.get(target)?)))
            .collect();
        for (bucket, key) in reads {
            let decrypts = self
                .by_target
                .get(key)
                .is_some_and(|o| o.kind == EdgeKind::CanDecrypt);
            if !decrypts {
                self.by_target.remove(bucket);
            } else if let Some(o) = self.by_target.get_mut(bucket) {
                o.evidence
                    .push(format!("decrypts with the bucket's key {key}").into());
            }
        }
    }

    fn unconditional(&self, target: &str) -> bool {
        self.by_target.get(target).is_some_and(|o| !o.conditional)
    }

    fn into_edges(self, from: &str, out: &mut Vec<Edge>) {
        for (target, mut o) in self.by_target {
            let mut e = Edge::new(from, target, o.kind);
            e.conditional = o.conditional;
            o.actions.sort_unstable();
            o.actions.dedup();
            e.actions = o.actions.into_iter().map(str::to_string).collect();
            o.evidence.sort_unstable();
            o.evidence.dedup();
            e.evidence = o.evidence.into_iter().map(Cow::into_owned).collect();
            o.related.sort_unstable();
            o.related.dedup();
            e.related = o.related;
            out.push(e);
        }
    }
}

/// Each bucket's default-encryption key, when it is a collected customer-managed key
/// (named by ARN or key id).
fn bucket_keys(resources: &[Resource]) -> HashMap<&str, &str> {
    let mut keys: HashMap<&str, &str> = HashMap::new();
    for k in resources
        .iter()
        .filter(|r| r.resource_type == "AWS::KMS::Key" && r.attributes["KeyManager"] == "CUSTOMER")
    {
        keys.insert(&k.arn, &k.arn);
        if let Some(id) = k.attributes["KeyId"].as_str() {
            keys.insert(id, &k.arn);
        }
    }
    resources
        .iter()
        .filter(|r| r.resource_type == "AWS::S3::Bucket")
        .filter_map(|b| {
            let rules = b.attributes["encryption"]["rules"].as_array()?;
            let key = rules
                .iter()
                .find_map(|rule| keys.get(rule["KMSMasterKeyID"].as_str()?))?;
            Some((b.arn.as_str(), *key))
        })
        .collect()
}
