// Package run owns one run against a tenant: reading what the plan needs
// and deciding the plan (Plan, PlanWhole).
package run
