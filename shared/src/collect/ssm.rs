//! Systems Manager documents the account owns and managed nodes' patch compliance
//! (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text, with};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::{json, Value};

pub(super) const SSM: Service = json_service("ssm", "ssm", "1.1", "AmazonSSM");

const DOCUMENT: &str = "AWS::SSM::Document";
const PATCH_COMPLIANCE: &str = "Parapet::SSM::PatchCompliance";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&SSM, ctx.region);
    let _permit = ctx.permit("ssm", ctx.region).await;
    documents(ctx, &api, out).await;
    match api
        .list(
            "ListResourceComplianceSummaries",
            json!({"Filters": [{"Key": "ComplianceType", "Values": ["Patch"], "Type": "EQUAL"}]}),
            "NextToken",
            "NextToken",
            "ResourceComplianceSummaryItems",
        )
        .await
    {
        Ok(items) => {
            for item in items {
                let (arn, name) = patch_compliance_id(ctx.region, ctx.account_id, &item);
                out.resources.push(ctx.resource(
                    arn,
                    PATCH_COMPLIANCE,
                    ctx.region,
                    name,
                    Default::default(),
                    item,
                ));
            }
        }
        Err(e) => out.fail(PATCH_COMPLIANCE, ctx.region, e.to_string()),
    }
}

/// A synthetic ARN per managed node (its own EC2 ARN belongs to the instance resource).
fn patch_compliance_id(region: &str, account: &str, item: &Value) -> (String, String) {
    let id = text(item, "ResourceId").to_string();
    (
        format!("arn:aws:ssm:{region}:{account}:patch-compliance/{id}"),
        id,
    )
}

async fn documents(ctx: &Context<'_>, api: &crate::aws::Api, out: &mut Collected) {
    let Some(docs) = listed(
        api.list(
            "ListDocuments",
            json!({"Filters": [{"Key": "Owner", "Values": ["Self"]}]}),
            "NextToken",
            "NextToken",
            "DocumentIdentifiers",
        )
        .await,
        out,
        DOCUMENT,
        ctx.region,
        "ListDocuments",
    ) else {
        return;
    };
    for doc in docs {
        let name = text(&doc, "Name").to_string();
        let arn = format!(
            "arn:aws:ssm:{}:{}:document/{name}",
            ctx.region, ctx.account_id
        );
        let mut errors = Errors::default();
        let shared_with = match api
            .call(
                "DescribeDocumentPermission",
                &json!({"Name": name, "PermissionType": "Share"}),
            )
            .await
        {
            Ok(p) => p["AccountIds"].clone(),
            Err(e) => {
                errors.record_api("shared_with", &e);
                Value::Null
            }
        };
        let attrs = errors.attach(with(doc, json!({ "shared_with": shared_with })));
        out.resources.push(ctx.resource(
            arn,
            DOCUMENT,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// moto has no ListResourceComplianceSummaries: an item as the SSM API reference
    /// documents it, named by its node.
    #[test]
    fn patch_compliance_items_are_named_by_their_node() {
        let item = json!({
            "ComplianceType": "Patch", "ResourceType": "ManagedInstance",
            "ResourceId": "i-0123456789abcdef0", "Status": "NON_COMPLIANT",
            "OverallSeverity": "CRITICAL",
            "NonCompliantSummary": {"NonCompliantCount": 3}
        });
        let (arn, name) = patch_compliance_id("us-east-1", "111122223333", &item);
        assert_eq!(name, "i-0123456789abcdef0");
        assert_eq!(
            arn,
            "arn:aws:ssm:us-east-1:111122223333:patch-compliance/i-0123456789abcdef0"
        );
    }
}
