use crate::model::Severity;
use serde::Deserialize;

/// The `custom:` part of a control's METADATA block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlMeta {
    pub id: String,
    pub severity: Severity,
    pub service: String,
    pub resource_type: String,
    /// Attributes the rule reads; a collector error on any of them makes the finding ERROR.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Attributes the rule reads without needing them for its verdict (a detail of its
    /// reason): collected when the control is selected, but an error reading them does
    /// not make the finding ERROR.
    #[serde(default)]
    pub also_reads: Vec<String>,
    pub risk: String,
    pub remediation: Remediation,
}

/// Real-time triggers are the events of the control's resource type in the manifest
/// (`crate::manifest`, `controls::triggers_of`): declared once per type, so a control
/// cannot name an event that rescans nothing.
const DERIVED_FIELDS: &[&str] = &["realtime_triggers"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    pub text: String,
    #[serde(default)]
    pub cli: Option<String>,
    #[serde(default)]
    pub cloudformation: Option<String>,
    #[serde(default)]
    pub terraform: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    title: String,
    description: String,
    custom: ControlMeta,
}

/// What a control file says about itself.
#[derive(Debug, Clone)]
pub struct ParsedHeader {
    pub title: String,
    pub description: String,
    pub meta: ControlMeta,
    pub package: String,
}

/// Reads the `# METADATA` block and the package line of a control file.
/// Errors carry the 1-based line they refer to.
pub fn parse_header(text: &str) -> Result<ParsedHeader, (usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "# METADATA")
        .ok_or((1, "no `# METADATA` block".to_string()))?;
    let mut yaml = String::new();
    let mut end = start + 1;
    while end < lines.len() {
        let l = lines[end];
        if let Some(rest) = l.strip_prefix('#') {
            yaml.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            yaml.push('\n');
            end += 1;
        } else {
            break;
        }
    }
    if let Some((i, field)) = lines[start + 1..end].iter().enumerate().find_map(|(i, l)| {
        DERIVED_FIELDS
            .iter()
            .find(|f| {
                l.trim_start_matches('#')
                    .trim_start()
                    .starts_with(&format!("{f}:"))
            })
            .map(|f| (i, f))
    }) {
        return Err((
            start + 2 + i,
            format!(
                "METADATA field {field} is derived from the control's resource type \
                 (shared/data/resource_types.json); remove it"
            ),
        ));
    }
    let block: Block = crate::input::from_yaml(&yaml).map_err(|e| {
        let line = e.line.map(|l| start + 1 + l).unwrap_or(start + 1);
        (line, format!("invalid METADATA: {e}"))
    })?;
    let (pkg_line, package) = lines
        .iter()
        .enumerate()
        .skip(end)
        .find_map(|(i, l)| {
            l.trim()
                .strip_prefix("package ")
                .map(|p| (i + 1, p.trim().to_string()))
        })
        .ok_or((end + 1, "no package declaration after METADATA".to_string()))?;
    let m = &block.custom;
    for (field, value) in [
        ("title", block.title.as_str()),
        ("description", block.description.as_str()),
        ("custom.id", m.id.as_str()),
        ("custom.service", m.service.as_str()),
        ("custom.resource_type", m.resource_type.as_str()),
        ("custom.risk", m.risk.as_str()),
        ("custom.remediation.text", m.remediation.text.as_str()),
    ] {
        if value.trim().is_empty() {
            return Err((start + 1, format!("METADATA field {field} is empty")));
        }
    }
    let expected = format!("parapet.aws.{}.{}", m.service, m.id);
    if package != expected {
        return Err((
            pkg_line,
            format!("package is {package}, expected {expected} (service and id from METADATA)"),
        ));
    }
    Ok(ParsedHeader {
        title: block.title,
        description: block.description.trim().to_string(),
        meta: block.custom,
        package,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: x_y\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.x_y\n";

    #[test]
    fn parses_a_complete_header() {
        let h = parse_header(GOOD).unwrap();
        assert_eq!(h.meta.id, "x_y");
        assert_eq!(h.meta.severity, Severity::Low);
        assert_eq!(h.package, "parapet.aws.s3.x_y");
    }

    #[test]
    fn names_the_line_of_a_bad_severity() {
        let bad = GOOD.replace("severity: low", "severity: urgent");
        let (line, msg) = parse_header(&bad).unwrap_err();
        assert!(msg.contains("urgent") || msg.contains("severity"), "{msg}");
        assert!((2..=7).contains(&line), "line {line}");
    }

    #[test]
    fn rejects_missing_fields_wrong_package_and_declared_triggers() {
        let (_, msg) = parse_header(&GOOD.replace("#   risk: R\n", "")).unwrap_err();
        assert!(msg.contains("risk"), "{msg}");
        let (line, msg) =
            parse_header(&GOOD.replace("package parapet.aws.s3.x_y", "package foo")).unwrap_err();
        assert_eq!(line, 12);
        assert!(msg.contains("expected parapet.aws.s3.x_y"), "{msg}");
        // Triggers come from the manifest; a declared list cannot drift from it.
        let declared = GOOD.replace(
            "#     text: Fix\n",
            "#     text: Fix\n#   realtime_triggers:\n#     - s3.amazonaws.com:PutBucketPolicy\n",
        );
        let (line, msg) = parse_header(&declared).unwrap_err();
        assert_eq!(line, 12);
        assert!(msg.contains("realtime_triggers is derived"), "{msg}");
        assert!(parse_header("package x\n").is_err());
    }
}
