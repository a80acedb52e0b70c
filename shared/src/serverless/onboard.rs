//! The onboard function: the CloudFormation custom resource that registers a target
//! account with the scanner (Create), changes it (Update) and deregisters it (Delete).
//! It always answers CloudFormation's response URL, so a stack never hangs.

use super::http;
use crate::model::Account;
use crate::store::Store;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestType {
    Create,
    Update,
    Delete,
}

/// The fields of a custom resource request this function uses.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomResourceRequest {
    pub request_type: RequestType,
    pub response_url: String,
    pub stack_id: String,
    pub request_id: String,
    pub logical_resource_id: String,
    pub physical_resource_id: Option<String>,
    pub properties: Value,
}

/// The body CloudFormation expects at the response URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CustomResourceResponse {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub physical_resource_id: String,
    pub stack_id: String,
    pub request_id: String,
    pub logical_resource_id: String,
    pub data: serde_json::Map<String, Value>,
}

impl CustomResourceRequest {
    pub fn from_payload(v: &Value) -> Result<Self, String> {
        let text = |name: &str| {
            v.get(name)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .ok_or_else(|| format!("custom resource request has no {name}"))
        };
        let request_type = match text("RequestType")?.as_str() {
            "Create" => RequestType::Create,
            "Update" => RequestType::Update,
            "Delete" => RequestType::Delete,
            other => return Err(format!("unknown RequestType {other:?}")),
        };
        Ok(CustomResourceRequest {
            request_type,
            response_url: text("ResponseURL")?,
            stack_id: text("StackId")?,
            request_id: text("RequestId")?,
            logical_resource_id: text("LogicalResourceId")?,
            physical_resource_id: text("PhysicalResourceId").ok(),
            properties: v.get("ResourceProperties").cloned().unwrap_or(Value::Null),
        })
    }
}

/// CloudFormation passes every property as a string; lists arrive as lists of strings or,
/// from a CommaDelimitedList parameter joined by hand, as one comma-separated string.
fn list(props: &Value, name: &str) -> Result<Vec<String>, String> {
    match props.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(|s| s.trim().to_string())
                    .ok_or_else(|| format!("{name} must be a list of strings"))
            })
            .filter(|s| s.as_ref().map_or(true, |s| !s.is_empty()))
            .collect(),
        Some(other) => Err(format!("{name} must be a list of strings, got {other}")),
    }
}

fn flag(props: &Value, name: &str, default: bool) -> Result<bool, String> {
    match props.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(format!("{name} must be true or false, got {s:?}")),
        },
        Some(other) => Err(format!("{name} must be true or false, got {other}")),
    }
}

/// The account a stack registers, from its custom resource properties.
pub fn account_from_properties(props: &Value) -> Result<Account, String> {
    let text = |name: &str| {
        props
            .get(name)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let account = Account {
        account_id: text("AccountId").ok_or("property AccountId is required")?,
        role_arn: Some(text("RoleArn").ok_or("property RoleArn is required")?),
        // The target role's trust policy requires it; a registration without one could
        // never be scanned.
        external_id: Some(text("ExternalId").ok_or("property ExternalId is required")?),
        regions: list(props, "Regions")?,
        excluded_regions: list(props, "ExcludedRegions")?,
        excluded_resource_types: list(props, "ExcludedResourceTypes")?,
        excluded_resource_regexes: list(props, "ExcludedResourceRegexes")?,
        enabled: flag(props, "Enabled", true)?,
        realtime: flag(props, "RealTime", true)?,
    };
    account.validate()?;
    Ok(account)
}

/// Applies the request to the registry and says what to answer.
pub async fn apply(store: &dyn Store, request: &CustomResourceRequest) -> CustomResourceResponse {
    let mut response = CustomResourceResponse {
        status: "SUCCESS",
        reason: None,
        physical_resource_id: request
            .physical_resource_id
            .clone()
            .unwrap_or_else(|| format!("parapet-account-{}", request.request_id)),
        stack_id: request.stack_id.clone(),
        request_id: request.request_id.clone(),
        logical_resource_id: request.logical_resource_id.clone(),
        data: Default::default(),
    };
    let result: Result<(), String> = async {
        match request.request_type {
            RequestType::Create | RequestType::Update => {
                let account = account_from_properties(&request.properties)?;
                store
                    .put_account(&account)
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                // A changed AccountId is a replacement: CloudFormation then deletes the
                // old physical id, which deregisters the old account.
                response.physical_resource_id = account.account_id.clone();
                response
                    .data
                    .insert("AccountId".into(), Value::String(account.account_id));
                Ok(())
            }
            RequestType::Delete => {
                // Only an id this function created names an account; a Create that failed
                // left a placeholder with nothing to remove.
                let id = &response.physical_resource_id;
                if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) {
                    store
                        .delete_account(id)
                        .await
                        .map_err(|e| format!("{e:#}"))?;
                }
                Ok(())
            }
        }
    }
    .await;
    if let Err(reason) = result {
        tracing::error!(request_id = %request.request_id, %reason, "custom resource request failed");
        response.status = "FAILED";
        response.reason = Some(reason);
    }
    response
}

