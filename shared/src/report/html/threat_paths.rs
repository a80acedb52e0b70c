//! The report's "Threat paths" section: the attack paths of the scan's Threat Graph as
//! `parapet paths` computes them (`graph::ScanThreats`), drawn (`picture`) then listed
//! highest score first, each hop with the findings that open it, then the fixes that
//! remove the most path score.
//! Absent when the scan has no path. Names, ARNs and control ids come from the account
//! or the store: every one is escaped.

mod picture;

use super::escape;
use crate::graph::{AttackPath, Edge, EdgeKind, FindingRef, Graph, ScanThreats};
use std::collections::HashMap;
use std::fmt::Write;

/// Paths shown at most: the page stays readable and bounded on a large account (one
/// path per source and crown jewel); `parapet paths` lists every one.
pub const MAX_SHOWN_PATHS: usize = 200;
/// Fix-first rows shown at most.
const MAX_SHOWN_FIXES: usize = 10;
/// Ports, and sources, named at most per entry.
const MAX_SHOWN_PORTS: usize = 5;

/// The `reaches` edges by the resource they reach: the ports and sources of an entry.
type Entries<'a> = HashMap<&'a str, &'a Edge>;

/// "tcp/22, udp/53 from 0.0.0.0/0": what the internet reaches the entry on.
fn entry_ports(edge: &Edge) -> String {
    let list = |items: &[String]| {
        let mut text = items
            .iter()
            .take(MAX_SHOWN_PORTS)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if items.len() > MAX_SHOWN_PORTS {
            text.push_str(&format!(" and {} more", items.len() - MAX_SHOWN_PORTS));
        }
        text
    };
    match (edge.ports.is_empty(), edge.sources.is_empty()) {
        (true, _) => String::new(),
        (false, true) => list(&edge.ports),
        (false, false) => format!("{} from {}", list(&edge.ports), list(&edge.sources)),
    }
}

/// The node's name, or the last part of an ARN that is no node (a security group).
fn name<'a>(graph: &'a Graph, id: &'a str) -> &'a str {
    match graph.node(id) {
        Some(n) if !n.name.is_empty() => &n.name,
        _ => id.rsplit(['/', ':']).find(|s| !s.is_empty()).unwrap_or(id),
    }
}

/// A resource's name, its ARN on hover.
fn resource(graph: &Graph, id: &str) -> String {
    format!(
        "<span title=\"{}\">{}</span>",
        escape(id),
        escape(name(graph, id))
    )
}

fn findings_list(out: &mut String, graph: &Graph, findings: &[FindingRef]) {
    if findings.is_empty() {
        return;
    }
    out.push_str("<ul class=\"opens\">");
    for f in findings {
        let _ = write!(
            out,
            "<li><code>{}</code> on {}</li>",
            escape(&f.control_id),
            resource(graph, &f.resource_arn)
        );
    }
    out.push_str("</ul>");
}

fn path_row(out: &mut String, graph: &Graph, entries: &Entries, index: usize, p: &AttackPath) {
    let band = p.severity.as_str();
    let mut source = resource(graph, &p.source);
    let first = p.hops.first().filter(|h| h.kind == EdgeKind::Reaches);
    if let Some(edge) = first.and_then(|h| entries.get(h.to.as_str())) {
        let _ = write!(
            source,
            "<br><span class=\"meta\">{}</span>",
            escape(&entry_ports(edge))
        );
    }
    let _ = write!(
        out,
        "<tr class=\"path\" id=\"path-{index}\" data-path=\"{id}\" data-score=\"{score:.1}\"><td class=\"n\">{score:.1}<br><span class=\"sev {band}\">{band}</span></td><td>{source}</td><td><ol class=\"hops\">",
        id = escape(&p.id),
        score = p.score,
    );
    for h in &p.hops {
        let _ = write!(
            out,
            "<li><b>{}</b> {} <span class=\"meta\">({:.1}: {})</span>",
            escape(h.kind.as_str()),
            resource(graph, &h.to),
            h.likelihood,
            escape(h.why)
        );
        findings_list(out, graph, &h.findings);
        out.push_str("</li>");
    }
    let _ = write!(
        out,
        "</ol></td><td title=\"{}\">{}<br><span class=\"meta\">impact {:.1}: {}</span></td></tr>",
        escape(&p.target),
        escape(&p.target_name),
        p.impact,
        escape(p.impact_why)
    );
}

