//! How fast parapet calls AWS: a concurrency bound per account, service and region; an
//! adaptive request rate per account, service, region (and operation, where AWS throttles
//! operations separately) that starts at AWS's documented quota (`data/aws_rate_limits.json`),
//! grows while calls succeed and halves on a throttling answer; and an optional hard cap
//! on calls per second (`--max-calls-per-second`) for accounts whose quota other tools share.

use serde::Deserialize;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The rate table, as data with its sources.
const RATE_TABLE: &str = include_str!("../../data/aws_rate_limits.json");

/// A throttle halves the rate.
const DECREASE: f64 = 0.5;
/// The slowest a rate goes, in calls per second: AWS answers even a throttled account
/// about once a second, and slower would only stretch the scan.
const FLOOR: f64 = 1.0;
/// While calls succeed, a rate grows each second of calls by this share of its last
/// known level: the starting rate, then the rate at the last throttle. A fixed step
/// between throttles (additive), scaled to the service: S3 starting at 1,000/s climbs by
/// 100/s a second, an API throttled at 30/s by 3/s a second.
const GROWTH: f64 = 0.1;

/// Throttling error codes, as AWS services send them. `LimitExceededException` is left
/// out: in the services parapet reads (KMS, IAM, CloudWatch Logs, ...) it names a
/// resource quota, not a request rate, and retrying it would not help.
const THROTTLE_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "SlowDown",
    "TooManyRequestsException",
    "RequestThrottled",
    "RequestThrottledException",
    "ProvisionedThroughputExceededException",
];

/// One row of the rate table, in calls per second.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct RateEntry {
    pub start: f64,
    pub ceiling: f64,
}

#[derive(Debug, Deserialize)]
struct ServiceRates {
    #[serde(flatten)]
    rate: RateEntry,
    /// Every operation has its own bucket (EC2's token bucket per API action).
    #[serde(default)]
    per_operation: bool,
    /// Operations with their own documented quota; the rest share the service's.
    #[serde(default)]
    operations: HashMap<String, RateEntry>,
}

#[derive(Debug, Deserialize)]
struct RateTable {
    default: RateEntry,
    services: HashMap<String, ServiceRates>,
}

fn table() -> &'static RateTable {
    static TABLE: OnceLock<RateTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(RATE_TABLE).expect("data/aws_rate_limits.json is valid (unit-tested)")
    })
}

/// The rate bucket a call of `operation` on `service` counts against: its own name and
/// rates when the table gives the operation its own quota, else the service's.
fn bucket(service: &str, operation: Option<&str>) -> (Option<String>, RateEntry) {
    let table = table();
    let Some(rates) = table.services.get(service) else {
        return (None, table.default);
    };
    match operation {
        Some(op) if rates.operations.contains_key(op) => {
            (Some(op.to_string()), rates.operations[op])
        }
        Some(op) if rates.per_operation => (Some(op.to_string()), rates.rate),
        _ => (None, rates.rate),
    }
}

/// Whether calls of `service` are rated per operation (the caller then names it).
pub fn rates_per_operation(service: &str) -> bool {
    table()
        .services
        .get(service)
        .is_some_and(|r| r.per_operation || !r.operations.is_empty())
}

/// The operation a request calls, from its `X-Amz-Target` header (JSON protocols) or
/// its form body's `Action=` (query protocols); `None` for REST protocols.
pub fn operation_of(target: Option<&str>, body: &[u8]) -> Option<String> {
    if let Some(t) = target {
        return Some(t.rsplit('.').next().unwrap_or(t).to_string());
    }
    body.split(|b| *b == b'&')
        .find_map(|kv| kv.strip_prefix(b"Action="))
        .filter(|a| !a.is_empty() && a.len() <= 128 && a.iter().all(u8::is_ascii_alphanumeric))
        .map(|a| String::from_utf8_lossy(a).into_owned())
}

