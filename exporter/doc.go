// Package exporter reads a tenant's org chart back out of Feishu (Lark)
// Contact v3 and writes it in the import template's format, with audit
// extras.
//
// Walk lists the departments with one paged GET
// /departments/:root/children?fetch_child=true and, as each department
// appears, lists its direct members with paged GET
// /users/find_by_department (the root's too), in parallel, every attempt
// through the shared feishu.Pacer: the same per-endpoint rate limits and
// retry policy as an import. Page sizes are the documented maxima (50), so
// the number of successful calls is the minimum the data allows, which
// Snapshot.MinCalls computes from what was read.
//
// A Snapshot holds the departments parent-first (depth-first, siblings by
// order) with their paths and depths, and the users once each, sorted by
// user_id, with all their departments. Sheets renders the template's
// departments and users sheets (plus read-only columns), a tree sheet and a
// metadata sheet with content hashes; every cell is escaped against formula
// injection. Tree prints the indented tree with member counts.
//
// find_by_department lists no resigned users, so an export holds the
// active, inactive (not yet activated), frozen and unjoined users only.
package exporter
