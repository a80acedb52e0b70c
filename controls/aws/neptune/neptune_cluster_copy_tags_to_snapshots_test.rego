package parapet.aws.neptune.neptune_cluster_copy_tags_to_snapshots_test

import rego.v1

import data.parapet.aws.neptune.neptune_cluster_copy_tags_to_snapshots as control

res(attrs) := {"resource": {"name": "graph", "attributes": attrs}}

test_on_passes if {
	control.status == "PASS" with input as res({"CopyTagsToSnapshot": true})
	control.reason == "Neptune cluster graph copies its tags to snapshots" with input as res({"CopyTagsToSnapshot": true})
}

test_off_fails if {
	control.status == "FAIL" with input as res({"CopyTagsToSnapshot": false})
	control.reason == "Neptune cluster graph does not copy its tags to snapshots" with input as res({"CopyTagsToSnapshot": false})
}

test_never_set_fails if control.status == "FAIL" with input as res({"CopyTagsToSnapshot": null})
