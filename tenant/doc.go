// Package tenant owns reading a Feishu tenant: what exists for the rows of
// a sheet (by ID, by mobile and email, along department paths, the
// children of parents about to get new ones), and the whole tree
// (children?fetch_child plus find_by_department of every department). Every
// read lands in one Snapshot type, pages through feishu.Pages (one
// end-of-listing rule) and runs concurrently through one pool. The API is
// the paced client (feishu.Paced), so this package never waits, retries or
// counts attempts itself.
//
// The plan is built from a Snapshot without further reads (package plan is
// pure); prune and exporter use the same Snapshot.
package tenant
