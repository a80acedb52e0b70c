use super::Limiter;
use aws_config::{Region, SdkConfig};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counts HTTP requests sent to AWS (retries included), for benchmarks and scan summaries.
#[derive(Debug, Clone, Default)]
pub struct CallCounter(Arc<AtomicU64>);

impl CallCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "parapet-call-counter"
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.fetch_add(1, Ordering::Relaxed);
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
    ($name:ident, $krate:ident) => {
        pub fn $name(&self, region: &str) -> $krate::Client {
            let conf = $krate::config::Builder::from(&self.regional(region))
                .interceptor(self.counter.clone())
                .build();
            $krate::Client::from_conf(conf)
        }
    };
}

impl Clients {
    fn regional(&self, region: &str) -> SdkConfig {
        self.config
            .clone()
            .into_builder()
            .region(Region::new(region.to_string()))
            .build()
    }

    client!(iam, aws_sdk_iam);
    client!(ec2, aws_sdk_ec2);
    client!(kms, aws_sdk_kms);
    client!(cloudtrail, aws_sdk_cloudtrail);
    client!(logs, aws_sdk_cloudwatchlogs);
    client!(cloudwatch, aws_sdk_cloudwatch);
    client!(sns, aws_sdk_sns);
    client!(config_service, aws_sdk_config);
    client!(rds, aws_sdk_rds);
    client!(efs, aws_sdk_efs);
    client!(accessanalyzer, aws_sdk_accessanalyzer);
    client!(securityhub, aws_sdk_securityhub);
    client!(macie, aws_sdk_macie2);
    client!(account, aws_sdk_account);

    pub fn s3(&self, region: &str) -> aws_sdk_s3::Client {
        let conf = aws_sdk_s3::config::Builder::from(&self.regional(region))
            .interceptor(self.counter.clone())
            .force_path_style(self.endpoint_override.is_some())
            .build();
        aws_sdk_s3::Client::from_conf(conf)
    }

    pub fn s3control(&self, region: &str) -> aws_sdk_s3control::Client {
        let mut conf = aws_sdk_s3control::config::Builder::from(&self.regional(region))
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
