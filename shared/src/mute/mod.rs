//! Mute rules applied to findings. Pure: takes rules, findings and resource tags, so any
//! store (SQLite, DynamoDB) and any report can use it.
//!
//! Matching follows Prowler's mutelist, so users can carry their files over: a rule
//! mutes a finding when its account, control, region, resource and tags all match and
//! no exception matches. Control ids are globs; regions and resources are regexes
//! searched anywhere in the value (`*` alone means any); tags are `key=value` regexes,
//! all of which must match one of the resource's tags.

mod mutelist;

pub use mutelist::{parse_expiry, parse_mutelist, MutelistError};

use crate::model::{Finding, MuteRule, MutedBy};
use chrono::{DateTime, Utc};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};

/// A pattern list: `*` (any value), or regexes of which one must be found in the value.
#[derive(Debug, Clone)]
enum Patterns {
    Any,
    /// Nothing listed: used by exceptions, where an unlisted criterion matches anything.
    Unlisted,
    OneOf(Regex),
}

impl Patterns {
    fn regexes(what: &str, rule_id: &str, items: &[String]) -> anyhow::Result<Patterns> {
        if items.is_empty() {
            return Ok(Patterns::Unlisted);
        }
        if items.iter().any(|i| i == "*") {
            return Ok(Patterns::Any);
        }
        for item in items {
            Regex::new(item).map_err(|e| {
                anyhow::anyhow!(
                    "mute rule {rule_id}: {what} pattern {item:?} is not a valid regex: {e}"
                )
            })?;
        }
        let joined = items
            .iter()
            .map(|i| format!("(?:{i})"))
            .collect::<Vec<_>>()
            .join("|");
        Ok(Patterns::OneOf(Regex::new(&joined)?))
    }

    fn exact(items: &[String]) -> Patterns {
        if items.is_empty() {
            return Patterns::Unlisted;
        }
        if items.iter().any(|i| i == "*") {
            return Patterns::Any;
        }
        let joined = items
            .iter()
            .map(|i| regex::escape(i))
            .collect::<Vec<_>>()
            .join("|");
        Patterns::OneOf(Regex::new(&format!("^(?:{joined})$")).expect("escaped literals"))
    }

    /// In a rule, an empty list matches nothing; in an exception, anything.
    fn matches(&self, value: &str, unlisted_matches: bool) -> bool {
        match self {
            Patterns::Any => true,
            Patterns::Unlisted => unlisted_matches,
            Patterns::OneOf(re) => re.is_match(value),
        }
    }

    fn matches_any(&self, values: &[&str], unlisted_matches: bool) -> bool {
        match self {
            Patterns::OneOf(re) => values.iter().any(|v| re.is_match(v)),
            other => other.matches("", unlisted_matches),
        }
    }
}

/// Every pattern must match one of the resource's `key=value` pairs.
#[derive(Debug, Clone)]
struct TagPatterns(Vec<Regex>);

impl TagPatterns {
    fn new(rule_id: &str, items: &[String]) -> anyhow::Result<Self> {
        items
            .iter()
            .map(|t| {
                Regex::new(t).map_err(|e| {
                    anyhow::anyhow!(
                        "mute rule {rule_id}: tag pattern {t:?} is not a valid regex: {e}"
                    )
                })
            })
            .collect::<anyhow::Result<_>>()
            .map(TagPatterns)
    }

    fn matches(&self, pairs: &[String]) -> bool {
        self.0.iter().all(|re| pairs.iter().any(|p| re.is_match(p)))
    }
}

#[derive(Debug, Clone)]
struct CompiledRule {
    id: String,
    reason: String,
    accounts: Patterns,
    regions: Patterns,
    resources: Patterns,
    tags: TagPatterns,
    has_exceptions: bool,
    except_accounts: Patterns,
    except_regions: Patterns,
    except_resources: Patterns,
    except_tags: TagPatterns,
}

impl CompiledRule {
    fn new(rule: &MuteRule) -> anyhow::Result<Self> {
        let id = rule.id.as_str();
        if rule.reason.trim().is_empty() {
            anyhow::bail!("mute rule {id} has no reason; every mute needs one");
        }
        if rule.controls.is_empty() {
            anyhow::bail!("mute rule {id} names no control (use `*` for every control)");
        }
        let e = &rule.exceptions;
        Ok(CompiledRule {
            id: rule.id.clone(),
            reason: rule.reason.clone(),
            accounts: Patterns::exact(&rule.accounts),
            regions: Patterns::regexes("region", id, &rule.regions)?,
            resources: Patterns::regexes("resource", id, &rule.resources)?,
            tags: TagPatterns::new(id, &rule.tags)?,
            has_exceptions: !e.is_empty(),
            except_accounts: Patterns::exact(&e.accounts),
            except_regions: Patterns::regexes("exception region", id, &e.regions)?,
            except_resources: Patterns::regexes("exception resource", id, &e.resources)?,
            except_tags: TagPatterns::new(id, &e.tags)?,
        })
    }

