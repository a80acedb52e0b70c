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
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::collections::{BTreeMap, HashMap};

/// A pattern list: `*` (any value), or patterns of which one must be found in the value.
#[derive(Debug, Clone)]
enum Patterns {
    Any,
    /// Nothing listed: used by exceptions, where an unlisted criterion matches anything.
    Unlisted,
    /// Plain text (no regex syntax): searched as substrings, which is what the regex
    /// would do, without running one.
    Literals(Vec<String>),
    /// Whole values (account ids).
    Exact(Vec<String>),
    OneOf(Regex),
}

/// Characters that make a pattern more than plain text.
fn is_literal(pattern: &str) -> bool {
    !pattern.contains([
        '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
    ])
}

/// The longest pattern (regex or glob) a rule may hold; real ones are tens of characters.
const MAX_PATTERN_CHARS: usize = 1024;
/// The compiled size allowed for one rule's regex: far above what real patterns need
/// (a few KB), small enough that a hostile file cannot use the memory of the process.
const MAX_REGEX_BYTES: usize = 2 << 20;

/// Compiles one regex within the size limits; the error names the rule and pattern
/// instead of the regex engine's panic or its bare message.
fn compile(what: &str, rule_id: &str, pattern: &str) -> anyhow::Result<Regex> {
    if pattern.chars().count() > MAX_PATTERN_CHARS {
        anyhow::bail!(
            "mute rule {rule_id}: {what} pattern {:?}... is longer than {MAX_PATTERN_CHARS} characters",
            pattern.chars().take(40).collect::<String>()
        );
    }
    bounded_regex(pattern).map_err(|e| describe(e, what, rule_id, pattern))
}

fn bounded_regex(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(MAX_REGEX_BYTES)
        .dfa_size_limit(MAX_REGEX_BYTES)
        .build()
}

fn describe(e: regex::Error, what: &str, rule_id: &str, pattern: &str) -> anyhow::Error {
    match e {
        regex::Error::CompiledTooBig(limit) => anyhow::anyhow!(
            "mute rule {rule_id}: {what} pattern {pattern:?} is too complex (its compiled form exceeds {limit} bytes)"
        ),
        e => anyhow::anyhow!(
            "mute rule {rule_id}: {what} pattern {pattern:?} is not a valid regex: {e}"
        ),
    }
}

/// The patterns as one regex (`(?:a)|(?:b)`) and its source; when they do not compile,
/// the error names the pattern at fault.
fn joined(what: &str, rule_id: &str, items: &[String]) -> anyhow::Result<(String, Regex)> {
    // Each pattern alone first, so a bad or oversized one is named.
    for item in items {
        compile(what, rule_id, item)?;
    }
    let source = items
        .iter()
        .map(|i| format!("(?:{i})"))
        .collect::<Vec<_>>()
        .join("|");
    let re = bounded_regex(&source).map_err(|e| {
            anyhow::anyhow!(
                "mute rule {rule_id}: its {} {what} patterns do not combine into one regex within the size limit: {e}",
                items.len()
            )
        })?;
    Ok((source, re))
}

impl Patterns {
    fn regexes(what: &str, rule_id: &str, items: &[String]) -> anyhow::Result<Patterns> {
        if items.is_empty() {
            return Ok(Patterns::Unlisted);
        }
        if items.iter().any(|i| i == "*") {
            return Ok(Patterns::Any);
        }
        if items.iter().all(|i| is_literal(i)) {
            return Ok(Patterns::Literals(items.to_vec()));
        }
        Ok(Patterns::OneOf(joined(what, rule_id, items)?.1))
    }

    fn exact(items: &[String]) -> Patterns {
        if items.is_empty() {
            return Patterns::Unlisted;
        }
        if items.iter().any(|i| i == "*") {
            return Patterns::Any;
        }
        Patterns::Exact(items.to_vec())
    }

    /// In a rule, an empty list matches nothing; in an exception, anything.
    fn matches(&self, value: &str, unlisted_matches: bool) -> bool {
        match self {
            Patterns::Any => true,
            Patterns::Unlisted => unlisted_matches,
            Patterns::Literals(items) => items.iter().any(|i| value.contains(i.as_str())),
            Patterns::Exact(items) => items.iter().any(|i| i == value),
            Patterns::OneOf(re) => re.is_match(value),
        }
    }

