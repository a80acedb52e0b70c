# METADATA
# title: DMS replication task logs its source components
# description: |
#   Checks the task's settings: CloudWatch logging must be on (Logging.EnableLogging) and
#   the SOURCE_CAPTURE and SOURCE_UNLOAD components must log at LOGGER_SEVERITY_DEFAULT or
#   more detail (DEBUG, DETAILED_DEBUG). Lower levels (ERROR, WARNING, INFO) and missing
#   components fail, naming them.
# custom:
#   id: dms_replication_task_source_logging_enabled
#   severity: medium
#   service: dms
#   resource_type: AWS::DMS::ReplicationTask
#   requires: [settings]
#   risk: Failures and data problems on the source side of the migration leave no record to diagnose or audit.
#   remediation:
#     text: Enable logging in the task settings with SOURCE_CAPTURE and SOURCE_UNLOAD at LOGGER_SEVERITY_DEFAULT.
#     cli: aws dms modify-replication-task --replication-task-arn TASK_ARN --replication-task-settings file://task-settings.json
#     terraform: |
#       resource "aws_dms_replication_task" "this" {
#         replication_task_settings = jsonencode({
#           Logging = {
#             EnableLogging = true
#             LogComponents = [
#               { Id = "SOURCE_CAPTURE", Severity = "LOGGER_SEVERITY_DEFAULT" },
#               { Id = "SOURCE_UNLOAD", Severity = "LOGGER_SEVERITY_DEFAULT" },
#             ]
#           }
#         })
#       }
package parapet.aws.dms.dms_replication_task_source_logging_enabled

import rego.v1

settings := input.resource.attributes.settings

logging := object.get(settings, "Logging", {}) if is_object(settings)

enough := {"LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_DEBUG", "LOGGER_SEVERITY_DETAILED_DEBUG"}

logged(component) if {
	some c in object.get(logging, "LogComponents", [])
	c.Id == component
	c.Severity in enough
}

missing := [c | some c in ["SOURCE_CAPTURE", "SOURCE_UNLOAD"]; not logged(c)]

readable if is_object(settings)

status := "PASS" if {
	readable
	logging.EnableLogging == true
	count(missing) == 0
}

status := "FAIL" if {
	readable
	not logging.EnableLogging == true
}

status := "FAIL" if {
	readable
	logging.EnableLogging == true
	count(missing) > 0
}

reason := sprintf("DMS replication task %s logs %s at default severity or more", [input.resource.name, concat(" and ", ["SOURCE_CAPTURE", "SOURCE_UNLOAD"])]) if status == "PASS"

reason := sprintf("DMS replication task %s has logging off", [input.resource.name]) if {
	status == "FAIL"
	not logging.EnableLogging == true
}

reason := sprintf("DMS replication task %s does not log %s at default severity or more", [input.resource.name, concat(" and ", missing)]) if {
	status == "FAIL"
	logging.EnableLogging == true
}
