use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bounds how many calls run at once against one service in one region, so a scan
/// stays under the API's rate limits instead of living on retries.
#[derive(Clone)]
pub struct Limiter {
    per_key: usize,
    semaphores: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

impl Limiter {
    pub fn new(per_service_region: usize) -> Self {
        Limiter {
            per_key: per_service_region.max(1),
            semaphores: Arc::default(),
        }
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
