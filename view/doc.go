// Package view renders for people at a terminal: the plan, problems, the
// outcome of an import, what a prune would delete, an export's summary and
// the tree. One home for everything printed from sheet or tenant data, so
// every such value goes through textsafe.Terminal. Files for people (xlsx,
// CSV) are package report's.
package view
