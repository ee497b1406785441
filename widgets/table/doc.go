// Package table renders sweep results and run summaries as HTML tables for
// notebooks: numbers right-aligned and formatted to 4 significant digits
// (the full value in the cell's title), columns sortable by a click on
// their header (numerically when both cells are numbers), NaN shown as a
// blank "–" for a failed point.
//
// Build with New and Add, or FromStructs from a slice of result structs;
// show with Display (nothing outside a notebook) or embed with HTML.
package table
