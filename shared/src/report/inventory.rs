//! The inventory of a scan: which resources were collected, counted per type and region.

use super::table::terminal_text;
use crate::model::Resource;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Which resources to list; an empty list keeps everything. Matching ignores case.
#[derive(Debug, Clone, Default)]
pub struct InventoryFilter {
    pub types: Vec<String>,
    pub regions: Vec<String>,
    pub services: Vec<String>,
}

impl InventoryFilter {
    pub fn keeps(&self, r: &Resource) -> bool {
        let any = |list: &[String], value: &str| {
            list.is_empty() || list.iter().any(|v| v.eq_ignore_ascii_case(value))
        };
        any(&self.types, &r.resource_type)
            && any(&self.regions, &r.region)
            && any(&self.services, r.service())
    }
}

/// Resource counts per (type, region), in type then region order.
pub fn count_by_type_and_region<'a>(
    resources: impl IntoIterator<Item = &'a Resource>,
) -> BTreeMap<(String, String), u64> {
    let mut counts = BTreeMap::new();
    for r in resources {
        *counts
            .entry((r.resource_type.clone(), r.region.clone()))
            .or_insert(0) += 1;
    }
    counts
}

/// The inventory for people: counts per type and region, then one line per resource.
pub fn render_inventory(resources: &[&Resource]) -> String {
    let mut out = String::new();
    let counts = count_by_type_and_region(resources.iter().copied());
    let _ = writeln!(out, "{:<42} {:<16} {:>6}", "TYPE", "REGION", "COUNT");
    for ((t, region), n) in &counts {
        let (t, region) = (terminal_text(t), terminal_text(region));
        let _ = writeln!(out, "{t:<42} {region:<16} {n:>6}");
    }
    let _ = writeln!(out, "{:<42} {:<16} {:>6}", "total", "", resources.len());
    let _ = writeln!(out, "\n{:<42} {:<16} {:<30} ARN", "TYPE", "REGION", "NAME");
    for r in resources {
        let _ = writeln!(
            out,
            "{:<42} {:<16} {:<30} {}",
            terminal_text(&r.resource_type),
            terminal_text(&r.region),
            terminal_text(&r.name),
            terminal_text(&r.arn)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn r(arn: &str, t: &str, region: &str) -> Resource {
        Resource {
            arn: arn.into(),
            resource_type: t.into(),
            account_id: "123456789012".into(),
            region: region.into(),
            name: arn.rsplit([':', '/']).next().unwrap().into(),
            tags: Default::default(),
            attributes: serde_json::Value::Null,
            collected_at: Utc::now(),
            scan_id: "s".into(),
        }
    }

    #[test]
    fn filters_by_type_region_and_service_and_counts() {
        let all = [
            r("arn:aws:s3:::a", "AWS::S3::Bucket", "us-east-1"),
            r("arn:aws:s3:::b", "AWS::S3::Bucket", "eu-west-1"),
            r(
                "arn:aws:ec2:us-east-1:1:security-group/sg-1",
                "AWS::EC2::SecurityGroup",
                "us-east-1",
            ),
            r(
                "arn:aws:ec2:us-east-1:1:security-group/sg-2",
                "AWS::EC2::SecurityGroup",
                "us-east-1",
            ),
        ];
        let only = |f: InventoryFilter| all.iter().filter(|r| f.keeps(r)).count();
        assert_eq!(only(InventoryFilter::default()), 4);
        assert_eq!(
            only(InventoryFilter {
                services: vec!["EC2".into()],
                ..Default::default()
            }),
            2
        );
        assert_eq!(
            only(InventoryFilter {
                regions: vec!["eu-west-1".into()],
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            only(InventoryFilter {
                types: vec!["aws::s3::bucket".into()],
                regions: vec!["us-east-1".into()],
                ..Default::default()
            }),
            1
        );
        let counts = count_by_type_and_region(all.iter());
        assert_eq!(
            counts[&(
                "AWS::EC2::SecurityGroup".to_string(),
                "us-east-1".to_string()
            )],
            2
        );
        assert_eq!(counts.len(), 3);
        let refs: Vec<&Resource> = all.iter().collect();
        let text = render_inventory(&refs);
        assert!(
            text.contains("sg-2")
                && text
                    .lines()
                    .any(|l| l.starts_with("total") && l.ends_with('4')),
            "{text}"
        );
    }
}
