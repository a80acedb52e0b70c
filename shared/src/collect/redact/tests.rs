//! Each resource type's rows against the shape of its API answer (as the AWS API
//! references show them), with the value checked gone and the facts checked kept.

use super::*;

/// The attributes after redaction, checked to hold none of `secrets` anywhere.
fn redacted(resource_type: &str, mut attributes: Value, secrets: &[&str]) -> Value {
    redact(resource_type, &mut attributes);
    let text = attributes.to_string();
    for s in secrets {
        assert!(!text.contains(s), "{s:?} left in {text}");
    }
    attributes
}

fn hidden(looks_secret: bool) -> Value {
    json!({ "value": MARKER, "looks_secret": looks_secret })
}

#[test]
fn lambda_environment_variables() {
    // ListFunctions' FunctionConfiguration.
    let f = json!({
        "FunctionName": "orders", "Runtime": "python3.12",
        "Environment": {"Variables": {"DB_PASSWORD": "hunter2-x1", "LOG_LEVEL": "debug-x2"}},
        "VpcConfig": {"VpcId": "vpc-1"}
    });
    let a = redacted("AWS::Lambda::Function", f, &["hunter2-x1", "debug-x2"]);
    assert_eq!(a["Environment"]["Variables"]["DB_PASSWORD"], hidden(true));
    assert_eq!(a["Environment"]["Variables"]["LOG_LEVEL"], hidden(false));
    assert_eq!(a["FunctionName"], "orders");
}

#[test]
fn lambda_without_environment_is_unchanged() {
    let f = json!({"FunctionName": "bare", "Environment": {"Error": {"ErrorCode": "x"}}});
    assert_eq!(redacted("AWS::Lambda::Function", f.clone(), &[]), f);
}

#[test]
fn codebuild_variables_and_source_urls() {
    // BatchGetProjects' Project.
    let p = json!({
        "name": "build",
        "source": {"type": "GITHUB", "location": "https://user:ghtoken-x3@github.com/org/repo.git"},
        "secondarySources": [
            {"sourceIdentifier": "two", "location": "https://x-token-x4@github.com/org/two.git"},
            {"sourceIdentifier": "three", "location": "https://github.com/org/three.git"}
        ],
        "environment": {"type": "LINUX_CONTAINER", "environmentVariables": [
            {"name": "API_KEY", "value": "key-x5", "type": "PLAINTEXT"},
            {"name": "STAGE", "value": "prod-x6", "type": "PLAINTEXT"},
            {"name": "DB_PASSWORD", "value": "arn:aws:secretsmanager:eu-west-1:1:secret:db", "type": "SECRETS_MANAGER"}
        ]}
    });
    let a = redacted(
        "AWS::CodeBuild::Project",
        p,
        &["ghtoken-x3", "x-token-x4", "key-x5", "prod-x6", "secret:db"],
    );
    let vars = &a["environment"]["environmentVariables"];
    assert_eq!(
        vars[0],
        json!({"name": "API_KEY", "value": MARKER, "type": "PLAINTEXT", "looks_secret": true})
    );
    assert_eq!(vars[1]["looks_secret"], false);
    // A reference to a secret store is not a secret in clear text.
    assert_eq!(vars[2]["looks_secret"], false);
    assert_eq!(vars[2]["type"], "SECRETS_MANAGER");
    assert_eq!(
        a["source"]["location"],
        "https://[redacted]@github.com/org/repo.git"
    );
    assert_eq!(
        a["secondarySources"][0]["location"],
        "https://[redacted]@github.com/org/two.git"
    );
    assert_eq!(
        a["secondarySources"][1]["location"],
        "https://github.com/org/three.git"
    );
}

