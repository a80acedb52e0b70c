//! The onboard function: the CloudFormation custom resources of a target-account stack.
//! `Custom::ParapetExternalId` answers the stack's account's ExternalId; the
//! registration resource registers the account (Create), changes it (Update) and
//! deregisters it (Delete).
//!
//! Any principal allowed to invoke the function can send it anything, so a request is
//! trusted only as far as it can be checked: the answer goes only to CloudFormation's
//! response bucket at the requesting stack's key; a registration names the stack's own
//! account and a role there that the scanner can assume with that account's ExternalId;
//! only the stack that registered an account changes or removes it.

use super::cfn::{self, Stack};
use super::external_id::ExternalIdKey;
use super::http;
use crate::aws::Sessions;
use crate::model::{is_account_id, Account};
use crate::store::Store;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The resource type that answers a stack's ExternalId.
pub const EXTERNAL_ID_TYPE: &str = "Custom::ParapetExternalId";

/// Longest list a property may hold, and longest item: a registration is small.
const MAX_LIST_ITEMS: usize = 1000;
const MAX_ITEM_CHARS: usize = 1024;
/// CloudFormation refuses answers over 4096 bytes; a reason is cut well below.
const MAX_REASON_CHARS: usize = 1000;

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
    /// `Custom::ParapetExternalId`, or the registration's type (any other).
    pub resource_type: String,
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
    /// Masks `Data` in the stack's console and API output (the ExternalId).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_echo: bool,
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
            resource_type: text("ResourceType").unwrap_or_default(),
            properties: v.get("ResourceProperties").cloned().unwrap_or(Value::Null),
        })
    }
}

/// CloudFormation passes every property as a string; lists arrive as lists of strings or,
/// from a CommaDelimitedList parameter joined by hand, as one comma-separated string.
fn list(props: &Value, name: &str) -> Result<Vec<String>, String> {
    let items = list_items(props, name)?;
    if items.len() > MAX_LIST_ITEMS || items.iter().any(|i| i.chars().count() > MAX_ITEM_CHARS) {
        return Err(format!(
            "{name} is too long (at most {MAX_LIST_ITEMS} items of {MAX_ITEM_CHARS} characters)"
        ));
    }
    Ok(items)
}

fn list_items(props: &Value, name: &str) -> Result<Vec<String>, String> {
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

/// The account a stack registers, from its custom resource properties. An `ExternalId`
/// property (stacks made before ExternalIds were derived) is ignored.
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
        stack_id: None,
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

/// What the invocation returns: how the request was answered, never the answer's data
/// (it can hold an ExternalId).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct OnboardOutcome {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub physical_resource_id: String,
}

/// The onboard function's dependencies, built once per cold start.
pub struct Onboard {
    pub store: Arc<dyn Store>,
    pub sessions: Arc<Sessions>,
    pub key: Arc<ExternalIdKey>,
    /// `PARAPET_CFN_RESPONSE_ENDPOINT` (tests only): where checked answers go instead.
    pub response_endpoint: Option<String>,
    /// How long a just-created role is given to become assumable.
    pub verify_for: Duration,
}

impl Onboard {
    pub fn new(store: Arc<dyn Store>, sessions: Arc<Sessions>, key: Arc<ExternalIdKey>) -> Self {
        Onboard {
            store,
            sessions,
            key,
            response_endpoint: None,
            verify_for: Duration::from_secs(60),
        }
    }

    /// Handles one invocation: check where the answer would go, apply, answer. A request
    /// whose answer would go anywhere but the requesting stack's key gets no answer,
    /// changes nothing, and is an error naming the check.
    pub async fn handle(&self, payload: &Value) -> anyhow::Result<OnboardOutcome> {
        self.handle_until(payload, None).await
    }

