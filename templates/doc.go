// Package templates is the sheet format orgbatch reads and writes: the
// ready-to-fill templates (bilingual headers, an example row, an
// instructions sheet built from the rule table, dropdowns, text-formatted ID
// columns, a frozen header), and the workbooks that exports and generated
// samples write in that same format.
//
// The files committed beside this package are exactly what
// `orgbatch template` writes; a test regenerates and compares them.
package templates
