package cdk

import (
	"regexp"
	"strings"
)

// singletonID matches the 32 hex digits CDK puts in the logical IDs of
// the singleton functions it adds (log retention, bucket notifications,
// AwsCustomResource); the app's own functions end in 8 upper-case digits.
var singletonID = regexp.MustCompile(`[0-9a-f]{32}`)

// isInternal reports whether a function is one CDK adds for itself:
// custom-resource providers (Custom::* constructs and the provider
// framework), bucket-notification handlers, log retention, auto-delete
// objects.
func isInternal(logicalID, constructPath string) bool {
	if singletonID.MatchString(logicalID) {
		return true
	}
	for _, seg := range strings.Split(constructPath, "/") {
		if strings.HasPrefix(seg, "Custom::") || strings.HasPrefix(seg, "framework-") {
			return true
		}
	}
	return false
}
