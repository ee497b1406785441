package table

import (
	"fmt"
	"html"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/golgi-sim/golgi/widgets"
)

// Table is a caption, column names and rows of values.
type Table struct {
	Caption string
	Columns []string
	Rows    [][]any
	// Sortable adds click-to-sort on the headers (a few hundred bytes of
	// script); New sets it.
	Sortable bool
	// Decimals, when set for a column (by its index), shows that column's
	// numbers with that many decimals instead of 4 significant digits:
	// times, set by TimeColumns.
	Decimals map[int]int
}

// TimeColumns shows the numbers of the named columns as times on the grid
// of step dt (ms): with dt's decimals (widgets.TimeDecimals), so 197*0.1 is
// 19.7 and 1234.5 is not rounded to 4 significant digits. An unknown
// column or a dt that is not > 0 is an error.
func (t *Table) TimeColumns(dt float64, columns ...string) error {
	if !(dt > 0) || math.IsInf(dt, 0) {
		return fmt.Errorf("table: TimeColumns: dt = %v; must be a positive number of ms", dt)
	}
	for _, name := range columns {
		k := -1
		for i, c := range t.Columns {
			if c == name {
				k = i
				break
			}
		}
		if k < 0 {
			return fmt.Errorf("table: TimeColumns: no column %q; the columns are %q", name, t.Columns)
		}
		if t.Decimals == nil {
			t.Decimals = map[int]int{}
		}
		t.Decimals[k] = widgets.TimeDecimals(dt)
	}
	return nil
}

// New returns an empty sortable table with the given columns.
func New(columns ...string) *Table {
	return &Table{Columns: columns, Sortable: true}
}

// Add appends a row; it must have one value per column.
func (t *Table) Add(values ...any) error {
	if len(values) != len(t.Columns) {
		return fmt.Errorf("table: Add: row %d has %d values but the table has %d columns %q", len(t.Rows), len(values), len(t.Columns), t.Columns)
	}
	t.Rows = append(t.Rows, values)
	return nil
}

// FromStructs makes a table from a slice of structs (or pointers to
// structs), one row each; the exported fields are the columns, named by a
// `table:"name"` tag or the field name (`table:"-"` leaves a field out).
func FromStructs(rows any) (*Table, error) {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("table: FromStructs: got %T, want a slice of structs", rows)
	}
	et := v.Type().Elem()
	ptr := et.Kind() == reflect.Pointer
	if ptr {
		et = et.Elem()
	}
	if et.Kind() != reflect.Struct {
		return nil, fmt.Errorf("table: FromStructs: got %T, want a slice of structs", rows)
	}
	var idx []int
	t := New()
	for i := range et.NumField() {
		f := et.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag := f.Tag.Get("table"); tag == "-" {
			continue
		} else if tag != "" {
			name = tag
		}
		idx = append(idx, i)
		t.Columns = append(t.Columns, name)
	}
	for r := range v.Len() {
		e := v.Index(r)
		if ptr {
			if e.IsNil() {
				return nil, fmt.Errorf("table: FromStructs: element %d is nil", r)
			}
			e = e.Elem()
		}
		row := make([]any, len(idx))
		for k, i := range idx {
			row[k] = e.Field(i).Interface()
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// Summary makes a two-column table (quantity, value) from alternating
// names and values: Summary("run", "neurons", 1000, "spikes", 51234).
func Summary(caption string, pairs ...any) (*Table, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("table: Summary: %d arguments after the caption; want name, value pairs", len(pairs))
	}
	t := &Table{Caption: caption, Columns: []string{"quantity", "value"}}
	for i := 0; i < len(pairs); i += 2 {
		t.Rows = append(t.Rows, []any{fmt.Sprint(pairs[i]), pairs[i+1]})
	}
	return t, nil
}

var tableSeq atomic.Int64

// HTML returns the table as an HTML fragment.
func (t *Table) HTML() string {
	id := fmt.Sprintf("golgi_table_%s_%d", widgets.UniqueID(), tableSeq.Add(1))
	var b strings.Builder
	fmt.Fprintf(&b, `<table id="%s" class="golgi-table" style="border-collapse:collapse;font-family:sans-serif;font-size:13px">`, id)
	if t.Caption != "" {
		fmt.Fprintf(&b, `<caption style="text-align:left;font-weight:bold;padding:4px 0">%s</caption>`, html.EscapeString(t.Caption))
	}
	b.WriteString("<thead><tr>")
	cursor := ""
	if t.Sortable {
		cursor = "cursor:pointer;"
	}
	for _, c := range t.Columns {
		fmt.Fprintf(&b, `<th style="%sborder-bottom:2px solid #888;padding:3px 8px;text-align:left">%s</th>`, cursor, html.EscapeString(c))
	}
	b.WriteString("</tr></thead><tbody>")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for k, v := range row {
			d, fixed := t.Decimals[k]
			if !fixed {
				d = -1
			}
			text, sortKey, full, numeric := cell(v, d)
			style := "border-bottom:1px solid #ddd;padding:3px 8px"
			attr := ""
			if numeric {
				style += ";text-align:right;font-variant-numeric:tabular-nums"
				attr = fmt.Sprintf(` data-v="%s" title="%s"`, sortKey, html.EscapeString(full))
			}
			fmt.Fprintf(&b, `<td style="%s"%s>%s</td>`, style, attr, html.EscapeString(text))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>\n")
	if t.Sortable {
		fmt.Fprintf(&b, `<script>(function(){var t=document.getElementById(%q);if(!t)return;var ths=t.tHead.rows[0].cells;Array.prototype.forEach.call(ths,function(th,i){var asc=true;th.onclick=function(){var rows=Array.prototype.slice.call(t.tBodies[0].rows);rows.sort(function(a,b){var x=a.cells[i],y=b.cells[i],p=parseFloat(x.dataset.v),q=parseFloat(y.dataset.v),r;if(!isNaN(p)&&!isNaN(q))r=p-q;else r=x.textContent.localeCompare(y.textContent);return asc?r:-r;});asc=!asc;rows.forEach(function(r){t.tBodies[0].appendChild(r);});};});})();</script>`+"\n", id)
	}
	return b.String()
}

// Display shows the table in the running notebook cell; nothing outside one.
func (t *Table) Display() { widgets.DisplayHTML(t.HTML()) }

// cell formats a value: its text, its numeric sort key, its full value for
// the tooltip and whether it is a number. A float is shown with decimals
// decimals (a time column), or with 4 significant digits when decimals < 0;
// its tooltip has 12 significant digits, which drops float64's rounding
// noise (19.700000000000003 is 19.7).
func cell(v any, decimals int) (text, key, full string, numeric bool) {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		s := fmt.Sprint(x)
		return s, s, s, true
	case time.Duration:
		return x.Round(time.Millisecond).String(), strconv.FormatFloat(x.Seconds(), 'g', -1, 64), x.String(), true
	case nil:
		return "", "", "", false
	case error:
		return x.Error(), "", "", false
	default:
		return fmt.Sprint(v), "", "", false
	}
	if math.IsNaN(f) {
		return "–", "", "NaN", true
	}
	full = strconv.FormatFloat(f, 'g', 12, 64)
	if decimals >= 0 {
		return strconv.FormatFloat(f, 'f', decimals, 64), full, full, true
	}
	return strconv.FormatFloat(f, 'g', 4, 64), full, full, true
}
