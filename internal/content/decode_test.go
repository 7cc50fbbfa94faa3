package content

import "testing"

// TestSchemaRequired checks what schema.decode counts on: each required
// key is one the schema accepts, and there are few enough to be marked
// in a uint64.
func TestSchemaRequired(t *testing.T) {
	checkRequired(t, &eventSchema)
	checkRequired(t, &citationSchema)
	checkRequired(t, &platformSchema)
	checkRequired(t, &institutionSchema)
	checkRequired(t, &pageSchema)
	checkRequired(t, &configSchema)
}

func checkRequired[T any](t *testing.T, s *schema[T]) {
	t.Helper()
	if len(s.required) > 64 {
		t.Errorf("%s: %d required keys, more than 64", s.kind, len(s.required))
	}
	for _, k := range s.required {
		if _, ok := s.fields[k]; !ok {
			t.Errorf("%s: required key %q is not one it accepts", s.kind, k)
		}
	}
}
