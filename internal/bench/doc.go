// Package bench measures orgbatch against lower bounds: offline validation
// against a bare excelize streaming read of the same workbook, and (in
// other files) import and export against the API's rate limits. The
// `orgbatch bench` command and the Go benchmarks both call it; it never
// asserts on time, it reports.
package bench