/// Writes the section when `threats` holds at least one path.
pub(super) fn section(out: &mut String, threats: Option<&ScanThreats>) {
    let Some(ScanThreats { graph, report }) = threats else {
        return;
    };
    if report.paths.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"threat-paths\"><h2>Threat paths ({})</h2><p class=\"meta\">From the internet or any AWS account to a crown jewel, through what this scan found; highest score first. Score = 100 × likelihood of every hop × impact of the last (docs/threat-graph.md). Fixing a finding listed under a hop closes that hop.</p>",
        report.paths.len()
    );
    picture::picture(out, graph, &report.paths);
    out.push_str("<table><tr><th>Score</th><th>From</th><th>Hops, each with the findings that open it</th><th>Target</th></tr>");
    let entries: Entries = graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Reaches)
        .map(|e| (e.to.as_str(), e))
        .collect();
    for (i, p) in report.paths.iter().take(MAX_SHOWN_PATHS).enumerate() {
        path_row(out, graph, &entries, i, p);
    }
    out.push_str("</table>");
    if report.paths.len() > MAX_SHOWN_PATHS {
        let _ = write!(
            out,
            "<p class=\"meta\">{} more path(s) not shown: <code>parapet paths</code> lists them all.</p>",
            report.paths.len() - MAX_SHOWN_PATHS
        );
    }
    if !report.fix_first.is_empty() {
        out.push_str("<h3>Fix first</h3><table><tr><th>Path score removed</th><th>Paths</th><th>Finding</th></tr>");
        for f in report.fix_first.iter().take(MAX_SHOWN_FIXES) {
            let _ = write!(
                out,
                "<tr><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td><code>{}</code> on {}</td></tr>",
                f.removes_score,
                f.paths,
                escape(&f.finding.control_id),
                resource(graph, &f.finding.resource_arn)
            );
        }
        out.push_str("</table>");
    }
    if !graph.notes.is_empty() {
        let _ = write!(
            out,
            "<details><summary>Not judged ({})</summary><ul>",
            graph.notes.len()
        );
        for n in graph.notes.iter().take(MAX_SHOWN_PATHS) {
            let _ = write!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Band, EdgeKind, Hop, Node, NodeKind, PathReport};

    const HOSTILE: &str = "<img src=x onerror=alert(1)> \"web\" & co";
    const INSTANCE: &str = "arn:aws:ec2:us-east-1:123456789012:instance/i-1";
    const GROUP: &str = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1";

    fn node(id: &str, kind: NodeKind, name: &str) -> Node {
        Node {
            id: id.into(),
            kind,
            name: name.into(),
            crown_jewel: None,
        }
    }

    fn path(target: &str, score: f64) -> AttackPath {
        let hop = |from: &str, to: &str, kind, findings| Hop {
            from: from.into(),
            to: to.into(),
            kind,
            likelihood: 0.9,
            why: "instance port open to the internet",
            findings,
        };
        let opens = vec![FindingRef {
            control_id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22".into(),
            resource_arn: GROUP.into(),
        }];
        AttackPath {
            id: format!("internet -> {target}"),
            source: "internet".into(),
            target: target.into(),
            target_name: target.rsplit(':').next().unwrap().into(),
            severity: Band::of(score),
            score,
            likelihood: score / 60.0,
            impact: 0.6,
            impact_why: "can read the data",
            hops: vec![
                hop("internet", INSTANCE, EdgeKind::Reaches, opens.clone()),
                hop(INSTANCE, target, EdgeKind::CanRead, vec![]),
            ],
            findings: opens,
        }
    }

    fn threats(paths: Vec<AttackPath>) -> ScanThreats {
        let mut nodes = vec![
            node("internet", NodeKind::Internet, "internet"),
            node(INSTANCE, NodeKind::Instance, HOSTILE),
        ];
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut reaches = Edge::new("internet", INSTANCE, EdgeKind::Reaches);
        reaches.ports = vec!["tcp/22".into()];
        reaches.sources = vec!["0.0.0.0/0".into()];
        ScanThreats {
            graph: Graph {
                nodes,
                edges: vec![reaches],
                notes: vec![],
            },
            report: PathReport {
                paths,
                fix_first: vec![],
            },
        }
    }

    fn render(t: Option<&ScanThreats>) -> String {
        let mut out = String::new();
        section(&mut out, t);
        out
    }

    #[test]
    fn no_paths_no_section() {
        assert_eq!(render(None), "");
        assert_eq!(render(Some(&threats(vec![]))), "");
    }

    #[test]
    fn each_path_in_order_with_the_findings_of_its_hops_escaped() {
        let t = threats(vec![
            path("arn:aws:s3:::jewel", 48.6),
            path("arn:aws:s3:::other", 27.0),
        ]);
        let html = render(Some(&t));
        assert!(html.starts_with("<section id=\"threat-paths\"><h2>Threat paths (2)</h2>"));
        let first = html.find("data-score=\"48.6\"").unwrap();
        let second = html.find("data-score=\"27.0\"").unwrap();
        assert!(first < second, "report order kept: {html}");
        assert!(html.contains("<span class=\"sev critical\">critical</span>"));
        assert!(html.contains("<span class=\"sev high\">high</span>"));
        assert!(!html.contains("<img"), "the Name tag is text: {html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &quot;web&quot; &amp; co"));
        assert!(html.contains(
            "<code>ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22</code> on <span title=\"arn:aws:ec2:us-east-1:123456789012:security-group/sg-1\">sg-1</span>"
        ));
        assert_eq!(
            html.matches("<ul class=\"opens\">").count(),
            2,
            "one per reaches hop"
        );
        let entry = "<span class=\"meta\">tcp/22 from 0.0.0.0/0</span>";
        assert_eq!(html.matches(entry).count(), 2, "ports of the entry: {html}");
    }

    /// The `x` of the node box of `id` in the picture.
    fn box_x(html: &str, id: &str) -> usize {
        let rect = html
            .split(&format!("data-node=\"{}\"", escape(id)))
            .nth(1)
            .unwrap_or_else(|| panic!("no box for {id}: {html}"));
        let x = rect
            .split("x=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        x.parse().unwrap()
    }

    #[test]
    fn the_picture_puts_the_internet_left_and_the_jewels_right() {
        let t = threats(vec![
            path("arn:aws:s3:::jewel", 48.6),
            path("arn:aws:s3:::other", 27.0),
        ]);
        let html = render(Some(&t));
        let svg = html
            .split("<svg")
            .nth(1)
            .unwrap()
            .split("</svg>")
            .next()
            .unwrap();
        let (internet, instance) = (box_x(svg, "internet"), box_x(svg, INSTANCE));
        let jewel = box_x(svg, "arn:aws:s3:::jewel");
        assert!(internet < instance && instance < jewel, "{svg}");
        assert_eq!(
            jewel,
            box_x(svg, "arn:aws:s3:::other"),
            "jewels share the last column"
        );
        assert_eq!(
            svg.matches("<line ").count(),
            3,
            "one line per distinct hop"
        );
        assert!(svg
            .contains("<a href=\"#path-1\"><rect class=\"node\" data-node=\"arn:aws:s3:::other\""));
        assert!(html.contains("<tr class=\"path\" id=\"path-1\""));
        assert!(!svg.contains("<img"), "labels are text: {svg}");
        assert!(
            svg.contains("&lt;img src=x onerror=aler…<"),
            "cut to its box: {svg}"
        );
    }

    #[test]
    fn a_long_list_is_cut_and_says_how_much() {
        let many = (0..MAX_SHOWN_PATHS + 3)
            .map(|i| path(&format!("arn:aws:s3:::b{i}"), 30.0))
            .collect();
        let html = render(Some(&threats(many)));
        assert_eq!(html.matches("<tr class=\"path\"").count(), MAX_SHOWN_PATHS);
        assert!(html.contains("3 more path(s) not shown"));
    }
}
