# METADATA
# title: Elastic Beanstalk environment applies platform updates itself
# description: |
#   Checks the environment's option aws:elasticbeanstalk:managedactions
#   ManagedActionsEnabled is true, so platform patches are applied in a maintenance
#   window.
# custom:
#   id: elasticbeanstalk_environment_managed_updates_enabled
#   severity: medium
#   service: elasticbeanstalk
#   resource_type: AWS::ElasticBeanstalk::Environment
#   requires: [options]
#   risk: Operating system, runtime and web server fixes wait for someone to apply them by hand.
#   remediation:
#     text: Turn on managed platform updates with a weekly maintenance window.
#     cli: aws elasticbeanstalk update-environment --environment-name ENV --option-settings Namespace=aws:elasticbeanstalk:managedactions,OptionName=ManagedActionsEnabled,Value=true Namespace=aws:elasticbeanstalk:managedactions,OptionName=PreferredStartTime,Value=Sun:02:00
#     terraform: |
#       resource "aws_elastic_beanstalk_environment" "this" {
#         setting {
#           namespace = "aws:elasticbeanstalk:managedactions"
#           name      = "ManagedActionsEnabled"
#           value     = "true"
#         }
#       }
package parapet.aws.elasticbeanstalk.elasticbeanstalk_environment_managed_updates_enabled

import rego.v1

value := object.get(input.resource.attributes.options, "aws:elasticbeanstalk:managedactions:ManagedActionsEnabled", false)

# The API types option values as strings ("true"); a boolean is accepted as well.
enabled if lower(sprintf("%v", [value])) == "true"

status := "PASS" if enabled

status := "FAIL" if {
	is_object(input.resource.attributes.options)
	not enabled
}

reason := sprintf("environment %s applies managed platform updates", [input.resource.name]) if status == "PASS"

reason := sprintf("environment %s does not apply managed platform updates", [input.resource.name]) if status == "FAIL"
