# METADATA
# title: EFS access point confines clients to a directory
# description: |
#   Checks that the access point's root directory is a subdirectory rather than "/", so
#   clients mounting through it see only their part of the file system. Access points
#   exist to give each application its own slice; one rooted at "/" gives the whole
#   file system.
# custom:
#   id: efs_access_point_enforce_root_directory
#   severity: medium
#   service: efs
#   resource_type: AWS::EFS::AccessPoint
#   requires: [RootDirectory]
#   risk: An application (or whoever compromises it) reads and changes every other application's files on the shared file system.
#   remediation:
#     text: Access point settings cannot be changed; create a new access point with a root directory path for the application and move clients to it, then delete the old one.
#     cli: aws efs create-access-point --file-system-id FS_ID --root-directory 'Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=750}' --posix-user Uid=1000,Gid=1000
#     terraform: |
#       resource "aws_efs_access_point" "app" {
#         file_system_id = aws_efs_file_system.this.id
#         root_directory {
#           path = "/app"
#         }
#       }
package parapet.aws.efs.efs_access_point_enforce_root_directory

import rego.v1

root := input.resource.attributes.RootDirectory

# EFS reports "/" when no root directory was given.
path := object.get(root, "Path", "/") if is_object(root)

path := "/" if root == null

status := "PASS" if path != "/"

status := "FAIL" if path == "/"

reason := sprintf("access point %s confines clients to %s", [input.resource.name, path]) if status == "PASS"

reason := sprintf("access point %s exposes the whole file system (root directory /)", [input.resource.name]) if status == "FAIL"
