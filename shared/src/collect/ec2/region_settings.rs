//! Regional EBS defaults (`Parapet::EC2::RegionSettings`).

use super::{text, Lister};
use crate::aws::{Api, ApiError};
use crate::collect::support::Errors;
use crate::collect::{Collected, Context};
use crate::model::Resource;
use serde_json::{json, Value};

/// Three small Get calls, each allowed to fail on its own (an unreadable setting goes to
/// `errors`, so only the controls reading it report ERROR). Skipped when the task does
/// not read account settings (a rescan of other resources).
pub(super) async fn collect(ec2: &Lister<'_>) -> Collected {
    let mut out = Collected::default();
    if ec2.ctx.reads_account_settings() {
        let _permit = ec2.permit().await;
        out.resources.push(settings(ec2.ctx, ec2.api).await);
    }
    out
}

async fn settings(ctx: &Context<'_>, api: &Api) -> Resource {
    let mut errors = Errors::default();
    let mut setting = |answer: Result<Value, ApiError>, field: &str, attribute| {
        answer
            .map(|o| match o.get(field) {
                Some(b @ Value::Bool(_)) => b.clone(),
                _ => text(&o, field),
            })
            .unwrap_or_else(|e| {
                errors.record_api(attribute, &e);
                Value::Null
            })
    };
    let by_default = setting(
        api.call("GetEbsEncryptionByDefault", &json!({})).await,
        "ebsEncryptionByDefault",
        "ebs_encryption_by_default",
    );
    let default_key = setting(
        api.call("GetEbsDefaultKmsKeyId", &json!({})).await,
        "kmsKeyId",
        "ebs_default_kms_key_id",
    );
    let snapshot_block = setting(
        api.call("GetSnapshotBlockPublicAccessState", &json!({}))
            .await,
        "state",
        "snapshot_block_public_access",
    );
    let attrs = json!({
        "ebs_encryption_by_default": by_default,
        "ebs_default_kms_key_id": default_key,
        "snapshot_block_public_access": snapshot_block,
    });
    ctx.region_settings(
        "Parapet::EC2::RegionSettings",
        "ec2",
        "settings",
        errors.attach(attrs),
    )
}
