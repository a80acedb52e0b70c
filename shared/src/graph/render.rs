//! The graph as JSON, Graphviz DOT and Mermaid: deterministic (the graph is sorted), so
//! the same scan gives byte-identical output.

use super::model::{Graph, NodeKind};
use std::collections::HashMap;
use std::fmt::Write as _;

pub fn to_json(graph: &Graph) -> String {
    serde_json::to_string_pretty(graph).expect("the graph serializes")
}

/// A quoted DOT string: backslashes and quotes escaped, line breaks dropped.
fn dot_quote(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    format!("\"{cleaned}\"")
}

fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Internet | NodeKind::AnyAwsPrincipal => "doubleoctagon",
        NodeKind::Bucket | NodeKind::Database | NodeKind::Secret | NodeKind::Key => "cylinder",
        NodeKind::Role | NodeKind::User | NodeKind::InstanceProfile | NodeKind::Account => {
            "ellipse"
        }
        _ => "box",
    }
}

pub fn to_dot(graph: &Graph) -> String {
    let mut out = String::from("digraph threat_graph {\n  rankdir=LR;\n");
    for n in &graph.nodes {
        let label = format!("{}: {}", n.kind.as_str(), n.name);
        let jewel = if n.crown_jewel.is_some() {
            ", penwidth=3, color=red"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} [label={}, shape={}{jewel}];",
            dot_quote(&n.id),
            dot_quote(&label),
            shape(n.kind)
        );
    }
    for e in &graph.edges {
        let mut label = e.kind.as_str().to_string();
        if !e.findings.is_empty() {
            let _ = write!(label, " ({} findings)", e.findings.len());
        }
        let _ = writeln!(
            out,
            "  {} -> {} [label={}];",
            dot_quote(&e.from),
            dot_quote(&e.to),
            dot_quote(&label)
        );
    }
    out.push_str("}\n");
    out
}

/// Mermaid labels may not hold quotes or brackets; node ids are positions.
fn mermaid_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_./:@*+=,".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub fn to_mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    let index: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for (i, n) in graph.nodes.iter().enumerate() {
        let label = mermaid_text(&format!("{}: {}", n.kind.as_str(), n.name));
        let (open, close) = if n.crown_jewel.is_some() {
            ("[(", ")]")
        } else {
            ("[\"", "\"]")
        };
        let _ = writeln!(out, "  n{i}{open}{label}{close}");
    }
    for e in &graph.edges {
        let (Some(a), Some(b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue;
        };
        let _ = writeln!(out, "  n{a} -->|{}| n{b}", e.kind.as_str());
    }
    out
}
