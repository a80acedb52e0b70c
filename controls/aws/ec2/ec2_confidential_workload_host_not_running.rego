# METADATA
# title: Confidential workload host is running
# description: |
#   For instances that host confidential workloads (Nitro Enclaves or AMD SEV-SNP on, or
#   a DataClassification tag of confidential, restricted or secret), checks that they
#   are running (or starting). A stopped or stopping host means the sensitive
#   processing it carries is unavailable. Other instances, and instances being
#   terminated, are skipped.
# custom:
#   id: ec2_confidential_workload_host_not_running
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [State, EnclaveOptions, CpuOptions]
#   risk: The service that depends on the confidential workload is down, and a stopped host that nobody restarts is usually one nobody patches either.
#   remediation:
#     text: Start the instance (and find out why it stopped), or terminate it and remove the classification tag if the workload moved elsewhere.
#     cli: aws ec2 start-instances --instance-ids INSTANCE_ID
package parapet.aws.ec2.ec2_confidential_workload_host_not_running

import rego.v1

import data.parapet.lib.ec2

state := input.resource.attributes.State.Name

applies if {
	ec2.confidential_host(input.resource)
	not ec2.gone(input.resource)
}

status := "SKIPPED" if not applies

status := "PASS" if {
	applies
	state in {"running", "pending"}
}

status := "FAIL" if {
	applies
	state in {"stopped", "stopping"}
}

reason := sprintf("instance %s does not host a confidential workload (or is shutting down)", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("confidential workload host %s is %s", [input.resource.name, state]) if status in {"PASS", "FAIL"}