    fn mutes(&self, f: &Finding, tag_pairs: &[String]) -> bool {
        let resource = [f.resource_arn.as_str(), f.resource_name.as_str()];
        let matched = self.accounts.matches(&f.account_id, false)
            && self.regions.matches(&f.region, false)
            && self.resources.matches_any(&resource, false)
            && self.tags.matches(tag_pairs);
        if !matched {
            return false;
        }
        let excepted = self.has_exceptions
            && self.except_accounts.matches(&f.account_id, true)
            && self.except_regions.matches(&f.region, true)
            && self.except_resources.matches_any(&resource, true)
            && self.except_tags.matches(tag_pairs);
        !excepted
    }
}

/// A control-id glob (`*` any run, `?` one character) as an anchored regex.
fn glob(pattern: &str) -> Regex {
    let mut re = String::from("^");
    for ch in pattern.chars() {
        match ch {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).expect("escaped glob")
}

/// The rules in force at one instant, compiled and indexed by control id.
#[derive(Debug, Clone, Default)]
pub struct MuteSet {
    rules: Vec<CompiledRule>,
    /// Exact control id -> rules naming it.
    by_control: HashMap<String, Vec<usize>>,
    /// Rules whose control pattern is a glob, with the glob.
    by_glob: Vec<(Regex, usize)>,
}

impl MuteSet {
    /// Compiles the rules that have not expired at `now`. A bad pattern is an error
    /// naming the rule and the pattern.
    pub fn new(rules: &[MuteRule], now: DateTime<Utc>) -> anyhow::Result<Self> {
        let mut set = MuteSet::default();
        for rule in rules.iter().filter(|r| !r.is_expired(now)) {
            let index = set.rules.len();
            set.rules.push(CompiledRule::new(rule)?);
            for control in &rule.controls {
                if control.contains(['*', '?']) {
                    set.by_glob.push((glob(control), index));
                } else {
                    set.by_control
                        .entry(control.clone())
                        .or_default()
                        .push(index);
                }
            }
        }
        Ok(set)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Marks the findings the rules mute (the first matching rule, in rule order, names
    /// itself); clears the mark of findings no rule mutes. `tags` maps a resource ARN to
    /// its tags. Returns how many findings are muted.
    pub fn apply(
        &self,
        findings: &mut [Finding],
        tags: &HashMap<String, BTreeMap<String, String>>,
    ) -> usize {
        // Candidate rules per control id, worked out once per distinct id.
        let mut candidates: HashMap<String, Vec<usize>> = HashMap::new();
        let mut muted = 0;
        let no_tags = BTreeMap::new();
        for f in findings.iter_mut() {
            f.muted = None;
            if self.rules.is_empty() {
                continue;
            }
            let rules = candidates.entry(f.control_id.clone()).or_insert_with(|| {
                let mut ids: Vec<usize> = self
                    .by_control
                    .get(&f.control_id)
                    .cloned()
                    .unwrap_or_default();
                ids.extend(
                    self.by_glob
                        .iter()
                        .filter(|(g, _)| g.is_match(&f.control_id))
                        .map(|(_, i)| *i),
                );
                ids.sort_unstable();
                ids.dedup();
                ids
            });
            if rules.is_empty() {
                continue;
            }
            let pairs: Vec<String> = tags
                .get(&f.resource_arn)
                .unwrap_or(&no_tags)
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            if let Some(rule) = rules
                .iter()
                .map(|i| &self.rules[*i])
                .find(|r| r.mutes(f, &pairs))
            {
                f.muted = Some(MutedBy {
                    rule_id: rule.id.clone(),
                    reason: rule.reason.clone(),
                });
                muted += 1;
            }
        }
        muted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MuteExceptions, Severity, Status};
    use chrono::Duration;

    fn rule(controls: &[&str]) -> MuteRule {
        MuteRule {
            id: "r1".into(),
            accounts: vec!["*".into()],
            controls: controls.iter().map(|s| s.to_string()).collect(),
            regions: vec!["*".into()],
            resources: vec!["*".into()],
            tags: vec![],
            exceptions: MuteExceptions::default(),
            reason: "public website".into(),
            expires_at: None,
            created_by: "alice".into(),
            created_at: Utc::now(),
        }
    }

    fn finding(control: &str, arn: &str, name: &str, region: &str) -> Finding {
        let now = Utc::now();
        Finding {
            control_id: control.into(),
            resource_arn: arn.into(),
            resource_name: name.into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: region.into(),
            service: "s3".into(),
            severity: Severity::High,
            status: Status::Fail,
            reason: "r".into(),
            scan_id: "s".into(),
            first_seen: now,
            last_seen: now,
            status_changed_at: now,
            muted: None,
        }
    }

    fn muted(rules: &[MuteRule], f: &Finding, tags: &[(&str, &str)]) -> bool {
        let set = MuteSet::new(rules, Utc::now()).unwrap();
        let mut one = [f.clone()];
        let mut by_arn = HashMap::new();
        by_arn.insert(
            f.resource_arn.clone(),
            tags.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        set.apply(&mut one, &by_arn);
        one[0].muted.is_some()
    }

    fn web() -> Finding {
        finding(
            "s3_bucket_public_access",
            "arn:aws:s3:::www-site",
            "www-site",
            "us-east-1",
        )
    }

    #[test]
    fn a_muted_finding_keeps_its_status_and_names_the_rule() {
        let set = MuteSet::new(&[rule(&["s3_bucket_public_access"])], Utc::now()).unwrap();
        let mut fs = [web()];
        assert_eq!(set.apply(&mut fs, &HashMap::new()), 1);
        assert_eq!(fs[0].status, Status::Fail);
        assert_eq!(fs[0].shown_status(), Status::Muted);
        assert_eq!(fs[0].muted.as_ref().unwrap().reason, "public website");
    }

    #[test]
    fn control_ids_match_exactly_or_by_glob() {
        assert!(muted(&[rule(&["s3_*"])], &web(), &[]));
        assert!(muted(&[rule(&["*"])], &web(), &[]));
        assert!(!muted(&[rule(&["s3_bucket"])], &web(), &[]));
        assert!(!muted(&[rule(&["ec2_*"])], &web(), &[]));
    }

    #[test]
    fn account_and_region_must_match() {
        let mut r = rule(&["*"]);
        r.accounts = vec!["999999999999".into()];
        assert!(!muted(&[r.clone()], &web(), &[]));
        r.accounts = vec!["123456789012".into()];
        r.regions = vec!["eu-.*".into()];
        assert!(!muted(&[r.clone()], &web(), &[]));
        r.regions = vec!["us-east-1".into()];
        assert!(muted(&[r], &web(), &[]));
    }

    #[test]
    fn resources_match_by_regex_on_arn_or_name() {
        let mut r = rule(&["*"]);
        r.resources = vec!["^www-".into()];
        assert!(muted(&[r.clone()], &web(), &[]), "name starts with www-");
        r.resources = vec!["arn:aws:s3:::www".into()];
        assert!(muted(&[r.clone()], &web(), &[]), "found inside the ARN");
        r.resources = vec!["^logs-".into()];
        assert!(!muted(&[r], &web(), &[]));
    }

    #[test]
    fn every_tag_pattern_must_match_and_a_pipe_means_or() {
        let mut r = rule(&["*"]);
        r.tags = vec!["env=dev|env=stg".into(), "team=web".into()];
        assert!(muted(
            &[r.clone()],
            &web(),
            &[("env", "stg"), ("team", "web")]
        ));
        assert!(
            !muted(&[r.clone()], &web(), &[("env", "stg")]),
            "team missing"
        );
        assert!(!muted(&[r], &web(), &[("env", "prod"), ("team", "web")]));
    }

    #[test]
    fn an_exception_keeps_matching_findings_unmuted() {
        let mut r = rule(&["*"]);
        r.exceptions.regions = vec!["us-east-1".into()];
        assert!(!muted(&[r.clone()], &web(), &[]));
        // Every listed exception criterion must match for the exception to apply.
        r.exceptions.accounts = vec!["999999999999".into()];
        assert!(muted(&[r.clone()], &web(), &[]));
        r.exceptions = MuteExceptions {
            tags: vec!["env=prod".into()],
            ..Default::default()
        };
        assert!(!muted(&[r.clone()], &web(), &[("env", "prod")]));
        assert!(muted(&[r], &web(), &[("env", "dev")]));
    }

    #[test]
    fn expired_rules_stop_applying_by_themselves() {
        let mut r = rule(&["*"]);
        r.expires_at = Some(Utc::now() - Duration::seconds(1));
        assert!(!muted(&[r.clone()], &web(), &[]));
        r.expires_at = Some(Utc::now() + Duration::days(1));
        assert!(muted(&[r], &web(), &[]));
    }

    #[test]
    fn applying_again_without_the_rule_unmutes() {
        let mut fs = [web()];
        MuteSet::new(&[rule(&["*"])], Utc::now())
            .unwrap()
            .apply(&mut fs, &HashMap::new());
        assert!(fs[0].muted.is_some());
        MuteSet::new(&[], Utc::now())
            .unwrap()
            .apply(&mut fs, &HashMap::new());
        assert!(fs[0].muted.is_none());
    }

    #[test]
    fn bad_rules_are_refused_naming_rule_and_pattern() {
        let mut r = rule(&["*"]);
        r.resources = vec!["(unclosed".into()];
        let err = MuteSet::new(&[r], Utc::now()).unwrap_err().to_string();
        assert!(err.contains("r1") && err.contains("(unclosed"), "{err}");
        let mut r = rule(&["*"]);
        r.reason = " ".into();
        let err = MuteSet::new(&[r], Utc::now()).unwrap_err().to_string();
        assert!(err.contains("no reason"), "{err}");
    }
}
