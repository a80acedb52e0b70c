//! What arrives on the events queue and how far each call in it is trusted: parsing a
//! message body (an EventBridge CloudTrail event, or an S3 notification of CloudTrail log
//! files) and deciding, call by call, whether it may cause a rescan. Pure code with no
//! AWS access, so the events function, the unit tests and the fuzz targets share it.

use super::events::{rescan_targets, ApiCall, RescanTarget};
use serde_json::Value;

/// A CloudTrail log file is refused when it decompresses to more than this. CloudTrail
/// delivers a file about every five minutes per region, a few MB even for busy accounts;
/// the cap leaves ample room while bounding the events function's memory (and stops a
/// gzip bomb after reading this much, not at its end).
pub const MAX_LOG_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Records read from one log file; the rest are counted and logged, not acted on.
pub const MAX_LOG_FILE_RECORDS: usize = 50_000;
/// Longest region name accepted (the longest today, `ap-southeast-5`, has 14).
const MAX_REGION_CHARS: usize = 32;

/// What one events-queue message carries.
#[derive(Debug, Clone, PartialEq)]
pub enum EventMessage {
    /// An EventBridge "AWS API Call via CloudTrail" event, with the account whose bus
    /// sent it when the envelope names one.
    Call {
        sender: Option<String>,
        call: ApiCall,
    },
    /// An S3 notification: the CloudTrail log files to read, as (bucket, key) with the
    /// key still URL-encoded as S3 sends it.
    LogFiles(Vec<(String, String)>),
}

/// Parses an events-queue message body, naming what is wrong when it is neither shape.
pub fn parse_event_message(body: &str) -> Result<EventMessage, String> {
    let v: Value =
        serde_json::from_str(body).map_err(|e| format!("message body is not JSON: {e}"))?;
    if let Some(kind) = v.get("detail-type").and_then(Value::as_str) {
        if kind != "AWS API Call via CloudTrail" {
            return Err(format!("unexpected EventBridge detail-type {kind:?}"));
        }
        let detail = v.get("detail").ok_or("EventBridge event has no detail")?;
        // The envelope's region is the bus's; it never reaches a host, but a malformed one
        // marks a forged event.
        if let Some(region) = v.get("region") {
            match region.as_str() {
                Some(r) if is_region_name(r) => {}
                _ => return Err(format!("EventBridge event names region {region}")),
            }
        }
        return Ok(EventMessage::Call {
            sender: v.get("account").and_then(Value::as_str).map(str::to_string),
            call: ApiCall::from_detail(detail)?,
        });
    }
    let records = v
        .get("Records")
        .and_then(Value::as_array)
        .ok_or("neither an EventBridge event nor an S3 notification")?;
    records
        .iter()
        .map(|r| {
            let bucket = r.pointer("/s3/bucket/name").and_then(Value::as_str);
            let key = r.pointer("/s3/object/key").and_then(Value::as_str);
            match (bucket, key) {
                (Some(b), Some(k)) => Ok((b.to_string(), k.to_string())),
                _ => Err("S3 notification record without bucket and key".to_string()),
            }
        })
        .collect::<Result<_, _>>()
        .map(EventMessage::LogFiles)
}

/// The calls of a CloudTrail log file (its `Records`), each parsed or with the reason it
/// could not be. `None` when the document has no `Records` list at all.
pub fn calls_in_log_file(log: &Value) -> Option<Vec<Result<ApiCall, String>>> {
    let records = log.get("Records")?.as_array()?;
    Some(
        records
            .iter()
            .take(MAX_LOG_FILE_RECORDS)
            .map(ApiCall::from_detail)
            .collect(),
    )
}

/// How many records of a log file `calls_in_log_file` leaves out (over the cap).
pub fn records_over_cap(log: &Value) -> usize {
    log.get("Records")
        .and_then(Value::as_array)
        .map_or(0, |r| r.len().saturating_sub(MAX_LOG_FILE_RECORDS))
}

