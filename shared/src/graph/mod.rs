//! The Threat Graph (issue 21, docs/threat-graph.md): which failures open a path from
//! the internet, or from any AWS account, to what matters. `reachability` computes the
//! network entry points; `build` makes the graph of a scan (nodes, edges and the
//! findings enabling each edge); `paths` finds and scores the attack paths; `render`
//! writes the graph as JSON, Graphviz DOT or Mermaid.

mod build;
mod identity;
mod model;
mod paths;
mod policy;
pub mod reachability;
mod render;

pub use build::{build, build_with_entries, Entry, Options, CROWN_JEWEL_TAG};
pub use model::{Edge, EdgeKind, FindingRef, Graph, Node, NodeKind, ANY_AWS_PRINCIPAL, INTERNET};
pub use paths::{
    attack_paths, attack_paths_at_least, AttackPath, Band, FixFirst, Hop, PathReport, MAX_HOPS,
};
pub use render::{to_dot, to_json, to_mermaid};

use crate::model::{Finding, Resource};
use std::collections::BTreeMap;

/// A scan's Threat Graph and its attack paths: what `parapet paths` prints and the HTML
/// report's threat-path section shows, computed once by `ScanThreats::of`.
#[derive(Debug, Clone)]
pub struct ScanThreats {
    pub graph: Graph,
    pub report: PathReport,
}

impl ScanThreats {
    /// The graph of `resources` with the scan's failing `findings`, and its paths of band
    /// `min` or worse with the fix-first list.
    pub fn of(
        resources: &[Resource],
        findings: &[Finding],
        options: &Options,
        min: Band,
    ) -> anyhow::Result<ScanThreats> {
        let graph = build(resources, findings, options)?;
        let report = attack_paths_at_least(&graph, min);
        Ok(ScanThreats { graph, report })
    }
}

/// The network entries of a scan: `reachability` per account and region (the network
/// of one region never routes another's), in the graph's form.
pub(crate) fn entries(resources: &[Resource]) -> (Vec<Entry>, Vec<String>) {
    let mut regions: BTreeMap<(&str, &str), Vec<Resource>> = BTreeMap::new();
    for r in resources {
        regions
            .entry((r.account_id.as_str(), r.region.as_str()))
            .or_default();
    }
    // Global resources (IAM, `global`) carry no network; one regional network (the
    // common case) is judged on the slice as it is, several on a copy per region.
    let regional = regions
        .keys()
        .filter(|(_, region)| *region != "global")
        .count();
    let groups: Vec<Vec<Resource>> = if regional <= 1 {
        Vec::new()
    } else {
        for r in resources {
            if let Some(g) = regions.get_mut(&(r.account_id.as_str(), r.region.as_str())) {
                g.push(r.clone());
            }
        }
        regions.into_values().collect()
    };
    let slices: Vec<&[Resource]> = if regional <= 1 {
        vec![resources]
    } else {
        groups.iter().map(Vec::as_slice).collect()
    };
    let (mut out, mut notes) = (Vec::new(), Vec::new());
    for group in slices {
        let found = reachability::internet_entries(group);
        out.extend(found.entries.iter().map(entry));
        notes.extend(found.undetermined.iter().map(|u| {
            format!(
                "{}: reachability undetermined: {}",
                u.resource_arn, u.reason
            )
        }));
    }
    (out, notes)
}

fn entry(e: &reachability::InternetEntry) -> Entry {
    let text = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let ports = e
        .ports
        .iter()
        .map(|p| {
            let proto = text(serde_json::to_value(p.protocol).unwrap_or_default());
            if p.from == p.to {
                format!("{proto}/{}", p.from)
            } else {
                format!("{proto}/{}-{}", p.from, p.to)
            }
        })
        .collect();
    let mut evidence = Vec::new();
    let mut related = Vec::new();
    for fact in &e.evidence {
        let serde_json::Value::Object(fields) = serde_json::to_value(fact).unwrap_or_default()
        else {
            continue;
        };
        let mut parts = Vec::new();
        for (k, v) in &fields {
            if let Some(s) = v.as_str().filter(|s| s.starts_with("arn:")) {
                related.push(s.to_string());
            }
            if k != "fact" {
                parts.push(format!("{k}={}", text(v.clone())));
            }
        }
        let name = fields
            .get("fact")
            .and_then(|f| f.as_str())
            .unwrap_or("fact");
        evidence.push(format!("{name}: {}", parts.join(", ")));
    }
    Entry {
        resource_arn: e.resource_arn.clone(),
        kind: text(serde_json::to_value(e.kind).unwrap_or_default()),
        ports,
        sources: e.sources.clone(),
        evidence,
        related,
    }
}
#[cfg(test)]
mod tests;
