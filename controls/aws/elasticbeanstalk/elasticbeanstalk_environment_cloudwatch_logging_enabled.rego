# METADATA
# title: Elastic Beanstalk environment streams its logs to CloudWatch Logs
# description: |
#   Checks the environment's option aws:elasticbeanstalk:cloudwatch:logs StreamLogs is
#   true, so instance logs are kept in CloudWatch Logs beyond the instances' life.
# custom:
#   id: elasticbeanstalk_environment_cloudwatch_logging_enabled
#   severity: medium
#   service: elasticbeanstalk
#   resource_type: AWS::ElasticBeanstalk::Environment
#   requires: [options]
#   risk: Application and web server logs disappear with the instances that wrote them, and cannot be searched after an incident.
#   remediation:
#     text: Turn on instance log streaming to CloudWatch Logs with a retention period.
#     cli: aws elasticbeanstalk update-environment --environment-name ENV --option-settings Namespace=aws:elasticbeanstalk:cloudwatch:logs,OptionName=StreamLogs,Value=true
#     terraform: |
#       resource "aws_elastic_beanstalk_environment" "this" {
#         setting {
#           namespace = "aws:elasticbeanstalk:cloudwatch:logs"
#           name      = "StreamLogs"
#           value     = "true"
#         }
#       }
package parapet.aws.elasticbeanstalk.elasticbeanstalk_environment_cloudwatch_logging_enabled

import rego.v1

value := object.get(input.resource.attributes.options, "aws:elasticbeanstalk:cloudwatch:logs:StreamLogs", false)

# The API types option values as strings ("true"); a boolean is accepted as well.
enabled if lower(sprintf("%v", [value])) == "true"

status := "PASS" if enabled

status := "FAIL" if {
	is_object(input.resource.attributes.options)
	not enabled
}

reason := sprintf("environment %s streams its logs to CloudWatch Logs", [input.resource.name]) if status == "PASS"

reason := sprintf("environment %s does not stream its logs to CloudWatch Logs", [input.resource.name]) if status == "FAIL"
