//! OpenSearch Service domains (regional), read through `aws::api` (REST-JSON).

use super::support::{policy_document, tag_map, Errors};
use super::{Collected, Context};
use crate::aws::{
    api::{Method, Protocol},
    Service,
};
use serde_json::{json, Value};

pub const OPENSEARCH: Service = Service {
    signing_name: "es",
    endpoint_prefix: "es",
    protocol: Protocol::RestJson,
    global: None,
};

const TYPE: &str = "AWS::OpenSearchService::Domain";

/// DescribeDomains takes at most five names a call.
const DESCRIBE_BATCH: usize = 5;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&OPENSEARCH, ctx.region);
    let _permit = ctx.permit(OPENSEARCH.signing_name, ctx.region).await;
    // ListDomainNames has no pagination: one answer lists every domain.
    let names: Vec<String> = match api
        .rest(
            "ListDomainNames",
            Method::GET,
            "/2021-01-01/domain",
            &[],
            None,
        )
        .await
    {
        Ok(v) => v["DomainNames"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["DomainName"].as_str().map(str::to_string))
            .collect(),
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for batch in names.chunks(DESCRIBE_BATCH) {
        let answer = match api
            .rest(
                "DescribeDomains",
                Method::POST,
                "/2021-01-01/opensearch/domain-info",
                &[],
                Some(&json!({ "DomainNames": batch })),
            )
            .await
        {
            Ok(v) => v,
            Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
        };
        // DomainStatusList is required by the model: without it the answer says nothing
        // about the domains, which must not read as "no domains".
        let Some(statuses) = answer["DomainStatusList"].as_array() else {
            return out.fail(
                TYPE,
                ctx.region,
                "DescribeDomains: the answer has no DomainStatusList".into(),
            );
        };
        for status in statuses {
            let mut errors = Errors::default();
            let arn = status["ARN"].as_str().unwrap_or_default().to_string();
            let tags = match api
                .rest(
                    "ListTags",
                    Method::GET,
                    "/2021-01-01/tags/",
                    &[("arn", arn.clone())],
                    None,
                )
                .await
            {
                Ok(v) => tag_map(&v["TagList"]),
                Err(e) => {
                    errors.record_api("tags", &e);
                    Default::default()
                }
            };
            let (name, attrs) = domain_attributes(status.clone());
            out.resources.push(ctx.resource(
                arn,
                TYPE,
                ctx.region,
                name,
                tags,
                errors.attach(attrs),
            ));
        }
    }
}

/// A DomainStatus as the resource's attributes: the API's fields, with `AccessPolicies`
/// (a JSON string in the answer) decoded, and `in_vpc` derived.
fn domain_attributes(mut status: Value) -> (String, Value) {
    let name = status["DomainName"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let policy = match &status["AccessPolicies"] {
        Value::String(s) if !s.trim().is_empty() => policy_document(s),
        _ => Value::Null,
    };
    let in_vpc = status["VPCOptions"]["VPCId"]
        .as_str()
        .is_some_and(|v| !v.is_empty());
    if let Some(obj) = status.as_object_mut() {
        obj.insert("AccessPolicies".into(), policy);
        obj.insert("in_vpc".into(), Value::Bool(in_vpc));
    }
    (name, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_access_policy_and_tells_vpc_domains() {
        // Abridged DomainStatus from the DescribeDomains reference.
        let status = json!({
            "DomainName": "logs", "ARN": "arn:aws:es:us-east-1:111122223333:domain/logs",
            "AccessPolicies": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"es:*\",\"Resource\":\"*\"}]}",
            "VPCOptions": {"VPCId": "vpc-1", "SubnetIds": ["subnet-1"]},
            "DomainEndpointOptions": {"EnforceHTTPS": true}
        });
        let (name, attrs) = domain_attributes(status);
        assert_eq!(name, "logs");
        assert_eq!(attrs["AccessPolicies"]["Statement"][0]["Action"], "es:*");
        assert_eq!(attrs["in_vpc"], true);
        let (_, attrs) = domain_attributes(json!({"DomainName": "open", "AccessPolicies": ""}));
        assert_eq!(attrs["AccessPolicies"], Value::Null);
        assert_eq!(attrs["in_vpc"], false);
    }
}
