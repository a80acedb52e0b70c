use super::limits::Outcome;
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
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, Metadata};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Counts HTTP requests sent to AWS (retries included), and the operations they served,
/// for benchmarks and scan summaries.
#[derive(Debug, Clone, Default)]
pub struct CallCounter {
    attempts: Arc<AtomicU64>,
    operations: Arc<AtomicU64>,
    /// Operations started per (service, operation), for the per-service breakdown.
    per_operation: Arc<Mutex<BTreeMap<(String, String), u64>>>,
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

    /// Operations started per service and operation (lower-case service name, the API's
    /// operation name), retries not counted.
    pub fn per_operation(&self) -> BTreeMap<(String, String), u64> {
        self.per_operation
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Counts an operation started, by an SDK client (the interceptor) or `aws::api`.
    pub(crate) fn count_operation(&self, service: &str, operation: &str) {
        self.operations.fetch_add(1, Ordering::Relaxed);
        let key = (service.to_ascii_lowercase(), operation.to_string());
        *self
            .per_operation
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(key)
            .or_default() += 1;
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

    // Not `read_before_execution`: a client's interceptors see that before the
    // operation's configuration (its `Metadata`) is in the bag. Serialization happens
    // once per operation, however many attempts it takes.
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Every SDK operation puts its service and operation names in the config bag.
        match cfg.load::<Metadata>() {
            Some(m) => self.count_operation(m.service(), m.name()),
            None => self.count_operation("unknown", "unknown"),
        }
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
        // Only services rated per operation pay for reading the operation's name.
        let operation = super::limits::rates_per_operation(service)
            .then(|| {
                super::limits::operation_of(
                    request.headers().get("x-amz-target"),
                    request.body().bytes().unwrap_or_default(),
                )
            })
            .flatten();
        HttpConnectorFuture::new(async move {
            let ticket = limiter.pace(service, &region, operation.as_deref()).await;
            let mut answer = inner.call(request).await;
            let outcome = match &mut answer {
                Ok(response) => match throttled(response).await {
                    Ok(true) => Outcome::Throttled,
                    // Any answer but a throttle or a server error (a 404 for a bucket
                    // without a policy included) shows the service took the call.
                    Ok(false) if response.status().as_u16() < 500 => Outcome::Success,
                    Ok(false) => Outcome::Other,
                    Err(e) => {
                        limiter.record(&ticket, Outcome::Other);
                        return Err(e);
                    }
                },
                Err(_) => Outcome::Other,
            };
            limiter.record(&ticket, outcome);
            answer
        })
    }
}

/// Error answers up to this size are read here to find a throttling code; AWS's are a
/// few hundred bytes. Larger ones (or ones of unknown size) are passed on unread.
const ERROR_BODY_MAX: u64 = 64 * 1024;

/// Whether the answer is a throttle. A 400 or 503 says so only in its body (or the
/// `x-amzn-errortype` header): the body is read into memory and put back.
async fn throttled(response: &mut HttpResponse) -> Result<bool, ConnectorError> {
    let status = response.status().as_u16();
    let error_type = response
        .headers()
        .get("x-amzn-errortype")
        .map(str::to_string);
    if status != 400 && status != 503 {
        return Ok(super::limits::is_throttle(
            status,
            error_type.as_deref(),
            b"",
        ));
    }
    let small = response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n <= ERROR_BODY_MAX);
    if !small {
        return Ok(super::limits::is_throttle(
            status,
            error_type.as_deref(),
            b"",
        ));
    }
    let body = response.take_body();
    let bytes = http_body_util::BodyExt::collect(body)
        .await
        .map_err(ConnectorError::io)?
        .to_bytes();
    let throttle = super::limits::is_throttle(status, error_type.as_deref(), &bytes);
    *response.body_mut() = SdkBody::from(bytes);
    Ok(throttle)
}
