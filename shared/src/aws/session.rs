use anyhow::Context;
use aws_config::retry::RetryConfig;
use aws_config::sts::AssumeRoleProvider;
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
        Ok(super::Clients {
            config: self.config(role_arn, external_id).await?,
            counter,
            limiter,
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
