package content

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in            string
		prec          Precision
		human, mach   string
		wantErrSubstr string
	}{
		{in: "2020", prec: Year, human: "2020", mach: "2020"},
		{in: "2020-09", prec: Month, human: "September 2020", mach: "2020-09"},
		{in: "2020-09-25", prec: Day, human: "25 September 2020", mach: "2020-09-25"},
		{in: "2020-summer", prec: Season, human: "Summer 2020", mach: "2020"},
		{in: "2020-winter", prec: Season, human: "Winter 2020", mach: "2020"},
		{in: "2020-09-25T14:00:00+02:00", prec: Instant, human: "25 September 2020, 14:00 UTC+02:00", mach: "2020-09-25T14:00:00+02:00"},
		{in: "2020-09-25T14:00:00+05:30", prec: Instant, human: "25 September 2020, 14:00 UTC+05:30", mach: "2020-09-25T14:00:00+05:30"},
		{in: "2020-09-25T14:00:00-03:00", prec: Instant, human: "25 September 2020, 14:00 UTC-03:00", mach: "2020-09-25T14:00:00-03:00"},
		{in: "2020-09-25T14:00:00Z", prec: Instant, human: "25 September 2020, 14:00 UTC", mach: "2020-09-25T14:00:00Z"},
		{in: " 2021-01-13 ", prec: Day, human: "13 January 2021", mach: "2021-01-13"},
		{in: "25/09/2020", wantErrSubstr: "invalid date"},
		{in: "2020-13", wantErrSubstr: "invalid date"},
		{in: "2020-00", wantErrSubstr: "invalid date"},
		{in: "2020-+9", wantErrSubstr: "invalid date"},
		{in: "2020-02-30", wantErrSubstr: "invalid date"},
		{in: "2020-fall", wantErrSubstr: "invalid date"},
		{in: "0000", wantErrSubstr: "invalid date"},
		{in: "0000-01", wantErrSubstr: "invalid date"},
		{in: "0000-01-01", wantErrSubstr: "invalid date"},
		{in: "0000-01-01T00:00:00Z", wantErrSubstr: "invalid date"},
		{in: "20200925", wantErrSubstr: "invalid date"},
		{in: "2020-09-25T14:00:00", wantErrSubstr: "invalid date"}, // no offset
		{in: "September 2020", wantErrSubstr: "invalid date"},
		{in: "", wantErrSubstr: "invalid date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if tt.wantErrSubstr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrSubstr) {
					t.Fatalf("ParseDate(%q) error = %v, want one containing %q", tt.in, err, tt.wantErrSubstr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if d.Precision() != tt.prec {
				t.Errorf("precision = %d, want %d", d.Precision(), tt.prec)
			}
			if got := d.Human(); got != tt.human {
				t.Errorf("Human() = %q, want %q", got, tt.human)
			}
			if got := d.Machine(); got != tt.mach {
				t.Errorf("Machine() = %q, want %q", got, tt.mach)
			}
			again, err := ParseDate(d.String())
			if err != nil || again != d {
				t.Errorf("ParseDate(String()) = %v, %v; want the same date back", again, err)
			}
		})
	}
}

func TestDateCompare(t *testing.T) {
	order := []string{"2020", "2020-01", "2020-01-01", "2020-summer", "2020-06-15", "2020-09", "2020-09-25", "2020-09-25T14:00:00+02:00", "2021"}
	for i := 0; i+1 < len(order); i++ {
		a, _ := ParseDate(order[i])
		b, _ := ParseDate(order[i+1])
		if a.Compare(b) >= 0 {
			t.Errorf("%s.Compare(%s) = %d, want < 0", order[i], order[i+1], a.Compare(b))
		}
	}
}

// TestDateTime checks that a Date gives back the instant it was parsed
// from, at the offset it was written with.
func TestDateTime(t *testing.T) {
	if got := (Date{}).Time(); got != (time.Time{}) {
		t.Errorf("Date{}.Time() = %v, want the zero time", got)
	}
	for in, layout := range map[string]string{
		"2020":                                "2006",
		"2020-09-25":                          "2006-01-02",
		"2020-09-25T14:00:00+05:30":           time.RFC3339,
		"2020-09-25T23:30:00-03:00":           time.RFC3339,
		"0001-01-01T00:00:00Z":                time.RFC3339,
		"2020-09-25T14:00:00.125+02:00":       time.RFC3339,
		"9999-12-31T23:59:59.999999999Z":      time.RFC3339,
		"2020-09-25T14:00:00.000000001Z":      time.RFC3339,
		"2020-09-25T14:00:00.000000002+01:00": time.RFC3339,
	} {
		want, err := time.Parse(layout, in)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseDate(in)
		if err != nil {
			t.Fatal(err)
		}
		got := d.Time()
		_, gotOff := got.Zone()
		_, wantOff := want.Zone()
		if !got.Equal(want) || gotOff != wantOff || got.Format(time.RFC3339Nano) != want.Format(time.RFC3339Nano) {
			t.Errorf("ParseDate(%q).Time() = %v, want %v", in, got, want)
		}
	}
	a, _ := ParseDate("2020-09-25T14:00:00.000000001Z")
	b, _ := ParseDate("2020-09-25T14:00:00.000000002+00:00")
	if a.Compare(b) >= 0 || b.Compare(a) <= 0 {
		t.Errorf("instants a nanosecond apart compare %d", a.Compare(b))
	}
}
