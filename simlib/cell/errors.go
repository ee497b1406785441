package cell

import (
	"errors"
	"fmt"
)

// Error is a bad input: the object (a section, a point process, the
// options...), the field, its value and what is allowed.
type Error struct {
	Object  string // e.g. `section "dend"`, `point "syn" (Exp2Syn)`, "options"
	Field   string // e.g. "Diam"
	Value   any
	Allowed string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.Object, e.Allowed)
	}
	return fmt.Sprintf("%s: %s = %v: %s", e.Object, e.Field, e.Value, e.Allowed)
}

// errs collects build errors.
type errs []error

func (l *errs) add(obj, field string, v any, allowed string) {
	*l = append(*l, &Error{Object: obj, Field: field, Value: v, Allowed: allowed})
}

func (l errs) err() error { return errors.Join(l...) }
