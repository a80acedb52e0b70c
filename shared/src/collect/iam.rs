//! IAM and account-level identity settings (global).

use super::support::{policy_document, ts, Errors};
use super::{Collected, Context};
use crate::aws::{failure, is_code};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

const SETTINGS: &str = "Parapet::Account::Settings";
const USER: &str = "AWS::IAM::User";
const ROLE: &str = "AWS::IAM::Role";
const SUPPORT_POLICY: &str = "arn:aws:iam::aws:policy/AWSSupportAccess";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let iam = ctx.clients.iam(ctx.home_region);
    let _permit = ctx.permit("iam", "global").await;
    // One report serves the users' `credential` and the root user's row.
    let report = if ctx.needs(USER, "credential") || ctx.needs(SETTINGS, "root") {
        credential_report(&iam).await
    } else {
        Ok(HashMap::new())
    };
    principals_and_policies(ctx, &iam, &report, out).await;
    server_certificates(ctx, &iam, out).await;
    account_settings(ctx, &iam, &report, out).await;
}

type Report = Result<HashMap<String, Value>, String>;

/// The credential report, one typed row per user (the root user as `<root_account>`).
async fn credential_report(iam: &aws_sdk_iam::Client) -> Report {
    for _ in 0..30 {
        match iam.generate_credential_report().send().await {
            Ok(o) if o.state().map(|s| s.as_str()) == Some("COMPLETE") => break,
            Ok(_) => tokio::time::sleep(Duration::from_millis(500)).await,
            Err(e) => return Err(failure("GenerateCredentialReport", &e)),
        }
    }
    let out = iam
        .get_credential_report()
        .send()
        .await
        .map_err(|e| failure("GetCredentialReport", &e))?;
    let csv = out
        .content()
        .map(|b| String::from_utf8_lossy(b.as_ref()).into_owned())
        .unwrap_or_default();
    Ok(parse_credential_report(&csv))
}

pub(crate) fn parse_credential_report(csv: &str) -> HashMap<String, Value> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let mut rows = HashMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let mut row = Map::new();
        let mut user = String::new();
        for (col, raw) in header.iter().zip(line.split(',')) {
            if *col == "user" {
                user = raw.to_string();
            }
            let v = match raw {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "N/A" | "no_information" | "not_supported" | "" => Value::Null,
                s => Value::String(s.to_string()),
            };
            row.insert(col.to_string(), v);
        }
        rows.insert(user, Value::Object(row));
    }
    rows
}

fn tags_of(tags: &[aws_sdk_iam::types::Tag]) -> BTreeMap<String, String> {
    tags.iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

fn attached(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Value {
    list.iter()
        .map(|p| json!({"PolicyName": p.policy_name(), "PolicyArn": p.policy_arn()}))
        .collect()
}

fn inline(list: &[aws_sdk_iam::types::PolicyDetail]) -> Value {
    list.iter()
        .map(|p| json!({"PolicyName": p.policy_name(), "PolicyDocument": p.policy_document().map(policy_document)}))
        .collect()
}

async fn principals_and_policies(
    ctx: &Context<'_>,
    iam: &aws_sdk_iam::Client,
    report: &Report,
    out: &mut Collected,
) {
    let mut pages = iam
        .get_account_authorization_details()
        .into_paginator()
        .send();
    // Each page is shaped and handed over before the next is read, so an account of
    // thousands of identities is never held whole.
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => {
                inline_policies(ctx, &page, out).await;
                principals(ctx, iam, report, &page, out).await;
                groups(ctx, &page, out).await;
                managed_policies(ctx, &page, out).await;
            }
            Err(e) => {
                let reason = failure("GetAccountAuthorizationDetails", &e);
                for t in [
                    "AWS::IAM::User",
                    "AWS::IAM::Role",
                    "AWS::IAM::Group",
                    "AWS::IAM::Policy",
                ] {
                    out.fail(t, "global", reason.clone());
                }
                return;
            }
        }
    }
}