    /// `handle` within an invocation that ends at `deadline`: the role verification
    /// stops early enough to still answer, so the stack never waits for an answer that
    /// a timed-out invocation could not send.
    pub async fn handle_until(
        &self,
        payload: &Value,
        deadline: Option<Instant>,
    ) -> anyhow::Result<OnboardOutcome> {
        let (url, stack) = match answer_destination(payload) {
            Ok(found) => found,
            Err(reason) => {
                tracing::error!(%reason, "custom resource request refused, not answered");
                anyhow::bail!("custom resource request refused, not answered: {reason}");
            }
        };
        let response = match CustomResourceRequest::from_payload(payload) {
            Ok(request) => self.apply(&request, &stack, deadline).await,
            Err(reason) => failed_before_parsing(payload, reason),
        };
        let url = cfn::delivery_url(url, self.response_endpoint.as_deref());
        deliver(&url, &response).await?;
        Ok(OnboardOutcome {
            status: response.status,
            reason: response.reason,
            physical_resource_id: response.physical_resource_id,
        })
    }

    /// Applies a request of `stack` and says what to answer.
    pub async fn apply(
        &self,
        request: &CustomResourceRequest,
        stack: &Stack,
        deadline: Option<Instant>,
    ) -> CustomResourceResponse {
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
            no_echo: false,
            data: Default::default(),
        };
        let result = if request.resource_type == EXTERNAL_ID_TYPE {
            self.answer_external_id(request, stack, &mut response);
            Ok(())
        } else {
            match request.request_type {
                RequestType::Create | RequestType::Update => {
                    self.register(request, stack, deadline, &mut response).await
                }
                RequestType::Delete => self.deregister(request, stack).await,
            }
        };
        if let Err(reason) = result {
            tracing::error!(request_id = %request.request_id, stack_id = %stack.id, %reason, "custom resource request failed");
            response.status = "FAILED";
            response.reason = Some(reason.chars().take(MAX_REASON_CHARS).collect());
        }
        response
    }

    /// `Custom::ParapetExternalId`: the ExternalId of the stack's own account, masked.
    fn answer_external_id(
        &self,
        request: &CustomResourceRequest,
        stack: &Stack,
        response: &mut CustomResourceResponse,
    ) {
        response.physical_resource_id = format!("parapet-external-id-{}", stack.account);
        if request.request_type != RequestType::Delete {
            response.no_echo = true;
            response.data.insert(
                "ExternalId".into(),
                Value::String(self.key.derive(&stack.account)),
            );
        }
    }

    async fn register(
        &self,
        request: &CustomResourceRequest,
        stack: &Stack,
        deadline: Option<Instant>,
        response: &mut CustomResourceResponse,
    ) -> Result<(), String> {
        // The account first: a stack registers its own account or nothing.
        let named = request.properties["AccountId"].as_str().map(str::trim);
        if named != Some(stack.account.as_str()) {
            return Err(format!(
                "AccountId {} is not the account of the requesting stack ({})",
                cfn::bounded(named.unwrap_or_default()),
                stack.account
            ));
        }
        // Then the role: `validate` refuses a RoleArn outside the account.
        let mut account = account_from_properties(&request.properties)?;
        let role = account.role_arn.clone().unwrap_or_default();
        self.verify_role(&role, &account.account_id, deadline)
            .await?;
        account.stack_id = Some(stack.id.clone());
        let create = request.request_type == RequestType::Create;
        let written = self
            .store
            .put_account_from_stack(&account, create)
            .await
            .map_err(|e| crate::aws::error_line(&e))?;
        if !written {
            return Err(format!(
                "account {} is registered by another stack; only that stack can change it \
                 (or an operator: parapet accounts remove {})",
                account.account_id, account.account_id
            ));
        }
        response.physical_resource_id = account.account_id.clone();
        response
            .data
            .insert("AccountId".into(), Value::String(account.account_id));
        Ok(())
    }

    /// Deregisters the account when this stack registered it. A Delete that changes
    /// nothing still succeeds, so deleting a stack never hangs; it is logged.
    async fn deregister(
        &self,
        request: &CustomResourceRequest,
        stack: &Stack,
    ) -> Result<(), String> {
        // Only an id this function created names an account; a Create that failed left a
        // placeholder with nothing to remove.
        let Some(id) = request
            .physical_resource_id
            .as_deref()
            .filter(|id| is_account_id(id))
        else {
            return Ok(());
        };
        let removed = id == stack.account
            && self
                .store
                .delete_account_from_stack(id, &stack.id)
                .await
                .map_err(|e| crate::aws::error_line(&e))?;
        if !removed {
            tracing::warn!(account_id = %id, stack_id = %stack.id, "Delete from a stack that does not hold the account's registration: nothing changed");
        }
        Ok(())
    }

    /// Assumes the role as the scanner will, with the account's ExternalId, and checks
    /// the account it reaches. A role created moments before takes seconds to become
    /// assumable, so failures are retried for `verify_for` (or until shortly before the
    /// invocation's `deadline`).
    async fn verify_role(
        &self,
        role: &str,
        account_id: &str,
        deadline: Option<Instant>,
    ) -> Result<(), String> {
        let external_id = self.key.derive(account_id);
        // Answering takes a few seconds; a retry never starts too close to the end.
        let deadline = match deadline {
            Some(d) => (Instant::now() + self.verify_for).min(
                d.checked_sub(Duration::from_secs(10))
                    .unwrap_or_else(Instant::now),
            ),
            None => Instant::now() + self.verify_for,
        };
        let mut wait = Duration::from_secs(2);
        loop {
            let reached = match self.sessions.config(Some(role), Some(&external_id)).await {
                Ok(config) => self.sessions.caller_account(&config).await,
                Err(e) => Err(e),
            };
            match reached {
                Ok(reached) if reached == account_id => return Ok(()),
                Ok(reached) => {
                    return Err(format!(
                        "assuming {role} reaches account {reached}, not {account_id}"
                    ))
                }
                Err(e) if Instant::now() + wait < deadline => {
                    tracing::info!(role, error = %format!("{e:#}"), "role not assumable yet; retrying");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(10));
                }
                Err(e) => {
                    return Err(format!(
                        "cannot assume {role} with account {account_id}'s ExternalId (tried for {} s): {}; \
                         its trust policy must require the ExternalId of the stack's Custom::ParapetExternalId resource",
                        self.verify_for.as_secs(),
                        crate::aws::error_line(&e)
                    ))
                }
            }
        }
    }
}

