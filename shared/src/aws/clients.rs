use super::Limiter;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counts HTTP requests sent to AWS (retries included), and the operations they served,
/// for benchmarks and scan summaries.
#[derive(Debug, Clone, Default)]
pub struct CallCounter {
    attempts: Arc<AtomicU64>,
    operations: Arc<AtomicU64>,
}

impl CallCounter {
    /// HTTP requests sent, retries included.
    pub fn get(&self) -> u64 {
        self.attempts.load(Ordering::Relaxed)
    }

    /// Operations started (one per SDK call, however many attempts it took).
    pub fn operations(&self) -> u64 {
        self.operations.load(Ordering::Relaxed)
    }

    /// Requests that were retries of an earlier attempt: what throttling and transient
    /// failures cost the scan.
    pub fn retries(&self) -> u64 {
        self.get().saturating_sub(self.operations())
    }

    /// Counts an operation of a client that is not an SDK client (`aws::api`).
    pub(crate) fn count_operation(&self) {
        self.operations.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an HTTP request of a client that is not an SDK client (`aws::api`).
    pub(crate) fn count_attempt(&self) {
        self.attempts.fetch_add(1, Ordering::Relaxed);
    }
}

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "parapet-call-counter"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.operations.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Makes service clients for one target account, in any region.
#[derive(Clone)]
pub struct Clients {
    pub config: SdkConfig,
    pub counter: CallCounter,
    pub limiter: Limiter,
    /// Set when every endpoint points at an emulator (S3 then needs path-style addressing).
    pub endpoint_override: Option<String>,
}

macro_rules! client {
    ($name:ident, $krate:ident, $signing_name:literal) => {
        pub fn $name(&self, region: &str) -> $krate::Client {
            let conf = $krate::config::Builder::from(&self.regional(region, $signing_name))
                .interceptor(self.counter.clone())
                .build();
            $krate::Client::from_conf(conf)
        }
    };
}

impl Clients {
    /// The account's configuration in one region, with an HTTP client that keeps the
    /// calls of this service there within the limiter's per-second budget (retries
    /// included: AWS throttles on every request it receives).
    fn regional(&self, region: &str, service: &'static str) -> SdkConfig {
        let inner = self
            .config
            .http_client()
            .unwrap_or_else(default_http_client);
        self.config
            .clone()
            .into_builder()
            .region(Region::new(region.to_string()))
            .http_client(Paced {
                inner,
                limiter: self.limiter.clone(),
                service,
                region: region.to_string(),
            })
            .build()
    }

    /// A service read without an SDK crate (see `aws::api`), in one region.
    pub fn api(&self, service: &'static super::Service, region: &str) -> super::Api {
        super::Api {
            config: self.config.clone(),
            counter: self.counter.clone(),
            limiter: self.limiter.clone(),
            endpoint_override: self.endpoint_override.clone(),
            service,
            region: region.to_string(),
        }
    }

    // The second name is the service's SigV4 signing name, the unit AWS throttles by.
    client!(iam, aws_sdk_iam, "iam");
    client!(kms, aws_sdk_kms, "kms");
    client!(cloudtrail, aws_sdk_cloudtrail, "cloudtrail");
    client!(logs, aws_sdk_cloudwatchlogs, "logs");
    client!(sns, aws_sdk_sns, "sns");
    client!(config_service, aws_sdk_config, "config");
    client!(rds, aws_sdk_rds, "rds");
    client!(efs, aws_sdk_efs, "elasticfilesystem");
    client!(accessanalyzer, aws_sdk_accessanalyzer, "access-analyzer");
    client!(securityhub, aws_sdk_securityhub, "securityhub");
    client!(macie, aws_sdk_macie2, "macie2");
    client!(account, aws_sdk_account, "account");

    pub fn s3(&self, region: &str) -> aws_sdk_s3::Client {
        let conf = aws_sdk_s3::config::Builder::from(&self.regional(region, "s3"))
            .interceptor(self.counter.clone())
            .force_path_style(self.endpoint_override.is_some())
            .build();
        aws_sdk_s3::Client::from_conf(conf)
    }

    pub fn s3control(&self, region: &str) -> aws_sdk_s3control::Client {
        let mut conf = aws_sdk_s3control::config::Builder::from(&self.regional(region, "s3"))
            .interceptor(self.counter.clone());
        if let Some(url) = &self.endpoint_override {
            // S3 Control puts the account id in the host name; an emulator on an IP
            // address takes it from the x-amz-account-id header instead.
            conf = conf.endpoint_resolver(FixedEndpoint(url.clone()));
        }
        aws_sdk_s3control::Client::from_conf(conf.build())
    }
}

#[derive(Debug)]
struct FixedEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for FixedEndpoint {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
        let ep = aws_sdk_s3control::config::endpoint::Endpoint::builder()
            .url(self.0.clone())
            .build();
        aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(ep))
    }
}

/// The HTTP client the SDK would pick by itself, for configurations that name none.
pub(super) fn default_http_client() -> SharedHttpClient {
    aws_smithy_runtime::client::defaults::default_http_client_plugin_v2(BehaviorVersion::latest())
        .and_then(|p| {
            p.runtime_components(&RuntimeComponentsBuilder::new("parapet"))
                .http_client()
        })
        .expect("the AWS SDK is built with its default HTTPS client")
}

/// An HTTP client that waits for the limiter's per-second budget of one service and
/// region before each request. Pacing here, below the SDK's retry loop, counts every
/// attempt, and covers the requests paginators make on their own.
#[derive(Debug, Clone)]
struct Paced {
    inner: SharedHttpClient,
    limiter: Limiter,
    service: &'static str,
    region: String,
}

impl HttpClient for Paced {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(PacedConnector {
            inner: self.inner.http_connector(settings, components),
            limiter: self.limiter.clone(),
            service: self.service,
            region: self.region.clone(),
        })
    }
}

#[derive(Debug)]
struct PacedConnector {
    inner: SharedHttpConnector,
    limiter: Limiter,
    service: &'static str,
    region: String,
}

impl HttpConnector for PacedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let (inner, limiter, service, region) = (
            self.inner.clone(),
            self.limiter.clone(),
            self.service,
            self.region.clone(),
        );
        HttpConnectorFuture::new(async move {
            limiter.pace(service, &region).await;
            inner.call(request).await
        })
    }
}