    fn matches_any(&self, values: &[&str], unlisted_matches: bool) -> bool {
        match self {
            Patterns::Any | Patterns::Unlisted => self.matches("", unlisted_matches),
            _ => values.iter().any(|v| self.matches(v, unlisted_matches)),
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
            .map(|t| compile("tag", rule_id, t))
            .collect::<anyhow::Result<_>>()
            .map(TagPatterns)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
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
    /// `None`: every resource (`*`). Otherwise the regex and its source: the source goes
    /// into the per-control `RegexSet` (see `Candidates`), the regex is the fallback.
    resources: Option<(String, Regex)>,
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
        if rule.resources.is_empty() {
            anyhow::bail!("mute rule {id} names no resource (use `*` for every resource)");
        }
        let resources = if rule.resources.iter().any(|r| r == "*") {
            None
        } else {
            Some(joined("resource", id, &rule.resources)?)
        };
        let e = &rule.exceptions;
        Ok(CompiledRule {
            id: rule.id.clone(),
            reason: rule.reason.clone(),
            accounts: Patterns::exact(&rule.accounts),
            regions: Patterns::regexes("region", id, &rule.regions)?,
            resources,
            tags: TagPatterns::new(id, &rule.tags)?,
            has_exceptions: !e.is_empty(),
            except_accounts: Patterns::exact(&e.accounts),
            except_regions: Patterns::regexes("exception region", id, &e.regions)?,
            except_resources: Patterns::regexes("exception resource", id, &e.resources)?,
            except_tags: TagPatterns::new(id, &e.tags)?,
        })
    }

    /// Everything but the resource patterns, which the caller matched already.
    /// `pairs` caches the resource's `key=value` tags across the rules of one finding.
    fn mutes(
        &self,
        f: &Finding,
        pairs: &mut Option<Vec<String>>,
        tags: &HashMap<String, BTreeMap<String, String>>,
    ) -> bool {
        if !(self.accounts.matches(&f.account_id, false) && self.regions.matches(&f.region, false))
        {
            return false;
        }
        let needs_tags = !self.tags.is_empty() || !self.except_tags.is_empty();
        let pairs: &[String] = if needs_tags {
            pairs.get_or_insert_with(|| {
                tags.get(&f.resource_arn)
                    .map(|t| t.iter().map(|(k, v)| format!("{k}={v}")).collect())
                    .unwrap_or_default()
            })
        } else {
            &[]
        };
        if !self.tags.matches(pairs) {
            return false;
        }
        let resource = [f.resource_arn.as_str(), f.resource_name.as_str()];
        let excepted = self.has_exceptions
            && self.except_accounts.matches(&f.account_id, true)
            && self.except_regions.matches(&f.region, true)
            && self.except_resources.matches_any(&resource, true)
            && self.except_tags.matches(pairs);
        !excepted
    }
}

/// A control-id glob (`*` any run, `?` one character) as an anchored regex.
fn glob(rule_id: &str, pattern: &str) -> anyhow::Result<Regex> {
    let mut re = String::from("^");
    for ch in pattern.chars() {
        match ch {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    if pattern.chars().count() > MAX_PATTERN_CHARS {
        anyhow::bail!(
            "mute rule {rule_id}: control glob {:?}... is longer than {MAX_PATTERN_CHARS} characters",
            pattern.chars().take(40).collect::<String>()
        );
    }
    bounded_regex(&re).map_err(|e| describe(e, "control glob", rule_id, pattern))
}

/// The rules that can apply to one control id, with their resource patterns in one
/// `RegexSet`: a finding's ARN and name are each scanned once, whatever the number of
/// rules, which is what keeps 1,000 rules over 100,000 findings well under a second.
#[derive(Debug)]
struct Candidates {
    /// Rule indexes, in rule order (the first rule that matches names itself).
    rules: Vec<usize>,
    /// Positions in `rules` of the rules that match every resource (`*`).
    any_resource: Vec<usize>,
    /// Pattern index in `set` -> position in `rules`.
    set_positions: Vec<usize>,
    set: Option<RegexSet>,
}

impl Candidates {
    fn new(all: &[CompiledRule], rules: Vec<usize>) -> Self {
        let mut sources = Vec::new();
        let mut set_positions = Vec::new();
        let mut any_resource = Vec::new();
        for (pos, i) in rules.iter().enumerate() {
            match &all[*i].resources {
                Some((source, _)) => {
                    sources.push(source.as_str());
                    set_positions.push(pos);
                }
                None => any_resource.push(pos),
            }
        }
        // A set too big to build leaves `set` empty; each rule's own regex then decides.
        let set = if sources.is_empty() {
            None
        } else {
            RegexSetBuilder::new(sources)
                .size_limit(64 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .ok()
        };
        Candidates {
            rules,
            any_resource,
            set_positions,
            set,
        }
    }

    /// Positions (in `rules`, ascending) of the rules whose resource patterns match the
    /// finding's ARN or name, into `out`.
    fn resource_matches(&self, all: &[CompiledRule], f: &Finding, out: &mut Vec<usize>) {
        out.clear();
        out.extend_from_slice(&self.any_resource);
        match &self.set {
            // Most findings match no pattern: one quick scan of each value says so.
            Some(set) => {
                for value in [&f.resource_arn, &f.resource_name] {
                    if set.is_match(value) {
                        out.extend(set.matches(value).iter().map(|i| self.set_positions[i]));
                    }
                }
            }
            None => out.extend(self.set_positions.iter().copied().filter(|pos| {
                all[self.rules[*pos]]
                    .resources
                    .as_ref()
                    .is_some_and(|(_, re)| {
                        re.is_match(&f.resource_arn) || re.is_match(&f.resource_name)
                    })
            })),
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// The rules in force at one instant, compiled and indexed by control id.
#[derive(Debug, Default)]
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
                    set.by_glob.push((glob(&rule.id, control)?, index));
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

    fn candidate_rules(&self, control_id: &str) -> Vec<usize> {
        let mut ids: Vec<usize> = self.by_control.get(control_id).cloned().unwrap_or_default();
        ids.extend(
            self.by_glob
                .iter()
                .filter(|(g, _)| g.is_match(control_id))
                .map(|(_, i)| *i),
        );
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Marks the findings the rules mute (the first matching rule, in rule order, names
    /// itself); clears the mark of findings no rule mutes. `tags` maps a resource ARN to
    /// its tags. Returns how many findings are muted.
    pub fn apply(
        &self,
        findings: &mut [Finding],
        tags: &HashMap<String, BTreeMap<String, String>>,
    ) -> usize {
        // Candidates per control id, built once per distinct id; controls with the same
        // candidate rules share one RegexSet.
        let mut by_control: HashMap<String, usize> = HashMap::new();
        let mut by_rules: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut candidates: Vec<Candidates> = Vec::new();
        let mut positions = Vec::new();
        let mut muted = 0;
        for f in findings.iter_mut() {
            f.muted = None;
            if self.rules.is_empty() {
                continue;
            }
            let slot = match by_control.get(&f.control_id) {
                Some(slot) => *slot,
                None => {
                    let rules = self.candidate_rules(&f.control_id);
                    let slot = match by_rules.get(&rules) {
                        Some(slot) => *slot,
                        None => {
                            candidates.push(Candidates::new(&self.rules, rules.clone()));
                            by_rules.insert(rules, candidates.len() - 1);
                            candidates.len() - 1
                        }
                    };
                    by_control.insert(f.control_id.clone(), slot);
                    slot
                }
            };
            let c = &candidates[slot];
            if c.rules.is_empty() {
                continue;
            }
            c.resource_matches(&self.rules, f, &mut positions);
            // The resource's `key=value` pairs, made once per finding, only if a rule
            // that got this far looks at tags.
            let mut pairs: Option<Vec<String>> = None;
            let found = positions
                .iter()
                .map(|pos| c.rules[*pos])
                .find(|rule| self.rules[*rule].mutes(f, &mut pairs, tags));
            if let Some(rule) = found {
                let rule = &self.rules[rule];
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
    fn oversized_patterns_are_refused_naming_the_rule() {
        let long_glob = rule(&[&"?".repeat(5000)]);
        let e = MuteSet::new(&[long_glob], Utc::now())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("mute rule r1") && e.contains("control glob"),
            "{e}"
        );
        // Short, but its compiled form is far over the size limit.
        let mut complex = rule(&["*"]);
        complex.resources = vec!["(\\w{100}){100}".into()];
        let e = MuteSet::new(&[complex], Utc::now())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("mute rule r1") && e.contains("too complex"),
            "{e}"
        );
        let mut tags = rule(&["*"]);
        tags.tags = vec![format!("env={}", "a|".repeat(2000))];
        let e = MuteSet::new(&[tags], Utc::now()).unwrap_err().to_string();
        assert!(
            e.contains("mute rule r1") && e.contains("longer than"),
            "{e}"
        );
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

    #[test]
    fn the_first_matching_rule_in_order_names_itself() {
        let mut other = rule(&["s3_*"]);
        other.id = "r0".into();
        other.resources = vec!["^logs-".into()];
        other.reason = "log buckets".into();
        let mut first = rule(&["*"]);
        first.id = "r1".into();
        first.resources = vec!["www".into()];
        let mut second = rule(&["s3_bucket_public_access"]);
        second.id = "r2".into();
        let set = MuteSet::new(&[other, first, second], Utc::now()).unwrap();
        let mut fs = [
            web(),
            finding(
                "s3_bucket_public_access",
                "arn:aws:s3:::logs-1",
                "logs-1",
                "us-east-1",
            ),
            finding(
                "s3_bucket_public_access",
                "arn:aws:s3:::data",
                "data",
                "us-east-1",
            ),
            finding("iam_x", "arn:aws:iam::1:user/data", "data", "global"),
        ];
        assert_eq!(set.apply(&mut fs, &HashMap::new()), 3);
        let by: Vec<Option<&str>> = fs
            .iter()
            .map(|f| f.muted.as_ref().map(|m| m.rule_id.as_str()))
            .collect();
        assert_eq!(by, [Some("r1"), Some("r0"), Some("r2"), None]);
    }
}
