use anyhow::Context;
use aws_config::retry::RetryConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::Mutex;

/// How to reach AWS: the base of every account's configuration.
#[derive(Debug, Clone, Default)]
pub struct AwsOptions {
    pub profile: Option<String>,
    /// Overrides every service endpoint (moto_server in tests and the demo).
    pub endpoint_url: Option<String>,
    /// The region for global APIs and region discovery; the credential chain's when unset.
    pub region: Option<String>,
    /// Attempts per call, including the first; throttling backs off exponentially.
    pub max_attempts: u32,
}

/// Builds and caches one `SdkConfig` per (account role, ExternalId): base credentials from
/// the default chain, plus an AssumeRole provider when a role is given. Clients of that
/// account are all made from it, so they share its identity cache.
pub struct Sessions {
    base: SdkConfig,
    options: AwsOptions,
    cache: Mutex<HashMap<(String, String), SdkConfig>>,
}

pub const SESSION_NAME: &str = "parapet-scan";

/// Attempts per AWS call unless told otherwise (`--max-attempts`, `PARAPET_MAX_ATTEMPTS`).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 8;

/// Connecting to an AWS endpoint takes milliseconds; one that does not accept a
/// connection in this time is unreachable, and retrying is better than waiting.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest wait for the next bytes of an answer. The slowest real answers (a large
/// S3 listing, an IAM credential report) come within a few seconds; an endpoint silent
/// for this long is stuck.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// One attempt of a call, connection and whole answer included.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(45);
/// A whole call, every attempt and backoff included: 8 attempts' backoffs add up to
/// about 25 s, so a call that keeps failing fast still gets all its attempts, while one
/// stuck endpoint cannot hold a task for 8 x `ATTEMPT_TIMEOUT`. The worker's task
/// deadline bounds what is left.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(120);

/// The timeouts of every AWS call, SDK clients and `aws::api` alike.
pub fn timeout_config() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(READ_TIMEOUT)
        .operation_attempt_timeout(ATTEMPT_TIMEOUT)
        .operation_timeout(OPERATION_TIMEOUT)
        .build()
}

/// Standard retries: throttling, server errors and transport failures, with capped
/// exponential backoff.
pub fn retry_config(max_attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max_attempts.max(1))
        .with_initial_backoff(Duration::from_millis(200))
        .with_max_backoff(Duration::from_secs(20))
}