/// Whether `name` has the shape of an AWS region name (`us-east-1`, `us-gov-west-1`,
/// `eu-central-2`): lowercase words joined by dashes, ending in a number. The event's
/// region becomes part of an endpoint host name, so nothing else may pass: no dots,
/// slashes, ports or user info.
pub fn is_region_name(name: &str) -> bool {
    let mut parts = name.split('-').collect::<Vec<_>>();
    let Some(number) = parts.pop() else {
        return false;
    };
    name.len() <= MAX_REGION_CHARS
        && parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && (1..=2).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// The account a CloudTrail log file belongs to, from its key: `AWSLogs/<account>/...`
/// (an account's trail) or `AWSLogs/<o-org>/<account>/...` (an organization trail).
/// `None` for any other key (the file is then not read).
pub fn log_file_account(key: &str) -> Option<&str> {
    let rest = key.strip_prefix("AWSLogs/")?;
    let (first, rest) = rest.split_once('/')?;
    let account = if is_account_id(first) {
        first
    } else if is_org_id(first) {
        rest.split_once('/')?.0
    } else {
        return None;
    };
    is_account_id(account).then_some(account)
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `o-` and 10 to 32 lowercase letters or digits.
fn is_org_id(s: &str) -> bool {
    s.strip_prefix("o-").is_some_and(|id| {
        (10..=32).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// What to do with one call.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    ReadOnly,
    FailedCall,
    /// The event bus that delivered it belongs to another account than the call's.
    ForeignSender,
    /// The call's `awsRegion` is not a region name (it would become part of a host name).
    BadRegion(String),
    /// The call names a resource (by ARN) owned by another account than the call's.
    ForeignResource(String),
    Unregistered,
    /// The table has no resource for this call.
    Unmapped,
    /// Rescan these resources of the call's account.
    Rescan(Vec<RescanTarget>),
}

/// Decides whether a call may cause a rescan. Only a write call that succeeded, made in
/// a registered account, delivered by that account's own bus (when the sender is known)
/// and naming only that account's resources gets one: a forged or misrouted event can
/// at worst make the scanner look again at resources of the account it came from.
pub fn triage(sender: Option<&str>, call: &ApiCall, registered: impl Fn(&str) -> bool) -> Verdict {
    if call.read_only {
        return Verdict::ReadOnly;
    }
    if call.error_code.is_some() {
        return Verdict::FailedCall;
    }
    if sender.is_some_and(|s| s != call.account_id) {
        return Verdict::ForeignSender;
    }
    if !is_region_name(&call.region) {
        return Verdict::BadRegion(call.region.clone());
    }
    if !registered(&call.account_id) {
        return Verdict::Unregistered;
    }
    let targets = rescan_targets(call);
    if let Some(t) = targets
        .iter()
        .find(|t| arn_account(&t.resource_id).is_some_and(|a| a != call.account_id))
    {
        return Verdict::ForeignResource(t.resource_id.clone());
    }
    if targets.is_empty() {
        Verdict::Unmapped
    } else {
        Verdict::Rescan(targets)
    }
}

/// The account field of an ARN (`arn:partition:service:region:account:resource`), when
/// the id is an ARN that names one; S3 bucket ARNs leave it empty.
pub fn arn_account(id: &str) -> Option<&str> {
    let mut parts = id.splitn(6, ':');
    if parts.next() != Some("arn") {
        return None;
    }
    let account = parts.nth(3)?;
    // An ARN has a resource part after the account.
    parts.next()?;
    (!account.is_empty()).then_some(account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const OWN: &str = "111122223333";

    fn detail(source: &str, name: &str, request: Value) -> Value {
        json!({
            "eventVersion": "1.08",
            "userIdentity": {"type": "IAMUser", "accountId": OWN, "userName": "alice"},
            "eventTime": "2026-11-24T10:00:00Z",
            "eventSource": source,
            "eventName": name,
            "awsRegion": "eu-west-1",
            "requestParameters": request,
            "responseElements": null,
            "readOnly": false,
            "recipientAccountId": OWN
        })
    }

    fn envelope(sender: &str, detail: Value) -> String {
        json!({
            "version": "0", "id": "e-1", "detail-type": "AWS API Call via CloudTrail",
            "source": "aws.ec2", "account": sender, "time": "2026-11-24T10:00:00Z",
            "region": "eu-west-1", "resources": [], "detail": detail
        })
        .to_string()
    }

    fn call_of(body: &str) -> (Option<String>, ApiCall) {
        match parse_event_message(body).unwrap() {
            EventMessage::Call { sender, call } => (sender, call),
            other => panic!("not a call: {other:?}"),
        }
    }

    fn verdict(body: &str) -> Verdict {
        let (sender, call) = call_of(body);
        triage(sender.as_deref(), &call, |a| a == OWN)
    }

    #[test]
    fn a_write_call_of_a_registered_account_is_rescanned() {
        let body = envelope(
            OWN,
            detail(
                "ec2.amazonaws.com",
                "RevokeSecurityGroupIngress",
                json!({"groupId": "sg-1"}),
            ),
        );
        match verdict(&body) {
            Verdict::Rescan(t) => assert_eq!(t[0].resource_id, "sg-1"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn calls_are_dropped_for_what_they_are() {
        let sg = json!({"groupId": "sg-1"});
        let mut read = detail(
            "ec2.amazonaws.com",
            "RevokeSecurityGroupIngress",
            sg.clone(),
        );
        read["readOnly"] = json!(true);
        assert_eq!(verdict(&envelope(OWN, read)), Verdict::ReadOnly);
        let mut failed = detail(
            "ec2.amazonaws.com",
            "RevokeSecurityGroupIngress",
            sg.clone(),
        );
        failed["errorCode"] = json!("AccessDenied");
        assert_eq!(verdict(&envelope(OWN, failed)), Verdict::FailedCall);
        let write = detail("ec2.amazonaws.com", "RevokeSecurityGroupIngress", sg);
        assert_eq!(
            verdict(&envelope("999988887777", write.clone())),
            Verdict::ForeignSender
        );
        let (_, call) = call_of(&envelope(OWN, write));
        assert_eq!(triage(None, &call, |_| false), Verdict::Unregistered);
        let tags = detail("ec2.amazonaws.com", "CreateTags", json!({}));
        assert_eq!(verdict(&envelope(OWN, tags)), Verdict::Unmapped);
    }

    #[test]
    fn a_call_naming_another_accounts_resource_is_dropped() {
        // A trail or a policy given by ARN: the account inside the ARN must be the
        // call's own, or the event is not trusted at all.
        let foreign_trail = "arn:aws:cloudtrail:eu-west-1:999988887777:trail/org";
        let body = envelope(
            OWN,
            detail(
                "cloudtrail.amazonaws.com",
                "StopLogging",
                json!({"name": foreign_trail}),
            ),
        );
        assert_eq!(
            verdict(&body),
            Verdict::ForeignResource(foreign_trail.into())
        );
        let own_policy = format!("arn:aws:iam::{OWN}:policy/ops");
        let body = envelope(
            OWN,
            detail(
                "iam.amazonaws.com",
                "CreatePolicyVersion",
                json!({"policyArn": own_policy}),
            ),
        );
        assert!(matches!(verdict(&body), Verdict::Rescan(_)));
        let body = envelope(
            OWN,
            detail(
                "iam.amazonaws.com",
                "CreatePolicyVersion",
                json!({"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
            ),
        );
        assert!(matches!(verdict(&body), Verdict::ForeignResource(_)));
    }

    #[test]
    fn arn_accounts() {
        assert_eq!(
            arn_account("arn:aws:kms:eu-west-1:999988887777:key/k"),
            Some("999988887777")
        );
        assert_eq!(arn_account("arn:aws-us-gov:iam::aws:policy/x"), Some("aws"));
        assert_eq!(arn_account("arn:aws:s3:::bucket"), None);
        assert_eq!(arn_account("sg-0123"), None);
        assert_eq!(arn_account("arn:aws:iam::111122223333"), None);
        assert_eq!(arn_account("arn::"), None);
    }

    #[test]
    fn s3_notifications_name_their_log_files() {
        let body = json!({"Records": [
            {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "trail"}, "object": {"key": "AWSLogs/111122223333/CloudTrail/x.json.gz"}}}
        ]})
        .to_string();
        assert_eq!(
            parse_event_message(&body).unwrap(),
            EventMessage::LogFiles(vec![(
                "trail".into(),
                "AWSLogs/111122223333/CloudTrail/x.json.gz".into()
            )])
        );
        let err = parse_event_message(r#"{"Records":[{"s3":{}}]}"#).unwrap_err();
        assert!(err.contains("bucket and key"), "{err}");
        let err = parse_event_message(r#"{"detail-type":"Scheduled Event"}"#).unwrap_err();
        assert!(err.contains("detail-type"), "{err}");
        assert!(parse_event_message("[").unwrap_err().contains("not JSON"));
    }

    #[test]
    fn only_region_names_pass() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "ap-southeast-5",
            "us-isob-east-1",
        ] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in [
            "us-east-1.attacker.example",
            "evil.example.com/x",
            "us-east-1:443",
            "user@us-east-1",
            "US-EAST-1",
            "global",
            "us-east-",
            "-east-1",
            "us-east-123",
            "",
        ] {
            assert!(!is_region_name(bad), "{bad}");
        }
        let mut forged = detail(
            "ec2.amazonaws.com",
            "DeleteSecurityGroup",
            json!({"groupId": "sg-1"}),
        );
        forged["awsRegion"] = json!("evil.example.com/x");
        assert_eq!(
            verdict(&envelope(OWN, forged)),
            Verdict::BadRegion("evil.example.com/x".into())
        );
        let mut envelope_region: Value =
            serde_json::from_str(&envelope(OWN, detail("ec2.amazonaws.com", "X", json!({}))))
                .unwrap();
        envelope_region["region"] = json!("us-east-1.attacker.example");
        let err = parse_event_message(&envelope_region.to_string()).unwrap_err();
        assert!(err.contains("region"), "{err}");
    }

    #[test]
    fn log_file_keys_name_their_account() {
        let own = "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/24/f.json.gz";
        assert_eq!(log_file_account(own), Some("111122223333"));
        let org = "AWSLogs/o-abcdef1234/111122223333/CloudTrail/eu-west-1/f.json.gz";
        assert_eq!(log_file_account(org), Some("111122223333"));
        for bad in [
            "logs/111122223333/CloudTrail/f.json.gz",
            "AWSLogs/11112222333/CloudTrail/f.json.gz",
            "AWSLogs/o-abc/111122223333/f.json.gz",
            "AWSLogs/o-abcdef1234/not-an-account/f.json.gz",
            "AWSLogs/111122223333",
            "x/AWSLogs/111122223333/f.json.gz",
        ] {
            assert_eq!(log_file_account(bad), None, "{bad}");
        }
    }

    #[test]
    fn log_files_yield_their_calls() {
        let log = json!({"Records": [
            detail("ec2.amazonaws.com", "DeleteSecurityGroup", json!({"groupId": "sg-9"})),
            {"eventName": "X"}
        ]});
        let calls = calls_in_log_file(&log).unwrap();
        assert_eq!(calls.len(), 2);
        assert!(calls[0].is_ok() && calls[1].is_err());
        assert!(calls_in_log_file(&json!({"other": 1})).is_none());
    }
}
