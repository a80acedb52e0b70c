# METADATA
# title: Glue ETL job has continuous logging on
# description: |
#   Checks that the job's default arguments turn on continuous logging to CloudWatch
#   Logs (--enable-continuous-cloudwatch-log "true").
# custom:
#   id: glue_etl_jobs_logging_enabled
#   severity: medium
#   service: glue
#   resource_type: AWS::Glue::Job
#   requires: [DefaultArguments]
#   risk: Failures and unexpected data access by the job cannot be followed while it runs or investigated afterwards.
#   remediation:
#     text: Set --enable-continuous-cloudwatch-log to true in the job's default arguments.
#     cli: aws glue update-job --job-name JOB --job-update 'Role=ROLE_ARN,Command={Name=glueetl,ScriptLocation=s3://bucket/script.py},DefaultArguments={"--enable-continuous-cloudwatch-log"="true"}'
#     terraform: |
#       resource "aws_glue_job" "this" {
#         default_arguments = {
#           "--enable-continuous-cloudwatch-log" = "true"
#         }
#       }
package parapet.aws.glue.glue_etl_jobs_logging_enabled

import rego.v1

flag := lower(object.get(input.resource.attributes, ["DefaultArguments", "--enable-continuous-cloudwatch-log"], "false"))

status := "PASS" if flag == "true"

status := "FAIL" if flag != "true"

reason := sprintf("Glue job %s logs continuously to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("Glue job %s has continuous logging off", [input.resource.name]) if status == "FAIL"
