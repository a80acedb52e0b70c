//! Decoding tests of the data-service collectors (queues, secrets, warehouses, archives,
//! migration, event buses, SSM, Beanstalk) against AWS's documented answer shapes in
//! `shared/tests/fixtures/aws_answers` (sources in its README): the resources they build,
//! with the JSON types controls expect, and what a damaged or refused answer leaves.

use super::replay::{failure_naming, first_of, only, unknown_naming, Replay};
use serde_json::{json, Value};

/// Asserts `value` is an RFC 3339 timestamp of the instant `expected` (the decoder keeps
/// a `Z` timestamp's fraction as AWS sent it).
fn assert_time(value: &Value, expected: &str) {
    let parse = |t: &str| chrono::DateTime::parse_from_rfc3339(t).map_err(|e| format!("{t}: {e}"));
    let got = value.as_str().map(parse);
    assert_eq!(got, Some(parse(expected)), "{value}");
}

const DENIED_JSON: &str =
    r#"{"__type": "AccessDeniedException", "message": "User is not authorized"}"#;
const DENIED_XML: &str = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized</Message></Error><RequestId>replay</RequestId></ErrorResponse>";

#[tokio::test]
async fn sqs_queue_decodes_the_attribute_map() {
    let replay = Replay::serve(&["sqs"], &[]);
    let collected = replay.collect("sqs").await;
    let q = only(&collected, "AWS::SQS::Queue");
    let a = &q.attributes;
    assert_eq!(q.arn, "arn:aws:sqs:us-east-1:111122223333:orders");
    assert_eq!(q.name, "orders");
    assert_eq!(
        a["QueueUrl"],
        "https://sqs.us-east-1.amazonaws.com/111122223333/orders"
    );
    assert_eq!(a["KmsMasterKeyId"], "alias/aws/sqs");
    // Every value of the map is a string on the wire; the flag becomes a boolean.
    assert_eq!(a["SqsManagedSseEnabled"], false);
    let statement = &a["policy"]["Statement"][0];
    assert_eq!(statement["Principal"]["Service"], "sns.amazonaws.com");
    assert_eq!(
        statement["Condition"]["ArnEquals"]["aws:SourceArn"],
        "arn:aws:sns:us-east-1:111122223333:alerts"
    );
}