type Details =
    aws_sdk_iam::operation::get_account_authorization_details::GetAccountAuthorizationDetailsOutput;

async fn inline_policies(ctx: &Context<'_>, page: &Details, out: &mut Collected) {
    let mut inline_policies = Vec::new();
    for u in page.user_detail_list() {
        for p in u.user_policy_list() {
            inline_policies.push(("user", u.user_name(), u.arn(), p));
        }
    }
    for r in page.role_detail_list() {
        for p in r.role_policy_list() {
            inline_policies.push(("role", r.role_name(), r.arn(), p));
        }
    }
    for g in page.group_detail_list() {
        for p in g.group_policy_list() {
            inline_policies.push(("group", g.group_name(), g.arn(), p));
        }
    }
    // Inline policies have no ARN of their own; the synthetic one names the identity
    // and the policy, which together are unique.
    for (kind, owner, owner_arn, p) in inline_policies {
        let owner = owner.unwrap_or_default();
        let owner_arn = owner_arn.unwrap_or_default();
        let policy_name = p.policy_name().unwrap_or_default();
        let attrs = json!({
            "PolicyName": policy_name,
            "PolicyDocument": p.policy_document().map(policy_document),
            "principal_type": kind, "principal_name": owner, "principal_arn": owner_arn,
        });
        out.resources.push(ctx.resource(
            format!("{owner_arn}/inline-policy/{policy_name}"),
            "Parapet::IAM::InlinePolicy",
            "global",
            format!("{owner}/{policy_name}"),
            BTreeMap::new(),
            attrs,
        ));
        out.hand_over(ctx).await;
    }
}

/// Users and roles, with the services each used when a selected control reads that.
async fn principals(
    ctx: &Context<'_>,
    iam: &aws_sdk_iam::Client,
    report: &Report,
    page: &Details,
    out: &mut Collected,
) {
    // Which services each user and role has used, and when (AI services' stale access).
    // Two or more calls a principal: only for the kinds a selected control reads it of.
    let users_used = ctx.needs(USER, "service_last_accessed");
    let roles_used = ctx.needs(ROLE, "service_last_accessed");
    let principal_arns: Vec<String> = page
        .user_detail_list()
        .iter()
        .filter(|_| users_used)
        .filter_map(|u| u.arn())
        .chain(
            page.role_detail_list()
                .iter()
                .filter(|_| roles_used)
                .filter_map(|r| r.arn()),
        )
        .map(str::to_string)
        .collect();
    let mut last_accessed =
        super::iam_last_accessed::services_last_accessed(iam, principal_arns).await;
    let mut last_accessed_of = |arn: &str, errors: &mut Errors| -> Value {
        match last_accessed.remove(arn) {
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                errors.note("service_last_accessed", e);
                Value::Null
            }
            None => Value::Null,
        }
    };
    for u in page.user_detail_list() {
        let name = u.user_name().unwrap_or_default().to_string();
        let arn = u.arn().unwrap_or_default().to_string();
        let mut errors = Errors::default();
        let credential = match report {
            Ok(rows) => rows.get(&name).cloned().unwrap_or(Value::Null),
            Err(e) => {
                errors.note("credential", format!("credential report unavailable: {e}"));
                Value::Null
            }
        };
        let mut attrs = json!({
            "UserName": name, "UserId": u.user_id(), "Arn": arn, "Path": u.path(),
            "CreateDate": ts(u.create_date()),
            "credential": credential,
            "attached_policies": attached(u.attached_managed_policies()),
            "inline_policies": inline(u.user_policy_list()),
            "groups": u.group_list(),
            "service_last_accessed": last_accessed_of(&arn, &mut errors),
        });
        ctx.keep_planned(USER, &mut attrs, &["credential", "service_last_accessed"]);
        out.resources.push(ctx.resource(
            arn,
            "AWS::IAM::User",
            "global",
            name,
            tags_of(u.tags()),
            errors.attach(attrs),
        ));
        out.hand_over(ctx).await;
    }
    for r in page.role_detail_list() {
        let name = r.role_name().unwrap_or_default().to_string();
        let arn = r.arn().unwrap_or_default().to_string();
        let mut errors = Errors::default();
        let mut attrs = json!({
            "service_last_accessed": last_accessed_of(&arn, &mut errors),
            "RoleName": name, "Arn": arn, "Path": r.path(), "CreateDate": ts(r.create_date()),
            "AssumeRolePolicyDocument": r.assume_role_policy_document().map(policy_document),
            "attached_policies": attached(r.attached_managed_policies()),
            "inline_policies": inline(r.role_policy_list()),
            // The instance profiles holding the role: the threat graph's instance -> role link.
            "instance_profiles": r.instance_profile_list().iter().map(|p| p.arn()).collect::<Vec<_>>(),
            "RoleLastUsed": r.role_last_used().map(|l| json!({"LastUsedDate": ts(l.last_used_date())})),
        });
        ctx.keep_planned(ROLE, &mut attrs, &["service_last_accessed"]);
        out.resources.push(ctx.resource(
            arn,
            "AWS::IAM::Role",
            "global",
            name,
            tags_of(r.tags()),
            errors.attach(attrs),
        ));
        out.hand_over(ctx).await;
    }
}

