// Package plan decides what an import would do, without doing it: it reads
// what already exists in the tenant for the rows of a sheet (Read), compares
// (Build), and returns plain data — one Change per row (create, update with
// old → new per field, move, unchanged, blocked) and the Steps that carry
// it out (API bodies, deterministic client_tokens, dependencies).
//
// `import --dry-run` and `diff` render a plan and stop; `import` hands the
// same plan's steps to the importer. Nothing here writes to the tenant.
package plan
