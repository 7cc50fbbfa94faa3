package content

import "testing"

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Musée du Louvre", "musee-du-louvre"},
		{"Victoria and Albert Museum", "victoria-and-albert-museum"},
		{"Château de Versailles", "chateau-de-versailles"},
		{"Taobao Live", "taobao-live"},
		{"快手", "快手"},
		{"Kuaishou 快手", "kuaishou-快手"},
		{"V&A", "v-a"},
		{"  Centre   Pompidou!! ", "centre-pompidou"},
		{"Straße", "strasse"},
		{"Œuvre", "oeuvre"},
		{"Museo Nacional del Prado", "museo-nacional-del-prado"},
		{"São Paulo", "sao-paulo"},
		{"Ελληνικά", "ελληνικα"},
		{"Москва", "москва"},
		{"first livestream", "first-livestream"},
		{"COP26", "cop26"},
		{"'quotes' & <angles>", "quotes-angles"},
		{"---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidSlug(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"louvre-fliggy-2020", true},
		{"快手-2020", true},
		{"a/b", false},
		{"..", false},
		{"a..b", false},
		{".hidden", false},
		{"", false},
		{"has space", false},
		{`back\slash`, false},
		{"q?x", false},
	}
	for _, tt := range tests {
		if got := ValidSlug(tt.in) == ""; got != tt.ok {
			t.Errorf("ValidSlug(%q) ok = %v, want %v (%s)", tt.in, got, tt.ok, ValidSlug(tt.in))
		}
	}
}
