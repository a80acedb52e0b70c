use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Bounds how many collectors work at once against one service in one region, and
/// optionally how many calls start per second there, so a scan stays under the API's
/// rate limits instead of living on retries.
#[derive(Clone)]
pub struct Limiter {
    per_key: usize,
    semaphores: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
    per_second: Option<usize>,
    /// Start times of the last `per_second` calls of each service and region (some may
    /// lie in the future: reservations of calls still waiting for their turn).
    starts: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("per_key", &self.per_key)
            .field("per_second", &self.per_second)
            .finish_non_exhaustive()
    }
}

impl Limiter {
    /// A concurrency bound alone, with no calls-per-second budget.
    pub fn new(per_service_region: usize) -> Self {
        Limiter {
            per_key: per_service_region.max(1),
            semaphores: Arc::default(),
            per_second: None,
            starts: Arc::default(),
        }
    }

    /// Also lets at most `calls` calls start in any one-second window, per service and
    /// region. A sliding window rather than a refilling bucket: its bound holds for every
    /// second, which is what an API's throttle counts, and a burst after an idle spell
    /// never exceeds it.
    pub fn with_calls_per_second(mut self, calls: usize) -> Self {
        self.per_second = Some(calls.max(1));
        self
    }

    pub fn calls_per_second(&self) -> Option<usize> {
        self.per_second
    }

    /// Waits until one more call to `service` in `region` fits the per-second budget, and
    /// counts it. Returns at once when there is no budget.
    pub async fn pace(&self, service: &str, region: &str) {
        let Some(limit) = self.per_second else {
            return;
        };
        let slot = {
            let mut map = self.starts.lock().expect("limiter lock");
            let starts = map.entry(format!("{service}/{region}")).or_default();
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
            map.entry(format!("{service}/{region}"))
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

    #[tokio::test]
    async fn paces_calls_per_second_per_service_and_region() {
        let limiter = Limiter::new(1).with_calls_per_second(5);
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..12 {
            limiter.pace("kms", "us-east-1").await;
            starts.push(Instant::now() - t0);
        }
        // Five at once, the next five a second later, the last two a second after that.
        for (i, s) in starts.iter().enumerate() {
            let expected = Duration::from_secs(i as u64 / 5);
            assert!(
                *s >= expected && *s < expected + Duration::from_millis(300),
                "call {i} started at {s:?}, expected about {expected:?}"
            );
        }
        // Another service or region has its own budget; no budget never waits.
        let before = Instant::now();
        limiter.pace("kms", "eu-west-1").await;
        limiter.pace("s3", "us-east-1").await;
        let free = Limiter::new(1);
        for _ in 0..100 {
            free.pace("kms", "us-east-1").await;
        }
        assert!(before.elapsed() < Duration::from_millis(100));
    }

    #[tokio::test]
    async fn bounds_concurrency_per_service_and_region() {
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
        // ...while other keys are independent.
        let _c = limiter.acquire("s3", "eu-west-1").await;
        drop(a);
        let fourth = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            limiter.acquire("s3", "us-east-1"),
        )
        .await;
        assert!(fourth.is_ok());
    }
}
