//! Findings as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they
//! hold a comma, quote or line break), one row per finding, for spreadsheets.

use crate::model::Finding;

const HEADER: [&str; 17] = [
    "scan_id",
    "account_id",
    "region",
    "service",
    "control_id",
    "severity",
    "status",
    "muted",
    "mute_reason",
    "resource_type",
    "resource_arn",
    "resource_name",
    "reason",
    "first_seen",
    "last_seen",
    "status_changed_at",
    "mute_rule",
];

/// First characters a spreadsheet takes as the start of a formula (OWASP, "CSV
/// Injection"). Names, tags and reasons come from the scanned account, so a resource
/// named `=HYPERLINK(...)` must stay text when the file is opened.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn field(out: &mut String, value: &str) {
    let neutralised;
    let value = if value.starts_with(FORMULA_STARTS) {
        // A leading single quote makes the cell text in Excel, LibreOffice and Sheets.
        neutralised = format!("'{value}");
        neutralised.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// `status` is what the control decided; `muted` says whether a rule mutes it.
pub fn render_csv(findings: &[Finding]) -> String {
    let mut out = csv_header();
    for f in findings {
        push_csv_row(&mut out, f);
    }
    out
}

/// The header line, CRLF included: what a CSV rendering starts with.
pub fn csv_header() -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    out
}

/// Appends one finding's row, CRLF included (to write findings a page at a time).
pub fn push_csv_row(out: &mut String, f: &Finding) {
    let (muted, reason, rule) = match &f.muted {
        Some(m) => ("true", m.reason.as_str(), m.rule_id.as_str()),
        None => ("false", "", ""),
    };
    let row = [
        f.scan_id.as_str(),
        &f.account_id,
        &f.region,
        &f.service,
        &f.control_id,
        f.severity.as_str(),
        f.status.as_str(),
        muted,
        reason,
        &f.resource_type,
        &f.resource_arn,
        &f.resource_name,
        &f.reason,
        &f.first_seen.to_rfc3339(),
        &f.last_seen.to_rfc3339(),
        &f.status_changed_at.to_rfc3339(),
        rule,
    ];
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, value);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::finding;

    #[test]
    fn quotes_only_what_needs_quoting() {
        let mut f = finding("s3_x", crate::model::Status::Fail);
        f.reason = "bucket \"logs\" allows http, not only https\nsee policy".into();
        let text = render_csv(&[f]);
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap().split(',').count(), HEADER.len());
        let row = lines.next().unwrap();
        assert!(
            row.contains("\"bucket \"\"logs\"\" allows http, not only https\nsee policy\""),
            "{row}"
        );
        assert!(row.contains(",FAIL,false,,"), "{row}");
    }

    #[test]
    fn formula_starts_are_neutralised_in_every_cell() {
        let mut f = finding("s3_x", crate::model::Status::Fail);
        f.resource_name = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
        f.resource_arn = "+cmd|' /C calc'!A0".into();
        f.reason = "-2+3".into();
        f.region = "@SUM(1)".into();
        f.service = "\tx".into();
        f.account_id = "\r=1".into();
        let text = render_csv(&[f]);
        let row = text.split("\r\n").nth(1).unwrap();
        assert!(
            row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","),
            "{row}"
        );
        assert!(row.contains(",'+cmd|' /C calc'!A0,"), "{row}");
        assert!(row.contains(",'-2+3,"), "{row}");
        assert!(row.contains(",'@SUM(1),"), "{row}");
        assert!(row.contains(",'\tx,"), "{row}");
        assert!(row.contains(",\"'\r=1\","), "{row}");
        // Every cell: none starts with a formula character once unquoted.
        for cell in row.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?} in {row}");
        }
    }
}