#[test]
fn ecs_container_environment() {
    // DescribeTaskDefinition's taskDefinition.
    let t = json!({"family": "web", "containerDefinitions": [
        {"name": "app", "environment": [
            {"name": "AWS_ACCESS_KEY", "value": "AKIAIOSFODNN7EXAMPLE"},
            {"name": "CONFIG", "value": "AKIAIOSFODNN7EXAMPL2"},
            {"name": "PORT", "value": "8080"}
        ], "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/db"}]},
        {"name": "sidecar"}
    ]});
    let a = redacted(
        "AWS::ECS::TaskDefinition",
        t,
        &["AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPL2", "8080"],
    );
    let env = &a["containerDefinitions"][0]["environment"];
    assert_eq!(env[0]["looks_secret"], true);
    // A credential-looking value is flagged whatever its name.
    assert_eq!(env[1]["looks_secret"], true);
    assert_eq!(
        env[2],
        json!({"name": "PORT", "value": MARKER, "looks_secret": false})
    );
    // References are kept: they name a store, they are not the secret.
    assert_eq!(
        a["containerDefinitions"][0]["secrets"][0]["valueFrom"],
        "arn:aws:ssm:eu-west-1:1:parameter/db"
    );
    assert_eq!(a["containerDefinitions"][1], json!({"name": "sidecar"}));
}

#[test]
fn beanstalk_only_application_environment_and_db_password() {
    // The collector's `options` map, from DescribeConfigurationSettings' OptionSettings.
    let e = json!({"EnvironmentName": "shop", "options": {
        "aws:elasticbeanstalk:application:environment:STRIPE_SECRET": "sk-x7",
        "aws:elasticbeanstalk:application:environment:REGION_NAME": "eu-x8",
        "aws:rds:dbinstance:DBPassword": "pw-x9",
        "aws:elasticbeanstalk:cloudwatch:logs:StreamLogs": true,
        "aws:elasticbeanstalk:managedactions:ManagedActionsEnabled": false
    }});
    let a = redacted(
        "AWS::ElasticBeanstalk::Environment",
        e,
        &["sk-x7", "eu-x8", "pw-x9"],
    );
    let o = &a["options"];
    assert_eq!(
        o["aws:elasticbeanstalk:application:environment:STRIPE_SECRET"],
        hidden(true)
    );
    assert_eq!(
        o["aws:elasticbeanstalk:application:environment:REGION_NAME"],
        hidden(false)
    );
    assert_eq!(o["aws:rds:dbinstance:DBPassword"], hidden(true));
    // Settings the controls read stay as they were.
    assert_eq!(o["aws:elasticbeanstalk:cloudwatch:logs:StreamLogs"], true);
    assert_eq!(
        o["aws:elasticbeanstalk:managedactions:ManagedActionsEnabled"],
        false
    );
}

#[test]
fn glue_arguments_but_not_glues_own_settings() {
    // GetJobs' Job.
    let j = json!({"Name": "etl", "DefaultArguments": {
        "--enable-continuous-cloudwatch-log": "true",
        "--encryption-type": "sse-s3",
        "--db_password": "pw-x10",
        "--source_table": "orders-x11"
    }, "NonOverridableArguments": {"--api-token": "tok-x12"}});
    let a = redacted("AWS::Glue::Job", j, &["pw-x10", "orders-x11", "tok-x12"]);
    let args = &a["DefaultArguments"];
    assert_eq!(args["--enable-continuous-cloudwatch-log"], "true");
    assert_eq!(args["--encryption-type"], "sse-s3");
    assert_eq!(args["--db_password"], hidden(true));
    assert_eq!(args["--source_table"], hidden(false));
    assert_eq!(a["NonOverridableArguments"]["--api-token"], hidden(true));
}

#[test]
fn api_gateway_stage_variables() {
    // GetStages' Stage (REST) and GetStages' Stage (HTTP/WebSocket).
    let v1 = json!({"stageName": "prod", "variables": {"backendToken": "t-x13"}});
    let a = redacted("AWS::ApiGateway::Stage", v1, &["t-x13"]);
    assert_eq!(a["variables"]["backendToken"], hidden(true));
    let v2 = json!({"stageName": "prod", "stageVariables": {"url": "https://x-x14"}});
    let a = redacted("AWS::ApiGatewayV2::Stage", v2, &["x-x14"]);
    assert_eq!(a["stageVariables"]["url"], hidden(false));
}

