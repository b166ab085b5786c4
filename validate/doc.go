// Package validate checks an org read from sheets against the rules the
// Contact v3 API enforces, offline, and reports every problem at once with
// its file, sheet, row and column. The rules themselves (codes, severities,
// texts) are the table in package problem; this package holds the checks.
package validate