async fn groups(ctx: &Context<'_>, page: &Details, out: &mut Collected) {
    for g in page.group_detail_list() {
        let name = g.group_name().unwrap_or_default().to_string();
        let arn = g.arn().unwrap_or_default().to_string();
        let attrs = json!({
            "GroupName": name, "Arn": arn,
            "attached_policies": attached(g.attached_managed_policies()),
            "inline_policies": inline(g.group_policy_list()),
        });
        out.resources.push(ctx.resource(
            arn,
            "AWS::IAM::Group",
            "global",
            name,
            BTreeMap::new(),
            attrs,
        ));
        out.hand_over(ctx).await;
    }
}

async fn managed_policies(ctx: &Context<'_>, page: &Details, out: &mut Collected) {
    for p in page.policies() {
        let arn = p.arn().unwrap_or_default().to_string();
        let aws_managed = arn.starts_with("arn:aws:iam::aws:policy/");
        let attachments = p.attachment_count().unwrap_or(0);
        // AWS publishes over a thousand managed policies; only attached ones matter here.
        if aws_managed && attachments == 0 {
            continue;
        }
        let default_doc = p
            .policy_version_list()
            .iter()
            .find(|v| v.is_default_version())
            .and_then(|v| v.document())
            .map(policy_document);
        // Some emulators omit PolicyName; the ARN's last segment is the same name.
        let name = p
            .policy_name()
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| arn.rsplit('/').next().unwrap_or_default().to_string());
        let attrs = json!({
            "PolicyName": name, "Arn": arn, "AttachmentCount": attachments,
            "DefaultVersionId": p.default_version_id(), "IsAttachable": p.is_attachable(),
            "aws_managed": aws_managed, "document": default_doc,
        });
        out.resources.push(ctx.resource(
            arn,
            "AWS::IAM::Policy",
            "global",
            name,
            BTreeMap::new(),
            attrs,
        ));
        out.hand_over(ctx).await;
    }
}

async fn server_certificates(ctx: &Context<'_>, iam: &aws_sdk_iam::Client, out: &mut Collected) {
    let mut pages = iam
        .list_server_certificates()
        .into_paginator()
        .items()
        .send();
    while let Some(item) = pages.next().await {
        match item {
            Ok(c) => {
                let name = c.server_certificate_name().to_string();
                let attrs = json!({
                    "ServerCertificateName": name, "Arn": c.arn(),
                    "Expiration": ts(c.expiration()), "UploadDate": ts(c.upload_date()),
                });
                out.resources.push(ctx.resource(
                    c.arn().to_string(),
                    "AWS::IAM::ServerCertificate",
                    "global",
                    name,
                    BTreeMap::new(),
                    attrs,
                ));
            }
            Err(e) => {
                out.fail(
                    "AWS::IAM::ServerCertificate",
                    "global",
                    failure("ListServerCertificates", &e),
                );
                return;
            }
        }
    }
}