/// Whether an answer is a throttle: HTTP 429, or one of the throttling codes in the
/// `x-amzn-errortype` header or the (small) error body of a 400 or 503.
pub fn is_throttle(status: u16, error_type: Option<&str>, body: &[u8]) -> bool {
    if status == 429 {
        return true;
    }
    if status != 400 && status != 503 {
        return false;
    }
    let header_code = error_type.map(|t| t.split(':').next().unwrap_or(t));
    THROTTLE_CODES.iter().any(|code| {
        header_code == Some(*code) || {
            // <Code>SlowDown</Code>, "__type":"ThrottlingException" or "ns#Throttling".
            let xml = format!("<Code>{code}</Code>");
            let json = format!("\"{code}\"");
            let json_ns = format!("#{code}\"");
            [xml, json, json_ns]
                .iter()
                .any(|p| body.windows(p.len()).any(|w| w == p.as_bytes()))
        }
    })
}

/// The adaptive rate of one bucket: spaced call starts at `rate` per second, additive
/// increase while calls succeed, multiplicative decrease on throttles.
#[derive(Debug, Clone)]
pub(crate) struct Aimd {
    rate: f64,
    ceiling: f64,
    /// What a second of successful calls adds to the rate.
    step: f64,
    /// When the next call may start.
    next: Instant,
    /// When the rate was last cut: throttles of calls paced before then were answers to
    /// the old rate, already acted on.
    last_decrease: Option<Instant>,
}

impl Aimd {
    pub(crate) fn new(entry: RateEntry, now: Instant) -> Self {
        let ceiling = entry.ceiling.max(FLOOR);
        let rate = entry.start.clamp(FLOOR, ceiling);
        Aimd {
            rate,
            ceiling,
            step: (rate * GROWTH).max(1.0),
            next: now,
            last_decrease: None,
        }
    }

    pub(crate) fn rate(&self) -> f64 {
        self.rate
    }

    /// Takes this process's share of a rate shared with other processes.
    pub(crate) fn take_share(&mut self, share: f64) {
        self.rate = share.clamp(FLOOR, self.ceiling);
    }

    /// Reserves the start time of one call.
    pub(crate) fn reserve(&mut self, now: Instant) -> Instant {
        let slot = self.next.max(now);
        self.next = slot + Duration::from_secs_f64(1.0 / self.rate);
        slot
    }

    /// A call succeeded: a second's worth of successes adds one step.
    pub(crate) fn succeeded(&mut self) {
        self.rate = (self.rate + self.step / self.rate).min(self.ceiling);
    }

    /// A call reserved at `reserved` was throttled at `now`. Cuts the rate once per
    /// round of calls; returns whether it did.
    pub(crate) fn throttled(&mut self, reserved: Instant, now: Instant) -> bool {
        if self.last_decrease.is_some_and(|d| reserved < d) {
            return false;
        }
        self.step = (self.rate * GROWTH).max(1.0);
        self.rate = (self.rate * DECREASE).max(FLOOR);
        self.last_decrease = Some(now);
        // Calls already reserved keep their slots; the next ones wait a full new gap.
        self.next = self.next.max(now) + Duration::from_secs_f64(1.0 / self.rate);
        true
    }
}

/// How a paced call ended, for the adaptive rate: any answer but a throttle or a server
/// error is a success (the service took the call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Throttled,
    /// A server error or no answer (transport): says nothing about the rate.
    Other,
}

/// A paced call, handed back to `Limiter::record` with its outcome.
#[derive(Debug)]
pub struct Ticket {
    key: String,
    reserved: Instant,
}

/// Bounds how many collectors work at once against one service in one region of an
/// account, and how fast calls start there (see the module text). Clones share state:
/// one `Limiter` per process makes every task calling the same service in the same
/// account and region share one rate.
#[derive(Clone)]
pub struct Limiter {
    per_key: usize,
    /// The account whose quotas this handle spends (see `for_account`).
    account: Arc<str>,
    semaphores: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
    per_second: Option<usize>,
    /// Start times of the last `per_second` calls of each key (some may lie in the
    /// future: reservations of calls still waiting for their turn).
    starts: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
    rates: Arc<Mutex<HashMap<String, Aimd>>>,
    throttles: Arc<AtomicU64>,
    /// Rates shared with other processes (the serverless workers), when set.
    shared: Option<Arc<Shared>>,
}

