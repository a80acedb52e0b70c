# EC2 instance classification shared by the confidential-workload controls, so they
# all agree on which instances are in scope.
package parapet.lib.ec2

import rego.v1

classified_values := {"confidential", "restricted", "secret"}

# Nitro Enclaves or AMD SEV-SNP on, or a DataClassification tag naming a classified level.
confidential_host(resource) if resource.attributes.EnclaveOptions.Enabled == true

confidential_host(resource) if resource.attributes.CpuOptions.AmdSevSnp == "enabled"

confidential_host(resource) if {
	is_object(resource.tags)
	some key, value in resource.tags
	is_string(value)
	lower(key) == "dataclassification"
	lower(trim_space(value)) in classified_values
}

# Instances on their way out are no longer a risk worth reporting.
gone(resource) if resource.attributes.State.Name in {"shutting-down", "terminated"}
