//! Adaptive rate limits: `parapet scan` through `bench/aws_proxy.py`, a reverse proxy in
//! front of moto_server that answers each protocol's throttling error (query
//! `Throttling`, EC2 `RequestLimitExceeded`, JSON `ThrottlingException`, REST-JSON 429,
//! S3 `SlowDown`) above a request rate per service, as AWS does. The scan must come out
//! exactly as an unthrottled one, having cut its rates instead of living on retries.

mod support;
use std::collections::BTreeSet;
use support::aws_proxy::AwsProxy;
use support::*;

const THROTTLE_WORDS: &[&str] = &[
    "Throttl",
    "SlowDown",
    "RequestLimitExceeded",
    "TooManyRequests",
    "Rate exceeded",
];

#[test]
fn a_scan_throttled_at_30_calls_per_second_matches_an_unthrottled_scan() {
    let moto = Moto::start();
    seed_with(&moto, &["--scale", "100"]);
    let dir = tempfile::tempdir().unwrap();

    let counting = AwsProxy::start(&moto.url, &[]);
    let clean = cis_scan(&counting.url, &dir.path().join("clean.db"), &[]);
    let clean_stats = counting.stats();
    assert_eq!(
        clean_stats["refused"], 0,
        "a counting proxy refuses nothing"
    );
    let expected = outcomes(&findings(&clean));
    assert!(expected.len() > 100, "{}", expected.len());

    let limit = 30;
    let throttling = AwsProxy::start(&moto.url, &["--rate-per-service", &limit.to_string()]);
    let throttled = cis_scan(&throttling.url, &dir.path().join("throttled.db"), &[]);
    let stats = throttling.stats();
    let got = outcomes(&findings(&throttled));

    let refused = stats["refused"].as_u64().unwrap();
    let accepted = stats["accepted"].as_u64().unwrap();
    let clean_requests = clean_stats["accepted"].as_u64().unwrap();
    eprintln!(
        "clean: {clean_requests} requests; throttled at {limit}/s per service: {accepted} \
         accepted, {refused} refused, {:.1} s",
        stats["elapsed_seconds"].as_f64().unwrap_or_default()
    );
    // The proxy did throttle: the scan's starting rates (S3 at 1,000/s, IAM at 40/s)
    // are above its limit.
    assert!(refused > 0, "the proxy never throttled: nothing was tested");
    let missing: Vec<_> = expected.difference(&got).take(20).collect();
    let extra: Vec<_> = got.difference(&expected).take(20).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the throttled scan differs from the clean one:\nonly in clean: {missing:#?}\nonly in throttled: {extra:#?}"
    );
    // No call ran out of attempts on a throttle: nothing anywhere says throttled.
    let text = format!("{}{}", stdout(&throttled), stderr(&throttled));
    for word in THROTTLE_WORDS {
        assert!(!text.contains(word), "the scan output mentions {word:?}");
    }
    // Every accepted request is one the clean scan made too (the same calls, none lost
    // and none added), and the retries of throttled requests stayed few: the rates
    // came down instead of each call retrying its way through.
    let ops = |stats: &serde_json::Value| -> BTreeSet<(String, String)> {
        let services = stats["services"].as_object().unwrap();
        services
            .iter()
            .flat_map(|(svc, s)| {
                let ops = s["operations"].as_object().unwrap();
                ops.keys()
                    .map(|op| (svc.clone(), op.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(
        ops(&stats),
        ops(&clean_stats),
        "the same operations reached moto"
    );
    // moto answers a few calls with 5xx now and then, which are retried: allow for them.
    assert!(
        accepted.abs_diff(clean_requests) * 100 <= clean_requests,
        "{accepted} requests reached moto, {clean_requests} in the clean scan"
    );
    assert!(
        refused * 4 <= accepted,
        "{refused} throttled requests for {accepted} accepted: the rate did not adapt"
    );
}
