//! The compute and application collectors (ECS, EKS, Lambda, ...) against moto_server:
//! `tests/support/seed_compute.py` seeds a compliant `good-*` and a non-compliant `bad-*`
//! resource per service, one scan runs every control of those services, and each control
//! must PASS the good resource and FAIL the bad one. Services or fields moto does not
//! emulate are named where they are left out.

use crate::support;
use support::*;

/// (control, the good resource's name, the bad resource's name)
const EXPECTED: &[(&str, &str, &str)] = &[
    (
        "ecs_task_definitions_containers_readonly_access",
        "good-task:1",
        "bad-task:1",
    ),
    (
        "ecs_task_definitions_host_namespace_not_shared",
        "good-task:1",
        "bad-task:1",
    ),
    (
        "ecs_task_definitions_host_networking_mode_users",
        "good-task:1",
        "bad-task:1",
    ),
    (
        "ecs_task_definitions_logging_enabled",
        "good-task:1",
        "bad-task:1",
    ),
    (
        "ecs_task_definitions_no_environment_secrets",
        "good-task:1",
        "bad-task:1",
    ),
    (
        "ecs_task_definitions_no_privileged_containers",
        "good-task:1",
        "bad-task:1",
    ),
    (
        "ecs_service_fargate_latest_platform_version",
        "good-service",
        "bad-service",
    ),
    (
        "eks_cluster_kms_cmk_encryption_in_secrets_enabled",
        "good-cluster",
        "bad-cluster",
    ),
    (
        "eks_cluster_not_publicly_accessible",
        "good-cluster",
        "bad-cluster",
    ),
    (
        "eks_control_plane_logging_all_types_enabled",
        "good-cluster",
        "bad-cluster",
    ),
    (
        "eks_cluster_uses_a_supported_version",
        "good-cluster",
        "bad-cluster",
    ),
    (
        "awslambda_function_inside_vpc",
        "good-function",
        "bad-function",
    ),
    (
        "awslambda_function_url_public",
        "good-function",
        "bad-function",
    ),
    (
        "awslambda_function_not_publicly_accessible",
        "good-function",
        "bad-function",
    ),
    (
        "apigateway_restapi_logging_enabled",
        "good-api/prod",
        "bad-api/prod",
    ),
    (
        "apigateway_restapi_cache_encrypted",
        "good-api/prod",
        "bad-api/prod",
    ),
    (
        "apigateway_restapi_waf_acl_attached",
        "good-api/prod",
        "bad-api/prod",
    ),
    (
        "apigateway_restapi_tracing_enabled",
        "good-api/prod",
        "bad-api/prod",
    ),
    (
        "apigateway_domain_name_pqc_tls_enabled",
        "good.example.com",
        "bad.example.com",
    ),
    (
        "apigatewayv2_api_access_logging_enabled",
        "good-http/live",
        "bad-http/live",
    ),
    (
        "appsync_field_level_logging_enabled",
        "good-graphql",
        "bad-graphql",
    ),
    (
        "codebuild_project_logging_enabled",
        "good-build",
        "bad-build",
    ),
    (
        "codebuild_project_no_secrets_in_variables",
        "good-build",
        "bad-build",
    ),
    (
        "codebuild_project_source_repo_url_no_sensitive_credentials",
        "good-build",
        "bad-build",
    ),
    (
        "codebuild_project_s3_logs_encrypted",
        "good-build",
        "bad-build-s3",
    ),
    (
        "sagemaker_notebook_instance_encryption_enabled",
        "good-notebook",
        "bad-notebook",
    ),
    (
        "sagemaker_notebook_instance_without_direct_internet_access_configured",
        "good-notebook",
        "bad-notebook",
    ),
    (
        "sagemaker_notebook_instance_root_access_disabled",
        "good-notebook",
        "bad-notebook",
    ),
    (
        "sagemaker_notebook_instance_vpc_settings_configured",
        "good-notebook",
        "bad-notebook",
    ),
    (
        "ecr_repositories_lifecycle_policy_enabled",
        "good-repo",
        "bad-repo",
    ),
    (
        "ecr_repositories_scan_images_on_push_enabled",
        "good-repo",
        "bad-repo",
    ),
    (
        "glue_etl_jobs_amazon_s3_encryption_enabled",
        "good-job",
        "bad-job",
    ),
    (
        "glue_etl_jobs_cloudwatch_logs_encryption_enabled",
        "good-job",
        "bad-job",
    ),
    ("glue_etl_jobs_logging_enabled", "good-job", "bad-job"),
    ("bedrock_vpc_endpoints_configured", "good-vpc", "bad-vpc"),
    (
        "kinesis_stream_data_retention_period",
        "good-stream",
        "bad-stream",
    ),
    (
        "kinesis_stream_encrypted_at_rest",
        "good-stream",
        "bad-stream",
    ),
    (
        "kafka_cluster_in_transit_encryption_enabled",
        "good-kafka",
        "bad-kafka",
    ),
    ("mq_broker_logging_enabled", "good-broker", "bad-broker"),
    ("athena_workgroup_encryption", "good-wg", "bad-wg"),
    ("athena_workgroup_logging_enabled", "good-wg", "bad-wg"),
    (
        "datasync_task_logging_enabled",
        "good-task-sync",
        "bad-task-sync",
    ),
    (
        "stepfunctions_statemachine_logging_enabled",
        "good-flow",
        "bad-flow",
    ),
    (
        "autoscaling_group_launch_configuration_requires_imdsv2",
        "good-asg",
        "bad-asg",
    ),
    ("ssm_documents_set_as_public", "good-doc", "bad-doc"),
    (
        "transfer_server_in_transit_encryption_enabled",
        "good-sftp",
        "bad-sftp",
    ),
    (
        "transfer_server_pqc_ssh_kex_enabled",
        "good-sftp",
        "bad-sftp",
    ),
];

