package parapet.aws.eks.eks_cluster_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.eks.eks_cluster_not_publicly_accessible as control

cluster(vpc) := {"resource": {"name": "prod", "attributes": {"resourcesVpcConfig": vpc}}}

test_private_only_passes if {
	control.status == "PASS" with input as cluster({"endpointPublicAccess": false, "endpointPrivateAccess": true})
	control.reason == "EKS cluster prod has no public API endpoint" with input as cluster({"endpointPublicAccess": false})
}

test_public_with_narrow_cidrs_passes if {
	inp := cluster({"endpointPublicAccess": true, "publicAccessCidrs": ["203.0.113.0/24"]})
	control.status == "PASS" with input as inp
	control.reason == "EKS cluster prod limits its public API endpoint to 203.0.113.0/24" with input as inp
}

test_public_to_everyone_fails if {
	control.status == "FAIL" with input as cluster({"endpointPublicAccess": true, "publicAccessCidrs": ["0.0.0.0/0"]})
	control.status == "FAIL" with input as cluster({"endpointPublicAccess": true, "publicAccessCidrs": ["10.0.0.0/8", "::/0"]})
	# Without a CIDR list AWS opens the endpoint to all.
	control.status == "FAIL" with input as cluster({"endpointPublicAccess": true})
}
