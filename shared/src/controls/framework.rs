use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Assessment {
    Automated,
    Manual,
}

/// A compliance framework: requirements, each backed by control ids.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub version: String,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub section: String,
    pub description: String,
    pub assessment: Assessment,
    #[serde(default)]
    pub controls: Vec<String>,
}

impl Framework {
    /// Every control id the framework uses, once each, in first-use order.
    pub fn control_ids(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.requirements
            .iter()
            .flat_map(|r| r.controls.iter())
            .map(String::as_str)
            .filter(|id| seen.insert(*id))
            .collect()
    }

    /// The requirement ids that use a control.
    pub fn requirements_of(&self, control_id: &str) -> Vec<&str> {
        self.requirements
            .iter()
            .filter(|r| r.controls.iter().any(|c| c == control_id))
            .map(|r| r.id.as_str())
            .collect()
    }
}
