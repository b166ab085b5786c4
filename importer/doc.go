// Package importer carries out a plan: it runs the plan's steps as a
// dependency graph on a worker pool that shares the pacer's per-endpoint
// rate limiters, records every finished step in a crash-safe journal, and
// returns one outcome per row for the report.
//
// A step starts as soon as the steps it needs are done — there are no
// level-by-level barriers — and the ready step with the longest chain of
// waiters goes first, so department and user creation overlap and the
// critical path never waits behind bulk work.
package importer
