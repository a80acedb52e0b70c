//! S3 Glacier vaults (regional), read through `aws::api` (REST JSON): the vault list and
//! each vault's access policy. Archives and job output are never read.

use super::api_support::{listed, rest_json_service, text, with};
use super::support::{policy_document, Errors};
use super::{Collected, Context};
use crate::aws::{api::Method, Api, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const GLACIER: Service = rest_json_service("glacier", "glacier");

const VAULT: &str = "AWS::Glacier::Vault";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&GLACIER, ctx.region);
    let _permit = ctx.permit(GLACIER.signing_name, ctx.region).await;
    // `-` is the caller's own account.
    let Some(vaults) = listed(
        api.rest_list(
            "ListVaults",
            "/-/vaults",
            &[],
            "marker",
            "Marker",
            "VaultList",
        )
        .await,
        out,
        VAULT,
        ctx.region,
        "ListVaults",
    ) else {
        return;
    };
    let vaults: Vec<Value> = vaults
        .into_iter()
        .filter(|v| ctx.wants(text(v, "VaultName"), text(v, "VaultARN")))
        .collect();
    ctx
        .read_in_order(
            vaults,
            |v| text(v, "VaultName").to_string(),
            1,
            |v| read_vault(ctx, &api, v),
            out,
        )
        .await;
}

async fn read_vault(ctx: &Context<'_>, api: &Api, vault: Value) -> crate::model::Resource {
    let name = text(&vault, "VaultName").to_string();
    let arn = vault["VaultARN"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!(
                "arn:aws:glacier:{}:{}:vaults/{name}",
                ctx.region, ctx.account_id
            )
        });
    let mut errors = Errors::default();
    let path = format!("/-/vaults/{}/access-policy", path_segment(&name));
    // A vault without an access policy answers ResourceNotFoundException.
    let policy = if !ctx.needs(VAULT, "policy") {
        Value::Null
    } else {
        match api
            .rest("GetVaultAccessPolicy", Method::GET, &path, &[], None)
            .await
        {
            Ok(answer) => vault_policy(&answer),
            Err(e) if e.code == "ResourceNotFoundException" => Value::Null,
            Err(e) => {
                errors.record_api("policy", &e);
                Value::Null
            }
        }
    };
    let mut attrs = with(vault, json!({ "policy": policy }));
    ctx.keep_planned(VAULT, &mut attrs, &["policy"]);
    let attrs = errors.attach(attrs);
    ctx.resource(arn, VAULT, ctx.region, name, BTreeMap::new(), attrs)
}

/// A vault name as a path segment: RFC 3986's unreserved characters stay as they are
/// (vault names use only those), anything else is percent-encoded so a name read from
/// an answer cannot change the path.
fn path_segment(name: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(name, KEEP).to_string()
}

/// The policy document of a GetVaultAccessPolicy answer (`{"Policy": "<JSON text>"}`).
fn vault_policy(answer: &Value) -> Value {
    answer
        .get("Policy")
        .or_else(|| answer.pointer("/policy/Policy"))
        .and_then(Value::as_str)
        .map_or(Value::Null, policy_document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_policy_text_of_the_answer() {
        let answer = json!({"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"glacier:InitiateJob\"}]}"});
        assert_eq!(
            vault_policy(&answer)["Statement"][0]["Action"],
            "glacier:InitiateJob"
        );
        assert_eq!(vault_policy(&json!({})), Value::Null);
        assert_eq!(path_segment("logs-2024_v1.0"), "logs-2024_v1.0");
        assert_eq!(path_segment("a/../b?x"), "a%2F..%2Fb%3Fx");
    }
}
