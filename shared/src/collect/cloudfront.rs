//! CloudFront distributions (global, REST-XML): the summary ListDistributions returns
//! plus each distribution's logging settings, which only its configuration holds.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{api::Method, Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const CLOUDFRONT: Service = Service {
    signing_name: "cloudfront",
    endpoint_prefix: "cloudfront",
    protocol: Protocol::RestXml,
    global: Some(("cloudfront.amazonaws.com", "us-east-1")),
};

const TYPE: &str = "AWS::CloudFront::Distribution";
const API: &str = "/2020-05-31";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&CLOUDFRONT, ctx.home_region);
    let _permit = ctx.permit(CLOUDFRONT.signing_name, "global").await;
    let summaries = match api
        .rest_list(
            "ListDistributions",
            &format!("{API}/distribution"),
            &[("MaxItems", "100".into())],
            "Marker",
            "NextMarker",
            "Items",
        )
        .await
    {
        Ok(d) => d,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for summary in summaries {
        let id = summary["Id"].as_str().unwrap_or_default().to_string();
        let mut errors = Errors::default();
        let logging = match api
            .rest(
                "GetDistributionConfig",
                Method::GET,
                &format!("{API}/distribution/{id}/config"),
                &[],
                None,
            )
            .await
        {
            Ok(config) => config.get("Logging").cloned().unwrap_or(Value::Null),
            Err(e) => {
                errors.record_api("Logging", &e);
                Value::Null
            }
        };
        let arn = summary["ARN"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("arn:aws:cloudfront::{}:distribution/{id}", ctx.account_id));
        let attrs = errors.attach(document(&summary, logging));
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, id, BTreeMap::new(), attrs));
    }
}

/// The resource attributes of one distribution (see docs/resources.md).
fn document(summary: &Value, logging: Value) -> Value {
    let field = |k: &str| summary.get(k).cloned().unwrap_or(Value::Null);
    let behaviours = std::iter::once(&summary["DefaultCacheBehavior"]).chain(
        summary["CacheBehaviors"]["Items"]
            .as_array()
            .into_iter()
            .flatten(),
    );
    let viewer_protocol_policies: Vec<Value> = behaviours
        .map(|b| b["ViewerProtocolPolicy"].clone())
        .filter(|p| !p.is_null())
        .collect();
    json!({
        "Id": field("Id"),
        "ARN": field("ARN"),
        "DomainName": field("DomainName"),
        "Status": field("Status"),
        "Enabled": field("Enabled"),
        "Aliases": field("Aliases"),
        "Origins": field("Origins"),
        "DefaultCacheBehavior": field("DefaultCacheBehavior"),
        "CacheBehaviors": field("CacheBehaviors"),
        "ViewerCertificate": field("ViewerCertificate"),
        "WebACLId": field("WebACLId"),
        "HttpVersion": field("HttpVersion"),
        "Logging": logging,
        "viewer_protocol_policies": viewer_protocol_policies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    // A ListDistributions page shaped as the CloudFront API reference shows it (one
    // distribution, one origin, one extra cache behaviour: the one-item lists that
    // the model keeps as lists).
    #[test]
    fn one_item_lists_stay_lists_and_policies_are_gathered() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
  <Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity>
  <Items><DistributionSummary>
    <Id>EDFDVBD6EXAMPLE</Id><ARN>arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE</ARN>
    <Aliases><Quantity>1</Quantity><Items><CNAME>www.example.com</CNAME></Items></Aliases>
    <Origins><Quantity>1</Quantity><Items><Origin><Id>s3</Id><DomainName>b.s3.amazonaws.com</DomainName>
      <S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig>
      <OriginAccessControlId>E2QWRUHEXAMPLE</OriginAccessControlId></Origin></Items></Origins>
    <DefaultCacheBehavior><TargetOriginId>s3</TargetOriginId><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy></DefaultCacheBehavior>
    <CacheBehaviors><Quantity>1</Quantity><Items><CacheBehavior><PathPattern>/api/*</PathPattern>
      <ViewerProtocolPolicy>allow-all</ViewerProtocolPolicy></CacheBehavior></Items></CacheBehaviors>
    <ViewerCertificate><CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate>
      <MinimumProtocolVersion>TLSv1</MinimumProtocolVersion></ViewerCertificate>
    <WebACLId></WebACLId>
  </DistributionSummary></Items>
</DistributionList>"#;
        let page = decode_answer(
            &CLOUDFRONT,
            "ListDistributions",
            "/2020-05-31/distribution",
            xml,
        )
        .unwrap();
        let items = page["Items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        let doc = document(&items[0], json!({"Enabled": false}));
        assert_eq!(doc["Aliases"]["Items"], json!(["www.example.com"]));
        assert_eq!(
            doc["Origins"]["Items"][0]["OriginAccessControlId"],
            "E2QWRUHEXAMPLE"
        );
        assert_eq!(
            doc["viewer_protocol_policies"],
            json!(["redirect-to-https", "allow-all"])
        );
        assert_eq!(
            doc["ViewerCertificate"]["CloudFrontDefaultCertificate"],
            true
        );
        assert_eq!(doc["WebACLId"], Value::Null);
    }
}