#[test]
fn emr_configurations_and_kerberos_passwords() {
    // DescribeCluster's Cluster.
    let c = json!({"Id": "j-1", "Configurations": [
        {"Classification": "hive-site", "Properties": {
            "javax.jdo.option.ConnectionPassword": "pw-x15",
            "javax.jdo.option.ConnectionURL": "jdbc:mysql://db-x16:3306/hive"
        }},
        {"Classification": "hadoop-env", "Configurations": [
            {"Classification": "export", "Properties": {"SECRET_KEY": "s-x17"}}
        ]}
    ], "KerberosAttributes": {
        "Realm": "EC2.INTERNAL", "KdcAdminPassword": "k-x18",
        "CrossRealmTrustPrincipalPassword": "k-x19", "ADDomainJoinUser": "admin",
        "ADDomainJoinPassword": "k-x20"
    }});
    let a = redacted(
        "AWS::EMR::Cluster",
        c,
        &["pw-x15", "db-x16", "s-x17", "k-x18", "k-x19", "k-x20"],
    );
    let hive = &a["Configurations"][0]["Properties"];
    assert_eq!(hive["javax.jdo.option.ConnectionPassword"], hidden(true));
    assert_eq!(hive["javax.jdo.option.ConnectionURL"], hidden(false));
    assert_eq!(
        a["Configurations"][1]["Configurations"][0]["Properties"]["SECRET_KEY"],
        hidden(true)
    );
    assert_eq!(a["KerberosAttributes"]["KdcAdminPassword"], MARKER);
    assert_eq!(a["KerberosAttributes"]["ADDomainJoinUser"], "admin");
    assert_eq!(a["KerberosAttributes"]["Realm"], "EC2.INTERNAL");
}

#[test]
fn dms_endpoint_settings_passwords() {
    // DescribeEndpoints' Endpoint.
    let e = json!({"EndpointIdentifier": "src", "EngineName": "oracle",
        "OracleSettings": {"Password": "p-x21", "AsmPassword": "p-x22", "ServerName": "db"},
        "KafkaSettings": {"SaslPassword": "p-x23", "SaslUsername": "u"}});
    let a = redacted("AWS::DMS::Endpoint", e, &["p-x21", "p-x22", "p-x23"]);
    assert_eq!(a["OracleSettings"]["ServerName"], "db");
    assert_eq!(a["KafkaSettings"]["SaslUsername"], "u");
}

#[test]
fn other_types_are_untouched() {
    let r = json!({"Environment": {"Variables": {"A": "b"}}, "variables": {"x": "y"}});
    assert_eq!(redacted("AWS::S3::Bucket", r.clone(), &[]), r);
}

#[test]
fn secret_heuristics_match_the_former_rego_rule() {
    let s = |n: &str, v: &str| looks_secret(n, &json!(v));
    assert!(s("DB_PASSWORD", "hunter2"));
    assert!(s("stripe_api_key", "sk_live_x"));
    assert!(s("GITHUB_TOKEN", "abc"));
    assert!(!s("LOG_LEVEL", "debug"));
    assert!(!s(
        "DB_PASSWORD",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"
    ));
    assert!(!s("DB_PASSWORD", " "));
    assert!(!s("DB_PASSWORD", "${DB_PASSWORD}"));
    assert!(s("X", "AKIAIOSFODNN7EXAMPLE"));
    assert!(s("CONFIG", "-----BEGIN RSA PRIVATE KEY-----\nMII"));
    assert!(s("X", &format!("ghp_{}", "a".repeat(36))));
    assert!(!s("X", "akiaiosfodnn7example"));
    assert!(!looks_secret("DB_PASSWORD", &json!(true)));
}

#[test]
fn urls_lose_only_their_user_info() {
    assert_eq!(
        without_user_info("https://u:p?#@host/a@b"),
        "https://[redacted]@host/a@b"
    );
    assert_eq!(without_user_info("https://host/a@b"), "https://host/a@b");
    assert_eq!(without_user_info("s3://bucket/key"), "s3://bucket/key");
    assert_eq!(without_user_info("not a url"), "not a url");
}

#[test]
fn every_row_names_a_collected_type() {
    for rule in RULES {
        assert!(
            crate::collect::collector_of(rule.resource_type).is_some(),
            "{} is no collector's type",
            rule.resource_type
        );
    }
}