/// A rate shared by every process calling the same bucket (account, service, region,
/// operation), kept outside them (the serverless installation's DynamoDB table). The
/// total is one AIMD rate: each process adds what its own rate grew, a throttle writes
/// the cut total; each process paces at its share, the total over the processes live.
#[async_trait::async_trait]
pub trait SharedRates: Send + Sync {
    /// Adds `growth` to the shared total of `bucket` (created at `start`), marks this
    /// process live on it, and returns the total and the processes live on it.
    async fn sync(&self, bucket: &str, start: f64, growth: f64) -> anyhow::Result<SharedRate>;
    /// Lowers the shared total of `bucket` to `total` (never raises it).
    async fn cut(&self, bucket: &str, total: f64) -> anyhow::Result<()>;
}

/// A shared total rate, in calls per second, and the processes sharing it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SharedRate {
    pub total: f64,
    pub processes: usize,
}

/// How often a process syncs a bucket it calls with the shared rate.
const SYNC_EVERY: Duration = Duration::from_secs(2);
/// A sync slower than this is given up (the local rate goes on).
const SYNC_TIMEOUT: Duration = Duration::from_secs(2);

struct Shared {
    rates: Arc<dyn SharedRates>,
    syncs: Mutex<HashMap<String, SyncState>>,
}

/// What a process knows of one shared bucket.
#[derive(Debug, Clone, Copy)]
struct SyncState {
    at: Instant,
    /// The local rate right after the last sync: what it grew since is added to the total.
    rate_after: f64,
    processes: usize,
    /// The rate was cut (and the cut written) since the last sync: nothing to add.
    cut_since: bool,
}

/// This process's share of a shared total: an equal part, within the bucket's ceiling.
pub fn share_of(shared: SharedRate, ceiling: f64) -> f64 {
    (shared.total.min(ceiling) / shared.processes.max(1) as f64).max(FLOOR)
}

/// What a process adds to the shared total at a sync: what its rate grew since the last
/// one, none after a cut, and never past the bucket's ceiling.
pub fn growth_since(rate_now: f64, rate_after_sync: f64, cut_since: bool, room: f64) -> f64 {
    if cut_since {
        return 0.0;
    }
    (rate_now - rate_after_sync).clamp(0.0, room.max(0.0))
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("per_key", &self.per_key)
            .field("account", &self.account)
            .field("per_second", &self.per_second)
            .finish_non_exhaustive()
    }
}

impl Limiter {
    /// A concurrency bound and adaptive rates, with no hard cap.
    pub fn new(per_service_region: usize) -> Self {
        Limiter {
            per_key: per_service_region.max(1),
            account: Arc::from("default"),
            semaphores: Arc::default(),
            per_second: None,
            starts: Arc::default(),
            rates: Arc::default(),
            throttles: Arc::default(),
            shared: None,
        }
    }

    /// Shares each bucket's rate with the other processes using `rates` (the serverless
    /// workers of an installation); without it, rates are this process's own.
    pub fn with_shared_rates(mut self, rates: Arc<dyn SharedRates>) -> Self {
        self.shared = Some(Arc::new(Shared {
            rates,
            syncs: Mutex::default(),
        }));
        self
    }

    /// Also lets at most `calls` calls start in any one-second window, per account,
    /// service and region, whatever the adaptive rate says. A sliding window rather than a
    /// refilling bucket: its bound holds for every second, and a burst after an idle
    /// spell never exceeds it.
    pub fn with_calls_per_second(mut self, calls: usize) -> Self {
        self.per_second = Some(calls.max(1));
        self
    }