/// The account settings read by calls of their own, made only when a selected control
/// reads them.
const SETTINGS_READS: &[&str] = &[
    "password_policy",
    "account_summary",
    "root",
    "root_virtual_mfa",
    "support_role",
    "saml_providers",
    "contacts",
];

async fn account_settings(
    ctx: &Context<'_>,
    iam: &aws_sdk_iam::Client,
    report: &Report,
    out: &mut Collected,
) {
    let mut errors = Errors::default();
    let password_policy = if !ctx.needs(SETTINGS, "password_policy") {
        None
    } else {
        match iam.get_account_password_policy().send().await {
            Ok(o) => o.password_policy().map(|p| {
                json!({
                    "MinimumPasswordLength": p.minimum_password_length(),
                    "RequireSymbols": p.require_symbols(), "RequireNumbers": p.require_numbers(),
                    "RequireUppercaseCharacters": p.require_uppercase_characters(),
                    "RequireLowercaseCharacters": p.require_lowercase_characters(),
                    "AllowUsersToChangePassword": p.allow_users_to_change_password(),
                    "ExpirePasswords": p.expire_passwords(), "MaxPasswordAge": p.max_password_age(),
                    "PasswordReusePrevention": p.password_reuse_prevention(), "HardExpiry": p.hard_expiry(),
                })
            }),
            Err(e) if is_code(&e, "NoSuchEntity") => None,
            Err(e) => {
                errors.record("password_policy", "GetAccountPasswordPolicy", &e);
                None
            }
        }
    };
    let account_summary = if !ctx.needs(SETTINGS, "account_summary") {
        None
    } else {
        match iam.get_account_summary().send().await {
            Ok(o) => o.summary_map().map(|m| {
                m.iter()
                    .map(|(k, v)| (k.as_str().to_string(), json!(v)))
                    .collect::<Map<_, _>>()
            }),
            Err(e) => {
                errors.record("account_summary", "GetAccountSummary", &e);
                None
            }
        }
    };
    let root = match report {
        Ok(rows) => rows.get("<root_account>").cloned(),
        Err(e) => {
            errors.note("root", format!("credential report unavailable: {e}"));
            None
        }
    };
    let root_virtual_mfa = if !ctx.needs(SETTINGS, "root_virtual_mfa") {
        None
    } else {
        match iam
            .list_virtual_mfa_devices()
            .assignment_status(aws_sdk_iam::types::AssignmentStatusType::Assigned)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
        {
            Ok(devices) => Some(devices.iter().any(|d| {
                d.user()
                    .map(|u| u.arn().ends_with(":root"))
                    .unwrap_or(false)
                    || d.serial_number().ends_with("/root-account-mfa-device")
            })),
            Err(e) => {
                errors.record("root_virtual_mfa", "ListVirtualMFADevices", &e);
                None
            }
        }
    };
    let support_role = if !ctx.needs(SETTINGS, "support_role") {
        None
    } else {
        match iam
            .list_entities_for_policy()
            .policy_arn(SUPPORT_POLICY)
            .into_paginator()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
        {
            Ok(pages) => {
                let roles: Vec<&str> = pages
                    .iter()
                    .flat_map(|p| p.policy_roles())
                    .filter_map(|r| r.role_name())
                    .collect();
                let users: Vec<&str> = pages
                    .iter()
                    .flat_map(|p| p.policy_users())
                    .filter_map(|u| u.user_name())
                    .collect();
                let groups: Vec<&str> = pages
                    .iter()
                    .flat_map(|p| p.policy_groups())
                    .filter_map(|g| g.group_name())
                    .collect();
                Some(
                    json!({"attached": !(roles.is_empty() && users.is_empty() && groups.is_empty()), "roles": roles, "users": users, "groups": groups}),
                )
            }
            Err(e) if is_code(&e, "NoSuchEntity") => {
                Some(json!({"attached": false, "roles": [], "users": [], "groups": []}))
            }
            Err(e) => {
                errors.record("support_role", "ListEntitiesForPolicy", &e);
                None
            }
        }
    };
    let saml_providers = if !ctx.needs(SETTINGS, "saml_providers") {
        None
    } else {
        match iam.list_saml_providers().send().await {
            Ok(o) => Some(
                o.saml_provider_list()
                    .iter()
                    .filter_map(|p| p.arn())
                    .map(str::to_string)
                    .collect::<Vec<_>>(),
            ),
            Err(e) => {
                errors.record("saml_providers", "ListSAMLProviders", &e);
                None
            }
        }
    };
    let contacts = if ctx.needs(SETTINGS, "contacts") {
        contacts(ctx, &mut errors).await
    } else {
        Value::Null
    };
    let mut attrs = json!({
        "password_policy": password_policy,
        "account_summary": account_summary,
        "root": root,
        "root_virtual_mfa": root_virtual_mfa,
        "support_role": support_role,
        "saml_providers": saml_providers,
        "contacts": contacts,
    });
    ctx.keep_planned(SETTINGS, &mut attrs, SETTINGS_READS);
    let arn = format!("arn:aws:iam::{}:root", ctx.account_id);
    out.resources.push(ctx.resource(
        arn,
        SETTINGS,
        "global",
        ctx.account_id.to_string(),
        BTreeMap::new(),
        errors.attach(attrs),
    ));
}

