//! ACM certificates (regional), read through `aws::api` (JSON protocol).

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::json;
use std::collections::BTreeMap;

pub const ACM: Service = Service {
    signing_name: "acm",
    endpoint_prefix: "acm",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "CertificateManager",
    },
    global: None,
};

const TYPE: &str = "AWS::CertificateManager::Certificate";

/// ListCertificates returns only RSA_2048 certificates unless asked for every key type.
const KEY_TYPES: [&str; 7] = [
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ACM, ctx.region);
    let _permit = ctx.permit(ACM.signing_name, ctx.region).await;
    let summaries = match api
        .list(
            "ListCertificates",
            json!({"MaxItems": 1000, "Includes": {"keyTypes": KEY_TYPES}}),
            "NextToken",
            "NextToken",
            "CertificateSummaryList",
        )
        .await
    {
        Ok(s) => s,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for summary in summaries {
        let arn = summary["CertificateArn"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let mut errors = Errors::default();
        // DescribeCertificate adds InUseBy and the signature algorithm to the summary.
        let cert = match api
            .call("DescribeCertificate", &json!({"CertificateArn": arn}))
            .await
        {
            Ok(v) => v["Certificate"].clone(),
            Err(e) => {
                errors.record_api("InUseBy", &e);
                errors.record_api("SignatureAlgorithm", &e);
                summary.clone()
            }
        };
        let name = cert["DomainName"].as_str().unwrap_or(&arn).to_string();
        out.resources.push(ctx.resource(
            arn,
            TYPE,
            ctx.region,
            name,
            BTreeMap::new(),
            errors.attach(cert),
        ));
    }
}
