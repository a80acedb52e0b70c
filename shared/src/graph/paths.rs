//! Attack paths: from `internet` or `any_aws_principal` to each crown jewel, the best
//! path of at most `MAX_HOPS` edges, scored by likelihood times impact; and the findings
//! whose fix removes the most path score (`fix_first`). The scoring and its reasons are
//! in docs/threat-graph.md.
//!
//! Search: the likelihood of a path is the product of its edges' likelihoods (each at
//! most 1), so the best path to a node in exactly h hops is the best path to one of its
//! predecessors in h-1 hops times one edge. One table of (node, hops) -> best likelihood
//! per source, filled layer by layer, costs MAX_HOPS passes over the edges: linear in
//! the graph, whatever its shape (a fully connected IAM graph has exponentially many
//! paths, and this never lists them). A cycle multiplies by edges below 1 (every cycle
//! holds a `can_assume`, 0.9), so the best path, with fewest hops among equals, is simple.

use super::model::{Edge, EdgeKind, FindingRef, Graph, ANY_AWS_PRINCIPAL, INTERNET};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const MAX_HOPS: usize = 6;
/// How many findings `fix_first` tries (those on the most path score first): each costs
/// one more search.
const FIX_FIRST_CANDIDATES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Critical,
    High,
    Medium,
    Low,
}

impl Band {
    pub fn of(score: f64) -> Band {
        if score >= 40.0 {
            Band::Critical
        } else if score >= 25.0 {
            Band::High
        } else if score >= 10.0 {
            Band::Medium
        } else {
            Band::Low
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Critical => "critical",
            Band::High => "high",
            Band::Medium => "medium",
            Band::Low => "low",
        }
    }