impl Sessions {
    pub async fn new(options: AwsOptions) -> Self {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(retry_config(options.max_attempts))
            .timeout_config(timeout_config())
            // One HTTP client (one connection pool) for every client of every account;
            // service clients wrap it to pace their calls (see `Clients`).
            .http_client(super::clients::default_http_client());
        if let Some(p) = &options.profile {
            loader = loader.profile_name(p);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        if let Some(r) = &options.region {
            loader = loader.region(Region::new(r.clone()));
        }
        let mut base = loader.load().await;
        if let Some(p) = base.credentials_provider() {
            // The `aws::api` clients ask the provider directly: cache for them too.
            base = base
                .into_builder()
                .credentials_provider(SharedCredentialsProvider::new(OneSession::new(p)))
                .build();
        }
        if base.region().is_none() {
            // Global APIs need some region; us-east-1 is where IAM and STS live.
            base = base
                .into_builder()
                .region(Region::from_static("us-east-1"))
                .build();
        }
        Sessions {
            base,
            options,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn options(&self) -> &AwsOptions {
        &self.options
    }

    pub fn home_region(&self) -> String {
        self.base
            .region()
            .map(|r| r.to_string())
            .unwrap_or_else(|| "us-east-1".into())
    }

    /// The configuration for a target account. `role_arn = None` uses the base credentials.
    pub async fn config(
        &self,
        role_arn: Option<&str>,
        external_id: Option<&str>,
    ) -> anyhow::Result<SdkConfig> {
        let Some(role) = role_arn else {
            return Ok(self.base.clone());
        };
        let key = (
            role.to_string(),
            external_id.unwrap_or_default().to_string(),
        );
        let mut cache = self.cache.lock().await;
        if let Some(c) = cache.get(&key) {
            return Ok(c.clone());
        }
        if !role.starts_with("arn:") || !role.contains(":role/") {
            anyhow::bail!("{role:?} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }
        let mut provider = AssumeRoleProvider::builder(role)
            .session_name(SESSION_NAME)
            .configure(&self.base);
        if let Some(id) = external_id {
            provider = provider.external_id(id);
        }
        let provider = provider.build().await;
        let config = self
            .base
            .clone()
            .into_builder()
            .credentials_provider(SharedCredentialsProvider::new(OneSession::new(provider)))
            .build();
        cache.insert(key, config.clone());
        Ok(config)
    }

    /// The clients of a target account, sharing a call counter and concurrency limits.
    pub async fn clients(
        &self,
        role_arn: Option<&str>,
        external_id: Option<&str>,
        limiter: super::Limiter,
        counter: super::CallCounter,
    ) -> anyhow::Result<super::Clients> {
        // AWS throttles per account: a role's account has its own rates, the base
        // credentials' account (whatever it is) its own.
        let account = role_arn
            .and_then(|arn| arn.split(':').nth(4))
            .filter(|a| !a.is_empty())
            .unwrap_or("default");
        Ok(super::Clients {
            config: self.config(role_arn, external_id).await?,
            counter,
            limiter: limiter.for_account(account),
            endpoint_override: self.options.endpoint_url.clone(),
        })
    }

    /// Checks that the configuration can call AWS at all and returns the account id it
    /// reaches, so a scan with no credentials, a bad endpoint or a bad role stops at once
    /// with a clear message instead of failing every task.
    pub async fn caller_account(&self, config: &SdkConfig) -> anyhow::Result<String> {
        let sts = aws_sdk_sts::Client::new(config);
        let out = sts.get_caller_identity().send().await.map_err(|e| anyhow::anyhow!(super::describe(&e))).with_context(|| {
            match &self.options.endpoint_url {
                Some(url) => format!("cannot call AWS STS GetCallerIdentity at {url} (check the endpoint, the credentials and the role)"),
                None => "cannot call AWS STS GetCallerIdentity (check the credentials, the profile and the role)".to_string(),
            }
        })?;
        out.account
            .context("STS GetCallerIdentity returned no account id")
    }
}

/// A session's credentials, fetched once for every client and refreshed shortly before
/// they expire: the SDK clients' identity cache and the `aws::api` clients (which have no
/// identity cache) both ask this provider, so a role is assumed once, not once per kind
/// of client.
#[derive(Debug)]
struct OneSession {
    inner: SharedCredentialsProvider,
    slot: std::sync::Arc<tokio::sync::Mutex<Option<aws_credential_types::Credentials>>>,
}

impl OneSession {
    fn new(provider: impl aws_credential_types::provider::ProvideCredentials + 'static) -> Self {
        OneSession {
            inner: SharedCredentialsProvider::new(provider),
            slot: Default::default(),
        }
    }
}

impl aws_credential_types::provider::ProvideCredentials for OneSession {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::new(async move {
            let mut slot = self.slot.lock().await;
            let fresh = |c: &aws_credential_types::Credentials| {
                c.expiry().is_none_or(|e| {
                    e > std::time::SystemTime::now() + std::time::Duration::from_secs(300)
                })
            };
            if let Some(c) = slot.as_ref().filter(|c| fresh(c)) {
                return Ok(c.clone());
            }
            let c = self.inner.provide_credentials().await?;
            *slot = Some(c.clone());
            Ok(c)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_call_of_the_sdk_clients_has_timeouts() {
        let sessions = Sessions::new(AwsOptions {
            endpoint_url: Some("http://127.0.0.1:9".into()),
            region: Some("us-east-1".into()),
            max_attempts: 2,
            ..Default::default()
        })
        .await;
        let base = sessions.config(None, None).await.unwrap();
        let t = base.timeout_config().expect("timeouts are set");
        assert_eq!(t.connect_timeout(), Some(CONNECT_TIMEOUT));
        assert_eq!(t.read_timeout(), Some(READ_TIMEOUT));
        assert_eq!(t.operation_attempt_timeout(), Some(ATTEMPT_TIMEOUT));
        assert_eq!(t.operation_timeout(), Some(OPERATION_TIMEOUT));
    }

    #[tokio::test]
    async fn an_sdk_call_to_a_silent_endpoint_ends_at_its_timeout() {
        // Accepts connections and never answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let sessions = Sessions::new(AwsOptions {
            endpoint_url: Some(url),
            region: Some("us-east-1".into()),
            max_attempts: 2,
            ..Default::default()
        })
        .await;
        // The same configuration with a read timeout short enough for a test.
        let config = sessions
            .config(None, None)
            .await
            .unwrap()
            .into_builder()
            .credentials_provider(SharedCredentialsProvider::new(
                aws_credential_types::Credentials::new("AKIDTEST", "secret", None, None, "t"),
            ))
            .timeout_config(
                timeout_config()
                    .to_builder()
                    .read_timeout(Duration::from_millis(300))
                    .build(),
            )
            .build();
        let started = std::time::Instant::now();
        let err = aws_sdk_sts::Client::new(&config)
            .get_caller_identity()
            .send()
            .await
            .unwrap_err();
        let took = started.elapsed();
        assert!(took < Duration::from_secs(5), "{took:?}: {err:?}");
        assert!(
            format!("{err:?}").to_lowercase().contains("timeout"),
            "{err:?}"
        );
    }
}
