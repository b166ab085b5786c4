// Package report writes what orgbatch found and did back to people: the
// validation report (the input rows with their problems, problem cells
// highlighted), and the import report (the input rows with status, Feishu
// IDs, error codes and hints), as xlsx, CSV and JSON.
//
// Reports hold personal data: every file is written atomically and readable
// by the owner only.
package report
