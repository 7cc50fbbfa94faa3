package content

import (
	"strings"
	"testing"
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