    /// `with_calls_per_second` when given, no cap otherwise.
    pub fn with_cap(self, calls: Option<usize>) -> Self {
        match calls {
            Some(c) => self.with_calls_per_second(c),
            None => self,
        }
    }

    pub fn calls_per_second(&self) -> Option<usize> {
        self.per_second
    }

    /// A handle on the same state that spends the quotas of `account` (an account id,
    /// or any name of the credentials' account): AWS throttles per account, so scans of
    /// several accounts in one process do not slow each other.
    pub fn for_account(&self, account: &str) -> Limiter {
        let mut scoped = self.clone();
        scoped.account = Arc::from(account);
        scoped
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// Throttling answers seen, every account and service together.
    pub fn throttles(&self) -> u64 {
        self.throttles.load(Ordering::Relaxed)
    }

    /// The current adaptive rate of a bucket, if a call has used it.
    pub fn current_rate(
        &self,
        service: &str,
        region: &str,
        operation: Option<&str>,
    ) -> Option<f64> {
        let (key, _) = self.rate_key(service, region, operation);
        self.rates
            .lock()
            .expect("limiter lock")
            .get(&key)
            .map(Aimd::rate)
    }

    fn key(&self, service: &str, region: &str) -> String {
        format!("{}/{service}/{region}", self.account)
    }

    fn rate_key(
        &self,
        service: &str,
        region: &str,
        operation: Option<&str>,
    ) -> (String, RateEntry) {
        let (op, entry) = bucket(service, operation);
        let mut key = self.key(service, region);
        if let Some(op) = op {
            key.push('/');
            key.push_str(&op);
        }
        (key, entry)
    }

    /// Waits until one more call to `service` in `region` (calling `operation`, when
    /// the caller knows it) fits the adaptive rate and the hard cap, and counts it.
    /// Hand the ticket to `record` with the call's outcome.
    pub async fn pace(&self, service: &str, region: &str, operation: Option<&str>) -> Ticket {
        let (key, entry) = self.rate_key(service, region, operation);
        self.sync_shared(&key, entry).await;
        let now = Instant::now();
        let slot = self
            .rates
            .lock()
            .expect("limiter lock")
            .entry(key.clone())
            .or_insert_with(|| Aimd::new(entry, now))
            .reserve(now);
        tokio::time::sleep_until(slot).await;
        self.cap(service, region).await;
        Ticket {
            key,
            reserved: slot,
        }
    }

    /// Tells the adaptive rate how a paced call ended.
    pub fn record(&self, ticket: &Ticket, outcome: Outcome) {
        let mut rates = self.rates.lock().expect("limiter lock");
        let Some(rate) = rates.get_mut(&ticket.key) else {
            return;
        };
        match outcome {
            Outcome::Success => rate.succeeded(),
            Outcome::Throttled => {
                self.throttles.fetch_add(1, Ordering::Relaxed);
                if rate.throttled(ticket.reserved, Instant::now()) {
                    tracing::debug!(bucket = %ticket.key, rate = rate.rate(), "throttled: rate cut");
                    self.cut_shared(&ticket.key, rate.rate());
                }
            }
            Outcome::Other => {}
        }
    }

    /// Every `SYNC_EVERY`, one call of a bucket syncs it with the shared rate and sets
    /// the local rate to this process's share (the first call of a bucket waits for it,
    /// so a process joining a busy account starts at its share, not the whole rate).
    async fn sync_shared(&self, key: &str, entry: RateEntry) {
        let Some(shared) = &self.shared else {
            return;
        };
        let now = Instant::now();
        let local = self.current_rate_of(key);
        let growth = {
            let mut syncs = shared.syncs.lock().expect("limiter lock");
            let previous = syncs.get(key).copied();
            if previous.is_some_and(|p| now < p.at + SYNC_EVERY) {
                return;
            }
            let state = SyncState {
                at: now,
                rate_after: local.unwrap_or(entry.start),
                processes: previous.map_or(1, |p| p.processes),
                cut_since: false,
            };
            syncs.insert(key.to_string(), state);
            match (previous, local) {
                (Some(p), Some(rate)) => {
                    let room = entry.ceiling - rate * p.processes as f64;
                    growth_since(rate, p.rate_after, p.cut_since, room)
                }
                _ => 0.0,
            }
        };
        let synced =
            tokio::time::timeout(SYNC_TIMEOUT, shared.rates.sync(key, entry.start, growth)).await;
        let view = match synced {
            Ok(Ok(view)) => view,
            Ok(Err(e)) => {
                tracing::warn!(bucket = %key, error = %format!("{e:#}"), "cannot sync the shared rate; pacing on the local one");
                return;
            }
            Err(_) => {
                tracing::warn!(bucket = %key, "shared rate sync timed out; pacing on the local one");
                return;
            }
        };
        let share = share_of(view, entry.ceiling);
        self.rates
            .lock()
            .expect("limiter lock")
            .entry(key.to_string())
            .or_insert_with(|| Aimd::new(entry, now))
            .take_share(share);
        if let Some(state) = shared.syncs.lock().expect("limiter lock").get_mut(key) {
            state.rate_after = share;
            state.processes = view.processes;
        }
    }

    fn current_rate_of(&self, key: &str) -> Option<f64> {
        self.rates
            .lock()
            .expect("limiter lock")
            .get(key)
            .map(Aimd::rate)
    }

    /// Writes a local cut to the shared total (this process's rate times the processes
    /// sharing it), in the background: `record` runs inside the HTTP client.
    fn cut_shared(&self, key: &str, local_rate: f64) {
        let Some(shared) = &self.shared else {
            return;
        };
        let processes = {
            let mut syncs = shared.syncs.lock().expect("limiter lock");
            let Some(state) = syncs.get_mut(key) else {
                return;
            };
            state.cut_since = true;
            state.processes
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let (rates, key) = (shared.rates.clone(), key.to_string());
        let total = local_rate * processes as f64;
        runtime.spawn(async move {
            if let Err(e) = rates.cut(&key, total).await {
                tracing::warn!(bucket = %key, error = %format!("{e:#}"), "cannot write the shared rate cut");
            }
        });
    }

    /// The hard cap: waits until the call fits the one-second window.
    async fn cap(&self, service: &str, region: &str) {
        let Some(limit) = self.per_second else {
            return;
        };
        let slot = {
            let mut map = self.starts.lock().expect("limiter lock");
            let starts = map.entry(self.key(service, region)).or_default();
            let now = Instant::now();
            // Each call starts no sooner than one second after the call `limit` places
            // before it, so no one-second window holds more than `limit` starts.
            let slot = if starts.len() < limit {
                now
            } else {
                let oldest = starts.pop_front().expect("window is full");
                now.max(oldest + Duration::from_secs(1))
            };
            starts.push_back(slot);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    pub async fn acquire(&self, service: &str, region: &str) -> OwnedSemaphorePermit {
        let sem = {
            let mut map = self.semaphores.lock().expect("limiter lock");
            map.entry(self.key(service, region))
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_key)))
                .clone()
        };
        sem.acquire_owned()
            .await
            .expect("limiter semaphore is never closed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_table_parses_and_every_row_is_sane() {
        let t = table();
        let mut rows = vec![("default".to_string(), t.default)];
        for (name, s) in &t.services {
            rows.push((name.clone(), s.rate));
            rows.extend(
                s.operations
                    .iter()
                    .map(|(op, r)| (format!("{name}/{op}"), *r)),
            );
        }
        for (name, r) in rows {
            assert!(r.start > 0.0 && r.start <= r.ceiling, "{name}: {r:?}");
        }
        // Every entry names where its numbers come from.
        let raw: serde_json::Value = serde_json::from_str(RATE_TABLE).unwrap();
        for (name, s) in raw["services"].as_object().unwrap() {
            let source = s["source"].as_str().unwrap_or_default();
            assert!(source.starts_with("https://"), "{name} has no source");
            assert!(
                s["documented"].is_boolean(),
                "{name} does not say if documented"
            );
        }
    }

    #[test]
    fn buckets_follow_the_table() {
        // EC2 throttles each API action separately; KMS lists some operations.
        assert_eq!(
            bucket("ec2", Some("DescribeVolumes")).0.as_deref(),
            Some("DescribeVolumes")
        );
        assert_eq!(
            bucket("kms", Some("GetKeyPolicy")).0.as_deref(),
            Some("GetKeyPolicy")
        );
        assert_eq!(bucket("kms", Some("Unlisted")).0, None);
        assert_eq!(bucket("iam", Some("ListUsers")).0, None);
        assert_eq!(
            bucket("no-such-service", None).1.start,
            table().default.start
        );
        assert!(rates_per_operation("ec2") && !rates_per_operation("iam"));
    }

    #[test]
    fn reads_operations_and_throttles_from_requests_and_answers() {
        assert_eq!(
            operation_of(Some("TrentService.ListKeys"), b"").as_deref(),
            Some("ListKeys")
        );
        assert_eq!(
            operation_of(
                None,
                b"Version=2016-11-15&Action=DescribeVolumes&MaxResults=5"
            )
            .as_deref(),
            Some("DescribeVolumes")
        );
        assert_eq!(operation_of(None, b"Action=%3Cscript%3E"), None);
        assert!(is_throttle(429, None, b""));
        assert!(is_throttle(
            400,
            None,
            b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>"
        ));
        assert!(is_throttle(
            503,
            None,
            b"<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
        ));
        assert!(is_throttle(
            503,
            None,
            b"<Error><Code>SlowDown</Code></Error>"
        ));
        assert!(is_throttle(
            400,
            None,
            br#"{"__type":"com.amazonaws.kms#ThrottlingException"}"#
        ));
        assert!(is_throttle(
            400,
            Some("ThrottlingException:http://internal"),
            b""
        ));
        assert!(!is_throttle(
            400,
            None,
            b"<Error><Code>AccessDenied</Code></Error>"
        ));
        assert!(!is_throttle(
            400,
            None,
            br#"{"__type":"LimitExceededException"}"#
        ));
        assert!(!is_throttle(403, Some("ThrottlingException"), b""));
        assert!(!is_throttle(200, None, b"<Code>Throttling</Code>"));
    }

    fn entry(start: f64, ceiling: f64) -> RateEntry {
        RateEntry { start, ceiling }
    }

    #[test]
    fn additive_increase_multiplicative_decrease() {
        let t0 = Instant::now();
        let mut r = Aimd::new(entry(100.0, 200.0), t0);
        assert_eq!(r.rate(), 100.0);
        // A hundred successes at 100/s (one second of calls) add 10% of the start: 10/s.
        for _ in 0..100 {
            r.succeeded();
        }
        assert!((r.rate() - 110.0).abs() < 0.5, "{}", r.rate());
        // Growth stops at the ceiling.
        for _ in 0..5000 {
            r.succeeded();
        }
        assert_eq!(r.rate(), 200.0);
        // A throttle halves the rate; throttles of calls paced before that cut are
        // answers to the old rate and cut nothing more.
        let before_cut = t0 + Duration::from_millis(100);
        let cut_at = t0 + Duration::from_millis(200);
        assert!(r.throttled(before_cut, cut_at));
        assert_eq!(r.rate(), 100.0);
        assert!(!r.throttled(before_cut, cut_at + Duration::from_millis(10)));
        assert_eq!(r.rate(), 100.0);
        // A call paced after the cut and throttled again cuts again.
        assert!(r.throttled(
            cut_at + Duration::from_millis(50),
            cut_at + Duration::from_millis(60)
        ));
        assert_eq!(r.rate(), 50.0);
        // The step now scales with the level where AWS throttled (100/s): a second of
        // calls at 50/s adds 10/s.
        let mut recovering = r.clone();
        for _ in 0..50 {
            recovering.succeeded();
        }
        assert!(
            (recovering.rate() - 60.0).abs() < 1.0,
            "{}",
            recovering.rate()
        );
        // Repeated throttles go down to the floor and no further.
        for i in 0..10 {
            let t = cut_at + Duration::from_secs(1 + i);
            r.throttled(t, t);
        }
        assert_eq!(r.rate(), FLOOR);
    }

    #[test]
    fn reservations_are_spaced_by_the_rate() {
        let t0 = Instant::now();
        let mut r = Aimd::new(entry(4.0, 4.0), t0);
        let slots: Vec<Duration> = (0..5).map(|_| r.reserve(t0) - t0).collect();
        assert_eq!(
            slots,
            [0, 250, 500, 750, 1000].map(Duration::from_millis).to_vec()
        );
        // A throttle at 1.1 s: the rate halves and the next call waits a full new gap.
        r.throttled(t0, t0 + Duration::from_millis(1100));
        assert_eq!(r.reserve(t0) - t0, Duration::from_millis(1750));
        // An idle spell earns no burst: the next call after it starts at once, the one
        // after a full gap later.
        let later = t0 + Duration::from_secs(60);
        assert_eq!(r.reserve(later), later);
        assert_eq!(r.reserve(later) - later, Duration::from_millis(500));
    }

    #[tokio::test]
    async fn limiter_shares_rates_per_account_service_and_region() {
        let limiter = Limiter::new(4);
        let other_handle = limiter.clone();
        for l in [&limiter, &other_handle] {
            let ticket = l.pace("iam", "us-east-1", None).await;
            l.record(&ticket, Outcome::Other);
        }
        let start = table().services["iam"].rate.start;
        assert_eq!(
            other_handle.current_rate("iam", "us-east-1", None),
            Some(start)
        );
        // A throttle recorded through one handle slows every handle of that key...
        let ticket = limiter.pace("iam", "us-east-1", None).await;
        limiter.record(&ticket, Outcome::Throttled);
        assert_eq!(
            other_handle.current_rate("iam", "us-east-1", None),
            Some(start * DECREASE)
        );
        assert_eq!(limiter.throttles(), 1);
        // ...and no other account, region or service.
        let other_account = limiter.for_account("111122223333");
        for (l, region) in [(&other_account, "us-east-1"), (&limiter, "eu-west-1")] {
            let ticket = l.pace("iam", region, None).await;
            l.record(&ticket, Outcome::Success);
            assert!(l.current_rate("iam", region, None) > Some(start));
        }
        assert_eq!(limiter.current_rate("kms", "us-east-1", None), None);
        // EC2 rates each API action on its own.
        let ticket = limiter
            .pace("ec2", "us-east-1", Some("DescribeVolumes"))
            .await;
        limiter.record(&ticket, Outcome::Throttled);
        let ec2 = |op| limiter.current_rate("ec2", "us-east-1", Some(op));
        assert!(ec2("DescribeVolumes") < ec2("DescribeInstances").or(Some(20.0)));
    }

    #[test]
    fn a_shared_rate_is_split_evenly_and_grows_by_what_each_process_grew() {
        let shared = |total, processes| SharedRate { total, processes };
        assert_eq!(share_of(shared(100.0, 2), 1000.0), 50.0);
        assert_eq!(share_of(shared(100.0, 0), 1000.0), 100.0);
        // Within the ceiling, and never under the floor.
        assert_eq!(share_of(shared(5000.0, 4), 1000.0), 250.0);
        assert_eq!(share_of(shared(3.0, 6), 1000.0), FLOOR);
        // Growth since the last sync is added; none after a cut or past the ceiling.
        assert_eq!(growth_since(55.0, 50.0, false, 100.0), 5.0);
        assert_eq!(growth_since(55.0, 50.0, true, 100.0), 0.0);
        assert_eq!(growth_since(45.0, 50.0, false, 100.0), 0.0);
        assert_eq!(growth_since(55.0, 50.0, false, 2.0), 2.0);
        assert_eq!(growth_since(55.0, 50.0, false, -3.0), 0.0);
    }

    /// Shared rates held in memory: the logic of the limiter's hook, not the storage
    /// (`tests/shared_rate_moto.rs` runs the DynamoDB one).
    #[derive(Default)]
    struct MemoryRates {
        state: Mutex<(f64, usize, Vec<f64>)>,
    }

    #[async_trait::async_trait]
    impl SharedRates for MemoryRates {
        async fn sync(&self, _: &str, start: f64, growth: f64) -> anyhow::Result<SharedRate> {
            let mut s = self.state.lock().unwrap();
            if s.0 == 0.0 {
                s.0 = start;
            }
            s.0 += growth;
            Ok(SharedRate {
                total: s.0,
                processes: s.1,
            })
        }
        async fn cut(&self, _: &str, total: f64) -> anyhow::Result<()> {
            let mut s = self.state.lock().unwrap();
            s.2.push(total);
            s.0 = s.0.min(total);
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_limiter_with_shared_rates_paces_at_its_share_and_writes_its_cuts() {
        let shared = Arc::new(MemoryRates::default());
        shared.state.lock().unwrap().1 = 2;
        let limiter = Limiter::new(4).with_shared_rates(shared.clone());
        let start = table().services["iam"].rate.start;
        let ticket = limiter.pace("iam", "us-east-1", None).await;
        // Two processes share IAM's rate: this one takes half from its first call.
        assert_eq!(
            limiter.current_rate("iam", "us-east-1", None),
            Some(start / 2.0)
        );
        limiter.record(&ticket, Outcome::Throttled);
        // The cut halves the local rate and writes the total: the half, times two.
        for _ in 0..50 {
            if !shared.state.lock().unwrap().2.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(shared.state.lock().unwrap().2, vec![start / 2.0]);
        // A process without shared rates writes nothing and keeps the whole rate.
        let alone = Limiter::new(4);
        let ticket = alone.pace("iam", "us-east-1", None).await;
        alone.record(&ticket, Outcome::Success);
        assert!(alone.current_rate("iam", "us-east-1", None) > Some(start));
    }

    #[tokio::test]
    async fn hard_cap_holds_whatever_the_adaptive_rate() {
        let limiter = Limiter::new(1).with_calls_per_second(5);
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..12 {
            limiter.pace("s3", "us-east-1", None).await;
            starts.push(Instant::now() - t0);
        }
        // S3's adaptive rate starts at 1000/s; the cap lets five through at once, five a
        // second later, the last two a second after that.
        for (i, s) in starts.iter().enumerate() {
            let expected = Duration::from_secs(i as u64 / 5);
            assert!(
                *s >= expected && *s < expected + Duration::from_millis(300),
                "call {i} started at {s:?}, expected about {expected:?}"
            );
        }
    }

    #[tokio::test]
    async fn bounds_concurrency_per_account_service_and_region() {
        let limiter = Limiter::new(2);
        let a = limiter.acquire("s3", "us-east-1").await;
        let _b = limiter.acquire("s3", "us-east-1").await;
        // A third permit for the same key must wait...
        let third = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            limiter.acquire("s3", "us-east-1"),
        )
        .await;
        assert!(third.is_err());
        // ...while other keys, and other accounts, are independent.
        let _c = limiter.acquire("s3", "eu-west-1").await;
        let _d = limiter
            .for_account("111122223333")
            .acquire("s3", "us-east-1")
            .await;
        drop(a);
        let fourth = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            limiter.acquire("s3", "us-east-1"),
        )
        .await;
        assert!(fourth.is_ok());
    }
}
