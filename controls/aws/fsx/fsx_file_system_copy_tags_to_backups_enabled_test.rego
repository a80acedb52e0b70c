package parapet.aws.fsx.fsx_file_system_copy_tags_to_backups_enabled_test

import rego.v1

import data.parapet.aws.fsx.fsx_file_system_copy_tags_to_backups_enabled as control

res(attrs) := {"resource": {"name": "fs-1", "attributes": attrs}}

test_windows_on_passes if {
	inp := res({"FileSystemType": "WINDOWS", "WindowsConfiguration": {"CopyTagsToBackups": true}})
	control.status == "PASS" with input as inp
	control.reason == "FSx file system fs-1 copies its tags to backups" with input as inp
}

test_lustre_off_fails if {
	inp := res({"FileSystemType": "LUSTRE", "LustreConfiguration": {"CopyTagsToBackups": false}})
	control.status == "FAIL" with input as inp
	control.reason == "FSx file system fs-1 does not copy its tags to backups" with input as inp
}

test_openzfs_absent_setting_fails if control.status == "FAIL" with input as res({"FileSystemType": "OPENZFS", "OpenZFSConfiguration": {}})

test_ontap_is_skipped if {
	control.status == "SKIPPED" with input as res({"FileSystemType": "ONTAP"})
	control.reason == "FSx file system fs-1 (ONTAP) has no copy-tags-to-backups setting" with input as res({"FileSystemType": "ONTAP"})
}
