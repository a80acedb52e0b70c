//! Which CIS monitoring classes (4.1 to 4.15: unauthorized API calls, root usage, ...) a
//! metric filter's pattern covers, judged by evaluating the pattern on the sample
//! CloudTrail events of `cis_monitoring_events.json`: a class is covered when the pattern
//! matches all of its `match` events and none of its `no_match` events.

use super::filter_pattern::{self, Pattern};
use serde_json::{Map, Value};
use std::sync::OnceLock;

const TABLE: &str = include_str!("cis_monitoring_events.json");

struct Class {
    id: String,
    /// The benchmark's own pattern, which the tests check covers the class.
    #[cfg_attr(not(test), allow(dead_code))]
    cis_pattern: String,
    matching: Vec<Value>,
    not_matching: Vec<Value>,
}

fn merged(common: &Map<String, Value>, partial: &Value) -> Value {
    let mut event = common.clone();
    if let Value::Object(p) = partial {
        event.extend(p.clone());
    }
    Value::Object(event)
}

fn load() -> Vec<Class> {
    let doc: Value = serde_json::from_str(TABLE).expect("the CIS event table is JSON");
    let common = doc["common"].as_object().cloned().unwrap_or_default();
    let list = |c: &Value, key: &str| -> Vec<Value> {
        c[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| merged(&common, p))
            .collect()
    };
    let mut classes = Vec::new();
    for c in doc["classes"].as_array().expect("the table lists classes") {
        let mut matching = list(c, "match");
        for name in c["names"].as_array().into_iter().flatten() {
            let partial = serde_json::json!({"eventSource": c["event_source"], "eventName": name});
            matching.push(merged(&common, &partial));
        }
        classes.push(Class {
            id: c["class"].as_str().expect("a class has an id").to_string(),
            cis_pattern: c["cis_pattern"].as_str().unwrap_or_default().to_string(),
            matching,
            not_matching: list(c, "no_match"),
        });
    }
    classes
}

fn classes() -> &'static [Class] {
    static CLASSES: OnceLock<Vec<Class>> = OnceLock::new();
    CLASSES.get_or_init(load)
}

fn covers(pattern: &Pattern, class: &Class) -> bool {
    class.matching.iter().all(|e| pattern.matches(e))
        && !class.not_matching.iter().any(|e| pattern.matches(e))
}

/// The ids of the classes `pattern` covers, or why the pattern could not be evaluated.
pub fn classes_matched(pattern: &str) -> Result<Vec<&'static str>, String> {
    let parsed = filter_pattern::parse(pattern)?;
    Ok(classes()
        .iter()
        .filter(|c| covers(&parsed, c))
        .map(|c| c.id.as_str())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_cis_control_with_both_kinds_of_sample() {
        let all = classes();
        assert_eq!(all.len(), 15);
        for c in all {
            assert!(!c.matching.is_empty(), "{} has no event to match", c.id);
            assert!(
                !c.not_matching.is_empty(),
                "{} has no event to refuse",
                c.id
            );
        }
    }

    /// Each benchmark pattern covers its own class.
    #[test]
    fn each_cis_pattern_covers_its_class() {
        for c in classes() {
            let got = classes_matched(&c.cis_pattern).unwrap();
            assert!(got.contains(&c.id.as_str()), "{}: {got:?}", c.id);
        }
    }

    #[test]
    fn a_filter_missing_one_event_name_covers_nothing() {
        let p = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }";
        assert!(!classes_matched(p).unwrap().contains(&"cloudtrail_changes"));
    }

    #[test]
    fn catch_all_and_inverted_filters_cover_nothing() {
        assert!(classes_matched("").unwrap().is_empty());
        assert!(classes_matched("{ $.eventName = * }").unwrap().is_empty());
        // Matches refused calls but also successful ones.
        let p = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") || ($.eventName = DescribeInstances) }";
        assert!(!classes_matched(p)
            .unwrap()
            .contains(&"unauthorized_api_calls"));
        // Counts sign-ins with MFA instead of without.
        let p = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed = \"Yes\") }";
        assert!(!classes_matched(p).unwrap().contains(&"sign_in_without_mfa"));
    }

    #[test]
    fn equivalent_spellings_cover_the_class() {
        // Older CIS versions, reordered and unquoted.
        let p = "{($.errorCode=AccessDenied*)||($.errorCode=*UnauthorizedOperation)}";
        assert_eq!(classes_matched(p).unwrap(), ["unauthorized_api_calls"]);
        let p =
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }";
        assert_eq!(classes_matched(p).unwrap(), ["sign_in_without_mfa"]);
        let p = "{ $.userIdentity.type = \"Root\" }";
        assert_eq!(classes_matched(p).unwrap(), ["root_usage"]);
        // One filter may serve several controls.
        let p = "{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) || ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }";
        assert_eq!(
            classes_matched(p).unwrap(),
            ["cloudtrail_changes", "kms_key_disable_or_deletion"]
        );
    }

    #[test]
    fn an_exact_access_denied_misses_the_exception_spelling() {
        let p =
            "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied\") }";
        assert!(classes_matched(p).unwrap().is_empty());
    }

    #[test]
    fn unreadable_patterns_are_errors() {
        assert!(classes_matched("ConsoleLogin").is_err());
    }
}
