// Package run owns one run against a tenant, above the importer and the
// report: reading what the plan needs and deciding it (Plan, PlanWhole),
// the run folder with its lock, its tenant's lock, its client_token salt
// and run.json (OpenFolder, resume), and an import carried out — plan,
// confirmation hook, execution through the journal, report (Import). The
// CLI only adds flags, progress bars and exit codes.
package run