#[tokio::test]
async fn sqs_refused_attributes_are_unknown_and_a_renamed_list_fails() {
    let replay = Replay::serve(&["sqs"], &[]);
    replay.answer_with("GetQueueAttributes", DENIED_JSON);
    let collected = replay.collect("sqs").await;
    let q = &collected.resources[0];
    unknown_naming(q, "policy", "GetQueueAttributes");
    unknown_naming(q, "SqsManagedSseEnabled", "GetQueueAttributes");
    // A map under another name is a damaged answer, not a queue without settings.
    replay.answer_with(
        "GetQueueAttributes",
        r#"{"Attribute": {"QueueArn": "arn:aws:sqs:us-east-1:111122223333:orders"}}"#,
    );
    let collected = replay.collect("sqs").await;
    unknown_naming(&collected.resources[0], "policy", "GetQueueAttributes");
    replay.answer_with("ListQueues", r#"{"QueueUrl": []}"#);
    let collected = replay.collect("sqs").await;
    failure_naming(&collected, "AWS::SQS::Queue", "ListQueues");
}

#[tokio::test]
async fn secret_decodes_rotation_dates_tags_and_policy() {
    let replay = Replay::serve(&["secretsmanager"], &[]);
    let collected = replay.collect("secretsmanager").await;
    let s = only(&collected, "AWS::SecretsManager::Secret");
    let a = &s.attributes;
    assert_eq!(
        s.arn,
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:orders-db-a1b2c3"
    );
    assert_eq!(s.name, "orders-db");
    assert_eq!(s.tags["team"], "orders");
    assert_eq!(a["RotationEnabled"], true);
    assert_eq!(a["RotationRules"]["AutomaticallyAfterDays"], json!(30));
    // Epoch seconds on the wire, RFC 3339 in the resource.
    assert_time(&a["LastRotatedDate"], "2023-11-15T00:00:00Z");
    assert_time(&a["LastAccessedDate"], "2023-11-15T00:00:00Z");
    assert!(a["KmsKeyId"].as_str().is_some_and(|k| k.contains(":key/")));
    assert_eq!(
        a["policy"]["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::444455556666:root"
    );
}

#[tokio::test]
async fn secret_refused_policy_is_unknown_and_a_renamed_list_fails() {
    let replay = Replay::serve(&["secretsmanager"], &[]);
    replay.answer_with("GetResourcePolicy", DENIED_JSON);
    let collected = replay.collect("secretsmanager").await;
    unknown_naming(&collected.resources[0], "policy", "GetResourcePolicy");
    replay.answer_with("ListSecrets", r#"{"Secrets": []}"#);
    let collected = replay.collect("secretsmanager").await;
    failure_naming(&collected, "AWS::SecretsManager::Secret", "ListSecrets");
}

#[tokio::test]
async fn ssm_document_sharing_and_patch_compliance_decode() {
    let replay = Replay::serve(&["ssm"], &[]);
    let collected = replay.collect("ssm").await;
    let d = only(&collected, "AWS::SSM::Document");
    assert_eq!(
        d.arn,
        "arn:aws:ssm:us-east-1:111122223333:document/restart-web"
    );
    assert_eq!(d.attributes["shared_with"], json!(["444455556666"]));
    assert_time(&d.attributes["CreatedDate"], "2023-11-15T00:00:00Z");
    assert_eq!(d.attributes["PlatformTypes"], json!(["Linux", "MacOS"]));
    let p = only(&collected, "Parapet::SSM::PatchCompliance");
    let a = &p.attributes;
    assert_eq!(p.name, "i-0123456789abcdef0");
    assert_eq!(a["Status"], "NON_COMPLIANT");
    assert_eq!(a["OverallSeverity"], "CRITICAL");
    assert_eq!(a["NonCompliantSummary"]["NonCompliantCount"], json!(2));
    assert_time(
        &a["ExecutionSummary"]["ExecutionTime"],
        "2023-11-15T00:00:00Z",
    );
}

#[tokio::test]
async fn ssm_refused_sharing_is_unknown_and_a_renamed_list_fails() {
    let replay = Replay::serve(&["ssm"], &[]);
    replay.answer_with("DescribeDocumentPermission", DENIED_JSON);
    replay.answer_with(
        "ListResourceComplianceSummaries",
        r#"{"ResourceComplianceSummaries": []}"#,
    );
    let collected = replay.collect("ssm").await;
    let d = first_of(&collected, "AWS::SSM::Document");
    unknown_naming(d, "shared_with", "DescribeDocumentPermission");
    failure_naming(
        &collected,
        "Parapet::SSM::PatchCompliance",
        "ListResourceComplianceSummaries",
    );
}

#[tokio::test]
async fn dms_instance_endpoint_and_task_decode() {
    let replay = Replay::serve(&["dms"], &[]);
    let collected = replay.collect("dms").await;
    let i = only(&collected, "AWS::DMS::ReplicationInstance");
    assert_eq!(
        i.arn,
        "arn:aws:dms:us-east-1:111122223333:rep:ORDERSMIGRATION"
    );
    assert_eq!(i.name, "orders-migration");
    assert_eq!(i.attributes["PubliclyAccessible"], true);
    assert_eq!(i.attributes["MultiAZ"], false);
    assert_eq!(i.attributes["AllocatedStorage"], json!(50));
    assert_time(&i.attributes["InstanceCreateTime"], "2023-11-15T00:00:00Z");
    let e = only(&collected, "AWS::DMS::Endpoint");
    assert_eq!(e.name, "orders-source");
    assert_eq!(e.attributes["SslMode"], "none");
    assert_eq!(e.attributes["EndpointType"], "source");
    assert_eq!(e.attributes["Port"], json!(3306));
    let t = only(&collected, "AWS::DMS::ReplicationTask");
    assert_eq!(
        t.arn,
        "arn:aws:dms:us-east-1:111122223333:task:ORDERSFULLLOAD"
    );
    // The settings arrive as a JSON string and are decoded for the controls.
    assert_eq!(t.attributes["settings"]["Logging"]["EnableLogging"], true);
    assert_time(
        &t.attributes["ReplicationTaskCreationDate"],
        "2023-11-15T00:00:00Z",
    );
}

#[tokio::test]
async fn dms_refused_list_fails_its_type_only() {
    let replay = Replay::serve(&["dms"], &[]);
    replay.answer_with("DescribeEndpoints", DENIED_JSON);
    let collected = replay.collect("dms").await;
    failure_naming(&collected, "AWS::DMS::Endpoint", "DescribeEndpoints");
    assert_eq!(collected.resources.len(), 2, "{:?}", collected.resources);
}

#[tokio::test]
async fn event_bus_and_schema_registry_decode_policies_and_tags() {
    let replay = Replay::serve(
        &["events", "schemas"],
        &[
            ("GET", "/v1/registries", "ListRegistries"),
            ("GET", "/v1/policy", "GetResourcePolicy"),
        ],
    );
    let collected = replay.collect("eventbridge").await;
    let b = only(&collected, "AWS::Events::EventBus");
    assert_eq!(
        b.arn,
        "arn:aws:events:us-east-1:111122223333:event-bus/orders"
    );
    assert_eq!(b.name, "orders");
    assert_time(&b.attributes["CreationTime"], "2023-11-15T00:00:00Z");
    // The policy is DescribeEventBus's, not the list's (empty) one.
    assert_eq!(
        b.attributes["policy"]["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::444455556666:root"
    );
    let r = only(&collected, "AWS::EventSchemas::Registry");
    assert_eq!(
        r.arn,
        "arn:aws:schemas:us-east-1:111122223333:registry/orders-schemas"
    );
    // The Schemas API names the member `tags` on the wire.
    assert_eq!(r.tags["team"], "orders");
    assert_eq!(
        r.attributes["policy"]["Statement"][0]["Action"],
        "schemas:DescribeSchema"
    );
}

#[tokio::test]
async fn event_bus_refused_policy_is_unknown_and_registry_without_one_is_null() {
    let replay = Replay::serve(
        &["events", "schemas"],
        &[
            ("GET", "/v1/registries", "ListRegistries"),
            ("GET", "/v1/policy", "GetResourcePolicy"),
        ],
    );
    replay.answer_with("DescribeEventBus", DENIED_JSON);
    replay.answer_with(
        "GetResourcePolicy",
        r#"{"__type": "NotFoundException", "message": "Resource policy not found"}"#,
    );
    let collected = replay.collect("eventbridge").await;
    let b = first_of(&collected, "AWS::Events::EventBus");
    unknown_naming(b, "policy", "DescribeEventBus");
    let r = only(&collected, "AWS::EventSchemas::Registry");
    assert_eq!(r.attributes["policy"], Value::Null);
}

const GLACIER_ROUTES: &[super::replay::Route] = &[
    ("GET", "/-/vaults", "ListVaults"),
    ("GET", "/-/vaults/{}/access-policy", "GetVaultAccessPolicy"),
];

#[tokio::test]
async fn glacier_vault_decodes_the_access_policy() {
    let replay = Replay::serve(&["glacier"], GLACIER_ROUTES);
    let collected = replay.collect("glacier").await;
    let v = only(&collected, "AWS::Glacier::Vault");
    let a = &v.attributes;
    assert_eq!(
        v.arn,
        "arn:aws:glacier:us-east-1:111122223333:vaults/orders-archive"
    );
    assert_eq!(v.name, "orders-archive");
    assert_eq!(a["NumberOfArchives"], json!(12));
    assert_eq!(a["policy"]["Statement"][0]["Principal"], "*");
}

#[tokio::test]
async fn glacier_vault_refused_policy_is_unknown_and_absent_one_is_null() {
    let replay = Replay::serve(&["glacier"], GLACIER_ROUTES);
    replay.answer_with("GetVaultAccessPolicy", DENIED_JSON);
    let collected = replay.collect("glacier").await;
    unknown_naming(&collected.resources[0], "policy", "GetVaultAccessPolicy");
    replay.answer_with(
        "GetVaultAccessPolicy",
        r#"{"__type": "ResourceNotFoundException", "code": "ResourceNotFoundException", "message": "No vault access policy is set for: orders-archive"}"#,
    );
    let collected = replay.collect("glacier").await;
    let v = only(&collected, "AWS::Glacier::Vault");
    assert_eq!(v.attributes["policy"], Value::Null);
}

#[tokio::test]
async fn beanstalk_environment_decodes_its_option_settings() {
    let replay = Replay::serve(&["elasticbeanstalk"], &[]);
    let collected = replay.collect("elasticbeanstalk").await;
    let e = only(&collected, "AWS::ElasticBeanstalk::Environment");
    let a = &e.attributes;
    assert_eq!(
        e.arn,
        "arn:aws:elasticbeanstalk:us-east-1:111122223333:environment/orders/orders-prod"
    );
    assert_eq!(e.name, "orders-prod");
    assert_eq!(a["AbortableOperationInProgress"], false);
    assert_time(&a["DateCreated"], "2023-11-15T00:00:00Z");
    assert_eq!(a["Tier"]["Name"], "WebServer");
    let options = &a["options"];
    assert_eq!(
        options["aws:elasticbeanstalk:managedactions:ManagedActionsEnabled"],
        "true"
    );
    assert_eq!(
        options["aws:elasticbeanstalk:healthreporting:system:SystemType"],
        "enhanced"
    );
    assert_eq!(
        options["aws:autoscaling:launchconfiguration:DisableIMDSv1"],
        "false"
    );
}

#[tokio::test]
async fn beanstalk_refused_settings_are_unknown() {
    let replay = Replay::serve(&["elasticbeanstalk"], &[]);
    replay.answer_with("DescribeConfigurationSettings", DENIED_XML);
    let collected = replay.collect("elasticbeanstalk").await;
    unknown_naming(
        &collected.resources[0],
        "options",
        "DescribeConfigurationSettings",
    );
}

#[tokio::test]
async fn redshift_cluster_decodes_flags_logging_and_require_ssl() {
    let replay = Replay::serve(&["redshift"], &[]);
    let collected = replay.collect("redshift").await;
    let c = only(&collected, "AWS::Redshift::Cluster");
    let a = &c.attributes;
    assert_eq!(
        c.arn,
        "arn:aws:redshift:us-east-1:111122223333:cluster:orders-warehouse"
    );
    assert_eq!(c.tags["team"], "analytics");
    assert_eq!(a["PubliclyAccessible"], false);
    assert_eq!(a["Encrypted"], true);
    assert_eq!(a["EnhancedVpcRouting"], true);
    assert_eq!(a["NumberOfNodes"], json!(2));
    assert_eq!(a["Endpoint"]["Port"], json!(5439));
    assert_time(&a["ClusterCreateTime"], "2023-11-15T00:00:00Z");
    assert_eq!(
        a["VpcSecurityGroups"][0]["VpcSecurityGroupId"],
        "sg-0123456789abcdef0"
    );
    assert_eq!(a["logging_status"]["LoggingEnabled"], true);
    assert_eq!(a["logging_status"]["LogExports"], json!(["connectionlog"]));
    assert_eq!(a["require_ssl"], true);
}

#[tokio::test]
async fn redshift_refused_reads_are_unknown_not_false() {
    let replay = Replay::serve(&["redshift"], &[]);
    replay.answer_with("DescribeLoggingStatus", DENIED_XML);
    replay.answer_with("DescribeClusterParameters", DENIED_XML);
    let collected = replay.collect("redshift").await;
    let c = &collected.resources[0];
    unknown_naming(c, "logging_status", "DescribeLoggingStatus");
    unknown_naming(c, "require_ssl", "DescribeClusterParameters");
}

/// AWS Backup's REST operations (the paths `collect::backup` requests).
const BACKUP_ROUTES: &[super::replay::Route] = &[
    ("GET", "/backup/plans", "ListBackupPlans"),
    ("GET", "/backup/plans/{}/selections", "ListBackupSelections"),
    (
        "GET",
        "/backup/plans/{}/selections/{}",
        "GetBackupSelection",
    ),
    ("GET", "/backup-vaults", "ListBackupVaults"),
    (
        "GET",
        "/backup-vaults/{}/recovery-points",
        "ListRecoveryPointsByBackupVault",
    ),
    (
        "GET",
        "/backup-vaults/{}/access-policy",
        "GetBackupVaultAccessPolicy",
    ),
];

/// `backup/one_plan` answers ListBackupPlans with one plan; `backup` alone with none
/// (the answer other collectors' tests rely on).
const BACKUP_WITH_A_PLAN: [&str; 2] = ["backup/one_plan", "backup"];

#[tokio::test]
async fn backup_vault_recovery_point_and_plans_decode() {
    let replay = Replay::serve(&BACKUP_WITH_A_PLAN, BACKUP_ROUTES);
    let collected = replay.collect("backup").await;
    let v = only(&collected, "AWS::Backup::BackupVault");
    let a = &v.attributes;
    assert_eq!(
        v.arn,
        "arn:aws:backup:us-east-1:111122223333:backup-vault:orders-vault"
    );
    assert_eq!(a["Locked"], true);
    assert_eq!(a["MinRetentionDays"], json!(7));
    assert_time(&a["LockDate"], "2023-11-16T00:00:00Z");
    assert_eq!(a["policy"]["Statement"][0]["Effect"], "Deny");
    let p = only(&collected, "AWS::Backup::RecoveryPoint");
    assert_eq!(p.name, "1EB3B5E7-9EB0-435A-A80B-108B488B0D45");
    assert_eq!(p.attributes["IsEncrypted"], true);
    assert_eq!(p.attributes["BackupSizeInBytes"], json!(8589934592u64));
    assert_time(
        &p.attributes["CalculatedLifecycle"]["DeleteAt"],
        "2023-12-20T00:00:00Z",
    );
    let s = only(&collected, "Parapet::Backup::RegionSettings");
    let plans = s.attributes["plans"].as_array().expect("a list");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["BackupPlanName"], "daily-35-days");
    assert_time(&plans[0]["LastExecutionDate"], "2023-11-16T00:00:00Z");
}

#[tokio::test]
async fn backup_refused_reads_fail_or_stay_unknown() {
    let replay = Replay::serve(&BACKUP_WITH_A_PLAN, BACKUP_ROUTES);
    replay.answer_with("GetBackupVaultAccessPolicy", DENIED_JSON);
    replay.answer_with("ListRecoveryPointsByBackupVault", r#"{"Points": []}"#);
    replay.answer_with("ListBackupPlans", DENIED_JSON);
    let collected = replay.collect("backup").await;
    let v = first_of(&collected, "AWS::Backup::BackupVault");
    unknown_naming(v, "policy", "GetBackupVaultAccessPolicy");
    failure_naming(
        &collected,
        "AWS::Backup::RecoveryPoint",
        "ListRecoveryPointsByBackupVault",
    );
    failure_naming(
        &collected,
        "Parapet::Backup::RegionSettings",
        "ListBackupPlans",
    );
}

/// RDS's recorded answers, with AWS Backup's plan selecting `orders-*` instances.
fn rds_replay() -> Replay {
    Replay::serve(&["rds", "backup/one_plan", "backup"], BACKUP_ROUTES)
}

#[tokio::test]
async fn rds_instance_and_cluster_decode_flags_subnets_and_backup_plans() {
    let replay = rds_replay();
    let collected = replay.collect("rds").await;
    let i = only(&collected, "AWS::RDS::DBInstance");
    let a = &i.attributes;
    assert_eq!(i.arn, "arn:aws:rds:us-east-1:111122223333:db:orders-db");
    assert_eq!(i.tags["team"], "orders");
    assert_eq!(a["PubliclyAccessible"], false);
    assert_eq!(a["StorageEncrypted"], true);
    assert_eq!(a["MultiAZ"], true);
    assert_eq!(a["IAMDatabaseAuthenticationEnabled"], false);
    assert_eq!(a["BackupRetentionPeriod"], json!(7));
    assert_eq!(a["MonitoringInterval"], json!(60));
    assert_eq!(a["Endpoint"]["Port"], json!(5432));
    assert_eq!(a["EnabledCloudwatchLogsExports"], json!(["postgresql"]));
    assert_eq!(a["DBSubnetGroup"]["VpcId"], "vpc-0123456789abcdef0");
    assert_eq!(
        a["DBSubnetGroup"]["Subnets"][1]["SubnetIdentifier"],
        "subnet-0fedcba9876543210"
    );
    assert_eq!(
        a["VpcSecurityGroups"][0]["VpcSecurityGroupId"],
        "sg-0123456789abcdef0"
    );
    // The selection's `arn:...:db:orders-*` pattern picks the instance.
    assert_eq!(a["backup_plans"], json!(["daily-35-days"]));
    let c = only(&collected, "AWS::RDS::DBCluster");
    let a = &c.attributes;
    assert_eq!(
        c.arn,
        "arn:aws:rds:us-east-1:111122223333:cluster:orders-aurora"
    );
    assert_eq!(a["StorageEncrypted"], false);
    assert_eq!(a["IAMDatabaseAuthenticationEnabled"], true);
    assert_eq!(a["EnabledCloudwatchLogsExports"], json!(["audit", "error"]));
    assert_eq!(a["backup_plans"], json!([]));
}

#[tokio::test]
async fn rds_snapshots_and_event_subscriptions_decode() {
    let replay = rds_replay();
    let collected = replay.collect("rds").await;
    let s = only(&collected, "AWS::RDS::DBSnapshot");
    assert_eq!(
        s.arn,
        "arn:aws:rds:us-east-1:111122223333:snapshot:orders-db-export"
    );
    assert_eq!(s.attributes["Encrypted"], false);
    assert_eq!(s.attributes["restorable_by"], json!(["all"]));
    let cs = only(&collected, "AWS::RDS::DBClusterSnapshot");
    assert_eq!(cs.attributes["SnapshotType"], "manual");
    assert_eq!(cs.attributes["restorable_by"], json!(["444455556666"]));
    let settings = only(&collected, "Parapet::RDS::RegionSettings");
    let subscription = &settings.attributes["event_subscriptions"][0];
    assert_eq!(subscription["Enabled"], true);
    assert_eq!(subscription["SourceType"], "db-instance");
    assert_eq!(subscription["SourceIdsList"], json!(["orders-db"]));
    assert_eq!(
        subscription["EventCategoriesList"],
        json!(["failure", "maintenance"])
    );
}

#[tokio::test]
async fn rds_refused_reads_are_unknown_not_empty() {
    let replay = rds_replay();
    replay.answer_with("DescribeDBSnapshotAttributes", DENIED_XML);
    replay.answer_with("ListBackupSelections", DENIED_JSON);
    replay.answer_with("DescribeEventSubscriptions", DENIED_XML);
    let collected = replay.collect("rds").await;
    let find = |t: &str| {
        collected
            .resources
            .iter()
            .find(|r| r.resource_type == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    unknown_naming(
        find("AWS::RDS::DBSnapshot"),
        "restorable_by",
        "DescribeDBSnapshotAttributes",
    );
    unknown_naming(
        find("AWS::RDS::DBInstance"),
        "backup_plans",
        "ListBackupSelections",
    );
    failure_naming(
        &collected,
        "Parapet::RDS::RegionSettings",
        "DescribeEventSubscriptions",
    );
}

#[tokio::test]
async fn elasticache_group_and_cluster_decode_encryption_and_public_subnets() {
    // The route tables are EC2's recorded answer: its one table routes 0.0.0.0/0 to an
    // internet gateway and is the main table of the subnet group's VPC.
    let replay = Replay::serve(&["elasticache", "ec2"], &[]);
    let collected = replay.collect("elasticache").await;
    let g = only(&collected, "AWS::ElastiCache::ReplicationGroup");
    let a = &g.attributes;
    assert_eq!(
        g.arn,
        "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions"
    );
    assert_eq!(a["TransitEncryptionEnabled"], true);
    assert_eq!(a["AtRestEncryptionEnabled"], false);
    assert_eq!(a["AuthTokenEnabled"], true);
    assert_eq!(a["AutomaticFailover"], "enabled");
    assert_eq!(a["SnapshotRetentionLimit"], json!(5));
    assert_eq!(a["MemberClusters"], json!(["sessions-001"]));
    assert_eq!(a["LogDeliveryConfigurations"][0]["LogType"], "slow-log");
    assert_time(&a["ReplicationGroupCreateTime"], "2023-11-15T00:00:00Z");
    let c = only(&collected, "AWS::ElastiCache::CacheCluster");
    let a = &c.attributes;
    assert_eq!(c.name, "sessions-001");
    assert_eq!(a["NumCacheNodes"], json!(1));
    assert_eq!(
        a["SecurityGroups"][0]["SecurityGroupId"],
        "sg-0123456789abcdef0"
    );
    assert_eq!(a["public_subnets"], json!(["subnet-0a1b2c3d4e5f6a7b8"]));
}

#[tokio::test]
async fn elasticache_unreadable_routes_leave_public_subnets_unknown() {
    let replay = Replay::serve(&["elasticache", "ec2"], &[]);
    replay.answer_with("DescribeRouteTables", DENIED_XML);
    replay.answer_with("DescribeReplicationGroups", DENIED_XML);
    let collected = replay.collect("elasticache").await;
    let c = first_of(&collected, "AWS::ElastiCache::CacheCluster");
    unknown_naming(c, "public_subnets", "DescribeRouteTables");
    failure_naming(
        &collected,
        "AWS::ElastiCache::ReplicationGroup",
        "DescribeReplicationGroups",
    );
}