    pub fn parse(s: &str) -> Option<Band> {
        [Band::Critical, Band::High, Band::Medium, Band::Low]
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(s))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    pub likelihood: f64,
    pub why: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttackPath {
    /// `<source> -> <target>`: one path per pair, so the id is stable across scans.
    pub id: String,
    pub source: String,
    pub target: String,
    pub target_name: String,
    pub severity: Band,
    /// 100 x likelihood x impact, one decimal.
    pub score: f64,
    pub likelihood: f64,
    pub impact: f64,
    pub impact_why: &'static str,
    pub hops: Vec<Hop>,
    /// Every finding of its hops, sorted.
    pub findings: Vec<FindingRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixFirst {
    pub finding: FindingRef,
    /// Path score gone once it is fixed (paths removed or made less likely).
    pub removes_score: f64,
    pub paths: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathReport {
    pub paths: Vec<AttackPath>,
    pub fix_first: Vec<FixFirst>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// An edge's likelihood (0 = not walked) and why.
pub fn likelihood(e: &Edge) -> (f64, &'static str) {
    let (base, why) = match e.kind {
        EdgeKind::Reaches => match e.entry.as_deref() {
            Some("function_url") => (1.0, "function URL without authentication"),
            Some("instance") => (0.9, "instance port open to the internet"),
            Some("api") => (0.9, "public API endpoint"),
            Some("load_balancer") => (0.8, "internet-facing load balancer: only its listeners"),
            Some("database") => (
                0.6,
                "database reached over the network: still needs credentials",
            ),
            _ => (0.8, "reachable from the internet"),
        },
        EdgeKind::AnonymousAccess => (1.0, "anyone, no credentials"),
        EdgeKind::Fronts => (0.9, "forwards traffic to it"),
        EdgeKind::RunsAs => match e.imds.as_deref() {
            Some("v1") => (
                0.9,
                "IMDSv1: one forged request (SSRF) yields the role's credentials",
            ),
            Some("v2") => (
                0.5,
                "IMDSv2: credentials need code execution on the instance",
            ),
            Some(_) => (0.0, "metadata service disabled"),
            None if e.from.contains(":function:") => (0.7, "function code runs with its role"),
            None => (1.0, "the profile hands out the role"),
        },
        EdgeKind::CanAssume => (0.9, "can assume the role"),
        EdgeKind::CanAdmin | EdgeKind::CanWrite | EdgeKind::CanRead | EdgeKind::CanDecrypt => {
            (1.0, "policy grants it")
        }
        EdgeKind::EncryptedBy => (0.0, "not an access"),
    };
    let base = if e.from == ANY_AWS_PRINCIPAL {
        base * 0.5
    } else {
        base
    };
    if e.conditional {
        (
            base * 0.5,
            if e.from == ANY_AWS_PRINCIPAL {
                "open to any AWS account, behind a condition"
            } else {
                "only when its condition holds"
            },
        )
    } else if e.from == ANY_AWS_PRINCIPAL {
        (base, "open to any AWS account: needs one, and the ARN")
    } else {
        (base, why)
    }
}

/// What reaching the target through this edge gives, and why.
pub fn impact(e: &Edge) -> (f64, &'static str) {
    match e.kind {
        EdgeKind::CanAdmin => (1.0, "administers the account"),
        EdgeKind::CanWrite => (0.8, "can change or destroy the data"),
        EdgeKind::AnonymousAccess
            if e.actions.iter().any(|a| {
                a == "s3:write"
                    || a == "acl:WRITE"
                    || a == "acl:WRITE_ACP"
                    || a == "acl:FULL_CONTROL"
            }) =>
        {
            (0.8, "anyone can change or destroy the data")
        }
        EdgeKind::AnonymousAccess => (0.6, "anyone can read the data"),
        EdgeKind::CanRead => (0.6, "can read the data"),
        EdgeKind::CanDecrypt => (0.4, "can decrypt with the key"),
        EdgeKind::CanAssume | EdgeKind::RunsAs => (0.8, "acts as the target identity"),
        EdgeKind::Reaches | EdgeKind::Fronts => (0.6, "talks to the target over the network"),
        EdgeKind::EncryptedBy => (0.0, "not an access"),
    }
}

/// The walkable graph: nodes by index, edges with their likelihood.
struct Walk<'g> {
    ids: Vec<&'g str>,
    index: HashMap<&'g str, usize>,
    /// (from, to, edge index in the graph, likelihood).
    edges: Vec<(usize, usize, usize, f64)>,
}

impl<'g> Walk<'g> {
    fn new(graph: &'g Graph, removed: &BTreeSet<&FindingRef>) -> Self {
        let ids: Vec<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect::<HashMap<_, _>>();
        let edges = graph
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.findings.iter().any(|f| removed.contains(f)))
            .filter_map(|(k, e)| {
                let w = likelihood(e).0;
                (w > 0.0).then(|| {
                    Some((
                        *index.get(e.from.as_str())?,
                        *index.get(e.to.as_str())?,
                        k,
                        w,
                    ))
                })?
            })
            .collect();
        Walk { ids, index, edges }
    }

    /// For one source: per target, the best (score, path as edge indices).
    fn best_paths(
        &self,
        graph: &Graph,
        source: usize,
        targets: &[usize],
    ) -> BTreeMap<usize, (f64, Vec<usize>)> {
        let n = self.ids.len();
        // layer[h][v] = (best likelihood, parent edge position) in exactly h hops.
        let mut layers: Vec<Vec<(f64, usize)>> = vec![vec![(0.0, usize::MAX); n]];
        layers[0][source] = (1.0, usize::MAX);
        for h in 1..MAX_HOPS {
            let prev = &layers[h - 1];
            let mut next = vec![(0.0, usize::MAX); n];
            for (pos, &(u, v, _, w)) in self.edges.iter().enumerate() {
                let l = prev[u].0 * w;
                if l > next[v].0 {
                    next[v] = (l, pos);
                }
            }
            layers.push(next);
        }
        let mut out: BTreeMap<usize, (f64, Vec<usize>)> = BTreeMap::new();
        let is_target: BTreeSet<usize> = targets.iter().copied().collect();
        for (pos, &(u, v, k, w)) in self.edges.iter().enumerate() {
            if !is_target.contains(&v) {
                continue;
            }
            let i = impact(&graph.edges[k]).0;
            for (h, layer) in layers.iter().enumerate() {
                let score = layer[u].0 * w * i;
                if score <= 0.0 {
                    continue;
                }
                let better = match out.get(&v) {
                    None => true,
                    Some((s, p)) => {
                        score > *s + 1e-12 || ((score - *s).abs() <= 1e-12 && h + 1 < p.len())
                    }
                };
                if better {
                    if let Some(path) = self.trace(&layers, h, u, pos) {
                        out.insert(v, (score, path));
                    }
                }
            }
        }
        out
    }

    /// The edge positions of the best path ending with edge `last` after `h` hops to `u`;
    /// None if it repeats a node.
    fn trace(
        &self,
        layers: &[Vec<(f64, usize)>],
        h: usize,
        u: usize,
        last: usize,
    ) -> Option<Vec<usize>> {
        let mut path = vec![last];
        let mut seen = BTreeSet::from([self.edges[last].1, u]);
        let (mut node, mut hop) = (u, h);
        while hop > 0 {
            let pos = layers[hop][node].1;
            let (from, _, _, _) = self.edges[pos];
            if !seen.insert(from) {
                return None;
            }
            path.push(pos);
            node = from;
            hop -= 1;
        }
        path.reverse();
        Some(path)
    }
}

fn search(graph: &Graph, removed: &BTreeSet<&FindingRef>) -> Vec<AttackPath> {
    let walk = Walk::new(graph, removed);
    let targets: Vec<usize> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.crown_jewel.is_some())
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for source in [INTERNET, ANY_AWS_PRINCIPAL] {
        let Some(&s) = walk.index.get(source) else {
            continue;
        };
        for (t, (score, positions)) in walk.best_paths(graph, s, &targets) {
            out.push(attack_path(graph, &walk, source, t, score, &positions));
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out
}

fn attack_path(
    graph: &Graph,
    walk: &Walk,
    source: &str,
    target: usize,
    score: f64,
    positions: &[usize],
) -> AttackPath {
    let mut likelihood_total = 1.0;
    let mut hops = Vec::new();
    let mut findings = BTreeSet::new();
    for &pos in positions {
        let e = &graph.edges[walk.edges[pos].2];
        let (l, why) = likelihood(e);
        likelihood_total *= l;
        findings.extend(e.findings.iter().cloned());
        hops.push(Hop {
            from: e.from.clone(),
            to: e.to.clone(),
            kind: e.kind,
            likelihood: l,
            why,
            findings: e.findings.clone(),
        });
    }
    let last = &graph.edges[walk.edges[*positions.last().expect("a path has a hop")].2];
    let (i, impact_why) = impact(last);
    let node = &graph.nodes[target];
    let score = round1(100.0 * score);
    AttackPath {
        id: format!("{source} -> {}", node.id),
        source: source.to_string(),
        target: node.id.clone(),
        target_name: node.name.clone(),
        severity: Band::of(score),
        score,
        likelihood: (likelihood_total * 1000.0).round() / 1000.0,
        impact: i,
        impact_why,
        hops,
        findings: findings.into_iter().collect(),
    }
}

/// Every path and the fix-first list.
pub fn attack_paths(graph: &Graph) -> PathReport {
    attack_paths_at_least(graph, Band::Low)
}

/// The paths of band `min` or worse, and the findings whose fix removes the most of
/// their score.
pub fn attack_paths_at_least(graph: &Graph, min: Band) -> PathReport {
    let search = |removed: &BTreeSet<&FindingRef>| -> Vec<AttackPath> {
        let mut paths = search(graph, removed);
        paths.retain(|p| p.severity <= min);
        paths
    };
    let paths = search(&BTreeSet::new());
    let total: f64 = paths.iter().map(|p| p.score).sum();
    // Candidates: findings on the most path score first.
    let mut weight: BTreeMap<&FindingRef, (f64, usize)> = BTreeMap::new();
    for p in &paths {
        for f in &p.findings {
            let w = weight.entry(f).or_default();
            w.0 += p.score;
            w.1 += 1;
        }
    }
    let mut candidates: Vec<(&FindingRef, (f64, usize))> = weight.into_iter().collect();
    candidates.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    candidates.truncate(FIX_FIRST_CANDIDATES);
    let mut fix_first: Vec<FixFirst> = candidates
        .into_iter()
        .map(|(f, (_, count))| {
            let after: f64 = search(&BTreeSet::from([f])).iter().map(|p| p.score).sum();
            FixFirst {
                finding: f.clone(),
                removes_score: round1(total - after),
                paths: count,
            }
        })
        .filter(|f| f.removes_score > 0.0)
        .collect();
    fix_first.sort_by(|a, b| {
        b.removes_score
            .total_cmp(&a.removes_score)
            .then_with(|| a.finding.cmp(&b.finding))
    });
    PathReport { paths, fix_first }
}
