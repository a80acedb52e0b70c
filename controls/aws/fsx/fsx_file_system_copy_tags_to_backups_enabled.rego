# METADATA
# title: FSx file system copies its tags to backups
# description: |
#   Checks CopyTagsToBackups in the file system's type configuration (Lustre, Windows File
#   Server, OpenZFS), so backups carry the tags that access, retention and cost rules rely
#   on. FSx for NetApp ONTAP has no such setting and is skipped.
# custom:
#   id: fsx_file_system_copy_tags_to_backups_enabled
#   severity: low
#   service: fsx
#   resource_type: AWS::FSx::FileSystem
#   requires: [FileSystemType, LustreConfiguration, WindowsConfiguration, OpenZFSConfiguration]
#   risk: Backups lose their owner and classification tags, so tag-based access control and retention rules miss them.
#   remediation:
#     text: Turn on copying of tags to backups in the file system's configuration.
#     cli: aws fsx update-file-system --file-system-id FS_ID --windows-configuration CopyTagsToBackups=true
#     terraform: |
#       resource "aws_fsx_windows_file_system" "this" {
#         copy_tags_to_backups = true
#       }
package parapet.aws.fsx.fsx_file_system_copy_tags_to_backups_enabled

import rego.v1

attrs := input.resource.attributes

config_key := {"LUSTRE": "LustreConfiguration", "WINDOWS": "WindowsConfiguration", "OPENZFS": "OpenZFSConfiguration"}

config := object.get(attrs, config_key[attrs.FileSystemType], {})

status := "SKIPPED" if not config_key[attrs.FileSystemType]

status := "PASS" if config.CopyTagsToBackups == true

status := "FAIL" if {
	config_key[attrs.FileSystemType]
	not config.CopyTagsToBackups == true
}

reason := sprintf("FSx file system %s (%v) has no copy-tags-to-backups setting", [input.resource.name, attrs.FileSystemType]) if status == "SKIPPED"

reason := sprintf("FSx file system %s copies its tags to backups", [input.resource.name]) if status == "PASS"

reason := sprintf("FSx file system %s does not copy its tags to backups", [input.resource.name]) if status == "FAIL"
