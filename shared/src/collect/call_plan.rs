//! The call plan: which attributes of which resource types a scan reads, from the
//! controls it evaluates. Collectors skip a per-resource call whose attributes no
//! selected control reads; the attribute is then absent, and no selected control looks.

use crate::controls::Control;
use std::collections::{HashMap, HashSet};

/// Attributes to collect, per resource type.
#[derive(Debug, Clone, Default)]
pub struct AttributePlan {
    /// `None`: every attribute (a full-catalog scan, the serverless worker).
    needed: Option<HashMap<String, HashSet<String>>>,
}

impl AttributePlan {
    /// Every attribute of every resource type.
    pub fn everything() -> Self {
        AttributePlan { needed: None }
    }

    /// What `controls` read: each control's `requires` and `also_reads`, for its
    /// resource type. Resource names, tags and ids (what mutes and reports use) are
    /// not attributes and are always collected.
    pub fn for_controls<'a>(controls: impl IntoIterator<Item = &'a Control>) -> Self {
        let mut needed: HashMap<String, HashSet<String>> = HashMap::new();
        for c in controls {
            needed
                .entry(c.meta.resource_type.clone())
                .or_default()
                .extend(c.meta.requires.iter().chain(&c.meta.also_reads).cloned());
        }
        AttributePlan {
            needed: Some(needed),
        }
    }

    /// Whether `attribute` of resources of `resource_type` is read by some control.
    pub fn needs(&self, resource_type: &str, attribute: &str) -> bool {
        self.needed.as_ref().is_none_or(|n| {
            n.get(resource_type)
                .is_some_and(|attrs| attrs.contains(attribute))
        })
    }

    /// Whether some control evaluates resources of `resource_type` at all: a collector
    /// that lists several types skips the listings nobody evaluates.
    pub fn needs_type(&self, resource_type: &str) -> bool {
        self.needed
            .as_ref()
            .is_none_or(|n| n.contains_key(resource_type))
    }

    /// Whether every attribute is collected.
    pub fn is_everything(&self) -> bool {
        self.needed.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::Catalog;

    fn control(id: &str, resource_type: &str, requires: &str, also: &str) -> String {
        format!("# METADATA\n# title: T\n# description: D\n# custom:\n#   id: {id}\n#   severity: low\n#   service: s3\n#   resource_type: {resource_type}\n#   requires: [{requires}]\n#   also_reads: [{also}]\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.{id}\n\nimport rego.v1\n\nstatus := \"PASS\"\n\nreason := \"r\"\n")
    }

    #[test]
    fn collects_what_the_selected_controls_read_and_nothing_else() {
        let files = vec![
            crate::controls::SourceFile {
                path: "aws/s3/a.rego".into(),
                text: control("a", "AWS::S3::Bucket", "policy, acl_grants", ""),
            },
            crate::controls::SourceFile {
                path: "aws/s3/b.rego".into(),
                text: control("b", "AWS::S3::Bucket", "versioning", "logging"),
            },
            crate::controls::SourceFile {
                path: "aws/s3/c.rego".into(),
                text: control("c", "AWS::IAM::User", "credential", ""),
            },
        ];
        let catalog = Catalog::from_files(files).unwrap();
        let plan = AttributePlan::for_controls(&catalog.controls);
        assert!(!plan.is_everything());
        for attr in ["policy", "acl_grants", "versioning", "logging"] {
            assert!(plan.needs("AWS::S3::Bucket", attr), "{attr}");
        }
        assert!(!plan.needs("AWS::S3::Bucket", "website"));
        assert!(!plan.needs("AWS::S3::Bucket", "credential"));
        assert!(plan.needs("AWS::IAM::User", "credential"));
        assert!(!plan.needs("AWS::IAM::Role", "credential"));
        assert!(plan.needs_type("AWS::IAM::User") && !plan.needs_type("AWS::IAM::Role"));

        let one = AttributePlan::for_controls(catalog.controls.iter().filter(|c| c.meta.id == "b"));
        assert!(one.needs("AWS::S3::Bucket", "logging"));
        assert!(!one.needs("AWS::S3::Bucket", "policy"));

        let all = AttributePlan::everything();
        assert!(all.is_everything() && all.needs("AWS::S3::Bucket", "website"));
        assert!(all.needs_type("AWS::IAM::Role"));
    }
}