/// The `Instant` of an invocation deadline given in milliseconds since the epoch (as
/// the Lambda runtime gives it).
pub fn deadline_instant(deadline_ms: u64) -> Instant {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Instant::now() + Duration::from_millis(deadline_ms.saturating_sub(now_ms))
}

/// The answer URL and the stack of a request, when the URL is that stack's key in
/// CloudFormation's response bucket.
fn answer_destination(payload: &Value) -> Result<(&str, Stack), String> {
    let text = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("not a CloudFormation custom resource request: no {name}"))
    };
    let stack = Stack::parse(text("StackId")?)?;
    let url = text("ResponseURL")?;
    cfn::check_response_url(url, &stack)?;
    Ok((url, stack))
}

/// The answer to a request whose answer URL checked out but whose other fields did not.
fn failed_before_parsing(payload: &Value, reason: String) -> CustomResourceResponse {
    CustomResourceResponse {
        status: "FAILED",
        reason: Some(reason),
        physical_resource_id: text_or(payload, "PhysicalResourceId", "parapet-account-invalid"),
        stack_id: text_or(payload, "StackId", ""),
        request_id: text_or(payload, "RequestId", ""),
        logical_resource_id: text_or(payload, "LogicalResourceId", ""),
        no_echo: false,
        data: Default::default(),
    }
}

/// PUTs the answer, retrying briefly.
async fn deliver(url: &str, response: &CustomResourceResponse) -> anyhow::Result<()> {
    let body = serde_json::to_vec(response)?;
    let mut last = String::new();
    for attempt in 0..4u32 {
        match http::put(url, body.clone()).await {
            Ok(status) if (200..300).contains(&status) => return Ok(()),
            Ok(status) => last = format!("HTTP {status}"),
            Err(e) => last = format!("{e:#}"),
        }
        tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
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
        .chars()
        .take(MAX_REASON_CHARS)
        .collect()
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

        // A leftover ExternalId property is ignored: the id is derived, never stored.
        assert!(!serde_json::to_string(&a).unwrap().contains("x-123"));
        let mut bad = props.clone();
        bad["RoleArn"] = json!("");
        assert!(account_from_properties(&bad)
            .unwrap_err()
            .contains("RoleArn"));
        let mut bad = props.clone();
        bad["ExcludedResourceTypes"] = json!(vec!["AWS::EC2::Volume"; MAX_LIST_ITEMS + 1]);
        assert!(account_from_properties(&bad)
            .unwrap_err()
            .contains("too long"));
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