/// Controls checked on one resource only: account-level ones (one resource per account)
/// and those moto cannot seed a passing resource for.
const ACCOUNT_EXPECTED: &[(&str, &str, &str)] = &[
    // moto has no client certificates: no stage can pass.
    (
        "apigateway_restapi_client_certificate_enabled",
        "bad-api/prod",
        "FAIL",
    ),
    (
        "codebuild_project_s3_logs_encrypted",
        "bad-build",
        "SKIPPED",
    ),
    (
        "bedrock_model_invocation_logging_enabled",
        "123456789012",
        "PASS",
    ),
    (
        "bedrock_full_access_policy_attached",
        "AmazonBedrockFullAccess",
        "FAIL",
    ),
    (
        "emr_cluster_account_public_block_enabled",
        "123456789012",
        "PASS",
    ),
    // moto gives every cluster's primary node a public ec2-... name.
    ("emr_cluster_master_nodes_no_public_ip", "bad-emr", "FAIL"),
    // moto has no DescribeConfigurationSettings: the options cannot be read, and the
    // controls must say so instead of deciding.
    (
        "elasticbeanstalk_environment_cloudwatch_logging_enabled",
        "shop-env",
        "ERROR",
    ),
    (
        "elasticbeanstalk_environment_managed_updates_enabled",
        "shop-env",
        "ERROR",
    ),
    // moto has no SSM DescribeInstanceInformation (HTTP 500): the agent's state is
    // unknown, which is ERROR, not FAIL (the mapping is unit-tested in collect/ec2.rs).
    ("ec2_instance_managed_by_ssm", "ssm-node", "ERROR"),
    // No trail records Lambda data events in the seeded account.
    (
        "awslambda_function_invoke_api_operations_cloudtrail_logging_enabled",
        "123456789012",
        "FAIL",
    ),
];

#[test]
fn each_control_passes_the_good_resource_and_fails_the_bad_one() {
    // AWS-managed IAM policies exist in moto only when it is told to load them.
    let moto = Moto::start_with(&[("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")]);
    python(&["tests/support/seed_compute.py", &moto.url]);
    let controls: Vec<&str> = EXPECTED
        .iter()
        .chain(ACCOUNT_EXPECTED)
        .map(|(control, _, _)| *control)
        .collect();
    let status = scan_verdicts(&moto, &controls, &[]);
    let mut wrong = Vec::new();
    let cases = EXPECTED
        .iter()
        .flat_map(|(c, good, bad)| [(*c, *good, "PASS"), (*c, *bad, "FAIL")])
        .chain(ACCOUNT_EXPECTED.iter().copied());
    for (control, name, want) in cases {
        {
            let got = status.get(&(control.to_string(), name.to_string()));
            if got.map(|(s, _)| s.as_str()) != Some(want) {
                wrong.push(format!("{control} on {name}: want {want}, got {got:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\nall findings: {status:#?}",
        wrong.join("\n")
    );
    // An ERROR says what could not be read.
    let (_, reason) = &status[&("ec2_instance_managed_by_ssm".into(), "ssm-node".into())];
    assert!(reason.contains("ssm_managed"), "{reason}");
}
