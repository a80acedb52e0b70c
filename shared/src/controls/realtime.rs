//! Which controls real-time rescans keep current. A CloudTrail event rescans the
//! resources its manifest rule names (`collect::events`), and a rescan re-evaluates every
//! control of their types: a control's triggers are its resource type's events in the
//! manifest (`shared/data/resource_types.json`), never declared per control.

use super::catalog::Catalog;
use crate::manifest::manifest;
use serde::Serialize;
use std::fmt::Write;

/// One control and the events that rescan it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RealtimeCoverage {
    pub control: String,
    pub resource_type: String,
    /// `<source>:<EventName>`, sorted.
    pub events: Vec<String>,
    /// Why the resource type has no events, when the manifest exempts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt: Option<String>,
}

/// The events that rescan resources of a type (none for a type the manifest lacks).
pub fn triggers_of(resource_type: &str) -> Vec<String> {
    manifest()
        .entry(resource_type)
        .map(|e| e.triggers())
        .unwrap_or_default()
}

impl Catalog {
    /// Per control, sorted by id: the events that rescan it.
    pub fn realtime_coverage(&self) -> Vec<RealtimeCoverage> {
        let mut rows: Vec<RealtimeCoverage> = self
            .controls
            .iter()
            .map(|c| {
                let entry = manifest().entry(&c.meta.resource_type);
                RealtimeCoverage {
                    control: c.meta.id.clone(),
                    resource_type: c.meta.resource_type.clone(),
                    events: triggers_of(&c.meta.resource_type),
                    exempt: entry.and_then(|e| e.events_exempt.clone()),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.control.cmp(&b.control));
        rows
    }
}

fn rescanned(rows: &[RealtimeCoverage]) -> usize {
    rows.iter().filter(|r| !r.events.is_empty()).count()
}

/// `parapet controls coverage --realtime`: one line per control, then the count.
pub fn render_realtime(rows: &[RealtimeCoverage]) -> String {
    let mut out = String::new();
    let id_width = rows
        .iter()
        .map(|r| r.control.len())
        .max()
        .unwrap_or(7)
        .max(7);
    let type_width = rows
        .iter()
        .map(|r| r.resource_type.len())
        .max()
        .unwrap_or(13)
        .max(13);
    let _ = writeln!(
        out,
        "{:<id_width$} {:<type_width$} {:>6}  EVENTS",
        "CONTROL", "RESOURCE TYPE", "COUNT"
    );
    for r in rows {
        let events = match (&r.exempt, r.events.is_empty()) {
            (Some(reason), _) => format!("(none: {reason})"),
            (None, true) => "(none)".to_string(),
            (None, false) => r
                .events
                .iter()
                .map(|e| e.replacen(".amazonaws.com", "", 1))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let _ = writeln!(
            out,
            "{:<id_width$} {:<type_width$} {:>6}  {events}",
            r.control,
            r.resource_type,
            r.events.len()
        );
    }
    let _ = writeln!(
        out,
        "\n{} of {} controls are rescanned in real time",
        rescanned(rows),
        rows.len()
    );
    out
}

/// The same as one JSON document.
pub fn realtime_json(rows: &[RealtimeCoverage]) -> serde_json::Value {
    serde_json::json!({
        "controls": rows,
        "rescanned": rescanned(rows),
        "total": rows.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_whose_type_changes_through_an_api_call_has_a_trigger() {
        let catalog = Catalog::embedded().unwrap();
        let rows = catalog.realtime_coverage();
        let untriggered: Vec<String> = rows
            .iter()
            .filter(|r| r.events.is_empty() && r.exempt.is_none())
            .map(|r| format!("{} ({})", r.control, r.resource_type))
            .collect();
        println!(
            "{} of {} controls are rescanned in real time; {} without a trigger or an exemption",
            rescanned(&rows),
            rows.len(),
            untriggered.len()
        );
        assert!(untriggered.is_empty(), "{}", untriggered.join("\n"));
    }

    #[test]
    fn the_table_and_json_list_each_controls_events() {
        let catalog = Catalog::embedded().unwrap();
        let rows = catalog.realtime_coverage();
        let sg = rows
            .iter()
            .find(|r| r.resource_type == "AWS::EC2::SecurityGroup")
            .expect("a security group control");
        assert!(sg
            .events
            .contains(&"ec2.amazonaws.com:AuthorizeSecurityGroupIngress".to_string()));
        let table = render_realtime(&rows);
        assert!(
            table.contains("ec2:AuthorizeSecurityGroupIngress"),
            "{table}"
        );
        let closing = format!(
            "{} of {} controls are rescanned in real time",
            rescanned(&rows),
            rows.len()
        );
        assert!(table.ends_with(&format!("{closing}\n")), "{table}");
        let json = realtime_json(&rows);
        assert_eq!(json["total"], rows.len());
        assert_eq!(json["controls"][0]["control"], rows[0].control.as_str());
    }
}
