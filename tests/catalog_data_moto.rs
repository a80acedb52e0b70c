//! The data-service collectors (Neptune, DocumentDB, Redshift, ElastiCache, OpenSearch,
//! DMS, DynamoDB, Backup, ...) against moto_server: `tests/support/seed_data.py` seeds a
//! compliant (`good-*`) and a non-compliant (`bad-*`) resource per service, one scan runs
//! the controls over them, and each verdict is checked by resource name.

use crate::support;
use support::*;

/// (control, resource name, expected status).
const EXPECTED: &[(&str, &str, &str)] = &[
    ("neptune_cluster_storage_encrypted", "good-graph", "PASS"),
    ("neptune_cluster_storage_encrypted", "bad-graph", "FAIL"),
    ("neptune_cluster_backup_enabled", "good-graph", "PASS"),
    ("neptune_cluster_backup_enabled", "bad-graph", "FAIL"),
    (
        "neptune_cluster_copy_tags_to_snapshots",
        "good-graph",
        "PASS",
    ),
    (
        "neptune_cluster_copy_tags_to_snapshots",
        "bad-graph",
        "FAIL",
    ),
    // moto refuses IAM authentication on Neptune clusters (only Aurora engines), so only
    // the failing side is seeded; the passing side is covered by the Rego tests.
    (
        "neptune_cluster_iam_authentication_enabled",
        "bad-graph",
        "FAIL",
    ),
    (
        "neptune_cluster_integration_cloudwatch_logs",
        "good-graph",
        "PASS",
    ),
    (
        "neptune_cluster_integration_cloudwatch_logs",
        "bad-graph",
        "FAIL",
    ),
    ("neptune_cluster_public_snapshot", "good-graph-snap", "PASS"),
    ("neptune_cluster_public_snapshot", "bad-graph-snap", "FAIL"),
    (
        "neptune_cluster_snapshot_encrypted",
        "good-graph-snap",
        "PASS",
    ),
    (
        "neptune_cluster_snapshot_encrypted",
        "bad-graph-snap",
        "FAIL",
    ),
    // DocumentDB: moto's CreateDBCluster rejects the docdb engine, so its clusters are
    // not seeded; the engine-to-type mapping has a unit test in shared/src/collect/rds.rs
    // and the controls have Rego tests.
    ("redshift_cluster_encrypted_at_rest", "good-wh", "PASS"),
    ("redshift_cluster_encrypted_at_rest", "bad-wh", "FAIL"),
    ("redshift_cluster_enhanced_vpc_routing", "good-wh", "PASS"),
    ("redshift_cluster_enhanced_vpc_routing", "bad-wh", "FAIL"),
    ("redshift_cluster_automatic_upgrades", "good-wh", "PASS"),
    ("redshift_cluster_automatic_upgrades", "bad-wh", "FAIL"),
    ("redshift_cluster_public_access", "good-wh", "PASS"),
    ("redshift_cluster_public_access", "bad-wh", "FAIL"),
    ("redshift_cluster_automated_snapshot", "good-wh", "PASS"),
    // moto turns a retention period of 0 into its default of 1 day, so no cluster
    // without automated snapshots can be seeded; the Rego tests cover "0".
    ("redshift_cluster_audit_logging", "good-wh", "PASS"),
    ("redshift_cluster_audit_logging", "bad-wh", "FAIL"),
    // moto answers DescribeClusterParameters with the defaults (require_ssl false) for
    // every group and has no Multi-AZ clusters, so only the failing side of these two
    // is seen here; their passing side is in the Rego tests.
    (
        "redshift_cluster_in_transit_encryption_enabled",
        "bad-wh",
        "FAIL",
    ),
    ("redshift_cluster_multi_az_enabled", "bad-wh", "FAIL"),
    (
        "opensearch_service_domains_encryption_at_rest_enabled",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_encryption_at_rest_enabled",
        "bad-search",
        "FAIL",
    ),
    (
        "opensearch_service_domains_node_to_node_encryption_enabled",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_node_to_node_encryption_enabled",
        "bad-search",
        "FAIL",
    ),
    (
        "opensearch_service_domains_access_control_enabled",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_access_control_enabled",
        "bad-search",
        "FAIL",
    ),
    (
        "opensearch_service_domains_audit_logging_enabled",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_audit_logging_enabled",
        "bad-search",
        "FAIL",
    ),
    (
        "opensearch_service_domains_cloudwatch_logging_enabled",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_cloudwatch_logging_enabled",
        "bad-search",
        "FAIL",
    ),
    (
        "opensearch_service_domains_https_communications_enforced",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_https_communications_enforced",
        "bad-search",
        "FAIL",
    ),
    (
        "opensearch_service_domains_not_publicly_accessible",
        "good-search",
        "PASS",
    ),
    (
        "opensearch_service_domains_not_publicly_accessible",
        "bad-search",
        "FAIL",
    ),
    // moto's DomainStatus has no ServiceSoftwareOptions, so
    // opensearch_service_domains_updated_to_the_latest_service_software_version reaches no
    // verdict under moto (ERROR); the Rego tests cover it.
    (
        "elasticache_redis_cluster_auto_minor_version_upgrades",
        "good-redis",
        "PASS",
    ),
    (
        "elasticache_redis_cluster_auto_minor_version_upgrades",
        "bad-redis",
        "FAIL",
    ),
    (
        "elasticache_redis_cluster_backup_enabled",
        "good-redis",
        "PASS",
    ),
    (
        "elasticache_redis_cluster_backup_enabled",
        "bad-redis",
        "FAIL",
    ),
    (
        "elasticache_redis_cluster_in_transit_encryption_enabled",
        "good-redis",
        "PASS",
    ),
    (
        "elasticache_redis_cluster_in_transit_encryption_enabled",
        "bad-redis",
        "FAIL",
    ),
    (
        "elasticache_redis_cluster_rest_encryption_enabled",
        "good-redis",
        "PASS",
    ),
    (
        "elasticache_redis_cluster_rest_encryption_enabled",
        "bad-redis",
        "FAIL",
    ),
    (
        "elasticache_cluster_uses_public_subnet",
        "good-cache",
        "PASS",
    ),
    (
        "elasticache_cluster_uses_public_subnet",
        "bad-cache",
        "FAIL",
    ),
    ("dms_instance_no_public_access", "good-migrate", "PASS"),
    ("dms_instance_no_public_access", "bad-migrate", "FAIL"),
    ("dms_endpoint_ssl_enabled", "good-src", "PASS"),
    ("dms_endpoint_ssl_enabled", "bad-src", "FAIL"),
    ("dms_endpoint_ssl_enabled", "good-redis-target", "SKIPPED"),
    (
        "dms_endpoint_redis_in_transit_encryption_enabled",
        "good-redis-target",
        "PASS",
    ),
    (
        "dms_endpoint_redis_in_transit_encryption_enabled",
        "bad-redis-target",
        "FAIL",
    ),
    (
        "dms_endpoint_redis_in_transit_encryption_enabled",
        "good-src",
        "SKIPPED",
    ),
    (
        "dms_replication_task_source_logging_enabled",
        "good-task",
        "PASS",
    ),
    (
        "dms_replication_task_source_logging_enabled",
        "bad-task",
        "FAIL",
    ),
    (
        "dms_replication_task_target_logging_enabled",
        "good-task",
        "PASS",
    ),
    (
        "dms_replication_task_target_logging_enabled",
        "bad-task",
        "FAIL",
    ),
    ("dynamodb_tables_pitr_enabled", "good-table", "PASS"),
    ("dynamodb_tables_pitr_enabled", "bad-table", "FAIL"),
    (
        "dynamodb_tables_kms_cmk_encryption_enabled",
        "good-table",
        "PASS",
    ),
    (
        "dynamodb_tables_kms_cmk_encryption_enabled",
        "bad-table",
        "FAIL",
    ),
    (
        "dynamodb_accelerator_cluster_encryption_enabled",
        "good-dax",
        "PASS",
    ),
    (
        "dynamodb_accelerator_cluster_encryption_enabled",
        "bad-dax",
        "FAIL",
    ),
    (
        "dynamodb_accelerator_cluster_in_transit_encryption_enabled",
        "good-dax",
        "PASS",
    ),
    (
        "dynamodb_accelerator_cluster_in_transit_encryption_enabled",
        "bad-dax",
        "FAIL",
    ),
    ("backup_plans_exist", "123456789012", "PASS"),
    ("backup_vaults_encrypted", "good-vault", "PASS"),
    ("backup_vaults_encrypted", "bad-vault", "FAIL"),
    // moto has no ListRecoveryPointsByBackupVault: the type cannot be listed, which is
    // one ERROR finding for the type in the region.
    (
        "backup_recovery_point_encrypted",
        "AWS::Backup::RecoveryPoint in us-east-1",
        "ERROR",
    ),
    // moto has no ListBackupSelections, so which plans select a table cannot be read:
    // the protection controls must say ERROR, never PASS or FAIL. Their verdicts are in
    // the Rego tests and the selection matching in shared/src/collect/backup.rs.
    (
        "dynamodb_table_protected_by_backup_plan",
        "good-table",
        "ERROR",
    ),
    (
        "dynamodb_table_protected_by_backup_plan",
        "bad-table",
        "ERROR",
    ),
    // moto's RotateSecret needs Docker to run the rotation Lambda, so only the failing
    // side of rotation is seeded.
    (
        "secretsmanager_automatic_rotation_enabled",
        "bad-secret",
        "FAIL",
    ),
    // moto keeps no LastAccessedDate; a secret created just now passes as not yet due.
    ("secretsmanager_secret_unused", "bad-secret", "PASS"),
    (
        "acm_certificates_with_secure_key_algorithms",
        "rsa2048.example.com",
        "PASS",
    ),
    (
        "acm_certificates_with_secure_key_algorithms",
        "rsa1024.example.com",
        "FAIL",
    ),
    (
        "acm_certificates_expiration_check",
        "rsa2048.example.com",
        "SKIPPED",
    ),
    ("guardduty_is_enabled", "123456789012", "PASS"),
    // moto has no ListFindings: the count is unreadable, so ERROR, never PASS.
    (
        "guardduty_no_high_severity_findings",
        "123456789012",
        "ERROR",
    ),
    (
        "organizations_account_part_of_organizations",
        "123456789012",
        "PASS",
    ),
    (
        "servicecatalog_portfolio_shared_within_organization_only",
        "good-portfolio",
        "PASS",
    ),
    (
        "servicecatalog_portfolio_shared_within_organization_only",
        "bad-portfolio",
        "FAIL",
    ),
    (
        "fsx_file_system_copy_tags_to_backups_enabled",
        "good-fs",
        "PASS",
    ),
    (
        "fsx_file_system_copy_tags_to_backups_enabled",
        "bad-fs",
        "FAIL",
    ),
    (
        "kms_key_enclave_attestation_not_enforced",
        "good-enclave-key",
        "PASS",
    ),
    (
        "kms_key_enclave_attestation_not_enforced",
        "bad-enclave-key",
        "FAIL",
    ),
    (
        "kms_key_enclave_attestation_bypassable_path",
        "good-enclave-key",
        "PASS",
    ),
    (
        "kms_key_enclave_attestation_bypassable_path",
        "bad-enclave-key",
        "FAIL",
    ),
    (
        "kms_key_enclave_attestation_unknown_image",
        "good-enclave-key",
        "PASS",
    ),
    (
        "kms_key_enclave_attestation_unknown_image",
        "bad-enclave-key",
        "FAIL",
    ),
    (
        "kms_key_enclave_attestation_pcr_mismatch",
        "good-enclave-key",
        "PASS",
    ),
    (
        "kms_key_enclave_attestation_pcr_mismatch",
        "bad-enclave-key",
        "FAIL",
    ),
    (
        "kms_key_enclave_debug_attestation_detected",
        "good-enclave-key",
        "PASS",
    ),
    (
        "kms_key_enclave_debug_attestation_detected",
        "bad-enclave-key",
        "FAIL",
    ),
    (
        "kms_key_enclave_attestation_no_deployment_binding",
        "good-enclave-key",
        "PASS",
    ),
    (
        "kms_key_enclave_attestation_no_deployment_binding",
        "bad-enclave-key",
        "FAIL",
    ),
    // moto has neither GenerateServiceLastAccessedDetails nor LookupEvents: the stale
    // access and threat detection controls must say ERROR, never PASS or FAIL. Their
    // verdicts are in the Rego tests, the event grouping in cloudtrail_activity.rs.
    ("iam_user_access_not_stale_to_bedrock", "analyst", "ERROR"),
    ("iam_user_access_not_stale_to_sagemaker", "analyst", "ERROR"),
    (
        "cloudtrail_threat_detection_enumeration",
        "123456789012",
        "ERROR",
    ),
    (
        "cloudtrail_threat_detection_privilege_escalation",
        "123456789012",
        "ERROR",
    ),
    (
        "cloudtrail_threat_detection_llm_jacking",
        "123456789012",
        "ERROR",
    ),
];

#[test]
fn data_services_pass_and_fail_by_resource() {
    let moto = Moto::start();
    python(&["tests/support/seed_data.py", "--endpoint-url", &moto.url]);
    let mut controls: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    controls.sort();
    controls.dedup();
    let verdicts = scan_verdicts(&moto, &controls, &[]);
    let verdict =
        |control: &str, name: &str| verdicts.get(&(control.to_string(), name.to_string()));
    let mut wrong = Vec::new();
    for (control, name, expected) in EXPECTED {
        match verdict(control, name) {
            Some((status, _)) if status == expected => {}
            Some((status, reason)) => wrong.push(format!(
                "{control} {name}: {status} ({reason}), expected {expected}"
            )),
            None => wrong.push(format!("{control} {name}: no finding")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