/// Handles one invocation end to end: parse, apply, answer. Errors only when there is no
/// response URL to answer (then CloudFormation never sent this, or sent garbage).
pub async fn handle(store: &dyn Store, payload: &Value) -> anyhow::Result<CustomResourceResponse> {
    let Some(url) = payload.get("ResponseURL").and_then(Value::as_str) else {
        anyhow::bail!("not a CloudFormation custom resource request: no ResponseURL");
    };
    let response = match CustomResourceRequest::from_payload(payload) {
        Ok(request) => apply(store, &request).await,
        Err(reason) => CustomResourceResponse {
            status: "FAILED",
            reason: Some(reason),
            physical_resource_id: text_or(payload, "PhysicalResourceId", "parapet-account-invalid"),
            stack_id: text_or(payload, "StackId", ""),
            request_id: text_or(payload, "RequestId", ""),
            logical_resource_id: text_or(payload, "LogicalResourceId", ""),
            data: Default::default(),
        },
    };
    let body = serde_json::to_vec(&response)?;
    let mut last = String::new();
    for attempt in 0..4u32 {
        match http::put(url, body.clone()).await {
            Ok(status) if (200..300).contains(&status) => return Ok(response),
            Ok(status) => last = format!("HTTP {status}"),
            Err(e) => last = format!("{e:#}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 << attempt)).await;
    }
    anyhow::bail!(
        "cannot deliver the {} response to CloudFormation: {last}",
        response.status
    )
}

fn text_or(v: &Value, name: &str, default: &str) -> String {
    v.get(name)
        .and_then(Value::as_str)
        .unwrap_or(default)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_properties_as_cloudformation_sends_them() {
        let props = json!({
            "ServiceToken": "arn:aws:lambda:us-east-1:999999999999:function:parapet-onboard",
            "AccountId": "111122223333",
            "RoleArn": "arn:aws:iam::111122223333:role/parapet-scan",
            "ExternalId": "x-123",
            "Regions": "us-east-1, eu-west-1",
            "ExcludedRegions": [],
            "ExcludedResourceTypes": ["AWS::EC2::Volume"],
            "ExcludedResourceRegexes": "",
            "RealTime": "false"
        });
        let a = account_from_properties(&props).unwrap();
        assert_eq!(a.regions, ["us-east-1", "eu-west-1"]);
        assert_eq!(a.excluded_resource_types, ["AWS::EC2::Volume"]);
        assert!(a.excluded_resource_regexes.is_empty());
        assert!(!a.realtime && a.enabled);

        let mut bad = props.clone();
        bad["ExternalId"] = json!("");
        assert!(account_from_properties(&bad)
            .unwrap_err()
            .contains("ExternalId"));
        let mut bad = props.clone();
        bad["RealTime"] = json!("maybe");
        assert!(account_from_properties(&bad)
            .unwrap_err()
            .contains("RealTime"));
        let mut bad = props;
        bad["ExcludedResourceRegexes"] = json!(["("]);
        assert!(account_from_properties(&bad).unwrap_err().contains("regex"));
    }

    #[test]
    fn names_missing_request_fields() {
        let err =
            CustomResourceRequest::from_payload(&json!({"RequestType": "Create"})).unwrap_err();
        assert!(err.contains("ResponseURL"), "{err}");
        let err =
            CustomResourceRequest::from_payload(&json!({"RequestType": "Replace"})).unwrap_err();
        assert!(err.contains("Replace"), "{err}");
    }
}
