package content

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a date the sources give.
type Precision uint8

// The precisions a Date can have, coarsest first.
const (
	Year Precision = iota + 1
	Season
	Month
	Day
	Instant // a date-time with a UTC offset
)

// Seasons, in calendar order of the month each starts in.
var seasons = [...]struct {
	name  string
	month time.Month
}{
	{"spring", time.March},
	{"summer", time.June},
	{"autumn", time.September},
	{"winter", time.December},
}

// Date is a broadcast date at the precision its source gives: a year
// ("2020"), a season ("2020-summer"), a month ("2020-09"), a day
// ("2020-09-25") or an instant ("2020-09-25T14:00:00+02:00"). The zero
// Date is "no date". Dates never invent what the source did not say:
// a month stays a month when formatted.
//
// A Date takes 16 bytes (a time.Time alone takes 24, and a pointer the
// collector must follow): an archive of 100,000 events keeps several
// hundred thousand for the whole build.
type Date struct {
	sec  int64 // the earliest instant the date can mean, in seconds since the start of year 1, UTC
	nsec int32 // and nanoseconds, for an instant written with a fraction of a second
	off  int16 // an instant's UTC offset, in minutes (RFC 3339 has no finer one); 0 otherwise
	prec Precision
}

// zeroUnix is the Unix time of the zero time.Time, which the zero Date
// stands for.
const zeroUnix = -62135596800

// dateOf returns the Date of t at precision p.
func dateOf(t time.Time, p Precision) Date {
	_, off := t.Zone()
	return Date{sec: t.Unix() - zeroUnix, nsec: int32(t.Nanosecond()), off: int16(off / 60), prec: p}
}

// ParseDate parses s in one of the forms Date documents.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY, YYYY-MM, YYYY-MM-DD, YYYY-<season> or an RFC 3339 date-time with offset", s)
	}
	switch {
	case len(s) == 4:
		y, ok := year(s)
		if !ok {
			return bad()
		}
		return dateOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Year), nil
	case len(s) == 7 && s[4] == '-':
		y, ok := year(s[:4])
		m, err := strconv.Atoi(s[5:])
		if !ok || err != nil || m < 1 || m > 12 || s[5] == '+' || s[5] == '-' {
			return bad()
		}
		return dateOf(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), Month), nil
	case len(s) == 10:
		t, err := time.Parse("2006-01-02", s)
		if err != nil || t.Year() < 1 {
			return bad()
		}
		return dateOf(t, Day), nil
	case len(s) > 5 && s[4] == '-' && !isDigit(s[5]):
		y, ok := year(s[:4])
		if !ok {
			return bad()
		}
		for _, se := range seasons {
			if s[5:] == se.name {
				return dateOf(time.Date(y, se.month, 1, 0, 0, 0, 0, time.UTC), Season), nil
			}
		}
		return bad()
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || t.Year() < 1 {
		return bad()
	}
	return dateOf(t, Instant), nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(s)
	return y, y >= 1
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.prec == 0 }

// Precision returns how much of the date is known.
func (d Date) Precision() Precision { return d.prec }

// Time returns the earliest instant d can mean: in UTC, or for an
// instant, at its UTC offset.
func (d Date) Time() time.Time {
	t := time.Unix(d.sec+zeroUnix, int64(d.nsec)).UTC()
	if d.off != 0 {
		t = t.In(time.FixedZone("", int(d.off)*60))
	}
	return t
}

// Year returns the year.
func (d Date) Year() int { return d.Time().Year() }

// Month returns the month, or 0 when the date is a year or a season.
func (d Date) Month() time.Month {
	if d.prec < Month {
		return 0
	}
	return d.Time().Month()
}

// SeasonName returns "summer" etc. for a season date and "" otherwise.
func (d Date) SeasonName() string {
	if d.prec != Season {
		return ""
	}
	for _, se := range seasons {
		if se.month == d.Time().Month() {
			return se.name
		}
	}
	return ""
}

// String returns d in the form it was written in (an instant in RFC 3339).
func (d Date) String() string {
	switch d.prec {
	case Year:
		return d.Time().Format("2006")
	case Season:
		return d.Time().Format("2006") + "-" + d.SeasonName()
	case Month:
		return d.Time().Format("2006-01")
	case Day:
		return d.Time().Format("2006-01-02")
	case Instant:
		return d.Time().Format(time.RFC3339)
	}
	return ""
}

// Machine returns d as a valid HTML <time datetime> value at d's
// precision: "2020", "2020-09", "2020-09-25" or an RFC 3339 instant.
// A season has no HTML form, so it gives its year.
func (d Date) Machine() string {
	if d.prec == Season {
		return d.Time().Format("2006")
	}
	return d.String()
}

// Human returns d for readers, at its precision: "2020", "Summer 2020",
// "September 2020", "25 September 2020", or "25 September 2020, 14:00 UTC+02:00".
func (d Date) Human() string {
	switch d.prec {
	case Year:
		return d.Time().Format("2006")
	case Season:
		n := d.SeasonName()
		return strings.ToUpper(n[:1]) + n[1:] + " " + d.Time().Format("2006")
	case Month:
		return d.Time().Format("January 2006")
	case Day:
		return d.Time().Format("2 January 2006")
	case Instant:
		if d.off == 0 {
			return d.Time().Format("2 January 2006, 15:04 UTC")
		}
		return d.Time().Format("2 January 2006, 15:04 UTC-07:00")
	}
	return ""
}

// Compare orders dates by their earliest instant, coarser precision
// first when two dates begin together ("2020" before "2020-01-01").
func (d Date) Compare(e Date) int {
	if c := cmp.Compare(d.sec, e.sec); c != 0 {
		return c
	}
	if c := cmp.Compare(d.nsec, e.nsec); c != 0 {
		return c
	}
	return int(d.prec) - int(e.prec)
}
