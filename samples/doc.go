// Package samples holds the sample company (company.xlsx, and the same org as
// departments.csv + users.csv) and samples/invalid/, files that break each
// validation rule with their expected problems as golden files. The tests
// here check that the committed files are exactly what the generator writes
// and that validation reports exactly the golden problems; run
// `go test ./samples -update` to rewrite them after a deliberate change.
package samples