/// Alternate and primary contacts from the Account Management API.
async fn contacts(ctx: &Context<'_>, errors: &mut Errors) -> Value {
    use aws_sdk_account::types::AlternateContactType as T;
    let account = ctx.clients.account(ctx.home_region);
    let mut contacts = Map::new();
    for (key, kind) in [
        ("security", T::Security),
        ("billing", T::Billing),
        ("operations", T::Operations),
    ] {
        match account
            .get_alternate_contact()
            .alternate_contact_type(kind)
            .send()
            .await
        {
            Ok(o) => {
                let c = o.alternate_contact();
                contacts.insert(
                    key.into(),
                    json!({"Name": c.and_then(|c| c.name()), "EmailAddress": c.and_then(|c| c.email_address()), "PhoneNumber": c.and_then(|c| c.phone_number()), "Title": c.and_then(|c| c.title())}),
                );
            }
            Err(e) if is_code(&e, "ResourceNotFoundException") => {
                contacts.insert(key.into(), Value::Null);
            }
            Err(e) => {
                errors.record("contacts", "GetAlternateContact", &e);
                return Value::Null;
            }
        }
    }
    match account.get_contact_information().send().await {
        Ok(o) => {
            let c = o.contact_information();
            contacts.insert(
                "primary".into(),
                json!({"FullName": c.map(|c| c.full_name()), "CompanyName": c.and_then(|c| c.company_name()), "PhoneNumber": c.map(|c| c.phone_number()), "CountryCode": c.map(|c| c.country_code())}),
            );
        }
        Err(e) if is_code(&e, "ResourceNotFoundException") => {
            contacts.insert("primary".into(), Value::Null);
        }
        Err(e) => {
            errors.record("contacts", "GetContactInformation", &e);
            return Value::Null;
        }
    }
    Value::Object(contacts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_credential_report_values() {
        let csv = "user,arn,password_enabled,mfa_active,access_key_1_last_used_date\n<root_account>,arn:aws:iam::1:root,not_supported,true,N/A\nbob,arn:aws:iam::1:user/bob,true,false,2026-01-01T00:00:00+00:00\n";
        let rows = parse_credential_report(csv);
        assert_eq!(rows["<root_account>"]["password_enabled"], Value::Null);
        assert_eq!(rows["<root_account>"]["mfa_active"], Value::Bool(true));
        assert_eq!(
            rows["bob"]["access_key_1_last_used_date"],
            "2026-01-01T00:00:00+00:00"
        );
        assert_eq!(rows["bob"]["mfa_active"], Value::Bool(false));
    }
}
