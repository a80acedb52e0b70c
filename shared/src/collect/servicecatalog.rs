//! Service Catalog portfolios and whom they are shared with (regional), read through
//! `aws::api` (JSON protocol).

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const SERVICECATALOG: Service = Service {
    signing_name: "servicecatalog",
    endpoint_prefix: "servicecatalog",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWS242ServiceCatalogService",
    },
    global: None,
};

const TYPE: &str = "AWS::ServiceCatalog::Portfolio";

/// DescribePortfolioShares answers for one share type a call.
const SHARE_TYPES: [&str; 4] = [
    "ACCOUNT",
    "ORGANIZATION",
    "ORGANIZATIONAL_UNIT",
    "ORGANIZATION_MEMBER_ACCOUNT",
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&SERVICECATALOG, ctx.region);
    let _permit = ctx.permit(SERVICECATALOG.signing_name, ctx.region).await;
    let portfolios = match api
        .list(
            "ListPortfolios",
            json!({"PageSize": 20}),
            "PageToken",
            "NextPageToken",
            "PortfolioDetails",
        )
        .await
    {
        Ok(p) => p,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for mut p in portfolios {
        let id = p["Id"].as_str().unwrap_or_default().to_string();
        let arn = p["ARN"].as_str().unwrap_or_default().to_string();
        let name = p["DisplayName"].as_str().unwrap_or(&id).to_string();
        let mut errors = Errors::default();
        let mut shares = Vec::new();
        for kind in SHARE_TYPES {
            match api
                .list(
                    "DescribePortfolioShares",
                    json!({"PortfolioId": id, "Type": kind, "PageSize": 100}),
                    "PageToken",
                    "NextPageToken",
                    "PortfolioShareDetails",
                )
                .await
            {
                Ok(s) => shares.extend(s),
                Err(e) => {
                    errors.record_api("shares", &e);
                    break;
                }
            }
        }
        if let Some(obj) = p.as_object_mut() {
            let shares = if errors.is_empty() {
                Value::Array(shares)
            } else {
                Value::Null
            };
            obj.insert("shares".into(), shares);
        }
        out.resources.push(ctx.resource(
            arn,
            TYPE,
            ctx.region,
            name,
            BTreeMap::new(),
            errors.attach(p),
        ));
    }
}
