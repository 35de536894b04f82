package objectredaction

import "strings"

// lowerName makes a unique resource name fit S3's access point names:
// lowercase letters, digits and single hyphens, not at either end.
func lowerName(n string) string {
	n = strings.ToLower(n)
	for strings.Contains(n, "--") {
		n = strings.ReplaceAll(n, "--", "-")
	}
	return strings.Trim(n, "-")
}
